// Writing an output file safely: the bytes go to a temporary file in the
// same directory, which is renamed over the target only when complete. An
// error leaves no partial file and keeps an older output intact. When the
// target already holds the same bytes it is not touched, so its mtime stays
// and make/ninja do not rebuild needlessly. Temporary files are removed on
// every failure path, and on SIGINT, SIGTERM and SIGHUP (termination.hpp).
//
// An output that is a symbolic link is written through: its final target
// gets the bytes (created if missing) and the link stays. An output that is
// a device or a FIFO (/dev/null) is written into, as gcc -o does; there is
// no atomicity and no comparison then (reading a FIFO would consume it).
#pragma once

#include <string>
#include <string_view>

namespace ffigen::cli {

// ".<name>.<pid>.tmp" beside `path`.
std::string temp_path_beside(const std::string& path);

// Removes the temporary files of `path` left by an ffigen that could not
// clean up (killed by SIGKILL): ".<name>.<pid>.tmp" beside it, where no
// process <pid> runs any more.
void remove_stale_temps(const std::string& path);

// True when `path` (its symlinks followed) is a device, FIFO or socket.
bool is_special_file(const std::string& path);

// Returns "" on success, else the reason ("cannot write 'x.c': No space left on device").
std::string write_if_changed(const std::string& path, std::string_view bytes);

// Moves `from` over `to` atomically (rename(2)), or copies it into `to`
// when that is a device or FIFO; "" or the reason.
std::string replace_file(const std::string& from, const std::string& to);

// A temporary file removed when the guard ends (unless kept) or when a
// termination signal arrives first.
class TempFile {
public:
    explicit TempFile(std::string path);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& path() const { return path_; }
    void keep() { kept_ = true; }  // it was renamed into place, or is wanted

private:
    std::string path_;
    int slot_;
    bool kept_ = false;
};

}  // namespace ffigen::cli
