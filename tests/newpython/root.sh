# shellcheck shell=bash
# Sourced by the newpython tests: `. root.sh SOURCE_ROOT BINARY_DIR`. Makes
# the Debian testing root if needed (make_root.sh: idempotent, from the
# Debian mirror; tools/install-deps.sh makes it beforehand, so that the
# tests run offline) and sets $root, its directory. Defines
#   in_root CMD...           CMD chrooted there (in_root.sh), SOURCE_ROOT and
#                            BINARY_DIR at the same paths inside
#   need_python VERSION      exits 77 (skipped) when the root lacks it
#   root_command FILE CMD... writes FILE, a host script running CMD and its
#                            arguments in the root (for `ffigen build
#                            --python`, CC, pytest's interpreter)
newpython_dir=$1/tests/newpython
newpython_mounts=$1:$2
root=$("$newpython_dir/make_root.sh")

need_python() {
    [ -x "$root/usr/bin/python$1" ] || { echo "skipped: Debian testing has no python$1 any more"; exit 77; }
}

in_root() { "$newpython_dir/in_root.sh" "$root" "$newpython_mounts" "$@"; }

root_command() {
    local file=$1
    shift
    mkdir -p "$(dirname "$file")"
    printf '#!/bin/sh\nexec %q %q %q %s "$@"\n' "$newpython_dir/in_root.sh" "$root" "$newpython_mounts" \
        "$(printf '%q ' "$@")" >"$file"
    chmod +x "$file"
}
