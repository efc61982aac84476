"""runtime_bench.py: the cost of a call, against its physical limit.

Run with /usr/bin/python3:
    /usr/bin/python3 bench/runtime_bench.py --ffigen build/cli/ffigen \
        --runtime-dir build/runtime [--dropin build/runtime/dropin] [--instructions]

The C functions of calls/funcs.h are bound five ways and each is timed in
fresh processes, alternately, keeping each case's best:
  cffi@stock    the module stock CFFI generates, on the stock _cffi_backend
  ffigen@stock  the module ffigen generates, on the stock _cffi_backend
  ffigen@ours   the same module on _ffigen_runtime
  keep@ours     the module `ffigen generate --keep-gil` writes, on ours
  hand/release  a hand-written METH_FASTCALL extension doing the same
                conversions, releasing the GIL around each C call as CFFI does
  hand/keep     the same extension keeping the GIL
(--dropin adds cffi@ours: CFFI's module on our drop-in _cffi_backend.)
Prints ns per operation, then each goal of issue 13 as a ratio of two
columns. With --instructions, also instructions per operation (callgrind,
the difference between N and 0 repetitions), which noise does not move.
Ratios only mean something within one run on one machine.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from bench_common import compile_command, emit_cffi_module, keep_best, time_cases

HERE = os.path.dirname(os.path.abspath(__file__))
CALLS = os.path.join(HERE, "calls")
PER_CALLBACK = 100  # C calls Python this many times per callback operation


def read(name):
    with open(os.path.join(CALLS, name)) as f:
        return f.read()


# The modules' preamble: the shared functions, and a C caller of the
# extern "Python" function (which only the generated modules have).
SOURCE = read("funcs.h") + """
static int py_step(int);
static long long extern_n(int n)
{
    long long s = 0;
    for (int i = 0; i < n; i++) s += py_step(i);
    return s;
}
"""

POINT = "p = ffi.new('struct point *', [1, 2])"
HAND_POINT = "p = ext.Point(); p.x = 1; p.y = 2"
# case -> (setup, statement) in a module's process, the same in the
# hand-written extension's, and operations per statement.
CASES = {
    "nothing()": (("f = lib.nothing", "f()"), ("f = ext.nothing", "f()"), 1),
    "add(1, 2)": (("f = lib.add", "f(1, 2)"), ("f = ext.add", "f(1, 2)"), 1),
    "lib.add(1, 2)": (("", "lib.add(1, 2)"), ("", "ext.add(1, 2)"), 1),
    "half(1.5)": (("f = lib.half", "f(1.5)"), ("f = ext.half", "f(1.5)"), 1),
    "slen(bytes)": (("f = lib.slen; s = b'hello world'", "f(s)"),
                    ("f = ext.slen; s = b'hello world'", "f(s)"), 1),
    "psum(struct point *)": (("f = lib.psum; " + POINT, "f(p)"), ("f = ext.psum; " + HAND_POINT, "f(p)"), 1),
    "mix6(int, double, ptr, bytes, long, double)": (
        ("f = lib.mix6; s = b'abc'; " + POINT, "f(1, 2.5, p, s, 3, 4.5)"),
        ("f = ext.mix6; s = b'abc'; " + HAND_POINT, "f(1, 2.5, p, s, 3, 4.5)"), 1),
    "mkpoint(1, 2) -> struct point": (("f = lib.mkpoint", "f(1, 2)"), ("f = ext.mkpoint", "f(1, 2)"), 1),
    "new struct point *, set + get": (("new = ffi.new", "p = new('struct point *'); p.x = 1; p.y = p.x"),
                                      ("P = ext.Point", "p = P(); p.x = 1; p.y = p.x"), 1),
    "callback: ffi.callback": (
        ("f = ffi.callback('int(int)', lambda x: x); call = lib.call_n", "call(f, %d)" % PER_CALLBACK),
        ("f = lambda x: x; call = ext.call_n", "call(f, %d)" % PER_CALLBACK), PER_CALLBACK),
    "callback: extern \"Python\"": (
        ("@ffi.def_extern()\ndef py_step(x):\n    return x\ncall = lib.extern_n", "call(%d)" % PER_CALLBACK),
        ("f = lambda x: x; call = ext.call_n", "call(f, %d)" % PER_CALLBACK), PER_CALLBACK),
}
CALL_CASES = [c for c in CASES if not c.startswith(("new", "callback"))]

# Issue 13's goals: (cases, numerator column, denominator column, at most).
GOALS = [
    (CALL_CASES, "ffigen@ours", "hand/release", 1.10),
    (CALL_CASES, "keep@ours", "hand/keep", 1.20),
    (list(CASES), "ffigen@stock", "cffi@stock", 1.00),
    (["new struct point *, set + get"], "ffigen@ours", "hand/keep", 1.20),
    # The hand-written caller holds the GIL, as a C function under gil(keep)
    # does; with it released (CFFI's calls) each callback takes it back too.
    ([c for c in CASES if c.startswith("callback")], "keep@ours", "hand/keep", 2.00),
    ([c for c in CASES if c.startswith("callback")], "ffigen@ours", "hand/keep", 2.00),
]

TIMER = r"""
import importlib, json, sys, timeit
cases = json.loads(sys.argv[1])
module, runtime, count = sys.argv[2], sys.argv[3], int(sys.argv[4])
m = importlib.import_module(module)
if runtime == 'hand':
    ext = m
else:
    ffi, lib = m.ffi, m.lib
    assert type(ffi).__module__ == runtime, type(ffi).__module__
