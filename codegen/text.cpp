#include "codegen/text.hpp"

#include <charconv>
#include <cstdio>

namespace ffigen::codegen {

void append_number(std::string& out, long long n) {
    char digits[24];
    // append(pointer, length): the (first, last) overload builds a temporary.
    out.append(digits, static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, n).ptr - digits));
}

void append_op(std::string& out, std::string_view opcode, long long arg) {
    char digits[24];
    put(out, {"_FFIGEN_OP(_FFIGEN_OP_", opcode, ", ",
              std::string_view(digits, std::to_chars(digits, digits + sizeof digits, arg).ptr - digits), ")"});
}

void append_c_string(std::string& out, std::string_view s) {
    out += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

std::string c_string(std::string_view s) {
    std::string r;
    append_c_string(r, s);
    return r;
}

}  // namespace ffigen::codegen
