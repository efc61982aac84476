import pytest


def test_define_with_another_value(mod):
    with pytest.raises(mod.ffi.error, match=r"'WIDTH' is equal to 800\b.*but the cdef disagrees"):
        mod.lib.WIDTH


def test_enumerator_with_another_value(mod):
    assert mod.lib.OFF == 0
    with pytest.raises(mod.ffi.error, match=r"'ON' is equal to 1\b.*but the cdef disagrees"):
        mod.lib.ON


def test_struct_with_another_field_order(mod):
    with pytest.raises(mod.ffi.error, match=r"struct pair.*first"):
        mod.ffi.new("struct pair *")
