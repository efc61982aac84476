// buffer.cpp: the object ffi.buffer() returns, a view of C memory as bytes.
//
// A buffer holds a strong reference to the cdata it views (so the memory
// outlives it) and a byte count. It supports the buffer protocol (bytes(b),
// memoryview(b)), len(), indexing and slicing with step 1 (read as bytes, slice
// assignment from any bytes-like object of the same length). A released
// cdata makes every access raise ValueError.
#include "runtime.hpp"

#include <cstring>

namespace ffigen_rt {

namespace {

PyTypeObject *Buffer_Type;

struct BufferObject {
    PyObject_HEAD
    CData *cdata;     // strong
    Py_ssize_t size;
};

// NULL only with an error set: a buffer over a NULL pointer is empty (refused otherwise).
char *buffer_data(BufferObject *b) {
    static char empty;
    return !cdata_alive(b->cdata) ? nullptr : b->cdata->data ? b->cdata->data : &empty;
}

// The owner of the memory counts the exports: it keeps the memory past
// ffi.release while one is alive (the export holds this buffer, which holds it).
CData *exporting_owner(BufferObject *b) {
    PyObject *root = cdata_root(b->cdata);
    return release_may_wait(root) ? (CData *)root : nullptr;
}

int buffer_get(PyObject *self, Py_buffer *view, int flags) {
    BufferObject *b = (BufferObject *)self;
    char *data = buffer_data(b);
    if (!data || PyBuffer_FillInfo(view, self, data, b->size, 0, flags) < 0) return -1;
    if (CData *owner = exporting_owner(b)) owner->exports++;
    return 0;
}

// The last export gone, a release it deferred completes (__exit__ again).
void buffer_release(PyObject *self, Py_buffer *) {
    CData *owner = exporting_owner((BufferObject *)self);
    if (!owner || --owner->exports || !(owner->flags & CD_FREE_LATER)) return;
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyObject *r = cdata_release((PyObject *)owner);
    if (!r) PyErr_WriteUnraisable((PyObject *)owner);
    Py_XDECREF(r);
    PyErr_Restore(type, value, tb);
}

// As CFFI: slices with a step are refused, reading or writing.
PyObject *refuse_step() {
    PyErr_SetString(PyExc_TypeError, "buffer doesn't support slicing with step != 1");
    return nullptr;
}

Py_ssize_t buffer_length(PyObject *self) { return ((BufferObject *)self)->size; }

// (Indexes are read before the memory's address: their __index__ may release it.)
PyObject *buffer_subscript(PyObject *self, PyObject *key) {
    BufferObject *b = (BufferObject *)self;
    char *data;
    if (PySlice_Check(key)) {
        Py_ssize_t start, stop, step;
        if (PySlice_Unpack(key, &start, &stop, &step) < 0 || !(data = buffer_data(b))) return nullptr;
        Py_ssize_t n = PySlice_AdjustIndices(b->size, &start, &stop, step);
        if (step != 1) return refuse_step();
        return PyBytes_FromStringAndSize(data + start, n);
    }
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    if (i < 0) i += b->size;
    if (i < 0 || i >= b->size) {
        PyErr_Format(PyExc_IndexError, "buffer index %zd out of range (size %zd)", i, b->size);
        return nullptr;
    }
    return (data = buffer_data(b)) ? PyBytes_FromStringAndSize(data + i, 1) : nullptr;
}

int buffer_ass_subscript(PyObject *self, PyObject *key, PyObject *value) {
    BufferObject *b = (BufferObject *)self;
    if (!value) {
        PyErr_SetString(PyExc_TypeError, "buffer items cannot be deleted");
        return -1;
    }
    Py_ssize_t start, stop, step, n;
    if (PySlice_Check(key)) {
        if (PySlice_Unpack(key, &start, &stop, &step) < 0) return -1;
        n = PySlice_AdjustIndices(b->size, &start, &stop, step);
        if (step != 1) return refuse_step(), -1;
    } else {
        start = PyNumber_AsSsize_t(key, PyExc_IndexError);
        if (start == -1 && PyErr_Occurred()) return -1;
        if (start < 0) start += b->size;
        if (start < 0 || start >= b->size) {
            PyErr_Format(PyExc_IndexError, "buffer index %zd out of range (size %zd)", start, b->size);
            return -1;
        }
        n = 1;
    }
    char *data = buffer_data(b);
    Py_buffer src;
    if (!data || PyObject_GetBuffer(value, &src, PyBUF_SIMPLE) < 0) return -1;
    int rc = 0;
    if (src.len != n) {  // as CFFI: a wrong length is a TypeError for an item, a ValueError for a slice
        PyErr_Format(PySlice_Check(key) ? PyExc_ValueError : PyExc_TypeError, "buffer assignment expects %zd bytes, got %zd",
                     n, src.len);
        rc = -1;
    } else {
        std::memmove(data + start, src.buf, n);
    }
    PyBuffer_Release(&src);
    return rc;
}

PyObject *buffer_repr(PyObject *self) {
    BufferObject *b = (BufferObject *)self;
    return PyUnicode_FromFormat("<_ffigen_runtime.buffer for cdata '%U' of %zd bytes>", b->cdata->ctype->name, b->size);
}

void buffer_dealloc(PyObject *self) {
    Py_CLEAR(((BufferObject *)self)->cdata);
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

// Item by item, for iteration and `in` (as CFFI's sequence methods).
PyObject *buffer_item(PyObject *self, Py_ssize_t i) {
    BufferObject *b = (BufferObject *)self;
    if (i < 0 || i >= b->size) {
        PyErr_Format(PyExc_IndexError, "buffer index %zd out of range (size %zd)", i, b->size);
        return nullptr;
    }
    char *data = buffer_data(b);
    return data ? PyBytes_FromStringAndSize(data + i, 1) : nullptr;
}

// Compared as bytes with anything bytes-like (as CFFI; never with a str).
PyObject *buffer_richcompare(PyObject *self, PyObject *other, int op) {
    if (PyUnicode_Check(other) || !PyObject_CheckBuffer(other)) Py_RETURN_NOTIMPLEMENTED;
    PyObject *mine = PyBytes_FromObject(self), *theirs = mine ? PyBytes_FromObject(other) : nullptr;
    PyObject *r = theirs ? PyObject_RichCompare(mine, theirs, op) : nullptr;
    Py_XDECREF(mine);
    Py_XDECREF(theirs);
    return r;
}

// buffer(cdata, size=-1), as CFFI's type is callable: the same as ffi.buffer.
PyObject *buffer_tp_new(PyTypeObject *, PyObject *args, PyObject *kwargs) { return ffi_buffer(nullptr, args, kwargs); }

PyType_Slot buffer_slots[] = {
    {Py_tp_new, (void *)buffer_tp_new},
    {Py_tp_dealloc, (void *)buffer_dealloc},
    {Py_tp_repr, (void *)buffer_repr},
    {Py_bf_getbuffer, (void *)buffer_get},
    {Py_bf_releasebuffer, (void *)buffer_release},
    {Py_mp_length, (void *)buffer_length},
    {Py_sq_length, (void *)buffer_length},
    {Py_mp_subscript, (void *)buffer_subscript},
    {Py_mp_ass_subscript, (void *)buffer_ass_subscript},
    {Py_sq_item, (void *)buffer_item},
    {Py_tp_richcompare, (void *)buffer_richcompare},
    {Py_tp_hash, (void *)PyObject_HashNotImplemented},
    {Py_tp_doc, (void *)"A view of C memory as bytes (ffi.buffer)."},
    {0, nullptr},
};

}  // namespace

// Only pointers and arrays, as CFFI. The natural size of cd's memory: its
// item for a pointer, its whole extent for an array.
PyObject *buffer_new(CData *cd, Py_ssize_t size) {
    CType *ct = cd->ctype;
    if (ct->kind != Kind::Pointer && ct->kind != Kind::Array) {
        PyErr_Format(PyExc_TypeError, "expected a pointer or array cdata, got '%U'", ct->name);
        return nullptr;
    }
    if (size < 0) {
        if (ct->kind == Kind::Array) size = cdata_array_length(cd) * ct->item->size;
        else if ((size = cdata_var_size(cd)) < 0) size = ct->item->size;  // var_size: a struct with an open array, sized by ffi.new
        if (size < 0) {
            PyErr_Format(PyExc_TypeError, "buffer() cannot tell the size of cdata '%U': pass a size", ct->name);
            return nullptr;
        }
    } else if ((cd->flags & CD_OWNS) && Py_IS_TYPE(cd, CData_Type) && size > cd->alloc_size
             && PyErr_WarnFormat(PyExc_UserWarning, 1, "ffi.buffer(cdata, bytes): creating a buffer of %zd bytes "
                                 "over a cdata that owns only %zd bytes", size, cd->alloc_size) < 0) {
        return nullptr;  // (ffi.new memory: as CFFI, other memory has no known size)
    }
    if (!cdata_alive(cd)) return nullptr;
    if (!cd->data && size > 0) {
        PyErr_Format(PyExc_RuntimeError, "buffer() on a NULL cdata '%U'", ct->name);
        return nullptr;
    }
    BufferObject *b = PyObject_New(BufferObject, Buffer_Type);
    if (!b) return nullptr;
    b->cdata = (CData *)Py_NewRef(cd);
    b->size = size;
    return (PyObject *)b;
}

int buffer_init_types(PyObject *module) {
    static PyType_Spec spec = {"_ffigen_runtime.buffer", sizeof(BufferObject), 0, Py_TPFLAGS_DEFAULT, buffer_slots};
    if (!Buffer_Type) {
        if (!(Buffer_Type = (PyTypeObject *)PyType_FromSpec(&spec))) return -1;
        // ffi.buffer is this type, as CFFI's (called, it makes one)
        if (PyDict_SetItemString(FFI_Type->tp_dict, "buffer", (PyObject *)Buffer_Type) < 0) return -1;
        PyType_Modified(FFI_Type);
    }
    return PyModule_AddObjectRef(module, "buffer", (PyObject *)Buffer_Type);
}

}  // namespace ffigen_rt
