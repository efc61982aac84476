#include "cli/output_file.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/termination.hpp"

namespace ffigen::cli {

namespace {

bool same_contents(const std::string& path, std::string_view bytes) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || static_cast<std::size_t>(st.st_size) != bytes.size()) return false;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    char chunk[65536];  // compared piece by piece: no second copy of a big output
    bool same = true;
    for (std::size_t at = 0; same && at < bytes.size();) {
        std::size_t n = std::fread(chunk, 1, std::min(sizeof chunk, bytes.size() - at), f);
        same = n > 0 && std::memcmp(chunk, bytes.data() + at, n) == 0;
        at += n;
    }
    std::fclose(f);
    return same;
}

std::string reason(const char* what, const std::string& path) {
    return std::string("cannot ") + what + " '" + path + "': " + std::strerror(errno);
}

std::string dir_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// The file a write to `path` lands in: its symbolic links followed (the
// last may dangle: the file is then created). False on a loop (ELOOP), as
// open(2) would fail: renaming over the link would replace it instead.
bool follow_symlinks(std::string& path) {
    for (int hops = 0; hops < 40; ++hops) {
        char link[4096];
        ssize_t n = ::readlink(path.c_str(), link, sizeof link);
        if (n < 0) return true;
        std::string to(link, static_cast<std::size_t>(n));
        path = to[0] == '/' ? to : dir_of(path) + to;
    }
    errno = ELOOP;
    return false;
}

bool write_bytes(const std::string& path, std::string_view bytes) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    return (std::fclose(f) == 0) && ok;
}

bool copy_into(const std::string& from, const std::string& to) {
    std::ifstream in(from, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return in && write_bytes(to, bytes);
}

// A pid in a temporary file's name whose process has ended.
bool dead_pid(const std::string& digits) {
    if (digits.empty() || digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), ::isdigit))
        return false;
    pid_t pid = static_cast<pid_t>(std::stol(digits));
    return pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace

TempFile::TempFile(std::string path) : path_(std::move(path)), slot_(track_temp(path_.c_str())) {}

TempFile::~TempFile() {
    untrack_temp(slot_);
    if (!kept_) std::remove(path_.c_str());
}

std::string temp_path_beside(const std::string& path) {
    std::string dir = dir_of(path);
    return dir + "." + path.substr(dir.size()) + "." + std::to_string(::getpid()) + ".tmp";
}

void remove_stale_temps(const std::string& path) {
    std::string dir = dir_of(path);
    std::string prefix = "." + path.substr(dir.size()) + ".", suffix = ".tmp";
    DIR* d = ::opendir(dir.empty() ? "." : dir.c_str());
    if (!d) return;
    while (const dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        if (dead_pid(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size())))
            ::unlink((dir + name).c_str());
    }
    ::closedir(d);
}

bool is_special_file(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

std::string replace_file(const std::string& from, const std::string& to) {
    std::string target = to;
    bool ok = follow_symlinks(target) &&
              (is_special_file(target) ? copy_into(from, target) : std::rename(from.c_str(), target.c_str()) == 0);
    std::string why = ok ? "" : reason("write", to);
    std::remove(from.c_str());  // gone after a rename; else no longer wanted
    return why;
}

std::string write_if_changed(const std::string& path, std::string_view bytes) {
    std::string target = path;
    if (!follow_symlinks(target)) return reason("write", path);
    if (is_special_file(target)) return write_bytes(target, bytes) ? "" : reason("write", path);
    remove_stale_temps(target);
    if (same_contents(target, bytes)) return "";
    TempFile tmp(temp_path_beside(target));
    if (!write_bytes(tmp.path(), bytes)) return reason("write", path);
    std::string why = replace_file(tmp.path(), target);
    if (why.empty()) tmp.keep();
    return why;
}

}  // namespace ffigen::cli
