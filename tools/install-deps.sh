#!/usr/bin/env bash
# Installs every Debian 12 package that building and testing ffigen needs.
# Idempotent: does nothing (and needs no network) when all are present.
set -euo pipefail

packages=(
  g++ gcc cmake ninja-build pkg-config make
  libboost1.81-dev libcli11-dev libspdlog-dev libfmt-dev doctest-dev
  libffi-dev python3 python3-dev python3-dbg
  python3-cffi python3-cffi-backend python3-pytest python3-pytest-forked python3-py
  dpkg-dev
  python3-venv python3-pip python3-setuptools python3-wheel
  clang libclang-rt-14-dev libfuzzer-14-dev man-db groff-base
  python3-mypy  # tests/stubs: mypy against the generated .pyi
  mmdebstrap
  # PyPy (the pypy_* tests); Debian's pypy3 reads python3's pytest, which
  # on its Python 3.9 needs these two backports.
  pypy3 pypy3-dev python3-exceptiongroup python3-tomli
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# CFFI's own test suite, for tests/cffi_suite (the source is not committed).
fetch_cffi() { "$(dirname "$0")/fetch-cffi-source.sh"; }
# The Debian testing root of tests/newpython (CPython 3.13 and 3.14, CFFI
# 2.x), from the Debian mirror: about 600 MB, a minute or two the first
# time, nothing when up to date. Making it and using it need root.
newpython_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$(dirname "$0")/../tests/newpython/make_root.sh" >/dev/null
  else
    echo "install-deps: not root: tests/newpython will make its root when run as root"
  fi
}
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  fetch_cffi
  newpython_root
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fetch_cffi
newpython_root
