// The pre-pass over a cdef file, before the grammar sees it: comments and
// line continuations become spaces, and directive lines (`#define`,
// `#pragma pack`) are taken out into AST items and blanked. The text keeps
// its length, so every offset the grammar reports is an offset in the
// user's file.
#pragma once

#include <string>
#include <vector>

#include "parser/ast.hpp"
#include "parser/diagnostics.hpp"
#include "parser/source.hpp"

namespace ffigen::parser {

struct Prepassed {
    std::string text;                   // same length as the file
    std::vector<ast::Item> directives;  // Define and PragmaPack, in order
};

// Reports unterminated comments and every directive cdef does not take
// (cdef files are not preprocessed: #include, #if, ... are errors).
Prepassed prepass(const SourceFile& file, DiagnosticEngine& diags);

}  // namespace ffigen::parser