out = {}
for name, (setup, stmt, per) in cases.items():
    env = dict(globals())
    exec(setup, env)
    t = timeit.Timer(stmt, globals=env)
    if count >= 0:  # under callgrind: just run it count times
        t.timeit(count)
        continue
    n, _ = t.autorange()
    out[name] = min(t.repeat(repeat=5, number=n)) / n / per * 1e9
print(json.dumps(out))
"""


def build(outdir, ffigen):
    """Every module of every column, compiled with gcc -O2 into outdir."""
    commands = [compile_command(emit_cffi_module("_calls", read("calls.cdef"), SOURCE, outdir),
                                "_calls", outdir)]
    for name, text in (("calls.cdef", read("calls.cdef")), ("calls.h", SOURCE)):
        with open(os.path.join(outdir, name), "w") as f:
            f.write(text)
    for module, extra in (("_calls_fg", []), ("_calls_keep", ["--keep-gil"])):
        c = os.path.join(outdir, module + ".c")
        subprocess.run([ffigen, "generate", os.path.join(outdir, "calls.cdef"), "--source",
                        os.path.join(outdir, "calls.h"), "-o", c, "--module", module] + extra, check=True)
        commands.append(compile_command(c, module, outdir))
    ext = os.path.join(HERE, "runtime_bench_ext.c")
    for module, flags in (("hand_release", ["-DBENCH_RELEASE_GIL"]), ("hand_keep", [])):
        commands.append(compile_command(ext, module, outdir, [HERE]) + ["-DBENCH_MODULE=" + module] + flags)
    for command in commands:
        subprocess.run(command, check=True)


# column -> (module, runtime its ffi must come from, directory first on the path or None)
def columns(runtime_dir, dropin):
    cols = {
        "cffi@stock": ("_calls", "_cffi_backend", None),
        "ffigen@stock": ("_calls_fg", "_cffi_backend", None),
        "ffigen@ours": ("_calls_fg", "_ffigen_runtime", runtime_dir),
        "keep@ours": ("_calls_keep", "_ffigen_runtime", runtime_dir),
        "hand/release": ("hand_release", "hand", None),
        "hand/keep": ("hand_keep", "hand", None),
    }
    if dropin:
        cols["cffi@ours"] = ("_calls", "_ffigen_runtime", dropin)
    return cols


def cases_for(column):
    hand = column[1] == "hand"
    return {name: (list(hand_case if hand else case) + [per])
            for name, (case, hand_case, per) in CASES.items()}


def run_timer(column, outdir, cases, count=-1, wrapper=()):
    module, runtime, first = column
    path = ([first] if first else []) + [outdir]
    args = [json.dumps(cases), module, runtime, str(count)]
    if not wrapper:
        return time_cases(TIMER, args, path)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path))
    subprocess.run(list(wrapper) + [sys.executable, "-c", TIMER] + args, env=env, check=True,
                   capture_output=True)
    return None


def instructions(column, outdir, name, case, n=20000):
    """Instructions per operation of one case: callgrind's total for n
    repetitions minus its total for none, over n times the operations."""
    totals = []
    for count in (0, n):
        with tempfile.NamedTemporaryFile(dir=outdir, suffix=".cg") as out:
            run_timer(column, outdir, {name: case}, count,
                      ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out.name])
            with open(out.name) as f:
                totals.append(next(int(line.split()[1]) for line in f if line.startswith("totals:")))
    return (totals[1] - totals[0]) / (n * case[2])


def print_table(title, cols, values, fmt):
    print("\n" + title)
    print("%-46s" % "" + "".join(" %12s" % c for c in cols))
    for case in CASES:
        print("%-46s" % case + "".join(" %12s" % (fmt % values[c][case] if case in values[c] else "-")
                                       for c in cols))


def print_goals(values, cols):
    print("\ngoals (ratio of two columns; below the limit: met)")
    for cases, num, den, limit in GOALS:
        if num not in cols or den not in cols:
            continue
        for case in cases:
            ratio = values[num][case] / values[den][case]
            print("%-46s %12s / %-12s %5.2f  <= %.2f  %s" % (case, num, den, ratio, limit,
                                                           "met" if ratio <= limit else "MISSED"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ffigen", required=True, help="the ffigen binary")
    ap.add_argument("--runtime-dir", required=True, help="directory holding _ffigen_runtime")
    ap.add_argument("--dropin", help="directory holding our drop-in _cffi_backend: adds cffi@ours")
    ap.add_argument("--rounds", type=int, default=3, help="timing processes per column (best kept)")
    ap.add_argument("--instructions", action="store_true", help="also count instructions (callgrind)")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    cols = columns(os.path.abspath(args.runtime_dir), args.dropin and os.path.abspath(args.dropin))
    with tempfile.TemporaryDirectory() as outdir:
        build(outdir, os.path.abspath(args.ffigen))
        best = {name: {} for name in cols}
        for _ in range(args.rounds):
            for name, col in cols.items():
                keep_best(best[name], run_timer(col, outdir, cases_for(col)))
        print_table("ns per operation (best of %d processes)" % args.rounds, cols, best, "%.1f")
        print_goals(best, cols)
        results = {"ns": best}
        if args.instructions:
            counts = {name: {case: instructions(col, outdir, case, spec)
                             for case, spec in cases_for(col).items()} for name, col in cols.items()}
            print_table("instructions per operation (callgrind)", cols, counts, "%.0f")
            print_goals(counts, cols)
            results["instructions"] = counts
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
