"""pytest plugin: CFFI's own API-mode tests with ffigen writing every module's C.

Loaded with `-p ffigen_plugin` in a run of CFFI 1.15.1's testing/cffi1. It
changes one thing: where CFFI's recompiler would write a module's C source,
`ffigen generate` writes it from what the test gave CFFI (the text of each
ffi.cdef() call, the set_source() preamble, the module name, the included
ffis). CFFI's parser still checks each cdef when the test calls it, and its
builder, compiler flags and assertions stay as they are, except one name:
test_verify1.py's `FFI.error` is the stock backend's error class, which is
the runtime's error class only when the modules import the stock backend
(with another runtime it becomes that runtime's `error`).

Environment:
  FFIGEN          the ffigen executable (required)
  FFIGEN_RUNTIME  the runtime the modules import: _cffi_backend (default)
                  or _ffigen_runtime (which must then be on sys.path)
  FFIGEN_SUITE_LISTS  files of test ids, one per line ('id  # reason'):
                  a file named not_applicable*.txt deselects its tests (they
                  never generate C, or assert CFFI's wording); any other
                  marks its tests as expected failures (strict, so a test
                  that starts to pass must leave the list)
"""

import importlib
import os
import pathlib
import subprocess

import pytest

import cffi
import cffi.api
import cffi.recompiler
from cffi import VerificationError

FFIGEN = os.environ.get("FFIGEN", "")
RUNTIME = os.environ.get("FFIGEN_RUNTIME", "_cffi_backend")


# --- what each FFI was given --------------------------------------------

_original_cdef = cffi.api.FFI._cdef
_original_include = cffi.api.FFI.include


def _recording_cdef(self, csource, override=False, **options):
    _original_cdef(self, csource, override=override, **options)
    # Recorded only once CFFI's parser took it, as a failed cdef() adds nothing.
    self.__dict__.setdefault("_ffigen_cdefs", []).append((csource, override, options))


def _recording_include(self, ffi_to_include):
    _original_include(self, ffi_to_include)
    self.__dict__.setdefault("_ffigen_includes", []).append(ffi_to_include)


def cdef_text(ffi):
    """All cdef() texts of `ffi` as one file; packed/pack become #pragma pack."""
    parts = []
    for csource, _override, options in ffi.__dict__.get("_ffigen_cdefs", []):
        pack = 1 if options.get("packed") else options.get("pack")
        if pack:
            parts.append("#pragma pack(%d)\n%s\n#pragma pack()\n" % (pack, csource))
        else:
            parts.append(csource + "\n")
    return "".join(parts)


def wants_override(ffi):
    return any(override for _c, override, _o in ffi.__dict__.get("_ffigen_cdefs", []))


def include_args(ffi, workdir):
    """--include MODULE=PATH for every ffi that `ffi` includes, as CFFI names them."""
    args = []
    for index, included in enumerate(ffi.__dict__.get("_ffigen_includes", [])):
        source = getattr(included, "_assigned_source", None)
        if source is None:
            raise VerificationError(
                "ffi object %r includes %r, but the latter has not been prepared "
                "with set_source()" % (ffi, included))
        path = workdir / ("include%d.cdef" % index)
        path.write_text(cdef_text(included))
        args += ["--include", "%s=%s" % (source[0], path)]
    return args


# --- generation through ffigen ------------------------------------------

_original_make = cffi.recompiler._make_c_or_py_source


class FfigenError(VerificationError):
    """ffigen refused the input; its diagnostics are the message."""


def _ffigen_make(ffi, module_name, preamble, target_file, verbose):
    if preamble is None:  # ABI mode: a .py module, not ours to write
        return _original_make(ffi, module_name, preamble, target_file, verbose)
    target = pathlib.Path(target_file)
    workdir = target.parent / ("." + target.name + ".ffigen")
    workdir.mkdir(parents=True, exist_ok=True)
    cdef_path = workdir / "module.cdef"
    source_path = workdir / "preamble.h"
    cdef_path.write_text(cdef_text(ffi))
    source_path.write_text(preamble)
    cmd = [FFIGEN, "generate", str(cdef_path), "--source", str(source_path),
           "--module", module_name, "--runtime", RUNTIME, "-o", str(target)]
    cmd += include_args(ffi, workdir)
    if wants_override(ffi):
        cmd.append("--override")
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise FfigenError("ffigen generate failed (%d):\n%s" % (done.returncode, done.stderr))
    if verbose:
        print("generated %s with ffigen" % target_file)
    return True


# --- the lists -----------------------------------------------------------

def read_list(path):
    ids = {}
    for line in pathlib.Path(path).read_text().splitlines():
        test_id, _, reason = line.partition("#")
        if test_id.strip():
            ids[test_id.strip()] = reason.strip() or "listed in " + pathlib.Path(path).name
    return ids


def _route_errno_to_runtime():
    # The tests' cffi.FFI reads errno from the stock backend, which shares it
    # with the modules only when they run on that backend: on another
    # runtime, ffi.errno must be that runtime's (as with cffi on a drop-in).
    if RUNTIME == "_cffi_backend":
        return
    runtime = importlib.import_module(RUNTIME)
    cffi.api.FFI.errno = property(lambda self: runtime.get_errno(), lambda self, value: runtime.set_errno(value),
                                  None, cffi.api.FFI.errno.__doc__)


def pytest_configure(config):
    if not FFIGEN or not os.access(FFIGEN, os.X_OK):
        raise pytest.UsageError("ffigen_plugin: FFIGEN must name the ffigen executable")
    _route_errno_to_runtime()
    cffi.api.FFI._cdef = _recording_cdef
    cffi.api.FFI.include = _recording_include
    cffi.recompiler._make_c_or_py_source = _ffigen_make


def _use_runtime_error(items):
    """`error = _cffi_backend.FFI.error` in a test module's FFI subclass
    (test_verify1.py) means the error class of the runtime under test."""
    if RUNTIME == "_cffi_backend":
        return
    import _cffi_backend

    runtime_error = importlib.import_module(RUNTIME).error
    for module in {item.module for item in items if getattr(item, "module", None)}:
        ffi_class = getattr(module, "FFI", None)
        if isinstance(ffi_class, type) and ffi_class.__dict__.get("error") is _cffi_backend.FFI.error:
            ffi_class.error = runtime_error


def _short_id(item):
    # 'testing/cffi1/test_x.py::Class::test_y' -> 'test_x.py::Class::test_y'
    return item.nodeid.rsplit("/", 1)[-1]


def pytest_collection_modifyitems(config, items):
    _use_runtime_error(items)
    lists = [p for p in os.environ.get("FFIGEN_SUITE_LISTS", "").split(os.pathsep) if p]
    skip, xfail = {}, {}
    for path in lists:
        (skip if pathlib.Path(path).name.startswith("not_applicable") else xfail).update(read_list(path))
    kept, dropped = [], []
    for item in items:
        test_id = _short_id(item)
        if test_id in skip:
            dropped.append(item)
            continue
        if test_id in xfail:
            item.add_marker(pytest.mark.xfail(reason=xfail[test_id], strict=True))
        kept.append(item)
    collected = {_short_id(i) for i in items}
    files = {test_id.split("::")[0] for test_id in collected}
    unknown = {t for t in set(skip) | set(xfail) if t.split("::")[0] in files} - collected
    if unknown:
        raise pytest.UsageError("ffigen_plugin: listed tests that do not exist: %s" % sorted(unknown))
    config.hook.pytest_deselected(items=dropped)
    items[:] = kept
