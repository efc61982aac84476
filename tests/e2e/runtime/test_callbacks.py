"""ffi.callback and extern "Python": C calling into Python, on both runtimes."""

import pytest

from modules_part2 import cb  # noqa: F401 (fixture)


def test_int_callback_and_repr(cb):
    ffi, lib = cb

    def double(x):
        return x * 2

    f = ffi.callback("int(int)", double)
    assert lib.call_int(f, 21) == 42
    assert ffi.typeof(f) is ffi.typeof("int(*)(int)")
    assert repr(f).startswith("<cdata 'int(*)(int)' calling <function ")
    assert "double" in repr(f)
    assert isinstance(f, ffi.CData)
    assert f(5) == 10  # a callback cdata is callable from Python too
    g = ffi.callback("int(*)(int)", lambda x: x + 1)  # pointer spelling too
    assert lib.call_int(g, 1) == 2


def test_decorator_form(cb):
    ffi, lib = cb

    @ffi.callback("int(int)", error=-5)
    def square(x):
        return x * x

    assert lib.call_int(square, 7) == 49
    assert lib.call_n(square, 10) == sum(i * i for i in range(10))


def test_every_scalar_kind(cb):
    ffi, lib = cb
    assert lib.call_dd(ffi.callback("double(double, float)", lambda x, y: x * y), 3.0) == 1.5
    assert lib.call_sc(ffi.callback("signed char(signed char)", lambda x: x - 1), -127) == -128
    assert lib.call_us(ffi.callback("unsigned short(unsigned short)", lambda x: x + 1), 65534) == 65535
    assert lib.call_ll(ffi.callback("long long(long long)", lambda x: -x), 2**62) == -(2**62)
    assert lib.call_ull(ffi.callback("unsigned long long(void)", lambda: 2**64 - 1)) == 2**64 - 1
    assert lib.call_bool(ffi.callback("_Bool(int)", lambda x: x > 3), 5) is True
    assert lib.call_bool(ffi.callback("_Bool(int)", lambda x: x > 3), 1) is False
    assert lib.call_char(ffi.callback("char(char)", lambda c: c.upper()), b"q") == b"Q"
    assert lib.call_wchar(ffi.callback("wchar_t(wchar_t)", lambda c: chr(ord(c) + 1)), "y") == "z"
    assert lib.call_float(ffi.callback("float(float)", lambda x: x / 4), 1.0) == 0.25
    ld = lib.call_ld(ffi.callback("long double(long double)", lambda x: float(x) * 3), 1.5)
    assert float(ld) == 4.5


def test_pointer_and_string_arguments(cb):
    ffi, lib = cb
    p = ffi.new("int *", 5)
    seen = []

    def ident(q):
        seen.append(ffi.typeof(q))
        return q

    assert lib.call_ptr(ffi.callback("void *(void *)", ident), p) == p
    assert seen == [ffi.typeof("void *")]

    def poke(q):
        q[0] = 99

    lib.call_void(ffi.callback("void(int *)", poke), p)
    assert p[0] == 99
    assert lib.call_str(ffi.callback("int(char *)", lambda s: len(ffi.string(s))), b"hello") == 5


def test_struct_by_value(cb):
    ffi, lib = cb

    def swap(p):
        assert ffi.typeof(p) is ffi.typeof("struct pair")
        return {"a": int(p.b), "b": float(p.a)}

    r = lib.call_pair(ffi.callback("struct pair(struct pair)", swap), {"a": 3, "b": 8.0})
    assert (r.a, r.b) == (8, 3.0)

    def scale(b, k):
        out = ffi.new("struct big *")
        for i in range(4):
            out.x[i] = b.x[i] * k
        return out[0]

    assert lib.call_big(ffi.callback("struct big(struct big, int)", scale), 10) == 100


def test_exception_goes_to_unraisablehook_and_returns_error(cb, unraisable):
    with unraisable:
        ffi, lib = cb

        def boom(x):
            raise ValueError("bad %d" % x)

        assert lib.call_int(ffi.callback("int(int)", boom), 1) == 0
        assert lib.call_int(ffi.callback("int(int)", boom, error=-1), 1) == -1
        assert lib.call_dd(ffi.callback("double(double, float)", lambda x, y: 1 / 0, -2.5), 1.0) == -2.5
        assert len(unraisable) == 3
        assert unraisable[0].exc_type is ValueError and str(unraisable[0].exc_value) == "bad 1"
        assert "from cffi callback" in unraisable[0].err_msg and "boom" in unraisable[0].err_msg
        assert unraisable[2].exc_type is ZeroDivisionError


def test_wrong_result_type_is_reported(cb, unraisable):
    with unraisable:
        ffi, lib = cb
        assert lib.call_int(ffi.callback("int(int)", lambda x: "nope", error=7), 1) == 7
        assert lib.call_int(ffi.callback("int(int)", lambda x: 2**40, error=8), 1) == 8
        f = ffi.callback("void(int *)", lambda p: 5)
        lib.call_void(f, ffi.new("int *"))
        assert [u.exc_type for u in unraisable] == [TypeError, OverflowError, TypeError]
        assert all("trying to convert the result back to C" in u.err_msg for u in unraisable)
        assert str(unraisable[2].exc_value) == "callback with the return type 'void' must return None"


