// call_pins.cpp: memory that C calls in flight may be using, which
// ffi.release() must therefore not free yet.
//
// ffi.release(p) frees ffi.new memory at once, but another thread may be
// inside a C call that got p (or a view of it) as an argument and released
// the GIL: freeing would unmap the memory under the call. Each pointer
// argument into such memory is a pin, taken with the GIL held when the
// argument is converted and dropped when the call it was converted for
// returns. ffi.release frees at once only while no pin is held anywhere;
// otherwise the cdata's dealloc frees it, which no call can outlive (its
// arguments hold the cdata). The same goes for ffi.from_buffer's hold on
// its Python buffer. ffi.gc's destructor runs at release, as in CFFI: the
// memory is the destructor's.
//
// Pins are counted per call in the calling thread: conversions add to the
// thread's `pending` count; the call's start (before every call of a
// generated wrapper or through libffi, where errno is restored) makes them
// the call's, and its end drops them from the process-wide count. Calls nest
// (C calling Python calling C) and stack their counts. A conversion whose
// call never happens (a later argument failed) stays pending until the
// thread's next call ends or the thread exits: releases are only deferred
// meanwhile, never unsafe.
//
// The same holds within one thread while Python writes into cdata memory
// (p[i] = x, p.f = x, p[i:j] = items): converting x may run Python code
// that releases p, and the write must still land in live memory. Exported
// buffers (memoryview(ffi.buffer(p))) keep the memory too: see cdata_exit.
#include "runtime.hpp"

#include <atomic>
#include <cerrno>

namespace ffigen_rt {

namespace {

// Pins held = taken - dropped. Pins are taken with the GIL held; calls made
// through the exports or libffi may drop theirs without it (an atomic
// count), the generated wrappers drop theirs with it (no atomic operation
// on the fast path).
Py_ssize_t pins_taken = 0;  // GIL-protected
std::atomic<Py_ssize_t> pins_dropped{0};
Py_ssize_t writes_in_progress = 0;  // GIL-protected

constexpr int kMaxDepth = 8;  // deeper calls leave their pins pending, for a later call to drop

// Plain data in initial-exec TLS (as call_state): every C call reads it, and
// a thread_local with a destructor costs a guarded call per access. The
// pending count is call_state's, which generated modules take inline.
struct ThreadPins {
    Py_ssize_t frames[kMaxDepth];
    int depth;
    bool exit_hooked;
};

[[gnu::tls_model("initial-exec")]] thread_local ThreadPins pins;

struct ThreadExit {
    bool armed = false;
    ~ThreadExit() {  // what the exiting thread still counts is no call's any more
        Py_ssize_t held = call_state.pending;
        for (int i = 0; i < pins.depth && i < kMaxDepth; i++) held += pins.frames[i];
        if (held) pins_dropped.fetch_add(held);
    }
};

thread_local ThreadExit thread_exit;  // constructed at the thread's first pin

}  // namespace

void pin_for_call(CData *cd) {
    if (!release_may_wait(cdata_root(cd))) return;
    if (!pins.exit_hooked) {
        pins.exit_hooked = true;
        thread_exit.armed = true;  // the first use registers its destructor for this thread
    }
    call_state.pending++;
    pins_taken++;
}

void call_begins() {
    ThreadPins &p = pins;
    if (p.depth < kMaxDepth) {
        p.frames[p.depth] = call_state.pending;
        call_state.pending = 0;
    }
    p.depth++;
}

void call_ends() {
    ThreadPins &p = pins;
    if (p.depth == 0) return;
    if (--p.depth < kMaxDepth && p.frames[p.depth]) {
        pins_dropped.fetch_add(p.frames[p.depth]);
        p.frames[p.depth] = 0;
    }
}

namespace {

// A call made by a generated wrapper keeps the count it took on its own
// stack instead of in frames (ffigen_abi.h: _ffigen_fast_calls), and drops
// it with the GIL held.
void unpin_call(Py_ssize_t taken) { pins_taken -= taken; }

PyThreadState *enter_call(Py_ssize_t *taken) {
    PyThreadState *ts = PyEval_SaveThread();
    *taken = call_state.pending;
    call_state.pending = 0;
    errno = call_state.saved_errno;
    return ts;
}

void leave_call(PyThreadState *ts, Py_ssize_t taken) {
    call_state.saved_errno = errno;
    PyEval_RestoreThread(ts);
    if (taken) unpin_call(taken);
}

}  // namespace

[[gnu::tls_model("initial-exec")]] thread_local _ffigen_call_state call_state;

// The offset is the same in every thread only for static TLS, which
// initial-exec guarantees; without the builtin, modules that keep the GIL
// call the exports.
void fill_fast_calls(_ffigen_fast_calls *fast) {
    fast->unpin = unpin_call;
    fast->enter = enter_call;
    fast->leave = leave_call;
#if defined(__has_builtin)
#  if __has_builtin(__builtin_thread_pointer)
    fast->tls_offset = (char *)&call_state - (char *)__builtin_thread_pointer();
#  endif
#endif
}

bool calls_hold_memory() { return writes_in_progress > 0 || pins_taken - pins_dropped.load() > 0; }

WriteInProgress::WriteInProgress() { writes_in_progress++; }
WriteInProgress::~WriteInProgress() { writes_in_progress--; }

}  // namespace ffigen_rt
