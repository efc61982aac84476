#!/usr/bin/env bash
# cpack -G DEB from BUILD_DIR: checks both packages' control fields, file
# lists and that no build path leaked into them; installs them with
# `dpkg --root` into an empty dpkg database (dependencies forced: the root
# is not a Debian system, and mmdebstrap would need the network), then builds
# examples/cmake with the installed ffigen and CMake package only and imports
# it on the installed runtime, with this machine's /usr/bin/python3.
#   deb_packages.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
build=$1 src=$2 work=$3
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work/debs"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/debs" > "$work/cpack.log"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
cli=$work/debs/ffigen_${version}_$arch.deb runtime=$work/debs/python3-ffigen-runtime_${version}_$arch.deb

fail() { echo "FAIL: $*"; exit 1; }
field() { dpkg-deb -f "$1" "$2"; }
for deb in "$cli" "$runtime"; do
  test -f "$deb" || fail "cpack wrote no $(basename "$deb"): $(ls "$work/debs")"
  for f in Package Version Architecture Maintainer Description Section; do
    [ -n "$(field "$deb" $f)" ] || fail "$(basename "$deb") has no $f"
  done
  [ "$(field "$deb" Version) $(field "$deb" Architecture)" = "$version $arch" ] ||
    fail "$(basename "$deb"): version or architecture"
  mkdir -p "$work/x" && dpkg-deb -x "$deb" "$work/x"
done
[ "$(field "$cli" Package) $(field "$runtime" Package)" = "ffigen python3-ffigen-runtime" ] ||
  fail "package names"
read -r major minor < <($python -c 'import sys; print(*sys.version_info[:2])')
want="python3 (>= $major.$minor), python3 (<< $major.$((minor + 1)))"
case "$(field "$runtime" Depends)" in
  "$want, "*libffi8*) ;;
  *) fail "python3-ffigen-runtime Depends: $(field "$runtime" Depends), expected $want and libffi8" ;;
esac
files() { dpkg-deb -c "$1" | awk '$1 !~ /^d/ { print $6 }' | sort | tr '\n' ' '; }
for f in ./usr/bin/ffigen ./usr/share/man/man1/ffigen.1 ./usr/lib/cmake/ffigen/ffigenConfig.cmake \
         ./usr/lib/cmake/ffigen/ffigenConfigVersion.cmake ./usr/lib/cmake/ffigen/ffigen_add_module.cmake; do
  files "$cli" | grep -q "$f " || fail "ffigen.deb lacks $f"
done
suffix=$($python -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
[ "$(files "$runtime")" = "./usr/lib/python3/dist-packages/_ffigen_runtime$suffix " ] ||
  fail "python3-ffigen-runtime holds $(files "$runtime")"
if grep -rlF -e "$build" -e "$src" "$work/x"; then fail "build paths in the packages (above)"; fi
echo "ok: control fields, file lists, no build paths"

root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-depends -i "$cli" "$runtime" > "$work/dpkg.log" 2>&1 ||
  { cat "$work/dpkg.log"; fail "dpkg -i"; }
for p in ffigen python3-ffigen-runtime; do
  dpkg --root="$root" -s $p | grep -qx "Status: install ok installed" || fail "$p is not installed"
done

cp -r "$src/examples" "$work/examples"
cmake -S "$work/examples/cmake" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$root/usr" \
  -DPython3_EXECUTABLE=$python > "$work/configure.log"
grep -q "ffigen_DIR:PATH=$root/usr/lib/cmake/ffigen" "$work/consumer/CMakeCache.txt" ||
  fail "the consumer did not take the installed package"
cmake --build "$work/consumer" -v > "$work/build.log"
grep -q "$root/usr/bin/ffigen generate" "$work/build.log" || fail "the installed ffigen did not run"
PYTHONPATH="$root/usr/lib/python3/dist-packages:$work/consumer" PYTHONDONTWRITEBYTECODE=1 \
  $python "$work/examples/use_modules.py" | grep -q "^ok on _ffigen_runtime $root/usr/lib/python3/dist-packages/" ||
  fail "the module did not run on the installed runtime"
echo "ok: both packages installed into $root; a module built and imported with them"
