"""ffi methods given odd arguments (wrong types, keywords, sizes, values
memory should not hold) answer as stock CFFI does: the same result or the
same exception class. Found by running the same calls on both runtimes."""
import warnings

import pytest


def test_bool_memory_holding_neither_0_nor_1_is_an_error(main):
    ffi, lib = main
    p = ffi.cast("_Bool *", ffi.new("unsigned char[2]", [5, 1]))
    with pytest.raises(ValueError):
        p[0]
    with pytest.raises(ValueError):
        int(ffi.cast("_Bool *", p)[0:1][0])
    with pytest.raises(ValueError):
        ffi.unpack(p, 2)
    assert p[1] is True and int(ffi.new("_Bool *", True)[0]) == 1


def test_buffer_slices_with_a_step_are_refused(main):
    ffi, lib = main
    b = ffi.buffer(ffi.new("char[]", b"abcdef"))
    for key in (slice(None, None, 2), slice(None, None, -1)):
        with pytest.raises(TypeError):
            b[key]
        with pytest.raises(TypeError):
            b[key] = b"xyz"
    assert b[0:4:1] == b"abcd"
    with pytest.raises(TypeError):
        b[0] = b"xy"  # an item takes one byte (a slice of the wrong size is a ValueError)
    with pytest.raises(ValueError):
        b[0:2] = b"xyz"


def test_buffer_is_a_type_compared_and_iterated_as_bytes(main):
    ffi, lib = main
    assert ffi.buffer is type(ffi.buffer(ffi.new("char[]", 1)))
    b = ffi.buffer(ffi.new("char[]", b"abc"))
    assert b == b"abc\x00" and b != b"abc" and b < b"b" and b == bytearray(b"abc\x00")
    assert list(b) == [b"a", b"b", b"c", b"\x00"] and b"b" in b
    with pytest.raises(TypeError):
        hash(b)
    assert (b == "abc\x00") is False
    assert ffi.buffer(ffi.cast("void *", 0), 0)[:] == b""


def test_buffer_only_of_pointers_and_arrays(main):
    ffi, lib = main
    with pytest.raises(TypeError):
        ffi.buffer(ffi.new("struct point *")[0])
    with pytest.raises(TypeError):
        ffi.buffer(ffi.cast("int", 0), 4)
    with pytest.raises(TypeError):
        ffi.buffer(ffi.cast("void *", 0))  # no size known
    assert len(ffi.buffer(ffi.new("struct point *"))) == 8


def test_buffer_larger_than_new_memory_warns(main):
    ffi, lib = main
    p = ffi.new("char[]", 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning):
            ffi.buffer(p, 1000)
        assert len(ffi.buffer(p, 4)) == 4


def test_gc_takes_any_destructor_and_reports_its_errors(main, unraisable):
    ffi, lib = main
    with unraisable:
        ffi.release(ffi.gc(ffi.new("int *"), 2))  # called when it runs: unraisable
        q = ffi.gc(ffi.new("int *"), lambda p: 1 / 0)
        with q:
            pass
    assert [u.exc_type for u in unraisable] == [TypeError, ZeroDivisionError]
    assert repr(ffi.gc(ffi.cast("int", 7), lambda p: None)) == "<cdata 'int' 7>"
    assert repr(ffi.gc(ffi.new("struct point *")[0], lambda p: None)).startswith("<cdata 'struct point &' ")


def test_new_allocator_takes_non_callables_until_called(main):
    ffi, lib = main
    alloc = ffi.new_allocator(1)
    with pytest.raises(TypeError):
        alloc("int *")


def test_typeof_alignof_offsetof_addressof(main):
    ffi, lib = main
    with pytest.raises(TypeError):
        ffi.typeof(ffi.typeof("int"))  # a ctype is no string or cdata
    with pytest.raises(ValueError):
        ffi.alignof("void")
    assert ffi.alignof("int[]") == ffi.alignof("int")
    # no bounds check: an address is no access
    assert ffi.offsetof("int[4]", 7) == 28 and ffi.offsetof("int[4]", -1) == -4
    p = ffi.new("int[4]")
    assert ffi.addressof(p, 6) == p + 6


def test_new_and_integer_const_take_keywords(main):
    ffi, lib = main
    assert ffi.new("int *", init=5)[0] == 5 and ffi.new(cdecl="int *")[0] == 0
    assert ffi.integer_const(name="ANSWER") == 42
    with pytest.raises(AttributeError):
        ffi.integer_const("nosuch")
    with pytest.raises(ffi.error):
        ffi.integer_const("add")
    assert ffi.error.__name__ == "error" and ffi.error.__module__ == "ffi"


def test_cast_of_nan_infinity_and_failing_int(main):
    ffi, lib = main

    class Bad:
        def __int__(self):
            raise ZeroDivisionError

    with pytest.raises(ValueError):
        ffi.cast("int", float("nan"))
    with pytest.raises(OverflowError):
        ffi.cast("unsigned long long", float("inf"))
    for ctype in ("int", "int *", "_Bool"):
        with pytest.raises(ZeroDivisionError):
            ffi.cast(ctype, Bad())


def test_null_pointers_in_string_and_unpack(main):
    ffi, lib = main
    with pytest.raises(TypeError):
        ffi.string(ffi.NULL)  # void *: not a string whatever its address
    with pytest.raises(RuntimeError):
        ffi.string(ffi.cast("char *", 0))
    for ctype in ("int *", "void *"):
        with pytest.raises(RuntimeError):
            ffi.unpack(ffi.cast(ctype, 0), 0)


def test_long_double_repr(main):
    ffi, lib = main
    assert repr(ffi.cast("long double", 1.5)) == "<cdata 'long double' 1.500000E+00>"


def test_cdata_slices_need_both_bounds(main):
    ffi, lib = main
    p = ffi.new("int[5]")
    for key, words in ((slice(None, 5), "slice start must be specified"), (slice(4, None), "slice stop must be specified"),
                       (slice(4, 2), "slice start > stop")):
        with pytest.raises(IndexError) as e:
            p[key]
        assert str(e.value) == words  # CFFI's test_c asserts them
    assert len(p[0:5]) == 5


def test_pointer_arithmetic_on_void_and_arrays(main):
    ffi, lib = main
    v = ffi.cast("void *", 16)
    assert int(ffi.cast("intptr_t", v + 3)) == 19 and (v + 3) - v == 3
    a = ffi.new("int[3]")
    assert (a + 2) - a == 2
    with pytest.raises(TypeError):
        a - a  # an array on the left does not decay
    with pytest.raises(ValueError):
        ffi.cast("int *", 6) - ffi.cast("int *", 0)


def test_ffi_has_the_rtld_flags(main):
    import os
    ffi, lib = main
    for name in ("RTLD_LAZY", "RTLD_NOW", "RTLD_GLOBAL", "RTLD_LOCAL", "RTLD_NODELETE", "RTLD_NOLOAD", "RTLD_DEEPBIND"):
        assert getattr(ffi, name) == getattr(os, name)
