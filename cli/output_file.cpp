#include "cli/output_file.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
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

// Temporary files alive now, for the signal handler (which may only use
// async-signal-safe calls: unlink, then re-raise with the default action).
constexpr int kMaxTemps = 8;
std::atomic<const char*> live_temps[kMaxTemps];

extern "C" void remove_temps_and_die(int sig) {
    for (auto& slot : live_temps)
        if (const char* p = slot.load()) ::unlink(p);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

int register_temp(const char* path) {
    static bool handlers = false;
    if (!handlers) {
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, remove_temps_and_die);
        handlers = true;
    }
    for (int i = 0; i < kMaxTemps; ++i) {
        const char* none = nullptr;
        if (live_temps[i].compare_exchange_strong(none, path)) return i;
    }
    return -1;  // still removed by the guard; only a signal would miss it
}

}  // namespace

TempFile::TempFile(std::string path) : path_(std::move(path)), slot_(register_temp(path_.c_str())) {}

TempFile::~TempFile() {
    if (slot_ >= 0) live_temps[slot_].store(nullptr);
    if (!kept_) std::remove(path_.c_str());
}

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
    TempFile tmp(temp_path_beside(path));
    std::FILE* f = std::fopen(tmp.path().c_str(), "wb");
    if (!f) return reason("write", path);
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) return reason("write", path);
    std::string why = replace_file(tmp.path(), path);
    if (why.empty()) tmp.keep();
    return why;
}

}  // namespace ffigen::cli
