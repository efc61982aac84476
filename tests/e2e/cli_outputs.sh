#!/usr/bin/env bash
# The generate/build command lines and their outputs: determinism, atomic
# write-if-changed, exit statuses, #line mapping of preamble errors, the
# dependency file, dotted module names, limited API suffixes, runtime choice.
#   cli_outputs.sh FFIGEN WORK_DIR [RUNTIME_DIR]
# RUNTIME_DIR holds _ffigen_runtime (the default-runtime checks need it).
set -uo pipefail
. "$(dirname "$0")/checks.sh"
ffigen=$1 work=$2/cli_outputs runtime_dir=${3:-}
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

mkdir -p inc
echo '#define HELPER_VALUE 5' >inc/helper.h
printf 'int twice(int x);\n#define VALUE 5\n' >m.cdef
printf '#include "helper.h"\n#define VALUE HELPER_VALUE\nstatic int twice(int x) { return 2 * x; }\n' >prelude.h

# generate: deterministic, written only when changed
"$ffigen" generate m.cdef --source prelude.h -o _m.c && cp _m.c first.c
touch -d '2001-01-01' _m.c
"$ffigen" generate m.cdef --source prelude.h -o _m.c
check "the same inputs give the same bytes" cmp -s _m.c first.c
check "an unchanged output keeps its mtime" test "$(stat -c %Y _m.c)" = "$(date -d 2001-01-01 +%s)"
check "no absolute path in the output" bash -c "! grep -q '$work' _m.c"

# errors keep the older output and leave no temporary file
printf 'int twice(int x;\n' >bad.cdef
check "a cdef error exits 1" test "$(status_of "$ffigen" generate bad.cdef --source prelude.h -o _m.c)" = 1
check "the older output is intact" cmp -s _m.c first.c
check "no temporary file is left" bash -c '! ls -a | grep -q "\.tmp$"'
check "an unreadable cdef exits 2" test "$(status_of "$ffigen" generate missing.cdef -o x.c)" = 2
check "an invalid module name exits 2" test "$(status_of "$ffigen" generate m.cdef --module 1bad -o x.c)" = 2
check "--python-include needs --ext-suffix (exit 2)" \
    test "$(status_of "$ffigen" build m.cdef -o _m --python-include /usr/include)" = 2
check "an unknown option exits 2" test "$(status_of "$ffigen" build m.cdef -o _m -MX)" = 2

# build: module suffixes, depfile, runtime choice
rm -f _m.c  # generate's, above: the build must not leave its own
check "build with -MD (options before and after the cdef)" \
    "$ffigen" build -I inc m.cdef --source prelude.h -o _m --python "$python" -MD
check "limited API gives _m.abi3.so" test -f _m.abi3.so
check "the depfile names the cdef, the preamble and its headers" \
    grep -q "m.cdef" _m.abi3.so.d && grep -q "prelude.h" _m.abi3.so.d && grep -q "inc/helper.h" _m.abi3.so.d
check "the generated C is not kept by default" bash -c '! ls -a | grep -q "tmp\.c$" && test ! -e _m.c'
check "the module imports and runs" env PYTHONPATH=. "$python" -c \
    'from _m import lib; assert lib.twice(21) == 42 and lib.VALUE == 5'
