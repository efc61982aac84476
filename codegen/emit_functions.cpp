// Function wrappers. Each function gets
//   _ffigen_d_NAME: its "direct" address (for ffi.addressof(lib, "NAME")):
//                   the function itself, or when the preamble makes NAME a
//                   macro, a plain C function calling it; and
//   _ffigen_f_NAME: the Python-callable wrapper: unpack, convert each
//                   argument with one helper call, release the GIL around
//                   the call (errno kept for ffi.errno), convert the result.
// The wrapper is registered as CPYTHON_BLTN_N (no argument), _O (one) or
// _V (a tuple). A faster calling convention for our own runtime can be
// added later as a second table without touching these.
// Variadic functions are not wrapped: like CFFI, lib.NAME is a constant
// holding the function pointer, called through the runtime with cdata
// arguments.
#include <algorithm>

#include "codegen/emitter.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

enum class Conv { Int, Float, Double, LongDouble, Bool, Char, WChar, Char16, Char32, Pointer, Value, Struct, Void };

Conv conversion(const Type* t) {
    switch (t->kind) {
        case TypeKind::Pointer:
        case TypeKind::Array:
        case TypeKind::Function: return Conv::Pointer;
        case TypeKind::Record: return Conv::Struct;
        case TypeKind::UnknownInt: return Conv::Int;
        case TypeKind::Primitive: break;
        default: return Conv::Value;  // enums and float... go through their ctype
    }
    Prim p = t->as<PrimitiveType>()->prim;
    switch (p) {
        case Prim::Void: return Conv::Void;
        case Prim::Bool: return Conv::Bool;
        case Prim::Char: return Conv::Char;
        case Prim::WChar: return Conv::WChar;
        case Prim::Char16: return Conv::Char16;
        case Prim::Char32: return Conv::Char32;
        case Prim::Float: return Conv::Float;
        case Prim::Double: return Conv::Double;
        case Prim::LongDouble: return Conv::LongDouble;
        case Prim::FloatComplex:
        case Prim::DoubleComplex: return Conv::Value;
        default: return Conv::Int;
    }
}

// The C expression converting Python object `src` into local `dst`.
std::string convert_arg(Emitter& e, QualType type, const std::string& src, const std::string& dst) {
    const Type* t = strip(type.type);
    std::string to = src + ", &" + dst;
    switch (conversion(t)) {
        case Conv::Int: return "_ffigen_int_arg(" + to + ", sizeof " + dst + ", " + signedness(t, spell(type)) + ")";
        case Conv::Float: return "_ffigen_float_arg(" + to + ")";
        case Conv::Double: return "_ffigen_double_arg(" + to + ")";
        case Conv::LongDouble: return "_ffigen_long_double_arg(" + to + ")";
        case Conv::Bool: return "_ffigen_bool_arg(" + to + ")";
        case Conv::Char: return "_ffigen_char_arg(" + to + ")";
        case Conv::WChar: return "_ffigen_wchar_arg(" + to + ")";
        case Conv::Char16: return "_ffigen_unichar_arg(" + to + ", 2)";
        case Conv::Char32: return "_ffigen_unichar_arg(" + to + ", 4)";
        case Conv::Pointer: {
            int ti = t->kind == TypeKind::Array ? e.types.pointer_to(t->as<ArrayType>()->element)
                     : t->kind == TypeKind::Function ? e.types.pointer_to(QualType{t})
                                                     : e.types.index_of(type);
            return "_ffigen_ptr_arg(" + src + ", " + std::to_string(ti) + ", &" + dst + ", &fm)";
        }
        default:
            return "_ffigen_value_arg(" + src + ", " + std::to_string(e.types.index_of(type)) + ", &" + dst + ")";
    }
}

// The Python object for the C result in local `y`.
std::string convert_result(Emitter& e, QualType type) {
    const Type* t = strip(type.type);
    auto ti = [&] { return std::to_string(e.types.index_of(type)); };
    switch (conversion(t)) {
        case Conv::Int: {
            std::string sign = signedness(t, spell(type));
            if (sign == "1") return "PyLong_FromLongLong((long long)y)";
            if (sign == "0") return "PyLong_FromUnsignedLongLong((unsigned long long)y)";
            return "_ffigen_int_result(&y, sizeof y, " + sign + ")";
        }
        case Conv::Float:
        case Conv::Double: return "PyFloat_FromDouble((double)y)";
        case Conv::Bool: return "PyBool_FromLong((long)y)";
        case Conv::Char: return "_ffigen_char_result(y)";
        case Conv::WChar: return "_ffigen_wchar_result(y)";
        case Conv::Char16: return "_ffigen_unichar_result((uint32_t)y, 2)";
        case Conv::Char32: return "_ffigen_unichar_result((uint32_t)y, 4)";
        case Conv::Pointer: return "_ffigen_ptr_result((void *)y, " + ti() + ")";
        case Conv::Struct: return "_ffigen_struct_result(&y, " + ti() + ")";
        case Conv::Void: return "_ffigen_none()";
        default: return "_ffigen_value_result(&y, " + ti() + ")";
    }
}

