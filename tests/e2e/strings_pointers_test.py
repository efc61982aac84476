import pytest


def test_bytes_pass_as_char_pointers(mod):
    assert mod.lib.count_chars(b"banana", b"a") == 3
    with pytest.raises(TypeError):
        mod.lib.count_chars("banana", b"a")


def test_returned_strings(mod):
    ffi, lib = mod.ffi, mod.lib
    p = lib.greeting()
    assert ffi.typeof(p) is ffi.typeof("const char *")
    assert ffi.string(p) == b"hello"


def test_buffers_are_written_in_place(mod):
    ffi, lib = mod.ffi, mod.lib
    buf = ffi.new("char[]", b"abc")
    lib.upcase(buf)
    assert ffi.string(buf) == b"ABC"


def test_lists_become_temporary_arrays(mod):
    lib = mod.lib
    assert lib.sum([1, 2, 3, 4], 4) == 10
    assert lib.sum(list(range(1000)), 1000) == sum(range(1000))  # larger than any stack buffer
    with pytest.raises(TypeError):
        lib.sum([1, "x"], 2)


def test_out_parameters(mod):
    ffi, lib = mod.ffi, mod.lib
    out = ffi.new("int[5]")
    lib.fill(out, 5, 7)
    assert list(out) == [7] * 5
    x, y = ffi.new("int *", 1), ffi.new("int *", 2)
    px, py = ffi.new("int **", x), ffi.new("int **", y)
    lib.swap(px, py)
    assert px[0][0] == 2 and py[0][0] == 1


def test_void_pointers_and_null(mod):
    ffi, lib = mod.ffi, mod.lib
    x = ffi.new("int *", 5)
    assert lib.echo_ptr(x) == ffi.cast("void *", x)
    assert lib.null_ptr() == ffi.NULL
    assert lib.echo_ptr(ffi.NULL) == ffi.NULL
    assert lib.sum(ffi.NULL, 0) == 0
