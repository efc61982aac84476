"""ffi.gc, ffi.release, from_buffer, handles, new_allocator, init_once, on
both runtimes (use-after-release raising is checked on ours only: the stock
backend reads freed memory)."""
import array
import gc as pygc
import sys

import pytest

from modules_part2 import cb  # noqa: F401 (fixture)


def test_gc_destructor_runs_once_when_last_reference_goes(cb, runtime):
    ffi, lib = cb
    log = []
    p = ffi.new("int *", 5)
    q = ffi.gc(p, log.append)
    assert q[0] == 5 and q == p and ffi.typeof(q) is ffi.typeof(p)
    assert isinstance(q, ffi.CData)
    del p
    assert log == []
    if runtime == "ours":  # ours: views derived from q keep it (and its memory) alive
        view = q + 0
        del q
        assert log == [] and view[0] == 5
        del view
    else:
        del q
    assert len(log) == 1 and log[0][0] == 5


def test_gc_release_and_with(cb, runtime):
    ffi, lib = cb
    log = []
    q = ffi.gc(ffi.new("int[4]", [1, 2, 3, 4]), lambda p: log.append(list(p)))
    ffi.release(q)
    assert log == [[1, 2, 3, 4]]
    ffi.release(q)  # a second release does nothing
    del q
    assert len(log) == 1
    with ffi.gc(ffi.new("int *", 8), lambda p: log.append(p[0])) as r:
        assert r[0] == 8
    assert log[-1] == 8 and len(log) == 2
    if runtime == "ours":
        with pytest.raises(ValueError):
            r[0]
        assert "released" in repr(r)


def test_gc_detach(cb):
    ffi, lib = cb
    log = []
    q = ffi.gc(ffi.new("int *"), log.append)
    assert ffi.gc(q, None) is None
    del q
    assert log == []
    with pytest.raises(TypeError):
        ffi.gc(ffi.new("int *"), None)  # not from ffi.gc


def test_gc_on_a_foreign_pointer(cb):
    ffi, lib = cb
    freed = []
    raw = ffi.cast("void *", 0x1234)
    q = ffi.gc(raw, lambda p: freed.append(int(ffi.cast("intptr_t", p))))
    del raw, q
    assert freed == [0x1234]


def test_gc_destructor_error_is_unraisable(cb, unraisable):
    ffi, lib = cb
    with unraisable:
        q = ffi.gc(ffi.new("int *"), lambda p: 1 / 0)
        del q
    assert len(unraisable) == 1 and unraisable[0].exc_type is ZeroDivisionError


def test_gc_loop_is_stable(cb):
    ffi, lib = cb
    count = [0]

    def free(p):
        count[0] += 1

    for _ in range(200):
        ffi.gc(ffi.new("int[8]"), free)
    before = sys.getallocatedblocks()
    for _ in range(5000):
        ffi.gc(ffi.new("int[8]"), free)
    assert count[0] == 5200
    assert sys.getallocatedblocks() - before < 300


def test_release_of_new(cb, runtime):
    ffi, lib = cb
    p = ffi.new("int[100]")
    p[5] = 3
    ffi.release(p)
    with ffi.new("struct pair *") as s:
        s.a = 4
    if runtime == "ours":
        with pytest.raises(ValueError):
            p[5]
        with pytest.raises(ValueError):
            s.a


def test_from_buffer_kinds(cb):
    ffi, lib = cb
    ba = bytearray(b"hello")
    p = ffi.from_buffer(ba)
    assert ffi.typeof(p) is ffi.typeof("char[]") and len(p) == 5
    assert repr(p) == "<cdata 'char[]' buffer len 5 from 'bytearray' object>"
    p[0] = b"j"
    assert ba == bytearray(b"jello")
    assert ffi.string(p) == b"jello"
    q = ffi.from_buffer(b"abc")
    assert ffi.buffer(q)[:] == b"abc"
    a = array.array("i", [1, 2, 3])
    ints = ffi.from_buffer("int[]", a)
    assert len(ints) == 3 and list(ints) == [1, 2, 3]
    ints[1] = 20
    assert a[1] == 20
    m = memoryview(bytearray(8))
    two = ffi.from_buffer("int[2]", m)
    two[1] = -1
    assert m[4:8].tobytes() == b"\xff\xff\xff\xff"
    ptr = ffi.from_buffer("int *", a)
    assert ptr[2] == 3
    assert ffi.sizeof(ints) == 3 * ffi.sizeof("int")


