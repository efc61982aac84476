// Runs the front end on a string, for the parser and sema unit tests.
#pragma once

#include <memory>
#include <string>

#include "model/sema.hpp"
#include "parser/diagnostics.hpp"
#include "parser/source.hpp"

namespace ffigen::testing {

struct Analyzed {
    std::unique_ptr<SourceFile> file;
    DiagnosticEngine diags;
    std::unique_ptr<model::Module> module;

    bool ok() const { return !diags.has_errors(); }
    // The first error's message ("" if none).
    std::string error() const {
        for (const Diagnostic& d : diags.diagnostics())
            if (d.severity == Severity::Error) return d.message;
        return "";
    }
};

inline std::unique_ptr<Analyzed> analyze(std::string text, model::SemaOptions options = {}) {
    auto a = std::make_unique<Analyzed>();
    a->file = std::make_unique<SourceFile>("t.cdef", std::move(text));
    a->module = model::analyze_cdef(*a->file, a->diags, options);
    return a;
}

// The spelling of the type of the lib-level name or typedef `name`.
inline std::string spelled(const model::Module& m, const std::string& name) {
    for (auto& f : m.functions)
        if (f.name == name) return model::spell({f.type, model::NoQuals});
    for (auto& v : m.variables)
        if (v.name == name) return model::spell(v.type);
    for (auto& c : m.constants)
        if (c.name == name && c.type.type) return model::spell(c.type);
    for (auto& t : m.typedefs)
        if (t.type->name == name) return model::spell(t.type->target);
    return "<" + name + " not found>";
}

}  // namespace ffigen::testing
