#!/usr/bin/env bash
# One e2e scenario: build tests/e2e/NAME.cdef + NAME.h into _NAME with
# `ffigen build`, then run NAME_test.py under /usr/bin/python3 with pytest.
#   run_scenario.sh FFIGEN SRC_DIR WORK_DIR NAME
# FFIGEN_E2E_RUNTIME picks the runtime module (default _cffi_backend, the
# stock CFFI backend); FFIGEN_E2E_PYTHONPATH is where to find it.
# A scenario with NAME.build-error expects the build to fail with exit
# status 1 and that file's text in the compiler output; one with
# NAME.build-warning is built without -Werror and expects as many compiler
# warnings as that file has lines, and each line in the compiler output
# (where the compiler shows the line that names the field), then runs its
# test;
# NAME.flags holds more ffigen options for the scenario (e.g. --pack 1;
# `--cc g++` compiles the module as C++: NAME_cxx.* are symbolic links to
# NAME.*, the same scenario built that way).
# NAME.includes lists scenarios (on one line) whose modules NAME includes
# (ffi.include()): each INC is built first into _INC, and NAME gets
# --include _INC=INC.cdef (each also includes the ones listed before it).
# FFIGEN_E2E_ORACLE (the directory tests/differential) builds the scenario
# with stock CFFI instead (tests/differential/cffi_oracle.py), the oracle
# the same NAME_test.py then runs against.
# FFIGEN_E2E_PYTHON is the interpreter built for (default /usr/bin/python3;
# /usr/bin/pypy3 uses its built-in backend: tests/e2e/CMakeLists.txt),
# FFIGEN_E2E_TEST_PYTHONS the ones that run the test, one after the other
# (default the same), FFIGEN_E2E_BUILD_OPTIONS more `ffigen build` options
# (tests/newpython runs scenarios under newer CPythons with these).
set -euo pipefail
ffigen=$1 src=$2 work=$3 name=$4
runtime=${FFIGEN_E2E_RUNTIME:-_cffi_backend}
python=${FFIGEN_E2E_PYTHON:-/usr/bin/python3}
read -r -a test_pythons <<<"${FFIGEN_E2E_TEST_PYTHONS:-$python}"
read -r -a more_options <<<"${FFIGEN_E2E_BUILD_OPTIONS:-}"
dir=$work/$name
rm -rf "$dir" && mkdir -p "$dir"
cp "$src/$name.cdef" "$src/$name.h" "$dir/"

cd "$dir"
cflags="-Wall -Wextra -Werror"
[ -f "$src/$name.build-warning" ] && cflags="-Wall -Wextra"
extra=()
if [ -f "$src/$name.flags" ]; then read -r -a extra <"$src/$name.flags"; cp "$src/$name.flags" "$dir/"; fi
build() {  # build STEM [more options]: STEM.cdef + STEM.h -> _STEM
    local stem=$1
    shift
    "$ffigen" build "$stem.cdef" --source "$stem.h" -o "_$stem" --python "$python" \
        --runtime "$runtime" --keep-c --cflags "$cflags" "${more_options[@]}" "$@"
}
if [ -n "${FFIGEN_E2E_ORACLE:-}" ]; then
    # The oracle leg (tests/differential): the same scenario built by stock
    # CFFI. A scenario CFFI refuses must be listed, with the reason, in
    # oracle_differences.txt (and taken out when CFFI builds it).
    set +e
    "$python" "$FFIGEN_E2E_ORACLE/cffi_oracle.py" "$src" "$dir" "$name" >build.log 2>&1
    status=$?
    set -e
    listed=$(grep -E "^$name[[:space:]]" "$FFIGEN_E2E_ORACLE/oracle_differences.txt" || true)
    if [ -n "$listed" ]; then
        if [ $status -eq 0 ]; then echo "FAIL: stock CFFI builds $name: remove it from oracle_differences.txt"; exit 1; fi
        echo "ok: stock CFFI refuses $name, as listed: $listed"
        exit 0
    fi
    if [ $status -ne 0 ]; then cat build.log; echo "FAIL: stock CFFI could not build $name"; exit 1; fi
else
    includes=()
    if [ -f "$src/$name.includes" ]; then
        read -r -a included <"$src/$name.includes"
        for inc in "${included[@]}"; do
            cp "$src/$inc.cdef" "$src/$inc.h" "$dir/"
            if ! build "$inc" "${includes[@]}" >"build_$inc.log" 2>&1; then
                cat "build_$inc.log"; echo "FAIL: building the included $inc"; exit 1
            fi
            includes+=(--include "_$inc=$inc.cdef")
        done
    fi
    set +e
    build "$name" "${extra[@]}" "${includes[@]}" >build.log 2>&1
    status=$?
    set -e
    if [ -f "$src/$name.build-error" ]; then
        expected=$(cat "$src/$name.build-error")
        cat build.log
        if [ $status -ne 1 ]; then echo "FAIL: expected the build to fail with status 1, got $status"; exit 1; fi
        if ! grep -qF -- "$expected" build.log; then echo "FAIL: the build log lacks: $expected"; exit 1; fi
        if ls "_$name".*so >/dev/null 2>&1; then echo "FAIL: a module was left behind"; exit 1; fi
        echo "ok: the build failed as expected"
        exit 0
    fi
    if [ $status -ne 0 ]; then cat build.log; echo "FAIL: ffigen build exited with $status"; exit 1; fi
    if [ -f "$src/$name.build-warning" ]; then
        while IFS= read -r expected; do
            if ! grep -qF -- "$expected" build.log; then
                cat build.log; echo "FAIL: the build log lacks: $expected"; exit 1
            fi
        done <"$src/$name.build-warning"
        warnings=$(grep -c ': warning: ' build.log || true)
        if [ "$warnings" -ne "$(wc -l <"$src/$name.build-warning")" ]; then
            cat build.log; echo "FAIL: expected $(wc -l <"$src/$name.build-warning") warnings, got $warnings"; exit 1
        fi
    fi
fi

cp "$src/${name}_test.py" "$src/conftest.py" "$src/../differential/cffi_oracle.py" "$dir/"
for test_python in "${test_pythons[@]}"; do
    set +e
    PYTHONPATH="$dir${FFIGEN_E2E_PYTHONPATH:+:$FFIGEN_E2E_PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1 FFIGEN_E2E_SOURCE="$src/$name.h" \
        "$test_python" -m pytest -q -p no:cacheprovider "${name}_test.py"
    status=$?
    set -e
    if [ $status -eq 5 ]; then echo "FAIL: pytest collected no tests"; exit 1; fi
    if [ $status -ne 0 ]; then exit $status; fi
done
