// extern "Python": a C function whose body calls into Python. The stub
// stores each argument in an 8-byte slot (structs and long doubles by
// address), calls the runtime's CALL_PYTHON export with the function's
// _ffigen_externpy record (which @ffi.def_extern() fills), and reads the
// result back from the first slot.
#include <algorithm>

#include "codegen/emitter.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

bool passed_by_address(const Type* t) {
    if (t->kind == TypeKind::Record) return true;
    auto p = t->as<PrimitiveType>();
    return p && p->prim == Prim::LongDouble;
}

void emit_stub(Emitter& e, const Function& fn) {
    const FunctionType* f = fn.type;
    const Type* result = strip(f->result.type);
    bool is_void = result->kind == TypeKind::Primitive && result->as<PrimitiveType>()->prim == Prim::Void;
    std::string result_type = spell(QualType{f->result.type}, {}, Typedefs::Resolved);
    std::string record = "_ffigen_externpy_" + fn.name;
    e.out += "static struct _ffigen_externpy " + record + " = { " +
             c_string(e.options.module_name + "." + fn.name) + ", " +
             (is_void ? "0" : "sizeof(" + result_type + ")") + ", 0, 0 };\n";

    std::size_t slots = std::max<std::size_t>(f->params.size() * 8, 8);
    if (passed_by_address(result) && result->kind != TypeKind::Record) slots = std::max<std::size_t>(slots, 16);
    std::string size = std::to_string(slots);
    if (result->kind == TypeKind::Record)
        size = "sizeof(" + result_type + ") > " + size + " ? sizeof(" + result_type + ") : " + size;

    std::string params;
    for (std::size_t i = 0; i < f->params.size(); ++i)
        params += (i ? ", " : "") + spell(f->params[i], "a" + std::to_string(i), Typedefs::Resolved);
    std::string linkage = fn.extern_python == ExternPython::Python ? "static " : "";
    e.out += linkage + spell(QualType{f->result.type}, fn.name + "(" + (params.empty() ? "void" : params) + ")", Typedefs::Resolved) +
             "\n{\n  union { char bytes[" + size + "]; long double align; } buf;\n  char *p = buf.bytes;\n";
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        std::string a = "a" + std::to_string(i), at = "p + " + std::to_string(i * 8);
        if (passed_by_address(strip(f->params[i].type)))
            e.out += "  { void *q = (void *)&" + a + "; memcpy(" + at + ", &q, sizeof q); }\n";
        else
            e.out += "  memcpy(" + at + ", &" + a + ", sizeof " + a + ");\n";
    }
    e.out += "  _ffigen_call_python(&" + record + ", p);\n";
    if (!is_void)
        e.out += "  { " + spell(QualType{f->result.type}, "r", Typedefs::Resolved) + "; memcpy(&r, p, sizeof r); return r; }\n";
    e.out += "}\n\n";
    e.globals.push_back({fn.name, e.types.pointer_to(QualType{f}), GlobalKind::ExternPython});
    ++e.num_extern_python;
}

}  // namespace

void emit_extern_python(Emitter& e) {
    bool first = true;
    for (const Function& fn : e.module.functions) {
        if (fn.extern_python == ExternPython::No || !fn.owner.empty()) continue;
        if (first) e.out += "/* ---- extern \"Python\" ---- */\n";
        first = false;
        emit_stub(e, fn);
    }
}

}  // namespace ffigen::codegen
