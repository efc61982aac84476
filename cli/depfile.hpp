// The Make/Ninja dependency file of `ffigen build -MD / --depfile`.
#pragma once

#include <string>
#include <vector>

namespace ffigen::cli {

// `target: prerequisites`, then one `prerequisite:` rule per prerequisite
// (gcc's -MP: a deleted or renamed header must not stop make with "No rule
// to make target"). The prerequisites are `inputs` (paths, escaped here)
// followed by those of the compiler's own -MD output `compiler_deps`
// (escaped by the compiler), less `skip` (the generated C file), each listed
// once.
std::string make_depfile(const std::string& target, const std::vector<std::string>& inputs,
                         const std::string& compiler_deps, const std::string& skip);

}  // namespace ffigen::cli
