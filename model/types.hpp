// The resolved C type graph.
//
// Types are immutable once sema has finished and are owned by a TypeArena.
// Structural types (primitive, pointer, array, function) are interned, so
// two equal types are the same object and compare by address. Nominal types
// (struct/union, enum, typedef, unknown-size integer/float) are created once
// per declaration and are unique by identity, as in C.
//
// Qualifiers live beside the type, in QualType, as in clang: `const char *`
// is Pointer{QualType{char, Const}}, `char *const` is QualType{Pointer{char}, Const}.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <span>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "parser/source.hpp"

namespace ffigen::model {

// Every primitive CFFI knows. The numbering is CFFI's _CFFI_PRIM_* numbering
// (a fact of the table ABI; codegen/abi.hpp freezes it with static_assert).
enum class Prim : std::uint8_t {
    Void, Bool, Char, SChar, UChar, Short, UShort, Int, UInt, Long, ULong,
    LongLong, ULongLong, Float, Double, LongDouble, WChar,
    Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64,
    IntPtr, UIntPtr, PtrDiff, Size, SSize,
    IntLeast8, UIntLeast8, IntLeast16, UIntLeast16, IntLeast32, UIntLeast32,
    IntLeast64, UIntLeast64,
    IntFast8, UIntFast8, IntFast16, UIntFast16, IntFast32, UIntFast32,
    IntFast64, UIntFast64,
    IntMax, UIntMax, FloatComplex, DoubleComplex, Char16, Char32,
};
inline constexpr int kPrimCount = 52;

enum class PrimClass : std::uint8_t {
    Void,
    Bool,
    Char,      // char, wchar_t, char16_t, char32_t: converted as characters
    Signed,    // signed integers (including plain char's integer forms)
    Unsigned,  // unsigned integers
    Float,     // float, double, long double
    Complex,
};

struct PrimInfo {
    Prim prim;
    std::string_view c_name;  // canonical C spelling: "unsigned long long"
    PrimClass cls;
    // Widest this type is on any target ffigen knows (bits); used only to
    // reject a bitfield wider than its type. 0 for non-integers.
    std::uint8_t max_bits;
};
const PrimInfo& prim_info(Prim p);
// The primitive named by a canonical spelling ("unsigned int", "int32_t"), if any.
std::optional<Prim> prim_by_name(std::string_view c_name);

enum Quals : std::uint8_t { NoQuals = 0, Const = 1, Volatile = 2, Restrict = 4 };
inline Quals operator|(Quals a, Quals b) { return Quals(unsigned(a) | unsigned(b)); }

enum class CallConv : std::uint8_t { Default, Cdecl, Stdcall };

enum class TypeKind : std::uint8_t {
    Primitive,
    Pointer,
    Array,
    Function,
    Record,        // struct or union
    Enum,
    Typedef,       // a named alias, kept for spelling; canonical() looks through it
    UnknownInt,    // typedef int... name;   integer of unknown size and sign
    UnknownFloat,  // typedef float... name; floating type of unknown size
};

// How deeply sema lets types nest (pointers, arrays, functions, counted
// through typedefs): far beyond real code, and as the runtime's type parser
// (CFFI's limit), yet the recursive walks of a type in sema and codegen stay
// shallow and each type's spelling short.
inline constexpr std::uint32_t kMaxTypeDepth = 1000;

struct Type;
struct QualType {
    const Type* type = nullptr;
    Quals quals = NoQuals;

    bool operator==(const QualType&) const = default;
    auto operator<=>(const QualType&) const = default;
};

struct Type {
    const TypeKind kind;

    // A type's depth: 1 + its deepest part's for pointers, arrays and
    // functions, its target's for a typedef, 0 for the rest (a record's
    // fields are types of their own, checked where declared).
    const std::uint32_t depth;

    explicit Type(TypeKind k, std::uint32_t d = 0) : kind(k), depth(d) {}
    Type(const Type&) = delete;
    Type& operator=(const Type&) = delete;
    virtual ~Type() = default;

