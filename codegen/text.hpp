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
// literal's copy has a constant size, so the compiler inlines it; put()
// checks once for all its parts. The bytes live in a std::string, so
// take() hands them over without a copy.
// Not movable: the write pointers point into the string's own storage.
class Text {
public:
    Text() = default;
    Text(const Text&) = delete;
    Text& operator=(const Text&) = delete;

    // A part is a string literal (its size is N - 1: no terminator), a
    // character, or anything that converts to a string_view.
    template <std::size_t N>
    Text& operator+=(const char (&literal)[N]) {
        write(room(N - 1), literal);
        return *this;
    }
    Text& operator+=(char c) {
        write(room(1), c);
        return *this;
    }
    Text& operator+=(std::string_view s) {
        write(room(s.size()), s);
        return *this;
    }

    // Appends the parts (see +=). Through a local pointer: a char store may
    // alias the Text itself, so += reloads the Text's pointers after each
    // part, while here they are read and written once.
    template <class... Parts>
    void put(const Parts&... parts) {
        put_parts(part(parts)...);  // each part converted once (a char pointer: one strlen)
    }

    std::string_view view() const { return {buffer_.data(), size()}; }
    std::size_t size() const { return static_cast<std::size_t>(at_ - buffer_.data()); }
    bool empty() const { return size() == 0; }
    void clear() { at_ = buffer_.data(); }
    // Keeps the first `size` bytes (size <= size()).
    void truncate(std::size_t size) { at_ = buffer_.data() + size; }
    // Room for `capacity` bytes in all, so that the text never moves.
    void reserve(std::size_t capacity);
    // The text; the Text is empty after.
    std::string take();

private:
    template <std::size_t N>
    static const char (&part(const char (&literal)[N]))[N] { return literal; }
    static char part(char c) { return c; }
    static std::string_view part(std::string_view s) { return s; }

    template <class... Parts>
    void put_parts(const Parts&... parts) {
        char* to = room((size_of(parts) + ...));
        ((to = write(to, parts)), ...);
    }

    template <std::size_t N>
    static constexpr std::size_t size_of(const char (&)[N]) { return N - 1; }
    static constexpr std::size_t size_of(char) { return 1; }
    static std::size_t size_of(std::string_view s) { return s.size(); }

    template <std::size_t N>
    static char* write(char* to, const char (&literal)[N]) {
        std::memcpy(to, literal, N - 1);
        return to + N - 1;
    }
    static char* write(char* to, char c) {
        *to = c;
        return to + 1;
    }
    static char* write(char* to, std::string_view s) {
        copy(to, s.data(), s.size());
        return to + s.size();
    }
    // Most pieces are names of a few bytes: copied as two overlapping
    // fixed-size moves, inline, rather than by a call to memcpy.
    static void copy(char* to, const char* from, std::size_t n) {
        if (n > 16) {
            std::memcpy(to, from, n);
        } else if (n >= 8) {
            std::memcpy(to, from, 8);
            std::memcpy(to + n - 8, from + n - 8, 8);
        } else if (n >= 4) {
            std::memcpy(to, from, 4);
            std::memcpy(to + n - 4, from + n - 4, 4);
        } else if (n > 0) {  // 1 to 3 bytes, overlapping; none from a null view
            to[0] = from[0];
            to[n / 2] = from[n / 2];
            to[n - 1] = from[n - 1];
        }
    }
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

// Appends the parts in order (see Text::put).
template <class... Parts>
void put(Text& out, const Parts&... parts) {
    out.put(parts...);
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
