// The declarations of one resolved cdef: what the generated module exposes.
//
// Every list is in declaration order (the order of the cdef text), which is
// deterministic; codegen sorts where the table ABI asks for sorted tables.
// Names are unique within their namespace once sema has accepted the input.
//
// With `ffigen --include`, the lists also hold the declarations of the
// included cdefs (parsed first, in the same name spaces), each marked with
// its `owner`: the import name of the included module that declares it, or
// "" for the module being generated. (RecordType and EnumType carry the
// same field.) Codegen emits included types as references to the included
// module and leaves its functions, variables and constants to that module's
// lib, as CFFI's ffi.include() does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/types.hpp"

namespace ffigen::model {

enum class ExternPython : std::uint8_t {
    No,           // an ordinary C function from the preamble
    Python,       // extern "Python": a static C stub calls into Python
    PythonPlusC,  // extern "Python+C": the stub is visible to other C files too
};

struct Function {
    std::string name;
    const FunctionType* type = nullptr;
    ExternPython extern_python = ExternPython::No;
    SourceLoc loc;
    std::string owner{};  // "" or the included module declaring it
    // For the typed stub: the parameters' names as the cdef writes them (""
    // when unnamed), one per item of the list the declaration writes
    // (`f(void)` writes one), none when it writes none (`fn_t f;`).
    std::vector<std::string> param_names{};
    bool keep_gil = false;  // called without releasing the GIL (#pragma ffigen gil)
};

struct Variable {
    std::string name;
    QualType type;
    SourceLoc loc;
    std::string owner{};  // "" or the included module declaring it
};

// An integer's value with its sign, wide enough for every C integer
// constant (-2^63 .. 2^64-1).
struct IntValue {
    std::uint64_t magnitude = 0;
    bool negative = false;

    bool operator==(const IntValue&) const = default;
    std::string to_string() const;
};

enum class ConstantKind : std::uint8_t {
    Define,       // #define NAME 42   or   #define NAME ...
    StaticConst,  // static const int NAME;  (value from the C compiler)
};

struct Constant {
    std::string name;
    ConstantKind kind = ConstantKind::Define;
    QualType type;                // StaticConst: the declared type; Define: none
    std::optional<IntValue> value;  // Define with a literal; none for `...` and StaticConst
    SourceLoc loc;
    std::string owner{};  // "" or the included module declaring it
};

struct Typedef {
    const TypedefType* type = nullptr;  // ->name, ->target
    std::string owner{};  // "" or the included module declaring it
};

struct Module {
    TypeArena types;
    std::vector<std::string> includes;  // import names of the included modules, in order

    std::vector<Function> functions;         // includes extern "Python" ones
    std::vector<Variable> variables;
    std::vector<Constant> constants;
    std::vector<Typedef> typedefs;
    std::vector<const RecordType*> records;  // every struct/union, named or not
    std::vector<const EnumType*> enums;      // every enum, named or not
};

}  // namespace ffigen::model
