#include "cli/module_file.hpp"

#include <algorithm>
#include <vector>

#include "cli/output_file.hpp"

namespace ffigen::cli {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The suffixes under which the target Python imports the module, longest first.
// PyPy imports its EXT_SUFFIX alone (importlib.machinery.EXTENSION_SUFFIXES).
std::vector<std::string> import_suffixes(const PythonFacts& facts, bool limited_api) {
    if (facts.pypy) return {facts.ext_suffix};
    std::string limited = module_suffix(facts, true);
    std::string last = limited.substr(limited.rfind('.'));
    std::vector<std::string> all{facts.ext_suffix, last};
    if (limited_api && limited_api_possible(facts)) all.push_back(limited);
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
}

std::string or_list(const std::string& stem, const std::vector<std::string>& suffixes) {
    std::string r;
    for (std::size_t i = 0; i < suffixes.size(); ++i)
        r += (i == 0 ? "" : i + 1 == suffixes.size() ? " or " : ", ") + stem + suffixes[i];
    return r;
}

}  // namespace

std::optional<ModuleFile> module_file(const std::string& output, const std::string& module,
                                      const PythonFacts& facts, bool limited_api, std::string& error) {
    auto slash = output.rfind('/');
    std::string dir = slash == std::string::npos ? "" : output.substr(0, slash + 1);
    std::string base = output.substr(dir.size());
    if (is_special_file(output)) return ModuleFile{output, base, base + ".c"};
    std::vector<std::string> suffixes = import_suffixes(facts, limited_api);
    auto given = std::find_if(suffixes.begin(), suffixes.end(), [&](const auto& s) { return ends_with(base, s); });
    std::string stem = given == suffixes.end() ? base : base.substr(0, base.size() - given->size());
    std::string path = given == suffixes.end() ? output + module_suffix(facts, limited_api) : output;
    std::string name = module.substr(module.rfind('.') + 1);
    if (stem != name) {
        error = "-o '" + path + "' does not name module '" + module + "': Python looks for " +
                or_list(name, suffixes) + " (make -o and --module agree)";
        return std::nullopt;
    }
    return ModuleFile{path, path, dir + stem + ".c"};
}

}  // namespace ffigen::cli
