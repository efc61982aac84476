#include "stubs/python_types.hpp"

namespace ffigen::stubs {

using namespace model;

namespace {

constexpr const char* kCData = "_CData";
// A struct or union from Python: a cdata of it, or its fields in order or by name.
constexpr const char* kRecordValue = "_CData | list[Any] | tuple[Any, ...] | dict[str, Any]";

const Type* canonical(QualType t) { return t.type->canonical(); }

std::string primitive(Prim p, Use use) {
    switch (prim_info(p).cls) {
        case PrimClass::Void: return "None";
        case PrimClass::Bool: return use == Use::Result ? "bool" : "int";  // 0 and 1 are accepted too
        case PrimClass::Char: return p == Prim::Char ? "bytes" : "str";
        case PrimClass::Signed:
        case PrimClass::Unsigned: return "int";
        case PrimClass::Float:  // a long double stays a cdata, not to lose precision
            if (p == Prim::LongDouble) return use == Use::Result ? kCData : "float | _CData";
            return "float";
        case PrimClass::Complex: return "complex";
    }
    return "Any";
}

// Items of one byte: a bytes object is their array (the runtime passes its buffer).
bool single_byte(const Type* t) {
    auto p = t->as<PrimitiveType>();
    if (!p) return false;
    switch (p->prim) {
        case Prim::Char: case Prim::SChar: case Prim::UChar: case Prim::Bool: case Prim::Int8: case Prim::UInt8:
        case Prim::IntLeast8: case Prim::UIntLeast8: case Prim::IntFast8: case Prim::UIntFast8: return true;
        default: return false;
    }
}

bool wide_char(const Type* t) {
    auto p = t->as<PrimitiveType>();
    return p && prim_info(p->prim).cls == PrimClass::Char && p->prim != Prim::Char;
}

bool is_void(const Type* t) {
    auto p = t->as<PrimitiveType>();
    return p && p->prim == Prim::Void;
}

// FILE, which cdefs declare as `typedef ... FILE;` (CFFI's `struct _IO_FILE`).
bool is_file(const Type* t) {
    auto r = t->as<RecordType>();
    return r && r->from_dotdotdot_typedef && r->tag == "_IO_FILE";
}

// Whether the runtime knows the item's size, so that a list can be its array.
bool sized(const Type* t) {
    if (auto r = t->as<RecordType>()) return r->completeness != Completeness::Opaque;
    if (auto a = t->as<ArrayType>()) return a->length_kind != ArrayLength::Open && sized(canonical(a->element));
    return t->kind != TypeKind::Function && !is_void(t);
}

// A list or tuple of items: precise for a one-word item type, else Any.
std::string sequence_of(QualType item) {
    std::string v = python_type(item, Use::Value);
    if (v.find(' ') != std::string::npos) v = "Any";
    return "list[" + v + "] | tuple[" + v + ", ...]";
}

// A pointer or array filled from Python: bytes for one-byte items, str
// for wide characters, a list or tuple of items.
std::string array_like(QualType item, bool bytes_for_void) {
    const Type* t = canonical(item);
    std::string out = kCData;
    if (single_byte(t) || (bytes_for_void && is_void(t))) out += " | bytes";
    if (wide_char(t)) out += " | str";
    if (sized(t)) out += " | " + sequence_of(item);
    return out;
}

}  // namespace

std::string python_type(QualType type, Use use) {
    const Type* t = canonical(type);
    switch (t->kind) {
        case TypeKind::Primitive: return primitive(t->as<PrimitiveType>()->prim, use);
        case TypeKind::Enum:
        case TypeKind::UnknownInt: return "int";
        case TypeKind::UnknownFloat: return "float";
        case TypeKind::Record: return use == Use::Result ? kCData : kRecordValue;
        case TypeKind::Array: return use == Use::Result ? kCData : array_like(t->as<ArrayType>()->element, false);
        case TypeKind::Pointer: {
            QualType item = t->as<PointerType>()->pointee;
            if (use != Use::Argument) return kCData;
            if (is_file(canonical(item))) return "_CData | IO[Any]";  // a Python file object
            return array_like(item, true);
        }
        case TypeKind::Function:
        case TypeKind::Typedef: break;  // no value is a function; canonical() looked through typedefs
    }
    return kCData;
}

}  // namespace ffigen::stubs
