#!/usr/bin/env bash
# The `ffigen` setuptools plugin as a user has it: installed by
# `cmake --install` (component cli) into a temporary prefix and put on
# PYTHONPATH. `pip wheel --no-build-isolation` builds project/ (pyproject
# [[tool.ffigen.module]], ffigen from $FFIGEN) and setup_py/ (setup.py
# ffigen_modules=, ffigen from PATH) offline; each wheel is abi3, requires
# ffigen-runtime, and runs in a fresh venv with the runtime wheel.
# usage: setuptools_plugin.sh BUILD_DIR RUNTIME_WHEEL WORKDIR  (runs /usr/bin/python3)
set -euo pipefail
build=$1 runtime_wheel=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" --component cli >/dev/null
plugin_dir=$work/prefix/share/ffigen/python
export PYTHONDONTWRITEBYTECODE=1
fail() { echo "setuptools_plugin: $*" >&2; exit 1; }
pip() { "$python" -m pip --disable-pip-version-check -q "$@"; }
metadata() { "$python" -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("pkg-1.0.dist-info/METADATA").decode())' "$1"; }

# build_wheel FORM DIR: the wheel pip builds from DIR (a copy of project/).
build_wheel() {
  local form=$1 dir=$2
  PYTHONPATH=$plugin_dir pip wheel --no-build-isolation --no-deps --no-index -w "$work/$form-dist" "$dir" >&2
  ls "$work/$form-dist"/pkg-1.0-*.whl
}

# check_wheel WHEEL: tags and requirements.
check_wheel() {
  case $(basename "$1") in
    pkg-1.0-cp311-abi3-linux_x86_64.whl) ;;
    *) fail "$(basename "$1"): not tagged cp311-abi3-linux_x86_64" ;;
  esac
  "$python" -m zipfile -l "$1" | grep >/dev/null 'pkg/_foo.abi3.so' || fail "$1 has no pkg/_foo.abi3.so"
  metadata "$1" | grep -x >/dev/null 'Requires-Dist: ffigen-runtime' ||
    fail "$1 does not require ffigen-runtime"
}

# new_venv NAME: a fresh venv without pip (the system pip installs into it).
new_venv() {
  "$python" -m venv --without-pip "$work/$1"
  echo "$work/$1/bin/python"
}

# The pyproject form, its ffigen named by FFIGEN (not on PATH); pip
# resolves ffigen-runtime from the runtime wheel given with it.
cp -r "$here/project" "$work/project"
wheel=$(FFIGEN=$work/prefix/bin/ffigen build_wheel pyproject "$work/project")
check_wheel "$wheel"
venv=$(new_venv venv-pyproject)
pip --python "$venv" install --no-index "$wheel" "$runtime_wheel"
(cd "$work" && "$venv" -P "$here/project/check_installed.py")

# The project's own `dependencies` (applied by setuptools after the
# plugin's hook) stay beside ffigen-runtime.
cp -r "$here/project" "$work/project-deps"
sed -i 's/^version = "1.0"$/&\ndependencies = ["packaging"]/' "$work/project-deps/pyproject.toml"
wheel=$(FFIGEN=$work/prefix/bin/ffigen build_wheel pyproject-deps "$work/project-deps")
check_wheel "$wheel"
metadata "$wheel" | grep -x >/dev/null 'Requires-Dist: packaging' ||
  fail "the project's own dependencies were lost"

# The setup.py form, ffigen found on PATH; pip resolves ffigen-runtime
# from the runtime wheel given with it.
mkdir "$work/setup_py"
cp -r "$here/project/src" "$here/project/pkg" "$here/setup_py/setup.py" "$work/setup_py/"
wheel=$(PATH=$work/prefix/bin:$PATH build_wheel setup_py "$work/setup_py")
check_wheel "$wheel"
venv=$(new_venv venv-setup-py)
pip --python "$venv" install --no-index "$wheel" "$runtime_wheel"
(cd "$work" && "$venv" -P "$here/project/check_installed.py")
echo "setuptools_plugin: pyproject and setup.py forms built, installed and imported"
