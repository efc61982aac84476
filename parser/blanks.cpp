#include "parser/blanks.hpp"

#include <algorithm>

namespace ffigen::parser {

std::size_t line_end(std::string_view text, std::size_t from) {
    for (std::size_t at = text.find('\n', from); at != std::string_view::npos; at = text.find('\n', at + 1))
        if (is_line_end(text, at)) return at;
    return text.size();
}

bool has_line_end(std::string_view text, std::size_t begin, std::size_t end) {
    // (Not past `end`: on a long line, a search to its end for every '#'
    // not first on it would take time quadratic in the line's length.)
    return line_end(text.substr(0, end), begin) < end;
}

CommentScanner::CommentScanner(std::string_view text, std::size_t from)
    : text_(text), pos_(from), quote_(std::min(text.find('"', from), text.size())),
      slash_(std::min(text.find('/', from), text.size())) {}

// Where the scan goes on after the string literal opened at `quote`: past
// its closing quote, or past the end of its line. A backslash escapes the
// next character; continuations are blank, so they neither end the string
// nor are escaped (an escaped continuation's backslash is blank too).
std::size_t CommentScanner::string_end(std::size_t quote) const {
    const char* s = text_.data();
    std::size_t j = quote + 1;
    while (j < text_.size()) {
        if (std::size_t n = continuation_length(s + j)) {
            j += n;
        } else if (s[j] == '"' || s[j] == '\n') {
            break;
        } else if (s[j] == '\\') {
            std::size_t n_next = j + 1 < text_.size() ? continuation_length(s + j + 1) : 0;
            j += 1 + std::max<std::size_t>(n_next, 1);
        } else {
            ++j;
        }
    }
    return j + 1;
}

TextSpan CommentScanner::next() {
    const std::size_t size = text_.size();
    // Jumps from one '"' or '/' to the next: each is searched for (memchr)
    // again only once the scan has passed the one found before.
    auto find = [&](char c, std::size_t from) { return std::min(text_.find(c, from), size); };
    while (pos_ < size) {
        if (quote_ < pos_) quote_ = find('"', pos_);
        if (slash_ < pos_) slash_ = find('/', pos_);
        std::size_t i = std::min(quote_, slash_);
        if (i >= size) break;
        std::size_t end = 0;
        if (text_[i] == '"') {
            pos_ = string_end(i);
            continue;
        } else if (text_[i + 1] == '/') {
            end = line_end(text_, i);
        } else if (text_[i + 1] == '*') {
            end = text_.find("*/", i + 2);
            if (end == std::string_view::npos) {
                if (!unterminated_) unterminated_ = static_cast<std::uint32_t>(i);
                end = size;
            } else {
                end += 2;
            }
        } else {
            pos_ = i + 1;
            continue;
        }
        pos_ = end;
        return {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)};
    }
    pos_ = size;
    return {static_cast<std::uint32_t>(size), static_cast<std::uint32_t>(size)};
}

}  // namespace ffigen::parser
