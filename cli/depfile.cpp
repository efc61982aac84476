#include "cli/depfile.hpp"

#include <algorithm>

namespace ffigen::cli {

namespace {

// As gcc escapes a path in a depfile: make reads `\ ` and `\#` as the
// characters, and `$$` as `$`.
std::string make_escape(const std::string& path) {
    std::string r;
    for (char c : path) {
        if (c == ' ' || c == '#') r += '\\';
        if (c == '$') r += '$';
        r += c;
    }
    return r;
}

// The prerequisites of the compiler's `target: a b \<newline> c` rule, as
// the compiler escaped them (a backslash keeps the next character in the
// word; backslash-newline separates).
std::vector<std::string> compiler_prerequisites(const std::string& deps) {
    std::vector<std::string> words;
    auto colon = deps.find(": ");
    if (colon == std::string::npos) return words;
    std::string word;
    for (std::size_t i = colon + 2; i <= deps.size(); ++i) {
        char c = i < deps.size() ? deps[i] : '\n';
        bool escaped = c == '\\' && i + 1 < deps.size() && deps[i + 1] != '\n';
        if (escaped) {
            word += c;
            word += deps[++i];
        } else if (c == ' ' || c == '\n' || c == '\\' || c == '\t') {
            if (!word.empty()) words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    return words;
}

}  // namespace

std::string make_depfile(const std::string& target, const std::vector<std::string>& inputs,
                         const std::string& compiler_deps, const std::string& skip) {
    std::vector<std::string> prerequisites;
    auto add = [&](const std::string& escaped) {
        if (escaped != make_escape(skip) &&
            std::find(prerequisites.begin(), prerequisites.end(), escaped) == prerequisites.end())
            prerequisites.push_back(escaped);
    };
    for (const std::string& input : inputs) add(make_escape(input));
    for (const std::string& dep : compiler_prerequisites(compiler_deps)) add(dep);
    std::string out = make_escape(target) + ":";
    for (const std::string& p : prerequisites) out += " \\\n  " + p;
    out += "\n";
    for (const std::string& p : prerequisites) out += "\n" + p + ":\n";
    return out;
}

}  // namespace ffigen::cli
