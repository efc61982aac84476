#include "codegen/text.hpp"

#include <cstdio>

namespace ffigen::codegen {

void append_number(std::string& out, long long n) { out += Number(n); }

void append_op(std::string& out, std::string_view opcode, long long arg) {
    char tail[32] = ", ";  // ", <arg>)": three parts to copy instead of five
    char* end = std::to_chars(tail + 2, tail + sizeof tail - 1, arg).ptr;
    *end++ = ')';
    put(out, {kOpPrefix, opcode, std::string_view(tail, static_cast<std::size_t>(end - tail))});
}

namespace {

bool needs_escape(unsigned char c) { return c == '"' || c == '\\' || c < 0x20 || c == 0x7f; }

}  // namespace

void append_c_string(std::string& out, std::string_view s) {
    out += '"';
    std::size_t plain = 0;  // start of the run of characters that stand as they are
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (!needs_escape(c)) continue;
        out.append(s, plain, i - plain);
        plain = i + 1;
        if (c == '"' || c == '\\') {
            put(out, {"\\", s.substr(i, 1)});
        } else {
            char octal[8];
            std::snprintf(octal, sizeof octal, "\\%03o", c);
            out += octal;
        }
    }
    out.append(s, plain, s.size() - plain);
    out += '"';
}

std::string c_string(std::string_view s) {
    std::string r;
    append_c_string(r, s);
    return r;
}

}  // namespace ffigen::codegen
