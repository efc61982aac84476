// Where write_if_changed lands for a symlink or a FIFO, and which stale
// temporaries a later run removes.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/output_file.hpp"

using namespace ffigen::cli;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void touch(const std::string& path) { std::fclose(std::fopen(path.c_str(), "w")); }

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// The pid of a process that has ended (and been reaped).
pid_t dead_pid() {
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

}  // namespace

TEST_CASE("a symlinked output is written through; the link stays") {
    std::remove("output_paths_link.c");
    std::remove("output_paths_real.c");
    REQUIRE(::symlink("output_paths_real.c", "output_paths_link.c") == 0);
    CHECK(write_if_changed("output_paths_link.c", "bytes") == "");
    struct stat st;
    REQUIRE(::lstat("output_paths_link.c", &st) == 0);
    CHECK(S_ISLNK(st.st_mode));
    CHECK(slurp("output_paths_real.c") == "bytes");
    std::remove("output_paths_link.c");
    std::remove("output_paths_real.c");
}

TEST_CASE("a FIFO is a special file; a regular file or a missing one is not") {
    std::remove("output_paths_fifo");
    REQUIRE(::mkfifo("output_paths_fifo", 0600) == 0);
    CHECK(is_special_file("output_paths_fifo"));
    CHECK(is_special_file("/dev/null"));
    CHECK_FALSE(is_special_file("output_paths_missing"));
    touch("output_paths_regular");
    CHECK_FALSE(is_special_file("output_paths_regular"));
    std::remove("output_paths_fifo");
    std::remove("output_paths_regular");
}

TEST_CASE("only the output's own temporaries of ended processes are stale") {
    std::string dead = std::to_string(dead_pid());
    std::string stale = ".output_paths.so." + dead + ".tmp";
    std::string live = ".output_paths.so." + std::to_string(::getppid()) + ".tmp";
    std::string other = ".output_paths.sox." + dead + ".tmp";
    std::string odd = ".output_paths.so." + dead + "x.tmp";
    for (const std::string& f : {stale, live, other, odd}) touch(f);
    remove_stale_temps("output_paths.so");
    CHECK_FALSE(exists(stale));
    CHECK(exists(live));
    CHECK(exists(other));
    CHECK(exists(odd));
    for (const std::string& f : {live, other, odd}) std::remove(f.c_str());
}
