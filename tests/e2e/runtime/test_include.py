"""ffi.include() between two modules stock CFFI generated (`ffib.include(ffia)`),
on both runtimes: _incb shares _inca's struct ctypes, takes its cdata, and
its lib falls back to _inca's lib. Each runtime gets its own copies,
_inca_<runtime> and _incb_<runtime>, with B's include renamed to match."""
import importlib
import json
import os
import subprocess
import sys

import pytest

from conftest import _run, compile_module

A_TYPES = r"""
struct point { int x, y; };
union num { int i; float f; };
typedef struct point point_t;
typedef struct { double w, h; } size2_t;
enum color { RED, GREEN = 5, BLUE };
#define GEO_N 4
"""
A_CDEF = A_TYPES + r"""
point_t make_point(int x, int y);
int norm1(struct point *p);
extern int geo_counter;
"""
A_SOURCE = r"""
#include "inca_types.h"
static point_t make_point(int x, int y) { point_t p = {x, y}; return p; }
static int norm1(struct point *p) { return (p->x < 0 ? -p->x : p->x) + (p->y < 0 ? -p->y : p->y); }
int geo_counter = 7;
"""
B_CDEF = r"""
struct poly { point_t pts[GEO_N]; enum color c; };
int poly_sum(struct poly *p);
point_t mid(point_t a, struct point *b);
size2_t doubled(size2_t s);
float num_as_float(union num n);
"""
B_SOURCE = r"""
#include "inca_types.h"
struct poly { point_t pts[GEO_N]; enum color c; };
static int poly_sum(struct poly *p) {
    int s = 0;
    for (int i = 0; i < GEO_N; i++) s += p->pts[i].x + p->pts[i].y;
    return s + (int)p->c;
}
static point_t mid(point_t a, struct point *b) { point_t r = {(a.x + b->x) / 2, (a.y + b->y) / 2}; return r; }
static size2_t doubled(size2_t s) { s.w *= 2; s.h *= 2; return s; }
static float num_as_float(union num n) { return n.f; }
"""

_GENERATE = r"""
import cffi, json, sys
a_cdef, a_src, b_cdef, b_src, out_a, out_b = json.loads(sys.argv[1])
ffia = cffi.FFI()
ffia.cdef(a_cdef)
ffia.set_source("_inca", a_src)
ffib = cffi.FFI()
ffib.include(ffia)
ffib.cdef(b_cdef)
ffib.set_source("_incb", b_src)
ffia.emit_c_code(out_a)
ffib.emit_c_code(out_b)
"""


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """The C of _inca and _incb, as stock CFFI generates them."""
    out = tmp_path_factory.mktemp("include")
    (out / "inca_types.h").write_text(A_TYPES)
    paths = [str(out / "_inca.c"), str(out / "_incb.c")]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LD_PRELOAD")}
    _run(["/usr/bin/python3", "-c", _GENERATE, json.dumps([A_CDEF, A_SOURCE, B_CDEF, B_SOURCE] + paths)], env=env)
    sys.path.insert(0, str(out))
    return out, [open(p).read() for p in paths]


def build(sources, module, text, runtime, renames):
    """Compiles `text` as module `module`; renames maps module names (in
    quotes: the module's own and its includes) to new ones."""
    out, _ = sources
    for old, new in renames.items():
        text = text.replace('"%s"' % old, '"%s"' % new).replace("PyInit_%s(" % old, "PyInit_%s(" % new)
    if runtime == "ours":
        text = text.replace('PyImport_ImportModule("_cffi_backend")', 'PyImport_ImportModule("_ffigen_runtime")')
    if not os.path.exists(os.path.join(str(out), module + ".c")):
        compile_module(module, text, str(out))


@pytest.fixture
def pair(sources, runtime):
    """(A, B) modules on `runtime`."""
    a_name, b_name = "_inca_" + runtime, "_incb_" + runtime
    build(sources, a_name, sources[1][0], runtime, {"_inca": a_name})
    build(sources, b_name, sources[1][1], runtime, {"_incb": b_name, "_inca": a_name})
    return importlib.import_module(a_name), importlib.import_module(b_name)


def test_included_structs_are_shared(pair):
    a, b = pair
    for name in ["struct point", "point_t", "size2_t", "union num", "struct point *", "size2_t[2]"]:
        assert b.ffi.typeof(name) is a.ffi.typeof(name), name
    assert b.ffi.sizeof("struct poly") == 4 * a.ffi.sizeof("struct point") + b.ffi.sizeof("enum color")


def test_cdata_cross_modules(pair):
    a, b = pair
    m = b.lib.mid(a.lib.make_point(2, 8), a.ffi.new("struct point *", [4, 2]))
    assert (m.x, m.y) == (3, 5) and a.ffi.typeof(m) is a.ffi.typeof("point_t")
    assert a.lib.norm1(b.ffi.new("struct point *", [-1, 2])) == 3
    s = b.lib.doubled(a.ffi.new("size2_t *", [1, 2])[0])
    assert (s.w, s.h) == (2.0, 4.0)
    n = b.ffi.new("union num *", {"f": 1.25})
    assert b.lib.num_as_float(n[0]) == 1.25
    poly = b.ffi.new("struct poly *")
    poly.pts[2] = a.lib.make_point(5, 6)
    poly.c = b.lib.GREEN
    assert len(poly.pts) == 4 and b.lib.poly_sum(poly) == 16


def test_lib_fallback(pair):
    a, b = pair
    assert b.lib.make_point(1, 2).x == 1
    assert b.lib.GEO_N == 4 and b.lib.BLUE == 6
    b.lib.geo_counter = 11
    assert a.lib.geo_counter == 11 and b.lib.geo_counter == 11
    a.lib.geo_counter = 7
    with pytest.raises(AttributeError):
        b.lib.not_there


def _import_error(sources, runtime, module, include_as):
    """The ImportError message of _incb built as `module` with its include
    renamed to `include_as`, imported in a fresh process."""
    build(sources, module, sources[1][1], runtime, {"_incb": module, "_inca": include_as})
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(sources[0]), os.environ["FFIGEN_RUNTIME_DIR"]]))
    proc = subprocess.run([sys.executable, "-c", "import " + module], env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(("ImportError", "ModuleNotFoundError")), proc.stderr
    return last


def test_missing_include_is_an_import_error(sources, runtime):
    assert "_inca_nowhere" in _import_error(sources, runtime, "_incb_lost_" + runtime, "_inca_nowhere")


def test_ours_refuses_an_include_from_another_runtime(sources, runtime):
    if runtime == "stock":
        pytest.skip("the stock backend's message is its own")
    build(sources, "_inca_stock", sources[1][0], "stock", {"_inca": "_inca_stock"})
    message = _import_error(sources, "ours", "_incb_mixed", "_inca_stock")
    assert "_inca_stock" in message and "runtime" in message


def test_ours_refuses_a_circular_include(sources, runtime):
    if runtime == "stock":
        pytest.skip("the stock backend recurses until the C stack overflows")
    message = _import_error(sources, "ours", "_incb_self", "_incb_self")
    assert "circular" in message and "'_incb_self' -> '_incb_self'" in message
