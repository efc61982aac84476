"""Module init: ABI version checks, the drop-in _cffi_backend build."""
import os
import subprocess
import sys

import pytest

from conftest import EXT, compile_module, generate_c
from modules import MODULES


@pytest.mark.parametrize("version", ["0x2500", "0x2900", "0x10000"])
def test_unsupported_abi_version_is_refused(tmp_path, version):
    cdef, source = MODULES["_rtlayout"][:2]
    text = generate_c("_rtabi", cdef, source, str(tmp_path))
    name = "_rtabi_v" + version[2:]
    text = text.replace('"_rtabi", 0x2601', '"%s", %s' % (name, version)).replace("PyInit__rtabi(", "PyInit_%s(" % name)
    text = text.replace('PyImport_ImportModule("_cffi_backend")', 'PyImport_ImportModule("_ffigen_runtime")')
    compile_module(name, text, str(tmp_path))
    sys.path.insert(0, str(tmp_path))
    try:
        with pytest.raises(ImportError) as e:
            __import__(name)
    finally:
        sys.path.remove(str(tmp_path))
    assert version in str(e.value) and "0x2601" in str(e.value)


def test_dropin_runs_an_unmodified_stock_module(tmp_path):
    """The _cffi_backend build of our runtime runs a stock module as is."""
    dropin = os.environ.get("FFIGEN_DROPIN_DIR")
    if not dropin:
        pytest.skip("FFIGEN_DROPIN_DIR not set (drop-in build disabled)")
    cdef, source = MODULES["_rtmain"][:2]
    text = generate_c("_rtdrop", cdef, source, str(tmp_path))
    compile_module("_rtdrop", text, str(tmp_path))
    script = (
        "import _cffi_backend, sys\n"
        "assert _cffi_backend.__file__.startswith(sys.argv[1]), _cffi_backend.__file__\n"
        "from _rtdrop import ffi, lib\n"
        "assert type(ffi).__module__ == '_ffigen_runtime'\n"
        "assert lib.add(2, 3) == 5 and lib.sum([1, 2], 2) == 3\n"
        "p = ffi.new('struct point *', [1, 2]); assert p.y == 2\n"
        "print('dropin ok')\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([dropin, str(tmp_path)]))
    out = subprocess.run([sys.executable, "-c", script, dropin], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "dropin ok" in out.stdout
