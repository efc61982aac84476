// emit_stub: the runtime classes, then `class _Lib` with one member per
// name of lib (in declaration order: functions, extern "Python" functions,
// variables, constants, enumerators), then `ffi` and `lib` themselves.
//
// lib's functions are instance methods, not static ones, so that mypy
// also flags the use of a void result (it does not for static methods);
// their parameters are positional-only (C functions take no keywords),
// named as in the cdef. A name Python cannot spell as an attribute (a
// keyword), or that would hide a name the stub's annotations use, is left
// out with a comment: getattr(lib, "name") still reaches it.
#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "stubs/python_types.hpp"
#include "stubs/stubs.hpp"

namespace ffigen::stubs {

using namespace model;

namespace {

// Python's keywords, and __debug__, which no assignment may name.
constexpr std::array<std::string_view, 36> kKeywords = {
    "False", "None", "True", "__debug__", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};

// The names _Lib's annotations look up: a member of that name would hide them.
constexpr std::array<std::string_view, 14> kUsedNames = {
    "Any", "Final", "IO", "_CData", "bool", "bytes", "complex", "dict", "float", "int", "list", "property",
    "str", "tuple"};

template <std::size_t N>
bool among(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// "" when `name` can be declared in _Lib, else why not.
std::string unusable(const std::string& name) {
    if (among(kKeywords, name)) return "is reserved in Python";
    if (among(kUsedNames, name)) return "would hide the name the stub's annotations use";
    // __getattr__, __call__, ...: a member so named would change what a type checker makes of lib.
    if (name.size() > 4 && name.starts_with("__") && name.ends_with("__")) return "is a special method's";
    return "";
}

// Parameter i's name: the cdef's, else a<i> when it has none or Python
// cannot take it; with underscores added while taken (self, args, an
// earlier parameter). Editors and messages show it; calls cannot use it.
std::string param_name(const Function& fn, std::size_t i, const std::vector<std::string>& taken) {
    std::string name = fn.param_names.size() == fn.type->params.size() ? fn.param_names[i] : "";
    if (name.empty() || among(kKeywords, name)) name = "a" + std::to_string(i);
    while (name == "self" || name == "args" || std::find(taken.begin(), taken.end(), name) != taken.end())
        name += "_";
    return name;
}

class StubWriter {
public:
    explicit StubWriter(std::string& out) : out_(out) {}

    // False after writing why `name` is left out.
    bool usable(const std::string& name) {
        std::string why = unusable(name);
        if (!why.empty()) out_ += "    # lib." + name + ": left out, its name " + why + "\n";
        return why.empty();
    }

    void function(const Function& fn) {
        if (!usable(fn.name)) return;
        const FunctionType* f = fn.type;
        out_ += "    def " + fn.name + "(self";
        std::vector<std::string> names;
        for (std::size_t i = 0; i < f->params.size(); ++i) {
            names.push_back(param_name(fn, i, names));
            out_ += ", " + names.back() + ": " + python_type(f->params[i], Use::Argument);
        }
        if (!f->params.empty()) out_ += ", /";
        if (f->variadic) out_ += ", *args: _CData";  // the runtime takes only cdata there
        out_ += ") -> " + python_type(f->result, Use::Result) + ": ...\n";
    }

    void constant(const std::string& name, const std::string& type) {
        if (usable(name)) out_ += "    " + name + ": Final[" + type + "]\n";
    }

    // Read as its Result type, assigned as its Value type: a property when they differ.
    void variable(const Variable& v) {
        if (!usable(v.name)) return;
        std::string read = python_type(v.type, Use::Result), write = python_type(v.type, Use::Value);
        if (read == write) {
            out_ += "    " + v.name + ": " + read + "\n";
            return;
        }
        out_ += "    @property\n    def " + v.name + "(self) -> " + read + ": ...\n";
        out_ += "    @" + v.name + ".setter\n    def " + v.name + "(self, value: " + write + ") -> None: ...\n";
    }

private:
    std::string& out_;
};

std::string constant_type(const Constant& c) {
    if (c.kind == ConstantKind::Define || is_integer(c.type.type)) return "int";
    return python_type(c.type, Use::Result);
}

void write_lib(StubWriter& w, const Module& m) {
    for (const Function& fn : m.functions)
        if (fn.extern_python == ExternPython::No) w.function(fn);
    // A cdata function pointer to the C stub that calls @ffi.def_extern()'s function.
    for (const Function& fn : m.functions)
        if (fn.extern_python != ExternPython::No) w.constant(fn.name, "_CData");
    for (const Variable& v : m.variables) w.variable(v);
    for (const Constant& c : m.constants) w.constant(c.name, constant_type(c));
    for (const EnumType* e : m.enums)
        for (const Enumerator& v : e->enumerators) w.constant(v.name, "int");
}

}  // namespace

std::string emit_stub(const Module& module, const std::string& module_name) {
    std::string out = "# Typed stub of the Python extension module '" + module_name +
                      "', generated by ffigen from a cdef. Do not edit.\n";
    out += kRuntimeClasses;
    out += "\nclass _Lib:\n    \"\"\"The module's lib: its C functions, global variables and constants.\"\"\"\n";
    StubWriter writer(out);
    write_lib(writer, module);
    out += "\nffi: _FFI\nlib: _Lib\n";
    return out;
}

}  // namespace ffigen::stubs
