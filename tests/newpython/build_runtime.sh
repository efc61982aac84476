#!/usr/bin/env bash
# build_runtime.sh PYTHON SOURCE_DIR OUT_DIR: compiles _ffigen_runtime
# (SOURCE_DIR/runtime/*.cpp) for PYTHON with the C++ compiler on PATH, as
# runtime/CMakeLists.txt builds it (C++20, hidden symbols, the C++ runtime
# linked in); run inside the root by in_root.sh, where CMake and our build
# dependencies are not installed. Prints the compiler's warnings; a
# deprecated CPython API is an error (deprecated APIs are the next ones
# removed).
set -euo pipefail
python=$1 src=$2 out=$3
read -r include suffix < <("$python" -c \
    'import sysconfig; print(sysconfig.get_paths()["include"], sysconfig.get_config_var("EXT_SUFFIX"))')
objects=$out/objects-${suffix//./_}
mkdir -p "$objects"
flags=(-std=c++20 -O2 -fPIC -fvisibility=hidden -fvisibility-inlines-hidden -Wall -Wextra -Werror=deprecated-declarations
       -DFFIGEN_RUNTIME_MODULE=_ffigen_runtime "-I$src/runtime" "-I$include")
export objects
# One compiler per core: the runtime is about thirty files.
# shellcheck disable=SC2016  # expanded by the inner bash: the file is its last argument
printf '%s\0' "$src"/runtime/*.cpp |
    xargs -0 -n 1 -P "$(nproc)" bash -c \
        'f=${!#}; exec "${@:1:$#-1}" -c "$f" -o "$objects/$(basename "$f" .cpp).o"' bash g++ "${flags[@]}"
g++ -shared -static-libstdc++ -static-libgcc -Wl,--exclude-libs,ALL "$objects"/*.o -lffi \
    -o "$out/_ffigen_runtime$suffix"
echo "built $out/_ffigen_runtime$suffix"
