#!/usr/bin/env bash
# make_root.sh [DIR]: a Debian testing (forky) root for this machine's
# architecture, for running ffigen's tests under newer CPythons (3.13, 3.14)
# and CFFI 2.x's _cffi_backend. Made with mmdebstrap from the Debian mirror
# this machine's apt uses ($MIRROR overrides it); run things in it with
# tests/newpython/in_root.sh. DIR defaults to $FFIGEN_NEWPYTHON_ROOT, else
# ~/.cache/ffigen-newpython/root-forky, where tools/install-deps.sh makes it
# and the tests look for it. Prints DIR (only that) on standard output.
#
# Idempotent: DIR/.root-recipe records suite, mirror and packages; the same
# recipe keeps DIR as it is (no network). The root is made beside DIR and
# renamed into place, so a failed or killed run leaves no half root, and a
# lock serializes parallel callers. Needs root (mmdebstrap --mode=root) and
# installs mmdebstrap when it is missing.
set -euo pipefail
[ $# -le 1 ] || { echo "usage: $0 [DIR]" >&2; exit 2; }
dir=$(realpath -m "${1:-${FFIGEN_NEWPYTHON_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/ffigen-newpython/root-forky}}")
exec 3>&1 1>&2  # messages on standard error; DIR alone on standard output
suite=${SUITE:-forky}
# The first Debian archive in the host's apt sources (one-line or deb822).
host_mirror() {
    local files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.sources)
    cat "${files[@]}" 2>/dev/null | awk '/^URIs:/ {for (i = 2; i <= NF; i++) print $i} /^deb / {print $2}' |
        grep -v -- '-security' | grep -m1 '/debian/\?$' | sed 's,/$,,' || true
}
mirror=${MIRROR:-$(host_mirror)}
[ -n "$mirror" ] || { echo "make_root.sh: no Debian mirror in apt's sources; set MIRROR" >&2; exit 1; }
# Debian builds python3-cffi-backend for the default Python (3.14) only;
# pytest is pure Python, shared by both interpreters.
packages=python3.13-dev,python3.14-dev,python3-cffi-backend,python3-cffi,python3-pytest,gcc,g++,libc6-dev,libffi-dev
# Documentation is not unpacked: the tests need none, and it is a tenth of the root.
dpkg_excludes=(--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*'
               --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/locale/*')
recipe="recipe=2 suite=$suite mirror=$mirror packages=$packages ${dpkg_excludes[*]}"

mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock 9
if [ "$(cat "$dir/.root-recipe" 2>/dev/null)" = "$recipe" ]; then
    echo "root $dir is up to date (made in $(cat "$dir/.root-seconds") s)"
    echo "$dir" >&3
    exit 0
fi
if [ -e "$dir" ] && [ ! -f "$dir/.root-recipe" ] && [ -n "$(ls -A "$dir")" ]; then
    echo "make_root.sh: $dir exists and was not made by this script; not replacing it" >&2
    exit 1
fi
if ! command -v mmdebstrap >/dev/null; then
    apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends mmdebstrap >&2 ||
        { apt-get update >&2 && apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends mmdebstrap >&2; }
fi

start=$(date +%s)
rm -rf "$dir".tmp.*  # left by a killed run; we hold the lock
tmp=$(mktemp -d "$dir.tmp.XXXXXX")
trap 'rm -rf "$tmp" "$tmp.log"' EXIT
trap 'exit 130' INT TERM HUP
mmdebstrap_root() {  # mmdebstrap_root PACKAGES: the root in $tmp
    echo "making the $suite root $dir from $mirror: $1"
    rm -rf "$tmp" && mkdir "$tmp"
    # The mirror may serve a dated snapshot whose Release file has expired.
    mmdebstrap --variant=apt --mode=root --format=directory --include="$1" "${dpkg_excludes[@]}" \
        --aptopt='Acquire::Check-Valid-Until "false"' --aptopt='Acquire::Retries "3"' \
        "$suite" "$tmp" "deb $mirror $suite main" >"$tmp.log" 2>&1
}
failed() { tail -n 30 "$tmp.log" >&2; echo "make_root.sh: mmdebstrap failed" >&2; exit 1; }
if ! mmdebstrap_root "$packages"; then
    # Testing drops the older Python some time after the next one becomes
    # its default: then the root has 3.14 alone, and the 3.13 tests skip.
    grep -q 'Unable to locate package python3.13' "$tmp.log" || failed
    echo "warning: $suite has no python3.13 any more; making the root without it"
    mmdebstrap_root "${packages/python3.13-dev,/}" || failed
fi
for f in usr/bin/python3.14 usr/include/python3.14/Python.h; do
    [ -e "$tmp/$f" ] || { echo "make_root.sh: the root lacks /$f" >&2; exit 1; }
done
echo "$recipe" >"$tmp/.root-recipe"
echo $(($(date +%s) - start)) >"$tmp/.root-seconds"
rm -rf "$dir" && mv "$tmp" "$dir"
echo "root $dir made in $(cat "$dir/.root-seconds") s, $(du -sh "$dir" | cut -f1)"
echo "$dir" >&3
