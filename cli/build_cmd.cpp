// `ffigen build FOO.cdef --source PRELUDE -o _foo`: generate _foo.c, then
// compile and link _foo<suffix> with the C compiler.
//
// Python facts come from `--python PATH` (asked once) or, when cross-
// compiling, from --python-include and --ext-suffix (no Python needed).
// The compiler links to a temporary name that is renamed into place, so a
// failure leaves nothing half-built at the output path; its messages pass
// through and the status is 1.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "cli/depfile.hpp"
#include "cli/generate_cmd.hpp"
#include "cli/module_file.hpp"
#include "cli/output_file.hpp"
#include "cli/output_guard.hpp"
#include "cli/toolchain.hpp"

namespace ffigen::cli {

namespace {

struct BuildOptions {
    GenerateOptions generate;
    std::vector<std::string> include_dirs, defines, lib_dirs, libs, sources;
    std::string cflags, ldflags, cc, python, python_include, ext_suffix;
    std::string depfile, c_output;
    bool md = false, keep_c = false;
};

int fail(const std::string& message, int status) {
    std::fprintf(stderr, "ffigen: error: %s\n", message.c_str());
    return status;
}

// The module depends on the cdef, the preamble (unless read from standard
// input), the --sources, the --include cdefs and the headers the compiler
// read for the module (its -MD output, minus the generated C file).
std::string rewrite_depfile(const std::string& compiler_deps, const BuildOptions& o,
                            const std::string& target, const std::string& c_file) {
    std::vector<std::string> inputs;
    const FrontendOptions& in = o.generate.frontend;
    for (const std::string& path : {in.cdef_path, in.preamble_path})
        if (!path.empty() && path != "-") inputs.push_back(path);
    inputs.insert(inputs.end(), o.sources.begin(), o.sources.end());
    for (const std::string& spec : in.includes) inputs.push_back(parse_include(spec).path);
    return make_depfile(target, inputs, compiler_deps, c_file);
}

std::optional<PythonFacts> python_facts(const BuildOptions& o, CommandRunner& runner, int& status) {
    bool manual = !o.python_include.empty() || !o.ext_suffix.empty();
    if (manual && (o.python_include.empty() || o.ext_suffix.empty() || !o.python.empty())) {
        status = fail("--python-include and --ext-suffix go together, without --python", kExitUsage);
        return std::nullopt;
    }
    if (manual) {
        spdlog::debug("ffigen: no Python asked: Python.h from {}, EXT_SUFFIX {}", o.python_include, o.ext_suffix);
        // PyPy's EXT_SUFFIX names it: ".pypy39-pp73-x86_64-linux-gnu.so".
        return PythonFacts{o.python_include, o.ext_suffix, false, "", "", o.ext_suffix.starts_with(".pypy")};
    }
    std::string error;
    auto facts = query_python(runner, o.python.empty() ? "python3" : o.python, error);
    if (!facts) status = fail(error, kExitInputError);
    else
        spdlog::debug("ffigen: building for Python {} ({}{}{}{}): Python.h from {}, EXT_SUFFIX {}", facts->executable,
                      facts->version, facts->pypy ? ", PyPy" : "", facts->debug_build ? ", debug build" : "",
                      o.python.empty() ? ", the first python3 on PATH" : "", facts->include_dir, facts->ext_suffix);
    return facts;
}

// PyPy loads a CFFI-style module with its built-in backend only
// (_cffi_pypyinit_<name>): no other runtime module can be asked for.
std::string pypy_refusal(const BuildOptions& o, const PythonFacts& facts) {
    const std::string& runtime = o.generate.runtime;
    if (!facts.pypy || runtime.empty() || runtime == "_cffi_backend") return "";
    return "--runtime " + runtime + ": PyPy loads the module with its built-in _cffi_backend, not another runtime";
}

// `rejected`: the compiler ran and reported errors in the C.
int compile(const BuildOptions& o, CommandRunner& runner, const PythonFacts& facts, const std::string& c_file,
            const ModuleFile& module, const std::string& depfile, bool& rejected) {
    CompileRequest req;
    const char* env_cc = std::getenv("CC");
    req.cc = split_words(!o.cc.empty() ? o.cc : env_cc && *env_cc ? env_cc : "cc");  // checked in run_build
    req.c_file = c_file;
    req.sources = o.sources;
    req.include_dirs = o.include_dirs;
    req.defines = o.defines;
    req.lib_dirs = o.lib_dirs;
    req.libs = o.libs;
    req.cflags = split_words(o.cflags);
    req.ldflags = split_words(o.ldflags);
    req.python_include = facts.include_dir;
    remove_stale_temps(module.work);
    TempFile output(temp_path_beside(module.work));
    req.output = output.path();
    std::optional<TempFile> compiler_deps;
    if (!depfile.empty()) req.depfile = compiler_deps.emplace(temp_path_beside(depfile)).path();
    std::string error;
    std::vector<std::string> argv = compile_argv(req);
    spdlog::debug("{}", shell_join(argv));  // as make echoes it: pasteable
    int status = runner.run(argv, nullptr, error);
    rejected = status > 0;
    if (status != 0)
        return status < 0 ? fail(error, kExitInputError)
                          : fail("the C compiler failed (exit status " + std::to_string(status) + ")",
                                 kExitInputError);
    if (compiler_deps) {
        std::ifstream in(req.depfile);
        std::string deps((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (std::string why = write_if_changed(depfile, rewrite_depfile(deps, o, module.path, c_file)); !why.empty())
            return fail(why, kExitInputError);
    }
    if (std::string why = replace_file(req.output, module.path); !why.empty()) return fail(why, kExitInputError);
    output.keep();
    return kExitOk;
}

// --cflags, --ldflags, --cc: words a shell could split ("" when they are).
std::string split_error(const std::string& text) {
    std::string error;
    split_words(text, &error);
    return error;
}

// A command line that names no compiler ("", blanks) or has an open quote.
std::string compiler_error(const std::string& text) {
    std::string error = split_error(text);
    return !error.empty() || !split_words(text).empty() ? error : "no C compiler in '" + text + "'";
}

std::vector<NamedFile> build_inputs(const BuildOptions& o) {
    std::vector<NamedFile> inputs = generation_inputs(o.generate.frontend);
    for (const std::string& source : o.sources) inputs.push_back({"--sources", source});
    return inputs;
}

// The same file (a rename gives a new inode) with the same mtime.
bool untouched(const std::string& path, const struct stat& before) {
    struct stat now;
    return ::stat(path.c_str(), &now) == 0 && now.st_ino == before.st_ino && now.st_dev == before.st_dev &&
           now.st_mtim.tv_sec == before.st_mtim.tv_sec && now.st_mtim.tv_nsec == before.st_mtim.tv_nsec;
}

// The module is compiled from its C at a stable path (_foo.c), kept when
// the compiler rejects it, so that its messages point into a file that
// exists; after a successful build it is removed unless asked for, or
// unless it held these very bytes before (`ffigen generate -o _foo.c`
// made it: not ours to remove).
int generate_and_compile(const BuildOptions& o, CommandRunner& runner, const PythonFacts& facts, bool limited,
                         const ModuleFile& module) {
    std::string c_file = !o.c_output.empty() ? o.c_output : module.c_file;
    std::string depfile = o.depfile.empty() && o.md ? module.work + ".d" : o.depfile;
    std::vector<NamedFile> outputs = {{"-o", module.path}, {"the generated C", c_file}, {"--depfile", depfile}};
    refuse_same_output({"--pyi", o.generate.pyi}, outputs);
    outputs.push_back({"--pyi", o.generate.pyi});
    refuse_overwriting_inputs(build_inputs(o), outputs);
    std::optional<TempFile> c_guard;
    if (!o.keep_c && o.c_output.empty()) c_guard.emplace(c_file);
    struct stat before;
    bool existed = ::stat(c_file.c_str(), &before) == 0;
    int status = generate_module(o.generate, c_file, limited);
    if (c_guard && existed && untouched(c_file, before)) {
        c_guard->keep();
        c_guard.reset();
    }
    bool rejected = false;
    if (status == kExitOk) status = compile(o, runner, facts, c_file, module, depfile, rejected);
    if (rejected) std::fprintf(stderr, "ffigen: note: the generated C is kept at '%s'\n", c_file.c_str());
    if (rejected && c_guard) c_guard->keep();
    return status;
}

int run_build(BuildOptions& o, CLI::App& cmd) {
    for (const std::string& extra : cmd.remaining()) {
        if (extra == "-MD") o.md = true;
        else return fail("unknown option '" + extra + "' for build", kExitUsage);
    }
    const char* env_cc = std::getenv("CC");
    if (std::string why = env_cc && *env_cc && o.cc.empty() ? compiler_error(env_cc) : ""; !why.empty())
        return fail("$CC: " + why, kExitUsage);
    ProcessRunner runner;
    int status = kExitOk;
    auto facts = python_facts(o, runner, status);
    if (!facts) return status;
    if (std::string why = pypy_refusal(o, *facts); !why.empty()) return fail(why, kExitUsage);
    if (facts->pypy) o.generate.runtime = "_cffi_backend";  // what it is there (and what -v says)
    bool limited = !o.generate.no_limited_api && limited_api_possible(*facts);
    std::string name = valid_module_name(o.generate), error;
    if (name.empty()) return kExitUsage;
    auto module = module_file(o.generate.output, name, *facts, limited, error);
    if (!module) return fail(error, kExitUsage);
    return generate_and_compile(o, runner, *facts, limited, *module);
}

}  // namespace

void setup_build(CLI::App& app, Runner& run) {
    auto o = std::make_shared<BuildOptions>();
    CLI::App* cmd = app.add_subcommand("build", "generate the module and compile it with the C compiler");
    add_generation_options(*cmd, o->generate);
    cmd->add_option("-o,--output", o->generate.output,
                    "the module to build, without suffix (_foo gives _foo.abi3.so)")->required();
    cmd->add_option("-I", o->include_dirs, "add an include directory")->allow_extra_args(false);
    cmd->add_option("-D", o->defines, "define a macro (X or X=Y)")->allow_extra_args(false);
    cmd->add_option("-L", o->lib_dirs, "add a library directory")->allow_extra_args(false);
    cmd->add_option("-l", o->libs, "link with a library")->allow_extra_args(false);
    cmd->add_option("--cflags", o->cflags, "more compiler flags (split like a shell)")
        ->check(CLI::Validator(split_error, "FLAGS"));
    cmd->add_option("--ldflags", o->ldflags, "more linker flags (split like a shell)")
        ->check(CLI::Validator(split_error, "FLAGS"));
    cmd->add_option("--sources", o->sources, "more C files to compile into the module (all the words up to the next option)");
    cmd->add_option("--cc", o->cc, "the C compiler (default: $CC, else cc)")
        ->check(CLI::Validator(compiler_error, "CC"));
    cmd->add_option("--python", o->python, "the Python to build for, CPython or PyPy (default: python3 on PATH)");
    cmd->add_option("--python-include", o->python_include, "Python.h's directory (cross builds)");
    cmd->add_option("--ext-suffix", o->ext_suffix, "the target's EXT_SUFFIX (cross builds)");
    cmd->add_option("--depfile", o->depfile, "write a Make/Ninja dependency file (-MD: <module>.d)");
    cmd->add_flag("--keep-c", o->keep_c, "keep the generated C as <output>.c");
    cmd->add_option("--c-output", o->c_output, "keep the generated C at this path");
    cmd->allow_extras();  // for -MD, which CLI11 cannot name (checked in run_build)
    cmd->callback([&run, o, cmd] { run = [o, cmd] { return run_build(*o, *cmd); }; });
}

}  // namespace ffigen::cli
