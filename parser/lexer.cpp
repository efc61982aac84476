#include "parser/lexer.hpp"

#include <algorithm>

namespace ffigen::parser {

namespace {

// Character classes by table: the lexer's inner loops test one byte at a time.
enum : std::uint8_t {
    kSpace = 1,
    kWordStart = 2,
    kWord = 4,
    kDigit = 8,
    kHex = 16,
    kKeywordStart = 32,
    kBlankStart = 64,  // what may start a comment, a continuation or a directive
};
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
        for (char c : {'/', '\\', '#'}) of[static_cast<unsigned char>(c)] |= kBlankStart;
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

// The comments ahead of the lexer, in order: front() is the next one it
// meets; a string literal's look-ahead may read past a few more (peek).
class CommentsAhead {
public:
    explicit CommentsAhead(std::string_view text) : scanner_(text) { ahead_.push_back(scanner_.next()); }

    const TextSpan& front() const { return ahead_[head_]; }
    const TextSpan& peek(std::size_t i) {
        while (head_ + i >= ahead_.size()) ahead_.push_back(scanner_.next());
        return ahead_[head_ + i];
    }
    void pop() {
        if (++head_ < ahead_.size()) return;
        ahead_.clear();  // (so that the list stays as short as the look-ahead)
        head_ = 0;
        ahead_.push_back(scanner_.next());
    }
    std::optional<std::uint32_t> unterminated() const { return scanner_.unterminated(); }

private:
    CommentScanner scanner_;
    std::vector<TextSpan> ahead_;
    std::size_t head_ = 0;
};

// A cdef's blanks besides spaces, for the lexer: comments, continuations
// and directive lines (listed as they are met).
class CdefBlanks {
public:
    explicit CdefBlanks(std::string_view text) : text_(text), comments_(text) {}

    // If p (a '/', '\\' or '#') starts a comment, a continuation or a
    // directive line, where the text goes on after it; else nullptr.
    // `last` is the token before p, if any. Not inlined: in the lexer's
    // loop, the compiler kept the character last read in a register
    // through every word scan for it, two instructions per character.
    [[gnu::noinline]] const char* skip(const char* p, const Token* last);

    CommentsAhead& comments() { return comments_; }
    std::vector<TextSpan>& directives() { return directives_; }

private:
    std::string_view text_;
    CommentsAhead comments_;
    std::vector<TextSpan> directives_;
};

const char* CdefBlanks::skip(const char* p, const Token* last) {
    const char* const begin = text_.data();
    auto at = static_cast<std::uint32_t>(p - begin);
    if (at == comments_.front().begin) {
        p = begin + comments_.front().end;
        comments_.pop();
        return p;
    }
    if (std::size_t n = continuation_length(p)) return p + n;
    if (*p != '#') return nullptr;
    // A '#' starts a directive if the blanks before it (from the last
    // token's or directive's end) hold a line end, or start the text.
    std::uint32_t blanks = last ? last->end() : 0;
    if (!directives_.empty()) blanks = std::max(blanks, directives_.back().end);
    if ((last || !directives_.empty()) && !has_line_end(text_, blanks, at)) return nullptr;
    TextSpan line{at, static_cast<std::uint32_t>(line_end(text_, at))};
    directives_.push_back(line);
    p = begin + line.end;
    // Comments that start on the line are blank, up to their end (a "/*"
    // may close on a later line).
    for (; comments_.front().begin < line.end; comments_.pop()) p = std::max(p, begin + comments_.front().end);
    return p;
}

// The end of a character literal starting at `p` (its opening quote), or
// null when none closes on this line: escapes are only skipped over here
// (`'\\''` is one literal), sema reads their value.
const char* char_literal_end(const char* p, const char* end) {
    for (const char* q = p + 1; q != end; ++q) {
        if (*q == '\n' || *q == '\r') return nullptr;
        if (*q == '\\' && q + 1 != end) ++q;
        else if (*q == '\'') return q == p + 1 ? nullptr : q + 1;
    }
    return nullptr;
}

// Lexes `text`; with Cdef, comments, continuations and directive lines
// are blank (and `cdef` not null). One template, so that lex() pays
// nothing for them.
template <bool Cdef>
std::vector<Token> lex_text(std::string_view text, CdefBlanks* cdef) {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 4 + 1);  // about one token per 5 bytes of cdef
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    auto offset = [begin](const char* at) { return static_cast<std::uint32_t>(at - begin); };
    const char* p = begin;
    for (;;) {
        while (kClass.has(*p, kSpace)) ++p;
        Token& t = tokens.emplace_back();
        t.offset = offset(p);
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
            // above 127 leaves the string unterminated. In a cdef, blanks
            // are blank inside too: a string that the comment scan ended
            // at its closing quote may reach over a comment here (after an
            // escaped quote), but not over a line end.
            std::size_t comments_inside = 0;
            for (; q != end; ++q) {
                if constexpr (Cdef) {
                    if (std::size_t n = continuation_length(q)) {
                        q += n - 1;
                        continue;
                    }
                    const TextSpan& c = cdef->comments().peek(comments_inside);
                    if (offset(q) == c.begin) {
                        if (has_line_end(text, c.begin, c.end)) break;
                        q = begin + c.end - 1;
                        ++comments_inside;
                        continue;
                    }
                }
                if (*q == '"' || *q == '\n' || *q == '\r' || static_cast<unsigned char>(*q) >= 0x80) break;
            }
            if (q != end && *q == '"') {
                t.kind = TokenKind::String;
                ++q;
                if constexpr (Cdef)
                    for (; comments_inside > 0; --comments_inside) cdef->comments().pop();
            } else {
                q = p + 1;  // unterminated: the quote alone, which nothing accepts
                t.kind = TokenKind::Punct;
                t.ch = '"';
            }
        } else if (const char* closed = *p == '\'' ? char_literal_end(p, end) : nullptr) {
            t.kind = TokenKind::Char;
            q = closed;
        } else if (*p == '.' && end - p >= 3 && p[1] == '.' && p[2] == '.') {
            t.kind = TokenKind::Ellipsis;
            q = p + 3;
        } else if ((*p == '<' || *p == '>') && q != end && *q == *p) {
            t.kind = *p == '<' ? TokenKind::ShiftLeft : TokenKind::ShiftRight;
            ++q;
        } else {
            // A cdef's blanks besides spaces start with characters that
            // would be punctuators: tested here, on the rarest path, rather
            // than before every token.
            if constexpr (Cdef) {
                if (kClass.has(*p, kBlankStart)) {
                    const Token* last = tokens.size() > 1 ? &tokens[tokens.size() - 2] : nullptr;
                    if (const char* after = cdef->skip(p, last)) {
                        tokens.pop_back();
                        p = after;
                        continue;
                    }
                }
            }
            t.kind = TokenKind::Punct;
            t.ch = *p;
        }
        t.length = static_cast<std::uint32_t>(q - p);
        p = q;
    }
    return tokens;
}

}  // namespace

std::vector<Token> lex(std::string_view text) { return lex_text<false>(text, nullptr); }

CdefTokens lex_cdef(std::string_view text) {
    CdefBlanks blanks(text);
    std::vector<Token> tokens = lex_text<true>(text, &blanks);
    return {std::move(tokens), std::move(blanks.directives()), blanks.comments().unterminated()};
}

}  // namespace ffigen::parser
