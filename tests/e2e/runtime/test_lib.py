"""`lib`: functions, constants, enums, global variables, introspection."""
import sys

import pytest


def test_function_call_and_metadata(main):
    ffi, lib = main
    assert lib.add(2, 3) == 5
    assert lib.nothing() == 7
    assert lib.add.__name__ == "add"
    assert lib.add.__doc__.startswith("int add(int, int);")
    assert lib.add is lib.add  # built once, then cached


def test_integer_constants_and_enums(main):
    ffi, lib = main
    assert (lib.ANSWER, lib.BIG, lib.NEG) == (42, 0x7FFFFFFFFFFFFFFF, -17)
    assert (lib.RED, lib.GREEN, lib.BLUE) == (0, 5, 6)
    assert (lib.SMALL, lib.LARGE) == (-1, 1000)
    assert ffi.integer_const("ANSWER") == 42


def test_typed_constants(main):
    ffi, lib = main
    assert lib.PI == 3.25
    assert ffi.string(lib.GREETING) == b"hello"


def test_global_variables_read_write(main):
    ffi, lib = main
    lib.counter = 3
    assert lib.counter == 3
    lib.counter = 11
    assert lib.counter == 11
    assert list(lib.arr) == [1, 2, 3, 4]
    lib.arr[2] = 30
    assert lib.arr[2] == 30
    lib.origin = (5, 6)
    assert (lib.origin.x, lib.origin.y) == (5, 6)
    lib.origin.x = 7
    assert lib.origin.x == 7
    assert ffi.string(lib.message) == b"hi"
    assert ffi.string(lib.name_ptr) == b"ffigen"
    assert lib.adder_ptr(2, 2) == 4


def test_addressof_lib(main):
    ffi, lib = main
    p = ffi.addressof(lib, "counter")
    assert ffi.typeof(p) is ffi.typeof("int *")
    p[0] = 99
    assert lib.counter == 99
    f = ffi.addressof(lib, "add")
    assert ffi.typeof(f) is ffi.typeof("int(*)(int, int)")
    assert f(20, 22) == 42
    assert ffi.typeof(lib.add) is ffi.typeof("int(*)(int, int)")


def test_addressof_lib_variadic_function_and_constants(main):
    ffi, lib = main
    f = ffi.addressof(lib, "vsum")  # a variadic function is a function pointer constant
    assert ffi.typeof(f) is ffi.typeof("int(*)(int, ...)") and f == lib.vsum
    for constant in ("ANSWER", "RED", "PI"):
        with pytest.raises(AttributeError):
            ffi.addressof(lib, constant)
    with pytest.raises(AttributeError):
        ffi.addressof(lib, "no_such_name")


def test_function_docstring_and_argument_errors(main):
    ffi, lib = main
    assert lib.add.__doc__ == "int add(int, int);\n\nCFFI C function from %s.lib" % lib.add.__module__
    assert lib.nothing.__doc__.startswith("int nothing();")
    assert lib.identity.__doc__.startswith("void *identity(void *);")
    with pytest.raises(TypeError) as e:
        lib.nothing(1)
    assert str(e.value).endswith(".Lib.nothing() takes no arguments (1 given)")
    x = type(lib).__dir__.__get__(lib)  # a builtin bound to lib, but none of its functions
    with pytest.raises(TypeError):
        ffi.typeof(x)


def test_dict_holds_no_stale_copy_of_a_variable(main):
    ffi, lib = main
    var = lib.__dict__["counter"]
    assert not isinstance(var, int)
    lib.__dict__["add"] = None  # a copy: lib is unchanged
    assert lib.add(1, 1) == 2


def test_dir_dict_name(main):
    ffi, lib = main
    names = dir(lib)
    for n in ("add", "counter", "ANSWER", "RED", "PI"):
        assert n in names
    d = lib.__dict__
    assert d["ANSWER"] == 42 and d["add"](1, 1) == 2
    assert lib.__name__.endswith(".lib")
    assert sys.modules[lib.__name__] is lib


def test_lib_looks_like_a_module(main):
    ffi, lib = main
    assert "add" in lib.__all__ and "ANSWER" in lib.__all__
    assert "counter" not in lib.__all__  # variables: `import *` would freeze a copy
    assert lib.__class__ is type(sys)
    assert lib.__loader__ is None and lib.__spec__ is None
    star = {}
    exec(f"from {lib.__name__} import *", star)
    assert star["add"](1, 2) == 3


def test_missing_attribute_names_module_and_name(main, runtime):
    ffi, lib = main
    with pytest.raises(AttributeError) as e:
        lib.no_such_thing
    assert "no_such_thing" in str(e.value) and "_rtmain" in str(e.value)


@pytest.mark.parametrize("name", ["add", "ANSWER", "RED", "PI"])
def test_cannot_assign_functions_or_constants(main, name):
    ffi, lib = main
    with pytest.raises(AttributeError):
        setattr(lib, name, 1)


def test_assigning_a_global_checks_its_type(main):
    ffi, lib = main
    with pytest.raises(TypeError):
        lib.counter = "x"
    with pytest.raises(OverflowError):
        lib.counter = 2**40


def test_each_variant_runs_on_its_runtime(main, runtime):
    ffi, lib = main
    expected = "_cffi_backend" if runtime == "stock" else "_ffigen_runtime"
    assert type(ffi).__module__ == expected


def test_constant_that_disagrees_with_c_raises_on_access(built, runtime):
    from conftest import load
    ffi, lib = load(built, runtime, "_rtmismatch")
    assert lib.RIGHT == 7
    with pytest.raises(ffi.error) as e:
        lib.WRONG
    # CFFI's suite asserts these words
    assert str(e.value) == "the C compiler says 'WRONG' is equal to 6 (0x6), but the cdef disagrees"
    with pytest.raises(ffi.error) as e:
        lib.WRONG_NEG
    assert str(e.value) == "the C compiler says 'WRONG_NEG' is equal to -4, but the cdef disagrees"


def test_float_typedef_that_is_no_float_fails_on_use(built, runtime):
    from conftest import load
    ffi, lib = load(built, runtime, "_rtunknownprim")
    assert lib.fneg(1.5) == -1.5
    # CFFI's suite asserts these words
    with pytest.raises(ffi.error, match=r"^primitive floating-point type with an unexpected size \(or not a float"):
        lib.wneg
    with pytest.raises(ffi.error, match=r"^primitive floating-point type is 'long double', not supported for now"):
        lib.lneg
    with pytest.raises(ffi.error):
        ffi.typeof("not_float_t")
    with pytest.raises(ffi.error):
        ffi.new("struct holds_ld *")


def test_global_char_array_write(main):
    ffi, lib = main
    lib.message = b"hey"
    assert ffi.string(lib.message) == b"hey"
    with pytest.raises(IndexError):
        lib.message = b"x" * 17
    lib.message = b"hi"