def test_onerror(cb, unraisable):
    with unraisable:
        ffi, lib = cb
        got = []

        def onerror(exc, val, tb):
            got.append((exc, str(val), tb is not None))
            return 77

        f = ffi.callback("int(int)", lambda x: 1 / x, error=-1, onerror=onerror)
        assert lib.call_int(f, 0) == 77
        assert got == [(ZeroDivisionError, "division by zero", True)]
        # onerror returning None: the error value is used, nothing is printed
        g = ffi.callback("int(int)", lambda x: 1 / x, error=-1, onerror=lambda *a: None)
        assert lib.call_int(g, 0) == -1
        assert unraisable == []


def test_onerror_that_fails(cb, unraisable):
    # onerror raising, or returning what the result type cannot take: the
    # error value is used and both exceptions are reported, the callback's
    # first, then onerror's "during handling of the above exception"
    with unraisable:
        ffi, lib = cb
        got = []

        def onerror(exc, val, tb):
            got.append((exc, tb is not None))
            raise ValueError("onerror broke")

        def divide(x):
            return 1 // x

        f = ffi.callback("int(int)", divide, error=-7, onerror=onerror)
        assert lib.call_int(f, 0) == -7
        g = ffi.callback("int(int)", divide, error=-8, onerror=lambda *a: "not an int")
        assert lib.call_int(g, 0) == -8
        h = ffi.callback("int(int)", lambda x: "bad", error=-9, onerror=onerror)
        assert lib.call_int(h, 0) == -9
        assert got == [(ZeroDivisionError, True), (TypeError, False)]  # no traceback for a bad result
        during = "Exception ignored during handling of the above exception by 'onerror'"
        reported = [(u.exc_type, u.err_msg) for u in unraisable]
        assert reported == [
            (ZeroDivisionError, "Exception ignored from cffi callback %r" % (divide,)),
            (ValueError, during),
            (ZeroDivisionError, "Exception ignored from cffi callback %r" % (divide,)),
            (TypeError, during),
            (TypeError, reported[4][1]),
            (ValueError, during),
        ]
        assert reported[4][1].endswith(", trying to convert the result back to C")
        assert str(unraisable[1].exc_value) == "onerror broke"
        assert all(u.exc_value.__context__ is None and u.exc_traceback is not None for u in unraisable)


def test_bad_callback_arguments(cb):
    ffi, lib = cb
    with pytest.raises(TypeError):
        ffi.callback("int", lambda: 0)
    with pytest.raises(TypeError):
        ffi.callback("int(int)", 42)
    with pytest.raises(TypeError):
        ffi.callback("int(int)", lambda x: x, onerror=42)
    with pytest.raises((TypeError, OverflowError)):
        ffi.callback("int(int)", lambda x: x, error="x")


def test_errno_inside_callback(cb):
    ffi, lib = cb

    def f(_):
        seen = ffi.errno
        ffi.errno = 7
        return seen

    # the callback sees the caller's errno and its assignment reaches C
    assert lib.call_errno(ffi.callback("int(int)", f), 5) == 5 * 1000 + 7


def test_extern_python(cb, unraisable):
    with unraisable:
        ffi, lib = cb

        @ffi.def_extern()
        def py_add(a, b):
            return a + b

        assert lib.use_add(2, 3) == 5
        assert ffi.typeof(lib.py_add) is ffi.typeof("int(*)(int, int)")
        assert lib.py_add(4, 5) == 9  # lib.py_add is the C stub, callable as a pointer

        @ffi.def_extern(name="py_add")  # redefinition replaces
        def other(a, b):
            return a * b

        assert lib.use_add(2, 3) == 6

        @ffi.def_extern()
        def py_scale(x, p):
            return x * p.a + p.b

        assert lib.use_scale(2.0, 3, 0.5) == 6.5
        notes = []

        @ffi.def_extern()
        def py_note(s):
            notes.append(ffi.string(s))

        lib.use_note(b"hi")
        assert notes == [b"hi"]

        @ffi.def_extern()
        def py_make(n):
            return [n, n / 2]

        r = lib.use_make(5)
        assert (r.a, r.b) == (5, 2.5)

        @ffi.def_extern()
        def py_twice_ld(x):
            return float(x) * 2

        assert float(lib.use_twice_ld(1.25)) == 2.5

        @ffi.def_extern()
        def py_plus_c(x):
            return -x

        assert lib.use_plus_c(4) == -4
        assert unraisable == []


