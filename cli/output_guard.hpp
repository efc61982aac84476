// ffigen never writes an output over one of its inputs: `ffigen generate
// a.cdef -o a.cdef`, or the same file through another path or a hard link,
// is bad usage (exit 2) rather than a lost cdef.
#pragma once

#include <string>
#include <vector>

#include "cli/driver.hpp"

namespace ffigen::cli {

// A file named on the command line, and how ("--source", "-o", ...).
struct NamedFile {
    std::string role, path;
};

// The files a generation reads: the cdef (unless standard input), the
// preamble, the --include cdefs.
std::vector<NamedFile> generation_inputs(const FrontendOptions& options);

// Throws UsageError when an output is the same file (device and inode) as
// an input. Outputs that do not exist yet, or are not regular files
// (/dev/null), cannot be.
void refuse_overwriting_inputs(const std::vector<NamedFile>& inputs, const std::vector<NamedFile>& outputs);

// Throws UsageError when `output` (unless empty, or a device or FIFO)
// names the same file as one of `others`, existing or not (`x.c` and
// `./x.c`): one would be lost.
void refuse_same_output(const NamedFile& output, const std::vector<NamedFile>& others);

}  // namespace ffigen::cli
