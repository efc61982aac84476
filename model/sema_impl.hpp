// Sema's working state, shared by the sema*.cpp files (not a public header).
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/decls.hpp"
#include "model/sema.hpp"
#include "parser/ast.hpp"
#include "parser/diagnostics.hpp"
#include "parser/type_names.hpp"

namespace ffigen::model::sema {

// Constant expressions are folded in 128 bits, so that every C integer
// constant (-2^63 .. 2^64-1) and the overflow past it are representable.
using Wide = __int128;

// Where a declarator stands: decides which `...` forms and which
// incomplete types are allowed.
enum class Place : std::uint8_t { Global, Typedef, Field, Param, TypeName };

// What the specifiers of one declaration say.
struct Specs {
    QualType type;
    bool ok = true;
    bool is_typedef = false;
    bool is_static = false;
    ExternPython python = ExternPython::No;
    CallConv callconv = CallConv::Default;
    const ast::SpecItem* dots = nullptr;  // `...` in `typedef int... t;`
    bool declares_tag = false;            // struct/union/enum with a tag or a body
};

// Sorts keeping equal elements in order. Most lists sema sorts (a
// function's parameters, a struct's fields) are short: an insertion sort,
// where std::stable_sort would allocate a buffer per list; long lists still
// go to it.
template <class List, class Less>
void sort_stably(List& list, Less less) {
    if (list.size() > 16) {
        std::stable_sort(list.begin(), list.end(), less);
        return;
    }
    for (std::size_t i = 1; i < list.size(); ++i)
        for (std::size_t j = i; j > 0 && less(list[j], list[j - 1]); --j)
            std::swap(list[j], list[j - 1]);
}

// Maps keyed by name: the keys are owned, lookups take the AST's views
// (no string is built to look a name up).
template <class V>
using NameMap = std::unordered_map<std::string, V, parser::NameHash, std::equal_to<>>;

// A declarator resolved: its name is a view into the cdef's text, copied
// only into what the model keeps.
struct Declared {
    QualType type;
    std::string_view name;
    ast::Range name_range;
    bool ok = true;
    std::vector<std::string> param_names{};  // a function's, as Function::param_names
};

// 'name', as diagnostics quote names and types.
inline std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// A record held by value where its layout must be known, checked once the
// file is read (a struct may be declared, used, and defined later): in a
// field (the outer record's layout is made of it) and as the result of a
// wrapped lib function (the wrapper builds a cdata of it). Other by-value
// uses (globals, constants, parameters, function pointer types, typedefs
// of arrays) need the layout only when used, and the runtime refuses them
// then, as CFFI's does.
enum class Holder : std::uint8_t { Field, Result };
struct NeedsLayout {
    const RecordType* record;  // arrays and typedefs stripped
    const Type* as_written;    // for the message: 'opaque_t', 'struct b[2]'
    Holder holder;
    std::string_view name;     // the field or function, a view into the cdef
    ast::Range range;
};

class Sema {
public:
    Sema(Module& module, const SourceFile& file, DiagnosticEngine& diags, SemaOptions options);

