// The -verify runner for tests/parse/*.cdef, in the manner of clang:
//
//   int f(uint32 x);  // expected-error {{unknown type name 'uint32'}}
//   // expected-error@+1 {{expected ';'}}
//   int a
//   // expected-note@-3 {{previous definition is here}}
//
// Every diagnostic the front end reports must be expected (same line, the
// expected text a substring of the message) and every expectation met.
// Usage: parse_verify FILE.cdef...   Exit status 0 when all files verify.
#include <algorithm>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "model/sema.hpp"

using namespace ffigen;

namespace {

struct Expected {
    Severity severity;
    std::uint32_t line;
    std::string text;
    bool met = false;
};

std::vector<Expected> expectations(const SourceFile& file) {
    static const std::regex re(R"(expected-(error|note|warning)(@([+-]?)(\d+))?\s*\{\{(.*?)\}\})");
    std::vector<Expected> out;
    std::string_view text = file.text();
    std::uint32_t line = 1;
    for (std::size_t pos = 0; pos < text.size(); ++line) {
        std::size_t nl = std::min(text.find('\n', pos), text.size());
        std::string s(text.substr(pos, nl - pos));
        pos = nl + 1;
        for (std::sregex_iterator it(s.begin(), s.end(), re), end; it != end; ++it) {
            const std::smatch& m = *it;
            Severity sev = m[1] == "error"  ? Severity::Error
                           : m[1] == "note" ? Severity::Note
                                            : Severity::Warning;
            std::uint32_t target = line;
            if (m[2].matched) {
                auto n = static_cast<std::uint32_t>(std::stoul(m[4]));
                target = m[3] == "+" ? line + n : m[3] == "-" ? line - n : n;
            }
            out.push_back({sev, target, m[5], false});
        }
    }
    return out;
}

const char* name(Severity s) {
    return s == Severity::Error ? "error" : s == Severity::Note ? "note" : "warning";
}

bool verify(const std::string& path) {
    auto file = read_source_file(path);
    std::vector<Expected> wanted = expectations(*file);
    DiagnosticEngine diags;
    model::analyze_cdef(*file, diags);
    std::vector<const Diagnostic*> got;
    for (const Diagnostic& d : diags.diagnostics()) {
        got.push_back(&d);
        for (const Diagnostic& n : d.notes) got.push_back(&n);
    }
    bool ok = true;
    for (const Diagnostic* d : got) {
        std::uint32_t line = d->loc ? d->loc.file->line_col(d->loc.offset).line : 0;
        bool matched = false;
        for (Expected& e : wanted) {
            if (!e.met && e.severity == d->severity && e.line == line &&
                d->message.find(e.text) != std::string::npos) {
                e.met = matched = true;
                break;
            }
        }
        if (!matched) {
            std::fprintf(stderr, "%s:%u: unexpected %s: %s\n", path.c_str(), line,
                         name(d->severity), d->message.c_str());
            ok = false;
        }
    }
    for (const Expected& e : wanted) {
        if (e.met) continue;
        std::fprintf(stderr, "%s:%u: expected %s not seen: %s\n", path.c_str(), e.line,
                     name(e.severity), e.text.c_str());
        ok = false;
    }
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: parse_verify FILE.cdef...\n");
        return 2;
    }
    int failed = 0;
    for (int i = 1; i < argc; ++i) {
        try {
            if (!verify(argv[i])) ++failed;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s: %s\n", argv[i], e.what());
            ++failed;
        }
    }
    std::printf("%d of %d files verified\n", argc - 1 - failed, argc - 1);
    return failed == 0 ? 0 : 1;
}
