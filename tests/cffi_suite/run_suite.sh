#!/usr/bin/env bash
# CFFI 1.15.1's API-mode tests (testing/cffi1) with ffigen writing every
# module's C (ffigen_plugin.py), under Debian's /usr/bin/python3, each test
# in a forked child so that a crash fails that test alone.
#
#   run_suite.sh FFIGEN CFFI_SRC RUNTIME [RUNTIME_DIR] [-- PYTEST_ARGS...]
#
# RUNTIME is _cffi_backend or _ffigen_runtime (then found in RUNTIME_DIR).
# Without CFFI's source the run fails and says so: it never skips.
set -euo pipefail

ffigen=$1 cffi_src=$2 runtime=$3
shift 3
runtime_dir=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then runtime_dir=$1; shift; fi
[ "${1:-}" = "--" ] && shift

here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$cffi_src/testing/cffi1/test_recompiler.py" ]; then
  echo "cffi_suite: error: CFFI's source is not in $cffi_src; run tools/fetch-cffi-source.sh" >&2
  exit 1
fi

lists="$here/not_applicable.txt"
[ -f "$here/known_failures_$runtime.txt" ] && lists="$lists:$here/known_failures_$runtime.txt"

files=(test_recompiler.py test_new_ffi_1.py test_verify1.py test_ffi_obj.py test_function_args.py)
if [ $# -eq 0 ]; then set -- "${files[@]/#/testing/cffi1/}"; fi

cd "$cffi_src"
# The modules the tests build land in /tmp (CFFI's testing/udir.py); each
# run gets its own, so that two runs at once do not share module files.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp
export FFIGEN=$ffigen FFIGEN_RUNTIME=$runtime FFIGEN_SUITE_LISTS=$lists
export PYTHONPATH=$here${runtime_dir:+:$runtime_dir}
export PYTHONDONTWRITEBYTECODE=1
exec /usr/bin/python3 -m pytest -p ffigen_plugin --forked -q -rfE -p no:cacheprovider "$@"
