// The cdef AST: what the text says, as written, with byte offsets.
//
// Plain structs only (no Spirit include), so that sema and the tests do not
// pay for X3. Names, words and literals in declarations are views into the
// text of the SourceFile parsed (which outlives its AST): a declaration's
// tokens are copied nowhere. (A #define's value is its line's text with
// comments blanked, so a Define owns its strings.) Every node carries the range of text it came from; the
// grammar fills `range` in its on_success handler. Sema (model/sema*.cpp)
// gives these nodes their meaning; nothing here is resolved.
#pragma once

#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "parser/keywords.hpp"

namespace ffigen::ast {

// Lists that usually hold one element (a declarator's pointers and
// suffixes, a member declaration's declarators) keep it inline: one
// allocation per list per declaration was a good part of the parse's cost.
template <class T, std::size_t N>
using SmallVector = boost::container::small_vector<T, N>;

// Byte offsets [begin, end) into the SourceFile the node was parsed from.
struct Range {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

// ---- constant expressions (array sizes, enumerator values, bit widths) ----
//
// The grammar checks the shape (operands and operators alternate, parens
// balance) and keeps the tokens; sema folds them by precedence. A token's
// kind is 'n' (integer literal), 'c' (character literal), 'i' (identifier),
// '?' (an initializer that is no constant expression, never evaluated), or
// the operator itself:
// one of + - * / % & | ^ ~ ! ( ), '<' for "<<" and '>' for ">>".
struct ExprToken {
    Range range;
    char kind = 'n';
    std::string_view text;
};
struct Expr {
    Range range;
    std::vector<ExprToken> tokens;  // empty: no expression
};

// ---- declarators ----

struct Param;
struct MemberDecl;

// `*` followed by its qualifiers: `* const volatile`.
struct Pointer {
    Range range;
    std::vector<std::string_view> quals;
};

// One `[...]` or `(...)` after the name, in source order.
struct Suffix {
    enum Kind : std::uint8_t { Array, Function };
    enum Length : std::uint8_t { Known, Open, Dotdot };  // [N], [], [...]
    Range range;
    Kind kind = Array;
    Length length = Known;
    Expr size;                  // Array + Known
    std::vector<Param> params;  // Function; `(void)` is one void parameter
    bool variadic = false;      // Function ending in `, ...`
};

// `__stdcall * const name [3] (int)`: the nested form `( declarator )` is
// kept as a one-element `nested` list; `name` is empty when abstract.
struct Declarator {
    Range range;
    std::string_view callconv;  // "__cdecl", "__stdcall", "WINAPI" or ""
    Range callconv_range;
    SmallVector<Pointer, 1> pointers;
    std::string_view name;
    Range name_range;
    std::vector<Declarator> nested;  // zero or one
    SmallVector<Suffix, 1> suffixes;
    Expr init;  // top level only: `static const int X = 42;` (CFFI takes it as X's value)
};

// ---- declaration specifiers ----

struct Enumerator {
    Range range;
    std::string_view name;
    Expr value;  // empty tokens: no `= value`
    bool dots = false;  // `= ...`: the C compiler gives it (and, as in CFFI, every value of the enum)
};

// The `{ ... }` of a struct, union or enum specifier. Held apart: most
// specifiers are words, and a small SpecItem is cheap to make and destroy
// (several per declaration).
struct Body {
    std::vector<MemberDecl> members;      // Record
    bool partial = false;                 // Record: `...;` last; Enum: `...` last
    Range dots_range;                     // Enum: where the `...` is
    std::vector<Enumerator> enumerators;  // Enum
};

// One specifier word or one struct/union/enum specifier, in source order.
struct SpecItem {
    enum Kind : std::uint8_t {
        Word,          // keyword: int, unsigned, const, typedef, __stdcall, ...
        TypeName,      // an identifier used as a type name
        Record,        // struct/union: word holds "struct"/"union", tag the tag
        Enum,          // enum: tag
        ExternPython,  // extern "Python" / extern "Python+C": word holds the string
        Dotdotdot,     // `...` in `typedef ... t;` and `typedef int... t;`
    };
    Range range;
    Kind kind = Word;
    parser::WordRole role = parser::WordRole::None;  // Word: its keyword role
    std::string_view word;
    std::string_view tag;  // Record/Enum: "" when anonymous
    Range tag_range;
    std::unique_ptr<Body> body;  // null: no `{ ... }`
};

struct DeclSpecs {
    Range range;
    std::vector<SpecItem> items;
    bool has_type_specifier = false;  // an item names a type (not only qualifiers/storage)
};

struct Param {
    Range range;
    DeclSpecs specs;
    Declarator decl;  // possibly abstract
};

struct MemberDeclarator {
    Range range;
    Declarator decl;  // name empty: `int :0;` (with width) or anonymous member
    bool has_width = false;
    Expr width;
};

// `int a, b:3;` or `...;` (dotdotdot set, no specs)
struct MemberDecl {
    Range range;
    bool dotdotdot = false;
    DeclSpecs specs;
    SmallVector<MemberDeclarator, 1> decls;
};

// ---- top level ----

enum class ExternBlock : std::uint8_t { None, Python, PythonPlusC };

// What the string of `extern "..."` asks for: "Python", or "Python+C" or
// "C+Python" with any blanks around the '+' (as CFFI takes them); None for
// any other string.
inline ExternBlock extern_kind(std::string_view s) {
    if (s == "Python") return ExternBlock::Python;
    auto plus = s.find('+');
    if (plus == std::string_view::npos) return ExternBlock::None;
    auto trim = [](std::string_view w) {
        while (!w.empty() && (w.front() == ' ' || w.front() == '\t')) w.remove_prefix(1);
        while (!w.empty() && (w.back() == ' ' || w.back() == '\t')) w.remove_suffix(1);
        return w;
    };
    std::string_view a = s.substr(0, plus), b = s.substr(plus + 1);
    bool edges_bare = !a.empty() && a.front() != ' ' && a.front() != '\t' && !b.empty() &&
                      b.back() != ' ' && b.back() != '\t';
    a = trim(a), b = trim(b);
    bool pair = (a == "Python" && b == "C") || (a == "C" && b == "Python");
    return edges_bare && pair ? ExternBlock::PythonPlusC : ExternBlock::None;
}

struct Declaration {
    Range range;
    DeclSpecs specs;
    std::vector<Declarator> declarators;
    ExternBlock block = ExternBlock::None;  // inside `extern "Python" { ... }`
};

// `#define NAME 42` or `#define NAME ...`: value_text is the literal as
// written ("(-1)", "0x10ULL") or "..." .
struct Define {
    Range range;
    std::string name;
    Range name_range;
    std::string value_text;
    Range value_range;
};

// `#pragma pack(...)`
struct PragmaPack {
    enum Op : std::uint8_t { Set, Push, Pop, Reset };
    Range range;
    Op op = Set;
    unsigned value = 0;  // Set/Push: N (0 for Push without N)
};

// `#pragma ffigen gil(keep)` / `gil(release)`: whether the functions
// declared after it keep the GIL during their C call.
struct PragmaGil {
    Range range;
    bool keep = false;
};

using Item = std::variant<Declaration, Define, PragmaPack, PragmaGil>;

// A whole cdef file, items in source order.
struct Unit {
    std::vector<Item> items;
};

}  // namespace ffigen::ast
