#!/usr/bin/env bash
# Runs ffigen on the bundled example. With "build": generates and compiles
# _geometry and calls it from Debian's /usr/bin/python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${FFIGEN_BUILD_DIR:-$here/../build}
ffigen=$build/cli/ffigen

"$ffigen" check "$here/geometry.cdef" --source "$here/geometry.h"
echo "ffigen check: examples/geometry.cdef is valid"
