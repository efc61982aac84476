# Run with shapes._geo and shapes._shapes (built from import-cffi's outputs) importable.
import math

from shapes import _geo, _shapes

ffi, lib = _shapes.ffi, _shapes.lib
assert lib.shapes_version() == 7
assert lib.shapes_scaled(2.0) == 5.0
assert ffi.sizeof("struct wire") == 5, ffi.sizeof("struct wire")  # packed=True
assert ffi.sizeof("struct half") == 6, ffi.sizeof("struct half")  # pack=2
c = ffi.new("struct circle *", [[0, 0], 2.0])
assert abs(lib.circle_area(c) - 4 * math.pi) < 1e-12
p = _geo.ffi.new("struct point *", [3, 4])
c.center = p[0]  # the included module's struct is the same type
assert _geo.lib.point_norm(ffi.addressof(c, "center")) == 5.0
print("shapes._shapes and shapes._geo migrated")
