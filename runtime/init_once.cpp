// init_once.cpp: ffi.init_once(func, tag), running func() once per (ffi, tag)
// even when several threads ask at the same time, and caching its result.
//
// State lives in a process-wide dict (ffi, tag) -> list [lock capsule,
// done, result, id of the thread running func]; modules are never unloaded, so entries live until exit.
// The first caller takes the tag's lock and runs func with it held; other
// callers wait on the lock with the GIL released, then find the result.
// If func raises, nothing is cached and the next caller tries again; if
// func itself asks for its own tag, RuntimeError (not a deadlock).
#include "runtime.hpp"

#include <pythread.h>

namespace ffigen_rt {

namespace {

PyObject *states;  // dict (ffi, tag) -> [capsule(lock), done bool, result, running thread id or None]

void free_lock(PyObject *capsule) {
    PyThread_free_lock((PyThread_type_lock)PyCapsule_GetPointer(capsule, "ffigen.init_once"));
}

// The state list of (ffi, tag), created on first use (borrowed).
PyObject *state_of(PyObject *key) {
    if (!states && !(states = PyDict_New())) return nullptr;
    PyObject *st = PyDict_GetItemWithError(states, key);
    if (st || PyErr_Occurred()) return st;
    PyThread_type_lock lock = PyThread_allocate_lock();
    if (!lock) return PyErr_NoMemory();
    PyObject *capsule = PyCapsule_New(lock, "ffigen.init_once", free_lock);
    if (!capsule) {
        PyThread_free_lock(lock);
        return nullptr;
    }
    st = Py_BuildValue("[NOOO]", capsule, Py_False, Py_None, Py_None);
    if (!st || PyDict_SetItem(states, key, st) < 0) {
        Py_XDECREF(st);
        return nullptr;
    }
    Py_DECREF(st);  // the dict holds it
    return st;
}

}  // namespace

PyObject *ffi_init_once(PyObject *self, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"func", "tag", nullptr};
    PyObject *func, *tag;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO:init_once", (char **)kwlist, &func, &tag)) return nullptr;
    PyObject *key = PyTuple_Pack(2, self, tag);
    PyObject *st = key ? state_of(key) : nullptr;
    Py_XDECREF(key);
    if (!st) return nullptr;
    Py_INCREF(st);
    PyObject *result = nullptr;
    if (PyList_GET_ITEM(st, 1) == Py_True) {
        result = Py_NewRef(PyList_GET_ITEM(st, 2));
    } else {
        PyThread_type_lock lock = (PyThread_type_lock)PyCapsule_GetPointer(PyList_GET_ITEM(st, 0), "ffigen.init_once");
        PyObject *me = PyLong_FromUnsignedLong(PyThread_get_thread_ident());
        int recursive = me ? PyObject_RichCompareBool(PyList_GET_ITEM(st, 3), me, Py_EQ) : -1;
        if (recursive != 0) {
            if (recursive > 0) PyErr_SetString(PyExc_RuntimeError, "init_once(): the function called init_once() again for the same tag");
            Py_XDECREF(me);
            Py_DECREF(st);
            return nullptr;
        }
        if (!PyThread_acquire_lock(lock, NOWAIT_LOCK)) {
            Py_BEGIN_ALLOW_THREADS
            PyThread_acquire_lock(lock, WAIT_LOCK);
            Py_END_ALLOW_THREADS
        }
        if (PyList_GET_ITEM(st, 1) == Py_True) {
            result = Py_NewRef(PyList_GET_ITEM(st, 2));
        } else {
            PyList_SetItem(st, 3, me);  // the list takes `me`: the running thread
            me = nullptr;
            if ((result = PyObject_CallNoArgs(func))) {
                PyList_SetItem(st, 2, Py_NewRef(result));
                PyList_SetItem(st, 1, Py_NewRef(Py_True));
            }
            PyList_SetItem(st, 3, Py_NewRef(Py_None));
        }
        Py_XDECREF(me);
        PyThread_release_lock(lock);
    }
    Py_DECREF(st);
    return result;
}

}  // namespace ffigen_rt
