// A source file held in memory, and positions in it.
//
// Every position in ffigen is a byte offset into one SourceFile; line and
// column are computed only when a diagnostic is printed. Offsets never
// shift: the lexer reads the file's own text, taking comments and
// directives as blanks, so an offset in the AST is an offset in the user's
// text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ffigen {

class SourceFile {
public:
    SourceFile(std::string name, std::string text);

    const std::string& name() const { return name_; }
    std::string_view text() const { return text_; }

    struct LineCol {
        std::uint32_t line;  // 1-based
        std::uint32_t col;   // 1-based, in bytes
    };
    LineCol line_col(std::size_t offset) const;
    // The text of the 1-based line, without its newline.
    std::string_view line_text(std::uint32_t line) const;

private:
    // The offset of each line's first byte, indexed when first asked for:
    // a file without diagnostics or #line markers never pays for it.
    const std::vector<std::size_t>& line_starts() const;

    std::string name_;
    std::string text_;
    mutable std::vector<std::size_t> line_starts_;
};

// A position: which file, which byte. A null file means "no position"
// (errors about the command line, for example).
struct SourceLoc {
    const SourceFile* file = nullptr;
    std::uint32_t offset = 0;

    explicit operator bool() const { return file != nullptr; }
};

// The largest input read_source_file() takes: far beyond any real cdef or
// preamble, yet it refuses an endless one (/dev/zero, a runaway pipe) before
// memory runs out, and keeps byte offsets within ast::Range's 32 bits.
inline constexpr std::size_t kMaxSourceBytes = std::size_t{256} << 20;

// Reads a whole file (or standard input for "-"); throws std::runtime_error
// with the system's reason when it cannot, or when the input is longer than
// kMaxSourceBytes.
std::unique_ptr<SourceFile> read_source_file(const std::string& path);

}  // namespace ffigen
