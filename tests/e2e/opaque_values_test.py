"""Opaque types by value: ffigen generates what CFFI generates, and the
runtime refuses each use that needs the layout with CFFI's exception class.
Where _ffigen_runtime differs from the stock backend, `ours` says how."""
import pytest


def ours(mod):
    return type(mod.ffi).__module__ == "_ffigen_runtime"


def test_constant_of_unknown_size(mod):
    with pytest.raises(mod.ffi.error, match="constant 'CONSTANT' is of type 'boxed_t', whose size is not known"):
        mod.lib.CONSTANT


@pytest.mark.cpython_wrappers
def test_globals_of_opaque_types_only_through_addressof(mod):
    ffi, lib = mod.ffi, mod.lib
    with pytest.raises(TypeError, match="cdata 'opaque_t' is opaque"):
        lib.globvar
    with pytest.raises(TypeError, match="'opaque_t' is opaque"):
        lib.globvar = []
    p = ffi.addressof(lib, "globvar")
    assert ffi.typeof(p) is ffi.typeof("opaque_t *")
    assert ffi.string(ffi.cast("char *", p), 8) == b"hello"
    with pytest.raises(TypeError, match="cdata 'struct secret' is opaque"):
        lib.hidden
    assert ffi.typeof(ffi.addressof(lib, "hidden")) is ffi.typeof("struct secret *")


@pytest.mark.cpython_wrappers
def test_functions_taking_opaque_values_refuse_the_call(mod):
    lib = mod.lib
    with pytest.raises(TypeError, match="'struct secret' is opaque"):
        lib.secret_value(None)
    with pytest.raises(TypeError, match="'opaque_t' is opaque"):
        lib.opaque_first(None)
    assert lib.secret_read(lib.secret_new(5)) == 5  # through pointers: fine


def test_function_types_with_opaque_results(mod):
    """The stock backend refuses to build the function type (on lib access);
    ours builds it and refuses the call."""
    lib = mod.lib
    with pytest.raises(TypeError, match="'struct secret' is opaque"):
        lib.secret_sum(1)  # variadic: a function pointer constant
    with pytest.raises(TypeError, match="'struct secret' is opaque"):
        lib.maker(5)
    assert "py_secret" in dir(lib)


def test_types_holding_opaque_values(mod):
    ffi = mod.ffi
    with pytest.raises(TypeError):  # its function pointer field takes an opaque value, as CFFI refuses it
        ffi.new("struct holder *")
    with pytest.raises(ValueError, match="struct secret"):  # an array of an opaque struct, as CFFI
        ffi.typeof("secret_pair")


def test_struct_named_through_a_pointer_typedef(mod):
    ffi, lib = mod.ffi, mod.lib
    p = ffi.new("point_p", [[5, 10], -17])
    assert lib.point_bump(p) == p
    assert list(p.x) == [5, 52] and p.y == -17
    assert ffi.alignof(ffi.typeof("point_p").item) == 4


def test_same_behaviour_as_cffis_module(mod, cffi_mod):
    """The same cdef compiled by stock CFFI raises the same classes."""
    for m in (mod, cffi_mod):
        with pytest.raises(m.ffi.error):
            m.lib.CONSTANT
        with pytest.raises(TypeError):
            m.lib.globvar
        with pytest.raises(TypeError):
            m.lib.secret_value(None)
