#!/usr/bin/env bash
# One golden test: `ffigen generate` on tests/golden/NAME.cdef (+ NAME.h)
# must give NAME.c.golden byte for byte, from the preamble marker on (the
# embedded ABI header and support text above it are runtime/ffigen_abi.h and
# codegen/support.cpp verbatim, checked by the unit tests). The whole output
# must also compile without warnings as C and as C++, for CPython and PyPy.
#   run_golden.sh FFIGEN SRC_DIR WORK_DIR NAME
# UPDATE_GOLDEN=1 rewrites the golden file instead of comparing.
set -euo pipefail
ffigen=$1 src=$2 work=$3 name=$4
dir=$work/$name
rm -rf "$dir" && mkdir -p "$dir"
cp "$src/$name.cdef" "$src/$name.h" "$dir/"
cd "$dir"
"$ffigen" generate "$name.cdef" --source "$name.h" -o "$name.c"
marker='/* ---- the preamble (set_source) ---- */'
grep -qF -- "$marker" "$name.c" || { echo "FAIL: no preamble marker in $name.c"; exit 1; }
# The #line after the preamble counts the lines above it: written as N so
# that an edit of the shared ABI header does not change every golden file
# (its exactness is a unit test).
sed -n "\\|^/\\* ---- the preamble (set_source) ---- \\*/\$|,\$p" "$name.c" |
    sed "s/^#line [0-9]* \"$name.c\"\$/#line N \"$name.c\"/" >"$name.c.tail"

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$name.c.tail" "$src/$name.c.golden"
    echo "updated $src/$name.c.golden"
elif ! diff -u "$src/$name.c.golden" "$name.c.tail"; then
    echo "FAIL: $name.c differs from tests/golden/$name.c.golden (diff above)."
    echo "If the change is intended: UPDATE_GOLDEN=1 ctest -R golden, then review git diff."
    exit 1
fi

include=$(/usr/bin/python3 -c "import sysconfig; print(sysconfig.get_paths()['include'])")
gcc -std=gnu11 -Wall -Wextra -Werror -O2 -fPIC -I"$include" -c "$name.c" -o "$name.o"
g++ -x c++ -std=gnu++17 -Wall -Wextra -Werror -O2 -fPIC -I"$include" -c "$name.c" -o "$name.cpp.o"
# Against PyPy's headers the CPython code is compiled out: it must compile
# too, and call nothing of CPython's.
include=$(/usr/bin/pypy3 -c "import sysconfig; print(sysconfig.get_paths()['include'])")
gcc -std=gnu11 -Wall -Wextra -Werror -O2 -fPIC -I"$include" -c "$name.c" -o "$name.pypy.o"
g++ -x c++ -std=gnu++17 -Wall -Wextra -Werror -O2 -fPIC -I"$include" -c "$name.c" -o "$name.pypy.cpp.o"
for o in "$name.pypy.o" "$name.pypy.cpp.o"; do
    if nm --undefined-only "$o" | grep -E ' _?Py'; then echo "FAIL: $o calls CPython (above)"; exit 1; fi
done
echo "ok: $name matches its golden file and compiles as C and C++, for CPython and PyPy"
