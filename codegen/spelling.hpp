// C spellings of types for the emitters, each type's computed once.
// Typedefs are looked through, as in CFFI's generated C: a cdef's typedef
// need not exist in C (see model::spell).
//
// model::spell() walks the whole type on every call, and a module spells
// the same few parameter types thousands of times (declared locals, casts,
// prototypes). Most types ("int", "const char *", "struct s **") spell
// around a name as their abstract spelling followed by the name, so only
// that abstract spelling is kept, and function types are spelled from the
// spellings of their parts; the rest (pointers to arrays and functions,
// arrays) go to model::spell() each time.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "codegen/pointer_map.hpp"
#include "codegen/text.hpp"
#include "model/types.hpp"

namespace ffigen::codegen {

class Spellings {
public:
    // Appends model::spell(t, declarator), byte for byte. Inline for the
    // common case, a type spelled before: one lookup, one append.
    void put(Text& out, model::QualType t, std::string_view declarator = {}) {
        if (const Plain* known = plain_.find(key(t))) return put_plain(out, *known, t.quals, declarator);
        put_first(out, t, declarator);
    }
    // Appends what put(out, t, D) writes before D when D starts with a
    // name ("int ", "char *"), so the caller writes D itself; false, with
    // nothing appended, when D would be wrapped (t has arrays or functions).
    bool put_before_name(Text& out, model::QualType t);

private:
    // A type whose declarator goes last: its abstract spelling.
    struct Plain {
        std::string_view text;  // into spelled_
        bool pointer;           // a pointer type (typedefs looked through)
    };
    // A type and its qualifiers as one map key: the qualifier bits go
    // where a Type's address is always zero (spelling.cpp checks).
    static std::uintptr_t key(model::QualType t) { return pointer_key(t.type) | t.quals; }
    static void put_plain(Text& out, const Plain& plain, model::Quals quals, std::string_view declarator) {
        if (declarator.empty()) {
            out += plain.text;
            return;
        }
        // As spell() joins them: "int x" but "int[3]" and "int(*p)"; "char *x"
        // but "char *const x" and "char *const (*p)".
        bool wraps = declarator.front() == '[' || declarator.front() == '(';
        if (plain.pointer ? quals != model::NoQuals : !wraps) out.put(plain.text, ' ', declarator);
        else out.put(plain.text, declarator);
    }
    // A type its declarator goes inside (`int (*D)(int)`): the text before
    // and after D, for one kind of declarator (see around()).
    struct Around {
        std::string_view before, after;  // into spelled_
    };
    void put_first(Text& out, model::QualType t, std::string_view declarator);
    const Plain& plain(model::QualType t);  // t's declarator must go last
    const Around& around(model::QualType t, std::string_view declarator);
    void put_function(Text& out, const model::FunctionType* f);

    // The spellings in a deque, which never moves them, and the map holds
    // views: growing the map then moves small entries, not strings.
    std::deque<std::string> spelled_;
    PointerMap<Plain> plain_;  // by key(QualType)
    PointerMap<Around> around_[3];  // by key(QualType), for declarators: [0] names, [1] '(' or '[', [2] none
};

}  // namespace ffigen::codegen
