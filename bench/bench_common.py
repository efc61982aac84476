"""What the runtime benches share: building a module the way CFFI users do,
and timing cases in a fresh process.

Imported by runtime_bench.py and runtime2_bench.py (run from bench/, so
this file is on their sys.path)."""
import json
import os
import subprocess
import sys
import sysconfig

_EMIT = ("import cffi, sys\nffi = cffi.FFI()\nffi.cdef(sys.argv[1])\nffi.set_source(sys.argv[2], sys.argv[3])\n"
         "ffi.emit_c_code(sys.argv[4])\n")


def emit_cffi_module(module, cdef, source, outdir):
    """The C that stock CFFI (Debian's /usr/bin/python3) generates; its path."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    c = os.path.join(outdir, module + ".c")
    subprocess.run(["/usr/bin/python3", "-c", _EMIT, cdef, module, source, c], check=True, env=env,
                   capture_output=True)
    return c


def compile_command(c, module, outdir, include_dirs=(), opt="-O2"):
    """The gcc command compiling c into outdir/<module><EXT_SUFFIX>, as
    setuptools would (-O2)."""
    so = os.path.join(outdir, module + sysconfig.get_config_var("EXT_SUFFIX"))
    includes = ["-I" + d for d in (sysconfig.get_paths()["include"],) + tuple(include_dirs)]
    return ["gcc", "-shared", "-fPIC", opt] + includes + [c, "-o", so]


def compile_extension(c, module, outdir):
    subprocess.run(compile_command(c, module, outdir), check=True)


def time_cases(timer, args, path):
    """Runs the timer script with args in a fresh interpreter whose
    PYTHONPATH is the directories `path`; its JSON answer (case -> ns)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path))
    proc = subprocess.run([sys.executable, "-c", timer] + args, env=env, capture_output=True, text=True)
    if proc.returncode:
        sys.exit("timing %s failed:\n%s" % (" ".join(args[1:]), proc.stderr))
    return json.loads(proc.stdout)


def keep_best(best, timed):
    """Each case's best time so far: the machine is shared, and noise only
    ever adds time."""
    for case, ns in timed.items():
        best[case] = min(ns, best.get(case, ns))
