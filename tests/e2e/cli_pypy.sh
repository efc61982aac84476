#!/usr/bin/env bash
# `ffigen build --python /usr/bin/pypy3`: the module takes PyPy's
# EXT_SUFFIX (no .abi3, whatever the limited-API default), carries PyPy's
# entry point and no CPython one, and pypy3 imports it with its built-in
# backend; the same for the cross-build options. What PyPy cannot do is a
# usage error. (The scenarios run under pypy3 too: the pypy_* tests.)
#   cli_pypy.sh FFIGEN WORK_DIR
set -uo pipefail
. "$(dirname "$0")/checks.sh"
ffigen=$1 work=$2/cli_pypy
pypy=/usr/bin/pypy3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
suffix=$("$pypy" -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
include=$("$pypy" -c "import sysconfig; print(sysconfig.get_paths()['include'])")

printf 'struct pt { int x, y; };\nstruct pt swap(struct pt p);\nint twice(int);\nextern "Python" int cb(int);\n' >m.cdef
printf 'struct pt { int x, y; };\nstatic struct pt swap(struct pt p) { struct pt q = {p.y, p.x}; return q; }\n' >m.h
printf 'static int cb(int);\nstatic int twice(int v) { return cb(v) * 2; }\n' >>m.h
run_module() {  # run_module DIR: import _m from DIR under pypy3 and use it
    PYTHONPATH=$1 "$pypy" -c '
import _m
assert type(_m.ffi).__module__ == "_cffi_backend", type(_m.ffi).__module__
@_m.ffi.def_extern()
def cb(v):
    return v + 1
p = _m.lib.swap({"x": 1, "y": 2})
assert (p.x, p.y) == (2, 1), (p.x, p.y)
assert _m.lib.twice(20) == 42
'
}

mkdir a
check "the default build is named with PyPy's EXT_SUFFIX" \
    "$ffigen" build m.cdef --source m.h -o a/_m --python "$pypy" --cflags "-Wall -Wextra -Werror"
check "... only that: no .abi3.so" test "$(ls a)" = "_m$suffix"
symbols=$(nm -D --defined-only "a/_m$suffix")
check "... its entry point is PyPy's" grep -q "_cffi_pypyinit__m" <<<"$symbols"
check "... with no PyInit_ (CPython's code is compiled out)" test -z "$(grep PyInit <<<"$symbols")"
check "... and no CPython API called" test -z "$(nm -D --undefined-only "a/_m$suffix" | grep -E ' _?Py')"
check "pypy3 imports it with its built-in backend and calls it" run_module a
"$ffigen" -v build m.cdef --source m.h -o a/_m --python "$pypy" >v.log 2>&1
check "-v names the Python" grep -qF "ffigen: building for Python $pypy (" v.log
check "... PyPy" grep -qF ", PyPy): Python.h from $include," v.log
check "... _cffi_backend" grep -qF "ffigen: module _m imports _cffi_backend only" v.log

mkdir b
check "--python-include and a PyPy --ext-suffix build the same (cross builds)" \
    "$ffigen" build m.cdef --source m.h -o b/_m --python-include "$include" --ext-suffix "$suffix"
check "... which pypy3 imports" run_module b

status=$(status_of "$ffigen" build m.cdef --source m.h -o _m --python "$pypy" --runtime _ffigen_runtime)
check "--runtime other than _cffi_backend for PyPy: a usage error" test "$status" = 2
check "... saying why" grep -qF "ffigen: error: --runtime _ffigen_runtime: PyPy loads the module with its built-in _cffi_backend" out.log
status=$(status_of "$ffigen" build m.cdef --source m.h -o _m.abi3.so --python "$pypy")
check "-o NAME.abi3.so for PyPy: a usage error" test "$status" = 2
check "... naming the file PyPy looks for" grep -qF "Python looks for _m$suffix (make -o" out.log
check "... and nothing is built" test -z "$(ls _m* 2>/dev/null)"
exit $((failures > 0))
