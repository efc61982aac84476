#!/usr/bin/env bash
# Cross test: build examples/geometry.cdef for aarch64 with `ffigen build`
# (a cross gcc and the target's headers; no target Python at build time),
# then import and call it with the target's own python3.11 under qemu-user.
#   run_cross.sh FFIGEN PROJECT_SOURCE_DIR WORK_DIR
# Exits 77 (skipped) when ../shared/tools/cross (or $FFIGEN_CROSS_TOOLS) is absent.
set -euo pipefail
ffigen=$1 root=$2 work=$3
# shellcheck source=aarch64_rig.sh
. "$root/tests/cross/aarch64_rig.sh" "$root"   # $tools, $sysroot (or exit 77)

mkdir -p "$work" && cd "$work"
rm -f _geometry*.so _geometry_full*.so
common=("$root/examples/geometry.cdef" --source "$root/examples/geometry.h"
        --cc aarch64-linux-gnu-gcc --cflags "--sysroot=$sysroot" -l m
        --python-include "$sysroot/usr/include/python3.11"
        --ext-suffix .cpython-311-aarch64-linux-gnu.so)
"$ffigen" build "${common[@]}" -o _geometry                       # limited API: .abi3.so
"$ffigen" build "${common[@]}" -o _geometry_full --no-limited-api  # full API: EXT_SUFFIX
ls -l _geometry.abi3.so _geometry_full.cpython-311-aarch64-linux-gnu.so
od -An -tx1 -j18 -N2 _geometry.abi3.so | grep -q "b7 00" || { echo "FAIL: not an aarch64 ELF object"; exit 1; }

"$tools/target-python.sh" aarch64 -c '
import platform, sys
assert platform.machine() == "aarch64", platform.machine()
for name in ("_geometry", "_geometry_full"):
    m = __import__(name)
    ffi, lib = m.ffi, m.lib
    poly = ffi.new("polygon *")
    lib.polygon_init(poly)
    for x, y in [(0, 0), (3, 0), (3, 4)]:
        assert lib.polygon_add(poly, x, y) == lib.GEOM_OK
    assert lib.polygon_perimeter(poly) == 12.0
    seen = []
    @ffi.callback("point_visitor")
    def visit(p, data):
        seen.append((p.x, p.y))
        return 0
    assert lib.polygon_visit(poly, visit, ffi.NULL) == -1 and seen[2] == (3.0, 4.0)
    assert lib.GEOM_MAX_POINTS == 64 and lib.GEOM_VERSION == 3 and lib.geom_calls == 3
    assert ffi.string(lib.geom_status_name(lib.GEOM_FULL)) == b"full"
    print(name, "ok on", platform.machine(), "python", sys.version.split()[0])
'
