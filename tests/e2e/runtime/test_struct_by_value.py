"""Structs and unions by value through libffi (function pointers, variadic
functions): the layouts libffi cannot describe raise NotImplementedError in
CFFI's words, before any argument is converted."""
import pytest

from conftest import load

API_MODE = ("are only supported as {0} if the function is 'API mode' and non-variadic (i.e. declared inside "
            "ffibuilder.cdef()+ffibuilder.set_source() and not taking a final '...' argument)")


@pytest.fixture
def byvalue(built, runtime):
    return load(built, runtime, "_rtbyvalue")


@pytest.mark.parametrize("function, detail", [
    ("bf_v", "It is a struct with bit fields, which libffi does not support."),
    ("zl_v", "It is a struct with a zero-length array, which libffi does not support."),
    ("anon_v", "It is a struct declared with \"...;\", but the C calling convention may depend on the missing "
               "fields; or, it contains anonymous struct/unions."),
    ("part_v", "It is a struct declared with \"...;\""),
])
def test_structs_libffi_cannot_return(byvalue, function, detail):
    ffi, lib = byvalue
    with pytest.raises(NotImplementedError) as e:
        getattr(lib, function)(ffi.cast("int", 1))
    assert " not supported as return value.  " + detail in str(e.value)
    assert str(e.value).endswith(API_MODE.format("return value"))


def test_unions_are_refused_by_libffi(byvalue):
    ffi, lib = byvalue
    with pytest.raises(NotImplementedError) as e:
        lib.un_v(ffi.cast("int", 1))
    assert str(e.value) == "ctype 'union un' not supported as return value by libffi.  Unions " + API_MODE.format(
        "return value")


def test_argument_refused_before_it_is_converted(byvalue):
    ffi, lib = byvalue
    p = ffi.new("struct part *", {"x": 7})
    assert lib.part_x(p[0]) == 7  # API mode: the compiler knows the layout
    fn = ffi.addressof(lib, "part_x")
    with pytest.raises(NotImplementedError) as e:
        fn("not a struct")
    assert str(e.value).startswith("ctype 'struct part' not supported as argument.  ")


def test_packed_struct_is_refused(built, runtime):
    ffi, lib = load(built, runtime, "_rtpacked")
    with pytest.raises(NotImplementedError) as e:
        lib.packed_v(ffi.cast("int", 1))
    assert "It is a 'packed' structure, with a different layout than expected by libffi." in str(e.value)
