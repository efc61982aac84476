"""Build an e2e scenario with stock CFFI: the oracle of the differential
tests. NAME.cdef + NAME.h become the module _NAME, as `ffigen build` would
make it, with NAME.flags and NAME.includes (see tests/e2e/run_scenario.sh)
translated to what CFFI's builder offers for them.
    cffi_oracle.py SRC_DIR OUT_DIR NAME      (builds OUT_DIR/_NAME*.so)
"""
import pathlib
import sys

import cffi


def _options(flags):
    """ffigen's scenario options -> (cdef keywords, set_source keywords)."""
    cdef_kw, source_kw = {}, {}
    words = iter(flags.split())
    for word in words:
        if word == "--pack":
            pack = int(next(words))
            cdef_kw.update(packed=True) if pack == 1 else cdef_kw.update(pack=pack)
        elif word == "--cc":
            if "++" in next(words):
                source_kw["source_extension"] = ".cpp"
        elif word == "-l":
            source_kw.setdefault("libraries", []).append(next(words))
        elif word == "--keep-gil":
            pass  # ffigen-only: CFFI always releases the GIL (oracle_differences.txt)
        else:
            raise ValueError(f"cffi_oracle: no CFFI equivalent known for {word!r}")
    return cdef_kw, source_kw


def _read(src, name, suffix):
    path = src / f"{name}{suffix}"
    return path.read_text() if path.exists() else ""


def builder(src, name, included=(), module=None):
    """The cffi.FFI builder of scenario NAME (module `module`, default _NAME),
    including the builders `included`."""
    cdef_kw, source_kw = _options(_read(src, name, ".flags"))
    source_kw["include_dirs"] = [str(src)]  # the preamble may #include its neighbours
    ffi = cffi.FFI()
    for other in included:
        ffi.include(other)
    ffi.cdef(_read(src, name, ".cdef"), **cdef_kw)
    ffi.set_source(module or f"_{name}", _read(src, name, ".h"), **source_kw)
    return ffi


def build(src, out, name, module=None):
    """Compile scenario NAME (and the scenarios it includes) into OUT;
    `module` renames NAME's module (default _NAME)."""
    src, out = pathlib.Path(src), pathlib.Path(out)
    included = []
    for inc in _read(src, name, ".includes").split():
        ffi = builder(src, inc, included)
        ffi.compile(tmpdir=str(out))
        included.append(ffi)
    return builder(src, name, included, module).compile(tmpdir=str(out))


if __name__ == "__main__":
    build(*sys.argv[1:4])
