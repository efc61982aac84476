"""ffi.include() between modules stock CFFI generated (`ffib.include(ffia)`),
on both runtimes: the include scenario of tests/e2e (included_geo,
included_shape, includer). The includer shares the included modules'
struct ctypes, takes their cdata, and its lib falls back to theirs. Each
runtime gets its own copies, <module>_<runtime>, with the includes renamed
to match."""
import importlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import _run, compile_module

E2E = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# The include scenario of tests/e2e (its cdefs and headers), here generated
# by stock CFFI: _included_shape includes _included_geo, _includer both.
CHAIN = [("_included_geo", "included_geo", []),
         ("_included_shape", "included_shape", ["_included_geo"]),
         ("_includer", "includer", ["_included_geo", "_included_shape"])]

_GENERATE = r"""
import cffi, json, sys
chain, e2e, outdir = json.loads(sys.argv[1])
ffis = {}
for module, stem, includes in chain:
    ffi = ffis[module] = cffi.FFI()
    for name in includes:
        ffi.include(ffis[name])
    ffi.cdef(open("%s/%s.cdef" % (e2e, stem)).read())
    ffi.set_source(module, '#include "%s.h"' % stem)
    ffi.emit_c_code("%s/%s.c" % (outdir, module))
"""


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """(outdir, {module: C text}) as stock CFFI generates the chain."""
    out = tmp_path_factory.mktemp("include")
    for _, stem, _ in CHAIN:
        shutil.copy(os.path.join(E2E, stem + ".h"), str(out))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LD_PRELOAD")}
    _run(["/usr/bin/python3", "-c", _GENERATE, json.dumps([CHAIN, E2E, str(out)])], env=env)
    sys.path.insert(0, str(out))
    return out, {module: (out / (module + ".c")).read_text() for module, _, _ in CHAIN}


def build(sources, module, original, runtime, renames):
    """Compiles the C of `original` as `module`; renames maps the module
    names it mentions (its own, its includes) to new ones."""
    out, texts = sources
    text = texts[original]
    for old, new in renames.items():
        text = text.replace('"%s"' % old, '"%s"' % new).replace("PyInit_%s(" % old, "PyInit_%s(" % new)
    if runtime == "ours":
        text = text.replace('PyImport_ImportModule("_cffi_backend")', 'PyImport_ImportModule("_ffigen_runtime")')
    if not os.path.exists(os.path.join(str(out), module + ".c")):
        compile_module(module, text, str(out))


def on(runtime):
    """Every module of the chain renamed for `runtime`."""
    return {module: module + "_" + runtime for module, _, _ in CHAIN}


@pytest.fixture
def chain(sources, runtime):
    """(geo, shape, includer) modules on `runtime`."""
    names = on(runtime)
    for module, _, _ in CHAIN:
        build(sources, names[module], module, runtime, names)
    return [importlib.import_module(names[module]) for module, _, _ in CHAIN]


def test_included_structs_are_shared(chain):
    geo, shape, b = chain
    for name in ["struct point", "point_t", "size2_t", "union num", "struct point *", "size2_t[2]"]:
        assert b.ffi.typeof(name) is geo.ffi.typeof(name), name
        assert shape.ffi.typeof(name) is geo.ffi.typeof(name), name
    assert b.ffi.typeof("struct circle") is shape.ffi.typeof("struct circle")
    assert b.ffi.sizeof("struct poly") == 4 * geo.ffi.sizeof("struct point") + b.ffi.sizeof("enum color")


def test_cdata_cross_modules(chain):
    geo, shape, b = chain
    m = b.lib.mid(geo.lib.make_point(2, 8), geo.ffi.new("struct point *", [4, 2]))
    assert (m.x, m.y) == (3, 5) and geo.ffi.typeof(m) is geo.ffi.typeof("point_t")
    assert geo.lib.norm1(b.ffi.new("struct point *", [-1, 2])) == 3
    s = b.lib.doubled(geo.ffi.new("size2_t *", [1, 2])[0])
    assert (s.w, s.h) == (2.0, 4.0)
    n = b.ffi.new("union num *", {"f": 1.25})
    assert b.lib.num_as_float(n[0]) == 1.25
    poly = b.ffi.new("struct poly *")
    poly.pts[2] = geo.lib.make_point(5, 6)
    poly.c = b.lib.GREEN
    assert len(poly.pts) == 4 and b.lib.poly_sum(poly) == 16
    c = shape.lib.make_circle(geo.lib.make_point(0, 0), 3)
    assert b.lib.grow(shape.ffi.addressof(c), 1) == 4


def test_lib_fallback(chain):
    geo, shape, b = chain
    assert b.lib.make_point(1, 2).x == 1
    assert shape.lib.make_point(1, 2).y == 2
    assert b.lib.circle_width(b.ffi.new("struct circle *", {"r": 4})) == 8
    assert b.lib.GEO_N == 4 and b.lib.BLUE == 6
    b.lib.geo_counter = 11
    assert geo.lib.geo_counter == 11 and b.lib.geo_counter == 11
    geo.lib.geo_counter = 7
    with pytest.raises(AttributeError):
        b.lib.not_there


def _import_error(sources, runtime, module, renames):
    """The ImportError message of the includer built as `module` with its
    includes renamed by `renames`, imported in a fresh process."""
    build(sources, module, "_includer", runtime, dict(renames, _includer=module))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(sources[0]), os.environ["FFIGEN_RUNTIME_DIR"]]))
    proc = subprocess.run([sys.executable, "-c", "import " + module], env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(("ImportError", "ModuleNotFoundError")), proc.stderr
    return last


def test_missing_include_is_an_import_error(sources, runtime, chain):
    renames = dict(on(runtime), _included_shape="_shape_nowhere")
    assert "_shape_nowhere" in _import_error(sources, runtime, "_includer_lost_" + runtime, renames)


def test_ours_refuses_an_include_from_another_runtime(sources, runtime, chain):
    if runtime == "stock":
        pytest.skip("the stock backend's message is its own")
    build(sources, "_included_geo_stock", "_included_geo", "stock", on("stock"))
    message = _import_error(sources, "ours", "_includer_mixed", on("stock"))
    assert "_included_geo_stock" in message and "runtime" in message


def test_ours_refuses_a_circular_include(sources, runtime, chain):
    if runtime == "stock":
        pytest.skip("the stock backend recurses until the C stack overflows")
    message = _import_error(sources, "ours", "_includer_self", dict(on("ours"), _included_shape="_includer_self"))
    assert "circular" in message and "'_includer_self' -> '_includer_self'" in message
