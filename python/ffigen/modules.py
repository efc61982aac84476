"""One module declaration (a ``[[tool.ffigen.module]]`` table or an item of
``ffigen_modules=``) and the ``ffigen generate`` run that writes its C."""

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field

LISTS = ("sources", "include-dirs", "library-dirs", "libraries", "define-macros",
         "extra-compile-args", "extra-link-args", "includes")
FIELDS = ("name", "cdef", "source", "limited-api", "override") + LISTS


class DeclarationError(ValueError):
    """A module declaration that cannot be built as written."""


@dataclass
class ModuleSpec:
    name: str
    cdef: str
    source: str = ""
    limited_api: bool = True
    override: bool = False  # --override: a later conflicting declaration wins
    lists: dict = field(default_factory=dict)  # each of LISTS, as a list

    def items(self, key):
        """One of LISTS, [] when not declared."""
        return self.lists.get(key, [])

    def macros(self):
        """define-macros as setuptools takes them: (name, value-or-None)."""
        return [parse_macro(m, self.name) for m in self.items("define-macros")]

    def inputs(self):
        """The files the generated C depends on."""
        included = [spec.split("=", 1)[-1] for spec in self.items("includes")]
        return [self.cdef] + ([self.source] if self.source else []) + included


def parse_macro(macro, module):
    if isinstance(macro, str):
        name, eq, value = macro.partition("=")
        return (name, value if eq else None)
    if isinstance(macro, (list, tuple)) and len(macro) == 2:
        return (str(macro[0]), None if macro[1] is None else str(macro[1]))
    raise DeclarationError(f"module '{module}': define-macros items are \"NAME\", \"NAME=VALUE\" "
                           f"or [NAME, VALUE], not {macro!r}")


def module_spec(table, where):
    """A ModuleSpec from a table whose keys are spelled with '-' or '_'."""
    if not isinstance(table, dict):
        raise DeclarationError(f"{where}: a module is a table of fields, not {table!r}")
    fields = {key.replace("_", "-"): value for key, value in table.items()}
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise DeclarationError(f"{where}: unknown field(s) {', '.join(unknown)} (known: {', '.join(FIELDS)})")
    for required in ("name", "cdef"):
        if not isinstance(fields.get(required), str) or not fields[required]:
            raise DeclarationError(f"{where}: '{required}' (a string) is required")
    where = f"module '{fields['name']}'"
    for key in LISTS:
        value = fields.get(key, [])
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise DeclarationError(f"{where}: '{key}' is a list, not {value!r}")
    for key in ("limited-api", "override"):
        if not isinstance(fields.get(key, False), bool):
            raise DeclarationError(f"{where}: '{key}' is true or false, not {fields[key]!r}")
    spec = ModuleSpec(fields["name"], fields["cdef"], fields.get("source", ""),
                      fields.get("limited-api", True), fields.get("override", False),
                      {key: list(fields[key]) for key in LISTS if key in fields})
    spec.macros()  # reports a malformed macro now, not at build time
    return spec


def module_specs(tables, where):
    specs = [module_spec(t, f"{where}[{i}]") for i, t in enumerate(tables)]
    names = [s.name for s in specs]
    for name in names:
        if names.count(name) > 1:
            raise DeclarationError(f"{where}: module '{name}' is declared twice")
    return specs


def ffigen_command():
    """The ffigen executable: $FFIGEN (words, as $CC is), else ffigen on PATH."""
    if os.environ.get("FFIGEN"):
        return shlex.split(os.environ["FFIGEN"])
    found = shutil.which("ffigen")
    if not found:
        raise DeclarationError("the ffigen executable is not on PATH (install it, or set FFIGEN to its path)")
    return [found]


def generate_args(spec, c_path):
    """`ffigen generate` arguments writing spec's C to c_path."""
    args = ["generate", spec.cdef, "-o", c_path, "--module", spec.name]
    if spec.source:
        args += ["--source", spec.source]
    if not spec.limited_api:
        args.append("--no-limited-api")
    if spec.override:
        args.append("--override")
    for include in spec.items("includes"):
        args += ["--include", include]
    return args


def generate(spec, c_path):
    """Runs ffigen generate; its diagnostics go to stderr as they come."""
    os.makedirs(os.path.dirname(c_path) or ".", exist_ok=True)
    command = ffigen_command() + generate_args(spec, c_path)
    status = subprocess.run(command).returncode
    if status != 0:
        raise DeclarationError(f"ffigen failed (status {status}) for module '{spec.name}': {shlex.join(command)}")
