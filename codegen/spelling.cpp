#include "codegen/spelling.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

// Whether spell(t, name) is spell(t) then the name: true for a named type
// behind any number of pointers, false when an array or function type
// makes the declarator wrap around the name.
bool name_goes_last(const Type* t) {
    while (auto p = t->as<PointerType>()) t = p->pointee.type;
    return t->kind != TypeKind::Array && t->kind != TypeKind::Function;
}

}  // namespace

const std::string& Spellings::abstract(QualType t) {
    auto it = abstract_.find(t);
    if (it == abstract_.end()) it = abstract_.emplace(t, spell(t)).first;
    return it->second;
}

void Spellings::put(std::string& out, QualType t, std::string_view declarator) {
    // spell() puts no space before a declarator starting with '[' or '('.
    bool plain_name = declarator.empty() || (declarator.front() != '[' && declarator.front() != '(');
    if (!plain_name || !name_goes_last(t.type)) {
        out += spell(t, declarator);
        return;
    }
    const std::string& base = abstract(t);
    out += base;
    if (declarator.empty()) return;
    // "int x", "char *x", "char *const x": a space unless the type ends in '*'.
    if (base.back() != '*') out += ' ';
    out += declarator;
}

}  // namespace ffigen::codegen
