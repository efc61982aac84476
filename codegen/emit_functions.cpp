// Function wrappers. Each function gets
//   _ffigen_d_NAME: its "direct" address (for ffi.addressof(lib, "NAME")):
//                   a plain C function calling NAME; and
//   _ffigen_f_NAME: the Python-callable wrapper: convert each argument
//                   with one helper call, release the GIL around the call
//                   (errno kept for ffi.errno; the GIL stays held under
//                   #pragma ffigen gil(keep)), convert the result.
// The wrapper is registered as CPYTHON_BLTN_N (no argument), _O (one) or
// _V (a tuple). With two or more arguments the work is done by
//   _ffigen_v_NAME: the same wrapper as METH_FASTCALL (an array of
//                   arguments), which _ffigen_runtime calls directly (the
//                   ffigen extension in ffigen_abi.h); _ffigen_f_NAME only
//                   unpacks the tuple for it, for other runtimes.
// With no argument too (CPython specializes calls of METH_FASTCALL builtins,
// not METH_NOARGS ones), where _ffigen_f_NAME is a METH_NOARGS adapter.
// On PyPy _ffigen_f_NAME is instead what PyPy's backend calls (emit_pypy.cpp).
// Variadic functions are not wrapped: like CFFI, lib.NAME is a constant
// holding the function pointer, called through the runtime with cdata
// arguments.
#include <algorithm>

#include "codegen/by_name.hpp"
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

// signedness() of a parameter or result type; the type is spelled only
// when the C compiler decides.
std::string sign_of(Emitter& e, QualType type) {
    const Type* t = strip(type.type);
    if (t->kind == TypeKind::Primitive) return signedness(t, "");
    Text c_type;
    e.spellings.put(c_type, type);
    return signedness(t, c_type.view());
}

// A pointer to char, signed char or unsigned char: bytes may pass directly.
bool points_to_chars(const Type* t) {
    auto p = t->as<PointerType>();
    if (!p) return false;
    auto item = strip(p->pointee.type)->as<PrimitiveType>();
    return item && (item->prim == Prim::Char || item->prim == Prim::SChar || item->prim == Prim::UChar);
}

// A function, or a pointer to one: passed as a function pointer.
bool is_function_pointer(const Type* t) {
    if (auto p = t->as<PointerType>()) t = strip(p->pointee.type);
    return t->kind == TypeKind::Function;
}

// Appends the C expression converting Python object `src` into local x<i>;
// `inline_slot` is the parameter's word in its function's type entry.
void put_convert_arg(Emitter& e, Text& out, QualType type, Conv conv, std::string_view src, std::string_view i,
                     int inline_slot, bool keep_gil) {
    const Type* t = strip(type.type);
    auto simple = [&](std::string_view helper, std::string_view more) {
        put(out, helper, "(", src, ", &x", i, more, ")");
    };
    switch (conv) {
        case Conv::Int:
            put(out, keep_gil ? std::string_view("_ffigen_int_arg_inline(") : std::string_view("_ffigen_int_arg("),
                src, ", &x", i, ", sizeof x", i, ", ", sign_of(e, type), ")");
            return;
        case Conv::Float: return simple("_ffigen_float_arg", "");
        case Conv::Double: return simple("_ffigen_double_arg", "");
        case Conv::LongDouble: return simple("_ffigen_long_double_arg", "");
        case Conv::Bool: return simple("_ffigen_bool_arg", "");
        case Conv::Char: return simple("_ffigen_char_arg", "");
        case Conv::WChar: return simple("_ffigen_wchar_arg", "");
        case Conv::Char16: return simple("_ffigen_unichar_arg", ", 2");
        case Conv::Char32: return simple("_ffigen_unichar_arg", ", 4");
        case Conv::Pointer: {
            int ti = e.types.param_entry(type);
            if (is_function_pointer(t)) put(out, "_ffigen_fnptr_arg(", src, ", ", Number(ti), ", &x", i, ")");
            else if (points_to_chars(t)) put(out, "_ffigen_chars_arg(", src, ", ", Number(ti), ", &x", i, ", &fm)");
            else put(out, "_ffigen_ptr_arg(", src, ", ", Number(ti), ", &x", i, ", &fm)");
            return;
        }
        default: {
            // A primitive (complex) parameter is written inline in the
            // function's entry, which the stock backend realizes when it
            // makes lib.NAME; an entry of its own elsewhere it may never.
            int ti = t->kind == TypeKind::Primitive ? inline_slot : e.types.index_of(type);
            put(out, "_ffigen_value_arg(", src, ", ", Number(ti), ", &x", i, ")");
        }
    }
}

