// The set_source preamble scanner.
#include "parser/preamble.hpp"

#include <doctest/doctest.h>

using namespace ffigen;
using parser::PreambleSegment;

TEST_CASE("the preamble splits into code, comments, literals and directives; includes are listed") {
    SourceFile f("p.h",
                 "#include <stdio.h>\n  #  include \"geo.h\"\n/* a \" quote */ int x = '\"';\n"
                 "const char *s = \"// not a comment\"; // a comment\n#define Y \\\n  2\n");
    DiagnosticEngine diags;
    auto scan = parser::scan_preamble(f, diags);
    CHECK(diags.diagnostics().empty());
    CHECK(scan.includes == std::vector<std::string>{"<stdio.h>", "\"geo.h\""});
    int comments = 0, strings = 0, chars = 0, directives = 0;
    std::uint32_t covered = 0;
    for (const PreambleSegment& s : scan.segments) {
        CHECK(s.range.begin == covered);
        covered = s.range.end;
        comments += s.kind == PreambleSegment::Comment;
        strings += s.kind == PreambleSegment::String;
        chars += s.kind == PreambleSegment::Char;
        directives += s.kind == PreambleSegment::Directive;
    }
    CHECK(covered == f.text().size());
    CHECK(comments == 2);
    CHECK(strings == 1);
    CHECK(chars == 1);
    CHECK(directives == 3);
}

TEST_CASE("unterminated comments and literals are reported where they start") {
    SourceFile f("p.h", "int a;\nconst char *s = \"open;\nint c = 'x;\n/* never closed\n");
    DiagnosticEngine diags;
    parser::scan_preamble(f, diags);
    REQUIRE(diags.diagnostics().size() == 3);
    CHECK(diags.rendered() ==
          "p.h:2:17: error: unterminated string literal\n"
          "    2 | const char *s = \"open;\n"
          "      |                 ^~\n"
          "p.h:3:9: error: unterminated character literal\n"
          "    3 | int c = 'x;\n"
          "      |         ^~\n"
          "p.h:4:1: error: unterminated comment\n"
          "    4 | /* never closed\n"
          "      | ^~\n");
}

TEST_CASE("a '#' inside a line is not a directive") {
    SourceFile f("p.h", "int a = 1 # 2;\n#include <x.h>\n");
    DiagnosticEngine diags;
    auto scan = parser::scan_preamble(f, diags);
    CHECK(scan.includes == std::vector<std::string>{"<x.h>"});
}