ext=$("$python" -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
check "--no-limited-api gives EXT_SUFFIX" \
    "$ffigen" build m.cdef --source prelude.h -I inc -o _full --module _full --python "$python" --no-limited-api --keep-c
check "the full-API module exists, its C kept" test -f "_full$ext" -a -f _full.c
check "the full-API C does not define Py_LIMITED_API" bash -c '! grep -q "define Py_LIMITED_API" _full.c'
printf 'struct pt { int x; };\nstruct pt *mk(void);\n' >base.cdef
printf 'int x_of(struct pt *p);\n' >user.cdef
printf 'struct pt { int x; };\nstatic int x_of(struct pt *p) { return p->x; }\n' >user.h
check "build --include" "$ffigen" build user.cdef --include _base=base.cdef --source user.h -o _user \
    --python "$python" -MD
check "the depfile names the included cdef" grep -q "base.cdef" _user.abi3.so.d
check "a module including itself exits 2" \
    test "$(status_of "$ffigen" generate user.cdef --include _user=base.cdef -o _user.c)" = 2
check "a module included twice exits 2" \
    test "$(status_of "$ffigen" check user.cdef --include _base=base.cdef --include _base=user.cdef)" = 2
mkdir -p pkg && touch pkg/__init__.py
check "a dotted module builds" "$ffigen" build m.cdef --source prelude.h -I inc -o pkg/_dot --module pkg._dot --python "$python"
check "a dotted module imports with its full name" env PYTHONPATH=. "$python" -c \
    'import pkg._dot as d; assert d.__name__ == "pkg._dot" and d.lib.twice(2) == 4'
check "--runtime pins the runtime module" "$ffigen" build m.cdef --source prelude.h -I inc -o _pinned --python "$python" --runtime _no_such_runtime
check "a pinned, missing runtime fails the import by its name" bash -c \
    "PYTHONPATH=. $python -c 'import _pinned' 2>&1 | grep -q _no_such_runtime"

# the default runtimes: _ffigen_runtime with the ffigen extension when found,
# else the stock backend with the stock protocol; --runtime _cffi_backend
# modules never offer the extension
if [ -n "$runtime_dir" ]; then
    printf 'int add(int a, int b);\n' >two.cdef
    printf 'static int add(int a, int b) { return a + b; }\n' >two.h
    check "a module for the default runtimes builds" "$ffigen" build two.cdef --source two.h -o _two --python "$python"
    check "without _ffigen_runtime, it runs on the stock backend" env PYTHONPATH=. "$python" -c \
        'from _two import ffi, lib; assert type(ffi).__module__ == "_cffi_backend" and lib.add(2, 3) == 5'
    check "with _ffigen_runtime found, it runs there" env PYTHONPATH=".:$runtime_dir" "$python" -c \
        'from _two import ffi, lib; assert type(ffi).__module__ == "_ffigen_runtime" and lib.add(2, 3) == 5'
    "$ffigen" generate two.cdef --source two.h -o _two_bad.c --module _two_bad
    sed -i 's/sizeof(struct _ffigen_module_ext), 1,/sizeof(struct _ffigen_module_ext), 2,/' _two_bad.c
    include=$("$python" -c "import sysconfig; print(sysconfig.get_paths()['include'])")
    gcc -shared -fPIC -I"$include" -I. _two_bad.c -o "_two_bad$ext"
    check "a fastcall table of the wrong length fails the import, named" bash -c \
        "PYTHONPATH=.:$runtime_dir $python -c 'import _two_bad' 2>&1 | grep -q 'fastcall table does not match its 1 globals'"
    "$ffigen" generate two.cdef --source two.h -o _two_stock.c --runtime _cffi_backend
    check "a --runtime _cffi_backend module keeps the stock protocol" bash -c \
        '! grep -qw -e _ffigen_ext -e _ffigen_fastcall _two_stock.c && grep -q "&_ffigen_context, NULL," _two_stock.c'
fi

# a C error inside the preamble: reported at the preamble's own line, nothing half-built
cp _m.abi3.so good.so
printf '#include "helper.h"\n#define VALUE HELPER_VALUE\nstatic int twice(int x) { return 2 * x }\n' >prelude.h
check "a compiler failure exits 1" test "$(status_of "$ffigen" build m.cdef --source prelude.h -I inc -o _m --python "$python")" = 1
check "the compiler's message points into prelude.h:3" grep -q "prelude.h:3:" out.log
check "the older module is intact" cmp -s _m.abi3.so good.so
check "no temporary file is left after a failed build" bash -c '! ls -a | grep -q "\.tmp"'

# a termination signal during the build removes the temporary files
rm -f ./*.tmp* .*.tmp* 2>/dev/null
printf '#!/bin/sh\nsleep 3\n' >slowcc && chmod +x slowcc
"$ffigen" build m.cdef --source prelude.h -I inc -o _slow --python "$python" --cc "$PWD/slowcc" &
pid=$!
sleep 0.5
kill -TERM "$pid"
wait "$pid" 2>/dev/null
check "SIGTERM leaves no temporary file" bash -c '! ls -a | grep -q "\.tmp"'

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
