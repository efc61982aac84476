import pytest


def test_enum_values_and_conversions(mod):
    ffi, lib = mod.ffi, mod.lib
    assert (lib.RED, lib.GREEN, lib.BLUE) == (0, 5, 6)
    assert lib.next_color(lib.GREEN) == lib.BLUE
    assert lib.next_color(0) == 5
    assert lib.classify(-3) == lib.SMALL == -1 and lib.classify(1) == lib.LARGE
    assert ffi.string(ffi.cast("enum color", 5)) == "GREEN"
    assert ffi.sizeof("size_class") == ffi.sizeof("int")


def test_partial_enum_takes_values_from_c(mod):
    lib = mod.lib
    assert (lib.LOW, lib.HIGH) == (10, 12)
    assert lib.level_value(lib.HIGH) == 12


def test_integer_constants(mod):
    lib = mod.lib
    assert lib.ANSWER == 42 and lib.NEGATIVE == -7 and lib.BIG == 0xFFFFFFFFFFFF
    assert lib.FROM_C == 43
    assert lib.LIMIT == 99


def test_other_constants(mod):
    ffi, lib = mod.ffi, mod.lib
    assert lib.PI_ISH == 3.25
    assert ffi.string(lib.NAME) == b"ffigen"
    with pytest.raises(AttributeError):
        lib.ANSWER = 1


def test_global_variables_read_and_write(mod):
    ffi, lib = mod.ffi, mod.lib
    assert lib.counter == 1
    lib.counter = 41
    assert lib.bump() == 42 and lib.counter == 42
    lib.ratio = 1.25
    assert lib.ratio == 1.25
    assert lib.read_only == 11
    assert [list(row) for row in lib.grid] == [[1, 2, 3], [4, 5, 6]]
    lib.grid[1][2] = 60
    assert lib.grid[1][2] == 60
    assert ffi.string(lib.label) == b"start"
    lib.label = b"changed"
    assert ffi.string(lib.label) == b"changed"
    assert ffi.addressof(lib, "counter")[0] == 42


def test_dir_lists_everything(mod):
    names = set(dir(mod.lib))
    assert {"RED", "ANSWER", "counter", "bump", "LIMIT"} <= names


def test_the_preamble_sees_the_cffi_macro(mod):
    assert mod.lib.SEES_CFFI_MACRO == 1
