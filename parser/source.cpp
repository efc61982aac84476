#include "parser/source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace ffigen {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {}

const std::vector<std::size_t>& SourceFile::line_starts() const {
    if (line_starts_.empty()) {
        line_starts_.reserve(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1);
        line_starts_.push_back(0);
        for (std::size_t i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1))
            line_starts_.push_back(i + 1);
    }
    return line_starts_;
}

SourceFile::LineCol SourceFile::line_col(std::size_t offset) const {
    const std::vector<std::size_t>& starts = line_starts();
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(starts.begin(), starts.end(), offset);
    auto line = static_cast<std::size_t>(it - starts.begin());  // >= 1
    return {static_cast<std::uint32_t>(line),
            static_cast<std::uint32_t>(offset - starts[line - 1] + 1)};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
    const std::vector<std::size_t>& starts = line_starts();
    if (line == 0 || line > starts.size()) return {};
    std::size_t begin = starts[line - 1];
    std::size_t end = line < starts.size() ? starts[line] : text_.size();
    std::string_view s(text_.data() + begin, end - begin);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

namespace {

// The whole of an open file, read straight into the string's own buffer,
// grown by doubling only if the file is longer than its size said (a pipe,
// or a file that grows while being read), up to kMaxSourceBytes.
std::string read_all(int fd, const std::string& path) {
    std::string text;
    struct stat st {};
    std::size_t room = 65536;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        room = std::min(static_cast<std::size_t>(st.st_size), kMaxSourceBytes) + 1;
    std::size_t size = 0;
    for (;;) {
        if (size > kMaxSourceBytes)
            throw std::runtime_error("cannot read '" + path + "': longer than " +
                                     std::to_string(kMaxSourceBytes >> 20) + " MiB, the limit for an input");
        if (text.size() - size < 1) text.resize(std::min(std::max(room, 2 * text.size()), kMaxSourceBytes + 1));
        ssize_t n = read(fd, text.data() + size, text.size() - size);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
        }
        size += static_cast<std::size_t>(n);
    }
    text.resize(size);
    return text;
}

}  // namespace

std::unique_ptr<SourceFile> read_source_file(const std::string& path) {
    if (path == "-") return std::make_unique<SourceFile>("<stdin>", read_all(STDIN_FILENO, "<stdin>"));
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open '" + path + "': " + std::strerror(errno));
    try {
        std::string text = read_all(fd, path);
        close(fd);
        return std::make_unique<SourceFile>(path, std::move(text));
    } catch (...) {
        close(fd);
        throw;
    }
}

}  // namespace ffigen
