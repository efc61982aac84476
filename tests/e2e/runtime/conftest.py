"""Builds test modules with stock CFFI and loads each on both runtimes.

Every module is generated once by stock CFFI (in a subprocess: this test
process must not import the pure-Python cffi package) and compiled twice:
`<name>_stock` imports the stock `_cffi_backend`; `<name>_ours` is the same C
with its runtime import renamed to `_ffigen_runtime`, so both runtimes live
side by side in one process. The `runtime` fixture parametrizes every test
over the two; `FFIGEN_RUNTIME_DIR` names the build directory of ours.
"""
import importlib
import json
import os
import subprocess
import sys
import sysconfig

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME_DIR = os.environ.get("FFIGEN_RUNTIME_DIR")
EXT = sysconfig.get_config_var("EXT_SUFFIX")
RUNTIMES = ["stock", "ours"]

if not RUNTIME_DIR or not os.path.isdir(RUNTIME_DIR):
    raise RuntimeError("set FFIGEN_RUNTIME_DIR to the directory holding _ffigen_runtime" + EXT)
sys.path.insert(0, RUNTIME_DIR)

_GENERATE = r"""
import cffi, json, sys
name, cdef, source, out, options = sys.argv[1:6]
ffi = cffi.FFI()
ffi.cdef(open(cdef).read(), **json.loads(options))
ffi.set_source(name, open(source).read())
ffi.emit_c_code(out)
"""


def _run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        raise RuntimeError("command failed: %s\n%s%s" % (" ".join(cmd), proc.stdout, proc.stderr))


def generate_c(name, cdef, source, outdir, options=None):
    """The C source stock CFFI generates for (cdef, source), as text."""
    cdef_path = os.path.join(outdir, name + ".cdef")
    src_path = os.path.join(outdir, name + ".h")
    c_path = os.path.join(outdir, name + ".c")
    with open(cdef_path, "w") as f:
        f.write(cdef)
    with open(src_path, "w") as f:
        f.write(source)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LD_PRELOAD")}
    _run(["/usr/bin/python3", "-c", _GENERATE, name, cdef_path, src_path, c_path, json.dumps(options or {})],
         env=env)
    with open(c_path) as f:
        return f.read()


def compile_module(name, c_text, outdir):
    c_path = os.path.join(outdir, name + ".c")
    with open(c_path, "w") as f:
        f.write(c_text)
    so = os.path.join(outdir, name + EXT)
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    _run(["gcc", "-shared", "-fPIC", "-O1", "-w", "-I" + sysconfig.get_paths()["include"], c_path, "-o", so], env=env)
    return so


class Built:
    def __init__(self, outdir):
        self.outdir = outdir
        self.cache = {}

    def module(self, name, cdef, source, runtime, options=None):
        key = (name, runtime)
        if key not in self.cache:
            if name not in self.cache:
                self.cache[name] = generate_c(name, cdef, source, self.outdir, options)
            text = self.cache[name]
            modname = "%s_%s" % (name, runtime)
            text = text.replace('"%s"' % name, '"%s"' % modname).replace("PyInit_%s(" % name, "PyInit_%s(" % modname)
            if runtime == "ours":
                text = text.replace('PyImport_ImportModule("_cffi_backend")', 'PyImport_ImportModule("_ffigen_runtime")')
            compile_module(modname, text, self.outdir)
            self.cache[key] = importlib.import_module(modname)
        return self.cache[key]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    outdir = str(tmp_path_factory.mktemp("modules"))
    sys.path.insert(0, outdir)
    return Built(outdir)


@pytest.fixture(params=RUNTIMES)
def runtime(request):
    return request.param


def load(built, runtime, name):
    """(ffi, lib) of module `name` from modules.py, on `runtime`."""
    from modules import MODULES
    cdef, source, *options = MODULES[name]
    m = built.module(name, cdef, source, runtime, options[0] if options else None)
    return m.ffi, m.lib


@pytest.fixture
def main(built, runtime):
    return load(built, runtime, "_rtmain")


class Unraisable(list):
    """Collects what reaches sys.unraisablehook during the test (pytest
    installs its own hook when the test body starts, so this one is set
    lazily, from the test body)."""

    def __enter__(self):
        self.saved = sys.unraisablehook
        sys.unraisablehook = self.append
        return self

    def __exit__(self, *exc):
        sys.unraisablehook = self.saved


@pytest.fixture
def unraisable():
    return Unraisable()
