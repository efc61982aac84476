#!/usr/bin/env bash
# The -MD dependency file driving a real make: a header the preamble no
# longer includes may be deleted (each prerequisite has a phony rule, as
# gcc's -MP gives), each file is listed once, and a touched header rebuilds.
#   depfile_make.sh FFIGEN WORK_DIR
set -uo pipefail
. "$(dirname "$0")/checks.sh"
ffigen=$1 work=$2/depfile_make
rm -rf "$work" && mkdir -p "$work/inc" && cd "$work" || exit 1

printf 'int value(void);\n' >m.cdef
echo '#define OLD_VALUE 1' >inc/old.h
echo '#define NEW_VALUE 2' >inc/new.h
printf '#include "old.h"\nstatic int value(void) { return OLD_VALUE; }\n' >prelude.h
cat >Makefile <<MAKE
_m.abi3.so: m.cdef prelude.h
	"$ffigen" build m.cdef --source prelude.h -I inc -o _m --python /usr/bin/python3 -MD
-include _m.abi3.so.d
MAKE
value() { PYTHONPATH=. /usr/bin/python3 -c 'from _m import lib; print(lib.value())'; }

check "the first make builds" make -s
check "the module holds OLD_VALUE" test "$(value)" = 1
check "each prerequisite is listed once" \
    bash -c '! sed -n "1,/^\$/p" _m.abi3.so.d | sed "s/ *\\\\\$//; s/^ *//" | sort | uniq -d | grep .'
pyconfig=$(/usr/bin/python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/pyconfig.h
check "pyconfig.h (which gcc reports three times) is listed once" \
    test "$(sed -n '1,/^$/p' _m.abi3.so.d | awk -v f="$pyconfig" '$1 == f' | wc -l)" = 1
check "each prerequisite has a phony rule" grep -qx 'inc/old.h:' _m.abi3.so.d
check "the target has no phony rule" bash -c '! grep -qx "_m.abi3.so:" _m.abi3.so.d'
check "a second make has nothing to do" make -q
touch -d 2001-01-01 _m.abi3.so  # older than every header: as if a header had changed
check "a header newer than the module rebuilds it" bash -c '! make -q'
make -s >/dev/null

# The preamble stops including old.h, and old.h goes away.
rm inc/old.h
printf '#include "new.h"\nstatic int value(void) { return NEW_VALUE; }\n' >prelude.h
touch -d 2001-01-01 _m.abi3.so
check "make succeeds after a header is deleted" make -s
check "the module holds NEW_VALUE" test "$(value)" = 2
check "the depfile no longer names old.h" bash -c '! grep -q old.h _m.abi3.so.d'

# A preamble read from standard input is no file to depend on.
"$ffigen" build m.cdef --source - -I inc -o _stdin --python /usr/bin/python3 -MD <prelude.h
check "--source - is not a prerequisite" bash -c '! grep -qx -- "  - \\\\" _stdin.abi3.so.d && ! grep -qx -- "-:" _stdin.abi3.so.d'

echo "$failures failure(s)"
[ "$failures" = 0 ]
