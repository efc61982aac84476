import ctypes

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
    # Refused conversions raise (the error value of a char16_t is 0xFFFF).
    for bad in ("\U0001f600", 1234, b"x"):
        with pytest.raises(TypeError):
            lib.id_char16(bad)
    with pytest.raises(TypeError):
        lib.id_char32(1234)


def test_floating_point(mod):
    ffi, lib = mod.ffi, mod.lib
    assert lib.id_double(1.5) == 1.5 and lib.id_double(3) == 3.0
    assert lib.id_float(0.1) == pytest.approx(0.1, rel=1e-7) and lib.id_float(0.1) != 0.1
    ld = lib.id_ldouble(2.5)
    assert ffi.typeof(ld) is ffi.typeof("long double") and float(ld) == 2.5
    with pytest.raises(TypeError):
        lib.id_double("x")
    assert lib.mix(1, 2.5, 3, 4, 0.5) == 11.0


@pytest.mark.cpython_wrappers
def test_void_and_arity(mod):
    assert mod.lib.nothing() is None
    with pytest.raises(TypeError):
        mod.lib.nothing(1)
    with pytest.raises(TypeError, match=r"^mix expected 5 arguments, got 2$"):
        mod.lib.mix(1, 2)
    with pytest.raises(TypeError, match="keyword"):
        mod.lib.mix(1, 2.5, 3, 4, e=0.5)
    with pytest.raises(TypeError, match=r"^sum10 expected 10 arguments, got 11$"):
        mod.lib.sum10(*range(11))


@pytest.mark.cpython_wrappers
def test_a_bad_argument_is_named_by_its_position(mod):
    # Richer than stock CFFI's generated wrappers, whose messages do not say
    # which argument failed: ours prefix the number, as libffi calls do.
    with pytest.raises(TypeError, match=r"^argument 2 passed to 'mix': .*str"):
        mod.lib.mix(1, "x", 3, 4, 0.5)
    with pytest.raises(OverflowError, match=r"^argument 3 passed to 'mix': "):
        mod.lib.mix(1, 2.5, 256, 4, 0.5)
    with pytest.raises(TypeError, match=r"^argument 1 passed to 'id_double': "):
        mod.lib.id_double("x")


def test_many_arguments(mod):
    # More arguments than the tuple-unpacking wrapper keeps on its stack.
    assert mod.lib.sum10(*range(1, 11)) == 55
    with pytest.raises(OverflowError):
        mod.lib.sum10(*range(9), 2**40)


def method_flags(builtin):
    """ml_flags of a builtin's PyMethodDef (CPython's PyCFunctionObject: the
    object header, then the PyMethodDef pointer; ml_flags after two pointers)."""
    ptr = ctypes.sizeof(ctypes.c_void_p)
    method_def = ctypes.c_void_p.from_address(id(builtin) + 2 * ptr).value
    return ctypes.c_int.from_address(method_def + 2 * ptr).value


@pytest.mark.cpython_wrappers
def test_calling_conventions(mod):
    """Our runtime calls the FASTCALL wrappers (the ffigen extension); the
    stock backend, the tuple ones, as any CFFI module's."""
    METH_VARARGS, METH_NOARGS, METH_O, METH_FASTCALL = 0x1, 0x4, 0x8, 0x80
    ours = type(mod.ffi).__module__ == "_ffigen_runtime"
    assert method_flags(mod.lib.mix) == (METH_FASTCALL if ours else METH_VARARGS)
    assert method_flags(mod.lib.sum10) == (METH_FASTCALL if ours else METH_VARARGS)
    assert method_flags(mod.lib.id_int) == METH_O
    # CPython 3.11 specializes calls of METH_FASTCALL builtins, not METH_NOARGS ones.
    assert method_flags(mod.lib.nothing) == (METH_FASTCALL if ours else METH_NOARGS)
    assert mod.lib.mix.__name__ == "mix"
    assert mod.lib.mix.__doc__.startswith("double mix(int, double, unsigned char, long long, float);")
    assert mod.ffi.typeof(mod.lib.mix) is mod.ffi.typeof("double(*)(int, double, unsigned char, long long, float)")
    assert mod.ffi.addressof(mod.lib, "sum10")(*range(10)) == 45
