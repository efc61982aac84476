"""Struct rows filled in any table order (pointer cycles, by-value members
of later rows): the module imports and the layouts are the C compiler's."""


def test_layouts_match_the_compiler(mod, cffi_mod):
    for name in ("struct a_node", "struct b_holder", "union c_cell", "d_wrap_t", "struct e_leaf"):
        assert mod.ffi.sizeof(name) == cffi_mod.ffi.sizeof(name), name
    assert mod.ffi.offsetof("struct b_holder", "cells") == cffi_mod.ffi.offsetof("struct b_holder", "cells")


def test_cycles_through_pointers(mod):
    ffi = mod.ffi
    h = ffi.new("struct b_holder *")
    h.head.owner = h
    h.cells[0].back = h
    assert h.head.owner.cells[0].back == h
    w = ffi.new("d_wrap_t *")
    w.leaf.up = w
    assert w.leaf.up.self == ffi.NULL
    assert ffi.typeof(w.leaf.up) is ffi.typeof("struct d_wrap *")


def test_by_value(mod):
    ffi, lib = mod.ffi, mod.lib
    h = lib.make_holder(5)
    assert (h.head.v, h.cells[1].n) == (5, 10)
    assert lib.holder_sum(h) == 15
