"""Type strings: every string CFFI's ffi.typeof takes, CFFI's exceptions for
the ones it refuses, and its limits on absurd ones (fast, never a crash)."""
import time

import pytest

from conftest import load


@pytest.mark.parametrize("text, same_as", [
    ("int f(int a[])", None),  # a named function type: refused below, as a bare function
    ("int (*f)(int a[], int b[][5])", "int(*)(int *, int(*)[5])"),
    ("int (*)(char cb(char, char))", "int(*)(char(*)(char, char))"),
    ("int (__stdcall *)(int)", "int(*)(int)"),
    ("int (__cdecl *)(int)", "int(*)(int)"),
    ("int (*const p)(void)", "int(*)()"),
    ("int *x[5]", "int *[5]"),
    ("int (*(*)(int))", "int *(*)(int)"),
    ("const int volatile * restrict", "int *"),
    ("int[0x10]", "int[16]"),
    ("int[010]", "int[8]"),
])
def test_declarators_name_and_convention(main, text, same_as):
    ffi, lib = main
    if same_as is None:
        with pytest.raises(ffi.error):
            ffi.typeof(text)
    else:
        assert ffi.typeof(text) is ffi.typeof(same_as)


def test_function_types_where_cffi_takes_them(main):
    ffi, lib = main
    f = ffi.callback("char cb(char, char)", lambda a, b: bytes([a[0] + b[0]]))
    assert f(b"A", b"\x01") == b"B"
    g = ffi.callback("int __stdcall(int)", lambda x: x * 3)
    assert ffi.typeof(g) is ffi.typeof("int(*)(int)") and g(2) == 6
    assert ffi.typeof(ffi.callback("void foo()", lambda: None)) is ffi.typeof("void(*)()")
    a = ffi.new("int(*[5])(int)")
    assert ffi.getctype(ffi.typeof(a)) == "int(*[5])(int)"


def test_typedefs_as_parameters(built, runtime):
    m = built.module("_rttypedefs", "typedef int arr5_t[5]; typedef int fn_t(int);",
                     "typedef int arr5_t[5]; typedef int fn_t(int);", runtime)
    ffi = m.ffi
    assert ffi.typeof("int(*)(arr5_t)").args == (ffi.typeof("int *"),)  # decays, as a written array does
    assert ffi.typeof("int(*)(fn_t *)").args == (ffi.typeof("int(*)(int)"),)
    with pytest.raises(ffi.error):
        ffi.typeof("int(*)(fn_t)")  # unlike a written function type, CFFI's parser keeps it a function


def test_array_lengths_from_constants(main):
    ffi, lib = main
    assert ffi.sizeof("char[GREEN]") == 5 and ffi.sizeof("char[BLUE]") == 6
    assert ffi.typeof("int[ANSWER]").length == 42
    assert ffi.typeof("int[RED]").length == 0
    for bad in ("int[NEG]", "int[PI]", "int[counter]", "int[1+2]", "int[3u]", "int[08]", "int[1e5]"):
        with pytest.raises(ffi.error):
            ffi.typeof(bad)


def test_array_length_of_a_constant_c_disagrees_with(built, runtime):
    ffi, lib = load(built, runtime, "_rtmismatch")
    assert ffi.typeof("int[RIGHT]").length == 7
    with pytest.raises(ffi.error):
        ffi.typeof("int[WRONG]")


@pytest.mark.parametrize("text, error", [
    ("struct node[2]", ValueError), ("void[2]", ValueError), ("int[5][]", ValueError),
    ("int(*)(void, int)", TypeError), ("int(*)(struct node)", TypeError), ("int(*)(void x)", TypeError),
    ("struct node(*)(int)", TypeError), ("int(*)(int)[5]", TypeError),
    ("unop_fn[2]", "ffi.error"), ("int(*)(unop_fn)", "ffi.error"), ("int(*)(int)(int)", "ffi.error"),
    ("int((*))", "ffi.error"), ("int(*)(int,)", "ffi.error"), ("int(*)(..., int)", "ffi.error"),
    ("union point", "ffi.error"), ("struct color", "ffi.error"), ("int __stdcall", "ffi.error"),
    ("int(* __stdcall)(int)", "ffi.error"), ("long long long", "ffi.error"), ("char _Complex", "ffi.error"),
    ("int x y", "ffi.error"), ("int * restrict *", "ffi.error"),
])
def test_refused_with_cffis_exception(main, text, error):
    ffi, lib = main
    with pytest.raises(ffi.error if error == "ffi.error" else error):
        ffi.typeof(text)


def test_file(main):
    ffi, lib = main
    t = ffi.typeof("FILE")
    assert t.kind == "struct" and t.cname == "FILE"
    assert ffi.typeof("struct _IO_FILE") is t and ffi.typeof("FILE *").item is t


def test_error_shows_the_string_and_column(main):
    ffi, lib = main
    with pytest.raises(ffi.error) as e:
        ffi.typeof("int\t\x01 @")
    assert str(e.value).split("\n")[1:] == ["int ? @", "    ^"]
    with pytest.raises(ffi.error) as e:
        ffi.typeof("X" * 600)
    assert "\n" not in str(e.value)  # a long string is not repeated


# The crashes, and CFFI's limits: 1200 parts, 1000 levels of nesting.
@pytest.mark.parametrize("text, error", [
    ("int" + "(" * 100000 + "*" + ")" * 100000, "ffi.error"),
    ("void(*)(" * 100000, "ffi.error"),
    ("int" + "*" * 64000, "ffi.error"),
    ("int(" * 100000, "ffi.error"),
    ("int" + "[" * 100000, "ffi.error"),
    ("int" + "*" * 1000, RuntimeError),
    ("int" + "*" * 999, None),
    ("int" + "(*" * 500 + ")" * 500, RuntimeError),
    ("int" + "(*" * 499 + ")" * 499, None),
    ("int" + "[1]" * 600, "ffi.error"),
    ("int" + "[1]" * 599, None),
    ("int(*)(" * 201 + ")" * 201, "ffi.error"),
    ("int(*)(" * 200 + ")" * 200, None),
    ("int(*)(" + ", ".join(["int *"] * 399) + ")", "ffi.error"),
    ("int(*)(" + ", ".join(["int *"] * 398) + ")", None),
])
def test_over_complex_types_fail_fast(main, text, error):
    ffi, lib = main
    start = time.perf_counter()
    if error is None:
        ffi.typeof(text)
    else:
        with pytest.raises(ffi.error if error == "ffi.error" else error):
            ffi.typeof(text)
    assert time.perf_counter() - start < 2  # ours: under 1 ms; stock CFFI: 0.16 s for "void(*)(" * 100000
