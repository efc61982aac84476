#!/bin/sh
# golden.sh FFIGEN WORK_DIR: lib.cdef's ABI-mode module is lib.py.golden
# byte for byte (UPDATE_GOLDEN=1 rewrites it), the same on a second run,
# and valid Python.
set -u
here=$(cd "$(dirname "$0")" && pwd)
ffigen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2" && cd "$2" || exit 1
. "$here/../e2e/checks.sh"
check "generate --abi" "$ffigen" generate --abi "$here/lib.cdef" --module _lib -o _lib.py
cp _lib.py first.py
check "generate --abi again" "$ffigen" generate --abi "$here/lib.cdef" --module _lib -o _lib.py
check "deterministic" cmp first.py _lib.py
[ "${UPDATE_GOLDEN:-}" = 1 ] && cp _lib.py "$here/lib.py.golden"
check "matches lib.py.golden" diff -u "$here/lib.py.golden" _lib.py
check "compiles" /usr/bin/python3 -m py_compile _lib.py
exit $failures
