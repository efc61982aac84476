// The PyPy side of a generated module. PyPy's built-in CFFI backend loads
// the module through _cffi_pypyinit_<name>, which hands it the tables, and
// calls each lib function itself (through libffi) at the address in the
// globals table: a C function of the cdef's type, except that struct,
// union and complex arguments come by pointer and such a result is written
// through a hidden first pointer argument (as CFFI's recompiler and PyPy
// agree). So under PYPY_VERSION (from PyPy's Python.h) _ffigen_f_NAME is
// that function, and the CPython wrappers, the FASTCALL extension and
// PyInit_<name> are compiled out.
#include "codegen/emitter.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

// What PyPy passes and returns by pointer.
bool by_pointer(QualType type) {
    const Type* t = strip(type.type);
    if (t->kind == TypeKind::Record) return true;
    auto p = t->as<PrimitiveType>();
    return p && (p->prim == Prim::FloatComplex || p->prim == Prim::DoubleComplex);
}

// "_ffigen_f_NAME(struct point *result, struct point *x0, int x1)".
void put_declarator(Emitter& e, Text& out, const Function& fn, bool result_by_pointer) {
    const FunctionType* f = fn.type;
    put(out, "_ffigen_f_", fn.name, '(');
    if (result_by_pointer) e.spellings.put(out, f->result, "*result");
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (i || result_by_pointer) out += ", ";
        std::string local = (by_pointer(f->params[i]) ? "*x" : "x") + std::to_string(i);
        e.spellings.put(out, f->params[i], local);
    }
    if (f->params.empty() && !result_by_pointer) out += "void";
    out += ')';
}

}  // namespace

void emit_pypy_function(Emitter& e, const Function& fn) {
    const FunctionType* f = fn.type;
    bool result_by_pointer = by_pointer(f->result);
    bool differs = result_by_pointer;
    for (const QualType& p : f->params) differs |= by_pointer(p);
    Text& o = e.out;
    o += "#else\n";
    if (!differs) {
        put(o, "#  define _ffigen_f_", fn.name, " _ffigen_d_", fn.name, "\n#endif\n\n");
        return;
    }
    Text declarator;
    put_declarator(e, declarator, fn, result_by_pointer);
    o += "static ";
    if (result_by_pointer) put(o, "void ", declarator.view());
    else e.spellings.put(o, QualType{f->result.type}, declarator.view());
    auto result = strip(f->result.type)->as<PrimitiveType>();
    bool is_void = result && result->prim == Prim::Void;
    o += result_by_pointer ? std::string_view(" { *result = ") : is_void ? std::string_view(" { ")
                                                                          : std::string_view(" { return ");
    put(o, fn.name, '(');
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (i) o += ", ";
        put(o, by_pointer(f->params[i]) ? "*x" : "x", Number(static_cast<long long>(i)));
    }
    o += "); }\n#endif\n\n";
}

void emit_pypy_init(Emitter& e, std::string_view basename, std::string_view version) {
    // p[0] is the backend's version in, ours out; from 0x0A03 on p[1]
    // comes in as the function extern "Python" stubs call, and goes out as
    // the type context.
    put(e.out, "#ifdef PYPY_VERSION\nPyMODINIT_FUNC _cffi_pypyinit_", basename,
        "(const void *p[])\n{\n"
        "  if ((intptr_t)p[0] >= 0x0A03)\n"
        "    _ffigen_exports[_FFIGEN_EXPORT_CALL_PYTHON] = (void *)p[1];\n"
        "  p[0] = (const void *)", version, ";\n"
        "  p[1] = &_ffigen_context;\n  return NULL;\n}\n#else\n");
}

}  // namespace ffigen::codegen
