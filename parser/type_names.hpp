// Which identifiers are type names: the grammar asks this to settle C's
// typedef-name ambiguity (see grammar_def.hpp).
#pragma once

#include <cstdint>
#include <cstring>
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
// string_view (is_transparent). Eight bytes at a time: the parser and sema
// hash every name they look up, and a byte-at-a-time hash (FNV-1a) was
// nearly a tenth of `ffigen check`. Inline, because the unordered
// containers also run it again at every rehash. (Order of iteration over
// the containers depends on it: nothing in ffigen's output may.)
struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15u;
        std::uint64_t h = s.size() * kMul;
        const char* p = s.data();
        std::size_t n = s.size();
        for (; n >= 8; p += 8, n -= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            h = (h ^ w) * kMul;
            h ^= h >> 29;
        }
        if (n != 0) {
            std::uint64_t w = 0;
            for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
            h = (h ^ w) * kMul;
            h ^= h >> 29;
        }
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