    // Follows typedefs until a type that is not a Typedef (in one step).
    const Type* canonical() const;
    template <class T> const T* as() const {
        return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
    }
};

// The depth of a (possibly empty: `typedef ... t;`) type, and of the deepest
// of a function's result and parameters.
inline std::uint32_t depth_of(QualType t) { return t.type ? t.type->depth : 0; }
inline std::uint32_t depth_of(QualType result, const std::vector<QualType>& params) {
    std::uint32_t d = depth_of(result);
    for (QualType p : params) d = std::max(d, depth_of(p));
    return d;
}

struct PrimitiveType final : Type {
    static constexpr TypeKind kKind = TypeKind::Primitive;
    explicit PrimitiveType(Prim p) : Type(kKind), prim(p) {}
    const Prim prim;
};

struct PointerType final : Type {
    static constexpr TypeKind kKind = TypeKind::Pointer;
    explicit PointerType(QualType p) : Type(kKind, depth_of(p) + 1), pointee(p) {}
    const QualType pointee;
};

enum class ArrayLength : std::uint8_t {
    Known,   // int a[8]
    Open,    // int a[]
    Dotdot,  // int a[...]: the C compiler gives the length
};

struct ArrayType final : Type {
    static constexpr TypeKind kKind = TypeKind::Array;
    ArrayType(QualType e, ArrayLength k, std::uint64_t n)
        : Type(kKind, depth_of(e) + 1), element(e), length_kind(k), length(n) {}
    const QualType element;
    const ArrayLength length_kind;
    const std::uint64_t length;  // meaningful only when length_kind == Known
};

struct FunctionType final : Type {
    static constexpr TypeKind kKind = TypeKind::Function;
    FunctionType(QualType r, std::vector<QualType> p, bool v, CallConv c)
        : Type(kKind, depth_of(r, p) + 1), result(r), params(std::move(p)), variadic(v), callconv(c) {}
    const QualType result;
    const std::vector<QualType> params;  // top-level qualifiers dropped; arrays decayed
    const bool variadic;
    const CallConv callconv;
};

enum class RecordKind : std::uint8_t { Struct, Union };

enum class Completeness : std::uint8_t {
    Opaque,    // struct foo;  or  typedef ... foo_t;  (no fields known)
    Partial,   // struct foo { int x; ...; };  the C compiler gives the layout
    Complete,  // every field listed, in order
};

struct Field {
    std::string name;   // empty for an anonymous struct/union member
    QualType type;
    int bit_width = -1; // -1: not a bitfield; 0 allowed only unnamed
    SourceLoc loc;
};

struct RecordType final : Type {
    static constexpr TypeKind kKind = TypeKind::Record;
    RecordType(RecordKind k, std::string t, SourceLoc l) : Type(kKind), record_kind(k), tag(std::move(t)), loc(l) {}
    const RecordKind record_kind;
    const std::string tag;        // "" when anonymous
    // Filled in by sema; frozen after.
    std::string typedef_name;     // first typedef naming an anonymous record ("" if none)
    bool from_dotdotdot_typedef = false;  // typedef ... foo_t; (no C struct tag exists)
    // Opaque in the included module that owns it, yet defined by the includer:
    // the runtime refuses to use it (CFFI's NotImplementedError).
    bool defined_by_includer = false;
    Completeness completeness = Completeness::Opaque;
    std::vector<Field> fields;
    unsigned pack = 0;            // 0: natural layout; N: #pragma pack(N) / --pack N
    SourceLoc loc;                // where it was (last) defined, or first mentioned
    std::string owner;            // the module declaring it (decls.hpp: Module::includes)
};

struct Enumerator {
    std::string name;
    // The value sema computed, or none in a partial enum where the C
    // compiler gives it (`enum e { A, B, ... }`).
    std::optional<std::int64_t> value;
    SourceLoc loc;
};

struct EnumType final : Type {
    static constexpr TypeKind kKind = TypeKind::Enum;
    EnumType(std::string t, SourceLoc l) : Type(kKind), tag(std::move(t)), loc(l) {}
    const std::string tag;        // "" when anonymous
    // Filled in by sema; frozen after.
    std::string typedef_name;
    bool partial = false;         // ends with `...`
    bool complete = false;        // false for a forward `enum foo;` never defined
    std::vector<Enumerator> enumerators;
    SourceLoc loc;
    std::string owner;            // the module declaring it (decls.hpp: Module::includes)
};

struct TypedefType final : Type {
    static constexpr TypeKind kKind = TypeKind::Typedef;
    TypedefType(std::string n, QualType t, SourceLoc l)
        : Type(kKind, depth_of(t)), name(std::move(n)), target(t), loc(l),
          innermost(t.type && t.type->kind == kKind ? static_cast<const TypedefType*>(t.type)->innermost : this),
          quals_above(innermost == this ? NoQuals : t.quals | static_cast<const TypedefType*>(t.type)->quals_above) {}
    const std::string name;
    const QualType target;
    const SourceLoc loc;
    // A chain of typedefs (`typedef t0 t1; typedef t1 t2;`) is looked
    // through in one step, however long: `innermost` is the last typedef of
    // the chain (the one whose target is no typedef; this one if its target
    // is none), `quals_above` the qualifiers the typedefs before it add.
    const TypedefType* const innermost;
    const Quals quals_above;
};

struct UnknownIntType final : Type {
    static constexpr TypeKind kKind = TypeKind::UnknownInt;
    UnknownIntType(std::string n, SourceLoc l) : Type(kKind), name(std::move(n)), loc(l) {}
    const std::string name;  // the typedef name; the C compiler gives size and sign
    const SourceLoc loc;
};

struct UnknownFloatType final : Type {
    static constexpr TypeKind kKind = TypeKind::UnknownFloat;
    UnknownFloatType(std::string n, SourceLoc l) : Type(kKind), name(std::move(n)), loc(l) {}
    const std::string name;
    const SourceLoc loc;
};

// Owns every type of one module. Structural types are interned here.
class TypeArena {
public:
    TypeArena();
    TypeArena(const TypeArena&) = delete;
    TypeArena& operator=(const TypeArena&) = delete;

