// State shared by the emission steps of one module (codegen-internal).
//
// emit_module() runs the steps in a fixed order (module.cpp); each step
// appends C text to `out` and records what the tables will list (globals
// rows, type entries); the tables are printed at the end, straight into
// `out`, the globals sorted by name (the runtime binary-searches them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/emit.hpp"
#include "codegen/spelling.hpp"
#include "codegen/text.hpp"
#include "codegen/type_table.hpp"

namespace ffigen::codegen {

// What a global of lib is. The kind fixes the row's opcode and C names,
// which are fixed prefixes joined to the declaration's name (GlobalForm).
enum class GlobalKind : std::uint8_t {
    Function0,     // a wrapped function of no argument (CPYTHON_BLTN_N)
    Function1,     // ... of one argument (CPYTHON_BLTN_O)
    FunctionN,     // ... of more (CPYTHON_BLTN_V), with a METH_FASTCALL wrapper
    Constant,      // a CONSTANT getter (and variadic functions' pointers)
    ConstantInt,   // a CONSTANT_INT getter
    Enumerator,    // an ENUM getter
    Variable,      // a GLOBAL_VAR_F address function
    ExternPython,  // an extern "Python" record
};

struct GlobalForm {
    std::string_view address_prefix;   // the address: prefix + name ("_ffigen_f_")
    std::string_view opcode;           // the type word: _FFIGEN_OP(_FFIGEN_OP_<opcode>, op_arg)
    bool direct;                       // has a direct function: direct_prefix + name
    std::string_view direct_prefix;
    std::string_view fastcall_prefix;  // the METH_FASTCALL wrapper: prefix + name; "": none
};
const GlobalForm& form_of(GlobalKind kind);

// A row of the globals table: no strings of its own (the model owns the
// name and outlives emission), so rows are small and sort cheaply.
struct GlobalRow {
    std::string_view name;
    int op_arg;
    GlobalKind kind;
};

// How a struct/union/enum is known to the runtime and to C.
struct NominalName {
    std::string table_name;  // "point", "$polygon", "$1"
    std::string c_name;      // "struct point", "polygon"; "" when C has no name for it
};

struct Emitter {
    const model::Module& module;
    const EmitOptions& options;
    Text out;

    std::vector<const model::RecordType*> records;  // in struct table order (sorted)
    std::vector<NominalName> record_names;          // records[i]'s names
    std::vector<const model::EnumType*> enums;      // in enum table order (sorted)
    std::vector<NominalName> enum_names;            // enums[i]'s names
    Spellings spellings;
    TypeTable types;  // spells through `spellings`

    std::vector<GlobalRow> globals;
    // The type entries the rows of the struct, field, enum and typename
    // tables refer to, taken in table order by the steps (the order types
    // are first asked for numbers the entries); the rows are printed at
    // the end, straight into `out`.
    std::vector<int> record_types, field_types, enum_types, typedef_types;
    struct TypeName {
        std::string_view name;
        model::QualType type;
    };
    std::vector<TypeName> typedefs;  // the typenames table's rows, sorted by name
    int num_extern_python = 0;

    Emitter(const model::Module& m, const EmitOptions& o);
};

// Steps, in the order module.cpp calls them.
void emit_record_checks(Emitter& e);   // emit_records.cpp: compile-time layout checks
void emit_enums(Emitter& e);           // emit_enums.cpp: enumerator getters, enum_types
void emit_constants(Emitter& e);       // emit_globals.cpp
void emit_variables(Emitter& e);       // emit_globals.cpp
void emit_extern_python(Emitter& e);   // emit_extern_python.cpp
void emit_functions(Emitter& e);       // emit_functions.cpp: wrappers, variadics
void index_record_tables(Emitter& e);  // emit_records.cpp: record_types, field_types
void index_typedefs(Emitter& e);       // emit_enums.cpp: typedefs, typedef_types
// ... the type table and the globals (module.cpp), then the rows:
void emit_field_rows(Emitter& e);      // emit_records.cpp
void emit_record_rows(Emitter& e);     // emit_records.cpp: struct/union rows
void emit_enum_rows(Emitter& e);       // emit_enums.cpp
void emit_typedef_rows(Emitter& e);    // emit_enums.cpp

// emit_pypy.cpp: after a function's CPython wrapper (which the caller puts
// under #ifndef PYPY_VERSION), "#else", the function PyPy calls, "#endif".
void emit_pypy_function(Emitter& e, const model::Function& fn);
// "#ifdef PYPY_VERSION", _cffi_pypyinit_<basename> returning `version`
// (C hex) and the context, "#else": PyInit follows, then "#endif".
void emit_pypy_init(Emitter& e, std::string_view basename, std::string_view version);

// Helpers shared by the steps.
// _ffigen_const_NAME, the CONSTANT_INT getter of the integer constant NAME;
// `check` is the cdef's value, if any.
void emit_int_getter(Emitter& e, const std::string& name, const std::optional<model::IntValue>& check);
// type_checks.cpp: appends "CDEF_TYPE, UNQUAL_SAME", the last arguments of
// _FFIGEN_CHECK_FIELD and _FFIGEN_CHECK_GLOBAL, for the C lvalue `expr`.
void put_type_check(Emitter& e, const std::string& expr, model::QualType cdef_type);
// For an enum C cannot name: the integer type gcc and clang would pick
// (also CFFI's choice in ABI mode).
model::Prim prim_from_values(const model::EnumType* en);
// 1 signed, 0 unsigned, or a C expression deciding it for `int...` and enums.
std::string signedness(const model::Type* t, std::string_view c_type);

}  // namespace ffigen::codegen
