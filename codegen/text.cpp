#include "codegen/text.hpp"

#include <algorithm>
#include <cstdio>

namespace ffigen::codegen {

// Grows the string's size (its zeroed room) 2 KB at a time: a page is
// touched only just before text is written to it, the zeroes are still
// in L1 cache when overwritten, and memset runs as vector stores (from
// ~2 KB on, glibc uses rep stosb, which valgrind counts byte by byte).
// Past the reserved capacity, std::string doubles it.
void Text::grow(std::size_t n) {
    constexpr std::size_t kStep = 2048 - 64;
    std::size_t used = size();
    buffer_.resize(used + std::max(n, kStep));
    at_ = buffer_.data() + used;
    end_ = buffer_.data() + buffer_.size();
}

void Text::reserve(std::size_t capacity) {
    std::size_t used = size(), room = static_cast<std::size_t>(end_ - buffer_.data());
    buffer_.reserve(capacity);
    at_ = buffer_.data() + used;
    end_ = buffer_.data() + room;
}

std::string Text::take() {
    buffer_.resize(size());
    std::string text = std::move(buffer_);
    buffer_.clear();
    at_ = end_ = buffer_.data();
    return text;
}

namespace {

bool needs_escape(unsigned char c) { return c == '"' || c == '\\' || c < 0x20 || c == 0x7f; }

}  // namespace

void append_c_string(Text& out, std::string_view s) {
    out += '"';
    std::size_t plain = 0;  // start of the run of characters that stand as they are
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (!needs_escape(c)) continue;
        out += s.substr(plain, i - plain);
        plain = i + 1;
        if (c == '"' || c == '\\') {
            put(out, '\\', static_cast<char>(c));
        } else {
            char octal[8];
            std::snprintf(octal, sizeof octal, "\\%03o", c);
            out += std::string_view(octal);
        }
    }
    out += s.substr(plain);
    out += '"';
}

std::string c_string(std::string_view s) {
    Text r;
    append_c_string(r, s);
    return r.take();
}

}  // namespace ffigen::codegen
