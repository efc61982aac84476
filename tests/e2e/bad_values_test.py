import pytest


def test_define_with_another_value(mod):
    with pytest.raises(mod.ffi.error, match=r"'WIDTH' is equal to 800\b.*but the cdef disagrees"):
        mod.lib.WIDTH


def test_enumerator_values_are_the_compilers(mod):
    # As in CFFI's API mode, the cdef's enumerator values are not checked.
    assert mod.lib.OFF == 0
    assert mod.lib.ON == 1
    assert mod.ffi.string(mod.ffi.cast("enum mode", 1)) == "ON"


def test_struct_with_another_field_order(mod):
    with pytest.raises(mod.ffi.error, match=r"struct pair.*first"):
        mod.ffi.new("struct pair *")
