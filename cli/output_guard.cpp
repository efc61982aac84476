#include "cli/output_guard.hpp"

#include <filesystem>
#include <system_error>

#include <sys/stat.h>

#include "cli/output_file.hpp"

namespace ffigen::cli {

std::vector<NamedFile> generation_inputs(const FrontendOptions& options) {
    std::vector<NamedFile> inputs;
    if (options.cdef_path != "-") inputs.push_back({"the cdef", options.cdef_path});
    if (!options.preamble_path.empty()) inputs.push_back({"--source", options.preamble_path});
    for (const std::string& spec : options.includes) inputs.push_back({"--include", parse_include(spec).path});
    return inputs;
}

namespace {

// The file `path` names, symbolic links and `..` resolved as far as it exists.
std::filesystem::path resolved(const std::string& path) {
    std::error_code ec;
    std::filesystem::path p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
    return ec ? std::filesystem::path(path).lexically_normal() : p;
}

}  // namespace

void refuse_same_output(const NamedFile& output, const std::vector<NamedFile>& others) {
    if (output.path.empty() || is_special_file(output.path)) return;  // /dev/null twice loses nothing
    for (const NamedFile& other : others)
        if (!other.path.empty() && resolved(output.path) == resolved(other.path))
            throw UsageError(output.role + " '" + output.path + "' and " + other.role + " '" + other.path +
                             "' name the same file");
}

void refuse_overwriting_inputs(const std::vector<NamedFile>& inputs, const std::vector<NamedFile>& outputs) {
    for (const NamedFile& out : outputs) {
        struct stat o, i;
        if (out.path.empty() || ::stat(out.path.c_str(), &o) != 0 || !S_ISREG(o.st_mode)) continue;
        for (const NamedFile& in : inputs)
            if (::stat(in.path.c_str(), &i) == 0 && i.st_dev == o.st_dev && i.st_ino == o.st_ino)
                throw UsageError(out.role + " '" + out.path + "' would overwrite " + in.role + " '" + in.path +
                                 "'; ffigen does not write over its inputs");
    }
}

}  // namespace ffigen::cli
