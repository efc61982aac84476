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


def test_complex_functions(mod):
    ffi, lib = mod.ffi, mod.lib
    assert lib.cx_mul(1 + 2j, 3 - 1j) == 5 + 5j and type(lib.cx_mul(1, 1)) is complex
    assert lib.cx_mul(2, 0.5) == 1 + 0j
    assert lib.cx_conj(1.5 + 2j) == 1.5 - 2j
    assert lib.cx_abs2(ffi.cast("double _Complex", 3 + 4j)) == 25.0
    p = lib.cx_pair(1 + 1j)
    assert (p.f, p.d) == (1 + 1j, 2 + 2j)
    assert lib.cx_global == 1 - 1j and lib.CX_HALF_I == 0.5j
    lib.cx_global = 2j
    assert lib.cx_global == 2j
    assert ffi.sizeof("struct polar") == 24 and ffi.offsetof("struct polar", "d") == 8
    for bad in ("x", None, ffi.cast("int", 1)):
        try:
            lib.cx_mul(bad, 1)
        except TypeError:
            pass
        else:
            raise AssertionError("cx_mul accepted %r" % (bad,))


def test_complex_through_extern_python(mod):
    ffi, lib = mod.ffi, mod.lib
    seen = []

    @ffi.def_extern()
    def cx_py(z, k):
        seen.append((z, k))
        return z * k + 0.5j

    assert lib.cx_call_py(1 - 2j, 3.0) == 3 - 5.5j
    assert seen == [(1 - 2j, 3.0)]
