// Fuzz target for the whole compiler: any bytes that the front end accepts
// as a cdef must go through validation and code generation to the C source
// of a module, never a crash, a hang or unbounded recursion. The front end
// alone is parse_fuzzer.cpp; this one reaches codegen.
//
// With FFIGEN_FUZZ_COMPILE set in the environment (the slow mode) the
// generated C, with the cdef as its preamble, is also compiled with
// `$CC -fsyntax-only` against the Python headers (FFIGEN_FUZZ_PYINC, the
// directory of Python.h): when it does not, stock CFFI's module for the
// same cdef and preamble must not compile either (/usr/bin/python3's cffi).
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

std::string temp_path(const char* suffix) {
    return "/tmp/ffigen_pipeline_fuzz_" + std::to_string(::getpid()) + suffix;
}

bool write_file(const std::string& path, const std::string& text) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    std::fwrite(text.data(), 1, text.size(), f);
    return std::fclose(f) == 0;
}

// Whether `$CC -fsyntax-only` takes the C file, against the Python headers.
bool compiles_file(const std::string& path) {
    const char* pyinc = std::getenv("FFIGEN_FUZZ_PYINC");
    const char* cc = std::getenv("CC");
    std::string cmd = std::string(cc ? cc : "gcc") + " -fsyntax-only -w -I" +
                      (pyinc ? pyinc : "/usr/include/python3.11") + " " + path + " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

bool compiles(const std::string& c) {
    std::string path = temp_path(".c");
    bool ok = !write_file(path, c) || compiles_file(path);
    std::remove(path.c_str());
    return ok;
}

// The oracle: whether stock CFFI's module for the cdef (as its own
// preamble) compiles. A cdef CFFI cannot make a module of either (a
// struct passed by value that the cdef never completes) is no finding.
bool cffi_module_compiles(const std::string& cdef) {
    std::string cdef_path = temp_path(".cdef"), c_path = temp_path("_cffi.c");
    write_file(cdef_path, cdef);
    std::string cmd = "/usr/bin/python3 -c \"import cffi,sys; t=open(sys.argv[1]).read(); f=cffi.FFI(); "
                      "f.cdef(t); f.set_source('_fuzz', t); f.emit_c_code(sys.argv[2])\" " +
                      cdef_path + " " + c_path + " >/dev/null 2>&1";
    bool ok = std::system(cmd.c_str()) == 0 && compiles_file(c_path);
    std::remove(cdef_path.c_str());
    std::remove(c_path.c_str());
    return ok;
}

// The slow mode: the cdef is its own preamble (as when it is a header's
// declarations); when CFFI's module for it compiles, ours must too.
// Aborts (a finding) if not.
void compile_or_abort(const std::string& cdef, const std::string& c) {
    if (compiles(c)) return;
    if (!compiles("#include <stddef.h>\n#include <stdint.h>\n#include <wchar.h>\n#include <stdio.h>\n" + cdef)) return;
    if (!cffi_module_compiles(cdef)) return;
    std::fputs("pipeline_fuzzer: the generated C does not compile, and CFFI's does\n", stderr);
    std::abort();
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
