#include "model/decls.hpp"

namespace ffigen::model {

std::string IntValue::to_string() const {
    std::string digits = std::to_string(magnitude);
    return negative && magnitude != 0 ? "-" + digits : digits;
}

}  // namespace ffigen::model
