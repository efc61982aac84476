// Declarations the C side cannot express, reported before any C is
// written (with the declaration's position), instead of generating C that
// fails to compile far from the cause.
#include "codegen/emit.hpp"
#include "codegen/type_table.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

// `what` and `name` make the message ("function 'f'"), built only on error.
void require_name(const Type* t, const char* what, const std::string& name, SourceLoc loc,
                  DiagnosticEngine& diags) {
    if (const Type* u = unnamed_part(t)) {
        const char* kind = u->kind == TypeKind::Enum                                      ? "enum"
                           : u->as<RecordType>()->record_kind == RecordKind::Union ? "union"
                                                                                        : "struct";
        diags.error(loc, std::string(what) + " '" + name + "' uses an anonymous " + kind +
                             " that C cannot name; give it a tag, or a typedef name for it or for a pointer to it");
    }
}

// An extern "Python" stub passes each argument in an 8-byte slot, which is
// the layout every CFFI runtime reads: a 16-byte double _Complex would spill
// into the next slot and reach Python wrong, so it is refused.
void require_slot_fit(const Function& fn, DiagnosticEngine& diags) {
    for (const QualType& p : fn.type->params) {
        auto prim = strip(p.type)->as<PrimitiveType>();
        if (prim && prim->prim == Prim::DoubleComplex)
            diags.error(fn.loc, "extern \"Python\" function '" + fn.name +
                                    "' cannot take a double _Complex argument (it does not fit the 8-byte "
                                    "argument slot CFFI runtimes read); pass a pointer to it instead");
    }
}

// CFFI's tables give no bit positions: every runtime lays bitfields out
// itself, packed (pack 1) or natural, never under #pragma pack(N > 1), so
// such a struct would read and write its bitfields in the wrong bits.
void require_packable(const RecordType& r, DiagnosticEngine& diags) {
    if (r.pack <= 1 || !r.owner.empty()) return;
    for (const Field& f : r.fields)
        if (f.bit_width >= 0) {
            std::string name = f.name.empty() ? "" : " '" + f.name + "'";
            diags.error(f.loc, "bitfield" + name + " in a struct or union under #pragma pack(" +
                                   std::to_string(r.pack) +
                                   "): CFFI runtimes cannot lay it out (only pack 1 or the natural layout)");
            return;
        }
}

}  // namespace

bool validate_module(const Module& module, DiagnosticEngine& diags) {
    std::size_t before = diags.error_count();
    // Only what this module emits: an included cdef's functions, globals
    // and constants stay with its own module.
    for (const Function& fn : module.functions) {
        if (!fn.owner.empty()) continue;
        if (fn.extern_python != ExternPython::No && fn.type->variadic)
            diags.error(fn.loc, "extern \"Python\" function '" + fn.name + "' cannot be variadic");
        if (fn.extern_python != ExternPython::No) require_slot_fit(fn, diags);
        require_name(fn.type, "function", fn.name, fn.loc, diags);
    }
    for (const Variable& v : module.variables)
        if (v.owner.empty()) require_name(v.type.type, "global", v.name, v.loc, diags);
    for (const Constant& c : module.constants)
        if (c.type.type && c.owner.empty()) require_name(c.type.type, "constant", c.name, c.loc, diags);
    for (const RecordType* r : module.records) require_packable(*r, diags);
    return diags.error_count() == before;
}

}  // namespace ffigen::codegen
