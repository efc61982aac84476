# Shared by the e2e scenarios: the module under test and, for comparison,
# the same cdef and preamble built by stock CFFI (when a test asks for it).
import importlib
import os
import pathlib
import sys

import pytest


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
