// foreign_thread.cpp: the GIL for calls into Python from threads Python did
// not create (C threads calling callbacks or extern "Python" functions).
//
// PyGILState_Ensure gives such a thread a new Python thread state and the
// matching PyGILState_Release destroys it, so every single call paid for
// creating and clearing one (60 times CFFI's cost for a C thread calling
// back 10,000 times). As CFFI does, the runtime keeps the thread state for
// the thread's lifetime instead: the thread's first call takes one extra
// PyGILState level. The exiting thread must not take the GIL to free it: C
// code holding the GIL may be joining that thread (a deadlock). So, as
// CFFI does, a thread_local destructor only queues the thread state, and
// the next thread to enter Python through here frees the queued ones.
// A thread exiting after or during interpreter finalization leaves its
// thread state to the finalization, which frees all of them.
#include "runtime.hpp"

#include <mutex>
#include <vector>

namespace ffigen_rt {

namespace {

bool interpreter_running() {
#if PY_VERSION_HEX >= 0x030D0000
    return Py_IsInitialized() && !Py_IsFinalizing();
#else
    return Py_IsInitialized() && !_Py_IsFinalizing();
#endif
}

// Thread states of exited threads; only a plain mutex guards it, never
// held while waiting for the GIL.
std::mutex exited_lock;
std::vector<PyThreadState *> exited;

// The kept thread state, in initial-exec TLS (read on every call into
// Python), and the object whose destructor queues it at thread exit.
[[gnu::tls_model("initial-exec")]] thread_local PyThreadState *kept_tstate;

struct KeptThreadState {
    ~KeptThreadState() {
        if (!kept_tstate || !interpreter_running()) return;
        std::lock_guard<std::mutex> guard(exited_lock);
        exited.push_back(kept_tstate);
    }
};

thread_local KeptThreadState kept_state;  // constructed (destructor registered) at first use

PyThreadState *take_exited() {
    std::lock_guard<std::mutex> guard(exited_lock);
    if (exited.empty()) return nullptr;
    PyThreadState *t = exited.back();
    exited.pop_back();
    return t;
}

// With the GIL. One at a time: clearing runs Python code (the thread's
// locals die), which may call back in here.
void free_exited_thread_states() {
    while (PyThreadState *t = take_exited()) {
        PyThreadState_Clear(t);
#if PY_VERSION_HEX >= 0x030C0000
        // From 3.12 on, deleting a thread state still bound to the GIL
        // state API (its own thread's PyGILState_GetThisThreadState)
        // unbinds the *calling* thread's instead, and this thread's next
        // PyGILState_Release is then a fatal error. The exited thread
        // needs no binding any more: drop it first (stock CFFI does too).
        t->_status.bound_gilstate = 0;
#endif
        PyThreadState_Delete(t);
    }
}

}  // namespace

// A thread holding the GIL (C called from Python without releasing it, a
// callback calling back) needs no PyGILState level: the state it would
// add and drop is skipped (GilHeld). PyGILState_Check is not used: it says
// 1 whenever subinterpreters exist.
GilState foreign_gil_ensure() {
#if PY_VERSION_HEX >= 0x030D0000
    PyThreadState *current = PyThreadState_GetUnchecked();
#else
    PyThreadState *current = _PyThreadState_UncheckedGet();
#endif
    if (current && current == PyGILState_GetThisThreadState()) return GilHeld;
    if (kept_tstate || PyGILState_GetThisThreadState()) return (GilState)PyGILState_Ensure();
    GilState state = (GilState)PyGILState_Ensure();  // a new thread state...
    PyGILState_Ensure();                              // ...that this level keeps
    kept_tstate = PyGILState_GetThisThreadState();
    (void)&kept_state;  // its destructor queues kept_tstate
    free_exited_thread_states();
    return state;
}

void foreign_gil_release(GilState state) {
    if (state != GilHeld) PyGILState_Release((PyGILState_STATE)state);
}

}  // namespace ffigen_rt
