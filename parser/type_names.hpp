// Which identifiers are type names: the grammar asks this to settle C's
// typedef-name ambiguity (see grammar_def.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

namespace ffigen::parser {

class TypeNameSet {
public:
    virtual ~TypeNameSet() = default;
    virtual bool contains(std::string_view name) const = 0;
};

// The hash of an identifier, for sets and maps of names looked up by
// string_view (is_transparent). FNV-1a: identifiers are short, and a few
// multiplies inline beat a call to the library's byte hash. Deliberately
// not noexcept: libstdc++ then stores each node's hash, instead of hashing
// every key again as it walks a bucket and at every rehash.
struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
        std::uint64_t h = 0xcbf29ce484222325u;
        for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3u;
        return static_cast<std::size_t>(h);
    }
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
    BuiltinTypePredicate builtin_;
    std::unordered_set<std::string, NameHash, std::equal_to<>> names_;
};

}  // namespace ffigen::parser
