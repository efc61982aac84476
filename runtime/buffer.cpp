// buffer.cpp: the object ffi.buffer() returns, a view of C memory as bytes.
//
// A buffer holds a strong reference to the cdata it views (so the memory
// outlives it) and a byte count. It supports the buffer protocol (bytes(b),
// memoryview(b)), len(), indexing and slicing (read as bytes, slice
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

char *buffer_data(BufferObject *b) { return cdata_alive(b->cdata) ? b->cdata->data : nullptr; }

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

Py_ssize_t buffer_length(PyObject *self) { return ((BufferObject *)self)->size; }

// (Indexes are read before the memory's address: their __index__ may release it.)
PyObject *buffer_subscript(PyObject *self, PyObject *key) {
    BufferObject *b = (BufferObject *)self;
    char *data;
    if (PySlice_Check(key)) {
        Py_ssize_t start, stop, step;
        if (PySlice_Unpack(key, &start, &stop, &step) < 0 || !(data = buffer_data(b))) return nullptr;
        Py_ssize_t n = PySlice_AdjustIndices(b->size, &start, &stop, step);
        if (step == 1) return PyBytes_FromStringAndSize(data + start, n);
        PyObject *r = PyBytes_FromStringAndSize(nullptr, n);
        for (Py_ssize_t i = 0; r && i < n; i++) PyBytes_AS_STRING(r)[i] = data[start + i * step];
        return r;
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
        if (step != 1) {
            PyErr_SetString(PyExc_ValueError, "buffer slice assignment needs step 1");
            return -1;
        }
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
    if (src.len != n) {
        PyErr_Format(PyExc_ValueError, "buffer assignment expects %zd bytes, got %zd", n, src.len);
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
    {Py_tp_doc, (void *)"A view of C memory as bytes (ffi.buffer)."},
    {0, nullptr},
};

}  // namespace

// The natural size of cd's memory: its item for a pointer, its whole extent
// for an array or struct.
PyObject *buffer_new(CData *cd, Py_ssize_t size) {
    CType *ct = cd->ctype;
    if (size < 0) {
        if (ct->kind == Kind::Array) size = cdata_array_length(cd) * ct->item->size;
        else if ((size = cdata_var_size(cd)) >= 0) {}  // a struct with an open array, sized by ffi.new
        else if (ct->kind == Kind::Pointer && ct->item->size >= 0) size = ct->item->size;
        else if (ctype_is_struct(ct) || ctype_is_integer(ct) || ct->kind == Kind::Float) size = ct->size;
        else {
            PyErr_Format(PyExc_TypeError, "buffer() cannot tell the size of cdata '%U': pass a size", ct->name);
            return nullptr;
        }
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
    if (!Buffer_Type && !(Buffer_Type = (PyTypeObject *)PyType_FromSpec(&spec))) return -1;
    return PyModule_AddObjectRef(module, "buffer", (PyObject *)Buffer_Type);
}

}  // namespace ffigen_rt
