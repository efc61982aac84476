import pytest


def test_globals_and_fields_take_the_compilers_lengths(mod):
    ffi, lib = mod.ffi, mod.lib
    assert ffi.typeof(lib.grid) is ffi.typeof("int[3][4]")
    lib.grid[2][3] = 7
    assert lib.grid[2][3] == 7
    with pytest.raises(IndexError):
        lib.grid[0][4]
    assert ffi.typeof(lib.rows[0]) is ffi.typeof("int[5]")
    b = ffi.new("struct board *")
    assert ffi.typeof(b.cells) is ffi.typeof("int[2][3]")
    assert ffi.offsetof("struct board", "tail") == 7 * ffi.sizeof("int")


def test_typedefs_take_the_compilers_lengths(mod):
    ffi = mod.ffi
    assert ffi.sizeof("vec_t") == 6 * ffi.sizeof("int")
    assert ffi.sizeof("mat_t") == 28 * ffi.sizeof("int")
    assert len(ffi.new("mat_t")[3]) == 7
    assert ffi.sizeof(ffi.new("vmat_t", 2)[1]) == 8 * ffi.sizeof("int")


def test_measured_typedefs_as_parameters(mod):
    ffi, lib = mod.ffi, mod.lib
    assert lib.sum_vec(ffi.new("vec_t", [1, 2, 3, 4, 5, 6])) == 21
    m = ffi.new("mat_t")
    m[3][6], m[0][0] = 40, 2
    assert lib.corner(m, ffi.addressof(m)) == 42
