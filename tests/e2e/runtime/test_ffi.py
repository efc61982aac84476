"""The ffi object: new, cast, sizeof, alignof, offsetof, addressof,
getctype, string, unpack, buffer, memmove, NULL, CData, CType, error."""
import importlib

import pytest


def test_new_is_zeroed_and_owned(main):
    ffi, lib = main
    p = ffi.new("struct rect *")
    assert (p.tl.x, p.br.y) == (0, 0) and p.label == ffi.NULL
    assert isinstance(p, ffi.CData) and isinstance(ffi.typeof(p), ffi.CType)
    a = ffi.new("int[]", [1, 2, 3])
    assert list(a) == [1, 2, 3]


def test_new_accepts_ctype_objects(main):
    ffi, lib = main
    t = ffi.typeof("struct point *")
    assert ffi.new(t, [1, 2]).y == 2


def test_cast(main):
    ffi, lib = main
    a = ffi.new("int[2]", [1, 2])
    v = ffi.cast("void *", a)
    p = ffi.cast("int *", v)
    assert p[1] == 2
    assert ffi.cast("long", p) == ffi.cast("long", a)
    f = ffi.cast("int(*)(int, int)", ffi.addressof(lib, "add"))
    assert f(1, 2) == 3


def test_sizeof_alignof(main):
    ffi, lib = main
    assert ffi.sizeof("struct rect") == 24 and ffi.alignof("struct rect") == 8
    assert ffi.sizeof("int[10]") == 40
    assert ffi.sizeof(ffi.new("int[]", 7)) == 28
    assert ffi.sizeof(ffi.new("struct point *")) == 8
    assert ffi.alignof("char") == 1 and ffi.alignof("double") == 8
    with pytest.raises(ffi.error):
        ffi.sizeof("struct node")


def test_offsetof(main):
    ffi, lib = main
    assert ffi.offsetof("struct point", "y") == 4
    assert ffi.offsetof("struct rect", "br", "y") == 12
    assert ffi.offsetof("struct rect", "label") == 16
    assert ffi.offsetof("int[10]", 3) == 12
    assert ffi.offsetof("union num", "bytes", 2) == 2
    with pytest.raises(KeyError):
        ffi.offsetof("struct point", "z")


def test_addressof(main):
    ffi, lib = main
    r = ffi.new("struct rect *", {"br": (3, 4)})
    s = r[0]
    ps = ffi.addressof(s)
    assert ffi.typeof(ps) is ffi.typeof("struct rect *") and ps.br.x == 3
    py = ffi.addressof(s, "br", "y")
    assert ffi.typeof(py) is ffi.typeof("int *") and py[0] == 4
    a = ffi.new("int[4]", [1, 2, 3, 4])
    assert ffi.addressof(a, 2)[0] == 3
    with pytest.raises(TypeError):
        ffi.addressof(ffi.cast("int", 1))


def test_addressof_pointer_with_index(main):
    ffi, lib = main
    p = ffi.cast("int *", ffi.new("int[50]"))
    with pytest.raises(TypeError):
        ffi.addressof(p)  # a pointer alone has no address to give
    assert ffi.addressof(p, 0) == p and ffi.addressof(p, 25) == p + 25
    assert ffi.typeof(ffi.addressof(p, 25)) is ffi.typeof(p)


def test_cast_to_array_type_views_the_memory(main):
    ffi, lib = main
    a = ffi.new("int[4]", [-5, 6, 7, 8])
    q = ffi.cast("int[3]", a)
    assert repr(q).startswith("<cdata 'int[3]' 0x") and list(q) == [-5, 6, 7]
    assert list(ffi.cast("int[2]", ffi.cast("int *", a) + 2)) == [7, 8]
    assert list(ffi.cast("int[2]", ffi.cast("intptr_t", a))) == [-5, 6]
    with pytest.raises(TypeError):
        ffi.cast("int[]", a)


def test_new_refuses_non_pointer_types_in_cffis_words(main):
    ffi, lib = main
    with pytest.raises(TypeError) as e:
        ffi.new("int")
    assert str(e.value) == "expected a pointer or array ctype, got 'int'"


def test_int_of_a_wide_char_is_its_code_unit(main):
    ffi, lib = main
    assert int(ffi.cast("long long", ffi.cast("wchar_t", -1))) == -1  # wchar_t is signed on x86 Linux
    assert int(ffi.cast("wchar_t", -1)) == -1
    assert int(ffi.cast("char32_t", -1)) == 0xFFFFFFFF
    assert int(ffi.cast("char16_t", -1)) == 0xFFFF
    assert int(ffi.cast("int", ffi.cast("wchar_t", "\u1234"))) == 0x1234


