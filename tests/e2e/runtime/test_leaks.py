"""No growth: repeated calls, ffi.new, attribute access and errors must not
leak memory or references (checked with tracemalloc, which sees every
PyMem/PyObject allocation, and with reference counts of shared objects).

Under python3-dbg (ctest e2e_runtime_refcount, with the runtime built for the
debug ABI) the interpreter-wide sys.gettotalrefcount() must not grow either;
that check runs on ours only: the stock backend is a release build whose
reference operations the debug total does not see."""
import gc
import sys
import tracemalloc

import pytest

WARMUP, LOOPS = 300, 3000
# Bytes the interpreter may keep growing for its own reasons (free lists,
# caches) over LOOPS iterations: far below one byte per iteration.
SLACK = 2048


def operations(ffi, lib):
    big_list = list(range(200))
    box = ffi.new("struct rect *", {"tl": (1, 2)})
    add = ffi.addressof(lib, "add")
    uncleared = ffi.new_allocator(should_clear_after_alloc=False)

    def raises(fn, exc):
        try:
            fn()
        except exc:
            return
        raise AssertionError("expected %s" % exc)

    return {
        "call add": lambda: lib.add(1, 2),
        "call half": lambda: lib.half(1.5),
        "call slen bytes": lambda: lib.slen(b"hello"),
        "call sum list": lambda: lib.sum([1, 2, 3], 3),
        "call sum big list": lambda: lib.sum(big_list, 200),
        "call mkpt struct result": lambda: lib.mkpt(1, 2).x,
        "call through fnptr": lambda: add(1, 2),
        "call fnptr list arg": lambda: ffi.addressof(lib, "sum")([1, 2], 2),
        "new struct, set, get": lambda: ffi.new("struct point *", [1, 2]).y,
        "new big array": lambda: ffi.new("int[1000]")[999],
        "new with release": lambda: ffi.release(ffi.new("char[4096]")),
        "nested field access": lambda: box.tl.y,
        "p[0] of owned struct": lambda: box[0].tl.x,
        "slice": lambda: list(ffi.new("int[8]")[2:5]),
        "cast": lambda: int(ffi.cast("int", 5)),
        "typeof": lambda: ffi.typeof("struct point *[4]"),
        "string": lambda: ffi.string(ffi.new("char[]", b"abc")),
        "buffer": lambda: ffi.buffer(ffi.new("int[4]"))[:],
        "global read/write": lambda: setattr(lib, "counter", lib.counter + 0),
        "lib constant": lambda: lib.ANSWER,
        "error: wrong arg type": lambda: raises(lambda: lib.add("x", 1), TypeError),
        "error: overflow": lambda: raises(lambda: ffi.new("signed char *", 300), OverflowError),
        "error: index": lambda: raises(lambda: ffi.new("int[2]")[5], IndexError),
        "error: parse": lambda: raises(lambda: ffi.typeof("int (*x"), ffi.error),
        "error: memory": lambda: raises(lambda: ffi.new("char[]", 1 << 62), MemoryError),
        "error: bad pointer arg": lambda: raises(lambda: lib.sum("x", 1), TypeError),
        "complex new, read": lambda: ffi.new("double _Complex[2]", [1 + 2j, 3])[1],
        "complex cast": lambda: complex(ffi.cast("float _Complex", ffi.cast("int", 3))),
        "call complex": lambda: lib.cmul(1 + 2j, 3),
        "error: complex": lambda: raises(lambda: ffi.new("double _Complex *", ffi.cast("int", 3)), TypeError),
        "error: release of a cast": lambda: raises(lambda: ffi.release(ffi.cast("int *", 0)), ValueError),
        "allocator without clearing": lambda: uncleared("int[64]", [1, 2])[1],
    }


NAMES = [
    "call add", "call half", "call slen bytes", "call sum list", "call sum big list", "call mkpt struct result",
    "call through fnptr", "call fnptr list arg", "new struct, set, get", "new big array", "new with release",
    "nested field access", "p[0] of owned struct", "slice", "cast", "typeof", "string", "buffer",
    "global read/write", "lib constant", "error: wrong arg type", "error: overflow", "error: index",
    "error: parse", "error: memory", "error: bad pointer arg", "complex new, read", "complex cast", "call complex",
    "error: complex", "error: release of a cast", "allocator without clearing",
]


@pytest.mark.parametrize("name", NAMES)
def test_no_growth(main, runtime, name):
    ffi, lib = main
    op = operations(ffi, lib)[name]
    shared = [ffi.typeof("struct point *"), ffi.typeof("int"), lib.add, ffi, lib]
    for _ in range(WARMUP):
        op()
    gc.collect()
    refs_before = [sys.getrefcount(o) for o in shared]
    total_refs = getattr(sys, "gettotalrefcount", None) if runtime == "ours" else None
    total_before = total_refs() if total_refs else 0
    tracemalloc.start()
    try:
        for _ in range(WARMUP):
            op()
        gc.collect()
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(LOOPS):
            op()
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    refs_after = [sys.getrefcount(o) for o in shared]
    if total_refs:
        gc.collect()
        # tracemalloc's own bookkeeping and the loop's frames may hold a few.
        growth = total_refs() - total_before
        assert growth < 50, "%s: total refcount grew by %d over %d runs" % (name, growth, WARMUP + LOOPS)
    assert after - before < SLACK, "%s grew by %d bytes over %d runs" % (name, after - before, LOOPS)
    assert refs_after == refs_before
