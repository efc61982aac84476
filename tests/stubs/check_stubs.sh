#!/usr/bin/env bash
# The typed stub's text and how it is written: typed.cdef's stub is
# typed.pyi.golden byte for byte (UPDATE_GOLDEN=1 rewrites it); the stub of
# every cdef the golden, e2e and realistic tests build (and of the shared
# bench input, when it is there) compiles as Python and passes mypy
# --strict; the same input gives the same bytes; --pyi follows -o's rules
# (atomic, only when changed, through symlinks, never over an input or
# another output).
#   check_stubs.sh FFIGEN TESTS_DIR WORK_DIR [BIG_CDEF]
set -uo pipefail
tests=$2
. "$tests/e2e/checks.sh"
ffigen=$1 work=$3/check_stubs big=${4:-}
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work/all" && cd "$work" || exit 1
no_temps() { ! find . -name '.*.tmp' | grep -q .; }

# 1. the golden stub
"$ffigen" generate "$tests/stubs/typed.cdef" -o _typed.c --pyi typed.pyi
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp typed.pyi "$tests/stubs/typed.pyi.golden" && echo "updated $tests/stubs/typed.pyi.golden"
else
    check "typed.cdef's stub is typed.pyi.golden (UPDATE_GOLDEN=1 rewrites it)" \
        diff -u "$tests/stubs/typed.pyi.golden" typed.pyi
fi

# 2. every test input's stub compiles; --pack from NAME.flags, the
# modules of NAME.includes included in order, as run_scenario.sh builds them
stub_of() {  # stub_of CDEF [OPTION...]: all/<dir>_<name>.pyi
    "$ffigen" generate "$1" -o all/x.c --pyi "all/$(basename "$(dirname "$1")")_$(basename "$1" .cdef).pyi" "${@:2}"
}
count=0
for cdef in "$tests"/golden/*.cdef "$tests"/e2e/*.cdef "$tests"/realistic/*.cdef "$tests"/stubs/*.cdef; do
    name=$(basename "$cdef" .cdef) dir=$(dirname "$cdef")
    [ -f "$dir/$name.build-error" ] && continue  # refused at generation, some of them
    case $name in included_*) continue ;; esac  # generated with their includer
    options=() includes=()
    [ -f "$dir/$name.flags" ] && read -r -a flags <"$dir/$name.flags" &&
        for ((i = 0; i < ${#flags[@]}; i++)); do
            [ "${flags[i]}" = --pack ] && options+=(--pack "${flags[i + 1]}")
        done
    if [ -f "$dir/$name.includes" ]; then
        read -r -a listed <"$dir/$name.includes"
        for inc in "${listed[@]}"; do
            check "the stub of $inc" stub_of "$dir/$inc.cdef" "${includes[@]}" && count=$((count + 1))
            includes+=(--include "_$inc=$dir/$inc.cdef")
        done
    fi
    check "the stub of $name" stub_of "$cdef" "${options[@]}" "${includes[@]}" && count=$((count + 1))
done
if [ -n "$big" ] && [ -f "$big" ]; then
    check "the stub of the shared bench input" stub_of "$big" && count=$((count + 1))
fi
check "Python compiles all $count stubs" "$python" -m py_compile all/*.pyi
check "one stub per input" test "$(ls all/*.pyi | wc -l)" = "$count"
printf '[mypy]\n' >mypy.ini  # no user or project configuration
check "mypy --strict finds nothing wrong in them" env -u LD_PRELOAD "$python" -m mypy --config-file mypy.ini \
    --cache-dir .mypy_cache --strict all/*.pyi

# 3. deterministic, written only when changed, no path in it
cp "$tests/stubs/typed.cdef" here.cdef && cp "$tests/stubs/typed.h" here.h
gen() { "$ffigen" generate here.cdef --module _typed "$@"; }
gen -o here.c --pyi again.pyi
(cd / && "$ffigen" generate "$work/here.cdef" -o "$work/_typed.c" --pyi "$work/elsewhere.pyi")
check "the same cdef gives the same stub, from anywhere" bash -c 'cmp -s typed.pyi again.pyi && cmp -s typed.pyi elsewhere.pyi'
touch -d 2001-01-01 again.pyi
gen -o here.c --pyi again.pyi
check "an unchanged stub keeps its mtime" test "$(stat -c %Y again.pyi)" = "$(date -d 2001-01-01 +%s)"
check "the build writes the same stub" \
    "$ffigen" build here.cdef --source here.h -o _typed --pyi built.pyi --python "$python"
check "... byte for byte" cmp -s typed.pyi built.pyi

# 4. where --pyi may write
check "--pyi naming -o exits 2" test "$(status_of gen -o same.c --pyi ./same.c)" = 2
check "the message names both" grep -q "'./same.c' and -o 'same.c' name the same file" out.log
check "nothing was written" test ! -e same.c
check "build --pyi naming the module exits 2" \
    test "$(status_of "$ffigen" build here.cdef -o _m --pyi _m.abi3.so --python "$python")" = 2
check "build --pyi naming --c-output exits 2" \
    test "$(status_of "$ffigen" build here.cdef -o _m --c-output m.c --pyi m.c --python "$python")" = 2
cp here.cdef keep.cdef
check "--pyi naming the cdef exits 2" test "$(status_of gen -o x.c --pyi here.cdef)" = 2
check "the cdef is intact" cmp -s here.cdef keep.cdef
check "an empty --pyi exits 2" test "$(status_of gen -o x.c --pyi '')" = 2
check "--pyi in a missing directory exits 1" test "$(status_of gen -o x.c --pyi missing/x.pyi)" = 1
check "... saying why" grep -q "cannot write 'missing/x.pyi'" out.log
printf 'int broken(;\n' >bad.cdef
cp again.pyi older.pyi
check "a cdef error exits 1" test "$(status_of "$ffigen" generate bad.cdef -o x.c --pyi again.pyi)" = 1
check "... and keeps the older stub" cmp -s again.pyi older.pyi
mkdir -p out && ln -s out/real.pyi link.pyi
check "--pyi through a symlink" gen -o x.c --pyi link.pyi
check "the symlink stays, its target is the stub" bash -c 'test -L link.pyi && cmp -s out/real.pyi typed.pyi'
[ -w /dev/null ] && check "--pyi /dev/null" gen -o x.c --pyi /dev/null
check "no temporary file is left" no_temps

[ "$failures" = 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "ok: the stubs' text and writing"
