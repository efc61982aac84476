// The subcommands. Each lives in its own file and registers itself on the
// CLI11 app; main() only parses and runs the chosen one.
#pragma once

#include <functional>

namespace CLI { class App; }

namespace ffigen::cli {

// Exit statuses, as documented in man/ffigen.1.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;  // errors in the input files (or the C compiler failed)
inline constexpr int kExitUsage = 2;       // bad usage: unknown option, missing file

// Set by a subcommand's setup; called by main() after a successful parse.
using Runner = std::function<int()>;

void setup_check(CLI::App& app, Runner& run);     // cli/check_cmd.cpp
void setup_generate(CLI::App& app, Runner& run);  // cli/generate_cmd.cpp
void setup_build(CLI::App& app, Runner& run);     // cli/build_cmd.cpp
void setup_import_cffi(CLI::App& app, Runner& run);  // cli/import_cffi_cmd.cpp

}  // namespace ffigen::cli
