#!/usr/bin/python3
"""`ffigen check` against CFFI's own parser, in one run, on the shared bench
input ../shared/bench/big.cdef (or the file given).

    /usr/bin/python3 bench/check_bench.py [--build DIR] [--runs N] [CDEF]

ffigen is timed as a whole process (start-up included); CFFI as the
`cffi.FFI().cdef(text)` call alone, inside an already started Python. Each
side's best of N runs (default 15: a 5 ms process on a shared machine needs
a few more tries than a 0.5 s call to show its best) is printed, and the
ratio (target: >= 100x).
"""
import argparse
import os
import subprocess
import sys
import time

import cffi

HERE = os.path.dirname(os.path.abspath(__file__))


def best_of(runs, fn):
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        t = time.perf_counter() - t0
        best = t if best is None or t < best else best
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("cdef", nargs="?", default=os.path.join(HERE, "..", "..", "shared", "bench", "big.cdef"))
    args = ap.parse_args()
    ffigen = os.path.join(args.build, "cli", "ffigen")
    with open(args.cdef) as f:
        text = f.read()

    def run_ffigen():
        subprocess.run([ffigen, "check", args.cdef], check=True)

    def run_cffi():
        cffi.FFI().cdef(text)

    t_ffigen = best_of(args.runs, run_ffigen)
    t_cffi = best_of(args.runs, run_cffi)
    print(f"input: {args.cdef} ({len(text)} bytes)")
    print(f"ffigen check: {t_ffigen * 1000:9.2f} ms (best of {args.runs}, whole process)")
    print(f"cffi cdef():  {t_cffi * 1000:9.2f} ms (best of {args.runs}, in-process)")
    print(f"ratio: {t_cffi / t_ffigen:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
