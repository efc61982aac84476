// The types every X3 rule of the cdef grammar is instantiated with: the
// iterator, the skipper, and the parse state passed through x3::with<>.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "parser/type_names.hpp"

namespace ffigen::parser {

namespace x3 = boost::spirit::x3;

// Mutable state shared by the rules of one parse.
struct ParseState {
    const char* base = nullptr;    // offsets in the AST are relative to this
    const char* source = nullptr;  // the file's own text, at the same offsets as `base`
    const TypeNameSet* type_names = nullptr;
    unsigned depth = 0;  // current nesting of (, [, { (see `deep`)
};
struct state_tag;

// Thrown by the grammar for a construct CFFI refuses (function bodies,
// __attribute__, too deep nesting): `where` points into the parsed buffer.
struct UnsupportedConstruct {
    const char* where;
    std::uint32_t length;
    std::string message;
};

inline constexpr unsigned kMaxNesting = 200;

using iterator_type = const char*;
// Comments and directives are blanked by the pre-pass, so spaces are all
// there is to skip.
using skipper_type = x3::ascii::space_type;
using skip_context_type = x3::context<x3::skipper_tag, skipper_type const, x3::unused_type>;
using context_type = x3::context<state_tag, ParseState, skip_context_type>;

}  // namespace ffigen::parser
