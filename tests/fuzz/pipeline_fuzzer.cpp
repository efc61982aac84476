// Fuzz target for the whole compiler: any bytes that the front end accepts
// as a cdef must go through validation and code generation to the C source
// of a module, never a crash, a hang or unbounded recursion. The front end
// alone is parse_fuzzer.cpp; this one reaches codegen.
//
// With FFIGEN_FUZZ_COMPILE set in the environment (the slow mode) the
// generated C, with the cdef as its preamble, is also compiled with
// `$CC -fsyntax-only` against the Python headers (FFIGEN_FUZZ_PYINC, the
// directory of Python.h): a cdef that is valid C must give a module that
// compiles.
//
// As parse_fuzzer.cpp: a libFuzzer target under clang with FFIGEN_FUZZ=ON,
// otherwise, linked with replay_main.cpp, a replay tool.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

#include "codegen/emit.hpp"
#include "model/sema.hpp"

namespace {

// Whether `$CC -fsyntax-only` takes the C text, against the Python headers.
bool compiles(const std::string& c) {
    const char* pyinc = std::getenv("FFIGEN_FUZZ_PYINC");
    const char* cc = std::getenv("CC");
    std::string path = "/tmp/ffigen_pipeline_fuzz_" + std::to_string(::getpid()) + ".c";
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return true;
    std::fwrite(c.data(), 1, c.size(), f);
    std::fclose(f);
    std::string cmd = std::string(cc ? cc : "gcc") + " -fsyntax-only -w -I" + (pyinc ? pyinc : "/usr/include/python3.11") +
                      " " + path + " >/dev/null 2>&1";
    int status = std::system(cmd.c_str());
    std::remove(path.c_str());
    return status == 0;
}

// The slow mode: the cdef is its own preamble (as when it is a header's
// declarations); when it compiles as C, the module must too. Aborts (a
// finding) if not.
void compile_or_abort(const std::string& cdef, const std::string& c) {
    if (!compiles("#include <stddef.h>\n#include <stdint.h>\n#include <wchar.h>\n#include <stdio.h>\n" + cdef)) return;
    if (!compiles(c)) {
        std::fputs("pipeline_fuzzer: the generated C does not compile\n", stderr);
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ffigen;
    static const bool compile = std::getenv("FFIGEN_FUZZ_COMPILE") != nullptr;
    std::string text(reinterpret_cast<const char*>(data), size);
    SourceFile file("fuzz.cdef", text);
    DiagnosticEngine diags;
    auto module = model::analyze_cdef(file, diags);
    if (!module || diags.has_errors()) return 0;
    if (!codegen::validate_module(*module, diags)) return 0;
    codegen::EmitOptions options;
    options.module_name = "_fuzz";
    options.output_path = "_fuzz.c";
    if (compile) options.preamble = text;
    std::string c = codegen::emit_module(*module, options);
    if (compile) compile_or_abort(text, c);
    return 0;
}
