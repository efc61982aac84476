// The cdef lexer: text to a flat vector of tokens, which the X3 grammar parses
// instead of characters. Scanning each character once here, and looking up
// each identifier's keyword role once, is what makes the parse cheap: on
// characters, X3 re-ran its skipper before every primitive and re-scanned a
// word for each alternative that tried it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parser/blanks.hpp"
#include "parser/keywords.hpp"

namespace ffigen::parser {

enum class TokenKind : std::uint8_t {
    Identifier,  // [A-Za-z_][A-Za-z0-9_]*
    Integer,     // (0[xX][0-9a-fA-F]+ | [0-9]+) [uUlL]*   (validated by sema)
    String,      // "..." on one line, quotes included
    Char,        // 'x' or '\\...' on one line, quotes included (validated by sema)
    Punct,       // one character: any byte no other kind takes, unknown ones too
    Ellipsis,    // ...
    ShiftLeft,   // <<
    ShiftRight,  // >>
    Malformed,   // a number that is not an integer literal: `1.5`, `0x`, `9abc`
    End,         // after the last token, at the text's end
};

struct Token {
    std::uint32_t offset = 0;  // in the text lexed (= in the SourceFile)
    std::uint32_t length = 0;
    TokenKind kind = TokenKind::End;
    WordRole role = WordRole::None;  // Identifier only
    char ch = 0;                     // Punct only: the character

    std::uint32_t end() const { return offset + length; }
    bool is(char c) const { return kind == TokenKind::Punct && ch == c; }
};

// Never fails: a character no token starts with is a Punct token of its
// own, which no grammar rule accepts, so the error lands on its column.
// The vector always ends with an End token. text.data()[text.size()] must
// be '\0' (a std::string's or a SourceFile's text): the scans of spaces and
// words stop on it without an end test. lex() reads every byte as code (a
// type name given to ffi.typeof, say).
std::vector<Token> lex(std::string_view text);

// A cdef file's tokens: comments and continuations are blank, and so are
// directive lines, from a '#' that is the first non-blank of its line to
// the line's end, which are listed for the directive reader.
struct CdefTokens {
    std::vector<Token> tokens;
    std::vector<TextSpan> directives;  // '#' to the line's end, in order
    std::optional<std::uint32_t> unterminated_comment;  // where its "/*" is
};
CdefTokens lex_cdef(std::string_view text);

}  // namespace ffigen::parser
