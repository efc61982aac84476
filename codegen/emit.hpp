// The code generator's entry point: a resolved module in, the C source of a
// CPython extension module out (the CFFI 1.x out-of-line API table ABI).
#pragma once

#include <string>

#include "model/decls.hpp"
#include "parser/diagnostics.hpp"

namespace ffigen::codegen {

struct EmitOptions {
    std::string module_name;        // may be dotted: "pkg.sub._foo"
    std::string preamble;           // set_source text, pasted verbatim
    std::string preamble_path;      // for the #line markers ("" when none)
    std::string output_path;        // the .c being written, for #line after the preamble
    bool limited_api = true;        // Py_LIMITED_API, an .abi3 module
    std::string runtime;            // "" : _ffigen_runtime, falling back to _cffi_backend
    // Records that are only anonymous members get rows of their own (ABI
    // mode's tables name them as fields; C modules list their fields flat).
    bool keep_anonymous_members = false;
};

// Reports declarations the generated C could not express (an anonymous
// struct used by value or through a pointer in a function, global or
// constant; a variadic extern "Python"). emit_module() expects a module
// that passed. Returns false after reporting errors.
bool validate_module(const model::Module& module, DiagnosticEngine& diags);

// Deterministic: the same module and options give the same bytes.
std::string emit_module(const model::Module& module, const EmitOptions& options);

}  // namespace ffigen::codegen
