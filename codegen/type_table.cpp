#include "codegen/type_table.hpp"

#include <cstdint>
#include <cstring>

namespace ffigen::codegen {

using namespace model;


namespace {

// How deep a type may be and still get a comment in the table (real types
// are a few levels deep).
constexpr std::uint32_t kMaxCommentedDepth = 32;

// `typedef struct { ... } *name_p;`: C reaches the struct as `*name_p`, and
// CFFI takes such a typedef (a "named pointer") as naming it. Deeper ones
// (`typedef struct { ... } **pp;`) CFFI refuses as unnamed; the rule is
// kept, so that what ffigen takes CFFI takes too.
bool names_pointee(const TypedefType* td) {
    auto p = strip(td->target.type)->as<PointerType>();
    return p && !has_c_name(strip(p->pointee.type));
}

}  // namespace

// The anonymous struct, union or enum inside `t` that C has no name for, if any.
const Type* unnamed_part(const Type* t) {
    if (auto td = t->as<TypedefType>()) {
        // The same for every typedef of a chain: they all stand for one type.
        if (names_pointee(td)) return nullptr;
        t = strip(t);
    }
    switch (t->kind) {
        case TypeKind::Pointer: return unnamed_part(t->as<PointerType>()->pointee.type);
        case TypeKind::Array: return unnamed_part(t->as<ArrayType>()->element.type);
        case TypeKind::Function: {
            auto f = t->as<FunctionType>();
            if (auto u = unnamed_part(f->result.type)) return u;
            for (const QualType& p : f->params)
                if (auto u = unnamed_part(p.type)) return u;
            return nullptr;
        }
        case TypeKind::Record:
        case TypeKind::Enum: return has_c_name(t) ? nullptr : t;
        default: return nullptr;
    }
}

template <class... Parts>
void TypeTable::set_text(TypeSlot& slot, const Parts&... parts) {
    slot.text_at = static_cast<std::uint32_t>(texts_.size());
    put(texts_, parts...);
    slot.text_size = static_cast<std::uint32_t>(texts_.size() - slot.text_at);
}

bool needs_length_of(const Type* t) {
    for (t = strip(t);; t = strip(t)) {
        if (auto p = t->as<PointerType>()) t = p->pointee.type;
        else if (auto a = t->as<ArrayType>()) {
            if (a->length_kind == ArrayLength::Dotdot) return true;
            t = a->element.type;
        } else {
            return false;
        }
    }
}

QualType unsized_items(QualType t, std::string& expr) {
    for (auto a = strip(t.type)->as<ArrayType>(); a && a->length_kind != ArrayLength::Known;
         a = strip(t.type)->as<ArrayType>()) {
        t = a->element;
        expr += "[0]";
    }
    return t;
}

namespace {

std::string pointee_length_of(const std::string& length_of) {
    return length_of.empty() ? "" : "(*" + length_of + ")";
}

std::string item_length_of(const std::string& length_of) {
    return length_of.empty() ? "" : length_of + "[0]";
}

// `(*(NAME *)0)`: storage of typedef NAME's type, in which C measures its
// `[...]` lengths (as CFFI does), when it has any; else "".
std::string typedef_storage(const Type* t) {
    auto td = t->as<TypedefType>();
    return td && needs_length_of(t) ? "(*(" + td->name + " *)0)" : std::string();
}

}  // namespace

int TypeTable::intern(std::string_view key) {
    int next = static_cast<int>(slot_by_shape_.size());
    int id = shape_ids_.intern(key, next);
    if (id == next) new_shape();
    return id;
}

namespace {

// Shape keys are binary: a kind byte, then fixed-width numbers, so that
// no two different types can spell the same key.
template <class T>
void append_bytes(std::string& key, T value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <class T>
char* put_bytes(char* to, T value) {
    std::memcpy(to, &value, sizeof value);
    return to + sizeof value;
}

}  // namespace

int TypeTable::pointer_shape(int pointee_shape) {
    std::string key = "*";
    append_bytes(key, pointee_shape);
    return intern(key);
}

int TypeTable::shape_of(const Type* t, const std::string& length_of) {
    bool by_type = length_of.empty() || !needs_length_of(t);
    if (by_type)
        if (int* known = shape_by_type_.find(pointer_key(t))) return *known;
    const Type* runtime_type = strip(t);
    int shape;
    if (runtime_type != t) {  // a typedef: its target's shape
        shape = shape_of(runtime_type, length_of.empty() ? typedef_storage(t) : length_of);
    } else if (runtime_type->kind == TypeKind::Pointer || runtime_type->kind == TypeKind::Array ||
               runtime_type->kind == TypeKind::Function) {
        shape = intern(shape_key(t, by_type ? std::string() : length_of));
    } else {
        // Primitives and nominal types are one object each: their address is their key.
        shape = new_shape();
    }
    if (by_type) shape_by_type_.insert(pointer_key(t), shape);
    return shape;
}

int TypeTable::new_shape() {
    slot_by_shape_.push_back(-1);
    return static_cast<int>(slot_by_shape_.size()) - 1;
}

// The key of a pointer, array or function type: its kind and its parts'
// shapes (and a `[...]` array's length expression, last).
std::string TypeTable::shape_key(const Type* t, const std::string& length_of) {
    t = strip(t);
    std::string key;
    switch (t->kind) {
        case TypeKind::Pointer:
            key = "*";
            append_bytes(key, shape_of(t->as<PointerType>()->pointee.type, pointee_length_of(length_of)));
            return key;
        case TypeKind::Array: {
            auto a = t->as<ArrayType>();
            key = "[";
            append_bytes(key, a->length_kind);
            append_bytes(key, a->length_kind == ArrayLength::Known ? a->length : 0);
            append_bytes(key, shape_of(a->element.type, item_length_of(length_of)));
            if (a->length_kind == ArrayLength::Dotdot) key += length_of;
            return key;
        }
        case TypeKind::Function: {
            // Sized once and filled in place: a module has thousands of these.
            auto f = t->as<FunctionType>();
            key.resize(1 + sizeof(std::size_t) + (f->params.size() + 1) * sizeof(int) + 2);
            char* to = key.data();
            *to++ = '(';
            to = put_bytes(to, f->params.size());
            for (const QualType& p : f->params) to = put_bytes(to, shape_of(p.type));
            to = put_bytes(to, shape_of(f->result.type));
            *to++ = f->variadic;
            *to = f->callconv == CallConv::Stdcall;
            return key;
        }
        default: return key;  // not reached: shape_of() keys the others by address
    }
}

int TypeTable::add_slot() {
    slots_.emplace_back();
    return static_cast<int>(slots_.size()) - 1;
}

int TypeTable::add_slot(QualType commented, bool pointer_to) {
    int at = add_slot();
    // A deep type's entries would each spell all of it below them: the
    // comments would grow with the square of its depth.
    if (model::depth_of(commented) > kMaxCommentedDepth) return at;
    slots_[at].commented = commented;
    slots_[at].pointer_to = pointer_to;
    return at;
}

void TypeTable::set_primitive(TypeSlot& slot, const Type* t) {
    if (auto p = t->as<PrimitiveType>()) {
        if (p->prim == Prim::Char16 || p->prim == Prim::Char32) uses_char16_32_ = true;
        slot.opcode = "PRIMITIVE";
        slot.arg = static_cast<int>(p->prim);
    } else if (auto u = t->as<UnknownIntType>()) {
        // `| 0`: a compile error unless C made it an integer type.
        set_text(slot, "_FFIGEN_OP(_FFIGEN_OP_PRIMITIVE, _FFIGEN_PRIM_INT_OF(sizeof(", u->name, "), (((", u->name,
                 ")-1) | 0) <= 0))");
    } else {
        set_text(slot, "_FFIGEN_OP(_FFIGEN_OP_PRIMITIVE, _FFIGEN_PRIM_FLOAT_OF_TYPE(",
                 t->as<UnknownFloatType>()->name, "))");
    }
}

int TypeTable::first_index_of(QualType t) {
    static const std::string none;  // no `[...]` length to measure
    int at = index_of_sized(t, none);
    if (!slot_by_type_.find(pointer_key(t.type))) slot_by_type_.insert(pointer_key(t.type), at);
    return at;
}

int TypeTable::index_of_sized(QualType qt, const std::string& given_length_of) {
    std::string storage = given_length_of.empty() ? typedef_storage(qt.type) : std::string();
    const std::string& length_of = storage.empty() ? given_length_of : storage;
    const Type* t = strip(qt.type);
    int shape = shape_of(t, length_of);
    if (int at = slot_of(shape); at >= 0) return at;
    switch (t->kind) {
        case TypeKind::Pointer: {
            int at = slot_of(shape) = add_slot(QualType{qt.type});
            int pointee = index_of_sized(t->as<PointerType>()->pointee, pointee_length_of(length_of));
            slots_[at].opcode = "POINTER";
            slots_[at].arg = pointee;
            return at;
        }
        case TypeKind::Array: {
            auto a = t->as<ArrayType>();
            std::string length = a->length_kind == ArrayLength::Dotdot
                                     ? "_FFIGEN_LEN(" + length_of + ")"
                                     : std::to_string(a->length);
            int at = add_array(a, length, length_of);
            slot_of(shape) = at;
            return at;
        }
        case TypeKind::Function: return add_function(t->as<FunctionType>(), shape);
        default: break;
    }
    int at = slot_of(shape) = add_slot(QualType{qt.type});
    TypeSlot& slot = slots_[at];
    if (t->kind == TypeKind::Record) {
        slot.opcode = "STRUCT_UNION";
        slot.arg = record_index_.at(pointer_key(t));
    } else if (t->kind == TypeKind::Enum) {
        slot.opcode = "ENUM";
        slot.arg = enum_index_.at(pointer_key(t));
    } else {
        set_primitive(slot, t);
    }
    return at;
}

int TypeTable::pointer_to(QualType pointee, const std::string& length_of) {
    int shape = pointer_shape(length_of.empty() ? shape_of(pointee.type) : shape_of(pointee.type, length_of));
    if (int at = slot_of(shape); at >= 0) return at;
    int at = slot_of(shape) = add_slot(pointee, true);
    int target = length_of.empty() ? index_of(pointee) : index_of_sized(pointee, length_of);
    slots_[at].opcode = "POINTER";
    slots_[at].arg = target;
    return at;
}

// Arrays and functions as parameters are pointers, as in C; the items of
// an array typedef with `[...]` lengths are measured in its storage.
int TypeTable::param_entry(QualType param) {
    const Type* p = strip(param.type);
    if (auto a = p->as<ArrayType>()) return pointer_to(a->element, item_length_of(typedef_storage(param.type)));
    if (p->kind == TypeKind::Function) return pointer_to(QualType{p});
    return index_of(param);
}

int TypeTable::add_array(const ArrayType* a, const std::string& length_expr,
                         const std::string& length_of) {
    bool open = a->length_kind == ArrayLength::Open;
    int at = add_slot(QualType{a});
    if (!open) {
        int length = add_slot();
        set_text(slots_[length], "(_ffigen_op)(", length_expr, ")");
        // The number too, for writers of tables that no compiler reads.
        bool fits = a->length_kind == ArrayLength::Known && a->length <= std::uint64_t(INT32_MAX);
        slots_[length].arg = fits ? static_cast<int>(a->length) : -1;
    }
    int item = index_of_sized(a->element, item_length_of(length_of));
    slots_[at].opcode = open ? std::string_view("OPEN_ARRAY") : std::string_view("ARRAY");
    slots_[at].arg = item;
    return at;
}

int TypeTable::add_function(const FunctionType* f, int shape) {
    int at = slot_of(shape) = add_slot(QualType{f});
    for (std::size_t i = 0; i < f->params.size(); ++i) add_slot();
    int end = add_slot();
    int result = index_of(f->result);
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        const Type* p = strip(f->params[i].type);
        if (p->kind == TypeKind::Primitive) {
            set_primitive(slots_[at + 1 + i], p);
            continue;
        }
        int real = param_entry(f->params[i]);
        // Indexed only now: adding entries may have moved slots_.
        slots_[at + 1 + i].opcode = "NOOP";
        slots_[at + 1 + i].arg = real;
    }
    int flags = (f->variadic ? 1 : 0) | (f->callconv == CallConv::Stdcall ? 2 : 0);
    slots_[at].opcode = "FUNCTION";
    slots_[at].arg = result;
    slots_[end].opcode = "FUNCTION_END";
    slots_[end].arg = flags;
    return at;
}

}  // namespace ffigen::codegen
