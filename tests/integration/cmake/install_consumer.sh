#!/usr/bin/env bash
# Installs ffigen from BUILD_DIR into a temporary prefix, then configures
# examples/cmake against that prefix only (not the build tree), builds it,
# imports its modules with the installed runtime, and checks the rebuild
# rules: nothing is rebuilt by a build with no change, touching a header the
# preamble includes rebuilds only that module, touching a cdef regenerates.
# Then builds and imports tests/integration/cmake/options (the other options).
#   install_consumer.sh BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR
set -euo pipefail
build=$1 src=$2 work=$3 generator=$4
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix consumer=$work/consumer

cmake --install "$build" --prefix "$prefix" > "$work/install.log"
test -x "$prefix/bin/ffigen" && test -f "$prefix/share/man/man1/ffigen.1"
test -f "$prefix/lib/cmake/ffigen/ffigenConfigVersion.cmake"
runtime=$(echo "$prefix"/lib/python3/dist-packages/_ffigen_runtime*.so)
test -f "$runtime"

# A copy of the example, so that touching its files leaves the tree alone.
cp -r "$src/examples" "$work/examples"
cmake -S "$work/examples/cmake" -B "$consumer" -G "$generator" -DCMAKE_PREFIX_PATH="$prefix" \
      -DPython3_EXECUTABLE=$python -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
grep -q "ffigen_DIR:PATH=$prefix/lib/cmake/ffigen" "$consumer/CMakeCache.txt"
cmake --build "$consumer" > "$work/build1.log"
use() {
  PYTHONPATH="$(dirname "$runtime"):$consumer" PYTHONDONTWRITEBYTECODE=1 \
    $python "$work/examples/use_modules.py"
}
use | grep -qx "ok on _ffigen_runtime $runtime"

geometry=$consumer/_geometry.abi3.so shapes=$consumer/shapes/_shapes.abi3.so
step() {  # step NAME: build, log as NAME.log, print the changed modules
  local before; before=$(stat -c %y "$geometry" "$shapes")
  cmake --build "$consumer" > "$work/$1.log"
  paste <(echo "$before") <(stat -c %y "$geometry" "$shapes") <(printf '_geometry\nshapes\n') |
    awk -F'\t' '$1 != $2 { print $3 }' | tr '\n' ' '
}
expect() {  # expect WHAT GOT WANT
  if [ "$2" != "$3" ]; then echo "FAIL: $1: rebuilt '$2', expected '$3'"; exit 1; fi
  echo "ok: $1: rebuilt '${3:-nothing}'"
}
expect "build with no change" "$(step noop1)" ""
if grep -q "ffigen: generating\|Building C" "$work/noop1.log"; then
  echo "FAIL: a build with no change ran:"; cat "$work/noop1.log"; exit 1
fi
touch "$work/examples/shapes.h"
expect "touch a header the preamble includes" "$(step header)" "shapes "
grep -q "ffigen: generating" "$work/header.log" && { echo "FAIL: a header change regenerated"; exit 1; }
touch "$work/examples/geometry.cdef"
expect "touch the cdef both modules read" "$(step cdef)" "_geometry shapes "
touch "$work/examples/shapes.c"
expect "touch a SOURCES file" "$(step source)" "shapes "
expect "build with no change" "$(step noop3)" ""
use > /dev/null

cmake -S "$src/tests/integration/cmake/options" -B "$work/options" -G "$generator" \
      -DCMAKE_PREFIX_PATH="$prefix" -DPython3_EXECUTABLE=$python > "$work/options-configure.log"
cmake --build "$work/options" > "$work/options-build.log"
PYTHONPATH="$work/options" PYTHONDONTWRITEBYTECODE=1 $python "$src/tests/integration/cmake/options/check.py"
echo "ok: installed package, consumer built and imported, rebuild rules hold"
