// The cdef lexer: token kinds, offsets and keyword roles, and that every
// byte of any input lands in some token (the grammar reports what it does
// not accept at that token's column).
#include "parser/lexer.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ffigen::parser;

namespace {

std::string kinds_of(const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& t : tokens) {
        switch (t.kind) {
            case TokenKind::Identifier: out += 'i'; break;
            case TokenKind::Integer: out += 'n'; break;
            case TokenKind::String: out += 's'; break;
            case TokenKind::Char: out += 'c'; break;
            case TokenKind::Punct: out += t.ch; break;
            case TokenKind::Ellipsis: out += 'E'; break;
            case TokenKind::ShiftLeft: out += 'L'; break;
            case TokenKind::ShiftRight: out += 'R'; break;
            case TokenKind::Malformed: out += 'M'; break;
            case TokenKind::End: out += '$'; break;
        }
    }
    return out;
}

std::string kinds(const std::string& text) { return kinds_of(lex(text)); }

}  // namespace

TEST_CASE("tokens carry their offset, length and keyword role") {
    std::string text = "  unsigned long *names[3],\n\tf(int, ...);";
    auto tokens = lex(text);
    REQUIRE(kinds(text) == "ii*i[n],i(i,E);$");
    CHECK(tokens[0].offset == 2);
    CHECK(tokens[0].length == 8);
    CHECK(tokens[0].role == WordRole::TypeSpec);
    CHECK(tokens[3].role == WordRole::None);
    CHECK(text.substr(tokens[3].offset, tokens[3].length) == "names");
    CHECK(tokens[12].length == 3);  // "..."
    CHECK(tokens.back().offset == text.size());
    CHECK(tokens.back().length == 0);
}

TEST_CASE("integer literals are whole; anything glued to a number is malformed") {
    CHECK(kinds("0x1fUL 42u 017 0XaBl") == "nnnn$");
    CHECK(kinds("1.5 0x 9abc 1..") == "MMMM$");
    CHECK(kinds("x1.5") == "i.n$");  // an identifier, '.', then 5
}

TEST_CASE("only '...', '<<' and '>>' are punctuators of several characters") {
    CHECK(kinds("a<<b>>c") == "iLiRi$");
    CHECK(kinds("< < . . ->&&") == "<<..->&&$");
    CHECK(kinds("....") == "E.$");
}

TEST_CASE("strings end on their line; an unterminated quote stands alone") {
    CHECK(kinds("extern \"Python\" {") == "is{$");
    CHECK(kinds("extern \"Py\nthon\"") == "i\"ii\"$");
    CHECK(kinds("extern \"Py\xe9thon\"") == "i\"i\xe9i\"$");  // ASCII only
}

TEST_CASE("unknown bytes are one-character tokens, never dropped") {
    std::string text = std::string("a @ ' $ \\ ") + '\0' + " \xff b";
    auto tokens = lex(text);
    REQUIRE(kinds(text).size() == 9);
    CHECK(tokens[1].ch == '@');
    CHECK(tokens[1].offset == 2);
    CHECK(tokens[5].ch == '\0');
    CHECK(tokens[6].ch == '\xff');
    CHECK(tokens[7].kind == TokenKind::Identifier);
    CHECK(lex("").size() == 1);
    CHECK(lex(" \n\t\v\f\r").front().offset == 6);
}

namespace {

// The kinds of lex_cdef's tokens, then '|' and each directive line's text.
std::string cdef(const std::string& text) {
    CdefTokens lexed = lex_cdef(text);
    std::string out = kinds_of(lexed.tokens);
    for (TextSpan d : lexed.directives) out += "|" + text.substr(d.begin, d.end - d.begin);
    return out;
}

}  // namespace

TEST_CASE("in a cdef, comments and continuations are blank; offsets stay the file's") {
    std::string text = "a /* x\n y */ b // c \\\n d\n e\\\nf \\\r\ng";
    CdefTokens lexed = lex_cdef(text);
    CHECK(cdef(text) == "iiiii$");
    CHECK(lexed.tokens[1].offset == text.find('b'));
    CHECK(lexed.tokens[2].offset == text.find('e'));
    CHECK(lexed.tokens[3].offset == text.find('f'));
    CHECK(!lexed.unterminated_comment);
    CHECK(cdef("a / b \\ c \\") == "i/i\\i\\$");  // not comments, not continuations
}

TEST_CASE("in a cdef, \"//\" in a string is not a comment; an escaped quote does not end it") {
    CHECK(cdef("x \"a//b\" y") == "isi$");
    CHECK(cdef("x \"a\\\"//\" y") == "is//\"i$");  // the lexer's string ends at \" (the scan's did not)
    CHECK(cdef("x \"a\\\"b\" /* c */ \"d\"") == "isisi\"$");
}

TEST_CASE("in a cdef, a '#' first on its line starts a directive line, to the line's end") {
    CHECK(cdef("#define A 1\nint x; #define B\n  /* c\n */ # pragma pack(1) /* d\n */ y")
          == "ii;#iii$|#define A 1|# pragma pack(1) /* d");
    CHECK(cdef("#define A \\\n 1 // e \\\n f\nz") == "i$|#define A \\\n 1 // e \\\n f");
    CHECK(cdef("#") == "$|#");
    CHECK(cdef("a\n#") == "i$|#");
}

TEST_CASE("in a cdef, an unterminated comment is blank to the end and reported where it starts") {
    CdefTokens lexed = lex_cdef("a /* b\nc");
    CHECK(lexed.tokens.size() == 2);
    REQUIRE(lexed.unterminated_comment);
    CHECK(*lexed.unterminated_comment == 2);
    CHECK(lex_cdef("\"/*\" x").unterminated_comment == std::nullopt);
}
