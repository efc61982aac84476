// C spellings of types for the emitters, each type's computed once.
//
// model::spell() walks the whole type on every call, and a module spells
// the same few parameter types thousands of times (declared locals, casts,
// prototypes). Most types ("int", "const char *", "struct s **") spell
// around a name as their abstract spelling followed by the name, so only
// that abstract spelling is kept, and function types are spelled from the
// spellings of their parts; the rest (pointers to arrays and functions,
// arrays) go to model::spell() each time.
#pragma once

#include <deque>
#include <string>
#include <string_view>

#include "codegen/pointer_map.hpp"
#include "codegen/text.hpp"
#include "model/types.hpp"

namespace ffigen::codegen {

class Spellings {
public:
    // Appends model::spell(t, declarator), byte for byte.
    void put(Text& out, model::QualType t, std::string_view declarator = {});
    // Appends what put(out, t, D) writes before D when D starts with a
    // name ("int ", "char *"), so the caller writes D itself; false, with
    // nothing appended, when D would be wrapped (t has arrays or functions).
    bool put_before_name(Text& out, model::QualType t);

private:
    std::string_view abstract(model::QualType t);
    void put_function(Text& out, const model::FunctionType* f);

    // The spellings in a deque, which never moves them, and the map holds
    // pointers: growing the map then moves 16-byte entries, not strings.
    std::deque<std::string> spelled_;
    PointerMap<const std::string*> abstract_;  // by key(QualType)
};

}  // namespace ffigen::codegen