def test_getctype(main):
    ffi, lib = main
    assert ffi.getctype("int") == "int"
    assert ffi.getctype("int", "x") == "int x"
    assert ffi.getctype("int *", "x") == "int * x"
    assert ffi.getctype("int[5]", "a") == "int a[5]"
    assert ffi.getctype("int[5]", "*p") == "int(*p)[5]"
    assert ffi.getctype(ffi.typeof("struct point *")) == "struct point *"
    assert ffi.getctype("int *", "*") == "int * *"  # a space even after a star, as CFFI
    assert ffi.getctype("int", "\t* x ") == "int * x"


def test_string(main):
    ffi, lib = main
    c = ffi.new("char[10]", b"hello")
    assert ffi.string(c) == b"hello"
    assert ffi.string(c, 3) == b"hel"
    full = ffi.new("char[3]", b"abc")  # no room for the NUL: bounded by the array
    assert ffi.string(full) == b"abc"
    p = ffi.cast("char *", c)
    assert ffi.string(p) == b"hello" and ffi.string(p, 2) == b"he"
    w = ffi.new("wchar_t[]", "h\u00e9llo")
    assert ffi.string(w) == "h\u00e9llo"
    assert ffi.string(ffi.cast("char", 66)) == b"B"
    with pytest.raises(RuntimeError):
        ffi.string(ffi.cast("char *", 0))
    with pytest.raises(TypeError):
        ffi.string(ffi.new("struct point *"))


def test_unpack(main):
    ffi, lib = main
    a = ffi.new("int[4]", [1, 2, 3, 4])
    assert ffi.unpack(a, 3) == [1, 2, 3]
    assert ffi.unpack(ffi.cast("int *", a), 4) == [1, 2, 3, 4]
    assert ffi.unpack(ffi.new("char[]", b"xyz"), 3) == b"xyz"
    assert ffi.unpack(ffi.new("wchar_t[]", "ab"), 2) == "ab"


def test_buffer(main):
    ffi, lib = main
    a = ffi.new("char[]", b"abcdef")
    buf = ffi.buffer(a)
    assert len(buf) == 7 and buf[:] == b"abcdef\0" and bytes(buf)[:3] == b"abc"
    assert buf[1:3] == b"bc" and buf[0] == b"a"
    buf[0:2] = b"XY"
    assert ffi.string(a) == b"XYcdef"
    buf[:] = b"0123456"
    assert a[6] == b"6"
    assert bytes(memoryview(buf)) == b"0123456"
    p = ffi.new("int *", 0x01020304)
    assert ffi.buffer(p)[:] == b"\x04\x03\x02\x01"
    assert len(ffi.buffer(p, 2)) == 2
    with pytest.raises(ValueError):
        buf[0:2] = b"abc"


def test_memmove(main):
    ffi, lib = main
    a = ffi.new("int[4]", [1, 2, 3, 4])
    b = ffi.new("int[4]")
    ffi.memmove(b, a, ffi.sizeof("int") * 4)
    assert list(b) == [1, 2, 3, 4]
    ffi.memmove(a + 1, a, 8)
    assert list(a) == [1, 1, 2, 4]
    c = ffi.new("char[4]")
    ffi.memmove(c, b"xyz", 3)
    assert ffi.string(c) == b"xyz"
    ba = bytearray(3)
    ffi.memmove(ba, c, 3)
    assert ba == b"xyz"


def test_null_and_types(main):
    ffi, lib = main
    assert ffi.NULL == ffi.cast("void *", 0)
    assert ffi.typeof(ffi.NULL) is ffi.typeof("void *")
    assert issubclass(ffi.error, Exception)


def test_errno(main):
    ffi, lib = main
    assert lib.set_errno_to(33) == -1
    assert ffi.errno == 33
    ffi.errno = 0
    assert ffi.errno == 0


def test_runtime_module_errno_is_ffi_errno(main, runtime):
    # the pure-Python cffi.FFI().errno reads the backend module's functions
    ffi, lib = main
    backend = importlib.import_module("_cffi_backend" if runtime == "stock" else "_ffigen_runtime")
    backend.set_errno(5)
    assert ffi.errno == 5
    lib.set_errno_to(9)
    assert backend.get_errno() == 9
    with pytest.raises(OverflowError):
        backend.set_errno(2**40)


def test_errno_takes_only_a_c_int(main):
    ffi, lib = main
    ffi.errno = 7
    for too_big in (2**40, 2**31, -2**31 - 1):
        with pytest.raises(OverflowError):
            ffi.errno = too_big
    assert ffi.errno == 7
    with pytest.raises(TypeError):
        ffi.errno = "x"
