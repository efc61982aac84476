#include "cli/termination.hpp"

#include <atomic>
#include <cerrno>

#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace ffigen::cli {

namespace {

constexpr int kTerminations[] = {SIGINT, SIGTERM, SIGHUP};
constexpr int kMaxTemps = 8;

// Read by the signal handler, which may only use async-signal-safe calls
// (kill, waitpid, unlink, signal, raise).
std::atomic<const char*> live_temps[kMaxTemps];
std::atomic<pid_t> running_child{0};
bool pipe_ignored_at_start = false;

// Waits for every process left in the command's group. ffigen is a child
// subreaper (Linux), so that includes the ones whose parent died first: a
// linker still writing its output after the compiler driver was killed.
void reap_group(pid_t group) {
    while (::waitpid(-group, nullptr, 0) > 0 || errno == EINTR) {
    }
}

extern "C" void on_termination(int sig) {
    if (pid_t child = running_child.load()) {
        ::kill(-child, sig);
        reap_group(child);
    }
    for (auto& slot : live_temps)
        if (const char* p = slot.load()) ::unlink(p);
    ::signal(sig, SIG_DFL);
    ::raise(sig);  // delivered when the handler returns: ffigen dies by it
}

sigset_t terminations() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : kTerminations) sigaddset(&set, sig);
    return set;
}

void install_handlers() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    struct sigaction handle = {}, old = {};
    handle.sa_handler = on_termination;
    handle.sa_mask = terminations();  // one cleanup at a time
    for (int sig : kTerminations)
        if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler != SIG_IGN) ::sigaction(sig, &handle, nullptr);
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &old);
    pipe_ignored_at_start = old.sa_handler == SIG_IGN;
#ifdef __linux__
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
}

}  // namespace

int track_temp(const char* path) {
    install_handlers();
    for (int i = 0; i < kMaxTemps; ++i) {
        const char* none = nullptr;
        if (live_temps[i].compare_exchange_strong(none, path)) return i;
    }
    return -1;
}

void untrack_temp(int slot) {
    if (slot >= 0) live_temps[slot].store(nullptr);
}

SpawnGuard::SpawnGuard() {
    install_handlers();
    sigset_t block = terminations();
    ::sigprocmask(SIG_BLOCK, &block, &old_mask_);
    sigemptyset(&defaults_);
    if (!pipe_ignored_at_start) sigaddset(&defaults_, SIGPIPE);
}

SpawnGuard::~SpawnGuard() { ::sigprocmask(SIG_SETMASK, &old_mask_, nullptr); }

void track_child(pid_t pid) { running_child.store(pid); }

}  // namespace ffigen::cli
