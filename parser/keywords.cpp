#include "parser/keywords.hpp"

#include <array>
#include <utility>

namespace ffigen::parser {

namespace {

using R = WordRole;
constexpr std::array<std::pair<std::string_view, WordRole>, 36> kWords = {{
    {"void", R::TypeSpec},       {"char", R::TypeSpec},        {"short", R::TypeSpec},
    {"int", R::TypeSpec},        {"long", R::TypeSpec},        {"float", R::TypeSpec},
    {"double", R::TypeSpec},     {"signed", R::TypeSpec},      {"unsigned", R::TypeSpec},
    {"_Bool", R::TypeSpec},      {"_Complex", R::TypeSpec},    {"__signed__", R::TypeSpec},
    {"const", R::Qualifier},     {"volatile", R::Qualifier},   {"restrict", R::Qualifier},
    {"__restrict", R::Qualifier}, {"__restrict__", R::Qualifier}, {"__const", R::Qualifier},
    {"typedef", R::Storage},     {"extern", R::Storage},       {"static", R::Storage},
    {"inline", R::Inline},       {"__inline", R::Inline},      {"__inline__", R::Inline},
    {"__cdecl", R::CallConv},    {"__stdcall", R::CallConv},   {"WINAPI", R::CallConv},
    {"struct", R::Tag},          {"union", R::Tag},            {"enum", R::Tag},
    {"__attribute__", R::Unsupported}, {"__declspec", R::Unsupported},
    {"asm", R::Unsupported},     {"__asm__", R::Unsupported},  {"sizeof", R::Unsupported},
    {"_Alignas", R::Unsupported},
}};

}  // namespace

WordRole word_role(std::string_view word) {
    for (const auto& [w, role] : kWords)
        if (w == word) return role;
    return R::None;
}

}  // namespace ffigen::parser
