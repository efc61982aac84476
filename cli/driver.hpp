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

namespace CLI { class App; }

namespace ffigen::cli {

struct FrontendOptions {
    std::string cdef_path;      // "-" reads standard input
    std::string preamble_path;  // "" when there is no --source
    unsigned pack = 0;          // --pack N (0: natural layout)
    bool allow_override = false;  // --override: a later conflicting declaration wins
    bool keep_gil = false;        // --keep-gil: as if the cdef began with #pragma ffigen gil(keep)
    // --include [MODULE=]PATH, in order: cdefs of modules this one includes
    // (MODULE defaults to PATH's stem: _geo.cdef is module _geo).
    std::vector<std::string> includes;
};

struct LoadedInput {
    std::unique_ptr<SourceFile> cdef;
    std::unique_ptr<SourceFile> preamble;   // null when there is no --source
    std::unique_ptr<model::Module> module;  // resolved; immutable from here on
    std::vector<std::string> preamble_includes;  // #include targets, in order
    std::vector<std::unique_ptr<SourceFile>> included_cdefs;  // --include files, in order
};

// A file named on the command line cannot be read: bad usage (exit 2).
// main() reports it as "ffigen: error: cannot open 'x.cdef': <reason>".
struct UnreadableInput : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Bad usage found after the command line was parsed, e.g. a bad
// --include module name: main() reports "ffigen: error: <what>", exit 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The module name `path` implies: its base name up to the first '.'.
std::string module_name_from_path(const std::string& path);
// "" when `name` is a valid dotted module name, else why not.
std::string check_module_name(const std::string& name);

// Returns nothing after reporting through diags when the files have
// errors (exit 1); throws UnreadableInput when one cannot be read
// and UsageError on a bad --include.
std::optional<LoadedInput> load_input(const FrontendOptions& options, DiagnosticEngine& diags);

// One `--include [MODULE=]PATH`. Throws UsageError when the module name
// (given, or PATH's stem) is not one, or PATH is '-'.
struct IncludeSpec {
    std::string module, path;
};
IncludeSpec parse_include(const std::string& spec);

// Adds `--include [MODULE=]PATH` (repeatable) to a subcommand.
void add_include_option(CLI::App& cmd, FrontendOptions& options);

// Adds `--pack N` to a subcommand: 0 (natural layout), 1, 2, 4, 8 or 16,
// the values both gcc's #pragma pack and CFFI's cdef(pack=N) take.
void add_pack_option(CLI::App& cmd, FrontendOptions& options);

// Adds `--keep-gil`: every function of the cdef keeps the GIL during its C
// call, unless a `#pragma ffigen gil(release)` says otherwise.
void add_keep_gil_option(CLI::App& cmd, FrontendOptions& options);

// A DiagnosticEngine that prints each diagnostic to stderr through spdlog.
DiagnosticEngine make_cli_diagnostics();

// Sets up the "ffigen" spdlog logger on stderr with a plain compiler-like
// pattern; verbosity -1 (-q: errors only), 0 (default), 1+ (-v: debug).
void init_logging(int verbosity);

}  // namespace ffigen::cli