    const PrimitiveType* primitive(Prim p) const { return prims_[static_cast<int>(p)]; }
    const PointerType* pointer(QualType pointee);
    const ArrayType* array(QualType element, ArrayLength kind, std::uint64_t length = 0);
    const FunctionType* function(QualType result, std::vector<QualType> params,
                                 bool variadic, CallConv cc = CallConv::Default);

    RecordType* new_record(RecordKind k, std::string tag, SourceLoc loc);
    EnumType* new_enum(std::string tag, SourceLoc loc);
    const TypedefType* new_typedef(std::string name, QualType target, SourceLoc loc);
    const UnknownIntType* new_unknown_int(std::string name, SourceLoc loc);
    const UnknownFloatType* new_unknown_float(std::string name, SourceLoc loc);

private:
    template <class T, class... A> T* make(A&&... args);

    std::deque<std::unique_ptr<Type>> owned_;
    const PrimitiveType* prims_[kPrimCount];
    struct QualTypeHash {
        std::size_t operator()(QualType t) const noexcept {
            return std::hash<const void*>{}(t.type) * 31 + static_cast<std::size_t>(t.quals);
        }
    };
    std::unordered_map<QualType, const PointerType*, QualTypeHash> pointers_;
    std::map<std::tuple<QualType, ArrayLength, std::uint64_t>, const ArrayType*> arrays_;
    // Function types are found through a view of their signature, so that
    // a lookup copies no parameter list.
    struct Signature {
        QualType result;
        std::span<const QualType> params;
        bool variadic;
        CallConv cc;
    };
    struct SignatureKey {
        using is_transparent = void;
        static Signature of(const FunctionType* f) {
            return {f->result, f->params, f->variadic, f->callconv};
        }
        static const Signature& of(const Signature& s) { return s; }
        static std::size_t hash(const Signature& s);
        static bool equal(const Signature& a, const Signature& b);
        template <class A>
        std::size_t operator()(const A& a) const { return hash(of(a)); }
        template <class A, class B>
        bool operator()(const A& a, const B& b) const { return equal(of(a), of(b)); }
    };
    std::unordered_set<const FunctionType*, SignatureKey, SignatureKey> functions_;
};

// The top-level qualifiers of `t` as C sees them: its own and those its
// typedefs add (`typedef const int cint; cint x;` declares a const x).
Quals effective_quals(QualType t);

// C spelling of a type around a declarator: spell(int(*)[3], "x") gives
// "int (*x)[3]"; an empty name gives the abstract type name "int(*)[3]".
// Anonymous records spell as their typedef name. Typedefs spell as their
// name, or with Resolved as what they stand for: generated C spells types
// so, as CFFI does, because a cdef's typedef need not exist in C (it may
// come from an included module, or be the cdef's name for a C type).
enum class Typedefs { ByName, Resolved };
std::string spell(QualType t, std::string_view declarator = {}, Typedefs typedefs = Typedefs::ByName);
// `t` itself, or with Resolved, the type spell() spells in its place
// (typedefs looked through, their qualifiers merged).
QualType through_typedefs(QualType t, Typedefs typedefs);
// False for a struct, union or enum C has no name for: no tag, and no
// typedef naming it (the pointee of `typedef ... *t;`, named `$t`, has none).
bool has_c_name(const Type* t);
// Whether `t`, or an item of it through arrays, has a `[...]` length.
bool has_dotdot_length(const Type* t);
// An integer in CFFI's sense (enums and `int...` too, not char), through typedefs.
bool is_integer(const Type* t);

}  // namespace ffigen::model