// Appends the Python object for the C result in local `y`.
void put_convert_result(Emitter& e, Text& out, QualType type) {
    const Type* t = strip(type.type);
    auto with_type = [&](std::string_view call) {
        out += call;
        append_number(out, e.types.index_of(type));
        out += ')';
    };
    switch (conversion(t)) {
        case Conv::Int: {
            std::string sign = sign_of(e, type);
            if (sign == "1") out += "PyLong_FromLongLong((long long)y)";
            else if (sign == "0") out += "PyLong_FromUnsignedLongLong((unsigned long long)y)";
            else put(out, "_ffigen_int_result(&y, sizeof y, ", sign, ")");
            return;
        }
        case Conv::Float:
        case Conv::Double: out += "PyFloat_FromDouble((double)y)"; return;
        case Conv::Bool: out += "PyBool_FromLong((long)y)"; return;
        case Conv::Char: out += "_ffigen_char_result(y)"; return;
        case Conv::WChar: out += "_ffigen_wchar_result(y)"; return;
        case Conv::Char16: out += "_ffigen_unichar_result((uint32_t)y, 2)"; return;
        case Conv::Char32: out += "_ffigen_unichar_result((uint32_t)y, 4)"; return;
        case Conv::Pointer: return with_type("_ffigen_ptr_result((void *)y, ");
        case Conv::Struct: return with_type("_ffigen_struct_result(&y, ");
        case Conv::Void: out += "_ffigen_none()"; return;
        default: return with_type("_ffigen_value_result(&y, ");
    }
}


// The names of parameter i, spelled once for all functions, and the
// direct function's declarator, kept from one function to the next so its
// buffer is allocated once.
struct Scratch {
    explicit Scratch(std::size_t most_params) {
        for (std::size_t i = 0; i <= most_params; ++i) {
            index.push_back(std::to_string(i));
            local.push_back("x" + index.back());
            item.push_back("a[" + index.back() + "]");
        }
    }
    std::vector<std::string> index;  // "0", "1", ...: also counts
    std::vector<std::string> local;  // "x0", "x1", ...: the C arguments
    std::vector<std::string> item;   // "a[0]", "a[1]", ...: the Python arguments
    Text declarator;
    std::vector<Conv> conv;  // of each parameter of the function being written
};

// "_ffigen_d_NAME(int x0, char *x1)" (or "(void)"): the declarator of
// the direct function, to be put after its result type.
void put_direct_declarator(Emitter& e, Text& out, const Function& fn, const Scratch& scratch) {
    const FunctionType* f = fn.type;
    put(out, "_ffigen_d_", fn.name, '(');
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (i) out += ", ";
        e.spellings.put(out, f->params[i], scratch.local[i]);
    }
    if (f->params.empty()) out += "void)";
    else out += ')';
}

// Always a function of its own, never NAME's own address: NAME may be a
// macro, an overloaded C++ function, or a function-pointer variable (as
// preambles make it to stub functions some library versions lack).
void emit_direct(Emitter& e, const Function& fn, Scratch& scratch) {
    const FunctionType* f = fn.type;
    bool is_void = conversion(strip(f->result.type)) == Conv::Void;
    Text& o = e.out;
    o += "static ";
    if (e.spellings.put_before_name(o, QualType{f->result.type})) {
        put_direct_declarator(e, o, fn, scratch);
    } else {  // a result type wrapped around the declarator: built aside
        scratch.declarator.clear();
        put_direct_declarator(e, scratch.declarator, fn, scratch);
        e.spellings.put(o, QualType{f->result.type}, scratch.declarator.view());
    }
    if (is_void) put(o, " { ", fn.name, '(');
    else put(o, " { return ", fn.name, '(');
    for (std::size_t i = 0; i < f->params.size(); ++i) {
        if (i) o += ", ";
        o += scratch.local[i];
    }
    o += "); }\n";
}

