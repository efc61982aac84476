// Fuzz target for the whole front end: any bytes, as a cdef file, as a
// set_source preamble and as a type name, must give diagnostics or a model,
// never a crash, a hang or unbounded recursion.
//
// Under clang with -DFFIGEN_FUZZ=ON this is a libFuzzer target. Otherwise
// (FFIGEN_REPLAY_MAIN) it is a replay tool: it runs every file named on the
// command line, or every file in the directories named, through the target
// (ctest replays tests/fuzz/corpus/ this way).
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

#ifdef FFIGEN_REPLAY_MAIN
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace {
int replay(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return 1;
}
}  // namespace

int main(int argc, char** argv) {
    int count = 0;
    for (int i = 1; i < argc; ++i) {
        std::filesystem::path p(argv[i]);
        if (std::filesystem::is_directory(p)) {
            for (const auto& entry : std::filesystem::directory_iterator(p))
                if (entry.is_regular_file()) count += replay(entry.path());
        } else {
            count += replay(p);
        }
    }
    std::printf("replayed %d inputs\n", count);
    return 0;
}
#endif
