"""Calling lib functions (generated wrappers) and function pointers (libffi)."""
import pytest


def test_scalar_arguments_and_results(main):
    ffi, lib = main
    assert lib.add(-2, 5) == 3
    assert lib.half(3) == 1.5 and lib.half(3.0) == 1.5
    assert lib.fhalf(1.0) == 0.5
    assert lib.neg64(2**62) == -(2**62)
    assert lib.maxu64() == 2**64 - 1
    assert lib.sc(-128) == -128 and lib.us(65535) == 65535
    assert lib.truth(5) is True and lib.truth(0) is False
    assert lib.wide("a") == "b"
    assert float(lib.ld(1.25)) == 2.5
    assert lib.next_color(lib.RED) == lib.GREEN
    assert lib.first(b"xyz") == b"x"


def test_cdata_int_arguments(main):
    ffi, lib = main
    assert lib.add(ffi.cast("int", 2), ffi.cast("long", 3)) == 5


def test_pointer_arguments(main):
    ffi, lib = main
    assert lib.slen(b"hello") == 5
    assert lib.slen(ffi.new("char[]", b"abc")) == 3
    assert lib.sum([1, 2, 3], 3) == 6
    assert lib.sum((4, 5), 2) == 9
    a = ffi.new("int[3]", [1, 1, 1])
    lib.fill(a, 3, 7)
    assert list(a) == [7, 7, 7]
    assert lib.sum(ffi.NULL, 0) == 0
    big = list(range(1000))  # larger than the wrappers' stack buffer
    assert lib.sum(big, 1000) == sum(big)
    p = ffi.new("struct point *", [3, 4])
    assert lib.dist2(p) == 25
    v = lib.identity(p)
    assert ffi.cast("struct point *", v).x == 3


def test_struct_by_value(main):
    ffi, lib = main
    s = lib.mkpt(1, 2)
    assert (s.x, s.y) == (1, 2)
    assert repr(s) == "<cdata 'struct point' owning 8 bytes>"


def test_function_pointers(main):
    ffi, lib = main
    f = lib.get_adder()
    assert ffi.typeof(f) is ffi.typeof("binop_t")
    assert f(2, 3) == 5
    assert lib.apply(f, 4, 5) == 9
    assert lib.apply(ffi.addressof(lib, "add"), 1, 1) == 2
    g = ffi.cast("int(*)(int, int)", lib.adder_ptr)
    assert g(10, 20) == 30
    h = ffi.cast("int(*)(char *)", ffi.addressof(lib, "slen"))
    assert h(b"abcd") == 4
    d = ffi.cast("double(*)(double)", ffi.addressof(lib, "half"))
    assert d(5) == 2.5
    mk = ffi.addressof(lib, "mkpt")
    assert mk(5, 6).y == 6
    s = ffi.addressof(lib, "sum")
    assert s([1, 2, 3], 3) == 6


def test_wrong_argument_types(main):
    ffi, lib = main
    with pytest.raises(TypeError):
        lib.add("a", 1)
    with pytest.raises(TypeError):
        lib.add(1.5, 1)
    with pytest.raises(TypeError):
        lib.add(1)
    with pytest.raises(OverflowError):
        lib.add(2**40, 1)
    with pytest.raises(TypeError) as e:
        lib.sum("text", 1)
    assert "int *" in str(e.value)
    with pytest.raises(TypeError):
        lib.half("x")
    with pytest.raises(TypeError):
        lib.sc(b"x")


def test_wrong_argument_through_function_pointer(main, runtime):
    ffi, lib = main
    f = ffi.addressof(lib, "add")
    with pytest.raises(TypeError) as e:
        f("x", 3)
    if runtime == "ours":  # ours names the argument and the C type (stock does not)
        assert "argument 1" in str(e.value) and "int(*)(int, int)" in str(e.value)
    with pytest.raises(TypeError):
        f(1)
    with pytest.raises(RuntimeError):
        ffi.cast("int(*)(int)", 0)(1)