    void run(const ast::Unit& unit);
    // One top-level item, in source order; then finish() once at the end.
    void item(const ast::Item& item);
    void finish();
    // The next cdef to read in the same name spaces: an included one
    // (owner: its module name) or, last, the main one (owner "").
    void next_file(const SourceFile& file, DiagnosticEngine& diags, std::string owner);
    // Makes the module's typedefs and tags visible (for resolve_type_name).
    void adopt_module_names();
    std::optional<QualType> type_name(const ast::Param& param);

private:
    // sema.cpp: top-level declarations and the names they bind
    void declaration(const ast::Declaration& decl);
    void declare(const Specs& specs, Declared d, const ast::Declaration& decl);
    void dotdotdot_typedef(const Specs& specs, const ast::Declaration& decl);
    void declare_typedef(Declared d);
    void declare_function(Declared d, ExternPython python);
    void declare_object(Declared d);
    void define(const ast::Define& def);
    void initialized_constant(const Declared& d, const ast::Expr& init);
    void bind_constant(std::string_view name, std::optional<IntValue> value, SourceLoc at);
    void pragma(const ast::PragmaPack& pack);
    void pragma(const ast::PragmaGil& gil) { keep_gil_ = gil.keep; }
    enum class LibKind : std::uint8_t { Function, Variable, Constant, Enumerator };
    struct LibName;
    // Binds entry.name at lib level: its LibName when `entry` is now what
    // the name means, null when the same definition was there already or
    // on a conflict.
    template <class T, class Same>
    LibName* bind(std::vector<T>& list, LibKind kind, T entry, Same same);
    void unbind(const std::string& name);
    bool conflict(const std::string& what, SourceLoc loc, SourceLoc previous);
    void ignore_included_opaque(RecordType* rec, SourceLoc at);
    bool defined_elsewhere(const std::string& owner, SourceLoc at, SourceLoc previous);

    // sema_types.cpp: specifiers and declarators -> types
    Specs specs(const ast::DeclSpecs& ds, Place place);
    std::optional<QualType> words_type(std::span<const ast::SpecItem* const> words,
                                       ast::Range range);
    std::optional<QualType> named_type(const ast::SpecItem& item);
    Declared declarator(QualType base, const ast::Declarator& d, CallConv cc, Place place,
                        bool top = true);
    bool apply_suffix(QualType& type, const ast::Suffix& s, bool measurable, Place place,
                      CallConv& cc);
    bool function_suffix(QualType& type, const ast::Suffix& s, CallConv& cc);
    std::optional<Declared> parameter(const ast::Param& p);
    void needs_layout(QualType t, Holder holder, std::string_view name, ast::Range range);

    // sema_records.cpp: struct, union and enum specifiers
    std::optional<QualType> record(const ast::SpecItem& item);
    void record_body(RecordType* rec, const ast::SpecItem& item);
    bool member(const ast::MemberDecl& m, std::vector<Field>& fields);
    std::optional<QualType> enumeration(const ast::SpecItem& item);
    void enum_body(EnumType* e, const ast::SpecItem& item);

    // sema_expr.cpp: constant expressions and integer literals
    std::optional<Wide> evaluate(const ast::Expr& e);
    std::optional<Wide> literal(std::string_view text, ast::Range range);
    std::optional<Wide> char_literal(std::string_view text, ast::Range range);
    std::optional<IntValue> define_value(const ast::Define& def);

    SourceLoc loc(ast::Range r) const { return {file_, r.begin}; }
    // --override replaces only declarations of the same file: a conflict
    // with an included cdef is always an error.
    bool may_override(SourceLoc previous) const {
        return options_.allow_override && previous.file == file_;
    }
    RecordType* new_record(RecordKind kind, std::string tag, SourceLoc at);
    EnumType* new_enum(std::string tag, SourceLoc at);
    Diagnostic& error(ast::Range r, std::string message);

    Module& m_;
    const SourceFile* file_;
    DiagnosticEngine* diags_;
    std::string owner_;  // Module::includes entry of the file being read; "" for the main one
    SemaOptions options_;

    struct LibName {
        LibKind kind;
        std::size_t index;  // into the module list of that kind (enumerators: unused)
        SourceLoc loc;
        // Integer constants and enumerators, usable in constant expressions:
        // their value, or none when the C compiler gives it (`...`).
        bool is_int_constant = false;
        std::optional<Wide> int_value;
    };
    NameMap<const TypedefType*> typedefs_;
    NameMap<QualType> builtins_;  // resolved on first use
    NameMap<Type*> tags_;         // RecordType or EnumType
    NameMap<LibName> lib_names_;
    std::vector<unsigned> pack_stack_;
    unsigned pack_ = 0;
    bool keep_gil_ = false;
    std::vector<NeedsLayout> needs_layout_;
    ast::ExternBlock block_ = ast::ExternBlock::None;
};

}  // namespace ffigen::model::sema
