// The reserved words of the cdef language and what role each plays in a
// declaration. Shared by the grammar (to tell names from keywords) and by
// sema (to make a type out of specifier words).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

namespace ffigen::parser {

enum class WordRole : std::uint8_t {
    None,         // an ordinary identifier
    TypeSpec,     // void char short int long float double signed unsigned _Bool _Complex
    Qualifier,    // const volatile restrict __restrict __restrict__
    Storage,      // typedef extern static
    Inline,       // inline __inline __inline__ (accepted and ignored, as CFFI does)
    CallConv,     // __cdecl __stdcall WINAPI
    Tag,          // struct union enum
    Unsupported,  // __attribute__ __declspec asm __asm__ sizeof _Alignas ...
};

namespace keyword_table {

using R = WordRole;
inline constexpr std::array<std::pair<std::string_view, WordRole>, 36> kWords = {{
    {"void", R::TypeSpec},
    {"char", R::TypeSpec},
    {"short", R::TypeSpec},
    {"int", R::TypeSpec},
    {"long", R::TypeSpec},
    {"float", R::TypeSpec},
    {"double", R::TypeSpec},
    {"signed", R::TypeSpec},
    {"unsigned", R::TypeSpec},
    {"_Bool", R::TypeSpec},
    {"_Complex", R::TypeSpec},
    {"__signed__", R::TypeSpec},
    {"const", R::Qualifier},
    {"volatile", R::Qualifier},
    {"restrict", R::Qualifier},
    {"__restrict", R::Qualifier},
    {"__restrict__", R::Qualifier},
    {"__const", R::Qualifier},
    {"typedef", R::Storage},
    {"extern", R::Storage},
    {"static", R::Storage},
    {"inline", R::Inline},
    {"__inline", R::Inline},
    {"__inline__", R::Inline},
    {"__cdecl", R::CallConv},
    {"__stdcall", R::CallConv},
    {"WINAPI", R::CallConv},
    {"struct", R::Tag},
    {"union", R::Tag},
    {"enum", R::Tag},
    {"__attribute__", R::Unsupported},
    {"__declspec", R::Unsupported},
    {"asm", R::Unsupported},
    {"__asm__", R::Unsupported},
    {"sizeof", R::Unsupported},
    {"_Alignas", R::Unsupported},
}};

// A perfect hash of the keywords: every identifier of the file is looked
// up once by the lexer, and most are not keywords. The hash of a few
// characters and the length picks one candidate, compared in full. The
// constructor fails to compile if two keywords collide.
inline constexpr std::size_t kShortest = 3, kLongest = 13;
constexpr unsigned hash(std::string_view w) {
    auto at = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(w[i])); };
    return (at(0) * 3 + at(w.size() - 1) * 10 + static_cast<unsigned>(w.size()) * 7 +
            at(w.size() / 2)) &
           255;
}
struct HashTable {
    std::array<std::uint8_t, 256> slot{};  // positions in kWords, +1
    constexpr HashTable() {
        for (std::size_t i = 0; i < kWords.size(); ++i) {
            const std::string_view w = kWords[i].first;
            if (w.size() < kShortest || w.size() > kLongest || slot[hash(w)] != 0)
                throw "keyword hash collision: change hash()";
            slot[hash(w)] = static_cast<std::uint8_t>(i + 1);
        }
    }
};
inline constexpr HashTable kTable;

}  // namespace keyword_table

// Inline: the lexer asks once per identifier of the file.
inline WordRole word_role(std::string_view word) {
    using namespace keyword_table;
    if (word.size() < kShortest || word.size() > kLongest) return R::None;
    std::uint8_t slot = kTable.slot[hash(word)];
    if (slot == 0) return R::None;
    const auto& [w, role] = kWords[slot - 1];
    if (w.size() != word.size()) return R::None;
    // Compared inline: a memcmp call costs more than the few characters.
    for (std::size_t i = 0; i < w.size(); ++i)
        if (w[i] != word[i]) return R::None;
    return role;
}

}  // namespace ffigen::parser
