#!/usr/bin/env bash
# runtime.sh SOURCE_ROOT BINARY_DIR VERSION: builds _ffigen_runtime for the
# root's pythonVERSION, inside the root (its headers, its C++ compiler),
# into BINARY_DIR/runtime, where modules' tests find it.
set -euo pipefail
src=$1 work=$2 version=$3
# shellcheck source=root.sh
. "$src/tests/newpython/root.sh" "$src" "$work"
need_python "$version"
in_root "$src/tests/newpython/build_runtime.sh" "python$version" "$src" "$work/runtime"
in_root env PYTHONPATH="$work/runtime" "python$version" -c \
    'import sys, _ffigen_runtime as rt; print("imported", rt.__file__, "on", sys.version)'