bool is_pointer_param(QualType p) { return conversion(strip(p.type)) == Conv::Pointer; }

// "int x0, char *x1" (or "void").
std::string named_params(const FunctionType* f, const char* prefix) {
    std::string s;
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (i) s += ", ";
        s += spell(f->params[i], prefix + std::to_string(i));
    }
    return s.empty() ? "void" : s;
}

void emit_direct(Emitter& e, const Function& fn) {
    const FunctionType* f = fn.type;
    std::string args;
    for (std::size_t i = 0; i < f->params.size(); ++i) put(args, {i ? ", x" : "x", std::to_string(i)});
    bool is_void = conversion(strip(f->result.type)) == Conv::Void;
    // A real function is its own direct address; a macro needs a function.
    put(e.out, {"#ifdef ", fn.name, "\nstatic ",
                spell(QualType{f->result.type}, "_ffigen_d_" + fn.name + "(" + named_params(f, "x") + ")"),
                " { ", is_void ? "" : "return ", fn.name, "(", args, "); }\n#else\n#  define _ffigen_d_", fn.name,
                " ", fn.name, "\n#endif\n"});
}

void emit_wrapper(Emitter& e, const Function& fn) {
    const FunctionType* f = fn.type;
    std::size_t n = f->params.size();
    bool frees = false;
    for (const QualType& p : f->params) frees |= is_pointer_param(p);
    std::string& o = e.out;
    std::string count = std::to_string(n);
    const char* second = n == 0 ? "PyObject *unused" : n == 1 ? "PyObject *a0" : "PyObject *args";
    put(o, {"static PyObject *_ffigen_f_", fn.name, "(PyObject *self, ", second, ")\n{\n"});
    if (n > 1) put(o, {"  PyObject *a[", count, "];\n"});
    std::string steps, call;
    if (n > 1) put(steps, {"_ffigen_unpack(args, \"", fn.name, "\", ", count, ", a) < 0"});
    for (std::size_t i = 0; i < n; ++i) {
        std::string index = std::to_string(i), x = "x" + index;
        QualType p = f->params[i];
        bool ptr = is_pointer_param(p);
        if (ptr) put(o, {"  char *", x, ";\n"});
        else put(o, {"  ", spell(QualType{p.type}, x), ";\n"});
        put(steps, {steps.empty() ? "" : " ||\n      ",
                    convert_arg(e, p, n == 1 ? "a0" : "a[" + index + "]", x), " < 0"});
        if (ptr) put(call, {i ? ", (" : "(", spell(p), ")", x});
        else put(call, {i ? ", " : "", x});
    }
    bool is_void = conversion(strip(f->result.type)) == Conv::Void;
    if (!is_void) put(o, {"  ", spell(QualType{f->result.type}, "y"), ";\n"});
    if (frees) o += "  struct _ffigen_freeme *fm = NULL;\n  PyObject *r = NULL;\n";
    o += "  PyThreadState *ts;\n  (void)self;\n";
    if (n == 0) o += "  (void)unused;\n";
    if (!steps.empty()) put(o, {"  if (", steps, frees ? ")\n    goto done;\n" : ")\n    return NULL;\n"});
    put(o, {"  ts = _ffigen_enter();\n  ", is_void ? "" : "y = ", fn.name, "(", call, ");\n  _ffigen_leave(ts);\n"});
    std::string result = convert_result(e, f->result);
    if (frees) put(o, {"  r = ", result, ";\ndone:\n  _ffigen_free(fm);\n  return r;\n}\n\n"});
    else put(o, {"  return ", result, ";\n}\n\n"});
}

void emit_variadic(Emitter& e, const Function& fn) {
    std::string getter = "_ffigen_const_" + fn.name;
    e.out += "static void " + getter + "(char *o)\n{\n  " + spell(QualType{fn.type}, "(*p)") +
             " = " + fn.name + ";\n  memcpy(o, &p, sizeof p);\n}\n\n";
    e.globals.push_back({fn.name, getter, op_word("CONSTANT", e.types.pointer_to(QualType{fn.type})), ""});
}

}  // namespace

void emit_functions(Emitter& e) {
    std::vector<const Function*> sorted;
    for (const Function& fn : e.module.functions)
        if (fn.extern_python == ExternPython::No) sorted.push_back(&fn);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Function* a, const Function* b) { return a->name < b->name; });
    if (!sorted.empty()) e.out += "/* ---- functions ---- */\n";
    for (const Function* fn : sorted) {
        if (fn->type->variadic) {
            emit_variadic(e, *fn);
            continue;
        }
        std::size_t n = fn->type->params.size();
        const char* op = n == 0 ? "CPYTHON_BLTN_N" : n == 1 ? "CPYTHON_BLTN_O" : "CPYTHON_BLTN_V";
        e.globals.push_back({fn->name, "_ffigen_f_" + fn->name, op_word(op, e.types.index_of(QualType{fn->type})),
                             "_ffigen_d_" + fn->name});
        emit_direct(e, *fn);
        emit_wrapper(e, *fn);
    }
}

}  // namespace ffigen::codegen
