def test_struct_results_and_arguments_by_value(mod):
    ffi, lib = mod.ffi, mod.lib
    p = lib.make_point(3, 4)
    assert ffi.typeof(p) is ffi.typeof("struct point")
    assert (p.x, p.y) == (3, 4)
    r = lib.grow({"min": {"x": 0, "y": 0}, "max": [2, 3]}, 1)
    assert (r.min.x, r.min.y, r.max.x, r.max.y) == (-1, -1, 3, 4)
    assert lib.big_sum(lib.make_big(10)) == 60


def test_structs_by_pointer(mod):
    ffi, lib = mod.ffi, mod.lib
    r = ffi.new("struct rect *", [[1, 1], [4, 5]])
    assert lib.area(r) == 12
    assert lib.area([[[0, 0], [2, 2]]]) == 4  # a list converts into a temporary array


def test_typedef_of_anonymous_struct(mod):
    c = mod.lib.cmul([1.0, 2.0], [3.0, 4.0])
    assert (c.re, c.im) == (-5.0, 10.0)
    assert mod.ffi.typeof(c) is mod.ffi.typeof("cplx")


def test_unions(mod):
    ffi, lib = mod.ffi, mod.lib
    n = lib.as_num(0x01020304)
    assert n.i == 0x01020304
    assert sorted(n.bytes) == [1, 2, 3, 4]
    assert ffi.sizeof("union num") == 4


def test_anonymous_members(mod):
    ffi, lib = mod.ffi, mod.lib
    t = ffi.new("struct tagged *")
    t.kind, t.i, t.lo, t.hi = 1, 10, 100, 1000
    assert lib.tagged_sum(t[0]) == 1111
    t.d = 2.5
    assert t.d == 2.5


def test_fields_of_anonymous_types(mod):
    ffi, lib = mod.ffi, mod.lib
    n = ffi.new("struct nested *", {"inner": {"a": 1, "b": 2}, "after": 4})
    n.slots[1].i = 3
    assert lib.nested_sum(n) == 10
    n.slots[0].f = 0.5
    assert n.slots[0].f == 0.5


def test_layout_matches_stock_cffi(mod, cffi_mod):
    for name in ["struct point", "struct rect", "cplx", "union num", "struct tagged", "struct big",
                 "struct nested"]:
        assert mod.ffi.sizeof(name) == cffi_mod.ffi.sizeof(name), name
        assert mod.ffi.alignof(name) == cffi_mod.ffi.alignof(name), name
    assert mod.ffi.offsetof("struct tagged", "hi") == cffi_mod.ffi.offsetof("struct tagged", "hi")
