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

}  // namespace

const std::string& Spellings::abstract(QualType t) {
    auto it = abstract_.find(t);
    if (it != abstract_.end()) return it->second;
    std::string s;
    if (auto f = t.type->as<FunctionType>()) put_function(s, f);
    else s = spell(t);
    return abstract_.emplace(t, std::move(s)).first->second;
}

// spell() of a function type: the result type around the parameter list,
// each parameter spelled from the cache.
void Spellings::put_function(std::string& out, const FunctionType* f) {
    std::string params = "(";
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (i) params += ", ";
        put(params, f->params[i]);
    }
    if (f->variadic) params += f->params.empty() ? "..." : ", ...";
    else if (f->params.empty()) params += "void";
    params += ')';
    put(out, f->result, params);
}

void Spellings::put(std::string& out, QualType t, std::string_view declarator) {
    if (!declarator_goes_last(t.type) && !(declarator.empty() && t.type->kind == TypeKind::Function)) {
        out += spell(t, declarator);
        return;
    }
    const std::string& base = abstract(t);
    out += base;
    if (declarator.empty()) return;
    // As spell() joins them: "int x" but "int[3]" and "int(*p)"; "char *x"
    // but "char *const x" and "char *const (*p)".
    bool wraps = declarator.front() == '[' || declarator.front() == '(';
    bool space = t.type->kind == TypeKind::Pointer ? t.quals != NoQuals : !wraps;
    if (space) out += ' ';
    out += declarator;
}

}  // namespace ffigen::codegen