def test_incompatible_pointer_argument(main):
    # CFFI warns (and passes the pointer) for another pointer given as a
    # 'char *'; refusing it would break code that works on the stock backend.
    ffi, lib = main
    with pytest.warns(UserWarning):
        assert lib.slen(ffi.cast("int *", ffi.new("char[]", b"ab"))) == 2


def test_none_as_null_pointer_argument(main):
    ffi, lib = main
    with pytest.raises(TypeError):
        lib.sum(None, 0)
    with pytest.raises(TypeError):
        lib.slen(None)
    with pytest.raises(TypeError):
        lib.identity(0)
    assert lib.sum(ffi.NULL, 0) == 0


def test_bool_and_char16_and_struct_arguments(main, runtime):
    ffi, lib = main
    assert lib.notb(True) == 0 and lib.notb(0) == 1
    with pytest.raises(OverflowError):
        lib.notb(2)
    with pytest.raises(TypeError):
        lib.notb("x")
    assert lib.up16("a") == "b"
    with pytest.raises(TypeError):
        lib.up16(b"a")
    assert lib.sum_pt([3, 4]) == 7
    assert lib.sum_pt(lib.mkpt(1, 2)) == 3
    if runtime == "ours":  # stock leaves the fields a dict omits uninitialized (stack garbage)
        assert lib.sum_pt({"x": 5}) == 5
    with pytest.raises(TypeError):
        lib.sum_pt(3)


def test_variadic_function(main):
    ffi, lib = main
    assert ffi.typeof(lib.vsum).ellipsis is True
    assert lib.vsum(3, ffi.cast("int", 1), ffi.cast("int", 2), ffi.cast("int", 3)) == 6
    assert lib.vsum(0) == 0
    with pytest.raises(TypeError):
        lib.vsum(1, 5)  # the variadic part takes cdata only


def test_function_pointers_and_void_pointers_convert(main):
    ffi, lib = main
    slot = ffi.new("binop_t *")
    slot[0] = ffi.NULL
    assert slot[0] == ffi.NULL
    slot[0] = lib.get_adder()
    assert slot[0](1, 2) == 3
    v = ffi.new("void **")
    v[0] = slot[0]
    assert ffi.cast("binop_t", v[0])(3, 4) == 7
    with pytest.raises(TypeError):
        slot[0] = ffi.new("int *")


def test_char_and_unsigned_arguments(main):
    ffi, lib = main
    assert lib.ord_of(b"A") == 65 and lib.ord_of(ffi.cast("char", 66)) == 66
    with pytest.raises(TypeError):
        lib.ord_of("A")
    with pytest.raises(TypeError):
        lib.ord_of(b"AB")
    assert lib.uc(255) == 255 and lib.ui(2**32 - 1) == 2**32 - 1
    for bad in (-1, 256):
        with pytest.raises(OverflowError):
            lib.uc(bad)
    with pytest.raises(OverflowError):
        lib.ui(2**32)
    with pytest.raises(OverflowError):
        lib.ui(-1)


def test_python_file_as_FILE_argument(built, runtime):
    import os
    from conftest import load
    ffi, lib = load(built, runtime, "_rtfile")
    ffi2, lib2 = load(built, runtime, "_rtfile2")
    fdr, fdw = os.pipe()
    with os.fdopen(fdw, "wb", 256) as f:
        f.write(b"X")  # flushed before C writes
        assert lib.put(f, b"hello") >= 0
        assert lib.file_id(f) == lib.file_id(f) == ffi.cast("FILE *", f)  # one FILE per file object
    assert os.read(fdr, 256) == b"Xhello"
    os.close(fdr)
    # the FILE * of one module is the FILE * of another
    assert ffi.typeof("FILE *") is ffi2.typeof("FILE *")
    assert lib2.is_null_file(lib.file_id(ffi.NULL)) == 1
    for bad in (b"x", 0, None):
        with pytest.raises(TypeError):
            lib.file_id(bad)
    with os.fdopen(os.dup(0), "rb") as f, pytest.raises(TypeError):
        ffi.cast("int *", f)  # a file object is a FILE * only
