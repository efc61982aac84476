#!/usr/bin/env bash
# The ffigen-runtime wheel in a fresh venv, offline: pip installs it,
# `import _ffigen_runtime` works, a module ffigen built imports on it (not
# on a _cffi_backend: the venv has none), and pip uninstall leaves the
# venv's site-packages as it found it; the wheel's RECORD is right.
# The wheel is the one `cmake --install` (component wheel) puts under
# share/ffigen/wheels of a temporary prefix.
# usage: runtime_wheel.sh FFIGEN BUILD_DIR WHEEL_NAME WORKDIR   (runs /usr/bin/python3)
set -euo pipefail
ffigen=$1 build=$2 wheel_name=$3 work=$4
examples=$(cd "$(dirname "$0")/../../../examples" && pwd)
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" --component wheel >/dev/null
wheel=$work/prefix/share/ffigen/wheels/$wheel_name
venv=$work/venv

# The RECORD lists every member with its sha256 and size (pip trusts it
# and writes its own at install time, so uninstalling does not show this).
"$python" - "$wheel" <<'PY'
import base64, hashlib, sys, zipfile
wheel = zipfile.ZipFile(sys.argv[1])
record = [n for n in wheel.namelist() if n.endswith(".dist-info/RECORD")]
assert len(record) == 1, record
rows = {}
for line in wheel.read(record[0]).decode().splitlines():
    path, digest, size = line.rsplit(",", 2)
    rows[path] = (digest, size)
assert set(rows) == set(wheel.namelist()), (sorted(rows), wheel.namelist())
for path, (digest, size) in rows.items():
    if path == record[0]:
        assert (digest, size) == ("", ""), line
        continue
    data = wheel.read(path)
    want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    assert (digest, size) == (want, str(len(data))), (path, digest, size)
PY
"$python" -m venv --without-pip "$venv"
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["platlib"])')
# pip removes directories an uninstall empties: a file of ours keeps it.
touch "$site/unrelated.txt"
before=$(cd "$site" && find . | sort)
pip() { "$python" -m pip --python "$venv/bin/python" --disable-pip-version-check -q "$@"; }

pip install --no-index "$wheel"
"$venv/bin/python" -c 'import _ffigen_runtime; print("imported", _ffigen_runtime.__file__)'

"$ffigen" build "$examples/geometry.cdef" --source "$examples/geometry.h" -o "$work/_geometry" \
  --python "$venv/bin/python" -l m
(cd "$work" && PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -) <<'PY'
import _geometry
assert type(_geometry.ffi).__module__ == "_ffigen_runtime", type(_geometry.ffi).__module__
p = _geometry.ffi.new("struct point *", [3, 4])
assert _geometry.lib.point_distance(p[0], _geometry.ffi.new("struct point *")[0]) == 5.0
print("_geometry runs on", type(_geometry.ffi).__module__)
PY

pip uninstall -y ffigen-runtime
after=$(cd "$site" && find . | sort)
if [ "$before" != "$after" ]; then
  echo "runtime_wheel: pip uninstall left files behind:" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
if "$venv/bin/python" -c 'import _ffigen_runtime' 2>/dev/null; then
  echo "runtime_wheel: _ffigen_runtime still imports after uninstall" >&2
  exit 1
fi
echo "runtime_wheel: installed, used and uninstalled cleanly"
