#!/usr/bin/env bash
# Options checked before anything runs, and what -v shows: usage errors
# (exit 2) for values that cannot be honoured, -v/-q on either side of the
# subcommand, and the compiler command line, Python and runtime under -v.
#   cli_options.sh FFIGEN WORK_DIR
set -uo pipefail
. "$(dirname "$0")/checks.sh"
ffigen=$1 work=$2/cli_options
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
# usage_error DESCRIPTION MESSAGE COMMAND...: exit 2, MESSAGE on stderr, no output written
usage_error() {
    local what=$1 message=$2
    shift 2
    rm -f _u.c _u*.so
    "$@" >out.log 2>&1
    local status=$?
    if [ $status = 2 ] && grep -qF -- "$message" out.log && ! ls _u.c _u*.so >/dev/null 2>&1; then
        echo "ok: $what"
    else
        echo "FAIL: $what (exit $status)"; cat out.log; failures=$((failures + 1))
    fi
}

printf 'const char *greeting(void);\n' >m.cdef
printf 'static const char *greeting(void) { return GREETING; }\n' >prelude.h
build=("$ffigen" build m.cdef --source prelude.h -o _u --python "$python")

# Values that cannot be honoured are usage errors, not silently dropped.
usage_error "--cflags with an unmatched quote" "ffigen: error: --cflags: unmatched \" in '\"x'" \
    "${build[@]}" --cflags '"x'
usage_error "--ldflags with an unmatched quote" "unmatched '" "${build[@]}" --ldflags "-lm 'x"
usage_error "--cc with an unmatched quote" "unmatched \"" "${build[@]}" --cc '"gcc'
usage_error "\$CC with an unmatched quote" "\$CC: unmatched" env CC="'gcc" "${build[@]}"
usage_error "an empty --cc" "no C compiler" "${build[@]}" --cc ''
usage_error "a blank --cc" "no C compiler" "${build[@]}" --cc '  '
usage_error "--runtime that is not a module name" "invalid module name 'a b'" \
    "$ffigen" generate m.cdef -o _u.c --runtime "a b"
usage_error "an empty --runtime" "invalid module name ''" "$ffigen" generate m.cdef -o _u.c --runtime ""
usage_error "an empty --module" "invalid module name ''" "$ffigen" generate m.cdef -o _u.c --module ""
usage_error "build --module ''" "invalid module name ''" "${build[@]}" --module ""
usage_error "'-' as the cdef and as --source" "only one input can be standard input" \
    "$ffigen" generate - --source - -o _u.c </dev/null
usage_error "check - --source -" "only one input can be standard input" "$ffigen" check - --source - </dev/null
usage_error "--include -" "--include cannot read standard input" "$ffigen" generate m.cdef --include - -o _u.c
check "--source - reads the preamble from standard input" \
    "$ffigen" generate m.cdef --source - -o _stdin.c <prelude.h
check "a cdef from standard input" "$ffigen" check - <m.cdef

# -v and -q before or after the subcommand; the last -q/-v wins.
check "check -v (after the subcommand) is verbose" bash -c '"$0" check m.cdef -v 2>&1 | grep -q "parsing m.cdef"' "$ffigen"
check "-v check is verbose" bash -c '"$0" -v check m.cdef 2>&1 | grep -q "parsing m.cdef"' "$ffigen"
check "check -v -q is quiet" bash -c 'test -z "$("$0" check m.cdef -v -q 2>&1)"' "$ffigen"
check "-v check -q is quiet" bash -c 'test -z "$("$0" -v check m.cdef -q 2>&1)"' "$ffigen"
check "-q check -v is verbose" bash -c '"$0" -q check m.cdef -v 2>&1 | grep -q "parsing"' "$ffigen"
check "build -q keeps errors" bash -c '"$0" build -q missing.cdef -o _x 2>&1 | grep -q "cannot open"' "$ffigen"

# build -v: the compiler command (pasteable), the Python, the runtime.
check "build -v" "${build[@]}" -v --c-output _v.c --cflags "'-DGREETING=\"a b\"'" 2>verbose.log
cmd=$(grep -v '^ffigen: ' verbose.log)  # the one line that is not ffigen's: the command
check "-v shows the compiler command, quoted" grep -qF "'-DGREETING=\"a b\"' _v.c -o " <<<"$cmd"
check "the command line pastes into a shell and compiles" sh -c "test -n \"\$0\" && eval \"\$0\"" "$cmd"
check "-v names the Python and its version" grep -qE "^ffigen: building for Python $python \(3\.[0-9]+\.[0-9]+\)" verbose.log
check "-v names the runtimes tried" grep -qF "module _u imports _ffigen_runtime, then _cffi_backend" verbose.log
check "generate -v --runtime names it" bash -c \
    '"$0" generate m.cdef -o _r.c --runtime _cffi_backend -v 2>&1 | grep -qF "imports _cffi_backend only"' "$ffigen"
mkdir -p bin && ln -sf "$python" bin/python3
PATH="$PWD/bin:$PATH" "$ffigen" build m.cdef --source prelude.h -o _p --cflags -DGREETING=0 -v 2>path.log
check "the default Python is the first python3 on PATH, named in full" \
    grep -qF "building for Python $PWD/bin/python3 (3." path.log

echo "$failures failure(s)"
[ "$failures" = 0 ]
