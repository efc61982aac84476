// A flat hash map keyed by pointers (codegen-internal).
//
// Emission looks types up by address tens of thousands of times (their
// shapes, spellings, table entries). std::unordered_map allocates a node
// per entry and chases a pointer per lookup; this keeps the entries in one
// array with linear probing, so a lookup is a multiply and, mostly, one
// cache line. Entries are never erased.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ffigen::codegen {

template <class V>
class PointerMap {
public:
    // Keys are nonzero integers: a pointer, or a pointer with a few spare
    // low bits used (see Spellings).
    using Key = std::uintptr_t;

    const V* find(Key key) const {
        if (slots_.empty()) return nullptr;
        for (std::size_t i = home(key);; i = (i + 1) & mask()) {
            if (slots_[i].first == key) return &slots_[i].second;
            if (slots_[i].first == 0) return nullptr;
        }
    }
    V* find(Key key) { return const_cast<V*>(std::as_const(*this).find(key)); }

    // Like std::map::at: a missing key is a bug, reported loudly.
    const V& at(Key key) const {
        if (const V* value = find(key)) return *value;
        throw std::out_of_range("PointerMap::at");
    }

    // `key` must not be present yet.
    V& insert(Key key, V value) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        ++size_;
        return place(key, std::move(value));
    }

private:
    std::size_t mask() const { return slots_.size() - 1; }
    // Fibonacci hashing: addresses differ mostly in their middle bits.
    std::size_t home(Key key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
    }

    V& place(Key key, V value) {
        std::size_t i = home(key);
        while (slots_[i].first != 0) i = (i + 1) & mask();
        slots_[i] = {key, std::move(value)};
        return slots_[i].second;
    }

    void grow() {
        std::vector<std::pair<Key, V>> old = std::move(slots_);
        std::size_t capacity = old.empty() ? 1024 : old.size() * 2;  // a module has many types
        slots_.assign(capacity, {});
        shift_ = 64;
        for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
        for (auto& [key, value] : old)
            if (key != 0) place(key, std::move(value));
    }

    std::vector<std::pair<Key, V>> slots_;
    std::size_t size_ = 0;
    int shift_ = 64;
};

// The key of a pointer.
inline std::uintptr_t pointer_key(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

}  // namespace ffigen::codegen
