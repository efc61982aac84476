"""Which Python values convert to each kind of C value, and which are refused:
the same on both runtimes (code that works on one and breaks on the other is
a trap), for ffi.new/field/item stores, call arguments and ffi.cast."""
import decimal
import fractions
import warnings

import pytest


class OnlyIndex:
    def __index__(self):
        return 3


class OnlyInt:
    def __int__(self):
        return 3


class OnlyFloat:
    def __float__(self):
        return 3.5


def test_integer_values(main):
    ffi, lib = main
    # __int__ counts (Decimal and Fraction truncate), __index__ alone does not.
    for t in ("int", "unsigned char", "long long", "enum color", "size_e"):
        assert ffi.new(t + " *", OnlyInt())[0] == 3
        assert ffi.new(t + " *", decimal.Decimal(2))[0] == 2
        assert ffi.new(t + " *", fractions.Fraction(5, 2))[0] == 2
        assert ffi.new(t + " *", ffi.cast("char", b"\x05"))[0] == 5
        for bad in (OnlyIndex(), 1.5, ffi.cast("double", 2.0), ffi.cast("long double", 2.0), ffi.new("int *"),
                    lib.get_adder(), "1", b"1"):
            with pytest.raises(TypeError):
                ffi.new(t + " *", bad)
    assert lib.add(OnlyInt(), 1) == 4
    for bad in (OnlyIndex(), ffi.cast("double", 2.0), ffi.new("int *")):
        with pytest.raises(TypeError):
            lib.add(bad, 1)
        with pytest.raises(TypeError):
            ffi.addressof(lib, "add")(bad, 1)


def test_enum_takes_no_names(main):
    ffi, lib = main
    s = ffi.new("size_e *")
    for bad in ("SMALL", "-1", "#1"):
        with pytest.raises(TypeError):
            s[0] = bad
        with pytest.raises(TypeError):
            lib.next_color(bad)
    assert lib.next_color(lib.RED) == lib.GREEN


def test_bool_values(main):
    ffi, lib = main
    assert ffi.new("_Bool *", fractions.Fraction(1, 2))[0] is False
    for bad in (2, -1, decimal.Decimal(2)):
        with pytest.raises(OverflowError):
            ffi.new("_Bool *", bad)
    for bad in (0.0, ffi.cast("long double", 1), OnlyIndex()):
        with pytest.raises(TypeError):
            ffi.new("_Bool *", bad)
        with pytest.raises(TypeError):
            lib.notb(bad)
    with pytest.raises(ValueError):
        ffi.new("_Bool[]", b"\x00\x02")


def test_float_values(main):
    ffi, lib = main
    for t in ("float", "double", "long double"):
        for good, want in ((OnlyIndex(), 3.0), (OnlyFloat(), 3.5), (decimal.Decimal(2), 2.0),
                           (fractions.Fraction(1, 2), 0.5), (ffi.cast("float", 1.5), 1.5)):
            assert float(ffi.new(t + " *", good)[0]) == want
        # only float cdata have float(): not int, char or bool cdata
        for bad in (ffi.cast("int", 5), ffi.cast("char", b"a"), ffi.cast("_Bool", 1), "1", ffi.new("int *")):
            with pytest.raises(TypeError):
                ffi.new(t + " *", bad)
    assert lib.half(OnlyFloat()) == 1.75
    with pytest.raises(TypeError):
        lib.half(ffi.cast("int", 4))


def test_char_values(main):
    ffi, lib = main
    with pytest.raises(TypeError):
        ffi.new("char *", bytearray(b"a"))
    with pytest.raises(TypeError):
        lib.first(bytearray(b"a"))
    # a wide char cdata converts to any wide char type of its size
    assert ffi.new("char32_t *", ffi.cast("wchar_t", "a"))[0] == "a"
    assert ffi.new("wchar_t *", ffi.cast("char32_t", "b"))[0] == "b"
    with pytest.raises(TypeError):
        ffi.new("char16_t *", ffi.cast("wchar_t", "a"))
    assert lib.up16(ffi.cast("char16_t", "a")) == "b"
    with pytest.raises(TypeError):
        lib.up16(ffi.cast("char32_t", "a"))


