"""Turns a CFFI build script into ffigen's inputs.

    python3 -m ffigen.import_cffi path/to/foo_build.py[:ffi] [-o DIR] [--force]

runs the script with a recording stand-in for the ``cffi`` module (nothing is
compiled; CFFI need not be installed), then writes into DIR (default: the
current directory) the module's cdef (each cdef() call's text, ``packed`` and
``pack`` as ``#pragma pack`` lines), its set_source() preamble as a header,
and the ``[[tool.ffigen.module]]`` table that builds it (NAME.toml), and
prints the equivalent ``ffigen build`` command line. Paths in both are as
seen from the current directory: run it from the project's root, where the
build script's own relative paths (include_dirs, sources) point from.
Exit status: 0 done, 1 the script failed or uses what ffigen cannot
reproduce, 2 bad usage.
"""

import argparse
import json
import os
import runpy
import shlex
import sys
import traceback
import types

from ffigen.modules import LISTS


class Unsupported(Exception):
    """The build script asks for what the written outputs cannot reproduce."""


class RecordingFFI:
    """cffi.FFI as a build script uses it, remembering the calls."""

    def __init__(self, backend=None):
        self._cdefs = []       # (text, pack or 0, override)
        self._includes = []    # other RecordingFFIs, in order
        self._module = None    # set_source's module name
        self._source = None
        self._kwds = {}

    def cdef(self, csource, override=False, packed=False, pack=None):
        if packed and pack:
            raise ValueError("cdef(): packed=True and pack=N cannot be given together")
        self._cdefs.append((csource, 1 if packed else int(pack or 0), bool(override)))

    def set_source(self, module_name, source, source_extension=".c", **kwds):
        if self._module is not None:
            raise ValueError("set_source() cannot be called several times per ffi object")
        if source is None:
            raise Unsupported("set_source(..., None) is CFFI's ABI mode; ffigen builds API-mode modules")
        if source_extension != ".c":
            raise Unsupported(f"set_source(source_extension={source_extension!r}): ffigen builds C modules")
        self._module, self._source, self._kwds = module_name, source, kwds

    def include(self, ffi_to_include):
        if not isinstance(ffi_to_include, RecordingFFI):
            raise TypeError("ffi.include() expects an argument that is also of type cffi.FFI")
        self._includes.append(ffi_to_include)

    # Building is what ffigen does: the script's own call does nothing.
    def compile(self, tmpdir=".", verbose=0, target=None, debug=None):
        return os.path.join(tmpdir, f"{self._module}.so")

    def emit_c_code(self, filename):
        pass

    def __getattr__(self, name):
        raise Unsupported(f"ffi.{name}() at build time has no ffigen equivalent")


def stand_in_cffi():
    module = types.ModuleType("cffi", "ffigen import-cffi's recording stand-in for CFFI")
    module.FFI = RecordingFFI
    module.__version__, module.__version_info__ = "1.15.1", (1, 15, 1)
    for error in ("CDefError", "FFIError", "VerificationError", "VerificationMissing", "PkgConfigError"):
        setattr(module, error, type(error, (Exception,), {}))
    return module


def run_build_script(path):
    """The script's globals after running it as __main__ with the stand-in
    as `cffi` and its directory first on sys.path (for the build scripts it
    imports, as ffi.include() users do)."""
    saved = sys.modules.get("cffi"), list(sys.path), list(sys.argv)
    sys.modules["cffi"] = stand_in_cffi()
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    sys.argv = [path]
    try:
        return runpy.run_path(path, run_name="__main__")
    except SystemExit as e:
        if e.code not in (None, 0):
            raise
        raise Unsupported(f"{path} exited before its ffi could be read")
    finally:
        sys.modules.pop("cffi")
        if saved[0] is not None:
            sys.modules["cffi"] = saved[0]
        sys.path[:], sys.argv[:] = saved[1], saved[2]


def select_ffi(names, path, wanted):
    """The script's ffi: the global named `wanted`, else the only one with a
    set_source() that no other one includes (an imported build script's ffi
    that this one includes is not it)."""
    if wanted:
        ffi = names.get(wanted)
        if not isinstance(ffi, RecordingFFI):
            raise LookupError(f"{path} has no FFI object named '{wanted}'")
        return ffi
    built = {n: v for n, v in names.items() if isinstance(v, RecordingFFI) and v._module}
    included = [inc for ffi in built.values() for inc in included_ffis(ffi)]
    found = sorted(n for n, v in built.items() if v not in included)
    if len(found) != 1:
        which = f"several ({', '.join(found)})" if found else "none"
        raise LookupError(f"{path} must define one FFI object with set_source(), it defines {which}: "
                          f"name it as {path}:NAME")
    return names[found[0]]


def cdef_text(ffi):
    """Every cdef() call's text, in order; packing as #pragma pack lines."""
    parts = []
    for text, pack, _ in ffi._cdefs:
        text = text if text.endswith("\n") else text + "\n"
        parts.append(f"#pragma pack(push, {pack})\n{text}#pragma pack(pop)\n" if pack else text)
    return "".join(parts)


def included_ffis(ffi):
    """The ffis ffi includes, those each includes first (ffigen's order)."""
    order = []

    def visit(f):
        for inc in f._includes:
            if inc._module is None:
                raise Unsupported("ffi.include() of an ffi that has no set_source(): ffigen needs its module name")
            visit(inc)
            if inc not in order:
                order.append(inc)
    visit(ffi)
    return order


# set_source() keywords (setuptools Extension arguments) as table fields.
SAME = {"libraries": "libraries", "include_dirs": "include-dirs", "library_dirs": "library-dirs",
        "define_macros": "define-macros", "extra_compile_args": "extra-compile-args",
        "extra_link_args": "extra-link-args", "sources": "sources"}
