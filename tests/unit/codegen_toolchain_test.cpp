// The build command line, Python facts and atomic output files, checked
// without running a compiler (a recording CommandRunner stands in).
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <sys/stat.h>

#include "cli/output_file.hpp"
#include "cli/toolchain.hpp"

using namespace ffigen::cli;

namespace {

class FakeRunner final : public CommandRunner {
public:
    std::vector<std::vector<std::string>> seen;
    std::string reply;
    int status = 0;
    int run(const std::vector<std::string>& argv, std::string* captured, std::string&) override {
        seen.push_back(argv);
        if (captured) *captured = reply;
        return status;
    }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("the compile command is one argv: flags, module, sources, output, libraries") {
    CompileRequest r;
    r.cc = split_words("ccache aarch64-linux-gnu-gcc");
    r.c_file = "_geo.c";
    r.sources = {"extra.c"};
    r.include_dirs = {"inc"};
    r.defines = {"X=1"};
    r.lib_dirs = {"lib"};
    r.libs = {"m"};
    r.cflags = split_words("--sysroot=/s -O0");
    r.python_include = "/py";
    r.output = ".o.tmp";
    r.depfile = "d.tmp";
    std::vector<std::string> expected = {
        "ccache", "aarch64-linux-gnu-gcc", "-shared", "-fPIC", "-O2", "-fvisibility=hidden", "-Iinc",
        "-I/py", "-DX=1", "--sysroot=/s", "-O0", "-MD", "-MF", "d.tmp", "extra.c", "_geo.c",
        "-o", ".o.tmp", "-Llib", "-lm"};
    CHECK(compile_argv(r) == expected);
}

TEST_CASE("flags split like a shell: quotes group, backslash escapes") {
    CHECK(split_words("  -O2 '-DNAME=a b' \"-DQ=\\\"x\\\"\" a\\ b ") ==
          std::vector<std::string>{"-O2", "-DNAME=a b", "-DQ=\"x\"", "a b"});
    CHECK(split_words("").empty());
    CHECK(split_words("''") == std::vector<std::string>{""});
    std::string error;
    CHECK(split_words("-O2 \"-DX=a b", &error) == std::vector<std::string>{"-O2", "-DX=a b"});
    CHECK(error == "unmatched \" in '-O2 \"-DX=a b'");
    error.clear();
    split_words("'a'\\''b' \"c\"", &error);
    CHECK(error.empty());
}

TEST_CASE("a command line for -v: quoted so that a shell splits it back") {
    std::vector<std::string> argv = {"gcc", "-DNAME=\"a b\"", "it's", "", "$HOME", "-I/x/y", "a\\b"};
    std::string line = shell_join(argv);
    CHECK(line == "gcc '-DNAME=\"a b\"' 'it'\\''s' '' '$HOME' -I/x/y 'a\\b'");
    CHECK(split_words(line) == argv);
}

TEST_CASE("python facts come from one sysconfig query; abi3 suffix for the limited API") {
    FakeRunner runner;
    runner.reply = "/usr/include/python3.11\n.cpython-311-x86_64-linux-gnu.so\n0\n/usr/bin/python3.11\n3.11.2\ncpython\n";
    std::string error;
    auto facts = query_python(runner, "/usr/bin/python3", error);
    REQUIRE(facts);
    CHECK(runner.seen.size() == 1);
    CHECK(runner.seen[0][0] == "/usr/bin/python3");
    CHECK(facts->include_dir == "/usr/include/python3.11");
    CHECK(facts->executable == "/usr/bin/python3.11");  // for -v: which Python was used
    CHECK(facts->version == "3.11.2");
    CHECK(module_suffix(*facts, true) == ".abi3.so");
    CHECK(module_suffix(*facts, false) == ".cpython-311-x86_64-linux-gnu.so");
    facts->debug_build = true;  // Py_DEBUG: never the limited API
    CHECK(module_suffix(*facts, true) == ".cpython-311-x86_64-linux-gnu.so");
    CHECK_FALSE(facts->pypy);

    runner.reply = "garbage";
    CHECK_FALSE(query_python(runner, "py", error));
    CHECK(error.find("EXT_SUFFIX") != std::string::npos);
    runner.status = 3;
    CHECK_FALSE(query_python(runner, "py", error));
    CHECK(error.find("exit status 3") != std::string::npos);
}

TEST_CASE("PyPy is told by sys.implementation: its EXT_SUFFIX always, never the limited API") {
    FakeRunner runner;
    runner.reply = "/usr/include/pypy3.9\n.pypy39-pp73-x86_64-linux-gnu.so\n0\n/usr/bin/pypy3\n3.9.16\npypy\n";
    std::string error;
    auto facts = query_python(runner, "/usr/bin/pypy3", error);
    REQUIRE(facts);
    CHECK(facts->pypy);
    CHECK_FALSE(limited_api_possible(*facts));
    CHECK(module_suffix(*facts, true) == ".pypy39-pp73-x86_64-linux-gnu.so");
}

TEST_CASE("the process runner runs argv without a shell and captures output") {
    ProcessRunner runner;
    std::string out, error;
    CHECK(runner.run({"printf", "%s|", "a b", "$HOME"}, &out, error) == 0);
    CHECK(out == "a b|$HOME|");
    CHECK(runner.run({"false"}, nullptr, error) == 1);
    CHECK(runner.run({"/nonexistent/ffigen-no-such-tool"}, nullptr, error) == -1);
    CHECK(error.find("cannot run") != std::string::npos);
}

TEST_CASE("output files are replaced atomically and only when the bytes change") {
    std::string path = "codegen_toolchain_test.out";
    std::remove(path.c_str());
    CHECK(write_if_changed(path, "one") == "");
    CHECK(slurp(path) == "one");
    struct stat before {};
    stat(path.c_str(), &before);
    timespec old_time[2] = {{1000000000, 0}, {1000000000, 0}};
    utimensat(AT_FDCWD, path.c_str(), old_time, 0);
    CHECK(write_if_changed(path, "one") == "");
    struct stat same {};
    stat(path.c_str(), &same);
    CHECK(same.st_mtim.tv_sec == 1000000000);  // untouched
    CHECK(write_if_changed(path, "two") == "");
    CHECK(slurp(path) == "two");
    // A failed write keeps the old file and leaves no temporary behind.
    CHECK(write_if_changed("no-such-dir/x.c", "z").find("cannot write 'no-such-dir/x.c'") == 0);
    CHECK(temp_path_beside("a/b.c").starts_with("a/.b.c."));
    std::remove(path.c_str());
}

TEST_CASE("a temporary file goes away with its guard unless kept") {
    {
        TempFile t(temp_path_beside("codegen_toolchain_tmp.out"));
        std::FILE* f = std::fopen(t.path().c_str(), "w");
        REQUIRE(f);
        std::fclose(f);
        CHECK(slurp(t.path()).empty());
        std::string path = t.path();
        t.keep();
        (void)path;
    }
    std::string kept = temp_path_beside("codegen_toolchain_tmp.out");
    CHECK(std::remove(kept.c_str()) == 0);  // it was kept
    std::string gone;
    {
        TempFile t(temp_path_beside("codegen_toolchain_tmp2.out"));
        gone = t.path();
        std::fclose(std::fopen(gone.c_str(), "w"));
    }
    CHECK(std::fopen(gone.c_str(), "r") == nullptr);
}
