// The Python type a C type becomes at the boundary with Python, as both
// runtimes convert: what a call accepts for a parameter, what a store
// (ffi.new's initializer, a global's assignment) accepts, what a call or a
// read returns. Spelled as stub annotations; _CData is any cdata.
#pragma once

#include <string>

#include "model/types.hpp"

namespace ffigen::stubs {

enum class Use : std::uint8_t {
    Argument,  // a function's parameter: a pointer also takes bytes, str, lists...
    Value,     // stored into C memory: a pointer takes only a cdata
    Result,    // returned or read
};

std::string python_type(model::QualType type, Use use);

}  // namespace ffigen::stubs
