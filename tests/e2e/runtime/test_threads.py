"""Threads: callbacks and extern "Python" called from C threads Python did
not create, several Python threads calling into one module, the GIL released
around blocking calls, init_once under contention. Bounded in count and
time; run on both runtimes."""
import gc
import os
import subprocess
import sys
import threading
import time
import tracemalloc
import weakref

import pytest

from modules_part2 import cb  # noqa: F401 (fixture)

THREADS = 8
CALLS = 2000


def test_callback_from_foreign_threads(cb):
    ffi, lib = cb
    lock = threading.Lock()
    count = [0]

    def f(i):
        with lock:
            count[0] += 1
        return i

    c = ffi.callback("int(int)", f)
    total = lib.call_in_threads(c, THREADS, CALLS)
    assert total == THREADS * sum(range(CALLS))
    assert count[0] == THREADS * CALLS


def test_foreign_thread_keeps_its_thread_state_until_it_exits(cb):
    # Each C thread's calls share one Python thread state (a threading.local
    # counts them all), and it is freed once the thread has exited: what it
    # held dies, at the latest when the next C thread calls Python (stock
    # CFFI frees the thread states of exited threads then).
    ffi, lib = cb
    local = threading.local()
    held = []

    class Token:
        pass

    def f(i):
        if not hasattr(local, "calls"):
            local.calls = [0]
            local.token = Token()
            held.append((local.calls, weakref.ref(local.token)))
        local.calls[0] += 1
        return i

    c = ffi.callback("int(int)", f)
    assert lib.call_in_threads(c, 2, 5000) == 2 * sum(range(5000))
    first = list(held)
    assert [calls[0] for calls, _ in first] == [5000, 5000]
    assert lib.call_in_threads(c, 1, 10) == sum(range(10))
    gc.collect()
    assert [token() for _, token in first] == [None, None]


def test_extern_python_from_foreign_threads(cb):
    ffi, lib = cb

    @ffi.def_extern()
    def py_add(a, b):
        return a + b

    assert lib.extern_in_threads(THREADS, CALLS) == THREADS * (sum(range(CALLS)) + CALLS)


def test_python_threads_share_a_module(cb):
    ffi, lib = cb
    errors = []
    results = []

    def work(k):
        try:
            c = ffi.callback("int(int)", lambda x: x + k)
            s = 0
            for _ in range(20):
                s += lib.call_n(c, 100)
                p = ffi.gc(ffi.new("int[4]", [k] * 4), lambda p: None)
                s += sum(p)
                s += lib.call_in_threads(c, 2, 10)
            results.append((k, s))
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    expect = {k: 20 * ((sum(range(100)) + 100 * k) + 4 * k + 2 * (sum(range(10)) + 10 * k)) for k in range(THREADS)}
    assert dict(results) == expect


@pytest.mark.parametrize("path", ["lib", "pointer"])
def test_gil_released_around_blocking_calls(cb, path):
    ffi, lib = cb
    call = lib.sleep_ms if path == "lib" else lib.get_sleep_ms()
    start = time.monotonic()
    threads = [threading.Thread(target=call, args=(200,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    # serialized it would take 0.8 s
    assert time.monotonic() - start < 0.6


def test_init_once_runs_once_under_contention(cb):
    ffi, lib = cb
    calls = []
    barrier = threading.Barrier(THREADS)
    seen = []

    def init():
        calls.append(1)
        time.sleep(0.05)  # others arrive and must wait
        return "ready"

    def work():
        barrier.wait()
        seen.append(ffi.init_once(init, "contended"))

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert calls == [1] and seen == ["ready"] * THREADS


def test_errno_is_per_thread(cb):
    ffi, lib = cb
    bad = []
    barrier = threading.Barrier(4)

    def work(k):
        barrier.wait()
        for i in range(500):
            ffi.errno = k * 1000 + i
            lib.sleep_ms(0)  # restores errno before the call, saves it after
            got = ffi.errno
            if got != k * 1000 + i:
                bad.append((k, i, got))
                return

    threads = [threading.Thread(target=work, args=(k + 1,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert bad == []


@pytest.mark.parametrize("path", ["lib", "pointer", "from_buffer"])
def test_release_during_a_call_in_another_thread(cb, runtime, path):
    # The call holds the memory (4 MB: its own mapping once freed) while
    # another thread releases it: it must stay until the call returns.
    # (A from_buffer cdata holds the only reference to its bytearray.)
    ffi, lib = cb
    if runtime == "stock" and path == "from_buffer":
        pytest.skip("stock CFFI frees the bytearray under the call")
    call = ffi.addressof(lib, "fill_after_ms") if path == "pointer" else lib.fill_after_ms
    n = 1 << 20
    p = ffi.from_buffer("int[]", bytearray(4 * n)) if path == "from_buffer" else ffi.new("int[]", n)
    got = []
    t = threading.Thread(target=lambda: got.append(call(p + 0, n, 200)))
    t.start()
    time.sleep(0.05)
    ffi.release(p)
    t.join(10)
    assert got == [n * (n - 1) // 2]
    if runtime == "ours":
        with pytest.raises(ValueError):
            p[0]


def test_release_frees_at_once_when_no_call_holds_memory(cb, runtime):
    # (stock CFFI frees ffi.new memory only when the cdata dies)
    ffi, lib = cb
    if runtime == "stock":
        pytest.skip("stock CFFI keeps ffi.new memory until the cdata dies")
    tracemalloc.start()
    try:
        p = ffi.new("int[]", 1 << 18)
        with pytest.raises(TypeError):
            lib.fill_after_ms(p, "not an int", 0)  # p converted, no call
        lib.sleep_ms(0)  # a call ending drops what the failed one left
        before = tracemalloc.get_traced_memory()[0]
        ffi.release(p)
        assert before - tracemalloc.get_traced_memory()[0] > 1 << 19
        # so does the end of the thread that failed (its C-level exit may
        # come a little after join() returns)
        q = ffi.new("int[]", 1 << 18)
        t = threading.Thread(target=lambda: pytest.raises(TypeError, lib.fill_after_ms, q, "x", 0))
        t.start()
        t.join(10)
        deadline = time.monotonic() + 5
        while True:
            probe = ffi.new("int[]", 1 << 18)
            before = tracemalloc.get_traced_memory()[0]
            ffi.release(probe)
            if before - tracemalloc.get_traced_memory()[0] > 1 << 19 or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        before = tracemalloc.get_traced_memory()[0]
        ffi.release(q)
        assert before - tracemalloc.get_traced_memory()[0] > 1 << 19
    finally:
        tracemalloc.stop()


_JOIN_HOLDING_THE_GIL = r"""
import ctypes, importlib, sys
m = importlib.import_module(sys.argv[1])
c = m.ffi.callback("int(int)", lambda x: x + 1)
for i in range(3):
    m.lib.start_thread(c, i)
    m.lib.wait_thread_called()  # the thread has called Python
    # ctypes.PyDLL calls keep the GIL: C holding it lets the thread exit and joins it
    print(ctypes.PyDLL(m.__file__).join_thread())
"""


def test_exiting_foreign_thread_never_waits_for_the_gil(cb, built, runtime):
    # A C thread that called Python gives back its thread state at exit
    # without taking the GIL (stock CFFI queues it for a later caller).
    ffi, lib = cb
    from conftest import RUNTIME_DIR
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([built.outdir, RUNTIME_DIR]))
    out = subprocess.run([sys.executable, "-c", _JOIN_HOLDING_THE_GIL, "_rtcb_" + runtime],
                         env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "2", "3"]
