// C spelling of model types, inside out: each step wraps the declarator
// built so far, the way a C declaration is read from the name outwards.
// A loop, not a recursion: a type may be kMaxTypeDepth levels deep.
//
// Calling conventions are not spelled: they mean something only to Windows
// compilers, and ffigen's targets are the ones Debian ships compilers for.
#include <string>

#include "model/types.hpp"

namespace ffigen::model {

namespace {

// `restrict` is spelled `__restrict`: generated modules are also compiled
// as C++, which has no `restrict` keyword; gcc, clang and MSVC take
// `__restrict` in both languages.
std::string quals_words(Quals q) {
    std::string s;
    if (q & Const) s += "const ";
    if (q & Volatile) s += "volatile ";
    if (q & Restrict) s += "__restrict ";
    return s;
}

std::string join(std::string_view base, std::string_view declarator) {
    std::string s(base);
    if (!declarator.empty()) {
        if (declarator.front() != '[' && declarator.front() != '(') s += ' ';
        s += declarator;
    }
    return s;
}

std::string named_spelling(const Type* t) {
    switch (t->kind) {
        case TypeKind::Primitive: return std::string(prim_info(t->as<PrimitiveType>()->prim).c_name);
        case TypeKind::Typedef: return t->as<TypedefType>()->name;
        case TypeKind::UnknownInt: return t->as<UnknownIntType>()->name;
        case TypeKind::UnknownFloat: return t->as<UnknownFloatType>()->name;
        case TypeKind::Record: {
            auto r = t->as<RecordType>();
            if (r->tag.empty() || r->from_dotdotdot_typedef) return r->typedef_name;
            return (r->record_kind == RecordKind::Struct ? "struct " : "union ") + r->tag;
        }
        case TypeKind::Enum: {
            auto e = t->as<EnumType>();
            return e->tag.empty() ? e->typedef_name : "enum " + e->tag;
        }
        default: return {};
    }
}

// Whether the typedef is C's only name for what it stands for: a pointer
// (or array) typedef to an anonymous struct, union or enum (`typedef struct
// {...} *p_t;`, CFFI's named pointer) or to the pointee of `typedef ... *t;`,
// or an array typedef whose `[...]` length only C knows.
bool names_a_hidden_type(const TypedefType* td) {
    const Type* t = td->target.type;
    for (;;) {
        if (auto p = t->as<PointerType>()) {
            t = p->pointee.type;
        } else if (auto a = t->as<ArrayType>()) {
            if (a->length_kind == ArrayLength::Dotdot) return true;
            t = a->element.type;
        } else {
            break;
        }
    }
    return !has_c_name(t);
}

std::string params_spelling(const FunctionType* f, Typedefs typedefs) {
    if (f->params.empty()) return f->variadic ? "(...)" : "(void)";
    std::string s = "(";
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (i) s += ", ";
        s += spell(f->params[i], {}, typedefs);
    }
    if (f->variadic) s += ", ...";
    return s + ")";
}

}  // namespace

bool has_c_name(const Type* t) {
    if (auto r = t->as<RecordType>()) return !r->tag.empty() || (!r->typedef_name.empty() && r->typedef_name[0] != '$');
    if (auto e = t->as<EnumType>()) return !e->tag.empty() || !e->typedef_name.empty();
    return true;
}

bool has_dotdot_length(const Type* t) {
    for (auto a = t->canonical()->as<ArrayType>(); a; a = a->element.type->canonical()->as<ArrayType>())
        if (a->length_kind == ArrayLength::Dotdot) return true;
    return false;
}

QualType through_typedefs(QualType t, Typedefs typedefs) {
    auto td = t.type->as<TypedefType>();
    if (typedefs == Typedefs::ByName || !td) return t;
    // A typedef of a typedef names no hidden type: only the chain's last may.
    QualType last{td->innermost, t.quals | td->quals_above};
    if (names_a_hidden_type(td->innermost)) return last;
    return {td->innermost->target.type, last.quals | td->innermost->target.quals};
}

namespace {

// The declarator built so far, from the name outwards. Each step adds to
// its start or its end: the start is kept reversed, so that both grow at
// the back and a type's spelling takes time linear in its length.
struct Declarator {
    std::string start_reversed, middle, end;

    bool empty() const { return start_reversed.empty() && middle.empty() && end.empty(); }
    void prepend(std::string_view s) { start_reversed.append(s.rbegin(), s.rend()); }
    std::string text() const {
        std::string s(start_reversed.rbegin(), start_reversed.rend());
        return s + middle + end;
    }
};

}  // namespace

std::string spell(QualType t, std::string_view declarator, Typedefs typedefs) {
    Declarator d{{}, std::string(declarator), {}};
    for (;;) {
        t = through_typedefs(t, typedefs);
        switch (t.type->kind) {
            case TypeKind::Pointer: {
                QualType pointee = through_typedefs(t.type->as<PointerType>()->pointee, typedefs);
                std::string star = "*" + quals_words(t.quals);
                if (t.quals != NoQuals && d.empty()) star.pop_back();  // "*const", not "*const "
                d.prepend(star);
                if (pointee.type->kind == TypeKind::Array || pointee.type->kind == TypeKind::Function) {
                    d.prepend("(");
                    d.end += ')';
                }
                t = pointee;
                break;
            }
            case TypeKind::Array: {
                auto a = t.type->as<ArrayType>();
                d.end += a->length_kind == ArrayLength::Known ? "[" + std::to_string(a->length) + "]" : "[]";
                t = a->element;
                break;
            }
            case TypeKind::Function: {
                auto f = t.type->as<FunctionType>();
                d.end += params_spelling(f, typedefs);
                t = f->result;
                break;
            }
            default:
                return join(quals_words(t.quals) + named_spelling(t.type), d.text());
        }
    }
}

}  // namespace ffigen::model
