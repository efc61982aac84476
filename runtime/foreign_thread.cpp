// foreign_thread.cpp: the GIL for calls into Python from threads Python did
// not create (C threads calling callbacks or extern "Python" functions).
//
// PyGILState_Ensure gives such a thread a new Python thread state and the
// matching PyGILState_Release destroys it, so every single call paid for
// creating and clearing one (60 times CFFI's cost for a C thread calling
// back 10,000 times). As CFFI does, the runtime keeps the thread state for
// the thread's lifetime instead: the thread's first call takes one extra
// PyGILState level, given back when the thread exits by a thread_local
// destructor (it runs in the exiting thread, which may take the GIL there).
// A thread exiting after or during interpreter finalization leaves its
// thread state to the finalization, which frees all of them.
#include "runtime.hpp"

namespace ffigen_rt {

namespace {

bool interpreter_running() {
#if PY_VERSION_HEX >= 0x030D0000
    return Py_IsInitialized() && !Py_IsFinalizing();
#else
    return Py_IsInitialized() && !_Py_IsFinalizing();
#endif
}

struct KeptThreadState {
    bool kept = false;
    ~KeptThreadState() {
        if (!kept || !interpreter_running()) return;
        PyGILState_STATE outer = PyGILState_Ensure();
        PyGILState_Release(PyGILState_LOCKED);  // the level kept since the first call
        PyGILState_Release(outer);              // the last: clears and deletes the thread state
    }
};

thread_local KeptThreadState kept_state;

}  // namespace

PyGILState_STATE foreign_gil_ensure() {
    if (kept_state.kept || PyGILState_GetThisThreadState()) return PyGILState_Ensure();
    PyGILState_STATE state = PyGILState_Ensure();  // a new thread state...
    PyGILState_Ensure();                            // ...that this level keeps
    kept_state.kept = true;
    return state;
}

}  // namespace ffigen_rt
