"""mediakit built by ffigen (mediakit_build.sh): the realistic cdef generates,
compiles against a header that gives its `...` forms definite meanings, and
imports; the values the cdef leaves to the C compiler come from it."""
import os

import pytest

import _mediakit
from _mediakit import ffi, lib


def test_runtime_is_the_one_asked_for():
    assert type(ffi).__module__ == os.environ["MEDIAKIT_RUNTIME"]


def test_functions_are_builtins_with_signatures():
    assert callable(lib.mk_core_open)
    assert lib.mk_core_open.__name__ == "mk_core_open"
    assert "mk_core" in lib.mk_core_open.__doc__
    assert "mk_core_printf" in dir(lib)  # variadic: a function pointer constant
    assert ffi.typeof(lib.mk_core_printf).ellipsis


def test_constants_and_enums():
    assert lib.MK_VERSION_NUMBER == 0x030E01
    assert lib.MK_INVALID_ID == -1
    assert lib.MK_BUILD_ID == 4000 + len("MK_BUILD_ID")  # `#define ...`: the compiler's value
    assert lib.MK_CORE_MODE_CREATE == 8
    assert lib.MK_CORE_ERR_EOF == -5


def test_partial_struct_takes_its_layout_from_the_compiler():
    declared_end = ffi.offsetof("struct mk_core_stats", "extra") + 8  # extra: an 8-byte union
    # The header's struct has one more field than the cdef lists (a long long).
    assert ffi.sizeof("struct mk_core_stats") >= declared_end + 8
    s = ffi.new("struct mk_core_stats *", {"operations": 7, "label": b"x"})
    assert s.operations == 7 and ffi.string(s.label) == b"x"
    assert s.version.minor == 0


def test_compiler_chosen_typedefs():
    assert ffi.sizeof("mk_socket_t") == 2 and int(ffi.cast("mk_socket_t", -1)) == 0xFFFF
    assert ffi.sizeof("mk_sample_t") == 8
    assert ffi.typeof("mk_mutex *").kind == "pointer"


def test_globals_read_and_write():
    assert lib.mk_core_debug_level == 0
    lib.mk_core_debug_level = 3
    assert lib.mk_core_debug_level == 3
    assert ffi.addressof(lib, "mk_core_debug_level")[0] == 3


def test_extern_python_attaches():
    @ffi.def_extern()
    def mk_py_visit(key, value, length, ctx):
        return 0

    assert ffi.typeof(lib.mk_py_visit).kind == "function"


def test_bad_argument_is_a_type_error():
    with pytest.raises(TypeError):
        lib.mk_core_open("not a pointer", None, None)
