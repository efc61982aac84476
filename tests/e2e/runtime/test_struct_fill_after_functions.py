"""A lib function's type leaves the structs it reaches through pointers
unfilled until something reads them (runtime/realize.cpp,
realize_function_type): each test below makes a function the first thing
its module realizes (a module of its own), then reaches those structs only
through the function (its call's conversions, its ctype)."""

DECLS = r"""
struct inner { int x; char c; };
struct outer { struct inner in; struct inner *next; int tag; };
"""

CDEF = DECLS + r"""
int total(struct outer *);
struct outer *get(void);
struct outer make(int);
int by_value(struct outer);
"""

SOURCE = DECLS + r"""
static struct inner second = { 5, 'b' };
static struct outer kept = { { 1, 'a' }, &second, 7 };
int total(struct outer *o) { return o->in.x + o->tag + (o->next ? o->next->x : 0); }
struct outer *get(void) { return &kept; }
struct outer make(int n) { struct outer o = { { n, 'm' }, 0, n * 2 }; return o; }
int by_value(struct outer o) { return o.in.x * 100 + o.tag; }
"""


def fresh(built, runtime, name):
    m = built.module(name, CDEF, SOURCE, runtime)
    return m.ffi, m.lib


def test_initializer_for_a_pointer_argument(built, runtime):
    ffi, lib = fresh(built, runtime, "_rtfill_init")
    assert lib.total([[{"x": 3}, ffi.NULL, 4]]) == 7  # an array of one struct
    assert lib.total([{"in": [2, b"z"], "tag": 10}]) == 12


def test_fields_through_a_returned_pointer(built, runtime):
    ffi, lib = fresh(built, runtime, "_rtfill_ptr")
    p = lib.get()
    assert getattr(p, "in").x == 1
    assert p.next.x == 5 and p.next.c == b"b" and p.tag == 7
    assert ffi.sizeof(p[0]) == ffi.sizeof("struct outer")


def test_struct_returned_and_passed_by_value(built, runtime):
    ffi, lib = fresh(built, runtime, "_rtfill_value")
    o = lib.make(4)
    assert getattr(o, "in").x == 4 and o.tag == 8
    assert lib.by_value(o) == 408
    assert lib.by_value({"in": {"x": 2}, "tag": 1}) == 201


def test_the_function_ctype(built, runtime):
    ffi, lib = fresh(built, runtime, "_rtfill_ctype")
    outer = ffi.typeof(lib.total).args[0].item
    assert [name for name, _ in outer.fields] == ["in", "next", "tag"]
    assert outer.fields[0][1].type.fields[1][0] == "c"
    assert ffi.sizeof(outer) == ffi.sizeof("struct outer")
    q = ffi.new(ffi.typeof(lib.get).result, {"tag": 3})
    assert q.tag == 3 and getattr(q, "in").x == 0


def test_addressof_the_function(built, runtime):
    ffi, lib = fresh(built, runtime, "_rtfill_addr")
    fp = ffi.addressof(lib, "total")
    s = ffi.new("struct outer *", {"tag": 9})
    assert fp(s) == 9
    assert ffi.typeof(fp).args[0].item.fields[2][0] == "tag"
