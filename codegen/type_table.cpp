#include "codegen/type_table.hpp"

#include <cstdio>

namespace ffigen::codegen {

using namespace model;

const Type* strip(const Type* t) { return t->canonical(); }

// The anonymous struct, union or enum inside `t` that C has no name for, if any.
const Type* unnamed_part(const Type* t) {
    t = strip(t);
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
        case TypeKind::Record: {
            auto r = t->as<RecordType>();
            return r->tag.empty() && r->typedef_name.empty() ? t : nullptr;
        }
        case TypeKind::Enum: {
            auto e = t->as<EnumType>();
            return e->tag.empty() && e->typedef_name.empty() ? t : nullptr;
        }
        default: return nullptr;
    }
}

std::string op_word(const char* opcode, long long arg) {
    return "_FFIGEN_OP(_FFIGEN_OP_" + std::string(opcode) + ", " + std::to_string(arg) + ")";
}

int TypeTable::add_slot(std::string op, std::string comment) {
    slots_.push_back({std::move(op), std::move(comment)});
    return static_cast<int>(slots_.size()) - 1;
}

// A string that is equal for two types exactly when the runtime must see
// the same ctype. Nominal types are keyed by identity.
std::string TypeTable::key_of(const Type* t, const std::string& length_of) {
    t = strip(t);
    char id[32];
    switch (t->kind) {
        case TypeKind::Primitive:
            return "p" + std::to_string(static_cast<int>(t->as<PrimitiveType>()->prim));
        case TypeKind::Pointer: {
            std::string inner = length_of.empty() ? "" : "(*" + length_of + ")";
            return "*" + key_of(t->as<PointerType>()->pointee.type, inner);
        }
        case TypeKind::Array: {
            auto a = t->as<ArrayType>();
            std::string item_of = length_of.empty() ? "" : length_of + "[0]";
            if (a->length_kind == ArrayLength::Known)
                return "[" + std::to_string(a->length) + "]" + key_of(a->element.type, item_of);
            if (a->length_kind == ArrayLength::Open) return "[]" + key_of(a->element.type, item_of);
            return "[." + length_of + "]" + key_of(a->element.type, item_of);
        }
        case TypeKind::Function: {
            auto f = t->as<FunctionType>();
            std::string k = "(";
            for (const QualType& p : f->params) k += key_of(p.type, "") + ",";
            if (f->variadic) k += "...";
            if (f->callconv == CallConv::Stdcall) k += "@std";
            return k + ")" + key_of(f->result.type, "");
        }
        default:
            std::snprintf(id, sizeof id, "#%p", static_cast<const void*>(t));
            return id;
    }
}

std::string TypeTable::primitive_op(const Type* t) {
    if (auto p = t->as<PrimitiveType>()) {
        if (p->prim == Prim::Char16 || p->prim == Prim::Char32) uses_char16_32_ = true;
        return op_word("PRIMITIVE", static_cast<int>(p->prim));
    }
    if (auto u = t->as<UnknownIntType>())
        return "_FFIGEN_OP(_FFIGEN_OP_PRIMITIVE, _FFIGEN_PRIM_INT_OF(sizeof(" + u->name + "), ((" +
               u->name + ")-1) <= 0))";
    auto f = t->as<UnknownFloatType>();
    return "_FFIGEN_OP(_FFIGEN_OP_PRIMITIVE, _FFIGEN_PRIM_FLOAT_OF(sizeof(" + f->name + ")))";
}

int TypeTable::index_of(QualType t) {
    // Most lookups repeat a type object already seen: skip building its key.
    if (auto it = by_type_.find(t.type); it != by_type_.end()) return it->second;
    int at = index_of_sized(t, "");
    by_type_.emplace(t.type, at);
    return at;
}

int TypeTable::index_of_sized(QualType qt, const std::string& length_of) {
    const Type* t = strip(qt.type);
    std::string key = key_of(t, length_of);
    if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
    std::string comment = spell(QualType{qt.type});
    switch (t->kind) {
        case TypeKind::Pointer: {
            int at = add_slot("", comment);
            by_key_[key] = at;
            std::string inner = length_of.empty() ? "" : "(*" + length_of + ")";
            int pointee = index_of_sized(t->as<PointerType>()->pointee, inner);
            slots_[at].op = op_word("POINTER", pointee);
            return at;
        }
        case TypeKind::Array: {
            auto a = t->as<ArrayType>();
            std::string length = a->length_kind == ArrayLength::Dotdot
                                     ? "_FFIGEN_LEN(" + length_of + ")"
                                     : std::to_string(a->length);
            int at = add_array(a, length, length_of);
            by_key_[key] = at;
            return at;
        }
        case TypeKind::Function: return add_function(t->as<FunctionType>(), key);
        case TypeKind::Record:
            return by_key_[key] = add_slot(op_word("STRUCT_UNION", record_index_.at(t)), comment);
        case TypeKind::Enum:
            return by_key_[key] = add_slot(op_word("ENUM", enum_index_.at(t)), comment);
        default: return by_key_[key] = add_slot(primitive_op(t), comment);
    }
}

int TypeTable::pointer_to(QualType pointee) {
    std::string key = "*" + key_of(pointee.type, "");
    if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
    int at = add_slot("", spell(pointee, "*"));
    by_key_[key] = at;
    slots_[at].op = op_word("POINTER", index_of(pointee));
    return at;
}

int TypeTable::add_array(const ArrayType* a, const std::string& length_expr,
                         const std::string& length_of) {
    bool open = a->length_kind == ArrayLength::Open;
    int at = add_slot("", spell(QualType{a}));
    if (!open) add_slot("(_ffigen_op)(" + length_expr + ")", "");
    std::string item_of = length_of.empty() ? "" : length_of + "[0]";
    int item = index_of_sized(a->element, item_of);
    slots_[at].op = op_word(open ? "OPEN_ARRAY" : "ARRAY", item);
    return at;
}

int TypeTable::add_function(const FunctionType* f, const std::string& key) {
    int at = add_slot("", spell(QualType{f}));
    by_key_[key] = at;
    for (std::size_t i = 0; i < f->params.size(); ++i) add_slot("", "");
    int end = add_slot("", "");
    int result = index_of(f->result);
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        const Type* p = strip(f->params[i].type);
        std::string op;  // computed first: adding entries may move slots_
        if (p->kind == TypeKind::Primitive) {
            op = primitive_op(p);
        } else {
            // Arrays and functions as parameters are pointers, as in C.
            int real = p->kind == TypeKind::Array ? pointer_to(p->as<ArrayType>()->element)
                       : p->kind == TypeKind::Function ? pointer_to(QualType{p})
                                                       : index_of(f->params[i]);
            op = op_word("NOOP", real);
        }
        slots_[at + 1 + i].op = std::move(op);
    }
    int flags = (f->variadic ? 1 : 0) | (f->callconv == CallConv::Stdcall ? 2 : 0);
    slots_[at].op = op_word("FUNCTION", result);
    slots_[end].op = op_word("FUNCTION_END", flags);
    return at;
}

}  // namespace ffigen::codegen
