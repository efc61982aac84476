// The typed stub (.pyi) of a generated module: its `lib` (functions with
// their parameter and result types, variables, constants, enumerators,
// extern "Python" functions) and its `ffi`, typed as the runtime accepts
// and returns Python values. Read from the resolved model, like codegen.
#pragma once

#include <string>

#include "model/decls.hpp"

namespace ffigen::stubs {

// Deterministic: the same module and name give the same bytes.
std::string emit_stub(const model::Module& module, const std::string& module_name);

// The typed runtime classes every stub starts with (runtime_classes.cpp).
extern const char* const kRuntimeClasses;

}  // namespace ffigen::stubs
