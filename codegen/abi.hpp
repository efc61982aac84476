// Out-of-line ABI mode: a resolved module in, the Python module CFFI writes
// for `set_source(name, None)` out: the `ffi` built at import from
// serialized tables (the same type table the C modules carry, as 4-byte
// words), to be used with `ffi.dlopen()`. No preamble, no C compiler.
#pragma once

#include <string>

#include "model/decls.hpp"
#include "parser/diagnostics.hpp"

namespace ffigen::codegen {

struct AbiOptions {
    std::string module_name;  // may be dotted
    std::string runtime;      // "" : _ffigen_runtime, falling back to _cffi_backend
};

// Reports what only a C compiler could complete (`...` forms, `int...`
// types, struct layouts), what ABI mode has no use for (extern "Python")
// and what no CFFI runtime lays out (pack > 1); CFFI's reasons where CFFI
// refuses too. Returns false after reporting errors.
bool validate_abi_module(const model::Module& module, DiagnosticEngine& diags);

// Deterministic. Expects a module that passed validate_abi_module().
std::string emit_abi_module(const model::Module& module, const AbiOptions& options);

}  // namespace ffigen::codegen