def test_from_buffer_errors(cb):
    ffi, lib = cb
    with pytest.raises(TypeError):
        ffi.from_buffer("text")
    with pytest.raises(TypeError):
        ffi.from_buffer(42)
    with pytest.raises(ValueError):
        ffi.from_buffer("int[4]", b"abcd")
    with pytest.raises((TypeError, BufferError)):
        ffi.from_buffer(b"ro", require_writable=True)
    assert len(ffi.from_buffer(bytearray(3), require_writable=True)) == 3


def test_from_buffer_keeps_buffer_until_released(cb, runtime):
    ffi, lib = cb
    ba = bytearray(b"xyz")
    p = ffi.from_buffer(ba)
    with pytest.raises(BufferError):
        ba.extend(b"more")  # exported: cannot resize
    ffi.release(p)
    ba.extend(b"more")
    assert ba == bytearray(b"xyzmore")
    if runtime == "ours":
        with pytest.raises(ValueError):
            p[0]
    with ffi.from_buffer(ba) as q:
        assert q[0] == b"x"
    ba.extend(b"!")
    b = bytearray(b"keep")
    r = ffi.from_buffer(b)
    del b
    pygc.collect()
    assert ffi.string(r) == b"keep"  # the cdata keeps the bytearray alive


def test_handles(cb):
    ffi, lib = cb
    obj = {"k": [1, 2]}
    h = ffi.new_handle(obj)
    assert ffi.typeof(h) is ffi.typeof("void *")
    assert ffi.from_handle(h) is obj
    assert repr(h) == "<cdata 'void *' handle to %r>" % (obj,)
    # through C and back: any void * with the same address works
    back = lib.call_ptr(ffi.callback("void *(void *)", lambda p: p), h)
    assert ffi.from_handle(back) is obj
    assert ffi.from_handle(ffi.cast("char *", h)) is obj
    base = sys.getrefcount(obj)
    hs = [ffi.new_handle(obj) for _ in range(50)]
    assert sys.getrefcount(obj) == base + 50
    del hs
    assert sys.getrefcount(obj) == base
    with pytest.raises(RuntimeError):
        ffi.from_handle(ffi.NULL)


def test_new_allocator(cb):
    ffi, lib = cb
    plain = ffi.new_allocator()
    p = plain("int[3]", [1, 2, 3])
    assert list(p) == [1, 2, 3]
    log = []

    def alloc(n):
        log.append(("alloc", n))
        return ffi.new("char[]", n)

    def free(p):
        log.append(("free", ffi.typeof(p).cname))

    custom = ffi.new_allocator(alloc, free)
    q = custom("int[4]", [5, 6])
    assert list(q) == [5, 6, 0, 0] and ffi.typeof(q) is ffi.typeof("int[4]")
    s = custom("struct pair *", {"a": 1, "b": 2.0})
    assert (s.a, s.b) == (1, 2.0)
    del q, s
    assert log == [("alloc", 16), ("alloc", ffi.sizeof("struct pair")), ("free", "char[]"), ("free", "char[]")]
    noclear = ffi.new_allocator(lambda n: ffi.new("char[]", n), should_clear_after_alloc=False)
    assert len(noclear("int[]", 5)) == 5
    with pytest.raises(TypeError):
        ffi.new_allocator(free=free)
    null = ffi.new_allocator(lambda n: ffi.NULL, free)
    with pytest.raises(MemoryError):
        null("int *")
    with custom("int[2]") as r:
        r[0] = 1
    assert log[-1] == ("free", "char[]")


def test_init_once(cb):
    ffi, lib = cb
    calls = []

    def init():
        calls.append(1)
        return len(calls) * 10

    assert ffi.init_once(init, "tag-a") == 10
    assert ffi.init_once(init, "tag-a") == 10
    assert ffi.init_once(init, "tag-b") == 20
    assert len(calls) == 2

    def fails():
        raise KeyError("x")

    with pytest.raises(KeyError):
        ffi.init_once(fails, "tag-c")
    assert ffi.init_once(lambda: 5, "tag-c") == 5  # a failure is not cached


