// What ffigen does when told to stop (SIGINT, SIGTERM, SIGHUP): it stops
// the command it is running (the compiler, in its own process group) and
// waits for it, so that nothing writes a temporary file after it is gone,
// removes its temporary files, then dies by the same signal, as shells and
// make expect. A signal ignored when ffigen started (nohup) stays ignored.
// SIGPIPE is ignored: a closed standard error (`ffigen build ... | head`)
// must not kill ffigen before it cleans up; the commands it runs get the
// default action back.
#pragma once

#include <signal.h>
#include <sys/types.h>

namespace ffigen::cli {

// A temporary file to remove on a termination signal: returns its slot, or
// -1 when all are taken (the caller still removes it on normal paths).
int track_temp(const char* path);
void untrack_temp(int slot);

// Around starting a command: termination signals wait until the command's
// process id is known, so that a signal never misses it.
class SpawnGuard {
public:
    SpawnGuard();
    ~SpawnGuard();
    SpawnGuard(const SpawnGuard&) = delete;
    SpawnGuard& operator=(const SpawnGuard&) = delete;

    // The mask and the defaults the command starts with (ffigen's own mask
    // from before the guard; SIGPIPE back to its default unless ignored at start).
    const sigset_t& child_mask() const { return old_mask_; }
    const sigset_t& child_defaults() const { return defaults_; }

private:
    sigset_t old_mask_, defaults_;
};

// The running command (a process group leader), or 0 when it has ended.
void track_child(pid_t pid);

}  // namespace ffigen::cli
