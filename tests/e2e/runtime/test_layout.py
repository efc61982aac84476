"""Struct layouts the runtime computes itself (bitfields; packed structs)
and checks against the C compiler's, which the tests read back via C."""
import pytest

from conftest import load


@pytest.fixture
def layout(built, runtime):
    return load(built, runtime, "_rtlayout")


@pytest.fixture
def packed(built, runtime):
    return load(built, runtime, "_rtpacked")


def test_natural_layout(layout):
    ffi, lib = layout
    assert ffi.sizeof("struct loose") == 12
    assert [f.offset for n, f in ffi.typeof("struct loose").fields] == [0, 4, 8]


def test_bitfield_layouts(layout):
    ffi, lib = layout
    w = ffi.new("struct wide_bits *")
    w.lo, w.hi = 2**40 - 1, 5
    assert (w.lo, w.hi) == (2**40 - 1, 5)
    assert ffi.cast("unsigned long long *", w)[0] == (2**40 - 1) | (5 << 40)
    assert ffi.sizeof("struct mixed_bits") == 12
    m = ffi.new("struct mixed_bits *", {"tag": b"t", "a": -8, "b": 2**29 - 1, "s": 7})
    assert (m.tag, m.a, m.b, m.s) == (b"t", -8, 2**29 - 1, 7)
    fields = dict(ffi.typeof("struct mixed_bits").fields)
    assert (fields["a"].offset, fields["a"].bitshift) == (0, 8)
    assert (fields["b"].offset, fields["b"].bitshift) == (4, 0)
    assert fields["s"].offset == 8
    assert ffi.sizeof("struct zero_width") == 5
    assert ffi.offsetof("struct zero_width", "b") == 4
    assert ffi.sizeof("struct char_pad") == 1  # unnamed char bitfields only pad


def test_structs_without_a_name_are_shown_as_cffi_shows_them(layout):
    ffi, lib = layout
    inner = ffi.typeof("struct with_unnamed").fields[0][1].type
    other = ffi.typeof("struct with_unnamed").fields[1][1].type
    assert (inner.cname, other.cname) == ("struct $1", "union $2 *")


def test_packed(packed, runtime):
    ffi, lib = packed
    assert ffi.sizeof("struct packed_s") == 7 and ffi.alignof("struct packed_s") == 1
    assert [f.offset for n, f in ffi.typeof("struct packed_s").fields] == [0, 1, 5]
    p = ffi.new("struct packed_s *", [b"a", -5, 9])
    assert (p.c, p.i, p.s) == (b"a", -5, 9)
    assert ffi.sizeof("struct packed_bits") == 3
    if runtime == "ours":  # stock writes a 4-byte unit at offset 1: past the end (ASan reports it)
        b = ffi.new("struct packed_bits *", [b"x", 4095, 15])
        assert (b.c, b.a, b.b) == (b"x", 4095, 15)
        assert bytes(ffi.buffer(b)) == b"x\xff\xff"


def test_cdef_layout_that_disagrees_with_c_is_reported_on_use(built, runtime):
    ffi, lib = load(built, runtime, "_rtmismatch")  # the import itself succeeds
    with pytest.raises(ffi.error) as e:
        ffi.new("struct pair *")
    assert str(e.value).startswith("struct pair: wrong offset for field 'first' (cdef says 0, but C compiler says 4)."
                                   " fix it or use \"...;\" ")


def test_structs_filled_in_any_row_order(built, runtime):
    ffi, lib = load(built, runtime, "_rtorder")
    assert ffi.sizeof("struct b_holder") == 32
    h = ffi.new("struct b_holder *", {"head": {"v": 3}})
    h.head.owner = h.cells[1].back = h
    assert h.cells[1].back.head.owner.head.v == 3


def test_function_pointer_fields_that_cffi_cannot_build_are_refused_on_use(built, runtime):
    ffi, lib = load(built, runtime, "_rtfnfields")
    with pytest.raises(TypeError):  # the function type takes an opaque foo_t by value
        ffi.new("struct fs *")
    with pytest.raises(RuntimeError):  # CFFI recurses building 'int(*)(struct tree)'
        ffi.new("struct tree *")
