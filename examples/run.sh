#!/usr/bin/env bash
# Runs ffigen on the bundled example. With "build": generates and compiles
# _geometry and calls it from Debian's /usr/bin/python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${FFIGEN_BUILD_DIR:-$here/../build}
ffigen=$build/cli/ffigen

"$ffigen" check "$here/geometry.cdef" --source "$here/geometry.h"
echo "ffigen check: examples/geometry.cdef is valid"

# `run.sh build`: compile the example into the build tree and call it from
# Debian's Python on its stock CFFI backend.
if [ "${1:-}" = build ]; then
  out=$build/examples
  mkdir -p "$out"
  "$ffigen" build "$here/geometry.cdef" --source "$here/geometry.h" -o "$out/_geometry" \
    --python /usr/bin/python3 -l m
  echo "ffigen build: $(cd "$out" && ls _geometry*.so)"
  PYTHONPATH=$out PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 - <<'PY'
from _geometry import ffi, lib

poly = ffi.new("polygon *")
lib.polygon_init(poly)
for x, y in [(0, 0), (4, 0), (4, 3), (0, 3)]:
    assert lib.polygon_add(poly, x, y) == lib.GEOM_OK
print(f"perimeter of a 4x3 rectangle: {lib.polygon_perimeter(poly)}")

visited = []

@ffi.callback("point_visitor")
def visit(p, userdata):
    visited.append((p.x, p.y))
    return 1 if p.x == 4 and p.y == 3 else 0

print(f"callback stopped at point #{lib.polygon_visit(poly, visit, ffi.NULL)} after {visited}")
print(f"geom_calls (a C global) = {lib.geom_calls}; GEOM_MAX_POINTS = {lib.GEOM_MAX_POINTS}, "
      f"GEOM_VERSION = {lib.GEOM_VERSION}")
print(f"status name of GEOM_FULL: {ffi.string(lib.geom_status_name(lib.GEOM_FULL)).decode()}")
PY
fi