IGNORED = {"depends"}  # only when to rebuild: ffigen build --depfile knows


def table_fields(ffi):
    """The [[tool.ffigen.module]] fields of ffi's set_source() keywords."""
    fields = {}
    for key, value in ffi._kwds.items():
        if key == "define_macros":  # (NAME, VALUE or None) as "NAME=VALUE" or "NAME"
            fields["define-macros"] = [n if v is None else f"{n}={v}" for n, v in value]
        elif key in SAME:
            fields[SAME[key]] = list(value)
        elif key == "py_limited_api":
            fields["limited-api"] = bool(value)
        elif key == "undef_macros":
            fields.setdefault("extra-compile-args", []).extend(f"-U{m}" for m in value)
        elif key == "runtime_library_dirs":
            fields.setdefault("extra-link-args", []).extend(f"-Wl,-rpath,{d}" for d in value)
        elif key not in IGNORED:
            raise Unsupported(f"set_source({key}=...) has no ffigen equivalent")
    if any(override for _, _, override in ffi._cdefs):
        fields["override"] = True
    return fields


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def build_command(table):
    """The `ffigen build` command line that builds the same module."""
    name = table["name"]
    argv = ["ffigen", "build", table["cdef"], "-o", name.replace(".", "/"), "--module", name]
    if "source" in table:
        argv += ["--source", table["source"]]
    argv += [w for d in table.get("include-dirs", []) for w in ("-I", d)]
    argv += [w for m in table.get("define-macros", []) for w in ("-D", m)]
    argv += [w for d in table.get("library-dirs", []) for w in ("-L", d)]
    argv += [w for lib in table.get("libraries", []) for w in ("-l", lib)]
    for key, option in (("extra-compile-args", "--cflags"), ("extra-link-args", "--ldflags")):
        if table.get(key):
            argv.append(f"{option}={shlex.join(table[key])}")
    if table.get("limited-api") is False:
        argv.append("--no-limited-api")
    if table.get("override"):
        argv.append("--override")
    argv += [w for inc in table.get("includes", []) for w in ("--include", inc)]
    if table.get("sources"):
        argv += ["--sources"] + table["sources"]  # last: it takes every word up to the next option
    return shlex.join(argv)


class Writer:
    """Writes the outputs into one directory; an existing different file is
    kept unless --force (a project's own foo.h is not lost)."""

    def __init__(self, out_dir, force):
        self.out_dir, self.force, self.files = out_dir, force, {}

    def add(self, file_name, text):
        path = os.path.normpath(os.path.join(self.out_dir, file_name))
        if self.files.get(path, text) != text:
            raise Unsupported(f"two modules would write {path}")
        self.files[path] = text
        return path

    def write(self):
        for path, text in self.files.items():
            if not self.force and os.path.exists(path) and open(path, encoding="utf-8").read() != text:
                raise FileExistsError(f"{path} exists and differs (use --force, or -o DIR)")
        os.makedirs(self.out_dir, exist_ok=True)
        for path, text in self.files.items():
            with open(path + ".part", "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(path + ".part", path)


def module_table(ffi, writer):
    """The table of ffi's module, its files added to writer."""
    stem = ffi._module.rsplit(".", 1)[-1]
    table = {"name": ffi._module, "cdef": writer.add(f"{stem}.cdef", cdef_text(ffi))}
    if ffi._source:
        table["source"] = writer.add(f"{stem}.h", ffi._source if ffi._source.endswith("\n") else ffi._source + "\n")
    table.update(table_fields(ffi))
    includes = [f"{inc._module}={writer.add(inc._module.rsplit('.', 1)[-1] + '.cdef', cdef_text(inc))}"
                for inc in included_ffis(ffi)]
    if includes:
        table["includes"] = includes
    return table


def toml_table(table):
    order = ["name", "cdef", "source"] + [k for k in LISTS if k in table] + ["limited-api", "override"]
    lines = ["[[tool.ffigen.module]]"] + [f"{k} = {toml_value(table[k])}" for k in order if k in table]
    return "\n".join(lines) + "\n"


def import_cffi(target, out_dir, force):
    path, _, name = target.partition(":")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"cannot open '{path}': no such file")
    ffi = select_ffi(run_build_script(path), path, name)
    writer = Writer(out_dir, force)
    table = module_table(ffi, writer)
    stem = ffi._module.rsplit(".", 1)[-1]
    writer.add(f"{stem}.toml", toml_table(table))
    writer.write()
    return build_command(table)


def print_script_traceback(error, path):
    """The traceback from the script's first frame on (not ours, not runpy's)."""
    tb = error.__traceback__
    while tb and os.path.abspath(tb.tb_frame.f_code.co_filename) != os.path.abspath(path):
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb or error.__traceback__)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="ffigen import-cffi", description=__doc__.splitlines()[0])
    parser.add_argument("script", help="the CFFI build script, optionally :NAME of its FFI object")
    parser.add_argument("-o", "--output-dir", default=".", help="where to write (default: .)")
    parser.add_argument("--force", action="store_true", help="replace existing files that differ")
    args = parser.parse_args(argv)
    try:
        print(import_cffi(args.script, args.output_dir, args.force))
    except (FileNotFoundError, LookupError) as e:
        print(f"ffigen: error: {e}", file=sys.stderr)
        return 2
    except (Unsupported, FileExistsError) as e:
        print(f"ffigen: error: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # the build script's own failure: its traceback helps
        print_script_traceback(e, args.script.partition(":")[0])
        print(f"ffigen: error: running {args.script.partition(':')[0]} failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
