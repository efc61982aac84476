// Sorting declarations by name (codegen-internal): the runtime binary-
// searches the tables by name, and functions are emitted in name order.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace ffigen::codegen {

// Bytes [from, from + 8) of a name as a big-endian number (zeros past its
// end): comparing prefixes orders names as comparing them does, unless equal.
inline std::uint64_t name_prefix(std::string_view name, std::size_t from) {
    std::uint64_t bytes = 0;  // the missing bytes stay zero
    if (name.size() >= from + 8) std::memcpy(&bytes, name.data() + from, 8);  // one load, not eight
    else if (name.size() > from) std::memcpy(&bytes, name.data() + from, name.size() - from);
    return std::endian::native == std::endian::big ? bytes : __builtin_bswap64(bytes);
}

// Sorts `items` by name_of(item), equal names kept in their order (as
// std::stable_sort would). Sorted through integer prefixes of the names
// first: most comparisons then skip the strings.
template <class T, class NameOf>
void sort_by_name(std::vector<T>& items, NameOf name_of) {
    struct Key {
        std::uint64_t first, second;  // the name's first 16 bytes
        std::size_t at;
    };
    std::vector<Key> keys(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::string_view name = name_of(items[i]);
        keys[i] = {name_prefix(name, 0), name_prefix(name, 8), i};
    }
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
        if (a.first != b.first) return a.first < b.first;
        if (a.second != b.second) return a.second < b.second;
        int order = std::string_view(name_of(items[a.at])).compare(name_of(items[b.at]));
        return order != 0 ? order < 0 : a.at < b.at;
    });
    std::vector<T> sorted;
    sorted.reserve(items.size());
    for (const Key& k : keys) sorted.push_back(items[k.at]);
    items = std::move(sorted);
}

}  // namespace ffigen::codegen
