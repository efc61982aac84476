// Appending C text to the output (codegen-internal): the pieces emission
// is made of, written in place without temporary strings.
#pragma once

#include <charconv>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>

namespace ffigen::codegen {

// Appends the parts in order, without building temporaries (emission is
// mostly string appends: this keeps big modules at memory speed). The
// buffer grows once per call and the parts are copied in; std::string's
// own append is an out-of-line call per part. Measured on bench/: worth it
// from three parts on; for one or two, += is cheaper.
inline void put(std::string& out, std::initializer_list<std::string_view> parts) {
    std::size_t at = out.size(), total = 0;
    for (std::string_view p : parts) total += p.size();
    out.resize(at + total);
    char* to = out.data() + at;
    for (std::string_view p : parts) {
        if (p.empty()) continue;  // may be a null view: no memcpy from null
        std::memcpy(to, p.data(), p.size());
        to += p.size();
    }
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

// The start of an opcode word: kOpPrefix, the opcode, ", ", the argument, ")".
inline constexpr std::string_view kOpPrefix = "_FFIGEN_OP(_FFIGEN_OP_";

// A decimal number.
void append_number(std::string& out, long long n);
// The word `_FFIGEN_OP(_FFIGEN_OP_<opcode>, arg)`.
void append_op(std::string& out, std::string_view opcode, long long arg);
// `s` as a C string literal.
void append_c_string(std::string& out, std::string_view s);
std::string c_string(std::string_view s);

}  // namespace ffigen::codegen
