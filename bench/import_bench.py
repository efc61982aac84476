"""import_bench.py: importing a big module and touching all of its lib, our
runtime vs the stock _cffi_backend.

Run with /usr/bin/python3 (not run by ctest: it compiles two big modules):
    /usr/bin/python3 bench/import_bench.py --ffigen build/cli/ffigen \
        --runtime-dir build/runtime [--cdef ../shared/bench/big.cdef] [--opt=-O0]

The cdef (default: the shared bench input big.cdef, with its preamble
big_preamble.h next to it, which includes big.h) is generated once by stock
CFFI ("cffi@stock", on the stock backend) and once by ffigen ("ffigen@ours",
on _ffigen_runtime); both are compiled with the same gcc flags (-O2 as
setuptools by default, about 20 s each: they are compiled in parallel; -O0
builds faster and times the same runtime code). big.h only declares the
functions, so the modules are loaded with RTLD_LAZY. Each timing process
measures `import` of the module, then `dir(lib)` and a getattr of every name
(which realizes everything CFFI realizes lazily), as the CPU time of the
process (time.process_time: on a shared, loaded machine wall time mostly
measures the other processes); the best of --rounds fresh processes is
kept. Prints ms per column and ours/stock (target: <= 1.0).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from bench_common import compile_command, keep_best, time_cases

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CDEF = os.path.join(HERE, "..", "..", "shared", "bench", "big.cdef")

_EMIT = ("import cffi, sys\nffi = cffi.FFI()\nffi.cdef(open(sys.argv[1]).read())\n"
         "ffi.set_source(sys.argv[2], open(sys.argv[3]).read())\nffi.emit_c_code(sys.argv[4])\n")

TIMER = r"""
import importlib, json, os, sys, time
sys.setdlopenflags(os.RTLD_LAZY | os.RTLD_GLOBAL)
module, runtime = sys.argv[1:3]
t0 = time.process_time()
m = importlib.import_module(module)
t1 = time.process_time()
lib = m.lib
for name in dir(lib):
    getattr(lib, name)
t2 = time.process_time()
assert type(m.ffi).__module__ == runtime, type(m.ffi).__module__
print(json.dumps({"import": (t1 - t0) * 1e9, "touch every lib name": (t2 - t1) * 1e9,
                  "total": (t2 - t0) * 1e9}))
"""

# column -> (module, runtime its ffi must come from, put the runtime dir first on the path)
COLUMNS = {
    "cffi@stock": ("_bigbench_cffi", "_cffi_backend", False),
    "ffigen@ours": ("_bigbench_fg", "_ffigen_runtime", True),
}


def build(outdir, ffigen, cdef, opt):
    """Both modules' C, then both compiled at once (two gcc processes)."""
    preamble = os.path.join(os.path.dirname(cdef), "big_preamble.h")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cffi_c = os.path.join(outdir, "_bigbench_cffi.c")
    subprocess.run(["/usr/bin/python3", "-c", _EMIT, cdef, "_bigbench_cffi", preamble, cffi_c], check=True,
                   env=env, capture_output=True)
    fg_c = os.path.join(outdir, "_bigbench_fg.c")
    subprocess.run([ffigen, "generate", cdef, "--source", preamble, "-o", fg_c, "--module", "_bigbench_fg"],
                   check=True)
    inc = [os.path.dirname(cdef)]
    jobs = [subprocess.Popen(compile_command(c, name, outdir, inc, opt))
            for c, name in ((cffi_c, "_bigbench_cffi"), (fg_c, "_bigbench_fg"))]
    if any(job.wait() for job in jobs):
        sys.exit("compiling the modules failed")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ffigen", required=True, help="the ffigen binary")
    ap.add_argument("--runtime-dir", required=True, help="directory holding _ffigen_runtime")
    ap.add_argument("--cdef", default=DEFAULT_CDEF, help="the cdef (big_preamble.h next to it)")
    ap.add_argument("--opt", default="-O2", help="gcc optimization flag for both modules")
    ap.add_argument("--rounds", type=int, default=15, help="timing processes per column (best kept)")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    runtime_dir = os.path.abspath(args.runtime_dir)
    with tempfile.TemporaryDirectory() as outdir:
        build(outdir, os.path.abspath(args.ffigen), os.path.abspath(args.cdef), args.opt)
        best = {name: {} for name in COLUMNS}
        for _ in range(args.rounds):  # alternating columns: the machine is shared
            for name, (module, runtime, ours) in COLUMNS.items():
                path = ([runtime_dir] if ours else []) + [outdir]
                keep_best(best[name], time_cases(TIMER, [module, runtime], path))
    stock, ours = best["cffi@stock"], best["ffigen@ours"]
    print("%-24s %12s %12s %12s" % ("ms (best of %d)" % args.rounds, "cffi@stock", "ffigen@ours", "ours/stock"))
    for case in stock:
        print("%-24s %12.2f %12.2f %12.2f" % (case, stock[case] / 1e6, ours[case] / 1e6, ours[case] / stock[case]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(best, f, indent=1)


if __name__ == "__main__":
    main()
