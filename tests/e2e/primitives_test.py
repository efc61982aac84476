import pytest


INTS = [
    ("schar", -128, 127), ("uchar", 0, 255), ("short", -2**15, 2**15 - 1),
    ("ushort", 0, 2**16 - 1), ("int", -2**31, 2**31 - 1), ("uint", 0, 2**32 - 1),
    ("llong", -2**63, 2**63 - 1), ("ullong", 0, 2**64 - 1),
    ("i8", -128, 127), ("u8", 0, 255), ("i16", -2**15, 2**15 - 1), ("u16", 0, 2**16 - 1),
    ("i32", -2**31, 2**31 - 1), ("u32", 0, 2**32 - 1), ("i64", -2**63, 2**63 - 1),
    ("u64", 0, 2**64 - 1),
]


@pytest.mark.parametrize("name,lo,hi", INTS)
def test_integer_limits_round_trip_and_overflow(mod, name, lo, hi):
    f = getattr(mod.lib, "id_" + name)
    assert f(lo) == lo and f(hi) == hi and f(0) == 0
    with pytest.raises(OverflowError):
        f(hi + 1)
    with pytest.raises(OverflowError):
        f(lo - 1)
    with pytest.raises(TypeError):
        f("1")


def test_pointer_sized_integers(mod):
    ffi, lib = mod.ffi, mod.lib
    bits = 8 * ffi.sizeof("size_t")
    assert lib.id_size(2**bits - 1) == 2**bits - 1
    assert lib.id_ssize(-2**(bits - 1)) == -2**(bits - 1)
    assert lib.id_intptr(-5) == -5 and lib.id_uintptr(5) == 5 and lib.id_ptrdiff(-7) == -7
    assert lib.id_long(-3) == -3 and lib.id_ulong(3) == 3
    with pytest.raises(OverflowError):
        lib.id_size(-1)


def test_bool_and_characters(mod):
    lib = mod.lib
    assert lib.id_bool(True) is True and lib.id_bool(0) is False
    with pytest.raises(OverflowError):
        lib.id_bool(2)
    assert lib.id_char(b"x") == b"x"
    with pytest.raises(TypeError):
        lib.id_char("x")
    assert lib.id_wchar("\u20ac") == "\u20ac"
    assert lib.id_char16("\u20ac") == "\u20ac"
    assert lib.id_char32("\U0001f600") == "\U0001f600"


def test_floating_point(mod):
    ffi, lib = mod.ffi, mod.lib
    assert lib.id_double(1.5) == 1.5 and lib.id_double(3) == 3.0
    assert lib.id_float(0.1) == pytest.approx(0.1, rel=1e-7) and lib.id_float(0.1) != 0.1
    ld = lib.id_ldouble(2.5)
    assert ffi.typeof(ld) is ffi.typeof("long double") and float(ld) == 2.5
    with pytest.raises(TypeError):
        lib.id_double("x")
    assert lib.mix(1, 2.5, 3, 4, 0.5) == 11.0


def test_void_and_arity(mod):
    assert mod.lib.nothing() is None
    with pytest.raises(TypeError):
        mod.lib.nothing(1)
    with pytest.raises(TypeError):
        mod.lib.mix(1, 2)
