// ffigen's entry point: builds the subcommands, runs the chosen one, and
// maps every exception to an exit status (none escapes).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>

#include "cli/commands.hpp"
#include "cli/driver.hpp"

namespace {

void add_verbosity_flags(CLI::App& app) {
    app.add_flag("-v,--verbose")->description("more messages: the compiler command, the Python and the runtime used");
    app.add_flag("-q,--quiet")->description("errors only");
}

// -v and -q as given, before and after the subcommand: the last -q wins
// over the -v before it, each -v after them counts.
int verbosity(const CLI::App& app) {
    int level = 0;
    std::vector<const CLI::App*> apps{&app};
    for (const CLI::App* cmd : app.get_subcommands()) apps.push_back(cmd);
    for (const CLI::App* a : apps)
        for (const CLI::Option* opt : a->parse_order())
            level = opt->check_name("-q") ? -1 : opt->check_name("-v") ? std::max(level, 0) + 1 : level;
    return level;
}

int run_cli(int argc, char** argv) {
    using namespace ffigen::cli;
    init_logging(0);
    CLI::App app("ffigen: compile CFFI-style cdef files into CPython extension modules", "ffigen");
    app.set_version_flag("--version", "ffigen " FFIGEN_VERSION);
    app.require_subcommand(1);
    // Usage errors look like every other error: "ffigen: error: --pack: ...".
    app.failure_message([](const CLI::App* a, const CLI::Error& e) {
        return "ffigen: error: " + CLI::FailureMessage::simple(a, e);
    });
    Runner run;
    setup_check(app, run);
    setup_generate(app, run);
    setup_build(app, run);
    setup_import_cffi(app, run);
    // Before or after the subcommand, as gcc users expect (`ffigen build -v`).
    add_verbosity_flags(app);
    for (CLI::App* cmd : app.get_subcommands({})) add_verbosity_flags(*cmd);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);  // prints help, version or the usage error
        return status == 0 ? kExitOk : kExitUsage;
    }
    init_logging(verbosity(app));
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
