#!/usr/bin/env bash
# examples/make: builds and imports the modules, then shows with `make -q`
# (is anything out of date?) and real builds that nothing is rebuilt without
# a change, and that touching a header the preamble includes, a SOURCES
# file or a cdef rebuilds exactly the modules that read it.
#   make_example.sh FFIGEN SOURCE_DIR WORK_DIR RUNTIME_DIR
set -euo pipefail
ffigen=$1 src=$2 work=$3 runtime_dir=$4
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work/out"
cp -r "$src/examples" "$work/examples"   # touched below: a copy
cd "$work/out"
mk() { make -f "$work/examples/make/Makefile" FFIGEN="$ffigen" PYTHON=$python "$@"; }
mk > ../build1.log
PYTHONPATH="$runtime_dir:$PWD" PYTHONDONTWRITEBYTECODE=1 $python "$work/examples/use_modules.py"

rebuilt() {  # the modules a real build remakes (`make -n` lists their commands)
  if mk -q; then echo "FAIL: make -q says up to date, yet $1 changed"; exit 1; fi
  mk -n | grep -o -- "-o [^ ]*" | sed 's/^-o //' | tr '\n' ' '
  mk > /dev/null
}
up_to_date() {
  mk -q || { echo "FAIL: make -q: out of date after $1"; mk -n; exit 1; }
  if mk -n | grep -q "build"; then echo "FAIL: make -n after $1 would run:"; mk -n; exit 1; fi
  echo "ok: nothing to rebuild after $1"
}
expect() {  # expect WHAT TOUCHED_FILE WANT
  touch "$work/examples/$2"
  local got; got=$(rebuilt "$2")
  [ "$got" = "$3" ] || { echo "FAIL: touching $2 rebuilt '$got', expected '$3'"; exit 1; }
  echo "ok: $1 ($2) rebuilds '$3'"
  up_to_date "$1"
}
up_to_date "the first build"
expect "a header the preamble includes" shapes.h "shapes/_shapes "
expect "a SOURCES file" shapes.c "shapes/_shapes "
expect "a preamble" geometry.h "_geometry shapes/_shapes "
expect "a cdef both modules read" geometry.cdef "_geometry shapes/_shapes "
