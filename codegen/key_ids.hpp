// Small ids for byte-string keys (codegen-internal): the type table's
// shape keys, one per pointer, array and function type of a module.
//
// std::unordered_map<std::string, int> allocated a node and a string per
// key and hashed byte by byte; here the keys' bytes sit end to end in one
// buffer, the slots are one array probed linearly, and the hash takes
// eight bytes at a time. Keys are never erased.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ffigen::codegen {

class KeyIds {
public:
    // The id of `key`: the one it was given, or else `next`, now its id.
    int intern(std::string_view key, int next) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        std::uint64_t h = hash(key);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            Slot& s = slots_[i];
            if (s.id < 0) {
                s = {h, static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(key.size()), next};
                keys_ += key;
                ++count_;
                return next;
            }
            if (s.hash == h && std::string_view(keys_).substr(s.at, s.size) == key) return s.id;
        }
    }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t at = 0, size = 0;  // the key's bytes in keys_
        int id = -1;                     // -1: a free slot
    };

    static std::uint64_t hash(std::string_view key) {
        std::uint64_t h = key.size();
        std::size_t i = 0;
        for (; i + 8 <= key.size(); i += 8) {
            std::uint64_t word;
            std::memcpy(&word, key.data() + i, 8);
            h = (h ^ word) * 0x9E3779B97F4A7C15ull;
            h ^= h >> 29;
        }
        for (; i < key.size(); ++i) h = (h ^ static_cast<unsigned char>(key[i])) * 0x100000001B3ull;
        return h ^ (h >> 32);
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        for (const Slot& s : old) {
            if (s.id < 0) continue;
            std::size_t i = s.hash & (slots_.size() - 1);
            while (slots_[i].id >= 0) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = s;
        }
    }

    std::vector<Slot> slots_;
    std::string keys_;
    std::size_t count_ = 0;
};

}  // namespace ffigen::codegen
