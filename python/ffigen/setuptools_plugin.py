"""setuptools hooks (entry points of the ffigen dist-info):

- ``setuptools.finalize_distribution_options``: reads ``[[tool.ffigen.module]]``
  from the project's pyproject.toml;
- ``distutils.setup_keywords``: ``setup(ffigen_modules=[{...}, ...])``.

Each module becomes a setuptools Extension whose C source ``ffigen generate``
writes into build_temp when build_ext runs, so setuptools' own compiler
(CC, CFLAGS, ...) builds it. The wheel then requires ffigen-runtime, and is
tagged abi3 when every extension uses the limited API. Built by PyPy, whose
built-in backend loads the modules and which imports no abi3 name, it does
neither.
"""

import os
import sys
import sysconfig

from setuptools import Extension

from ffigen.modules import DeclarationError, generate, module_specs

RUNTIME_REQUIREMENT = "ffigen-runtime"


class FfigenExtension(Extension):
    """An Extension whose C file ffigen writes at build time."""

    def __init__(self, spec):
        self.ffigen_spec = spec
        limited = spec.limited_api and not sysconfig.get_config_var("Py_DEBUG") and not on_pypy()
        super().__init__(spec.name, sources=list(spec.items("sources")),
                         include_dirs=spec.items("include-dirs"), library_dirs=spec.items("library-dirs"),
                         libraries=spec.items("libraries"), define_macros=spec.macros(),
                         extra_compile_args=spec.items("extra-compile-args"),
                         extra_link_args=spec.items("extra-link-args"),
                         depends=spec.inputs(), py_limited_api=limited)


def ffigen_build_ext(base):
    """base's subclass that writes ffigen's C files before compiling."""

    class build_ext(base):
        ffigen_generates = True

        def build_extension(self, ext):
            if isinstance(ext, FfigenExtension):
                c_path = os.path.join(self.build_temp, "ffigen", *ext.name.split(".")) + ".c"
                generate(ext.ffigen_spec, c_path)
                if c_path not in ext.sources:
                    ext.sources.insert(0, c_path)
            super().build_extension(ext)

    return build_ext


def add_modules(dist, specs):
    """Adds the modules to dist, with what building and requiring them takes."""
    if not specs:
        return
    taken = {ext.name for ext in dist.ext_modules or []}
    for spec in specs:
        if spec.name in taken:
            raise DeclarationError(f"module '{spec.name}' is declared twice")
    dist.ext_modules = list(dist.ext_modules or []) + [FfigenExtension(s) for s in specs]
    from setuptools.command.build_ext import build_ext
    base = dist.cmdclass.get("build_ext", build_ext)
    if not getattr(base, "ffigen_generates", False):
        dist.cmdclass["build_ext"] = ffigen_build_ext(base)
    tag_abi3(dist)
    if not on_pypy():
        require_runtime(dist)


def on_pypy():
    return sys.implementation.name == "pypy"


def tag_abi3(dist):
    """The wheel is abi3 when all its extensions are (bdist_wheel's option)."""
    if all(getattr(ext, "py_limited_api", False) for ext in dist.ext_modules):
        version = sys.implementation.cache_tag.split("-")[1]  # "cpython-311" -> "311"
        dist.get_option_dict("bdist_wheel").setdefault("py_limited_api", ("ffigen", f"cp{version}"))


def require_runtime(dist):
    """install_requires gains ffigen-runtime, after pyproject.toml's
    `dependencies` (applied later than these hooks) have replaced it."""
    def add():
        requires = list(dist.install_requires or [])
        if not any(r.replace("_", "-").lower().startswith(RUNTIME_REQUIREMENT) for r in requires):
            dist.install_requires = requires + [RUNTIME_REQUIREMENT]
    if getattr(dist, "ffigen_requires_runtime", False):
        return
    dist.ffigen_requires_runtime = True
    parse = dist.parse_config_files

    def parse_then_require(*args, **kwargs):
        parse(*args, **kwargs)
        add()
    dist.parse_config_files = parse_then_require
    add()


def pyproject_tables(path="pyproject.toml"):
    if not os.path.exists(path):
        return []
    import tomllib  # Python >= 3.11
    with open(path, "rb") as f:
        tables = tomllib.load(f).get("tool", {}).get("ffigen", {}).get("module", [])
    if not isinstance(tables, list):
        raise DeclarationError(f"{path}: tool.ffigen.module is an array of tables ([[tool.ffigen.module]])")
    return tables


def finalize_pyproject(dist):
    """setuptools.finalize_distribution_options: [[tool.ffigen.module]]."""
    root = getattr(dist, "src_root", None) or os.curdir
    path = os.path.join(root, "pyproject.toml")
    add_modules(dist, module_specs(pyproject_tables(path), f"{path}: tool.ffigen.module"))


def ffigen_modules_keyword(dist, attr, value):
    """distutils.setup_keywords: setup(ffigen_modules=[{...}, ...])."""
    if isinstance(value, (str, dict)) or not isinstance(value, (list, tuple)):
        raise DeclarationError(f"setup({attr}=...) takes a list of module tables")
    add_modules(dist, module_specs(value, f"setup({attr}=...)"))
