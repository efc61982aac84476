// Writing an output file safely: the bytes go to a temporary file in the
// same directory, which is renamed over the target only when complete. An
// error leaves no partial file and keeps an older output intact. When the
// target already holds the same bytes it is not touched, so its mtime stays
// and make/ninja do not rebuild needlessly.
#pragma once

#include <string>
#include <string_view>

namespace ffigen::cli {

// ".<name>.<pid>.tmp" beside `path`.
std::string temp_path_beside(const std::string& path);

// Returns "" on success, else the reason ("cannot write 'x.c': No space left on device").
std::string write_if_changed(const std::string& path, std::string_view bytes);

// Moves `from` over `to` atomically (rename(2)); "" or the reason.
std::string replace_file(const std::string& from, const std::string& to);

}  // namespace ffigen::cli
