"""Plain Python that used to crash _ffigen_runtime (issue 10): making the
runtime's types by hand, lists changed while they are converted, undefined
C behaviour (caught by the ASan+UBSan `debug` preset). Each must raise or
work as stock CFFI does; where stock CFFI itself crashes the check runs on
ours only and says so."""
import pytest


def _types_of(ffi, lib):
    yield "CData", ffi.CData
    yield "NULL", type(ffi.NULL)
    yield "owning", type(ffi.new("int *"))
    yield "CType", ffi.CType
    yield "Lib", type(lib)
    yield "handle", type(ffi.new_handle(1))
    yield "callback", type(ffi.callback("int(int)", lambda x: x))
    yield "from_buffer", type(ffi.from_buffer(b"ab"))
    yield "gc", type(ffi.gc(ffi.new("int *"), lambda p: None))


def test_runtime_types_cannot_be_instantiated(main):
    ffi, lib = main
    for name, tp in _types_of(ffi, lib):
        with pytest.raises(TypeError):
            tp()
        with pytest.raises(TypeError):
            tp.__new__(tp)
        with pytest.raises(TypeError):
            object.__new__(tp)


def test_runtime_types_cannot_be_subclassed(main):
    ffi, lib = main
    for tp in (ffi.CData, ffi.CType, type(lib)):
        with pytest.raises(TypeError):
            type("X", (tp,), {})


def test_a_new_ffi_knows_the_primitive_types(main):
    ffi, lib = main
    for other in (type(ffi)(), type("MyFFI", (type(ffi),), {})()):
        assert repr(other.typeof("int *")) == "<ctype 'int *'>"
        p = other.new("int[3]", [1, 2, 3])
        assert list(p) == [1, 2, 3]
        assert int(other.cast("short", 65537)) == 1
        assert other.list_types() == ([], [], [])
        with pytest.raises(ffi.error):
            other.typeof("struct point")


def test_buffer_type_is_callable_like_ffi_buffer(main):
    ffi, lib = main
    p = ffi.new("char[]", b"hi")
    tp = type(ffi.buffer(p))
    assert tp(p)[:] == b"hi\0"
    assert tp(p, 1)[:] == b"h"
    with pytest.raises(TypeError):
        tp()
