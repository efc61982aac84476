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

struct KeptThreadState {
    PyThreadState *tstate = nullptr;
    ~KeptThreadState() {
        if (!tstate || !interpreter_running()) return;
        std::lock_guard<std::mutex> guard(exited_lock);
        exited.push_back(tstate);
    }
};

thread_local KeptThreadState kept_state;

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

PyGILState_STATE foreign_gil_ensure() {
    if (kept_state.tstate || PyGILState_GetThisThreadState()) return PyGILState_Ensure();
    PyGILState_STATE state = PyGILState_Ensure();  // a new thread state...
    PyGILState_Ensure();                            // ...that this level keeps
    kept_state.tstate = PyGILState_GetThisThreadState();
    free_exited_thread_states();
    return state;
}

}  // namespace ffigen_rt