def test_strings_of_every_character_kind(cb):
    ffi, lib = cb
    assert ffi.string(ffi.new("char[]", b"abc")) == b"abc"
    assert ffi.string(ffi.new("wchar_t[]", "h\u00e9\U0001f600")) == "h\u00e9\U0001f600"
    assert ffi.string(ffi.new("char16_t[]", "\u00e9\U0001f600")) == "\u00e9\U0001f600"
    assert ffi.string(ffi.new("char32_t[]", "\U0001f600x")) == "\U0001f600x"
    assert ffi.string(ffi.cast("char", 65)) == b"A"
    assert ffi.string(ffi.cast("wchar_t", 0x263A)) == "\u263a"
    assert ffi.unpack(ffi.new("char[]", b"a\0b"), 3) == b"a\0b"
    assert ffi.unpack(ffi.new("wchar_t[]", "xyz"), 2) == "xy"
    assert ffi.unpack(ffi.new("char16_t[]", "xyz"), 3) == "xyz"
    assert ffi.unpack(ffi.new("char32_t[]", "xyz"), 1) == "x"
    assert ffi.unpack(ffi.new("int[]", [1, 2, 3]), 3) == [1, 2, 3]


def test_typeof_lib_function(cb):
    ffi, lib = cb
    assert ffi.typeof(lib.call_int) is ffi.typeof("int(*)(int(*)(int), int)")
    assert ffi.typeof(lib.call_pair) is ffi.typeof("struct pair(*)(struct pair(*)(struct pair), struct pair)")


def test_errno_is_saved_around_calls(cb):
    ffi, lib = cb
    ffi.errno = 0
    lib.call_errno(ffi.callback("int(int)", lambda x: 0), 11)
    assert ffi.errno == 11
    ffi.errno = 3
    assert ffi.errno == 3


# Callback lifetimes live here, not in test_callbacks.py: this file runs after
# test_leaks.py, whose tracemalloc slack the callback loop would eat into.
def test_callback_keeps_callable_alive_and_frees_it(cb):
    ffi, lib = cb

    class Adder:
        def __call__(self, x):
            return x + 3

    a = Adder()
    base = sys.getrefcount(a)
    callbacks = [ffi.callback("int(int)", a) for _ in range(100)]
    assert sys.getrefcount(a) >= base + 100
    assert lib.call_int(callbacks[50], 1) == 4
    del callbacks
    assert sys.getrefcount(a) == base


def test_callback_loop_does_not_leak(cb):
    ffi, lib = cb

    def once():
        f = ffi.callback("int(int)", lambda x: x + 1)
        return lib.call_n(f, 10)

    for _ in range(200):
        once()
    before = sys.getallocatedblocks()
    for _ in range(3000):
        assert once() == 55
    assert sys.getallocatedblocks() - before < 300


def test_cycles_through_callbacks_handles_and_gc_are_collected(cb):
    ffi, lib = cb
    import weakref
    closed = []

    class Owner:
        def __init__(self):
            self.cb = ffi.callback("int(int)", self.step)
            self.handle = ffi.new_handle(self)
            self.mem = ffi.gc(ffi.new("int *"), self.close)

        def step(self, x):
            return x + 1

        def close(self, p):
            closed.append(1)

    o = Owner()
    assert lib.call_int(o.cb, 1) == 2 and ffi.from_handle(o.handle) is o
    ref = weakref.ref(o)
    del o
    pygc.collect()
    assert ref() is None and closed == [1]


def test_init_once_recursion_raises(cb, runtime):
    ffi, lib = cb
    if runtime == "stock":
        pytest.skip("the stock backend deadlocks")

    def init():
        return ffi.init_once(lambda: 1, "recursive")

    with pytest.raises(RuntimeError):
        ffi.init_once(init, "recursive")
    assert ffi.init_once(lambda: 2, "recursive") == 2


def test_buffer_over_part2_cdata(cb):
    ffi, lib = cb
    ba = bytearray(b"abcd")
    assert ffi.buffer(ffi.from_buffer(ba))[:] == b"abcd"
    q = ffi.gc(ffi.new("int[2]", [1, 2]), lambda p: None)
    assert bytes(ffi.buffer(q)) == bytes(ffi.buffer(ffi.new("int[2]", [1, 2])))
    al = ffi.new_allocator(lambda n: ffi.new("char[]", n), lambda p: None)
    assert len(ffi.buffer(al("int[3]"))) == 3 * ffi.sizeof("int")


