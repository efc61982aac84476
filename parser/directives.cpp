#include "parser/directives.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace ffigen::parser {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

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
    DirectiveReader(const SourceFile& file, DiagnosticEngine& diags, std::vector<ast::Item>& out)
        : file_(file), diags_(diags), out_(out) {}

    // `line` runs from the '#' to the end of its line.
    void read(TextSpan line) {
        std::size_t hash = line.begin, end = line.end;
        Cursor cur{blanked(line).substr(1), hash + 1};
        std::string_view name = cur.word();
        if (name == "define") return define(cur, hash, end);
        if (name == "pragma") return pragma(cur, hash, end);
        std::string what = name.empty() ? "'#'" : "'#" + std::string(name) + "'";
        error(static_cast<std::uint32_t>(hash),
              what +
                  " is not supported: cdef files are not preprocessed (only "
                  "'#define NAME value', '#pragma pack' and '#pragma ffigen' are accepted)",
              static_cast<std::uint32_t>(name.size() + 1));
    }

private:
    // The line as the former pre-pass gave it to the reader (and as the
    // values of defines keep it): continuations and comments made spaces.
    // Only a '\\' starts a continuation and only a '/' a comment: a line
    // with neither (most) is read in place; the others are copied into one
    // buffer for every line, so that it is allocated once.
    std::string_view blanked(TextSpan line) {
        std::string_view text = file_.text();
        std::string_view raw = text.substr(line.begin, line.end - line.begin);
        if (raw.find('/') == std::string_view::npos && raw.find('\\') == std::string_view::npos) return raw;
        line_.assign(raw);
        for (std::size_t i = line_.find('\\'); i != std::string::npos; i = line_.find('\\', i + 1))
            if (std::size_t n = continuation_length(text.data() + line.begin + i))
                line_.replace(i, n, n, ' ');
        // The '#' is outside strings and comments: a scan from there finds
        // the comments the whole file's scan found on the line. It stops
        // at the line's end, where a "/*" that goes on is cut.
        CommentScanner comments(text.substr(0, line.end), line.begin);
        for (TextSpan c = comments.next(); c.begin < c.end; c = comments.next())
            line_.replace(c.begin - line.begin, c.end - c.begin, c.end - c.begin, ' ');
        return line_;
    }

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
        out_.emplace_back(std::move(d));
    }

    void pragma(Cursor& cur, std::size_t hash, std::size_t end) {
        cur.skip_spaces();
        std::uint32_t word_at = cur.offset();
        std::string_view word = cur.word();
        if (word == "ffigen") return pragma_ffigen(cur, hash, end);
        if (word != "pack")
            return error(word_at, "only '#pragma pack' and '#pragma ffigen' are supported in cdef",
                         std::max<std::uint32_t>(1, static_cast<std::uint32_t>(word.size())));
        pragma_pack(cur, hash, end);
    }

    // #pragma ffigen gil(keep) / gil(release)
    void pragma_ffigen(Cursor& cur, std::size_t hash, std::size_t end) {
        cur.skip_spaces();
        std::uint32_t word_at = cur.offset();
        if (cur.word() != "gil")
            return error(word_at, "expected 'gil(keep)' or 'gil(release)' after '#pragma ffigen'");
        if (!cur.eat('(')) return error(cur.offset(), "expected '(' after '#pragma ffigen gil'");
        cur.skip_spaces();
        std::uint32_t value_at = cur.offset();
        std::string_view value = cur.word();
        if (value != "keep" && value != "release")
            return error(value_at, "'#pragma ffigen gil' takes 'keep' or 'release'",
                         std::max<std::uint32_t>(1, static_cast<std::uint32_t>(value.size())));
        if (!cur.eat(')')) return error(cur.offset(), "expected ')' in '#pragma ffigen gil'");
        if (!cur.at_end()) return error(cur.offset(), "unexpected text after '#pragma ffigen gil(...)'");
        out_.emplace_back(ast::PragmaGil{range(hash, end), value == "keep"});
    }

    // #pragma pack(), (N), (push), (push, N), (pop)
    void pragma_pack(Cursor& cur, std::size_t hash, std::size_t end) {
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
        out_.emplace_back(p);
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
    std::vector<ast::Item>& out_;
    std::string line_;
};

}  // namespace

std::vector<ast::Item> read_directives(const SourceFile& file, const std::vector<TextSpan>& lines,
                                       DiagnosticEngine& diags) {
    std::vector<ast::Item> items;
    items.reserve(lines.size());
    DirectiveReader reader(file, diags, items);
    for (TextSpan line : lines) reader.read(line);
    return items;
}

}  // namespace ffigen::parser