// Written in one pass into the output, parameters looped over once for
// the locals, once for the conversions and once for the call (the type
// entries are asked for in the same order as ever: conversions, result).
void emit_wrapper(Emitter& e, const Function& fn, Scratch& scratch) {
    const std::vector<std::string>& index = scratch.index;
    const FunctionType* f = fn.type;
    std::size_t n = f->params.size();
    bool frees = false;
    std::vector<Conv>& conv = scratch.conv;  // worked out once per parameter
    conv.clear();
    for (const QualType& p : f->params) {
        conv.push_back(conversion(strip(p.type)));
        frees |= conv.back() == Conv::Pointer;
    }
    Text& o = e.out;
    if (n == 1) put(o, "static PyObject *_ffigen_f_", fn.name, "(PyObject *self, PyObject *a0)\n{\n");
    else put(o, "static PyObject *_ffigen_v_", fn.name, "(PyObject *self, PyObject *const *a, Py_ssize_t nargs)\n{\n");
    for (std::size_t i = 0; i < n; ++i) {
        if (conv[i] == Conv::Pointer) {
            put(o, "  char *", scratch.local[i], ";\n");
        } else {
            o += "  ";
            e.spellings.put(o, QualType{f->params[i].type}, scratch.local[i]);
            o += ";\n";
        }
    }
    bool is_void = conversion(strip(f->result.type)) == Conv::Void;
    if (!is_void) {
        o += "  ";
        e.spellings.put(o, QualType{f->result.type}, "y");
        o += ";\n";
    }
    if (frees) o += "  struct _ffigen_freeme *fm = NULL;\n  PyObject *r = NULL;\n";
    if (!fn.keep_gil) o += "  PyThreadState *ts;\n";
    o += "  Py_ssize_t pins;\n";
    if (n == 0) {
        put(o, "  (void)a;\n  (void)self;\n  if (nargs != 0)\n    return _ffigen_noargs_error(\"", fn.name,
            "\", nargs);\n");
    } else {
        o += "  int k = 0;\n  (void)self;\n";
    }
    if (n > 1) put(o, "  if (_ffigen_nargs(nargs, \"", fn.name, "\", ", index[n], ") < 0)\n    return NULL;\n");
    if (n > 0) {
        int fn_at = e.types.index_of(QualType{f});
        // `k` records which conversion failed, for _ffigen_arg_error.
        for (std::size_t i = 0; i < n; ++i) {
            if (i == 0) o += "  if ((k = 1, ";
            else put(o, " ||\n      (k = ", index[i + 1], ", ");
            put_convert_arg(e, o, f->params[i], conv[i], n == 1 ? std::string_view("a0") : scratch.item[i], index[i],
                            fn_at + 1 + static_cast<int>(i), fn.keep_gil);
            o += ") < 0";
        }
        put(o, ") {\n    _ffigen_arg_error(\"", fn.name, "\", k);\n");
        if (frees) o += "    goto done;\n  }\n";
        else o += "    return NULL;\n  }\n";
    }
    o += fn.keep_gil ? std::string_view("  pins = _ffigen_begin();\n  ") : std::string_view("  ts = _ffigen_enter(&pins);\n  ");
    if (!is_void) o += "y = ";
    put(o, fn.name, '(');
    for (std::size_t i = 0; i < n; ++i) {
        if (i) o += ", ";
        if (conv[i] == Conv::Pointer) {
            // An array parameter (a typedef whose items C measures) is cast
            // to what C decays it to.
            bool array = strip(f->params[i].type)->kind == TypeKind::Array;
            o += array ? std::string_view("(_FFIGEN_DECAY(") : std::string_view("(");
            e.spellings.put(o, f->params[i]);
            o += array ? std::string_view("))") : std::string_view(")");
        }
        o += scratch.local[i];
    }
    o += fn.keep_gil ? std::string_view(");\n  _ffigen_end(pins);\n") : std::string_view(");\n  _ffigen_leave(ts, pins);\n");
    o += frees ? std::string_view("  r = ") : std::string_view("  return ");
    put_convert_result(e, o, f->result);
    if (frees) o += ";\ndone:\n  _ffigen_free(fm);\n  return r;\n}\n\n";
    else o += ";\n}\n\n";
    if (n > 1) put(o, "_FFIGEN_VARARGS(", fn.name, ")\n\n");
    else if (n == 0) put(o, "_FFIGEN_NOARGS(", fn.name, ")\n\n");
}

void emit_variadic(Emitter& e, const Function& fn) {
    put(e.out, "static void _ffigen_const_", fn.name, "(char *o)\n{\n  ");
    e.spellings.put(e.out, QualType{fn.type}, "(*p)");
    put(e.out, " = ", fn.name, ";\n  memcpy(o, &p, sizeof p);\n}\n\n");
    e.globals.push_back({fn.name, e.types.pointer_to(QualType{fn.type}), GlobalKind::Constant});
}

}  // namespace

void emit_functions(Emitter& e) {
    std::vector<const Function*> sorted;
    std::size_t most_params = 0;
    for (const Function& fn : e.module.functions) {
        // extern "Python" ones have their stubs; an included module's are in its lib
        if (fn.extern_python != ExternPython::No || !fn.owner.empty()) continue;
        sorted.push_back(&fn);
        most_params = std::max(most_params, fn.type->params.size());
    }
    sort_by_name(sorted, [](const Function* fn) -> std::string_view { return fn->name; });
    if (!sorted.empty()) e.out += "/* ---- functions ---- */\n";
    Scratch scratch(most_params);
    for (const Function* fn : sorted) {
        if (fn->type->variadic) {
            emit_variadic(e, *fn);
            continue;
        }
        std::size_t n = fn->type->params.size();
        GlobalKind kind = n == 0 ? GlobalKind::Function0 : n == 1 ? GlobalKind::Function1 : GlobalKind::FunctionN;
        e.globals.push_back({fn->name, e.types.index_of(QualType{fn->type}), kind});
        emit_direct(e, *fn, scratch);
        e.out += "#ifndef PYPY_VERSION\n";
        emit_wrapper(e, *fn, scratch);
        emit_pypy_function(e, *fn);
    }
}

}  // namespace ffigen::codegen
