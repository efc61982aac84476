// file.cpp: C's FILE, and Python file objects passed as a `FILE *`.
//
// As in CFFI, `struct _IO_FILE` (glibc's FILE) of every module is one
// process-wide opaque ctype named "FILE", so a FILE * from one module passes
// to another. A Python file object (anything deriving from io's _IOBase)
// converts to a `FILE *` argument or ffi.cast("FILE *", f): it is flushed,
// its descriptor dup()ed and fdopen()ed unbuffered, and that FILE is kept
// in a capsule on the file object (closed with it), so one file object
// always gives the same FILE.
#include "runtime.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace ffigen_rt {

namespace {

CType *file_type;        // the shared "FILE" ctype, created on first use
PyObject *io_base_type;  // _io._IOBase

const char capsule_name[] = "FILE";
const char capsule_attribute[] = "__ffigen_FILE";

void close_file(PyObject *capsule) {
    if (FILE *f = (FILE *)PyCapsule_GetPointer(capsule, capsule_name)) std::fclose(f);
}

// A new FILE on a dup of obj's descriptor, in obj's mode; NULL + error.
FILE *open_file(PyObject *obj) {
    int fd = PyObject_AsFileDescriptor(obj);
    if (fd < 0) return nullptr;
    PyObject *mode = PyObject_GetAttrString(obj, "mode");
    const char *text = mode ? PyUnicode_AsUTF8(mode) : nullptr;
    FILE *f = nullptr;
    if (text) {
        int copy = dup(fd);
        f = copy < 0 ? nullptr : fdopen(copy, text);
        if (!f) {
            PyErr_SetFromErrno(PyExc_OSError);
            if (copy >= 0) close(copy);
        } else {
            std::setbuf(f, nullptr);  // Python's own buffer stays the only one
        }
    }
    Py_XDECREF(mode);
    return f;
}

}  // namespace

CType *file_ctype() {
    if (!file_type) file_type = ctype_alloc(Kind::Struct, PyUnicode_FromString("FILE"), -1);
    return file_type;
}

int is_python_file(CType *ptr, PyObject *obj) {
    if (ptr->kind != Kind::Pointer || !file_type || ptr->item != file_type) return 0;
    if (!io_base_type) {
        PyObject *io = PyImport_ImportModule("_io");
        io_base_type = io ? PyObject_GetAttrString(io, "_IOBase") : nullptr;
        Py_XDECREF(io);
        if (!io_base_type) return -1;
    }
    return PyObject_IsInstance(obj, io_base_type);
}

FILE *python_file_as_FILE(PyObject *obj) {
    PyObject *flushed = PyObject_CallMethod(obj, "flush", nullptr);
    if (!flushed) return nullptr;
    Py_DECREF(flushed);
    PyObject *capsule = PyObject_GetAttrString(obj, capsule_attribute);
    if (!capsule) {
        PyErr_Clear();
        FILE *f = open_file(obj);
        if (!f) return nullptr;
        capsule = PyCapsule_New(f, capsule_name, close_file);
        if (!capsule) {
            std::fclose(f);
            return nullptr;
        }
        if (PyObject_SetAttrString(obj, capsule_attribute, capsule) < 0) {
            Py_DECREF(capsule);
            return nullptr;
        }
    }
    FILE *f = (FILE *)PyCapsule_GetPointer(capsule, capsule_name);
    Py_DECREF(capsule);
    return f;
}

}  // namespace ffigen_rt
