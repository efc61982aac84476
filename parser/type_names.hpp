// Which identifiers are type names: the grammar asks this to settle C's
// typedef-name ambiguity (see grammar_def.hpp).
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace ffigen::parser {

class TypeNameSet {
public:
    virtual ~TypeNameSet() = default;
    virtual bool contains(std::string_view name) const = 0;
};

// The names that are types before any typedef of the file: the built-in
// ones (stdint names, FILE, bool, Windows names). Supplied by model/, which
// owns that table; null means none.
using BuiltinTypePredicate = bool (*)(std::string_view name);

// A set of type names: a hash set plus the built-in predicate.
class NameSet final : public TypeNameSet {
public:
    explicit NameSet(BuiltinTypePredicate builtin = nullptr) : builtin_(builtin) {}
    void add(std::string name) { names_.insert(std::move(name)); }
    bool contains(std::string_view name) const override {
        return names_.find(name) != names_.end() || (builtin_ && builtin_(name));
    }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    BuiltinTypePredicate builtin_;
    std::unordered_set<std::string, Hash, std::equal_to<>> names_;
};

}  // namespace ffigen::parser
