// `ffigen generate --abi FOO.cdef -o _foo.py`: the Python module of CFFI's
// out-of-line ABI mode, written atomically and only when it changed.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/generate_cmd.hpp"
#include "cli/output_file.hpp"
#include "codegen/abi.hpp"

namespace ffigen::cli {

int generate_abi_module(const GenerateOptions& options) {
    std::string name = valid_module_name(options);
    if (name.empty()) return kExitUsage;
    DiagnosticEngine diags = make_cli_diagnostics();
    std::optional<LoadedInput> input = load_input(options.frontend, diags);
    bool valid = input && codegen::validate_abi_module(*input->module, diags);
    diags.flush();
    if (!valid) return kExitInputError;
    std::string py = codegen::emit_abi_module(*input->module, {name, options.runtime});
    if (std::string why = write_if_changed(options.output, py); !why.empty()) {
        std::fprintf(stderr, "ffigen: error: %s\n", why.c_str());
        return kExitInputError;
    }
    return kExitOk;
}

}  // namespace ffigen::cli
