def test_extreme_integer_defines(mod):
    lib = mod.lib
    assert lib.UMAX == 2**64 - 1 and lib.SMIN == -2**63 + 1 and lib.ZERO == 0


def test_flexible_and_two_dimensional_arrays(mod):
    ffi, lib = mod.ffi, mod.lib
    f = ffi.new("struct flex *", [3, [1, 2, 3]])
    assert lib.flex_sum(f) == 6
    assert lib.the_grid.cells[1][2] == 6
    assert lib.ORIGIN.cells[0][2] == 7  # a struct-valued static const


def test_globals_of_pointer_types(mod):
    ffi, lib = mod.ffi, mod.lib
    assert lib.current_cmp(ffi.new("int *", 5), ffi.new("int *", 3)) == 2
    lib.current_cmp = ffi.NULL
    assert lib.current_cmp == ffi.NULL
    assert ffi.string(lib.message) == b"hi"
    lib.anything = ffi.cast("void *", 5)
    assert int(ffi.cast("intptr_t", lib.anything)) == 5


def test_long_double_and_enum_bitfields(mod):
    lib = mod.lib
    assert float(lib.ld_twice(1.25)) == 2.5
    b = lib.make_bits(2)
    assert b.kind == 2 and b.flag == 1
