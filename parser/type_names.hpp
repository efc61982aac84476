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
// containers also run it again at every rehash. Deliberately not noexcept:
// libstdc++ then stores each node's hash, instead of hashing every key
// again as it walks a bucket. (Order of iteration over the containers
// depends on it: nothing in ffigen's output may.)
struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
        constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15u;
        const char* p = s.data();
        const std::size_t n = s.size();
        std::uint64_t h = n * kMul;
        auto mix = [&](std::uint64_t w) {
            h = (h ^ w) * kMul;
            h ^= h >> 29;
        };
        // Whole words, then the last eight bytes (overlapping the words
        // before); shorter names as two overlapping halves or three bytes.
        if (n >= 8) {
            std::size_t i = 0;
            for (; i + 8 <= n; i += 8) mix(load<std::uint64_t>(p + i));
            if (i != n) mix(load<std::uint64_t>(p + n - 8));
        } else if (n >= 4) {
            mix(load<std::uint32_t>(p) | std::uint64_t{load<std::uint32_t>(p + n - 4)} << 32);
        } else if (n != 0) {
            auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
            mix(byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16);
        }
        return static_cast<std::size_t>(h);
    }

    template <class Word>
    static Word load(const char* p) {
        Word w;
        std::memcpy(&w, p, sizeof w);
        return w;
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
