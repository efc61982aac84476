#!/usr/bin/python3
"""Scaling of `ffigen check` and `ffigen generate` on hostile input (issue 11):
a chain of N typedefs, N declarations of distinct types at the deepest
depth sema allows, and types N levels deep (refused past kMaxTypeDepth).
Prints seconds per size; linear time shows as a constant time per item.
Not run by ctest (a minute).
    bench/hostile_bench.py [BUILD_DIR]   (default: build)
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FFIGEN = os.path.join(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build"), "cli", "ffigen")


def typedef_chain(n):
    return "typedef int t0;\n" + "".join(f"typedef t{i - 1} t{i};\n" for i in range(1, n)) + f"t{n - 1} f(t{n - 1});\n"


def deep_declarations(n):
    # Distinct types (each on its own struct), each 1000 levels deep.
    return "".join(f"struct s{i} {{ int x; }};\nstruct s{i} {'*' * 1000}p{i};\n" for i in range(n))


def deep_pointer(n):
    return "int " + "*" * n + "p;\n"


def deep_array(n):
    return "int a" + "[1]" * n + ";\n"


def timed(command, cdef_text, work):
    path = os.path.join(work, "in.cdef")
    with open(path, "w") as f:
        f.write(cdef_text)
    args = [FFIGEN, command, path] + (["-o", os.path.join(work, "_out.c")] if command == "generate" else [])
    t0 = time.perf_counter()
    status = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - t0, status


def main():
    cases = [
        ("typedef chain", typedef_chain, [25000, 50000, 100000, 200000]),
        ("1000-deep declarations", deep_declarations, [250, 500, 1000]),
        ("pointer levels", deep_pointer, [500, 1000, 50000]),
        ("array levels", deep_array, [500, 1000, 50000]),
    ]
    with tempfile.TemporaryDirectory() as work:
        for title, make, sizes in cases:
            for n in sizes:
                text = make(n)
                for command in ("check", "generate"):
                    seconds, status = timed(command, text, work)
                    print(f"{title:24} n={n:<7} {command:8} {seconds:7.2f} s  exit {status}")


if __name__ == "__main__":
    main()
