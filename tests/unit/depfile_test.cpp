// The dependency file of `ffigen build -MD`: each prerequisite once, with
// a phony rule of its own (as gcc's -MP), paths escaped as gcc escapes them.
#include <doctest/doctest.h>

#include "cli/depfile.hpp"

using ffigen::cli::make_depfile;

TEST_CASE("the depfile lists each prerequisite once and gives each a phony rule") {
    std::string gcc = ".out.tmp: .m.tmp.c prelude.h /py/Python.h \\\n /py/pyconfig.h inc/a\\ b.h \\\n"
                      "  /py/pyconfig.h /py/pyconfig.h prelude.h\n";
    std::string expected =
        "_m.so: \\\n  m.cdef \\\n  prelude.h \\\n  x$$.c \\\n  /py/Python.h \\\n  /py/pyconfig.h \\\n"
        "  inc/a\\ b.h\n"
        "\nm.cdef:\n\nprelude.h:\n\nx$$.c:\n\n/py/Python.h:\n\n/py/pyconfig.h:\n\ninc/a\\ b.h:\n";
    CHECK(make_depfile("_m.so", {"m.cdef", "prelude.h", "x$.c"}, gcc, ".m.tmp.c") == expected);
}

TEST_CASE("the depfile without compiler output names the inputs only") {
    CHECK(make_depfile("my #1.so", {"a b.cdef"}, "", "x.c") == "my\\ \\#1.so: \\\n  a\\ b.cdef\n\na\\ b.cdef:\n");
}
