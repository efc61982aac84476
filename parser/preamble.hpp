// The set_source preamble scanner: splits the C text pasted into the
// module into comments, string and character literals, preprocessor lines
// and code, so that an unterminated comment or literal is reported at its
// file:line:col before any C compiler runs, and so that the driver knows
// the #include targets.
#pragma once

#include <string>
#include <vector>

#include "parser/ast.hpp"
#include "parser/diagnostics.hpp"
#include "parser/source.hpp"

namespace ffigen::parser {

struct PreambleSegment {
    enum Kind : std::uint8_t { Code, Comment, String, Char, Directive };
    Kind kind;
    ast::Range range;
};

struct PreambleScan {
    std::vector<PreambleSegment> segments;  // in order, covering the whole text
    std::vector<std::string> includes;      // `#include <x.h>` -> "<x.h>", `"y.h"` -> "\"y.h\""
};

PreambleScan scan_preamble(const SourceFile& file, DiagnosticEngine& diags);

}  // namespace ffigen::parser
