#!/usr/bin/env python3
"""`ffigen generate --abi` against stock CFFI's own ABI mode.

    abi_e2e.py FFIGEN WORK_DIR [RUNTIME_DIR]

Builds lib.c into libabi.so, writes lib.cdef's ABI-mode module with ffigen
(once per runtime choice) and with CFFI's emit_python_code, and runs
use_lib.py on each: every module must see what CFFI's sees (calls, struct
by value, variadic, callbacks, globals read and written, constants, enums,
layouts, the errors' classes), on the runtime it was asked for. Without
RUNTIME_DIR only stock _cffi_backend is used; with it, CFFI's own module
is also run on _ffigen_runtime. A struct under --pack 1 must be laid out
as CFFI's packed=True lays it out.
"""
import json
import os
import subprocess
import sys

import cffi

PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))


def run_use_lib(module, path):
    env = dict(os.environ, PYTHONPATH=path)
    out = subprocess.run([PYTHON, os.path.join(HERE, "use_lib.py"), module, "./libabi.so"],
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def differs(label, seen, expected, backend):
    """Prints the outcome; true when `seen` is not CFFI's result on `backend`."""
    want = dict(expected, backend=backend)
    diff = {k: (seen.get(k), want[k]) for k in want if seen.get(k) != want[k]}
    print(("FAIL" if diff else "ok") + ": %s on %s %s" % (label, backend, diff or ""))
    return bool(diff)


PACKED = "struct pk { char c; int i; short s; long long ll; };"
PACKED_QUERY = ("import _abi_packed as m; f = m.ffi; print([f.sizeof('struct pk')]"
                " + [f.offsetof('struct pk', n) for n in ('i', 's', 'll')])")


def packed_differs(ffigen, paths):
    """--pack 1 lays out as CFFI's cdef(packed=True) on every runtime."""
    ffi = cffi.FFI()
    ffi.cdef(PACKED, packed=True)
    want = str([ffi.sizeof("struct pk")] + [ffi.offsetof("struct pk", n) for n in ("i", "s", "ll")])
    with open("packed.cdef", "w") as f:
        f.write(PACKED + "\n")
    subprocess.run([ffigen, "generate", "--abi", "packed.cdef", "--pack", "1", "-o", "_abi_packed.py"], check=True)
    failures = 0
    for path in paths:
        got = subprocess.run([PYTHON, "-c", PACKED_QUERY], env=dict(os.environ, PYTHONPATH=path), check=True,
                             capture_output=True, text=True).stdout.strip()
        print(("ok" if got == want else "FAIL") + ": --pack 1 layout %s (CFFI: %s)" % (got, want))
        failures += got != want
    return failures


def main():
    ffigen, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    runtime_dir = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else ""
    os.makedirs(work, exist_ok=True)
    os.chdir(work)
    cdef = os.path.join(HERE, "lib.cdef")
    subprocess.run(["cc", "-shared", "-fPIC", "-o", "libabi.so", os.path.join(HERE, "lib.c")], check=True)
    ffi = cffi.FFI()
    with open(cdef) as f:
        ffi.cdef(f.read())
    ffi.set_source("_abi_cffi", None)
    ffi.emit_python_code("_abi_cffi.py")
    expected = run_use_lib("_abi_cffi", work)
    rt_path = work + os.pathsep + runtime_dir
    cases = [("_abi_stock", ["--runtime", "_cffi_backend"], work, "_cffi_backend"),
             ("_abi_default", [], work, "_cffi_backend")]
    if runtime_dir:
        cases += [("_abi_rt", ["--runtime", "_ffigen_runtime"], rt_path, "_ffigen_runtime"),
                  ("_abi_default", [], rt_path, "_ffigen_runtime")]
    failures = 0
    for module, options, path, backend in cases:
        subprocess.run([ffigen, "generate", "--abi", cdef, "-o", module + ".py"] + options, check=True)
        failures += differs(module, run_use_lib(module, path), expected, backend)
    if runtime_dir:  # CFFI's own module, its tables read by _ffigen_runtime
        with open("_abi_cffi.py") as f:
            text = f.read().replace("import _cffi_backend\n", "import _ffigen_runtime as _cffi_backend\n")
        with open("_abi_cffi_on_rt.py", "w") as f:
            f.write(text)
        failures += differs("CFFI's module", run_use_lib("_abi_cffi_on_rt", rt_path), expected, "_ffigen_runtime")
    failures += packed_differs(ffigen, [work] + ([rt_path] if runtime_dir else []))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
