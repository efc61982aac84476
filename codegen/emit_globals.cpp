// Constants and global variables.
//
// Integer constants (#define, static const, enumerators) are CONSTANT_INT
// getters returning the C compiler's value; a `#define X 42` also has its
// value compared, so a cdef that disagrees with C fails on access with the
// constant's name. Other constants are CONSTANT getters copying the value.
// Global variables are GLOBAL_VAR_F: a function returning the variable's
// address (lib.X reads and writes through it); their type is checked
// against the C declaration at compile time (type_checks.cpp).
#include <charconv>
#include <utility>

#include "codegen/emitter.hpp"

namespace ffigen::codegen {

using namespace model;

void emit_int_getter(Emitter& e, const std::string& name, const std::optional<IntValue>& check) {
    if (!check) {
        put(e.out, "_FFIGEN_INT_GETTER(", name, ")\n");
        return;
    }
    bool nonpositive = check->negative || check->magnitude == 0;
    put(e.out, "_FFIGEN_INT_GETTER_CHECKED(", name, nonpositive ? ", 1, " : ", 0, ",
                check->negative && check->magnitude ? "0ULL - " : "");
    char digits[24];  // the magnitude may not fit a long long
    put(e.out, std::string_view(digits, std::to_chars(digits, digits + sizeof digits, check->magnitude).ptr - digits),
                "ULL)\n");
}

namespace {

// The type a CONSTANT getter stores the value as: the constant's, without
// the const that made it one, also when a typedef adds it (`typedef const
// double cd_t; cd_t X;` stores a double).
QualType stored_type(QualType t) {
    const Type* own = t.type;
    return QualType{effective_quals(QualType{own}) != NoQuals ? own->canonical() : own};
}

}  // namespace

void emit_constants(Emitter& e) {
    bool first = true;
    for (const Constant& c : e.module.constants) {
        if (!c.owner.empty()) continue;  // in the included module's lib
        if (std::exchange(first, false)) e.out += "/* ---- constants ---- */\n";
        if (c.kind == ConstantKind::Define || is_integer(c.type.type)) {
            emit_int_getter(e, c.name, c.kind == ConstantKind::Define ? c.value : std::nullopt);
            e.globals.push_back({c.name, -1, GlobalKind::ConstantInt});
            continue;
        }
        put(e.out, "static void _ffigen_const_", c.name, "(char *o) { *(");
        e.spellings.put(e.out, stored_type(c.type), "*");
        put(e.out, ")o = ", c.name, "; }\n");
        e.globals.push_back({c.name, e.types.index_of(c.type), GlobalKind::Constant});
    }
}

void emit_variables(Emitter& e) {
    bool first = true;
    for (const Variable& v : e.module.variables) {
        if (!v.owner.empty()) continue;  // in the included module's lib
        if (std::exchange(first, false)) e.out += "/* ---- global variables ---- */\n";
        std::string expr = v.name;
        QualType expected = unsized_items(v.type, expr);
        put(e.out, "_FFIGEN_CHECK_GLOBAL(", v.name, ", ", expr, ", ");
        put_type_check(e, expr, expected);
        put(e.out, ");\nstatic void *_ffigen_var_", v.name, "(void) { return (void *)&(", v.name, "); }\n");
        e.globals.push_back({v.name, e.types.index_of_sized(v.type, v.name), GlobalKind::Variable});
    }
}

}  // namespace ffigen::codegen
