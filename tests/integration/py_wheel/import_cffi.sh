#!/usr/bin/env bash
# `ffigen import-cffi` on the CFFI build scripts of cffi_project/ (several
# cdef() calls, packed=True and pack=2, set_source() keywords, a dotted
# name, ffi.include() of another build script's ffi), run by a venv's
# Python that has no CFFI, with ffigen as `cmake --install` (component cli)
# put it in a temporary prefix. Its outputs match cffi_project/expected/;
# the printed `ffigen build` commands, and the written tables as a
# pyproject.toml built by pip with the setuptools plugin, both give modules
# that import and run on the runtime wheel.
# usage: import_cffi.sh BUILD_DIR RUNTIME_WHEEL WORKDIR  (runs /usr/bin/python3)
set -euo pipefail
build=$1 runtime_wheel=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" --component cli >/dev/null
ffigen=$work/prefix/bin/ffigen
export PYTHONDONTWRITEBYTECODE=1
fail() { echo "import_cffi: $*" >&2; exit 1; }
pip() { "$python" -m pip --disable-pip-version-check -q "$@"; }
new_venv() {  # a fresh venv (no cffi in it) with the runtime wheel
  "$python" -m venv --without-pip "$work/$1"
  pip --python "$work/$1/bin/python" install --no-index "$runtime_wheel"
  echo "$work/$1/bin/python"
}
venv=$(new_venv venv)
"$venv" -c 'import cffi' 2>/dev/null && fail "the venv has cffi"

cp -r "$here/cffi_project" "$work/project"
cd "$work/project"
# The installed ffigen runs the package installed beside it.
printf 'import sys, ffigen\nprint(ffigen.__file__, file=sys.stderr)\nfrom cffi import FFI\nffi = FFI()\nffi.set_source("_w", "")\n' >where_build.py
"$ffigen" import-cffi where_build.py -o where --python "$venv" >/dev/null 2>where.log
grep -Fx "$work/prefix/share/ffigen/python/ffigen/__init__.py" where.log >/dev/null ||
  fail "import-cffi ran $(cat where.log), not the installed package"
"$ffigen" import-cffi geo_build.py -o ffigen --python "$venv" >geo.cmd
"$ffigen" import-cffi shapes_build.py:ffi -o ffigen --python "$venv" >shapes.cmd
for f in _shapes.cdef _shapes.h _shapes.toml _geo.cdef _geo.toml; do
  diff -u "expected/$f" "ffigen/$f" || fail "ffigen/$f differs from expected/$f"
done
diff -u expected/shapes.cmd shapes.cmd || fail "the build command differs"

# The command lines, as printed (plus the Python to build for).
mkdir shapes
for cmd in geo.cmd shapes.cmd; do
  eval "$(sed "s|^ffigen |\"\$ffigen\" |" "$cmd") --python \"\$venv\""
done
"$venv" check_migrated.py  # shapes/ is next to it

# The tables, in a pyproject.toml built by pip with the setuptools plugin.
rm -r shapes
cat pyproject_head.toml ffigen/_geo.toml ffigen/_shapes.toml >pyproject.toml
PATH=$work/prefix/bin:$PATH PYTHONPATH=$work/prefix/share/ffigen/python \
  pip wheel --no-build-isolation --no-deps --no-index -w "$work/dist" .
venv=$(new_venv venv-wheel)
pip --python "$venv" install --no-index "$work"/dist/shapes-1.0-*.whl
(cd "$work" && "$venv" -P "$work/project/check_migrated.py")
echo "import_cffi: both outputs built and imported"
