#include "parser/prepass.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace ffigen::parser {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

void blank(std::string& text, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
        if (text[i] != '\n') text[i] = ' ';
}

// Backslash-newline joins lines: both characters become spaces.
void join_continued_lines(std::string& text) {
    for (std::size_t i = text.find('\\'); i != std::string::npos && i + 1 < text.size();
         i = text.find('\\', i + 1)) {
        std::size_t j = i + 1;
        if (text[j] == '\r' && j + 1 < text.size()) ++j;
        if (text[j] == '\n') {
            for (std::size_t k = i; k <= j; ++k) text[k] = ' ';
            i = j;
        }
    }
}

// Comments become spaces (newlines inside block comments stay, so that
// directive lines are still found at line starts). String literals are
// skipped so that "//" inside one is not a comment.
void blank_comments(const SourceFile& file, std::string& text, DiagnosticEngine& diags) {
    // Jumps from one '"' or '/' to the next: each is searched for (memchr)
    // again only once the scan has passed the one found before.
    auto next = [&](char c, std::size_t from) { return std::min(text.find(c, from), text.size()); };
    std::size_t quote = next('"', 0), slash = next('/', 0);
    std::size_t i = 0;
    while (i < text.size()) {
        if (quote < i) quote = next('"', i);
        if (slash < i) slash = next('/', i);
        i = std::min(quote, slash);
        if (i >= text.size()) break;
        char c = text[i];
        if (c == '"') {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != '"' && text[j] != '\n')
                j += text[j] == '\\' ? 2 : 1;
            i = j + 1;
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
            std::size_t end = text.find('\n', i);
            if (end == std::string::npos) end = text.size();
            blank(text, i, end);
            i = end;
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            std::size_t end = text.find("*/", i + 2);
            if (end == std::string::npos) {
                diags.error({&file, static_cast<std::uint32_t>(i)}, "unterminated comment", 2);
                end = text.size();
            } else {
                end += 2;
            }
            blank(text, i, end);
            i = end;
        } else {
            ++i;
        }
    }
}

struct Cursor {
    std::string_view line;  // the directive line, after '#'
    std::size_t base;       // offset of line[0] in the file
    std::size_t pos = 0;

