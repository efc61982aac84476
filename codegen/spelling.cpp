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

// spell() puts a declarator in one place, and looks only at whether it is
// empty and whether it starts with '(' or '[': spelled once around a marker
// of the same kind, the text splits into what goes before and after it.
const Spellings::Around& Spellings::around(QualType t, std::string_view declarator) {
    int kind = declarator.empty() ? 2 : declarator.front() == '(' || declarator.front() == '[' ? 1 : 0;
    PointerMap<Around>& cache = around_[kind];
    if (const Around* known = cache.find(key(t))) return *known;
    std::string_view marker = kind == 2 ? std::string_view() : kind == 1 ? std::string_view("(\x01") : std::string_view("\x01");
    const std::string& text = spelled_.emplace_back(spell(t, marker, kTypedefs));
    std::size_t at = kind == 2 ? text.size() : text.find(marker);
    std::string_view all(text);
    return cache.insert(key(t), {all.substr(0, at), all.substr(at + marker.size())});
}

// put() of a type not spelled before, or one spelled around its declarator.
void Spellings::put_first(Text& out, QualType t, std::string_view declarator) {
    // Each function type is spelled about once (a type table comment): not kept.
    if (auto f = resolved(t.type)->as<FunctionType>(); f && declarator.empty()) return put_function(out, f);
    if (!declarator_goes_last(t.type)) {
        const Around& a = around(t, declarator);
        out.put(a.before, declarator, a.after);
        return;
    }
    put_plain(out, plain(t), t.quals, declarator);
}

}  // namespace ffigen::codegen
