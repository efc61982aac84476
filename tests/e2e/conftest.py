# Shared by the e2e scenarios: the module under test and, for comparison,
# the same cdef and preamble built by stock CFFI (when a test asks for it).
import importlib
import os
import pathlib
import platform
import sys

import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "cpython_wrappers: checks ffigen's CPython wrappers (not on PyPy)")


def pytest_runtest_setup(item):
    # On PyPy the built-in backend calls the C functions itself and makes
    # lib's objects: the messages and flags are its own, as for stock CFFI's
    # modules there (run_scenario.sh with FFIGEN_E2E_PYTHON=/usr/bin/pypy3).
    if item.get_closest_marker("cpython_wrappers") and platform.python_implementation() == "PyPy":
        pytest.skip("PyPy's built-in backend, not ffigen's CPython wrappers")


@pytest.fixture(scope="module")
def mod(request):
    """The module ffigen built: `_<scenario>` (ffi, lib)."""
    name = "_" + pathlib.Path(request.module.__file__).stem[: -len("_test")]
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def cffi_mod(request, tmp_path_factory):
    """The same cdef and preamble compiled by stock CFFI (the oracle)."""
    # Debian builds the stock backend for its default Python only: under
    # the other Pythons of tests/newpython there is no oracle to compare with.
    pytest.importorskip("_cffi_backend", reason="no stock _cffi_backend for this Python")
    import cffi_oracle  # tests/differential/cffi_oracle.py, copied by run_scenario.sh

    scenario = pathlib.Path(request.module.__file__).stem[: -len("_test")]
    here = pathlib.Path(request.module.__file__).parent
    name = f"_cffi_{scenario}"
    out = tmp_path_factory.mktemp("cffi")
    cffi_oracle.build(here, out, scenario, module=name)
    sys.path.insert(0, str(out))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(out))
