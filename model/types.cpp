#include "model/types.hpp"

#include <algorithm>
#include <array>
#include <compare>
#include <tuple>

namespace ffigen::model {

namespace {

using C = PrimClass;
// One row per primitive, in Prim order (checked below).
constexpr std::array<PrimInfo, kPrimCount> kPrims = {{
    {Prim::Void, "void", C::Void, 0},
    {Prim::Bool, "_Bool", C::Bool, 1},
    {Prim::Char, "char", C::Char, 8},
    {Prim::SChar, "signed char", C::Signed, 8},
    {Prim::UChar, "unsigned char", C::Unsigned, 8},
    {Prim::Short, "short", C::Signed, 16},
    {Prim::UShort, "unsigned short", C::Unsigned, 16},
    {Prim::Int, "int", C::Signed, 32},
    {Prim::UInt, "unsigned int", C::Unsigned, 32},
    {Prim::Long, "long", C::Signed, 64},
    {Prim::ULong, "unsigned long", C::Unsigned, 64},
    {Prim::LongLong, "long long", C::Signed, 64},
    {Prim::ULongLong, "unsigned long long", C::Unsigned, 64},
    {Prim::Float, "float", C::Float, 0},
    {Prim::Double, "double", C::Float, 0},
    {Prim::LongDouble, "long double", C::Float, 0},
    {Prim::WChar, "wchar_t", C::Char, 32},
    {Prim::Int8, "int8_t", C::Signed, 8},
    {Prim::UInt8, "uint8_t", C::Unsigned, 8},
    {Prim::Int16, "int16_t", C::Signed, 16},
    {Prim::UInt16, "uint16_t", C::Unsigned, 16},
    {Prim::Int32, "int32_t", C::Signed, 32},
    {Prim::UInt32, "uint32_t", C::Unsigned, 32},
    {Prim::Int64, "int64_t", C::Signed, 64},
    {Prim::UInt64, "uint64_t", C::Unsigned, 64},
    {Prim::IntPtr, "intptr_t", C::Signed, 64},
    {Prim::UIntPtr, "uintptr_t", C::Unsigned, 64},
    {Prim::PtrDiff, "ptrdiff_t", C::Signed, 64},
    {Prim::Size, "size_t", C::Unsigned, 64},
    {Prim::SSize, "ssize_t", C::Signed, 64},
    {Prim::IntLeast8, "int_least8_t", C::Signed, 8},
    {Prim::UIntLeast8, "uint_least8_t", C::Unsigned, 8},
    {Prim::IntLeast16, "int_least16_t", C::Signed, 16},
    {Prim::UIntLeast16, "uint_least16_t", C::Unsigned, 16},
    {Prim::IntLeast32, "int_least32_t", C::Signed, 32},
    {Prim::UIntLeast32, "uint_least32_t", C::Unsigned, 32},
    {Prim::IntLeast64, "int_least64_t", C::Signed, 64},
    {Prim::UIntLeast64, "uint_least64_t", C::Unsigned, 64},
    {Prim::IntFast8, "int_fast8_t", C::Signed, 64},
    {Prim::UIntFast8, "uint_fast8_t", C::Unsigned, 64},
    {Prim::IntFast16, "int_fast16_t", C::Signed, 64},
    {Prim::UIntFast16, "uint_fast16_t", C::Unsigned, 64},
    {Prim::IntFast32, "int_fast32_t", C::Signed, 64},
    {Prim::UIntFast32, "uint_fast32_t", C::Unsigned, 64},
    {Prim::IntFast64, "int_fast64_t", C::Signed, 64},
    {Prim::UIntFast64, "uint_fast64_t", C::Unsigned, 64},
    {Prim::IntMax, "intmax_t", C::Signed, 64},
    {Prim::UIntMax, "uintmax_t", C::Unsigned, 64},
    {Prim::FloatComplex, "float _Complex", C::Complex, 0},
    {Prim::DoubleComplex, "double _Complex", C::Complex, 0},
    {Prim::Char16, "char16_t", C::Char, 16},
    {Prim::Char32, "char32_t", C::Char, 32},
}};

constexpr bool prims_in_order() {
    for (int i = 0; i < kPrimCount; ++i)
        if (static_cast<int>(kPrims[i].prim) != i) return false;
    return true;
}
static_assert(prims_in_order(), "kPrims rows must follow the Prim enumeration");

}  // namespace

const PrimInfo& prim_info(Prim p) { return kPrims[static_cast<int>(p)]; }

bool is_integer(const Type* t) {
    t = t->canonical();
    if (t->kind == TypeKind::Enum || t->kind == TypeKind::UnknownInt) return true;
    auto p = t->as<PrimitiveType>();
    PrimClass c = p ? prim_info(p->prim).cls : PrimClass::Void;
    return c == PrimClass::Signed || c == PrimClass::Unsigned || c == PrimClass::Bool;
}

std::optional<Prim> prim_by_name(std::string_view c_name) {
    for (const PrimInfo& info : kPrims)
        if (info.c_name == c_name) return info.prim;
    return std::nullopt;
}

const Type* Type::canonical() const {
    if (auto td = as<TypedefType>()) return td->innermost->target.type;
    return this;
}

Quals effective_quals(QualType t) {
    auto td = t.type->as<TypedefType>();
    return td ? t.quals | td->quals_above | td->innermost->target.quals : t.quals;
}

TypeArena::TypeArena() {
    for (int i = 0; i < kPrimCount; ++i) prims_[i] = make<PrimitiveType>(static_cast<Prim>(i));
}

template <class T, class... A> T* TypeArena::make(A&&... args) {
    auto owned = std::make_unique<T>(std::forward<A>(args)...);
    T* raw = owned.get();
    owned_.push_back(std::move(owned));
    return raw;
}

const PointerType* TypeArena::pointer(QualType pointee) {
    auto [it, fresh] = pointers_.try_emplace(pointee, nullptr);
    if (fresh) it->second = make<PointerType>(pointee);
    return it->second;
}

const ArrayType* TypeArena::array(QualType element, ArrayLength kind, std::uint64_t length) {
    if (kind != ArrayLength::Known) length = 0;
    auto [it, fresh] = arrays_.try_emplace({element, kind, length}, nullptr);
    if (fresh) it->second = make<ArrayType>(element, kind, length);
    return it->second;
}

std::size_t TypeArena::SignatureKey::hash(const Signature& s) {
    QualTypeHash h;
    std::size_t x = h(s.result) * 2 + s.variadic;
    for (QualType p : s.params) x = x * 1000003u ^ h(p);
    return x * 4 + static_cast<std::size_t>(s.cc);
}

bool TypeArena::SignatureKey::equal(const Signature& a, const Signature& b) {
    return a.result == b.result && a.variadic == b.variadic && a.cc == b.cc &&
           std::equal(a.params.begin(), a.params.end(), b.params.begin(), b.params.end());
}

const FunctionType* TypeArena::function(QualType result, std::vector<QualType> params,
                                        bool variadic, CallConv cc) {
    Signature wanted{result, params, variadic, cc};
    if (auto it = functions_.find(wanted); it != functions_.end()) return *it;
    const FunctionType* made = make<FunctionType>(result, std::move(params), variadic, cc);
    functions_.insert(made);
    return made;
}

RecordType* TypeArena::new_record(RecordKind k, std::string tag, SourceLoc loc) {
    return make<RecordType>(k, std::move(tag), loc);
}

EnumType* TypeArena::new_enum(std::string tag, SourceLoc loc) {
    return make<EnumType>(std::move(tag), loc);
}

const TypedefType* TypeArena::new_typedef(std::string name, QualType target, SourceLoc loc) {
    return make<TypedefType>(std::move(name), target, loc);
}

const UnknownIntType* TypeArena::new_unknown_int(std::string name, SourceLoc loc) {
    return make<UnknownIntType>(std::move(name), loc);
}

const UnknownFloatType* TypeArena::new_unknown_float(std::string name, SourceLoc loc) {
    return make<UnknownFloatType>(std::move(name), loc);
}

}  // namespace ffigen::model
