"""ffi.include() between modules ffigen built: _includer was built with
--include for _included_geo and _included_shape (itself built including
_included_geo). Its ffi shares the included modules' structs (the very
same ctypes), its lib falls back to the included libs, and the included
constants sized its arrays. Runs on the stock
_cffi_backend (tests/e2e) and on _ffigen_runtime (e2e_ours_includer)."""
import os
import shutil
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def geo():
    import _included_geo
    return _included_geo


def test_structs_are_the_included_modules_ctypes(mod, geo):
    for name in ["struct point", "point_t", "size2_t", "union num", "struct point *", "point_t[3]"]:
        assert mod.ffi.typeof(name) is geo.ffi.typeof(name), name
    assert mod.ffi.typeof("geo_int") is mod.ffi.typeof("int")


def test_included_cdata_passes_to_the_includer(mod, geo):
    a = geo.lib.make_point(2, 8)
    b = geo.ffi.new("struct point *", [4, 2])
    m = mod.lib.mid(a, b)
    assert (m.x, m.y) == (3, 5)
    assert geo.ffi.typeof(m) is geo.ffi.typeof("struct point")
    assert geo.lib.norm1(mod.ffi.new("point_t *", [3, -4])) == 7
    s = mod.lib.doubled(geo.ffi.new("size2_t *", {"w": 1.5, "h": 2})[0])
    assert (s.w, s.h) == (3.0, 4.0)
    n = geo.ffi.new("union num *")
    n.f = 2.5
    assert mod.lib.num_as_float(n[0]) == 2.5


def test_includer_types_built_on_included_ones(mod, geo):
    poly = mod.ffi.new("struct poly *")
    assert len(poly.pts) == 4  # GEO_N, a constant of the included cdef
    poly.pts[1] = geo.lib.make_point(10, 20)
    poly.pts[3] = {"x": 1, "y": 2}
    poly.c = mod.lib.BLUE
    assert mod.lib.poly_sum(poly) == 33 + 6
    first = mod.lib.first_pt(poly)
    assert geo.ffi.typeof(first) is geo.ffi.typeof("struct point *")
    assert geo.lib.norm1(first) == 0
    assert mod.ffi.sizeof("struct poly") == 4 * geo.ffi.sizeof("struct point") + mod.ffi.sizeof("enum color")


def test_enums_and_typedefs(mod):
    # CFFI re-declares an included enum in the includer (its values are in
    # both libs); only structs and unions are shared objects.
    assert (mod.lib.RED, mod.lib.GREEN, mod.lib.BLUE) == (0, 5, 6)
    assert mod.lib.next_color(mod.lib.RED) == mod.lib.GREEN
    assert mod.ffi.string(mod.ffi.cast("enum color", 5)) == "GREEN"
    assert mod.lib.twice(21) == 42


def test_lib_falls_back_to_the_included_lib(mod, geo):
    assert mod.lib.make_point(1, 2).y == 2
    assert mod.lib.GEO_N == 4
    assert mod.lib.GEO_ORIGIN_X == -3
    assert mod.lib.geo_counter == geo.lib.geo_counter == 7
    mod.lib.geo_counter = 9
    assert geo.lib.geo_counter == 9
    mod.lib.geo_counter = 7
    assert mod.ffi.addressof(mod.lib, "geo_counter")[0] == 7
    with pytest.raises(AttributeError, match="no_such_name"):
        mod.lib.no_such_name


def test_missing_included_module_is_an_import_error(mod, tmp_path):
    shutil.copy(mod.__file__, tmp_path)  # _includer alone, without _included_geo
    path = [str(tmp_path)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)[1:] if p]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path))
    proc = subprocess.run([sys.executable, "-c", "import _includer"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError") and "_included_geo" in last, proc.stderr


def test_includes_of_includes(mod, geo):
    """_included_shape includes _included_geo; _includer includes both."""
    import _included_shape as shape
    assert mod.ffi.typeof("struct circle") is shape.ffi.typeof("struct circle")
    assert shape.ffi.typeof("struct point") is geo.ffi.typeof("struct point")
    c = shape.lib.make_circle(geo.lib.make_point(1, 2), 5)
    assert mod.lib.grow(mod.ffi.addressof(c), 2) == 7
    assert mod.lib.circle_width(mod.ffi.addressof(c)) == 14  # through the included lib
    assert shape.lib.make_point(3, 4).x == 3  # _included_shape's lib falls back to _included_geo's


def test_a_struct_opaque_in_the_included_module_cannot_be_completed(mod):
    # As CFFI: the included module's ctype is shared, and it has no fields.
    with pytest.raises(NotImplementedError) as e:
        mod.ffi.new("struct later *")
    assert str(e.value).startswith("'struct later' is opaque in the ffi.include(), but no longer in the ffi doing "
                                   "the include")
