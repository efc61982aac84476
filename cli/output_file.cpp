#include "cli/output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace ffigen::cli {

namespace {

bool same_contents(const std::string& path, std::string_view bytes) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || static_cast<std::size_t>(st.st_size) != bytes.size()) return false;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    std::string old(bytes.size(), '\0');
    bool same = std::fread(old.data(), 1, old.size(), f) == old.size() && old == bytes;
    std::fclose(f);
    return same;
}

std::string reason(const char* what, const std::string& path) {
    return std::string("cannot ") + what + " '" + path + "': " + std::strerror(errno);
}

}  // namespace

std::string temp_path_beside(const std::string& path) {
    auto slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return dir + "." + name + "." + std::to_string(::getpid()) + ".tmp";
}

std::string replace_file(const std::string& from, const std::string& to) {
    if (std::rename(from.c_str(), to.c_str()) == 0) return "";
    std::string why = reason("write", to);
    std::remove(from.c_str());
    return why;
}

std::string write_if_changed(const std::string& path, std::string_view bytes) {
    if (same_contents(path, bytes)) return "";
    std::string tmp = temp_path_beside(path);
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return reason("write", path);
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) {
        std::string why = reason("write", path);
        std::remove(tmp.c_str());
        return why;
    }
    return replace_file(tmp, path);
}

}  // namespace ffigen::cli
