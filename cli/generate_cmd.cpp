// `ffigen generate FOO.cdef --source PRELUDE -o _foo.c`: the C source of the
// extension module, written atomically and only when it changed.
#include "cli/generate_cmd.hpp"

#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "cli/output_file.hpp"
#include "cli/output_guard.hpp"
#include "stubs/stubs.hpp"

namespace ffigen::cli {

namespace {

void fail(const std::string& message) { std::fprintf(stderr, "ffigen: error: %s\n", message.c_str()); }

}  // namespace

std::string valid_module_name(const GenerateOptions& options) {
    std::string name = options.module_name.empty() ? module_name_from_path(options.output) : options.module_name;
    if (std::string why = check_module_name(name); !why.empty()) {
        fail(why + " (use --module NAME, dotted identifiers)");
        return "";
    }
    return name;
}

int generate_module(const GenerateOptions& options, const std::string& c_path, bool limited_api) {
    std::string name = valid_module_name(options);
    if (name.empty()) return kExitUsage;
    for (const std::string& spec : options.frontend.includes)
        if (parse_include(spec).module == name) {  // it would import itself
            fail("module '" + name + "' cannot include itself (--include)");
            return kExitUsage;
        }
    DiagnosticEngine diags = make_cli_diagnostics();
    std::optional<LoadedInput> input = load_input(options.frontend, diags);
    bool valid = input && codegen::validate_module(*input->module, diags);
    diags.flush();
    if (!valid) return kExitInputError;
    codegen::EmitOptions emit;
    emit.module_name = name;
    if (input->preamble) {
        emit.preamble = std::string(input->preamble->text());
        emit.preamble_path = options.frontend.preamble_path;
    }
    emit.output_path = c_path;
    emit.limited_api = limited_api;
    emit.runtime = options.runtime;
    spdlog::debug("ffigen: module {} imports {}", name,
                  options.runtime.empty() ? "_ffigen_runtime, then _cffi_backend if that is missing"
                                          : options.runtime + " only");
    std::string c = codegen::emit_module(*input->module, emit);
    std::string why = write_if_changed(c_path, c);
    if (why.empty() && !options.pyi.empty())
        why = write_if_changed(options.pyi, stubs::emit_stub(*input->module, name));
    if (!why.empty()) {
        fail(why);
        return kExitInputError;
    }
    return kExitOk;
}

void add_generation_options(CLI::App& cmd, GenerateOptions& o) {
    cmd.add_option("cdef", o.frontend.cdef_path, "the cdef file ('-' reads standard input)")->required();
    cmd.add_option("--source", o.frontend.preamble_path, "the set_source preamble pasted into the module");
    // Given, even empty, a name must be one (an empty one is not "the default").
    CLI::Validator module_name(check_module_name, "NAME");
    cmd.add_option("--module", o.module_name, "the module's (dotted) name; default: from -o")->check(module_name);
    cmd.add_option("--runtime", o.runtime, "import only this runtime module (e.g. _cffi_backend)")
        ->check(module_name);
    cmd.add_flag("--no-limited-api", o.no_limited_api, "do not define Py_LIMITED_API");
    add_pack_option(cmd, o.frontend);
    add_keep_gil_option(cmd, o.frontend);
    cmd.add_flag("--override", o.frontend.allow_override, "a later conflicting declaration wins");
    add_include_option(cmd, o.frontend);
    // Given, even empty, it asks for a stub: "" is no path (as for --module).
    CLI::Validator path([](const std::string& p) { return p.empty() ? std::string("an empty path") : ""; }, "PATH");
    cmd.add_option("--pyi", o.pyi, "also write the module's typed stub (.pyi) here")->check(path);
}

void setup_generate(CLI::App& app, Runner& run) {
    auto options = std::make_shared<GenerateOptions>();
    CLI::App* cmd = app.add_subcommand("generate", "write the C source of the extension module");
    add_generation_options(*cmd, *options);
    cmd->add_option("-o,--output", options->output, "the .c file to write (.py with --abi)")->required();
    // No preamble, no C: what --source, --include and --no-limited-api shape
    // has no place; the stub describes a C module's lib, which ABI mode has not.
    cmd->add_flag("--abi", options->abi, "write the Python module of CFFI's out-of-line ABI mode (ffi.dlopen)")
        ->excludes("--source")
        ->excludes("--include")
        ->excludes("--no-limited-api")
        ->excludes("--pyi");
    cmd->callback([&run, options] {
        run = [options] {
            refuse_overwriting_inputs(generation_inputs(options->frontend),
                                      {{"-o", options->output}, {"--pyi", options->pyi}});
            refuse_same_output({"--pyi", options->pyi}, {{"-o", options->output}});
            if (options->abi) return generate_abi_module(*options);
            return generate_module(*options, options->output, !options->no_limited_api);
        };
    });
}

}  // namespace ffigen::cli
