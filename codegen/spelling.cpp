#include "codegen/spelling.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

// Whether spell(t, declarator) is spell(t) then the declarator: true for a
// named type behind any number of pointers, false when an array or
// function type makes the declarator wrap around the name.
bool declarator_goes_last(const Type* t) {
    while (auto p = t->as<PointerType>()) t = p->pointee.type;
    return t->kind != TypeKind::Array && t->kind != TypeKind::Function;
}

// A type and its qualifiers as one map key: the qualifier bits go where a
// Type's address is always zero.
static_assert(alignof(Type) >= 8 && Const + Volatile + Restrict < 8);
std::uintptr_t key(QualType t) { return pointer_key(t.type) | t.quals; }

}  // namespace

std::string_view Spellings::abstract(QualType t) {
    if (const std::string** known = abstract_.find(key(t))) return **known;
    return *abstract_.insert(key(t), &spelled_.emplace_back(spell(t)));
}

// spell() of a function type: the result type around the parameter list,
// written straight into `out`, each parameter spelled from the cache.
void Spellings::put_function(Text& out, const FunctionType* f) {
    if (!declarator_goes_last(f->result.type)) {
        out += spell(QualType{f});
        return;
    }
    put(out, f->result, "(");  // the result joined to "(" as to the whole list
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (i) out += ", ";
        put(out, f->params[i]);
    }
    if (f->variadic) out += f->params.empty() ? "..." : ", ...";
    else if (f->params.empty()) out += "void";
    out += ')';
}

bool Spellings::put_before_name(Text& out, QualType t) {
    if (!declarator_goes_last(t.type)) return false;
    out += abstract(t);
    // As put() joins a name: "int x", "char *x", "char *const x".
    if (t.type->kind != TypeKind::Pointer || t.quals != NoQuals) out += ' ';
    return true;
}

void Spellings::put(Text& out, QualType t, std::string_view declarator) {
    // Each function type is spelled about once (a type table comment): not kept.
    if (auto f = t.type->as<FunctionType>(); f && declarator.empty()) return put_function(out, f);
    if (!declarator_goes_last(t.type)) {
        out += spell(t, declarator);
        return;
    }
    std::string_view base = abstract(t);
    if (declarator.empty()) {
        out += base;
        return;
    }
    // As spell() joins them: "int x" but "int[3]" and "int(*p)"; "char *x"
    // but "char *const x" and "char *const (*p)".
    bool wraps = declarator.front() == '[' || declarator.front() == '(';
    bool space = t.type->kind == TypeKind::Pointer ? t.quals != NoQuals : !wraps;
    out += base;
    if (space) out += ' ';
    out += declarator;
}

}  // namespace ffigen::codegen
