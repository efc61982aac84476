// Enums and typedefs.
//
// Each enumerator is a global of lib (op ENUM) read through a CONSTANT_INT
// getter, so the value is the C compiler's; when the cdef gives the value
// (a complete enum), the getter also flags a disagreement, which the
// runtime reports on access. The enum's integer type is the compiler's too.
#include <algorithm>

#include "codegen/emitter.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

// For an enum C cannot name: the type gcc and clang would pick.
const char* prim_from_values(const EnumType* en) {
    bool negative = false;
    std::int64_t lo = 0, hi = 0;
    for (const Enumerator& v : en->enumerators) {
        if (!v.value) continue;
        lo = std::min(lo, *v.value);
        hi = std::max(hi, *v.value);
        negative |= *v.value < 0;
    }
    if (negative) return lo >= INT32_MIN && hi <= INT32_MAX ? "_FFIGEN_PRIM_INT32" : "_FFIGEN_PRIM_INT64";
    return hi <= UINT32_MAX ? "_FFIGEN_PRIM_UINT32" : "_FFIGEN_PRIM_UINT64";
}

std::optional<IntValue> as_int_value(std::int64_t v) {
    IntValue r;
    r.negative = v < 0;
    r.magnitude = r.negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    return r;
}

}  // namespace

void emit_enums(Emitter& e) {
    if (!e.enums.empty()) e.out += "/* ---- enums ---- */\n";
    Text list;
    for (std::size_t i = 0; i < e.enums.size(); ++i) {
        const EnumType* en = e.enums[i];
        const NominalName& name = e.enum_names[i];
        list.clear();
        for (const Enumerator& v : en->enumerators) {
            if (!list.empty()) list += ',';
            list += v.name;
            std::optional<IntValue> check;
            if (!en->partial && v.value) check = as_int_value(*v.value);
            emit_int_getter(e, v.name, check);
            e.globals.push_back({v.name, "_ffigen_const_", "ENUM", -1});
        }
        Text& row = e.enum_rows;
        row += "  { ";
        append_c_string(row, name.table_name);
        row += ", ";
        append_number(row, e.types.index_of(QualType{en}));
        row += ", ";
        if (name.c_name.empty() || !en->complete)
            row += prim_from_values(en);
        else
            put(row, "_FFIGEN_PRIM_INT_OF(sizeof(", name.c_name, "), ", signedness(en, name.c_name), ")");
        row += ", ";
        append_c_string(row, list.view());
        row += " },\n";
    }
}

void emit_typedefs(Emitter& e) {
    std::vector<const TypedefType*> sorted;
    for (const Typedef& td : e.module.typedefs) sorted.push_back(td.type);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const TypedefType* a, const TypedefType* b) { return a->name < b->name; });
    for (const TypedefType* td : sorted) {
        e.typename_rows += "  { ";
        append_c_string(e.typename_rows, td->name);
        e.typename_rows += ", ";
        append_number(e.typename_rows, e.types.index_of(td->target));
        e.typename_rows += " },\n";
    }
}

std::string signedness(const Type* t, std::string_view c_type) {
    t = strip(t);
    if (auto p = t->as<PrimitiveType>()) return prim_info(p->prim).cls == PrimClass::Unsigned ? "0" : "1";
    return "((" + std::string(c_type) + ")-1) <= 0";
}

}  // namespace ffigen::codegen