def test_callback_libffi_cannot_make_says_cffis_words(main):
    ffi, lib = main
    for decl, cname in [("struct bits foo(void)", "struct bits(*)()"), ("int(*)(int, ...)", "int(*)(int, ...)")]:
        with pytest.raises(NotImplementedError) as e:
            ffi.callback(decl, lambda *args: 0)
        assert str(e.value) == cname + ": callback with unsupported argument or return type or with '...'"
    decorate = ffi.callback("int(*)(int, ...)")  # the decorator form checks when it decorates
    with pytest.raises(NotImplementedError):
        decorate(lambda *args: 0)
    decorate = ffi.callback("int")
    with pytest.raises(TypeError):
        decorate(lambda: 0)


def test_addressof_extern_python_is_its_function_pointer(cb):
    # CFFI's documented way to hand an extern "Python" function to C
    ffi, lib = cb
    p = ffi.addressof(lib, "py_add")
    assert ffi.typeof(p) is ffi.typeof("int(*)(int, int)")
    assert p == lib.py_add


def test_extern_python_errors(cb, unraisable, runtime):
    with unraisable:
        ffi, lib = cb

        @ffi.def_extern(name="py_add", error=-9)
        def failing(a, b):
            raise KeyError(a)

        assert lib.use_add(1, 2) == -9
        assert len(unraisable) == 1 and unraisable[0].exc_type is KeyError

        @ffi.def_extern(name="py_add", onerror=lambda e, v, tb: 1234)
        def failing2(a, b):
            raise KeyError(a)

        assert lib.use_add(1, 2) == 1234
        with pytest.raises(ffi.error):
            ffi.def_extern(name="no_such_function")(lambda: 0)
        with pytest.raises(ffi.error):
            ffi.def_extern()(lambda: 0)  # "<lambda>" is not an extern "Python"
        with pytest.raises(ffi.error):
            ffi.def_extern(name="use_add")(lambda a, b: 0)  # a plain function


def test_extern_python_unattached_returns_zero(cb, unraisable, capfd):
    with unraisable:
        ffi, lib = cb
        assert lib.use_unattached(5) == 0
    # One line on the process's stderr, no traceback, on both runtimes.
    err = capfd.readouterr().err.splitlines()
    assert len(err) == 1 and not unraisable
    # CFFI's suite asserts these words
    assert err[0] == ('extern "Python": function _rtcb.py_unattached() called, but no code was attached '
                      'to it yet with @ffi.def_extern().  Returning 0.')


def test_variadic_function_pointers(cb):
    ffi, lib = cb
    f = lib.get_sum_ints()
    assert f(3, ffi.cast("int", 1), ffi.cast("int", 2), ffi.cast("int", 3)) == 6
    g = lib.get_sum_doubles()
    assert g(2, ffi.cast("double", 1.5), ffi.cast("double", 2.25)) == 3.75
    with pytest.raises(TypeError):
        f(1, 5)  # the variadic part needs cdata


def test_variadic_promotions(cb, runtime):
    ffi, lib = cb
    if runtime == "stock":
        pytest.skip("the stock backend passes a float unpromoted (undefined behaviour)")
    g = lib.get_sum_doubles()
    assert g(2, ffi.cast("float", 1.5), ffi.cast("double", 2)) == 3.5
    f = lib.get_sum_ints()
    args = [ffi.cast("char", 65), ffi.cast("short", -2), ffi.cast("_Bool", 1), ffi.cast("unsigned char", 255)]
    assert f(4, *args) == 65 - 2 + 1 + 255


def test_struct_by_value_through_function_pointers(cb):
    ffi, lib = cb
    fp = ffi.cast("struct pair(*)(struct pair(*)(struct pair), struct pair)", ffi.addressof(lib, "call_pair"))
    inc = ffi.callback("struct pair(struct pair)", lambda p: (p.a + 1, p.b * 2))
    r = fp(inc, {"a": 1, "b": 1.5})
    assert ffi.typeof(r) is ffi.typeof("struct pair") and (r.a, r.b) == (2, 3.0)
    big = ffi.cast("long long(*)(struct big(*)(struct big, int), int)", ffi.addressof(lib, "call_big"))
    assert big(ffi.callback("struct big(struct big, int)", lambda b, k: b), 1) == 10


def test_variable_at_address_null_raises(built, runtime, unraisable):
    # `my_value` is `(*get_my_value())`: a NULL from the function is an
    # ffi.error on read, write and addressof, not a crash
    from conftest import load
    ffi, lib = load(built, runtime, "_rtmacrovar")
    values = ffi.new("int[2]", [41, 0])
    keep = ffi.callback("int *(*)(void)", lambda: values)
    lib.get_my_value = keep
    assert lib.my_value == 41
    lib.my_value = 42
    assert values[0] == 42 and ffi.addressof(lib, "my_value") == values
    with unraisable:
        for result in (lambda: ffi.NULL, lambda: "not a pointer"):
            keep = ffi.callback("int *(*)(void)", result)
            lib.get_my_value = keep
            with pytest.raises(ffi.error) as e:
                lib.my_value
            # CFFI's suite asserts these words
            assert str(e.value) == "global variable 'my_value' is at address NULL"
            with pytest.raises(ffi.error):
                lib.my_value = 50
            with pytest.raises(ffi.error):
                ffi.addressof(lib, "my_value")
