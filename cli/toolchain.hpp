// The C toolchain and the target Python, as `ffigen build` uses them.
//
// Commands run through a CommandRunner (posix_spawn, an argv vector, no
// shell), so unit tests can check a command line without running gcc.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ffigen::cli {

class CommandRunner {
public:
    virtual ~CommandRunner() = default;
    // Runs argv[0] (searched on PATH) and waits. Standard error passes
    // through; standard output too, or into *captured when given.
    // Returns the exit status, or -1 with `error` set when it could not run.
    virtual int run(const std::vector<std::string>& argv, std::string* captured, std::string& error) = 0;
};

class ProcessRunner final : public CommandRunner {
public:
    int run(const std::vector<std::string>& argv, std::string* captured, std::string& error) override;
};

// What building an extension needs to know about the target Python.
struct PythonFacts {
    std::string include_dir;  // holds Python.h
    std::string ext_suffix;   // ".cpython-311-x86_64-linux-gnu.so"
    bool debug_build = false; // Py_DEBUG: no limited API
    std::string executable;   // sys.executable ("" when no Python was asked)
    std::string version;      // "3.11.2" ("" when no Python was asked)
    bool pypy = false;        // imports only EXT_SUFFIX, with its built-in CFFI backend
};

// Whether a module for this Python may use the limited API (and .abi3):
// not for a debug build, nor for PyPy, which imports no .abi3 name.
bool limited_api_possible(const PythonFacts& facts);

// Asks `python` once (sysconfig, sys.implementation); nothing after setting `error`.
std::optional<PythonFacts> query_python(CommandRunner& runner, const std::string& python,
                                        std::string& error);

// The file name suffix of a module: EXT_SUFFIX, or for the limited API
// ".abi3" plus EXT_SUFFIX's last extension (".abi3.so"), as setuptools names
// py_limited_api extensions; EXT_SUFFIX when !limited_api_possible.
std::string module_suffix(const PythonFacts& facts, bool limited_api);

// Shell-like words: blanks separate, quotes group, backslash escapes.
// A quote left open sets *error (when given): a shell would refuse it.
std::vector<std::string> split_words(const std::string& text, std::string* error = nullptr);

// The words as one line a POSIX shell splits back into them (for -v: a
// command line the user can paste).
std::string shell_join(const std::vector<std::string>& words);

struct CompileRequest {
    std::vector<std::string> cc{"cc"};  // may be several words ("ccache gcc")
    std::string c_file;                 // the generated module
    std::vector<std::string> sources;   // more C files to link in
    std::vector<std::string> include_dirs, defines, lib_dirs, libs;
    std::vector<std::string> cflags, ldflags;
    std::string python_include;
    std::string output;                 // the shared object to write
    std::string depfile;                // "" : none; else the compiler's -MD output
};

// One compile-and-link command line.
std::vector<std::string> compile_argv(const CompileRequest& request);

}  // namespace ffigen::cli
