// file_type.cpp: the C type FILE and Python file objects as FILE *.
//
// As in CFFI, FILE is one process-wide opaque struct ctype named "FILE":
// what a type string's FILE or `struct _IO_FILE` names when the module
// declares neither, and what a module's own `struct _IO_FILE` row (ffigen
// writes FILE so) realizes to, so all modules share it. Created on first
// use, kept until exit like the primitives.
//
// A Python file object (an io object with a file descriptor) becomes a
// FILE * the way CFFI's runtime does it: the object is flushed, its
// descriptor duplicated and opened with fdopen() in the object's mode,
// unbuffered, and that FILE is cached on the object (attribute
// __cffi_FILE, a capsule that fclose()s it when the object goes), so the
// same object gives the same FILE * every time.
#include "runtime.hpp"

#include <cstdio>
#include <unistd.h>

namespace ffigen_rt {

CType *ctype_file() {
    static CType *file;  // process-wide
    if (!file && (file = ctype_alloc(Kind::Struct, PyUnicode_FromString("FILE"), -1))) file->complete = false;
    return file;
}

namespace {

void close_file_capsule(PyObject *capsule) {
    if (FILE *f = (FILE *)PyCapsule_GetPointer(capsule, "FILE")) std::fclose(f);
}

// A new FILE on a duplicate of `file`'s descriptor, in its mode; NULL + error.
FILE *open_duplicate(PyObject *file) {
    int fd = PyObject_AsFileDescriptor(file);
    PyObject *mode = fd < 0 ? nullptr : PyObject_GetAttrString(file, "mode");
    const char *m = mode ? PyUnicode_AsUTF8(mode) : nullptr;
    FILE *f = nullptr;
    if (m) {
        int dup_fd = dup(fd);
        f = dup_fd < 0 ? nullptr : fdopen(dup_fd, m);
        if (!f) {
            PyErr_SetFromErrno(PyExc_OSError);
            if (dup_fd >= 0) close(dup_fd);
        } else {
            std::setbuf(f, nullptr);
        }
    }
    Py_XDECREF(mode);
    return f;
}

}  // namespace

int is_python_file(CType *ptr, PyObject *obj) {
    static PyObject *io_base;  // process-wide
    if (ptr->kind != Kind::Pointer || ptr->item != ctype_file()) return 0;
    if (!io_base) {
        PyObject *io = PyImport_ImportModule("_io");
        io_base = io ? PyObject_GetAttrString(io, "_IOBase") : nullptr;
        Py_XDECREF(io);
        if (!io_base) return -1;
    }
    return PyObject_IsInstance(obj, io_base);
}

FILE *python_file_as_FILE(PyObject *file) {
    PyObject *flushed = PyObject_CallMethod(file, "flush", nullptr);
    if (!flushed) return nullptr;
    Py_DECREF(flushed);
    PyObject *capsule = PyObject_GetAttrString(file, "__cffi_FILE");
    if (capsule) {
        FILE *f = (FILE *)PyCapsule_GetPointer(capsule, "FILE");
        Py_DECREF(capsule);  // the object keeps it
        return f;
    }
    PyErr_Clear();
    FILE *f = open_duplicate(file);
    if (!f) return nullptr;
    capsule = PyCapsule_New(f, "FILE", close_file_capsule);
    if (!capsule) {
        std::fclose(f);
        return nullptr;
    }
    int rc = PyObject_SetAttrString(file, "__cffi_FILE", capsule);
    Py_DECREF(capsule);
    return rc < 0 ? nullptr : f;
}

}  // namespace ffigen_rt