    void skip_spaces() {
        while (pos < line.size() && is_space(line[pos])) ++pos;
    }
    std::string_view word() {
        skip_spaces();
        std::size_t start = pos;
        while (pos < line.size() && is_ident(line[pos])) ++pos;
        return line.substr(start, pos - start);
    }
    bool eat(char c) {
        skip_spaces();
        if (pos < line.size() && line[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    }
    std::uint32_t offset() const { return static_cast<std::uint32_t>(base + pos); }
    bool at_end() {
        skip_spaces();
        return pos == line.size();
    }
};

class DirectiveReader {
public:
    DirectiveReader(const SourceFile& file, DiagnosticEngine& diags, Prepassed& out)
        : file_(file), diags_(diags), out_(out) {}

    // `hash` is the offset of '#', `end` the end of the line.
    void read(std::size_t hash, std::size_t end) {
        Cursor cur{std::string_view(out_.text).substr(hash + 1, end - hash - 1), hash + 1};
        std::string_view name = cur.word();
        if (name == "define") return define(cur, hash, end);
        if (name == "pragma") return pragma(cur, hash, end);
        std::string what = name.empty() ? "'#'" : "'#" + std::string(name) + "'";
        error(static_cast<std::uint32_t>(hash),
              what +
                  " is not supported: cdef files are not preprocessed (only "
                  "'#define NAME value' and '#pragma pack' are accepted)",
              static_cast<std::uint32_t>(name.size() + 1));
    }

private:
    void error(std::uint32_t offset, std::string message, std::uint32_t length = 1) {
        diags_.error({&file_, offset}, std::move(message), length);
    }

    ast::Range range(std::size_t begin, std::size_t end) const {
        return {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
    }

    void define(Cursor& cur, std::size_t hash, std::size_t end) {
        cur.skip_spaces();
        std::uint32_t name_at = cur.offset();
        std::string_view name = cur.word();
        if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
            return error(name_at, "expected a macro name after '#define'");
        if (cur.pos < cur.line.size() && cur.line[cur.pos] == '(')
            return error(cur.offset(), "function-like macros are not supported in cdef");
        cur.skip_spaces();
        std::string_view value = cur.line.substr(cur.pos);
        while (!value.empty() && (is_space(value.back()) || value.back() == '\n'))
            value.remove_suffix(1);
        ast::Define d;
        d.range = range(hash, end);
        d.name.assign(name);
        d.name_range = range(name_at, name_at + name.size());
        d.value_text.assign(value);
        d.value_range = range(cur.offset(), cur.offset() + value.size());
        out_.directives.emplace_back(std::move(d));
    }

    // #pragma pack(), (N), (push), (push, N), (pop)
    void pragma(Cursor& cur, std::size_t hash, std::size_t end) {
        cur.skip_spaces();
        std::uint32_t word_at = cur.offset();
        if (cur.word() != "pack")
            return error(word_at, "only '#pragma pack' is supported in cdef", 6);
        ast::PragmaPack p;
        p.range = range(hash, end);
        if (!cur.eat('(')) return error(cur.offset(), "expected '(' after '#pragma pack'");
        std::string_view w = cur.word();
        if (w == "push" || w == "pop") {
            p.op = w == "push" ? ast::PragmaPack::Push : ast::PragmaPack::Pop;
            if (p.op == ast::PragmaPack::Push && cur.eat(',') && !number(cur, p.value)) return;
        } else if (!w.empty()) {
            cur.pos -= w.size();
            p.op = ast::PragmaPack::Set;
            if (!number(cur, p.value)) return;
        } else {
            p.op = ast::PragmaPack::Reset;
        }
        if (!cur.eat(')')) return error(cur.offset(), "expected ')' in '#pragma pack'");
        if (!cur.at_end()) return error(cur.offset(), "unexpected text after '#pragma pack(...)'");
        out_.directives.emplace_back(p);
    }

    bool number(Cursor& cur, unsigned& value) {
        cur.skip_spaces();
        std::uint32_t at = cur.offset();
        std::string_view digits = cur.word();
        unsigned v = 0;
        bool ok = !digits.empty() && digits.size() < 4;
        for (char c : digits) {
            if (!std::isdigit(static_cast<unsigned char>(c))) ok = false;
            v = v * 10 + unsigned(c - '0');
        }
        if (!ok || (v & (v - 1)) != 0 || v == 0 || v > 16) {
            error(at, "'#pragma pack' takes 1, 2, 4, 8 or 16",
                  std::max<std::uint32_t>(1, static_cast<std::uint32_t>(digits.size())));
            return false;
        }
        value = v;
        return true;
    }

    const SourceFile& file_;
    DiagnosticEngine& diags_;
    Prepassed& out_;
};

}  // namespace

Prepassed prepass(const SourceFile& file, DiagnosticEngine& diags) {
    Prepassed out;
    out.text.assign(file.text());
    join_continued_lines(out.text);
    blank_comments(file, out.text, diags);
    DirectiveReader reader(file, diags, out);
    // A directive is a line whose first non-blank character is '#': jump
    // from one '#' to the next rather than walk every line.
    std::string& text = out.text;
    for (std::size_t hash = text.find('#'); hash != std::string::npos; hash = text.find('#', hash + 1)) {
        std::size_t first = hash;
        while (first > 0 && is_space(text[first - 1])) --first;
        if (first > 0 && text[first - 1] != '\n') continue;
        std::size_t end = text.find('\n', hash);
        if (end == std::string::npos) end = text.size();
        reader.read(hash, end);
        blank(text, hash, end);
        hash = end;
    }
    return out;
}

}  // namespace ffigen::parser
