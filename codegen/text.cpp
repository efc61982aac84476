#include "codegen/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

#ifdef __linux__
#include <sys/mman.h>
#endif

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

namespace {

// Asks Linux to back the 2 MiB-aligned stretches of [begin, begin + size)
// with huge pages: a module's C text is megabytes written once, and one
// fault per 2 MiB replaces 512 faults of ~1 us each (bench/big.cdef:
// generate 2375 -> 1490 page faults, 12.8 -> 12.3 ms). Only a hint: where
// transparent huge pages are off, nothing changes.
void prefer_huge_pages(const char* begin, std::size_t size) {
#ifdef __linux__
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    auto start = reinterpret_cast<std::uintptr_t>(begin);
    std::uintptr_t from = (start + kHuge - 1) & ~(kHuge - 1), to = (start + size) & ~(kHuge - 1);
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
#else
    (void)begin;
    (void)size;
#endif
}

}  // namespace

void Text::reserve(std::size_t capacity) {
    std::size_t used = size(), room = static_cast<std::size_t>(end_ - buffer_.data());
    buffer_.reserve(capacity);
    prefer_huge_pages(buffer_.data(), buffer_.capacity());
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

// The bytes a C string literal cannot hold as they are, by value.
constexpr std::array<bool, 256> kNeedsEscape = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[c] = true;
    table['"'] = table['\\'] = table[0x7f] = true;
    return table;
}();

bool needs_escape(unsigned char c) { return kNeedsEscape[c]; }

}  // namespace

void append_c_string(Text& out, std::string_view s) {
    std::size_t first = 0;  // the first byte to escape, if any
    while (first < s.size() && !needs_escape(static_cast<unsigned char>(s[first]))) ++first;
    if (first == s.size()) return put(out, '"', s, '"');  // names: nothing to escape
    out += '"';
    std::size_t plain = 0;  // start of the run of characters that stand as they are
    for (std::size_t i = first; i < s.size(); ++i) {
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
