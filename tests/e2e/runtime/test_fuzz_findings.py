"""Behaviours where the differential fuzzer (tests/differential/fuzz) found
our runtime disagreeing with stock CFFI, pinned on both runtimes."""
import re

import pytest


def test_item_0_of_an_owning_struct_pointer_is_the_owner(main):
    ffi, _ = main
    p = ffi.new("struct point *")
    assert repr(p[0]) == "<cdata 'struct point' owning %d bytes>" % ffi.sizeof("struct point")
    u = ffi.new("union num *")
    assert repr(u[0]) == "<cdata 'union num' owning 4 bytes>"
    q = ffi.new("struct point[2]")
    assert re.fullmatch(r"<cdata 'struct point &' 0x[0-9a-f]+>", repr(q[1]))


def test_a_struct_returned_by_value_cannot_be_released(main):
    ffi, lib = main
    pt = lib.mkpt(1, 2)
    with pytest.raises(ValueError):
        ffi.release(pt)
    with pytest.raises(ValueError):
        with pt:
            pass
    assert pt.y == 2
    ffi.release(ffi.gc(pt, lambda _: None))  # ffi.gc's cdata can be


def test_ffi_buffer_is_a_type(main):
    ffi, _ = main
    p = ffi.new("int[2]", [1, 2])
    buf = ffi.buffer(p)
    assert isinstance(buf, ffi.buffer)
    assert isinstance(ffi.buffer, type)
    assert len(ffi.buffer(cdata=p, size=4)) == 4


def test_enum_dicts_are_in_reverse_order(main):
    ffi, _ = main
    assert list(ffi.typeof("enum color").elements.items()) == [(6, "BLUE"), (5, "GREEN"), (0, "RED")]
    assert list(ffi.typeof("enum color").relements.items()) == [("BLUE", 6), ("GREEN", 5), ("RED", 0)]


@pytest.mark.parametrize("value, text", [
    (0.0, "0.000000E+00"), (3, "3.000000E+00"), (2**1000, "1.071509E+301"), (-2.5, "-2.500000E+00"),
    (float("inf"), "INF"), (float("nan"), "NAN"),
])
def test_long_double_repr_is_percent_LE(main, value, text):
    ffi, lib = main
    assert repr(ffi.cast("long double", value)) == "<cdata 'long double' %s>" % text
    assert repr(ffi.new("long double *", value)[0]) == "<cdata 'long double' %s>" % text


def test_slice_assignment_converts_items_before_counting_them(main):
    ffi, _ = main
    a = ffi.new("char[4]")
    with pytest.raises(TypeError):
        a[0:3] = [128, b"x"]
    b = ffi.new("signed char[4]")
    with pytest.raises(OverflowError):
        b[0:3] = [1, 128]
    assert b[0] == 1  # the items before the bad one are written
    with pytest.raises(ValueError):
        b[0:3] = [5, 6]
    assert list(b) == [5, 6, 0, 0]
    with pytest.raises(ValueError):
        b[0:2] = [7, 8, 9]
    assert list(b) == [7, 8, 0, 0]
    a[1:3] = bytearray(b"yz")
    assert ffi.unpack(a, 4) == b"\0yz\0"
    with pytest.raises(ValueError):
        a[0:2] = bytearray(b"xyz")


def test_struct_and_union_initializers_convert_before_counting(main):
    ffi, _ = main
    with pytest.raises(TypeError):
        ffi.new("union num *", [None, 5])  # the first item is bad: that before the count
    with pytest.raises(ValueError):
        ffi.new("union num *", [1, 2.5])  # a union takes one
    with pytest.raises(TypeError):
        ffi.new("struct point *", [0, None, 5])
    with pytest.raises(ValueError):
        ffi.new("struct point *", [0, 1, 5])


def test_fields_are_cfield_objects(main):
    ffi, _ = main
    (xname, x), (yname, y) = ffi.typeof("struct point").fields
    assert type(x).__name__ == "CField" and type(x) is type(y)
    assert (x.type, x.offset, x.bitshift, x.bitsize, x.flags) == (ffi.typeof("int"), 0, -1, -1, 0)
    assert y.offset == ffi.offsetof("struct point", "y")
    assert [f.flags for _, f in ffi.typeof("union num").fields] == [0, 1, 1]
    n, items = ffi.typeof("struct tail").fields
    assert (items[1].bitshift, items[1].bitsize) == (-2, -1)
    with pytest.raises(AttributeError):
        x.offset = 4


def test_gc_of_null_and_of_a_pointer_into_released_memory(main):
    ffi, _ = main
    seen = []
    null = ffi.gc(ffi.cast("int *", 0), seen.append)
    assert repr(null) == "<cdata 'int *' NULL>"
    q = ffi.new("int[4]")
    p = ffi.cast("int *", q)
    ffi.release(q)
    g = ffi.gc(p, seen.append)  # an address only: CFFI accepts it
    ffi.release(g)
    assert seen[-1] is p


def test_void_pointer_arithmetic_steps_by_bytes(main):
    ffi, _ = main
    a = ffi.new("char[8]")
    v = ffi.cast("void *", a)
    assert ffi.cast("char *", v + 3) == a + 3
    assert ffi.cast("char *", (v + 5) - 2) == a + 3
    assert ffi.typeof(v + 0) is ffi.typeof("void *")


@pytest.mark.parametrize("cdecl", ["void", "struct node"])
def test_alignof_unknown_is_a_value_error(main, cdecl):
    ffi, _ = main
    with pytest.raises(ValueError):
        ffi.alignof(cdecl)
