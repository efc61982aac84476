#!/usr/bin/env bash
# Where generate/build write, and what they leave behind: -o naming a
# device, FIFO or symlink; -o naming an input; signals (SIGTERM, SIGKILL,
# SIGHUP under nohup, SIGPIPE) during a build; the generated C kept when the
# compiler rejects it; module file names Python can import.
#   cli_paths.sh FFIGEN WORK_DIR
set -uo pipefail
. "$(dirname "$0")/checks.sh"
ffigen=$1 work=$2/cli_paths
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
no_temps() { ! ls -a | grep -q '\.tmp'; }
await() {  # await FILE: until it exists (a guard against a hang, not a timing)
    for _ in $(seq 600); do [ -e "$1" ] && return 0; sleep 0.05; done
    return 1
}
ext=$("$python" -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")

printf 'int twice(int x);\n' >m.cdef
printf 'static int twice(int x) { return 2 * x; }\n' >m.h
gen() { "$ffigen" generate m.cdef --source m.h "$@"; }
build() { "$ffigen" build m.cdef --source m.h --python "$python" "$@"; }
imports() {  # imports MODULE: it imports and runs
    PYTHONPATH=. "$python" -c "import $1 as m; assert m.lib.twice(21) == 42"
}

# 1. special files are written into, symlinks written through
mkfifo fifo
timeout 20 cat fifo >from_fifo &
reader=$!
check "generate -o FIFO succeeds" gen -o fifo --module _m
wait "$reader"
check "the FIFO is still a FIFO" test -p fifo
check "its reader got the C" grep -q PyInit__m from_fifo
if mknod null c 1 3 2>/dev/null; then  # a device node (root only), as /dev/null
    check "generate -o DEVICE succeeds" gen -o null --module _m
    check "build -o DEVICE succeeds" build -o null --module _m
    check "the device is still a device" test -c null
    check "build -o DEVICE leaves no work file" bash -c '! ls | grep -q "^null\."'
fi
ln -s real.c link.c
check "generate -o SYMLINK" gen -o link.c
check "the symlink stays a symlink" test -L link.c
check "its target got the C" grep -q PyInit_link real.c
touch -d 2001-01-01 real.c
gen -o link.c
check "an unchanged target keeps its mtime" test "$(stat -c %Y real.c)" = "$(date -d 2001-01-01 +%s)"
mkdir -p out && ln -s out/_sl.abi3.so _sl.abi3.so
check "build -o through a symlink" build -o _sl
check "the module symlink stays, its target imports" bash -c 'test -L _sl.abi3.so && test -f out/_sl.abi3.so'
check "the module imports through it" imports _sl
ln -s loop.c loop.c
check "a symlink loop is an error (exit 1)" test "$(status_of gen -o loop.c)" = 1
check "the looping symlink is left alone" test -L loop.c
check "no temporary file is left (special files)" no_temps

# 2. an output never overwrites an input (on copies: the others need m.*)
cp m.cdef i.cdef && cp m.h i.h && cp m.cdef keep.cdef && cp m.h keep.h && ln i.h hard.h && mkdir -p sub
geni() { "$ffigen" generate i.cdef --source i.h "$@"; }
check "generate -o CDEF exits 2" test "$(status_of geni -o i.cdef)" = 2
check "the message names both" grep -q "would overwrite the cdef 'i.cdef'" out.log
check "-o the cdef by another path exits 2" test "$(status_of geni -o sub/../i.cdef)" = 2
check "-o a hard link to the preamble exits 2" test "$(status_of geni -o hard.h)" = 2
cp m.cdef inc.cdef
check "-o an --include cdef exits 2" test "$(status_of geni --include _b=inc.cdef -o inc.cdef)" = 2
cp m.h src.c
check "build --c-output over a --sources file exits 2" \
    test "$(status_of build -o _src --sources src.c --c-output src.c)" = 2
cp m.h _pre.c
check "build whose generated C is the preamble exits 2" \
    test "$(status_of "$ffigen" build m.cdef --source _pre.c -o _pre --python "$python")" = 2
check "the inputs are intact" bash -c \
    'cmp -s i.cdef keep.cdef && cmp -s i.h keep.h && cmp -s inc.cdef keep.cdef && cmp -s src.c keep.h && cmp -s _pre.c keep.h'

# 3. signals during a build: the compiler is stopped and waited for; a
# compiler killed with ffigen's SIGKILL leaves temporaries the next run removes
cat >latecc <<'EOF'
#!/bin/bash
# A compiler driver that dies at once on SIGTERM while its linker, which
# ignores it, writes the output a moment later.
for a; do [ "${prev:-}" = -o ] && out=$a; prev=$a; done
( trap '' TERM INT HUP; touch started; sleep 1; : >"$out"; touch finished ) &
wait
EOF
chmod +x latecc
"$ffigen" build m.cdef --source m.h --python "$python" -o _late --cc "$PWD/latecc" &
pid=$!
await started && kill -TERM "$pid"
wait "$pid" 2>/dev/null
check "SIGTERM kills ffigen by it" test $? = 143
check "ffigen waited for the compiler's processes" test -e finished
await finished
check "SIGTERM leaves no temporary file" no_temps
check "SIGTERM leaves no generated C" test ! -e _late.c

rm -f started finished
cat >killedcc <<'EOF'
#!/bin/bash
for a; do [ "${prev:-}" = -o ] && out=$a; prev=$a; done
touch started; sleep 1; : >"$out"; touch finished
EOF
chmod +x killedcc
"$ffigen" build m.cdef --source m.h --python "$python" -o _k --cc "$PWD/killedcc" &
pid=$!
await started && kill -KILL "$pid"
wait "$pid" 2>/dev/null
await finished
check "after SIGKILL the compiler's temporary is there" test -e "._k.abi3.so.$pid.tmp"
: >"._k.abi3.so.$$.tmp"       # a live process's: not stale
: >"._other.abi3.so.$pid.tmp"  # another output's
: >"._k.abi3.so.x$pid.tmp"     # not our pattern
: >"._g.c.$pid.tmp"
check "the next build succeeds" build -o _k
check "it removed the stale temporary" test ! -e "._k.abi3.so.$pid.tmp"
check "it kept a live process's, another output's and other names" \
    test -e "._k.abi3.so.$$.tmp" -a -e "._other.abi3.so.$pid.tmp" -a -e "._k.abi3.so.x$pid.tmp"
gen -o _g.c
check "generate removes its output's stale temporaries" test ! -e "._g.c.$pid.tmp"
rm -f ./._*.tmp

rm -f started
cat >gatedcc <<'EOF'
#!/bin/bash
touch started
while [ ! -e go ]; do sleep 0.05; done
exec cc "$@"
EOF
chmod +x gatedcc
(trap '' HUP; exec "$ffigen" build m.cdef --source m.h --python "$python" -o _nohup --cc "$PWD/gatedcc") &
pid=$!
await started && kill -HUP "$pid"
touch go
wait "$pid" 2>/dev/null
check "a SIGHUP ignored at start (nohup) stays ignored" test $? = 0
check "the nohup build is complete" imports _nohup

# 4. a closed standard error (| head) does not kill ffigen before it cleans up
cat >pipecc <<'EOF'
#!/bin/bash
while [ ! -e reader_gone ]; do sleep 0.05; done
echo "pipecc: error: something" >&2
exit 1
EOF
chmod +x pipecc
build -o _pipe --cc "$PWD/pipecc" 2>&1 | { exec <&-; touch reader_gone; }
status=${PIPESTATUS[0]}
check "with stderr closed ffigen fails by status, not SIGPIPE" test "$status" = 1
check "with stderr closed no temporary file is left" no_temps

# 5. a rejected C file is kept where the compiler's messages point
"$ffigen" build m.cdef --source m.h -o _nopy --python-include "$PWD/none" --ext-suffix "$ext" >nopy.log 2>&1
check "a build without Python.h fails (exit 1)" test $? = 1
check "the compiler's message points into _nopy.c" grep -q "^_nopy\.c:[0-9]*:[0-9]*: fatal error" nopy.log
check "ffigen says the C is kept there" grep -q "note: the generated C is kept at '_nopy.c'" nopy.log
check "and it is" grep -q PyInit__nopy _nopy.c
build -o _nopy --no-limited-api  # other bytes than the kept C
check "a later build that rewrites it removes it" test ! -e _nopy.c
"$ffigen" generate m.cdef --source m.h -o _mine.c
build -o _mine
check "a _foo.c that held its very bytes (generate -o made it) stays" test -f _mine.c

# 6. module file names: a suffix Python imports is kept; a name Python would
# not find is refused
check "build -o _so.so" build -o _so.so
check "_so.so imports" imports _so
check "no doubled suffix" test ! -e _so.so.abi3.so
check "a successful build leaves no _so.c" test ! -e _so.c
check "build -o _a3.abi3.so" build -o _a3.abi3.so --keep-c
check "_a3.abi3.so imports, its C kept as _a3.c" bash -c "test -f _a3.abi3.so -a -f _a3.c -a ! -e _a3.abi3.so.abi3.so"
check "build -o _full<EXT_SUFFIX>" build -o "_full$ext" --no-limited-api
check "_full imports" imports _full
check "-o and --module that disagree exit 2" test "$(status_of build -o _x --module _y)" = 2
check "the message names the file Python looks for" grep -q "_y.abi3.so" out.log
check "a dotted stem exits 2" test "$(status_of build -o _a.b)" = 2
check "an .abi3.so name for a full-API module exits 2" test "$(status_of build -o _f.abi3.so --no-limited-api)" = 2
check "nothing was built for them" bash -c '! ls | grep -q -e "^_x" -e "^_y" -e "^_a\.b" -e "^_f\."'
check "no temporary file is left (names)" no_temps

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