def test_pointer_values(main):
    ffi, lib = main
    # a lib function is not a function pointer cdata
    with pytest.raises(TypeError):
        ffi.new("binop_t *", lib.add)
    with pytest.raises(TypeError):
        lib.apply(lib.add, 1, 2)
    assert lib.apply(ffi.addressof(lib, "add"), 1, 2) == 3
    r = ffi.new("struct rect *")
    for bad in (None, 0):
        with pytest.raises(TypeError):
            r.label = bad
    with pytest.raises(TypeError):
        ffi.new("int **", 0)
    # 'char *' mixes with other pointers, with a warning unless both sides
    # point to single bytes
    with pytest.warns(UserWarning):
        ffi.new("char **", ffi.new("int *"))
    with pytest.warns(UserWarning):
        ffi.new("int **", ffi.new("char[]", b"x"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ffi.new("char **", ffi.new("unsigned char[]", b"x"))
        ffi.new("void **", lib.get_adder())
        ffi.new("binop_t *", ffi.cast("void *", 0))
    with pytest.raises(TypeError):
        ffi.new("int **", ffi.new("long *"))


def test_cdata_number_protocols(main):
    ffi, lib = main
    p = ffi.new("int *")
    for f in (int, float, list(range(3)).__getitem__, range):
        with pytest.raises(TypeError):
            f(p)
    with pytest.raises(TypeError):
        float(ffi.cast("int", 1))
    with pytest.raises(TypeError):
        range(ffi.cast("int", 3))  # no __index__ on any cdata
    with pytest.raises(TypeError):
        ffi.new("int[3]")[ffi.cast("int", 1)]
    assert int(ffi.cast("wchar_t", -1)) == -1  # the raw value, though no character
    assert int(ffi.cast("long long", ffi.cast("wchar_t", -1))) == -1
    assert int(ffi.cast("char32_t", 0x7FFFFFFF)) == 0x7FFFFFFF
    assert bool(ffi.cast("long double", 1e-300)) is True


def test_cast_sources(main):
    ffi, lib = main
    assert int(ffi.cast("_Bool", 0.1)) == 1 and int(ffi.cast("_Bool", -0.0)) == 0
    assert int(ffi.cast("_Bool", b"\x80")) == 1 and int(ffi.cast("_Bool", OnlyFloat())) == 1
    assert float(ffi.cast("double", "a")) == 97.0 and float(ffi.cast("float", ffi.cast("wchar_t", "a"))) == 97.0
    assert float(ffi.cast("double", OnlyIndex())) == 3.0
    assert int(ffi.cast("int", OnlyInt())) == 3 and int(ffi.cast("int", decimal.Decimal(7))) == 7
    assert int(ffi.cast("intptr_t", ffi.cast("int *", OnlyInt()))) == 3
    for t in ("int", "char", "wchar_t", "int *", "binop_t"):
        with pytest.raises(TypeError):
            ffi.cast(t, OnlyIndex())
    with pytest.raises(TypeError):
        ffi.cast("double", "ab")


def test_string_of_primitives(main):
    ffi, lib = main
    assert ffi.string(ffi.cast("signed char", 65)) == b"A"
    assert ffi.string(ffi.cast("unsigned char", 66)) == b"B"
    assert ffi.string(ffi.cast("enum color", 5)) == "GREEN"
    for bad in (ffi.cast("int", 5), ffi.cast("_Bool", 1), ffi.new("_Bool[]", 2), ffi.new("short[]", 2)):
        with pytest.raises(TypeError):
            ffi.string(bad)


def test_types_are_not_cdata(main):
    ffi, lib = main
    p = ffi.new("int *")
    assert ffi.typeof(p) is ffi.typeof("int *")
    assert ffi.sizeof(p) == ffi.alignof(p) == 8
    for use in (ffi.new, lambda t: ffi.cast(t, 0), ffi.getctype, lambda t: ffi.new_allocator()(t)):
        with pytest.raises(TypeError):
            use(p)


def test_owning_pointer_has_one_item(main):
    ffi, lib = main
    for t in ("int *", "struct point *"):
        p = ffi.new(t)
        p[0]
        for i in (1, -1):
            with pytest.raises(IndexError):
                p[i]
            with pytest.raises(IndexError):
                p[i] = p[0]
    q = ffi.cast("int *", ffi.new("int[3]"))
    assert q[1] == 0


def test_bitfields_take_index_not_int(main):
    ffi, lib = main
    b = ffi.new("struct bits *")
    b.a = OnlyIndex()
    assert b.a == 3
    for bad in (OnlyInt(), decimal.Decimal(1), ffi.cast("int", 1), ffi.cast("_Bool", 1), 1.0):
        with pytest.raises(TypeError):
            b.a = bad
        with pytest.raises(TypeError):
            b.c = bad


def test_array_initializers(main):
    ffi, lib = main
    assert len(ffi.new("char[]", OnlyIndex())) == 3  # a length
    assert list(ffi.new("int[2]", ffi.new("int[2]", [5, 6]))) == [5, 6]  # a copy of the same array type
    with pytest.raises(TypeError):
        ffi.new("int[2]", ffi.new("int[3]"))
    with pytest.raises(TypeError):
        ffi.new("int[]", ffi.new("int[2]"))


def test_primitive_cdata_compare_and_hash_by_python_value(main):
    ffi, lib = main
    c, w = ffi.cast("char", b"a"), ffi.cast("wchar_t", "a")
    assert c == b"a" and c != 97 and hash(c) == hash(b"a") and c != ffi.cast("int", 97)
    assert w == "a" and w != 97 and c < ffi.cast("char", b"b")
    assert ffi.cast("_Bool", 1) == True and ffi.cast("enum color", 5) == 5  # noqa: E712
    # a long double reads out as a cdata: it compares only through float()
    with pytest.raises(NotImplementedError):
        ffi.cast("long double", 1) == 1
    with pytest.raises(NotImplementedError):
        ffi.cast("long double", 1) < ffi.cast("long double", 2)


def test_pointer_arithmetic_and_slice_operands(main):
    ffi, lib = main
    a = ffi.new("int[3]", [1, 2, 3])
    assert (a + OnlyIndex())[-1] == 3  # __index__ counts for arithmetic
    for bad in (OnlyInt(), ffi.cast("int", 1), 1.0):
        with pytest.raises(TypeError):
            a + bad
    with pytest.raises(TypeError):
        a[OnlyIndex():OnlyIndex()]  # slices take ints only
    assert list(a[1:3]) == [2, 3]
