// The file name `ffigen build -o` gives a module: a suffix Python imports
// is kept, none gets the module suffix, and a name Python would not find
// under the module's name is refused.
#include <doctest/doctest.h>

#include "cli/module_file.hpp"

using namespace ffigen::cli;

namespace {

const PythonFacts kFacts{"/usr/include/python3.11", ".cpython-311-x86_64-linux-gnu.so", false, "", ""};

std::string file_of(const std::string& output, const std::string& module, bool limited = true) {
    std::string error;
    auto file = module_file(output, module, kFacts, limited, error);
    return file ? file->path + " " + file->c_file : "error: " + error;
}

}  // namespace

TEST_CASE("a suffix Python imports is kept; none gets the module suffix") {
    CHECK(file_of("_foo", "_foo") == "_foo.abi3.so _foo.c");
    CHECK(file_of("out/_foo", "pkg._foo") == "out/_foo.abi3.so out/_foo.c");
    CHECK(file_of("_foo.so", "_foo") == "_foo.so _foo.c");
    CHECK(file_of("_foo.abi3.so", "_foo") == "_foo.abi3.so _foo.c");
    CHECK(file_of("_foo.cpython-311-x86_64-linux-gnu.so", "_foo") == "_foo.cpython-311-x86_64-linux-gnu.so _foo.c");
    CHECK(file_of("_foo", "_foo", false) == "_foo.cpython-311-x86_64-linux-gnu.so _foo.c");
}

TEST_CASE("a file name Python would not import as the module is refused, naming the ones it looks for") {
    CHECK(file_of("_bar", "_foo") ==
          "error: -o '_bar.abi3.so' does not name module '_foo': Python looks for "
          "_foo.cpython-311-x86_64-linux-gnu.so, _foo.abi3.so or _foo.so (make -o and --module agree)");
    CHECK(file_of("_foo.bar", "_foo").starts_with("error: -o '_foo.bar.abi3.so' does not name module '_foo'"));
    // .abi3.so is not a name for a full-API module
    CHECK(file_of("_foo.abi3.so", "_foo", false) ==
          "error: -o '_foo.abi3.so' does not name module '_foo': Python looks for "
          "_foo.cpython-311-x86_64-linux-gnu.so or _foo.so (make -o and --module agree)");
}

TEST_CASE("for PyPy only its EXT_SUFFIX names the module: no .abi3.so, no bare .so") {
    PythonFacts pypy{"/usr/include/pypy3.9", ".pypy39-pp73-x86_64-linux-gnu.so", false, "", "", true};
    std::string error;
    auto file = module_file("_foo", "_foo", pypy, true, error);
    REQUIRE(file);
    CHECK(file->path == "_foo.pypy39-pp73-x86_64-linux-gnu.so");
    for (const char* refused : {"_foo.abi3.so", "_foo.so"}) {
        CHECK_FALSE(module_file(refused, "_foo", pypy, true, error));
        CHECK(error == "-o '" + std::string(refused) + ".pypy39-pp73-x86_64-linux-gnu.so' does not name module "
                       "'_foo': Python looks for _foo.pypy39-pp73-x86_64-linux-gnu.so (make -o and --module agree)");
    }
}
