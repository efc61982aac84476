// Structs and unions: compile-time checks that the cdef agrees with the C
// definition, then the field and struct/union tables.
//
// Layout facts come from the C compiler (offsetof, sizeof), never from our
// own layout rules. What a lie in the cdef does:
// - a field of another C type: a compile error (a static assertion naming
//   the record and the field; integers may differ in type but not in size),
//   or a warning when only qualifiers differ (type_checks.cpp);
// - a complete record (no `...`) whose fields C lays out differently: the
//   runtime computes the layout from the cdef and compares (CHECK_FIELDS),
//   failing on first use with the field's name;
//   Under #pragma pack(N) / --pack N with N > 1 (which CFFI's runtime
//   cannot lay out), the C compiler lays out a copy of the cdef's fields
//   under the same pragma and static assertions compare it with C's;
// - a partial record (`...;`) or one with anonymous members takes the
//   compiler's layout silently.
// Anonymous struct/union members are flattened into their parent, as in C
// member access (p->inner_field).
#include <utility>

#include "codegen/emitter.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

// The fields as C code reaches them: anonymous members expanded.
void flatten(const RecordType* r, std::vector<const Field*>& out, bool& has_anonymous) {
    for (const Field& f : r->fields) {
        const RecordType* inner = strip(f.type.type)->as<RecordType>();
        if (f.name.empty() && f.bit_width < 0 && inner) {
            has_anonymous = true;
            flatten(inner, out, has_anonymous);
        } else {
            out.push_back(&f);
        }
    }
}

void emit_field_check(Emitter& e, const std::string& c_name, const Field& f) {
    if (f.name.empty()) return;
    const Type* t = strip(f.type.type);
    if (f.bit_width >= 0 || is_integer(t)) {
        put(e.out, "_FFIGEN_CHECK_INT_FIELD(", c_name, ", ", f.name, ");\n");
        return;
    }
    std::string item = f.name;  // compared on the items (name[0]...) down to the innermost `[]`/`[...]`
    QualType expected = unsized_items(f.type, item);
    // A field of an anonymous type: the runtime lays that type out and
    // checks it against the field's size; C has no name to compare with.
    if (unnamed_part(expected.type)) return;
    put(e.out, "_FFIGEN_CHECK_FIELD(", c_name, ", ", f.name, ", ", item, ", ");
    put_type_check(e, "_FFIGEN_MEMBER(" + c_name + ", " + item + ")", expected);
    e.out += ");\n";
}

// The type entry of a field's row. `[...]` lengths are measured on the
// member: ((struct s *)0)->f.
int field_type(Emitter& e, const std::string& c_name, const Field& f) {
    if (f.bit_width >= 0 || c_name.empty() || !needs_length_of(f.type.type)) return e.types.index_of(f.type);
    return e.types.index_of_sized(f.type, "((" + c_name + " *)0)->" + f.name);
}

// Appends the field's row: where C puts it and its type entry.
void put_field_row(Text& row, const std::string& c_name, const Field& f, int type_index) {
    put(row, "  { ");
    append_c_string(row, f.name);
    row += ", ";
    std::string_view opcode = "NOOP";
    if (f.bit_width >= 0) {
        put(row, "(size_t)-1, ", Number(f.bit_width), ", ");
        opcode = "BITFIELD";
    } else if (c_name.empty()) {
        row += "(size_t)-1, (size_t)-1, ";
    } else if (auto a = strip(f.type.type)->as<ArrayType>(); a && a->length_kind == ArrayLength::Open) {
        put(row, "offsetof(", c_name, ", ", f.name, "), (size_t)-1, ");
    } else {
        put(row, "_FFIGEN_FIELD(", c_name, ", ", f.name, "), ");
    }
    append_op(row, opcode, type_index);
    row += " },\n";
}

// Whether the record's fields are listed: not for opaque ones, nor for an
// included module's, whose ctype the runtime takes from that module (found
// by name), with no layout and no fields here.
bool lists_fields(const RecordType* r) { return r->completeness != Completeness::Opaque && r->owner.empty(); }

// Whether every field's type can be spelled in C as the cdef gives it.
bool spellable(const std::vector<const Field*>& fields) {
    for (const Field* f : fields)
        if (needs_length_of(f->type.type) || unnamed_part(f->type.type)) return false;
    return true;
}

// `#pragma pack(N)` with N > 1: the cdef's fields laid out by C under the
// same pragma (struct _ffigen_pack_I), and asserted to sit where C's
// definition has them.
void emit_pack_check(Emitter& e, std::size_t i, const std::vector<const Field*>& fields) {
    const RecordType* r = e.records[i];
    const std::string& c_name = e.record_names[i].c_name;
    std::string copy = (r->record_kind == RecordKind::Union ? "union _ffigen_pack_" : "struct _ffigen_pack_") +
                       std::to_string(i);
    std::string pack = std::to_string(r->pack);
    put(e.out, "#pragma pack(push, ", pack, ")\n", copy, " {");
    for (const Field* f : fields) {
        e.out += ' ';
        e.spellings.put(e.out, f->type, f->name);
        if (f->bit_width >= 0) put(e.out, " : ", Number(f->bit_width));
        e.out += ';';
    }
    put(e.out, " };\n#pragma pack(pop)\n");
    std::string why = ": C does not lay it out as the cdef under #pragma pack(" + pack + ")\");\n";
    put(e.out, "_FFIGEN_ASSERT(sizeof(", copy, ") == sizeof(", c_name, "), \"", c_name, why);
    for (const Field* f : fields)
        if (f->bit_width < 0)
            put(e.out, "_FFIGEN_ASSERT(offsetof(", copy, ", ", f->name, ") == offsetof(", c_name, ", ", f->name,
                "), \"field ", c_name, ".", f->name, why);
}

}  // namespace

