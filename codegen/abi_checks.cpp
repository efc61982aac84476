// What ABI mode refuses, reported at generation with the declaration's
// position. CFFI refuses most of these when it writes the module
// (emit_python_code), with the reasons quoted here; where it does not, the
// comment says what it does instead.
#include "codegen/abi.hpp"
#include "codegen/type_table.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

// The first array through pointers and arrays of `t` matching `bad`.
template <class Pred>
const ArrayType* find_array(const Type* t, Pred bad) {
    for (t = strip(t);; t = strip(t)) {
        if (auto p = t->as<PointerType>()) t = p->pointee.type;
        else if (auto a = t->as<ArrayType>()) {
            if (bad(a)) return a;
            t = a->element.type;
        } else {
            return nullptr;
        }
    }
}

// `[...]` lengths (CFFI: "cannot emit to Python: '_cffi_array_len(...)'"),
// and lengths the 4-byte words cannot hold (CFFI: OverflowError).
void check_lengths(QualType t, const std::string& what, SourceLoc loc, DiagnosticEngine& diags) {
    if (!t.type) return;
    if (find_array(t.type, [](const ArrayType* a) { return a->length_kind == ArrayLength::Dotdot; }))
        diags.error(loc, what + " has a '[...]' array length, which only the C compiler knows: "
                                "not in ABI mode (give the length)");
    else if (find_array(t.type, [](const ArrayType* a) {
                 return a->length_kind == ArrayLength::Known && a->length > std::uint64_t(INT32_MAX);
             }))
        diags.error(loc, what + " has an array length above 2**31-1, which ABI mode's tables cannot hold");
}

// `typedef int... t;` / `float...`: CFFI refuses them when writing ("cannot
// emit to Python"), used or not.
void check_typedef(const Typedef& td, DiagnosticEngine& diags) {
    const Type* t = strip(td.type->target.type ? td.type->target.type : td.type);
    const char* dots = t->as<UnknownIntType>() ? "int..." : t->as<UnknownFloatType>() ? "float..." : nullptr;
    if (dots)
        diags.error(td.type->loc, "typedef '" + td.type->name + "' is '" + dots +
                                      "': its size is only known to the C compiler, not in ABI mode");
    check_lengths(QualType{td.type}, "typedef '" + td.type->name + "'", td.type->loc, diags);
}

std::string record_what(const RecordType* r) {
    std::string kw = r->record_kind == RecordKind::Struct ? "struct" : "union";
    if (!r->tag.empty()) return kw + " '" + r->tag + "'";
    return r->typedef_name.empty() ? "an anonymous " + kw : kw + " '" + r->typedef_name + "'";
}

void check_record(const RecordType* r, DiagnosticEngine& diags) {
    std::string what = record_what(r);
    // CFFI writes such a struct, and its ABI mode then lays it out as if
    // the `...` were not there (its in-line ABI mode raises
    // VerificationMissing on use): ffigen refuses the wrong layout.
    if (r->completeness == Completeness::Partial)
        diags.error(r->loc, what + " has '...': its layout is only known to the C compiler, not in ABI mode "
                                   "(list every field instead)");
    // CFFI: NotImplementedError "only 0 or 1 are supported" (both modes).
    if (r->pack > 1)
        diags.error(r->loc, what + " is packed to " + std::to_string(r->pack) +
                                ": only the natural layout or pack 1 are supported");
    for (const Field& f : r->fields) check_lengths(f.type, "field '" + f.name + "'", f.loc, diags);
}

void check_enum(const EnumType* en, DiagnosticEngine& diags) {
    // CFFI: VerificationMissing when writing.
    if (en->partial)
        diags.error(en->loc, "enum '" + (en->tag.empty() ? en->typedef_name : en->tag) +
                                 "' has '...': its values are only known to the C compiler, not in ABI mode");
}

void check_constant(const Constant& c, DiagnosticEngine& diags) {
    // CFFI's words (VerificationError when writing).
    if (c.kind == ConstantKind::Define && !c.value)
        diags.error(c.loc, "cannot use the syntax '...' in '#define " + c.name + " ...' when using the ABI mode");
}

}  // namespace

bool validate_abi_module(const Module& module, DiagnosticEngine& diags) {
    std::size_t before = diags.error_count();
    for (const Function& fn : module.functions)
        if (fn.extern_python != ExternPython::No)  // CFFI's words
            diags.error(fn.loc, "cannot use 'extern \"Python\"' in the ABI mode ('" + fn.name + "')");
    for (const Variable& v : module.variables) check_lengths(v.type, "global '" + v.name + "'", v.loc, diags);
    for (const Constant& c : module.constants) check_constant(c, diags);
    for (const Typedef& td : module.typedefs) check_typedef(td, diags);
    for (const RecordType* r : module.records) check_record(r, diags);
    for (const EnumType* en : module.enums) check_enum(en, diags);
    return diags.error_count() == before;
}

}  // namespace ffigen::codegen
