#!/usr/bin/env python3
"""Lifetimes on _ffigen_runtime in ABI mode.

    lifetime.py FFIGEN WORK_DIR RUNTIME_DIR

- The tables outlive the ffi built from them: an enum cdata whose ctype
  reads its names from them on first repr still works once the module and
  its ffi are gone (a use after free under the debug preset's ASan before).
- ffi.dlopen(), calls, global writes and ffi.dlclose(), repeated on one
  ffi, keep no memory: a leaked library handle or lib would grow the
  resident size by megabytes over LOOPS, far above SLACK. (Each FFI(...)
  keeps its tables and realized ctypes for the process, as each C module
  does; a module builds its ffi once, at import.) Under ASan (the debug
  preset preloads it) freed memory waits in its quarantine, so resident
  size means nothing there: only the loops run, the release build measures.
"""
import gc
import os
import subprocess
import sys

LOOPS = 20000
SLACK = 8 << 20  # bytes of resident growth the allocator may keep


def resident():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def enum_after_ffi():
    import _abi_lifetime
    x = _abi_lifetime.ffi.cast("enum color", 5)
    del _abi_lifetime.ffi, sys.modules["_abi_lifetime"], _abi_lifetime
    gc.collect()
    ok = repr(x) == "<cdata 'enum color' 5: GREEN>"
    print("%s: an enum cdata outliving its ffi: %r" % ("ok" if ok else "FAIL", x))
    return ok


def dlopen_loops():
    import _abi_lifetime
    ffi = _abi_lifetime.ffi

    def once():
        lib = ffi.dlopen("./libabi.so")
        assert lib.add(2, 3) == 5 and lib.mkpoint(1, 2).y == 2 and lib.RED == 0
        lib.counter = 3
        ffi.dlclose(lib)

    for _ in range(500):
        once()
    before = resident()
    for _ in range(LOOPS):
        once()
    if "asan" in os.environ.get("LD_PRELOAD", ""):
        print("ok: %d dlopen loops (growth not measured under ASan)" % LOOPS)
        return True
    grown = resident() - before
    ok = grown < SLACK
    print("%s: resident growth %d bytes over %d dlopen loops (slack %d)" % ("ok" if ok else "FAIL", grown, LOOPS, SLACK))
    return ok


def main():
    ffigen, work, runtime_dir = (os.path.abspath(a) for a in sys.argv[1:4])
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(work, exist_ok=True)
    os.chdir(work)
    subprocess.run(["cc", "-shared", "-fPIC", "-o", "libabi.so", os.path.join(here, "lib.c")], check=True)
    subprocess.run([ffigen, "generate", "--abi", os.path.join(here, "lib.cdef"), "-o", "_abi_lifetime.py",
                    "--runtime", "_ffigen_runtime"], check=True)
    sys.path[:0] = [work, runtime_dir]
    ok = enum_after_ffi()
    ok = dlopen_loops() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
