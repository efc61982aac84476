import pytest


def test_an_integer_field_of_another_size_fails_at_first_use(mod):
    # As in CFFI: the module builds; the layout check names the struct.
    with pytest.raises(mod.ffi.error, match=r"^record: wrong"):
        mod.ffi.new("record *")


def test_a_partial_struct_still_checks_its_fields_sizes(mod):
    with pytest.raises(mod.ffi.error, match=r"prec: wrong size for field 'id'"):
        mod.ffi.new("struct prec *")
