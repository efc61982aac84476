#include "cli/toolchain.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/termination.hpp"

extern char** environ;

namespace ffigen::cli {

namespace {

// Reads the child's standard output until EOF.
std::string drain(int fd) {
    std::string out;
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) out.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) break;
    }
    return out;
}

// Starts the command in its own process group, so that a termination
// signal stops all of it (termination.hpp), with the signal settings it
// would have had without ffigen's handlers. Returns posix_spawnp's result.
int spawn(pid_t& pid, std::vector<char*>& args, const posix_spawn_file_actions_t& actions) {
    SpawnGuard guard;
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setsigmask(&attr, &guard.child_mask());
    posix_spawnattr_setsigdefault(&attr, &guard.child_defaults());
    int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
    posix_spawnattr_destroy(&attr);
    if (rc == 0) track_child(pid);
    return rc;
}

}  // namespace

int ProcessRunner::run(const std::vector<std::string>& argv, std::string* captured, std::string& error) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int pipe_fds[2] = {-1, -1};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (captured) {
        if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
            error = std::string("cannot create a pipe: ") + std::strerror(errno);
            posix_spawn_file_actions_destroy(&actions);
            return -1;
        }
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    }
    pid_t pid;
    int rc = spawn(pid, args, actions);
    posix_spawn_file_actions_destroy(&actions);
    if (captured) ::close(pipe_fds[1]);
    if (rc != 0) {
        if (captured) ::close(pipe_fds[0]);
        error = "cannot run '" + argv[0] + "': " + std::strerror(rc);
        return -1;
    }
    if (captured) {
        *captured = drain(pipe_fds[0]);
        ::close(pipe_fds[0]);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            track_child(0);
            error = std::string("waitpid: ") + std::strerror(errno);
            return -1;
        }
    track_child(0);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    error = "'" + argv[0] + "' was killed by signal " + std::to_string(WTERMSIG(status));
    return -1;
}

std::optional<PythonFacts> query_python(CommandRunner& runner, const std::string& python,
                                        std::string& error) {
    const char* script =
        "import sys, sysconfig\n"
        "print(sysconfig.get_paths()['include'])\n"
        "print(sysconfig.get_config_var('EXT_SUFFIX'))\n"
        "print(int(hasattr(sys, 'gettotalrefcount')))\n"
        "print(sys.executable)\n"
        "print(sys.version.split()[0])\n"
        "print(sys.implementation.name)\n";
    std::string out;
    int status = runner.run({python, "-c", script}, &out, error);
    if (status != 0) {
        if (status > 0) error = "'" + python + "' failed to report its sysconfig (exit status " +
                                std::to_string(status) + ")";
        return std::nullopt;
    }
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1)
        lines.push_back(out.substr(start, nl - start));
    if (lines.size() != 6 || lines[0].empty() || lines[1].empty() || lines[1] == "None") {
        error = "'" + python + "' gave no include directory or EXT_SUFFIX";
        return std::nullopt;
    }
    // sys.executable is "" when Python cannot tell: the name it was run by then.
    return PythonFacts{lines[0], lines[1], lines[2] == "1", lines[3].empty() ? python : lines[3], lines[4],
                       lines[5] == "pypy"};
}

bool limited_api_possible(const PythonFacts& facts) { return !facts.debug_build && !facts.pypy; }

std::string module_suffix(const PythonFacts& facts, bool limited_api) {
    if (!limited_api || !limited_api_possible(facts)) return facts.ext_suffix;
    auto dot = facts.ext_suffix.rfind('.');
    return ".abi3" + (dot == std::string::npos ? std::string(".so") : facts.ext_suffix.substr(dot));
}

std::vector<std::string> split_words(const std::string& text, std::string* error) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
            else if (c == '\\' && quote == '"' && i + 1 < text.size()) word += text[++i];
            else word += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < text.size()) {
            word += text[++i];
            in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word) words.push_back(word);
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quote && error) *error = std::string("unmatched ") + quote + " in '" + text + "'";
    if (in_word) words.push_back(word);
    return words;
}

std::string shell_join(const std::vector<std::string>& words) {
    std::string line;
    for (const std::string& w : words) {
        if (!line.empty()) line += ' ';
        bool plain = !w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                       "0123456789_-+=/.,:@%") == std::string::npos;
        if (plain) {
            line += w;
            continue;
        }
        line += '\'';  // inside single quotes only ' itself needs care: '\''
        for (char c : w) {
            if (c == '\'') line += "'\\''";
            else line += c;
        }
        line += '\'';
    }
    return line;
}

std::vector<std::string> compile_argv(const CompileRequest& r) {
    std::vector<std::string> argv = r.cc;
    for (const char* flag : {"-shared", "-fPIC", "-O2", "-fvisibility=hidden"}) argv.emplace_back(flag);
    for (const std::string& d : r.include_dirs) argv.push_back("-I" + d);
    argv.push_back("-I" + r.python_include);
    for (const std::string& d : r.defines) argv.push_back("-D" + d);
    argv.insert(argv.end(), r.cflags.begin(), r.cflags.end());
    if (!r.depfile.empty()) argv.insert(argv.end(), {"-MD", "-MF", r.depfile});
    // The module last: with several sources, gcc's -MF file describes the
    // last one, and the module's headers are the ones a depfile needs.
    argv.insert(argv.end(), r.sources.begin(), r.sources.end());
    argv.push_back(r.c_file);
    argv.insert(argv.end(), {"-o", r.output});
    for (const std::string& d : r.lib_dirs) argv.push_back("-L" + d);
    for (const std::string& l : r.libs) argv.push_back("-l" + l);
    argv.insert(argv.end(), r.ldflags.begin(), r.ldflags.end());
    return argv;
}

}  // namespace ffigen::cli
