// `ffigen import-cffi foo_build.py[:ffi] [-o DIR]`: turns a CFFI build
// script into ffigen's inputs. The work is Python (python/ffigen/
// import_cffi.py: it runs the script with a stand-in `cffi`); this only
// runs it with --python and the `ffigen` package installed with this
// executable, passing its exit status through.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/toolchain.hpp"

namespace ffigen::cli {

namespace {

namespace fs = std::filesystem;

struct ImportOptions {
    std::string script, output_dir, python = "python3";
    bool force = false;
};

// The directory holding the `ffigen` package, at its place relative to
// this executable (so a moved prefix still works; the build tree mirrors
// it, python/CMakeLists.txt).
std::string package_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    fs::path dir = exe.parent_path() / FFIGEN_PYTHON_RELATIVE_DIR;
    if (!ec && fs::exists(dir / "ffigen" / "import_cffi.py", ec)) return dir.lexically_normal().string();
    return "";
}

int run_import(const ImportOptions& o) {
    std::string dir = package_dir();
    if (dir.empty()) {
        std::fprintf(stderr, "ffigen: error: the ffigen Python package is not installed next to this ffigen\n");
        return kExitInputError;
    }
    const char* old = std::getenv("PYTHONPATH");
    std::string path = old && *old ? dir + ":" + old : dir;
    ::setenv("PYTHONPATH", path.c_str(), 1);
    std::vector<std::string> argv{o.python, "-m", "ffigen.import_cffi", o.script};
    if (!o.output_dir.empty()) argv.insert(argv.end(), {"-o", o.output_dir});
    if (o.force) argv.push_back("--force");
    ProcessRunner runner;
    std::string error;
    int status = runner.run(argv, nullptr, error);
    if (status < 0) {
        std::fprintf(stderr, "ffigen: error: %s (use --python PATH)\n", error.c_str());
        return kExitUsage;
    }
    return status == kExitOk || status == kExitUsage ? status : kExitInputError;
}

}  // namespace

void setup_import_cffi(CLI::App& app, Runner& run) {
    auto o = std::make_shared<ImportOptions>();
    CLI::App* cmd = app.add_subcommand(
        "import-cffi", "write the cdef, preamble, pyproject table and build command of a CFFI build script");
    cmd->add_option("script", o->script, "the CFFI build script, as PATH or PATH:NAME of its FFI object")
        ->required();
    cmd->add_option("-o,--output-dir", o->output_dir, "where to write the files (default: .)");
    cmd->add_flag("--force", o->force, "replace existing files that differ");
    cmd->add_option("--python", o->python, "the Python that runs the script (default: python3 on PATH)");
    cmd->callback([&run, o] { run = [o] { return run_import(*o); }; });
}

}  // namespace ffigen::cli
