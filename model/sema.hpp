// Sema: the cdef AST -> the resolved, immutable model.
//
// Resolves type names and tags, folds constant expressions, applies
// CFFI's rules (what is a constant, which `...` forms are allowed, how
// redefinitions are judged) and reports every error it finds with the
// position of the offending text.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/decls.hpp"
#include "parser/ast.hpp"
#include "parser/diagnostics.hpp"
#include "parser/source.hpp"

namespace ffigen::model {

struct SemaOptions {
    unsigned pack = 0;            // default #pragma pack for every struct (0: natural)
    bool allow_override = false;  // a later conflicting declaration replaces the earlier one
    bool keep_gil = false;        // default #pragma ffigen gil: keep (true) or release
};

// Resolves a parsed cdef. Always returns a module (possibly incomplete);
// check diags.has_errors() before using it.
std::unique_ptr<Module> analyze(const ast::Unit& unit, const SourceFile& file,
                                DiagnosticEngine& diags, const SemaOptions& options = {});

// A cdef the main one includes (ffigen --include, CFFI's ffi.include()):
// read first, in the same name spaces; its declarations are owned by
// `module`, the import name of the extension module built from it.
struct IncludedCdef {
    std::string module;
    const SourceFile* file = nullptr;
};

// Parses and resolves a whole cdef file: the whole front end. The included
// cdefs are read first, in order (each may use the ones before it); a
// conflict between two files is an error, --override or not.
std::unique_ptr<Module> analyze_cdef(const SourceFile& file, DiagnosticEngine& diags,
                                     const SemaOptions& options = {},
                                     const std::vector<IncludedCdef>& includes = {});

// Resolves a C type name ("struct foo *[5]", "int(*)(int)") against the
// typedefs and tags of `module`, as ffi.new()/ffi.cast() need. New
// structural types are interned in module.types. Errors go to diags,
// positioned in `text` (which must outlive the diagnostics).
std::optional<QualType> resolve_type_name(Module& module, const SourceFile& text,
                                          DiagnosticEngine& diags);

}  // namespace ffigen::model
