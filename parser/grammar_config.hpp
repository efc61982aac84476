// The types every X3 rule of the cdef grammar is instantiated with: the
// iterator (over the lexer's tokens) and the parse state passed through
// x3::with<>. There is no skipper: the lexer dropped the spaces.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "parser/lexer.hpp"
#include "parser/type_names.hpp"

namespace ffigen::parser {

namespace x3 = boost::spirit::x3;

// Mutable state shared by the rules of one parse.
struct ParseState {
    const char* source = nullptr;  // the file's own text, which token offsets index
    const TypeNameSet* type_names = nullptr;
    unsigned depth = 0;  // current nesting of (, [, { (see `deep`)
};
struct state_tag;

// Thrown by the grammar for a construct CFFI refuses (function bodies,
// __attribute__, too deep nesting). `at` is the token where parsing
// stopped (error recovery starts there); the error is reported at `offset`.
struct UnsupportedConstruct {
    const Token* at;
    std::uint32_t offset;
    std::uint32_t length;
    std::string message;
};

inline constexpr unsigned kMaxNesting = 200;

using iterator_type = const Token*;
using context_type = x3::context<state_tag, ParseState>;

}  // namespace ffigen::parser
