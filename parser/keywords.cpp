#include "parser/keywords.hpp"

#include <array>
#include <utility>

namespace ffigen::parser {

namespace {

using R = WordRole;
constexpr std::array<std::pair<std::string_view, WordRole>, 36> kWords = {{
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

// Keywords grouped by length: most identifiers are longer or shorter than
// every keyword of their first letter, and are rejected in a few compares.
struct ByLength {
    std::array<std::array<std::uint8_t, 8>, 16> index{};  // positions in kWords, +1
    constexpr ByLength() {
        for (std::size_t i = 0; i < kWords.size(); ++i) {
            auto& slots = index[kWords[i].first.size()];
            std::size_t k = 0;
            while (slots[k] != 0) ++k;  // at most 8 keywords share a length
            slots[k] = static_cast<std::uint8_t>(i + 1);
        }
    }
};
constexpr ByLength kByLength;

// Which bytes start a keyword: most identifiers are rejected by this alone.
struct FirstChars {
    bool starts[256]{};
    constexpr FirstChars() {
        for (const auto& entry : kWords) starts[static_cast<unsigned char>(entry.first[0])] = true;
    }
};
constexpr FirstChars kFirstChars;

// Two words of the same length (the slots group keywords by length),
// compared inline: a memcmp call costs more than the few characters.
bool same_chars(std::string_view a, std::string_view b) {
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

}  // namespace

WordRole word_role(std::string_view word) {
    if (word.empty() || word.size() >= kByLength.index.size() ||
        !kFirstChars.starts[static_cast<unsigned char>(word[0])])
        return R::None;
    for (std::uint8_t slot : kByLength.index[word.size()]) {
        if (slot == 0) break;
        const auto& [w, role] = kWords[slot - 1];
        if (same_chars(w, word)) return role;
    }
    return R::None;
}

}  // namespace ffigen::parser
