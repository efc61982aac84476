// The type names a cdef may use without declaring them, as CFFI does: the
// <stdint.h>/<stddef.h> names of the primitive table, `bool`, `FILE`, and
// the Windows names. A cdef's own typedef of the same name wins.
#pragma once

#include <optional>
#include <string_view>

namespace ffigen::model {

struct BuiltinType {
    std::string_view name;
    // C type name it stands for, in primitives only ("unsigned long *"), or
    // "..." for an opaque struct known only by this name (FILE).
    std::string_view spelling;
};

// The built-in type called `name`, if any. Primitive names ending in _t
// ("uint32_t", "size_t") spell as themselves.
std::optional<BuiltinType> builtin_type(std::string_view name);
bool is_builtin_type_name(std::string_view name);

}  // namespace ffigen::model
