import errno

import pytest


def test_function_pointers_from_c_and_python(mod):
    ffi, lib = mod.ffi, mod.lib
    mul = lib.pick(1)
    assert ffi.typeof(mul) is ffi.typeof("binop")
    assert mul(6, 7) == 42 and lib.apply(mul, 3, 4) == 12
    cb = ffi.callback("int(int, int)", lambda a, b: a ** b)
    assert lib.apply(cb, 2, 10) == 1024
    h = ffi.new("struct handler *", {"op": lib.pick(0)})
    assert lib.run_handler(h, 10, 4) == 6


def test_extern_python(mod):
    ffi, lib = mod.ffi, mod.lib
    seen = []

    @ffi.def_extern()
    def py_add(a, b):
        return a + b

    @ffi.def_extern()
    def py_log(message, value):
        seen.append((ffi.string(message), value))

    @ffi.def_extern()
    def py_mirror(p):
        return {"x": p.y, "y": p.x}

    assert lib.call_log(b"hi", 2.5) == 3
    assert seen == [(b"hi", 2.5)]
    assert lib.call_mirror(1, 2) == 201
    assert lib.py_add(20, 22) == 42  # also callable from Python, through C


def test_variadic_functions_take_cdata_for_the_varargs(mod):
    ffi, lib = mod.ffi, mod.lib
    buf = ffi.new("char[64]")
    n = lib.format(buf, 64, b"%d-%s-%.1f", ffi.cast("int", 7), ffi.new("char[]", b"x"),
                   ffi.cast("double", 1.5))
    assert ffi.string(buf) == b"7-x-1.5" and n == 7
    assert lib.sum_ints(3, ffi.cast("int", 1), ffi.cast("int", 2), ffi.cast("int", 3)) == 6
    with pytest.raises(TypeError):
        lib.sum_ints(1, 5)  # a Python int has no C type here


def test_errno_is_saved_after_each_call(mod):
    ffi, lib = mod.ffi, mod.lib
    ffi.errno = 0
    assert lib.fail_with(errno.ENOENT) == -1
    assert ffi.errno == errno.ENOENT
    ffi.errno = errno.EINTR
    assert ffi.errno == errno.EINTR


def test_a_function_pointer_parameter_takes_only_cdata(mod):
    # The stock backend crashed here before: TypeError, as in CFFI.
    for bad in (42, None, lambda a, b: a + b, b"x"):
        with pytest.raises(TypeError):
            mod.lib.apply(bad, 1, 2)
