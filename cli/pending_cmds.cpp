// TEMPORARY (until cli/generate_cmd.cpp and cli/build_cmd.cpp join the
// build; the codegen helper deletes this file then): `generate` and `build`
// exist on the command line and say they are not implemented yet.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

namespace ffigen::cli {

namespace {
void pending(CLI::App& app, Runner& run, const char* name) {
    CLI::App* cmd = app.add_subcommand(name, "(not implemented yet)");
    cmd->allow_extras();
    cmd->callback([&run, name] {
        run = [name] {
            spdlog::error("ffigen: error: '{}' is not implemented yet", name);
            return kExitUsage;
        };
    });
}
}  // namespace

void setup_generate(CLI::App& app, Runner& run) { pending(app, run, "generate"); }
void setup_build(CLI::App& app, Runner& run) { pending(app, run, "build"); }

}  // namespace ffigen::cli
