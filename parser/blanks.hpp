// What reads as blank in a cdef file besides spaces: comments and
// backslash-newline continuations. The lexer skips them in the file's own
// text (no blanked copy), and the directive reader blanks them in its copy
// of one directive line. Every rule here is the one the former pre-pass
// applied to its copy, stated on the raw text: continuations first (a
// continuation is blank everywhere, even in a string or a comment), then
// comments, found by a scan that skips string literals ("//" inside "..."
// is not a comment).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ffigen::parser {

// The length of the continuation at p: 2 for backslash-newline, 3 for
// backslash-CR-newline, else 0. p[1] and p[2] are read only after a
// backslash and a CR, so p may be the text's last byte if a '\0' follows.
inline std::size_t continuation_length(const char* p) {
    if (p[0] != '\\') return 0;
    if (p[1] == '\n') return 2;
    return p[1] == '\r' && p[2] == '\n' ? 3 : 0;
}

// Whether the newline at `at` ends a line, rather than a continuation.
inline bool is_line_end(std::string_view text, std::size_t at) {
    return !(at >= 1 && (text[at - 1] == '\\' || (at >= 2 && text[at - 1] == '\r' && text[at - 2] == '\\')));
}

// The first newline at or after `from` that ends a line, or text.size().
std::size_t line_end(std::string_view text, std::size_t from);

// Whether a newline in [begin, end) ends a line.
bool has_line_end(std::string_view text, std::size_t begin, std::size_t end);

struct TextSpan {
    std::uint32_t begin = 0, end = 0;
};

// The comments of a text, one after the other, found on demand: the scan
// goes only as far as the comment asked for.
class CommentScanner {
public:
    // `from` must be outside strings and comments. text.data()[text.size()]
    // must be readable ('\0', as after a std::string's characters).
    explicit CommentScanner(std::string_view text, std::size_t from = 0);

    // The next comment: `//` up to its line's end, `/*` to its `*/`
    // included (or to the end of the text). {size, size} when none is left.
    TextSpan next();

    // Where a `/*` without its `*/` starts, once next() has reached it.
    std::optional<std::uint32_t> unterminated() const { return unterminated_; }

private:
    std::size_t string_end(std::size_t quote) const;

    std::string_view text_;
    std::size_t pos_;           // where the scan goes on, outside strings and comments
    std::size_t quote_, slash_;  // the next '"' and '/' at or after some earlier pos_
    std::optional<std::uint32_t> unterminated_;
};

}  // namespace ffigen::parser
