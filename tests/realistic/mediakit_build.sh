#!/usr/bin/env bash
# The realistic cdef as a real-world-sized module: derive the C side
# (mediakit_c_side.py), `ffigen build` it, and import and exercise it
# (mediakit_test.py) under /usr/bin/python3 on the runtime given.
#   mediakit_build.sh FFIGEN SRC_DIR WORK_DIR RUNTIME [RUNTIME_DIR]
set -euo pipefail
ffigen=$1 src=$2 work=$3 runtime=$4 runtime_dir=${5:-}
python=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$python" "$src/mediakit_c_side.py" "$src/mediakit.cdef" .
echo '#include "mediakit.h"' >prelude.h
"$ffigen" build "$src/mediakit.cdef" --source prelude.h -o _mediakit -I . --sources mediakit_stubs.c \
    --python "$python" --runtime "$runtime" --cflags "-Wall -Wextra -Werror"
cp "$src/mediakit_test.py" .
PYTHONPATH=".${runtime_dir:+:$runtime_dir}" MEDIAKIT_RUNTIME=$runtime PYTHONDONTWRITEBYTECODE=1 \
    exec "$python" -m pytest -q -p no:cacheprovider mediakit_test.py
