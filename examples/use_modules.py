# Imports the example modules (examples/cmake, examples/make) and calls
# them; prints the runtime they run on. Run with PYTHONPATH (or the current
# directory) holding the built modules.
import sys

from _geometry import ffi, lib
from shapes._shapes import lib as shapes

poly = ffi.new("polygon *")
lib.polygon_init(poly)
for x, y in [(0, 0), (3, 0), (3, 4)]:
    assert lib.polygon_add(poly, x, y) == lib.GEOM_OK
assert lib.polygon_perimeter(poly) == 12.0
assert shapes.SHAPES_SCALE == 2 and shapes.shapes_area(poly) == 12.0
if sys.implementation.name == "pypy":  # its built-in backend loads them
    print("ok on PyPy's built-in _cffi_backend")
else:
    runtime = sys.modules.get("_ffigen_runtime") or sys.modules["_cffi_backend"]
    print("ok on", runtime.__name__, runtime.__file__)
