"""Units of the `ffigen` Python package (python/ffigen/): declarations the
setuptools plugin rejects or maps, and import-cffi's errors and statuses.
Run by pytest under /usr/bin/python3 with python/ on PYTHONPATH."""
import os
import sys
import textwrap
import types

import pytest
from setuptools import Distribution

from ffigen import import_cffi
from ffigen.modules import DeclarationError, generate_args, module_spec
from ffigen.setuptools_plugin import add_modules


@pytest.mark.parametrize("table, message", [
    ({"cdef": "x.cdef"}, "'name' (a string) is required"),
    ({"name": "m", "cdef": "x.cdef", "libraries": "m"}, "'libraries' is a list"),
    ({"name": "m", "cdef": "x.cdef", "limited-api": "no"}, "'limited-api' is true or false"),
    ({"name": "m", "cdef": "x.cdef", "bogus": 1}, "unknown field(s) bogus"),
    ({"name": "m", "cdef": "x.cdef", "define-macros": [1]}, "define-macros items are"),
])
def test_bad_declarations(table, message):
    with pytest.raises(DeclarationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        module_spec(table, "t")


def test_fields_map_to_generate_options():
    spec = module_spec({"name": "p._m", "cdef": "m.cdef", "source": "m.h", "limited_api": False,
                        "override": True, "includes": ["p._g=g.cdef"],
                        "define_macros": ["A", "B=1", ["C", "2"]]}, "t")
    assert generate_args(spec, "out.c") == ["generate", "m.cdef", "-o", "out.c", "--module", "p._m",
                                            "--source", "m.h", "--no-limited-api", "--override",
                                            "--include", "p._g=g.cdef"]
    assert spec.macros() == [("A", None), ("B", "1"), ("C", "2")]
    assert spec.inputs() == ["m.cdef", "m.h", "g.cdef"]


def test_abi3_tag_only_when_every_extension_is_limited():
    limited, full = (module_spec({"name": n, "cdef": "m.cdef", "limited-api": flag}, "t")
                     for n, flag in (("a", True), ("b", False)))
    dist = Distribution({"name": "p"})
    add_modules(dist, [limited])
    assert dist.get_option_dict("bdist_wheel")["py_limited_api"][1].startswith("cp3")
    assert "ffigen-runtime" in dist.install_requires
    dist = Distribution({"name": "p"})
    add_modules(dist, [limited, full])
    assert "py_limited_api" not in dist.get_option_dict("bdist_wheel")


def test_built_by_pypy_no_abi3_and_no_runtime_requirement(monkeypatch):
    # PyPy imports no .abi3 name, and its built-in backend loads the modules.
    spec = module_spec({"name": "a", "cdef": "m.cdef"}, "t")
    dist = Distribution({"name": "p"})
    monkeypatch.setattr(sys, "implementation", types.SimpleNamespace(name="pypy", cache_tag="pypy39"))
    add_modules(dist, [spec])
    monkeypatch.undo()
    assert not dist.ext_modules[0].py_limited_api
    assert "py_limited_api" not in dist.get_option_dict("bdist_wheel")
    assert "ffigen-runtime" not in (dist.install_requires or [])


def write_script(tmp_path, body):
    path = tmp_path / "x_build.py"
    path.write_text(textwrap.dedent(body))
    return str(path)


@pytest.mark.parametrize("body, status, message", [
    ("from cffi import FFI\nffi = FFI()\nffi.cdef('int f(void);')\nffi.set_source('_x', None)\n",
     1, "ABI mode"),
    ("from cffi import FFI\nffi = FFI()\nffi.set_source('_x', '', source_extension='.cpp')\n",
     1, "source_extension"),
    ("from cffi import FFI\nffi = FFI()\nffi.set_source('_x', '', extra_objects=['a.o'])\n",
     1, "set_source(extra_objects=...) has no ffigen equivalent"),
    ("from cffi import FFI\nffi = FFI()\nffi.embedding_api('int f(void);')\n",
     1, "ffi.embedding_api() at build time"),
    ("raise RuntimeError('boom')\n", 1, "running"),
    ("from cffi import FFI\na = FFI()\nb = FFI()\na.set_source('_a', '')\nb.set_source('_b', '')\n",
     2, "several (a, b)"),
])
def test_import_cffi_errors(tmp_path, capsys, body, status, message):
    assert import_cffi.main([write_script(tmp_path, body), "-o", str(tmp_path / "out")]) == status
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_import_cffi_keeps_a_different_file_unless_forced(tmp_path, capsys):
    script = write_script(tmp_path, """\
        from cffi import FFI
        ffi = FFI()
        ffi.cdef("int f(int);", override=True)
        ffi.set_source("_x", "static int f(int a) { return a; }", undef_macros=["NDEBUG"],
                       runtime_library_dirs=["/opt/lib"], depends=["x.h"])
    """)
    out = tmp_path / "out"
    out.mkdir()
    (out / "_x.h").write_text("/* the project's own header */\n")
    assert import_cffi.main([script, "-o", str(out)]) == 1
    assert "exists and differs" in capsys.readouterr().err
    assert (out / "_x.h").read_text() == "/* the project's own header */\n"
    assert not (out / "_x.cdef").exists()
    assert import_cffi.main([script, "-o", str(out), "--force"]) == 0
    command = capsys.readouterr().out
    assert "--cflags=-UNDEBUG" in command and "--ldflags=-Wl,-rpath,/opt/lib" in command
    assert "--override" in command
    assert 'override = true' in (out / "_x.toml").read_text()
    assert sorted(os.listdir(out)) == ["_x.cdef", "_x.h", "_x.toml"]
