// The directive lines of a cdef file (`#define`, `#pragma pack`, `#pragma
// ffigen gil(...)`), which the lexer found and left out of the tokens, read
// into AST items. cdef files are not preprocessed: every other directive
// (#include, #if, ...) is an error.
#pragma once

#include <vector>

#include "parser/ast.hpp"
#include "parser/blanks.hpp"
#include "parser/diagnostics.hpp"
#include "parser/source.hpp"

namespace ffigen::parser {

// `lines` run from their '#' to their line's end, in order (as lex_cdef
// lists them); the items (Define, PragmaPack, PragmaGil) come in the same order.
std::vector<ast::Item> read_directives(const SourceFile& file, const std::vector<TextSpan>& lines,
                                       DiagnosticEngine& diags);

}  // namespace ffigen::parser
