# Run by the venv's Python with the built wheel and the runtime wheel installed.
import pkg._foo as foo
import pkg._geo as geo

assert type(foo.ffi).__module__ == "_ffigen_runtime", type(foo.ffi).__module__
assert abs(foo.lib.cbrt(27.0) - 3.0) < 1e-12  # libm, linked by libraries = ["m"]
assert foo.lib.foo_scaled(2) == 7  # FOO_SCALE=3, FOO_OFFSET=1
assert foo.lib.foo_add(2, 3) == 5
p = geo.ffi.new("struct point *", [3, 4])
assert foo.lib.foo_norm2(p) == 25.0  # a _geo point passes to _foo
assert geo.lib.point_norm(p) == 5.0
print("pkg._foo and pkg._geo run on", type(foo.ffi).__module__, "from", foo.__file__)
