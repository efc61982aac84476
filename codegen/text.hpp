// Appending C text to the output (codegen-internal): the pieces emission
// is made of, written in place without temporary strings.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace ffigen::codegen {

// A text that only grows at its end, for emission: a module is some
// hundred thousand appends of a few bytes each. std::string checks its
// capacity, stores its size and terminator, and calls memcpy on every
// append; here an append is a bounds check and a copy, and a string
// literal's copy has a constant size, so the compiler inlines it. The
// bytes live in a std::string, so take() hands them over without a copy.
// Not movable: the write pointers point into the string's own storage.
class Text {
public:
    Text() = default;
    Text(const Text&) = delete;
    Text& operator=(const Text&) = delete;

    Text& operator+=(std::string_view s) {
        if (!s.empty()) std::memcpy(room(s.size()), s.data(), s.size());  // a null view has no bytes
        return *this;
    }
    template <std::size_t N>
    Text& operator+=(const char (&literal)[N]) {  // N - 1: no terminator
        std::memcpy(room(N - 1), literal, N - 1);
        return *this;
    }
    Text& operator+=(const Text& t) { return *this += t.view(); }
    Text& operator+=(char c) {
        *room(1) = c;
        return *this;
    }

    std::string_view view() const { return {buffer_.data(), size()}; }
    std::size_t size() const { return static_cast<std::size_t>(at_ - buffer_.data()); }
    bool empty() const { return size() == 0; }
    char back() const { return at_[-1]; }
    void clear() { at_ = buffer_.data(); }
    // Room for `capacity` bytes in all, so that the text never moves.
    void reserve(std::size_t capacity);
    // The text; the Text is empty after.
    std::string take();

private:
    // `n` bytes to write at the end.
    char* room(std::size_t n) {
        if (static_cast<std::size_t>(end_ - at_) < n) grow(n);
        char* to = at_;
        at_ += n;
        return to;
    }
    void grow(std::size_t n);

    std::string buffer_;  // [data, at_) is the text, [at_, end_) room zeroed by resize
    char* at_ = buffer_.data();
    char* end_ = at_;
};

// Appends the parts in order; each part is a string literal (copied with
// its constant size), a character or anything that is a string_view.
template <class... Parts>
void put(Text& out, const Parts&... parts) {
    ((out += parts), ...);
}

// A decimal number formatted in place, to be one part of a put().
class Number {
public:
    explicit Number(long long n)
        : size_(static_cast<std::size_t>(std::to_chars(digits_, digits_ + sizeof digits_, n).ptr - digits_)) {}
    operator std::string_view() const { return {digits_, size_}; }

private:
    char digits_[24];
    std::size_t size_;
};

// A decimal number.
inline void append_number(Text& out, long long n) { out += Number(n); }
// The word `_FFIGEN_OP(_FFIGEN_OP_<opcode>, arg)`.
inline void append_op(Text& out, std::string_view opcode, long long arg) {
    put(out, "_FFIGEN_OP(_FFIGEN_OP_", opcode, ", ", Number(arg), ')');
}
// `s` as a C string literal.
void append_c_string(Text& out, std::string_view s);
std::string c_string(std::string_view s);

}  // namespace ffigen::codegen
