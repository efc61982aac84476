// The reserved words of the cdef language and what role each plays in a
// declaration. Shared by the grammar (to tell names from keywords) and by
// sema (to make a type out of specifier words).
#pragma once

#include <cstdint>
#include <string_view>

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

WordRole word_role(std::string_view word);

}  // namespace ffigen::parser
