# Sourced by the aarch64 cross tests: `. aarch64_rig.sh SOURCE_ROOT`.
# Finds the cross rig (../shared/tools/cross beside the source tree, or
# $FFIGEN_CROSS_TOOLS), installs its host packages on demand and makes the
# aarch64 sysroot; sets $tools and $sysroot. Exits 77 (skipped) when the
# rig is absent.
tools=${FFIGEN_CROSS_TOOLS:-$1/../shared/tools/cross}
if [ ! -d "$tools" ]; then echo "skipped: $tools is absent"; exit 77; fi
# shellcheck source=/dev/null
. "$tools/cross-common.sh"   # CROSS_WORK_DIR, ensure_packages (apt, on demand)
cross_arch aarch64
ensure_packages "$GCC_PKG" qemu-user
sysroot=$(default_sysroot)
"$tools/make-sysroot.sh" aarch64 "$sysroot"