void emit_record_checks(Emitter& e) {
    bool any = false;
    std::vector<const Field*> fields;
    for (std::size_t i = 0; i < e.records.size(); ++i) {
        const RecordType* r = e.records[i];
        const NominalName& name = e.record_names[i];
        bool included = !r->owner.empty();  // its own module checks it
        if (r->completeness == Completeness::Opaque || name.c_name.empty() || included) continue;
        if (!any) e.out += "/* ---- structs and unions: the cdef checked against C ---- */\n";
        any = true;
        fields.clear();
        bool has_anonymous = false;
        flatten(r, fields, has_anonymous);
        for (const Field* f : fields) emit_field_check(e, name.c_name, *f);
        if (r->pack > 1 && r->completeness == Completeness::Complete && !has_anonymous && spellable(fields))
            emit_pack_check(e, i, fields);
        e.out += "struct _ffigen_align_";
        append_number(e.out, static_cast<long long>(i));
        put(e.out, " { char x; ", name.c_name, " y; };\n");
    }
    if (any) e.out += '\n';
}

namespace {

// Appends the names of the flags that are set, joined by '|', or "0".
void put_flags(Text& out, std::initializer_list<std::pair<bool, const char*>> flags) {
    bool any = false;
    for (auto [set, flag] : flags) {
        if (!set) continue;
        if (any) out += '|';
        out += flag;
        any = true;
    }
    if (!any) out += '0';
}

}  // namespace

void index_record_tables(Emitter& e) {
    std::vector<const Field*> fields;
    for (std::size_t i = 0; i < e.records.size(); ++i) {
        const RecordType* r = e.records[i];
        e.record_types.push_back(e.types.index_of(QualType{r}));
        if (!lists_fields(r)) continue;
        fields.clear();
        bool has_anonymous = false;
        flatten(r, fields, has_anonymous);
        for (const Field* f : fields) e.field_types.push_back(field_type(e, e.record_names[i].c_name, *f));
    }
}

void emit_field_rows(Emitter& e) {
    if (e.field_types.empty()) return;
    e.out += "static const struct _ffigen_field _ffigen_fields[] = {\n";
    std::vector<const Field*> fields;
    std::size_t next = 0;
    for (std::size_t i = 0; i < e.records.size(); ++i) {
        if (!lists_fields(e.records[i])) continue;
        fields.clear();
        bool has_anonymous = false;
        flatten(e.records[i], fields, has_anonymous);
        for (const Field* f : fields) put_field_row(e.out, e.record_names[i].c_name, *f, e.field_types[next++]);
    }
    e.out += "};\n\n";
}

void emit_record_rows(Emitter& e) {
    if (e.records.empty()) return;
    Text& row = e.out;
    row += "static const struct _ffigen_struct_union _ffigen_struct_unions[] = {\n";
    std::vector<const Field*> fields;
    long long first = 0;  // the record's first row in the fields table
    for (std::size_t i = 0; i < e.records.size(); ++i) {
        const RecordType* r = e.records[i];
        const NominalName& name = e.record_names[i];
        bool is_union = r->record_kind == RecordKind::Union;
        row += "  { ";
        append_c_string(row, name.table_name);
        put(row, ", ", Number(e.record_types[i]), ", ");
        if (!lists_fields(r)) {
            put_flags(row, {{is_union, "_FFIGEN_F_UNION"},
                            {r->completeness == Completeness::Opaque && !r->defined_by_includer,
                             "_FFIGEN_F_OPAQUE"},
                            {!r->owner.empty(), "_FFIGEN_F_EXTERNAL"}});
            row += ", (size_t)-1, -1, -1, 0 },\n";
            continue;
        }
        fields.clear();
        bool has_anonymous = false;
        flatten(r, fields, has_anonymous);
        bool complete = r->completeness == Completeness::Complete && !has_anonymous;
        put_flags(row, {{is_union, "_FFIGEN_F_UNION"},
                        {complete && r->pack <= 1 && !name.c_name.empty(), "_FFIGEN_F_CHECK_FIELDS"},
                        {r->pack == 1, "_FFIGEN_F_PACKED"}});
        if (name.c_name.empty())
            row += ", (size_t)-2, -2, ";
        else
            put(row, ", sizeof(", name.c_name, "), (int)offsetof(struct _ffigen_align_",
                Number(static_cast<long long>(i)), ", y), ");
        put(row, Number(first), ", ", Number(static_cast<long long>(fields.size())), " },\n");
        first += static_cast<long long>(fields.size());
    }
    row += "};\n\n";
}

}  // namespace ffigen::codegen
