// `ffigen generate` and the generation step `ffigen build` shares with it.
#pragma once

#include <string>

#include "cli/driver.hpp"
#include "codegen/emit.hpp"

namespace CLI { class App; }

namespace ffigen::cli {

struct GenerateOptions {
    FrontendOptions frontend;
    std::string output;       // the .c to write
    std::string module_name;  // "" : from the output's name
    std::string runtime;      // "" : _ffigen_runtime, falling back to _cffi_backend
    std::string pyi;          // --pyi: the typed stub to write ("" : none)
    bool no_limited_api = false;
    bool abi = false;         // --abi: a Python module (generate_abi.cpp)
};

// --module, else the base name of -o up to its first dot; "" after
// reporting that it is not a valid module name (exit status 2).
std::string valid_module_name(const GenerateOptions& options);

// Loads the input, emits the module and writes it to `c_path` (atomically,
// only if changed), and its stub to --pyi likewise. Returns an exit status
// (commands.hpp).
int generate_module(const GenerateOptions& options, const std::string& c_path, bool limited_api);

// `generate --abi`: the Python module of out-of-line ABI mode to
// options.output. Returns an exit status.
int generate_abi_module(const GenerateOptions& options);

// The options both commands take: cdef, --source, --module, --runtime,
// --no-limited-api, --pack, --override, --include, --pyi.
void add_generation_options(CLI::App& cmd, GenerateOptions& options);

}  // namespace ffigen::cli
