#!/usr/bin/env bash
# Generation and compile-time benchmark, ffigen against stock CFFI, in one
# run on ../shared/bench/big.cdef (preamble big_preamble.h, which includes
# big.h). Prints times and ratios; not run by ctest (it takes a minute).
#   bench/generate_bench.sh [BUILD_DIR]   (default: build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
ffigen=$build/cli/ffigen
bench=$(cd "$here/../../shared/bench" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
include=$(/usr/bin/python3 -c "import sysconfig; print(sysconfig.get_paths()['include'])")

# best_of N command...: the fastest of N runs, in seconds. Timed from
# Python around each process (as check_bench.py does): timing with `date`
# in the shell counted the start of a `date` process in every interval,
# about a millisecond, which is a tenth of what ffigen takes here.
best_of() {
    /usr/bin/python3 - "$@" <<'PY'
import subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(n):
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    t = time.perf_counter() - t0
    best = t if best is None or t < best else best
print(best)
PY
}

cd "$bench"
gen_ffigen=$(best_of 11 "$ffigen" generate big.cdef --source big_preamble.h -o "$work/ffigen_big.c")
cat >"$work/cffi_gen.py" <<PY
import cffi, sys
ffi = cffi.FFI()
ffi.cdef(open("big.cdef").read())
ffi.set_source("_big", open("big_preamble.h").read())
ffi.emit_c_code(sys.argv[1])
PY
gen_cffi=$(best_of 3 /usr/bin/python3 "$work/cffi_gen.py" "$work/cffi_big.c")

cc_ffigen=$(best_of 1 gcc -O2 -fPIC -I"$include" -I"$bench" -c "$work/ffigen_big.c" -o "$work/ffigen_big.o")
cc_cffi=$(best_of 1 gcc -O2 -fPIC -I"$include" -I"$bench" -c "$work/cffi_big.c" -o "$work/cffi_big.o")

size() { wc -c <"$1" | awk '{ printf "%.2f MiB", $1 / 1048576 }'; }
lines() { wc -l <"$1"; }
printf '%-28s %10s %10s %10s\n' "" ffigen cffi "cffi/ffigen"
printf '%-28s %9.3fs %9.3fs %9.1fx\n' "generate (best)" "$gen_ffigen" "$gen_cffi" "$(awk -v a="$gen_cffi" -v b="$gen_ffigen" 'BEGIN { print a / b }')"
printf '%-28s %9.2fs %9.2fs %9.2fx\n' "gcc -O2 -c" "$cc_ffigen" "$cc_cffi" "$(awk -v a="$cc_cffi" -v b="$cc_ffigen" 'BEGIN { print a / b }')"
printf '%-28s %10s %10s\n' "output size" "$(size "$work/ffigen_big.c")" "$(size "$work/cffi_big.c")"
printf '%-28s %10s %10s\n' "output lines" "$(lines "$work/ffigen_big.c")" "$(lines "$work/cffi_big.c")"
printf '%-28s %10s %10s\n' "object size (bytes)" "$(wc -c <"$work/ffigen_big.o")" "$(wc -c <"$work/cffi_big.o")"
echo "targets: generation >= 100x faster; compile time <= 0.5x of CFFI's (ratio >= 2x)"
