#include <doctest/doctest.h>

#include "parser/diagnostics.hpp"

using namespace ffigen;

TEST_CASE("an error renders as path:line:col, the source line and a caret") {
    SourceFile f("foo.cdef", "int a;\ntypedef uint32 handle_t;\n");
    DiagnosticEngine diags;
    diags.error({&f, 15}, "unknown type name 'uint32'", 6);
    CHECK(diags.error_count() == 1);
    CHECK(diags.rendered() ==
          "foo.cdef:2:9: error: unknown type name 'uint32'\n"
          "    2 | typedef uint32 handle_t;\n"
          "      |         ^~~~~~\n");
}

TEST_CASE("a note follows its error and does not count as an error") {
    SourceFile f("x.cdef", "struct s { int a; };\nstruct s { long a; };\n");
    DiagnosticEngine diags;
    auto& d = diags.error({&f, 28}, "conflicting definition of 'struct s'");
    DiagnosticEngine::add_note(d, {&f, 7}, "previous definition is here");
    CHECK(diags.error_count() == 1);
    CHECK(diags.rendered() ==
          "x.cdef:2:8: error: conflicting definition of 'struct s'\n"
          "    2 | struct s { long a; };\n"
          "      |        ^\n"
          "x.cdef:1:8: note: previous definition is here\n"
          "    1 | struct s { int a; };\n"
          "      |        ^\n");
}

TEST_CASE("a diagnostic without a position names ffigen") {
    DiagnosticEngine diags;
    diags.error({}, "no input file");
    CHECK(diags.rendered() == "ffigen: error: no input file\n");
}

TEST_CASE("a sink receives each diagnostic once, with the notes added after reporting") {
    SourceFile f("a.cdef", "x\n");
    std::vector<std::string> seen;
    DiagnosticEngine diags([&](const Diagnostic& d) { seen.push_back(render(d)); });
    auto& d = diags.error({&f, 0}, "first");
    DiagnosticEngine::add_note(d, {&f, 0}, "why");
    diags.warning({&f, 0}, "second");
    diags.flush();
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].find("note: why") != std::string::npos);
    CHECK(diags.error_count() == 1);
}

TEST_CASE("line and column come from the byte offset, past the end clamps to the last line") {
    SourceFile f("p", "ab\ncd");
    CHECK(f.line_col(0).line == 1);
    CHECK(f.line_col(4).line == 2);
    CHECK(f.line_col(4).col == 2);
    CHECK(f.line_col(99).line == 2);
    CHECK(f.line_text(2) == "cd");
    CHECK(f.line_text(3).empty());
}
