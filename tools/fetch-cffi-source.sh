#!/usr/bin/env bash
# Unpacks CFFI 1.15.1's source (Debian's source package python-cffi) into
# DEST (default: .deps/cffi-1.15.1 in the source tree) for tests/cffi_suite,
# which runs CFFI's own testing/cffi1 against ffigen. Nothing of CFFI is
# committed. Adds a deb-src entry for bookworm main when apt has none.
# Idempotent: does nothing when DEST already holds the suite.
set -euo pipefail

version=1.15.1
here=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$here/.deps/cffi-$version}
if [ -f "$dest/testing/cffi1/test_recompiler.py" ]; then
  echo "fetch-cffi-source: $dest present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! apt-get source --print-uris -qq python-cffi >/dev/null 2>&1; then
  echo "fetch-cffi-source: adding a deb-src entry for bookworm main"
  $sudo tee /etc/apt/sources.list.d/ffigen-deb-src.sources >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  $sudo apt-get update -q
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 777 "$work"  # apt downloads as user _apt where it can
# --download-only: the upstream tarball is what we need; Debian's patches
# touch the C backend and cffi0 tests, not testing/cffi1.
(cd "$work" && apt-get source --download-only -qq "python-cffi=$version-*" 2>/dev/null ||
               apt-get source --download-only -qq python-cffi)
tarball=$(ls "$work"/python-cffi_"$version".orig.tar.* 2>/dev/null | head -n 1)
if [ -z "$tarball" ]; then
  echo "fetch-cffi-source: error: apt-get source python-cffi gave no CFFI $version tarball" >&2
  exit 1
fi
mkdir -p "$work/unpacked"
tar -xf "$tarball" -C "$work/unpacked"
mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$work/unpacked/cffi-$version" "$dest"
echo "fetch-cffi-source: CFFI $version source in $dest"
