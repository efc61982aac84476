// Enums and typedefs.
//
// Each enumerator is a global of lib (op ENUM) read through a CONSTANT_INT
// getter, so the value is the C compiler's; when the cdef gives the value
// (a complete enum), the getter also flags a disagreement, which the
// runtime reports on access. The enum's integer type is the compiler's too.
#include <algorithm>

#include "codegen/by_name.hpp"
#include "codegen/emitter.hpp"

namespace ffigen::codegen {

using namespace model;

Prim prim_from_values(const EnumType* en) {
    bool negative = false;
    std::int64_t lo = 0, hi = 0;
    for (const Enumerator& v : en->enumerators) {
        if (!v.value) continue;
        lo = std::min(lo, *v.value);
        hi = std::max(hi, *v.value);
        negative |= *v.value < 0;
    }
    if (negative) return lo >= INT32_MIN && hi <= INT32_MAX ? Prim::Int32 : Prim::Int64;
    return hi <= UINT32_MAX ? Prim::UInt32 : Prim::UInt64;
}

namespace {

std::string_view prim_macro(Prim p) {
    switch (p) {
        case Prim::Int32: return "_FFIGEN_PRIM_INT32";
        case Prim::Int64: return "_FFIGEN_PRIM_INT64";
        case Prim::UInt32: return "_FFIGEN_PRIM_UINT32";
        default: return "_FFIGEN_PRIM_UINT64";
    }
}

}  // namespace

void emit_enums(Emitter& e) {
    if (!e.enums.empty()) e.out += "/* ---- enums ---- */\n";
    for (const EnumType* en : e.enums) {
        // As in CFFI's API mode, an enumerator's value is the C compiler's,
        // never checked against the cdef's (which only orders and names).
        for (const Enumerator& v : en->enumerators) {
            emit_int_getter(e, v.name, std::nullopt);
            e.globals.push_back({v.name, -1, GlobalKind::Enumerator});
        }
        e.enum_types.push_back(e.types.index_of(QualType{en}));
    }
}

void emit_enum_rows(Emitter& e) {
    if (e.enums.empty()) return;
    Text& row = e.out;
    row += "static const struct _ffigen_enum _ffigen_enums[] = {\n";
    Text list;
    for (std::size_t i = 0; i < e.enums.size(); ++i) {
        const EnumType* en = e.enums[i];
        const NominalName& name = e.enum_names[i];
        list.clear();
        for (const Enumerator& v : en->enumerators) {
            if (!list.empty()) list += ',';
            list += v.name;
        }
        row += "  { ";
        append_c_string(row, name.table_name);
        put(row, ", ", Number(e.enum_types[i]), ", ");
        if (name.c_name.empty() || !en->complete)
            row += prim_macro(prim_from_values(en));
        else
            put(row, "_FFIGEN_PRIM_INT_OF(sizeof(", name.c_name, "), ", signedness(en, name.c_name), ")");
        row += ", ";
        append_c_string(row, list.view());
        row += " },\n";
    }
    row += "};\n\n";
}

void index_typedefs(Emitter& e) {
    // The typedef itself, not its target: its `[...]` lengths are measured in it.
    for (const Typedef& td : e.module.typedefs) e.typedefs.push_back({td.type->name, QualType{td.type}});
    // FILE is built in, not the cdef's typedef, but CFFI lists it (as
    // `struct _IO_FILE`) so that type strings such as "FILE *" find it.
    for (const RecordType* r : e.module.records)
        if (r->from_dotdotdot_typedef && r->tag == "_IO_FILE") e.typedefs.push_back({r->typedef_name, QualType{r}});
    sort_by_name(e.typedefs, [](const Emitter::TypeName& t) { return t.name; });
    for (const Emitter::TypeName& t : e.typedefs) e.typedef_types.push_back(e.types.index_of(t.type));
}

void emit_typedef_rows(Emitter& e) {
    if (e.typedefs.empty()) return;
    e.out += "static const struct _ffigen_typename _ffigen_typenames[] = {\n";
    for (std::size_t i = 0; i < e.typedefs.size(); ++i) {
        e.out += "  { ";
        append_c_string(e.out, e.typedefs[i].name);
        put(e.out, ", ", Number(e.typedef_types[i]), " },\n");
    }
    e.out += "};\n\n";
}

std::string signedness(const Type* t, std::string_view c_type) {
    t = strip(t);
    if (auto p = t->as<PrimitiveType>()) return prim_info(p->prim).cls == PrimClass::Unsigned ? "0" : "1";
    return "((" + std::string(c_type) + ")-1) <= 0";
}

}  // namespace ffigen::codegen
