// ffigen's entry point: builds the subcommands, runs the chosen one, and
// maps every exception to an exit status (none escapes).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <exception>

#include "cli/commands.hpp"
#include "cli/driver.hpp"

namespace {

int run_cli(int argc, char** argv) {
    using namespace ffigen::cli;
    init_logging(0);
    CLI::App app("ffigen: compile CFFI-style cdef files into CPython extension modules", "ffigen");
    app.set_version_flag("--version", "ffigen " FFIGEN_VERSION);
    app.require_subcommand(1);
    int verbosity = 0;
    app.add_flag_function(
        "-v,--verbose", [&](std::int64_t n) { verbosity = static_cast<int>(n); }, "more messages");
    app.add_flag_function(
        "-q,--quiet", [&](std::int64_t) { verbosity = -1; }, "errors only");
    Runner run;
    setup_check(app, run);
    setup_generate(app, run);
    setup_build(app, run);
    setup_import_cffi(app, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);  // prints help, version or the usage error
        return status == 0 ? kExitOk : kExitUsage;
    }
    init_logging(verbosity);
    return run ? run() : kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run_cli(argc, argv);
    } catch (const ffigen::cli::UsageError& e) {
        spdlog::error("ffigen: error: {}", e.what());
        return ffigen::cli::kExitUsage;
    } catch (const ffigen::cli::UnreadableInput& e) {
        spdlog::error("ffigen: error: {}", e.what());
        return ffigen::cli::kExitUsage;
    } catch (const std::exception& e) {
        spdlog::error("ffigen: error: {}", e.what());
        return ffigen::cli::kExitInputError;
    } catch (...) {
        return ffigen::cli::kExitInputError;
    }
}
