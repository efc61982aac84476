#!/usr/bin/env bash
# abi3.sh FFIGEN SOURCE_ROOT BINARY_DIR: e2e scenarios built once on the
# host, for /usr/bin/python3 (3.11) with the limited API (.abi3.so), then
# imported and tested by the root's python3.13 and python3.14: on
# _ffigen_runtime (runtime.sh built it for both) and on the root's stock
# _cffi_backend (Debian builds it for 3.14 only).
set -euo pipefail
ffigen=$1 src=$2 work=$3
scenarios=(primitives structs callbacks enums_constants)
# shellcheck source=root.sh
. "$src/tests/newpython/root.sh" "$src" "$work"
dir=$work/abi3
root_command "$dir/bin/python3.13" python3.13
root_command "$dir/bin/python3.14" python3.14
export FFIGEN_E2E_PYTHONPATH=$work/runtime
failed=()
for runtime in _ffigen_runtime _cffi_backend; do
    pythons="$dir/bin/python3.14"
    [ $runtime = _ffigen_runtime ] && [ -x "$root/usr/bin/python3.13" ] && pythons="$dir/bin/python3.13 $pythons"
    for name in "${scenarios[@]}"; do
        echo "== $name, built for 3.11, on 3.13/3.14, $runtime"
        FFIGEN_E2E_RUNTIME=$runtime FFIGEN_E2E_TEST_PYTHONS=$pythons \
            "$src/tests/e2e/run_scenario.sh" "$ffigen" "$src/tests/e2e" "$dir/$runtime" "$name" &&
            ls "$dir/$runtime/$name/_$name.abi3.so" || failed+=("$name/$runtime")
    done
done
if [ ${#failed[@]} -ne 0 ]; then echo "FAIL: ${failed[*]}"; exit 1; fi
echo "ok: ${#scenarios[@]} limited-API scenarios built for 3.11 pass in the root"
