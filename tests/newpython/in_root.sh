#!/usr/bin/env bash
# in_root.sh ROOT DIRS CMD [ARGS...]: runs CMD chrooted in ROOT (a root made
# by make_root.sh), in the current directory, with each host directory of
# DIRS (colon-separated) bind-mounted at the same path inside, so that paths
# mean the same on both sides. The mounts live in a private mount namespace:
# they vanish with CMD, and parallel callers do not see each other's. Host
# settings that would mislead the root's programs (PATH, LD_PRELOAD,
# PYTHONHOME, user site, CC: it may name a host script that runs in_root.sh)
# are not passed in. Needs root.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 ROOT DIRS CMD [ARGS...]" >&2; exit 2; }
root=$1 dirs=$2
shift 2
# shellcheck disable=SC2016  # expanded by the inner shell
exec env -u LD_PRELOAD -u LD_LIBRARY_PATH -u PYTHONHOME -u CC PYTHONNOUSERSITE=1 \
    PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
    unshare --mount --propagation private -- /bin/bash -c '
set -e
root=$1 dirs=$2 cwd=$3
shift 3
IFS=: read -ra list <<<"$dirs"
for d in "${list[@]}"; do
    mkdir -p "$root$d"
    mount --bind "$d" "$root$d"
done
mount -t proc proc "$root/proc"  # /dev/fd and /proc/self, for bash and compilers
exec chroot "$root" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$cwd" "$@"
' in_root "$root" "$dirs" "$PWD" "$@"
