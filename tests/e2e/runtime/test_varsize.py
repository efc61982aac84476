"""Structs with an open array field (`int items[];`): ffi.new sizes them
from the initializer (a list, or an int length), and only the owning cdata
(p, p[0]) knows that size; casts and zero-length arrays read as pointers."""
import pytest

from conftest import load


def test_sized_by_the_initializer(main):
    ffi, lib = main
    p = ffi.new("struct tail *", [3, [10, 20, 30, 40]])
    assert ffi.sizeof(p) == ffi.sizeof("void *")
    assert ffi.sizeof(p[0]) == len(ffi.buffer(p)) == 5 * 4
    assert ffi.sizeof(ffi.typeof(p[0])) == 4
    assert len(p.items) == len(p[0].items) == 4 and p.items[3] == 40
    assert ffi.typeof(p.items) is ffi.typeof("int[]")


def test_an_int_is_the_length(main):
    ffi, lib = main
    p = ffi.new("struct tail *", [7, 3])
    assert ffi.sizeof(p[0]) == 4 * 4 and p.n == 7 and list(p.items) == [0, 0, 0]
    p = ffi.new("struct tail *", {"items": 2})
    assert ffi.sizeof(p[0]) == 3 * 4
    assert ffi.sizeof(ffi.new("struct tail *")[0]) == 4


def test_casts_read_a_pointer(main):
    ffi, lib = main
    p = ffi.new("struct tail *", [1, [5, 6]])
    q = ffi.cast("struct tail *", p)
    assert ffi.typeof(q.items) is ffi.typeof("int *") and q.items[1] == 6
    assert ffi.sizeof(q[0]) == 4


def test_zero_length_and_inner_open_arrays(built, runtime):
    ffi, lib = load(built, runtime, "_rtvarsize")
    z = ffi.new("struct zl0 *")
    assert ffi.typeof(z.data) is ffi.typeof("short *")
    m = ffi.new("struct mid *", {"a": list(range(17))})
    assert ffi.sizeof("struct mid") == 19 * 4
    assert len(m.a) == 18 and m.a[16] == 16  # up to the end of the struct
    m.a[17] = -5
    assert m.y == -5
