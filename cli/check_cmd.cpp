// ffigen check FOO.cdef [--source PRELUDE] [--pack N] [--override] [--include ...]:
// parse and resolve, report, and answer with the exit status only.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/driver.hpp"

namespace ffigen::cli {

void setup_check(CLI::App& app, Runner& run) {
    auto options = std::make_shared<FrontendOptions>();
    CLI::App* cmd = app.add_subcommand("check", "parse and resolve a cdef file, report its errors");
    cmd->add_option("cdef", options->cdef_path, "the cdef file ('-' reads standard input)")
        ->required();
    cmd->add_option("--source", options->preamble_path,
                    "the set_source preamble (scanned for errors)");
    add_pack_option(*cmd, *options);
    add_keep_gil_option(*cmd, *options);
    cmd->add_flag("--override", options->allow_override, "a later conflicting declaration wins");
    add_include_option(*cmd, *options);
    cmd->callback([&run, options] {
        run = [options] {
            DiagnosticEngine diags = make_cli_diagnostics();
            bool ok = load_input(*options, diags).has_value();
            diags.flush();
            return ok ? kExitOk : kExitInputError;
        };
    });
}

}  // namespace ffigen::cli
