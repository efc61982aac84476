// The arguments of a compile-time type check (_FFIGEN_CHECK_FIELD,
// _FFIGEN_CHECK_GLOBAL in support.cpp): the cdef's type, compared with C's
// exactly, and the C condition that the two are the same type once
// qualifiers are set aside at every level. When only qualifiers differ the
// module builds with a warning (CFFI's checks only warn there too: `z_const`
// macros make `const` come and go); any other difference is an error.
#include "codegen/emitter.hpp"

namespace ffigen::codegen {

using namespace model;

namespace {

// The cdef's type as C spells it, its own qualifiers included. An array
// with `[...]` lengths inside (`int a[10][...]`) has them measured on
// `expr`: int[10][_FFIGEN_LEN(a[0])], as C cannot spell int[10][].
void put_cdef_type(Emitter& e, std::string item, QualType t) {
    if (!needs_length_of(t.type)) return e.spellings.put(e.out, t);
    std::string dims;
    Quals carried = NoQuals;  // an array's qualifiers are its items'
    while (auto a = strip(t.type)->as<ArrayType>()) {
        carried = carried | effective_quals(t);
        dims += '[';
        dims += a->length_kind == ArrayLength::Known ? std::to_string(a->length) : "_FFIGEN_LEN(" + item + ")";
        dims += ']';
        item += "[0]";
        t = a->element;
    }
    e.spellings.put(e.out, QualType{t.type, t.quals | carried}, dims);
}

// How many pointer and array levels put_unqual_same() checks one by one:
// _FFIGEN_D names its argument three times, so the C compiler's work grows
// as 3^levels (gcc: 0.3 s at 5 levels, over a minute at 10).
constexpr int kLevelsCheckedOneByOne = 4;

// The condition for C: level by level from `expr`, each pointer a pointer,
// each array an array of that length (any, for `[]` and `[...]`), and the
// last level, reached through _FFIGEN_D, the same type, qualifiers aside.
// Below kLevelsCheckedOneByOne levels the rest must be the same type,
// qualifiers included (but those of its top): the module does not build,
// where it would build with a warning for a shallower type.
void put_unqual_same(Emitter& e, std::string expr, QualType t) {
    for (int levels = 0;; ++levels) {
        const Type* level = strip(t.type);
        if (levels == kLevelsCheckedOneByOne && level->kind != TypeKind::Primitive && !needs_length_of(level)) {
            put(e.out, "_FFIGEN_IS(", expr, ", ");
            e.spellings.put(e.out, QualType{t.type});
            e.out += ')';
            return;
        }
        if (auto p = level->as<PointerType>()) {
            put(e.out, "_FFIGEN_PTR(", expr, ") && ");
            t = p->pointee;
        } else if (auto a = level->as<ArrayType>()) {
            put(e.out, "_FFIGEN_ARRAY(", expr, ", ");
            if (a->length_kind == ArrayLength::Known) e.out += Number(static_cast<long long>(a->length));
            e.out += ") && ";
            t = a->element;
        } else {
            put(e.out, "_FFIGEN_IS(", expr, ", ");
            e.spellings.put(e.out, QualType{level});
            e.out += ')';
            return;
        }
        expr = "_FFIGEN_D(" + expr + ")";
    }
}

}  // namespace

void put_type_check(Emitter& e, const std::string& expr, QualType cdef_type) {
    put_cdef_type(e, expr, cdef_type);
    e.out += ", ";
    put_unqual_same(e, expr, cdef_type);
}

}  // namespace ffigen::codegen
