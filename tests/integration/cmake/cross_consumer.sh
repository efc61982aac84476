#!/usr/bin/env bash
# Cross-compiles examples/cmake for aarch64 with a toolchain file against
# ffigen installed in a temporary prefix (no target Python runs at build
# time), twice: the Python facts read from the sysroot, then given as
# FFIGEN_PYTHON_INCLUDE / FFIGEN_EXT_SUFFIX; imports the modules with the
# target's python3.11 under qemu-user (on the sysroot's stock _cffi_backend).
#   cross_consumer.sh BUILD_DIR SOURCE_DIR WORK_DIR
# Exits 77 (skipped) when ../shared/tools/cross (or $FFIGEN_CROSS_TOOLS) is absent.
set -euo pipefail
build=$1 src=$2 work=$3
# shellcheck source=../../cross/aarch64_rig.sh
. "$src/tests/cross/aarch64_rig.sh" "$src"   # $tools, $sysroot (or exit 77)

rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
here=$(cd "$(dirname "$0")" && pwd)
cross() {  # cross NAME CMAKE-ARGS...: configure, build, import under qemu
  local out=$work/$1; shift
  # ffigen_DIR: the toolchain finds packages in the sysroot only; ffigen is a host tool.
  cmake -S "$src/examples/cmake" -B "$out" -DCMAKE_TOOLCHAIN_FILE="$here/aarch64-toolchain.cmake" \
        -DCMAKE_SYSROOT="$sysroot" -Dffigen_DIR="$work/prefix/lib/cmake/ffigen" "$@" > "$out.configure.log"
  cmake --build "$out" > "$out.build.log"
  od -An -tx1 -j18 -N2 "$out/_geometry.abi3.so" | grep -q "b7 00" || { echo "FAIL: not an aarch64 ELF object"; exit 1; }
  PYTHONPATH=$out "$tools/target-python.sh" aarch64 "$src/examples/use_modules.py"
}
cross from-sysroot
cross from-cache-variables -DFFIGEN_PYTHON_INCLUDE="$sysroot/usr/include/python3.11" \
      -DFFIGEN_EXT_SUFFIX=.cpython-311-aarch64-linux-gnu.so
echo "ok: cross-compiled with a toolchain file, imported under qemu"
