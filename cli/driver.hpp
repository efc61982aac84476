// The front half of every subcommand: read the inputs, parse, resolve, and
// report. Subcommands call load_input() and stop at the first stage that
// reported errors (the checkpoint), with exit status 1.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/decls.hpp"
#include "parser/diagnostics.hpp"
#include "parser/source.hpp"

namespace ffigen::cli {

struct FrontendOptions {
    std::string cdef_path;      // "-" reads standard input
    std::string preamble_path;  // "" when there is no --source
    unsigned pack = 0;          // --pack N (0: natural layout)
    bool allow_override = false;  // --override: a later conflicting declaration wins
};

struct LoadedInput {
    std::unique_ptr<SourceFile> cdef;
    std::unique_ptr<SourceFile> preamble;   // null when there is no --source
    std::unique_ptr<model::Module> module;  // resolved; immutable from here on
    std::vector<std::string> preamble_includes;  // #include targets, in order
};

// A file named on the command line cannot be read: bad usage (exit 2).
// main() reports it as "ffigen: error: cannot open 'x.cdef': <reason>".
struct UnreadableInput : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Returns nothing after reporting through diags when the files have
// errors (exit 1); throws UnreadableInput when one cannot be read.
std::optional<LoadedInput> load_input(const FrontendOptions& options, DiagnosticEngine& diags);

// A DiagnosticEngine that prints each diagnostic to stderr through spdlog.
DiagnosticEngine make_cli_diagnostics();

// Sets up the "ffigen" spdlog logger on stderr with a plain compiler-like
// pattern; verbosity -1 (-q: errors only), 0 (default), 1+ (-v: debug).
void init_logging(int verbosity);

}  // namespace ffigen::cli
