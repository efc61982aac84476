// The type table of a generated module: one pointer-sized word per entry,
// an opcode and an argument (see runtime/ffigen_abi.h).
//
// Ordering rules, stated once here:
// - Entries are appended in the order types are first asked for; callers ask
//   in a fixed order (functions by name, then globals, fields, typedefs), so
//   the table is deterministic.
// - A type is interned by its structure with typedefs looked through and
//   qualifiers dropped (the runtime's ctypes carry neither), so `int *` and
//   `const myint *` share one entry.
// - A function type is a block: FUNCTION(result), one word per parameter,
//   FUNCTION_END(flags). A primitive parameter is written inline; any other
//   parameter is a NOOP pointing at the type's own entry.
// - An array is two words: ARRAY(item) and its length. A `[...]` length is
//   a C expression the compiler evaluates, so such arrays are keyed by it.
// - Structs, unions and enums point into their own tables, whose indices
//   are fixed before any type is added (the tables are sorted by name).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/key_ids.hpp"
#include "codegen/spelling.hpp"
#include "codegen/text.hpp"
#include "model/decls.hpp"

namespace ffigen::codegen {

// One word of the table. Plain data: its rare texts live in TypeTable's
// text buffer, and its comment is spelled only when the table is printed,
// straight into the output (kept aside, comments were a second copy of a
// quarter of the table's text).
struct TypeSlot {
    // The word is _FFIGEN_OP(_FFIGEN_OP_<opcode>, arg), or the text when
    // opcode is empty (an array length, a primitive the C compiler picks).
    std::string_view opcode;
    // The opcode's argument; in an array's length word (no opcode), the
    // length when it is a known one below 2^31, else -1.
    int arg = 0;
    std::uint32_t text_at = 0, text_size = 0;
    // The comment, the C type for readers: spell(commented), or
    // spell(commented, "*") when pointer_to is set; none when no type or
    // a type too deep to spell in every entry.
    bool pointer_to = false;
    model::QualType commented;
};

class TypeTable {
public:
    // record_index / enum_index: position of each record / enum in its sorted table.
    // Comments are spelled through `spellings`, shared with the emitters.
    TypeTable(Spellings& spellings, PointerMap<int> record_index, PointerMap<int> enum_index)
        : spellings_(spellings), record_index_(std::move(record_index)), enum_index_(std::move(enum_index)) {}

    // The entry of a type (a function type gives its FUNCTION block).
    // Asked for tens of thousands of times, mostly for a type seen
    // before: then one lookup by the type's address.
    int index_of(model::QualType t) {
        if (const int* known = slot_by_type_.find(pointer_key(t.type))) return *known;
        return first_index_of(t);
    }
    // The entry of an array whose `[...]` lengths are given by the C
    // expression `length_of` names (e.g. "arr" or "((struct s *)0)->f");
    // without one, a typedef's are measured in `(*(NAME *)0)`.
    int index_of_sized(model::QualType t, const std::string& length_of);

    // The entry of `pointee *` (for parameters that decay, function pointers);
    // `length_of` as for index_of_sized().
    int pointer_to(model::QualType pointee, const std::string& length_of = {});
    // The entry of a parameter's type as C passes it: arrays and functions decay.
    int param_entry(model::QualType param);

    const std::vector<TypeSlot>& slots() const { return slots_; }
    // Room for about this many entries: the table then never moves (a
    // reserve larger than needed costs no page until it is written).
    void reserve(std::size_t entries) { slots_.reserve(entries); }
    // Appends the slot's initializer.
    void append_word(Text& out, const TypeSlot& slot) const {
        if (!slot.opcode.empty()) append_op(out, slot.opcode, slot.arg);
        else out += texts_.view().substr(slot.text_at, slot.text_size);
    }
    // Appends the C type, for readers, of a slot that has one (not a continuation word).
    void append_comment(Text& out, const TypeSlot& slot) const {
        spellings_.put(out, slot.commented, slot.pointer_to ? "*" : "");
    }
    // char16_t / char32_t appear: the module needs ABI version 0x2801.
    bool uses_char16_32() const { return uses_char16_32_; }

private:
    int add_function(const model::FunctionType* f, int shape);
    int add_array(const model::ArrayType* a, const std::string& length_expr,
                  const std::string& length_of);
    int first_index_of(model::QualType t);
    int add_slot();  // a continuation word, no comment
    int add_slot(model::QualType commented, bool pointer_to = false);
    void set_primitive(TypeSlot& slot, const model::Type* t);
    template <class... Parts>
    void set_text(TypeSlot& slot, const Parts&... parts);

    // Shapes: small ids, equal for two types exactly when the runtime must
    // see the same ctype. Each type object is keyed once (shape_by_type_);
    // only types holding a `[...]` array are keyed again per length_of.
    int shape_of(const model::Type* t, const std::string& length_of);
    int shape_of(const model::Type* t) {  // mostly known: no call, no empty string made
        if (const int* known = shape_by_type_.find(pointer_key(t))) return *known;
        return shape_of(t, std::string());
    }
    int pointer_shape(int pointee_shape);
    std::string shape_key(const model::Type* t, const std::string& length_of);
    int intern(std::string_view key);
    int new_shape();
    int& slot_of(int shape) { return slot_by_shape_[shape]; }

    Spellings& spellings_;
    PointerMap<int> record_index_;  // by pointer_key()
    PointerMap<int> enum_index_;
    KeyIds shape_ids_;
    PointerMap<int> shape_by_type_;
    PointerMap<int> slot_by_type_;  // index_of()'s answers; an entry never moves once made
    std::vector<int> slot_by_shape_;  // -1: no entry yet
    std::vector<TypeSlot> slots_;
    Text texts_;  // the slots' texts
    bool uses_char16_32_ = false;
};

// The type as the runtime sees it: typedefs looked through.
inline const model::Type* strip(const model::Type* t) { return t->canonical(); }

// Whether index_of_sized() needs the C expression of the storage: a `[...]`
// array reached through pointers and arrays (not through a function type,
// whose parameters have no storage to measure).
bool needs_length_of(const model::Type* t);

// `t`'s outer array levels that are `[]` or `[...]` match any length: type
// checks compare the items below them. Returns those items' type and appends
// "[0]" to expr per level (an inner `[...]` is spelled with its measured
// length).
model::QualType unsized_items(model::QualType t, std::string& expr);

// The anonymous struct, union or enum inside `t` that C has no name for
// (through pointers, arrays, function types and typedefs, except a typedef
// of a pointer to it, which names it), or null.
const model::Type* unnamed_part(const model::Type* t);



}  // namespace ffigen::codegen
