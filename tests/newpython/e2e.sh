#!/usr/bin/env bash
# e2e.sh FFIGEN SOURCE_ROOT BINARY_DIR VERSION RUNTIME: the e2e scenarios
# below (tests/e2e), built by `ffigen build --python` for the root's
# pythonVERSION with the root's C compiler (full API: the limited API is
# abi3.sh's) on RUNTIME (_ffigen_runtime, built by runtime.sh, or the root's
# stock _cffi_backend), and their tests run by that Python.
set -euo pipefail
ffigen=$1 src=$2 work=$3 version=$4 runtime=$5
# Calls, structs (by value, nested), callbacks and extern "Python", errno,
# global variables, constants and enums, strings and pointers, and the
# errors raised at import and on bad arguments.
scenarios=(primitives structs callbacks enums_constants strings_pointers opaque_values misc_types bad_values)
# shellcheck source=root.sh
. "$src/tests/newpython/root.sh" "$src" "$work"
need_python "$version"
dir=$work/e2e-$version$runtime
root_command "$dir/bin/python" "python$version"
root_command "$dir/bin/cc" gcc
export FFIGEN_E2E_PYTHON=$dir/bin/python CC=$dir/bin/cc FFIGEN_E2E_RUNTIME=$runtime \
    FFIGEN_E2E_PYTHONPATH=$work/runtime FFIGEN_E2E_BUILD_OPTIONS=--no-limited-api
failed=()
for name in "${scenarios[@]}"; do
    echo "== $name on python$version, $runtime"
    "$src/tests/e2e/run_scenario.sh" "$ffigen" "$src/tests/e2e" "$dir" "$name" || failed+=("$name")
done
if [ ${#failed[@]} -ne 0 ]; then echo "FAIL on python$version, $runtime: ${failed[*]}"; exit 1; fi
echo "ok: ${#scenarios[@]} scenarios on python$version, $runtime"
