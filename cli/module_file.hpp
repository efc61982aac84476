// The file `ffigen build -o OUT` writes, named so that Python imports it.
//
// OUT may end in a suffix the target Python imports: its EXT_SUFFIX, the
// limited API's ".abi3" plus EXT_SUFFIX's last extension, or that last
// extension alone (".so": Python tries it too). Else the module suffix
// (module_suffix()) is appended. The name before the suffix must be the
// module's own (the last part of a dotted name): `import _foo` looks for
// _foo<suffix> only. A device or FIFO (/dev/null) is written as it is.
#pragma once

#include <optional>
#include <string>

#include "cli/toolchain.hpp"

namespace ffigen::cli {

struct ModuleFile {
    std::string path;    // the shared object to write
    std::string work;    // the work files are named after it: `path`, or for
                         // a device or FIFO its base name in the current directory
    std::string c_file;  // the generated C: the module's stem + ".c" beside `work`
};

// Nothing, with `error` set, when Python could not import `output` as `module`.
std::optional<ModuleFile> module_file(const std::string& output, const std::string& module,
                                      const PythonFacts& facts, bool limited_api, std::string& error);

}  // namespace ffigen::cli
