// The parser's firewall: text in, AST out. Nothing here includes Spirit;
// the grammar is compiled once, in grammar.cpp.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.hpp"
#include "parser/diagnostics.hpp"
#include "parser/source.hpp"
#include "parser/type_names.hpp"

namespace ffigen::parser {

// Parses a whole cdef file, one top-level declaration at a time: a syntax
// error is reported and the parser skips to the next `;` or `}` at depth 0,
// so that one run reports every broken declaration.
ast::Unit parse_cdef(const SourceFile& file, DiagnosticEngine& diags,
                     BuiltinTypePredicate builtin = nullptr);

// The same, handing each item to `sink` as soon as it is parsed (in source
// order), so that a consumer can process and drop it while it is still in
// the cache. Typedef names are known to the parser as soon as their
// declaration is handed over. `known_types` are the typedef names declared
// before this file, by the cdefs it includes (ffigen --include).
using ItemSink = std::function<void(ast::Item&&)>;
void parse_cdef(const SourceFile& file, DiagnosticEngine& diags, BuiltinTypePredicate builtin,
                const ItemSink& sink, const std::vector<std::string>& known_types = {});

// Parses a C type name as given to ffi.new()/ffi.cast(): `struct foo *[5]`,
// `int(*)(int)`. `names` tells which identifiers are typedef names. The
// whole text must be one type name; errors go to diags, positioned in `text`.
std::optional<ast::Param> parse_type_name(const SourceFile& text, const TypeNameSet& names,
                                          DiagnosticEngine& diags);

}  // namespace ffigen::parser
