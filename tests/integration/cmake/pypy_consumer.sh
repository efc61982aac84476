#!/usr/bin/env bash
# ffigen_add_module for PyPy: examples/cmake configured against an installed
# ffigen with FFIGEN_PYTHON_INCLUDE and FFIGEN_EXT_SUFFIX from pypy3's
# sysconfig names its modules with PyPy's EXT_SUFFIX (no .abi3), and pypy3
# imports them with its built-in backend (examples/use_modules.py).
#   pypy_consumer.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
build=$1 src=$2 work=$3
pypy=/usr/bin/pypy3
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix consumer=$work/consumer
cmake --install "$build" --prefix "$prefix" > "$work/install.log"
include=$("$pypy" -c "import sysconfig; print(sysconfig.get_paths()['include'])")
suffix=$("$pypy" -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
cmake -S "$src/examples/cmake" -B "$consumer" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
      -DFFIGEN_PYTHON_INCLUDE="$include" -DFFIGEN_EXT_SUFFIX="$suffix" > "$work/configure.log"
cmake --build "$consumer" > "$work/build.log"
test -f "$consumer/_geometry$suffix" && test -f "$consumer/shapes/_shapes$suffix"
if ls "$consumer"/*.abi3.so "$consumer"/shapes/*.abi3.so 2>/dev/null; then echo "FAIL: .abi3.so for PyPy"; exit 1; fi
PYTHONPATH="$consumer" PYTHONDONTWRITEBYTECODE=1 "$pypy" "$src/examples/use_modules.py" |
  grep -qx "ok on PyPy's built-in _cffi_backend"
echo "ok: ffigen_add_module builds modules pypy3 imports"
