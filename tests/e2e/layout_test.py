import pytest


def test_bitfields(mod, cffi_mod):
    ffi, lib = mod.ffi, mod.lib
    f = lib.make_flags()
    assert (f.a, f.b, f.c, f.d) == (1, 5, -3, 17)
    g = ffi.new("struct flags *", {"a": 0, "b": 7, "c": -8, "d": 31})
    assert lib.flags_sum(g[0]) == 30
    with pytest.raises(OverflowError):
        g.b = 8
    assert ffi.sizeof("struct flags") == cffi_mod.ffi.sizeof("struct flags")


def test_partial_struct_takes_the_compilers_layout(mod, cffi_mod):
    ffi, lib = mod.ffi, mod.lib
    assert ffi.sizeof("struct partial") == cffi_mod.ffi.sizeof("struct partial")
    assert ffi.offsetof("struct partial", "visible") == cffi_mod.ffi.offsetof("struct partial", "visible")
    p = ffi.new("struct partial *")
    lib.partial_init(p, 42)
    assert p.visible == 42 and lib.partial_hidden(p) == 3


def test_dotdotdot_arrays(mod):
    ffi, lib = mod.ffi, mod.lib
    assert ffi.typeof(ffi.new("struct sized *").items) is ffi.typeof("int[6]")
    assert len(lib.table) == 9 and list(lib.table) == list(range(1, 10))
    lib.table[0] = 100
    assert lib.table[0] == 100


def test_opaque_types(mod):
    ffi, lib = mod.ffi, mod.lib
    h = lib.handle_open(7)
    assert lib.handle_id(h) == 7
    lib.handle_close(h)
    with pytest.raises(ffi.error):
        ffi.sizeof("handle_t")
    c = lib.cookie_new()
    assert ffi.typeof(c) is ffi.typeof("cookie_t *")
    assert lib.cookie_eat(c) == 3
    with pytest.raises(TypeError):
        ffi.new("cookie_t *")
