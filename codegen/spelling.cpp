#include "codegen/spelling.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

// Generated C spells types as CFFI does: typedefs looked through.
constexpr Typedefs kTypedefs = Typedefs::Resolved;

const Type* resolved(const Type* t) { return through_typedefs(QualType{t}, kTypedefs).type; }

// Whether spell(t, declarator) is spell(t) then the declarator: true for a
// named type behind any number of pointers, false when an array or
// function type makes the declarator wrap around the name.
bool declarator_goes_last(const Type* t) {
    for (t = resolved(t); auto p = t->as<PointerType>();) t = resolved(p->pointee.type);
    return t->kind != TypeKind::Array && t->kind != TypeKind::Function;
}

// Spellings::key(): the qualifier bits fit below a Type's alignment.
static_assert(alignof(Type) >= 8 && Const + Volatile + Restrict < 8);

}  // namespace

const Spellings::Plain& Spellings::plain(QualType t) {
    if (const Plain* known = plain_.find(key(t))) return *known;
    return plain_.insert(key(t), {spelled_.emplace_back(spell(t, {}, kTypedefs)),
                                  resolved(t.type)->kind == TypeKind::Pointer});
}

// spell() of a function type: the result type around the parameter list,
// written straight into `out`, each parameter spelled from the cache.
void Spellings::put_function(Text& out, const FunctionType* f) {
    if (!declarator_goes_last(f->result.type)) {
        out += spell(QualType{f}, {}, kTypedefs);
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
    const Plain& p = plain(t);
    // As put() joins a name: "int x", "char *x", "char *const x".
    if (!p.pointer || t.quals != NoQuals) out.put(p.text, ' ');
    else out += p.text;
    return true;
}

// put() of a type not spelled before, or one spelled around its declarator.
void Spellings::put_first(Text& out, QualType t, std::string_view declarator) {
    // Each function type is spelled about once (a type table comment): not kept.
    if (auto f = resolved(t.type)->as<FunctionType>(); f && declarator.empty()) return put_function(out, f);
    if (!declarator_goes_last(t.type)) {
        out += spell(t, declarator, kTypedefs);
        return;
    }
    put_plain(out, plain(t), t.quals, declarator);
}

}  // namespace ffigen::codegen
