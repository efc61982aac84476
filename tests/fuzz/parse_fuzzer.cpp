// Fuzz target for the whole front end: any bytes, as a cdef file, as a
// set_source preamble and as a type name, must give diagnostics or a model,
// never a crash, a hang or unbounded recursion.
//
// Under clang with -DFFIGEN_FUZZ=ON this is a libFuzzer target. Otherwise,
// linked with replay_main.cpp, it is a replay tool (ctest replays
// tests/fuzz/corpus/ this way).
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/sema.hpp"
#include "parser/preamble.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace ffigen;
    std::string text(reinterpret_cast<const char*>(data), size);
    SourceFile file("fuzz.cdef", text);
    DiagnosticEngine diags;
    auto module = model::analyze_cdef(file, diags);
    for (const Diagnostic& d : diags.diagnostics()) (void)render(d);
    DiagnosticEngine preamble_diags;
    (void)parser::scan_preamble(file, preamble_diags);
    DiagnosticEngine type_diags;
    (void)model::resolve_type_name(*module, file, type_diags);
    return 0;
}