@pytest.mark.parametrize("what", ["from_buffer", "from_buffer+release", "handle", "allocator", "extern", "onerror"])
def test_other_loops_are_stable(cb, what):
    ffi, lib = cb
    ba = bytearray(64)
    al = ffi.new_allocator(lambda n: ffi.new("char[]", n), lambda p: None)

    @ffi.def_extern()
    def py_add(a, b):
        return a + b

    quiet = ffi.callback("int(int)", lambda x: 1 // x, error=-1, onerror=lambda *a: None)
    ops = {
        "from_buffer": lambda: ffi.from_buffer(ba)[0],
        "from_buffer+release": lambda: ffi.release(ffi.from_buffer("int[]", ba)),
        "handle": lambda: ffi.from_handle(ffi.new_handle(ba)),
        "allocator": lambda: al("int[4]", [1, 2]),
        "extern": lambda: lib.use_add(1, 2),
        "onerror": lambda: lib.call_int(quiet, 0),
    }
    op = ops[what]
    for _ in range(300):
        op()
    before = sys.getallocatedblocks()
    refs = sys.getrefcount(ba)
    for _ in range(5000):
        op()
    assert sys.getallocatedblocks() - before < 200
    assert sys.getrefcount(ba) == refs


def test_release_refuses_memory_it_does_not_own(cb):
    ffi, lib = cb
    p = ffi.new("int[4]", [1, 2, 3, 4])
    s = ffi.new("struct pair *", [5, 1.5])
    handle_obj = object()
    not_owning = {
        "cast pointer": ffi.cast("int *", p),
        "cast NULL": ffi.cast("int *", 0),
        "cast value": ffi.cast("int", 8),
        "pointer arithmetic": p + 1,
        "slice": p[0:2],
        "struct view": s[0],
        "field address": ffi.addressof(s, "b"),
        "NULL": ffi.NULL,
        "callback": ffi.callback("int(int)", lambda x: x),
        "handle": ffi.new_handle(handle_obj),
        "lib function": ffi.addressof(lib, "call_int"),
    }
    for what, x in not_owning.items():
        with pytest.raises(ValueError, match="ffi.new"):
            ffi.release(x)
        entered = []
        with pytest.raises(ValueError, match="ffi.new"):
            with x:  # refused on entry: the body never runs
                entered.append(what)
        assert entered == [], what
    assert list(p) == [1, 2, 3, 4] and (s.a, s.b) == (5, 1.5)  # the owners are untouched
    for bad in (5, None, 1.5):
        with pytest.raises(TypeError):
            ffi.release(bad)
    # what owns memory releases without complaint, with ffi.release or `with`
    al = ffi.new_allocator(lambda n: ffi.new("char[]", n), lambda p: None)
    for make in (lambda: ffi.new("int *"), lambda: ffi.gc(ffi.cast("int *", 8), lambda p: None),
                 lambda: ffi.from_buffer(bytearray(4)), lambda: al("int[3]")):
        ffi.release(make())
        with make() as x:
            assert x is not None


@pytest.mark.parametrize("clear", [True, False])
def test_new_allocator_clear_flag(cb, clear):
    # alloc hands out memory filled with 0xAB: it survives (except where an
    # initializer writes) when should_clear_after_alloc is False, and is
    # zeroed when it is True
    ffi, lib = cb
    al = ffi.new_allocator(lambda n: ffi.new("unsigned char[]", b"\xab" * n), should_clear_after_alloc=clear)
    fill = 0 if clear else -0x54545455  # 0xABABABAB as a signed int
    assert list(al("int[4]")) == [fill] * 4
    assert list(al("int[4]", [1])) == [1] + [fill] * 3
    assert list(al("int[]", [5, 6])) == [5, 6]
    assert al("int *")[0] == fill
    assert list(al("char[]", 3)) == [b"\0" if clear else b"\xab"] * 3
    assert list(al("char[4]", b"xy")) == [b"x", b"y", b"\0", b"\0" if clear else b"\xab"]
    s = al("struct big *", {"x": [1]})  # the fields and items it leaves out keep their bytes
    assert list(s.x) == [1] + ([0] * 3 if clear else [-0x5454545454545455] * 3)
    p = al("struct pair *", [3])
    assert p.a == 3 and (p.b == 0.0) == clear


@pytest.mark.parametrize("clear", [True, False])
def test_new_allocator_without_alloc(cb, clear):
    # memory of the default allocator: malloc'ed, cleared only if asked
    # (what uncleared memory holds is unspecified, so only the flag's
    # promise and the initializers are checked)
    ffi, lib = cb
    al = ffi.new_allocator(should_clear_after_alloc=clear)
    for cdecl in ("int[4]", "int[100]", "struct big *", "struct pair *"):
        x = al(cdecl)
        if clear:
            data = bytes(ffi.buffer(x))
            assert data == b"\0" * len(data) and len(data) >= 16
    assert list(al("int[100]", list(range(100)))) == list(range(100))
    assert list(al("int[]", [7, 8])) == [7, 8]
    s = al("struct pair *", {"a": 1, "b": 2.5})
    assert (s.a, s.b) == (1, 2.5)
    with al("int[3]", [1, 2, 3]) as r:
        assert list(r) == [1, 2, 3]
