#include "parser/lexer.hpp"

namespace ffigen::parser {

namespace {

// Character classes by table: the lexer's inner loops test one byte at a time.
enum : std::uint8_t { kSpace = 1, kWordStart = 2, kWord = 4, kDigit = 8, kHex = 16, kKeywordStart = 32 };
struct CharClasses {
    std::uint8_t of[256]{};
    constexpr CharClasses() {
        for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) of[static_cast<unsigned char>(c)] = kSpace;
        for (int c = 0; c < 256; ++c) {
            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            bool digit = c >= '0' && c <= '9';
            if (letter) of[c] |= kWordStart | kWord;
            if (digit) of[c] |= kWord | kDigit | kHex;
            if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) of[c] |= kHex;
        }
        // Names starting otherwise skip the keyword lookup.
        for (const auto& entry : keyword_table::kWords)
            of[static_cast<unsigned char>(entry.first[0])] |= kKeywordStart;
    }
    bool has(char c, std::uint8_t cls) const { return (of[static_cast<unsigned char>(c)] & cls) != 0; }
};
constexpr CharClasses kClass;

// Whether [p, end) is exactly an integer literal, suffix included.
bool is_integer_literal(const char* p, const char* end) {
    std::uint8_t digits = kDigit;
    if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        digits = kHex;
        p += 2;
    }
    if (p == end || !kClass.has(*p, digits)) return false;
    while (p != end && kClass.has(*p, digits)) ++p;
    while (p != end && (*p == 'u' || *p == 'U' || *p == 'l' || *p == 'L')) ++p;
    return p == end;
}

}  // namespace

std::vector<Token> lex(const std::string& text) {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 4 + 1);  // about one token per 5 bytes of cdef
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* p = begin;
    // The scans of spaces and words need no end test: they stop at the
    // string's terminating '\0', which is neither.
    for (;;) {
        while (kClass.has(*p, kSpace)) ++p;
        Token& t = tokens.emplace_back();
        t.offset = static_cast<std::uint32_t>(p - begin);
        if (p == end) break;  // t stays the End token
        const char* q = p + 1;
        if (kClass.has(*p, kWordStart)) {
            while (kClass.has(*q, kWord)) ++q;
            t.kind = TokenKind::Identifier;
            if (kClass.has(*p, kKeywordStart)) t.role = word_role({p, static_cast<std::size_t>(q - p)});
        } else if (kClass.has(*p, kDigit)) {
            // The whole run of word characters and dots: a literal is
            // never directly followed by one (as C's preprocessing numbers).
            while (kClass.has(*q, kWord) || *q == '.') ++q;
            t.kind = is_integer_literal(p, q) ? TokenKind::Integer : TokenKind::Malformed;
        } else if (*p == '"') {
            // ASCII only, as X3's ascii::char_ took before the lexer: a byte
            // above 127 leaves the string unterminated.
            while (q != end && *q != '"' && *q != '\n' && *q != '\r' &&
                   static_cast<unsigned char>(*q) < 0x80)
                ++q;
            if (q != end && *q == '"') {
                t.kind = TokenKind::String;
                ++q;
            } else {
                q = p + 1;  // unterminated: the quote alone, which nothing accepts
                t.kind = TokenKind::Punct;
                t.ch = '"';
            }
        } else if (*p == '.' && end - p >= 3 && p[1] == '.' && p[2] == '.') {
            t.kind = TokenKind::Ellipsis;
            q = p + 3;
        } else if ((*p == '<' || *p == '>') && q != end && *q == *p) {
            t.kind = *p == '<' ? TokenKind::ShiftLeft : TokenKind::ShiftRight;
            ++q;
        } else {
            t.kind = TokenKind::Punct;
            t.ch = *p;
        }
        t.length = static_cast<std::uint32_t>(q - p);
        p = q;
    }
    return tokens;
}

}  // namespace ffigen::parser
