// from_buffer.cpp: ffi.from_buffer([cdecl,] python_buffer, require_writable=False),
// a cdata over the memory of a Python buffer-protocol object (bytes,
// bytearray, memoryview, array.array, ...), without copying.
//
// The FromBuffer cdata holds the exporter's Py_buffer (and so a reference
// to the object, which keeps a bytearray from being resized) until it dies
// or is released (ffi.release / `with`); after a release every access
// through it or through views derived from it raises ValueError. It is
// flagged CD_OWNS so derived views keep it alive, and always CD_RELEASED
// before the base cdata dealloc runs, which therefore never frees the
// exporter's memory.
#include "runtime.hpp"

namespace ffigen_rt {

PyTypeObject *FromBuffer_Type;

namespace {

struct FromBuffer {
    CData base;
    Py_buffer view;  // held until CD_RELEASED (and, with CD_FREE_LATER, until dealloc)
};

// At ffi.release the view goes too, unless C calls, writes or exported
// buffers may still use its memory (call_pins.cpp): then in dealloc.
void release_view(FromBuffer *fb, bool at_dealloc) {
    CData *cd = &fb->base;
    bool held = holds_memory(cd);
    if (held && !at_dealloc && release_must_defer(cd)) {
        cd->flags |= CD_RELEASED | CD_FREE_LATER;
        return;
    }
    if (held) PyBuffer_Release(&fb->view);
    cd->flags = (cd->flags | CD_RELEASED) & ~CD_FREE_LATER;  // the base dealloc frees nothing
}

void from_buffer_dealloc(PyObject *self) {
    release_view((FromBuffer *)self, true);
    CData_Type->tp_dealloc(self);
}

PyObject *from_buffer_repr(PyObject *self) {
    FromBuffer *fb = (FromBuffer *)self;
    CData *cd = &fb->base;
    if (cd->flags & CD_RELEASED) return PyUnicode_FromFormat("<cdata '%U' buffer released>", cd->ctype->name);
    const char *from = fb->view.obj ? Py_TYPE(fb->view.obj)->tp_name : "?";
    if (cd->ctype->kind == Kind::Pointer) return PyUnicode_FromFormat("<cdata '%U' buffer from '%s' object>", cd->ctype->name, from);
    return PyUnicode_FromFormat("<cdata '%U' buffer len %zd from '%s' object>", cd->ctype->name,
                                cdata_array_length(cd), from);
}

PyObject *from_buffer_exit(PyObject *self, PyObject *const *, Py_ssize_t) {
    release_view((FromBuffer *)self, false);
    Py_RETURN_NONE;
}

PyMethodDef from_buffer_methods[] = {
    {"__exit__", (PyCFunction)(void (*)())from_buffer_exit, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyType_Slot from_buffer_slots[] = {
    {Py_tp_dealloc, (void *)from_buffer_dealloc},
    {Py_tp_repr, (void *)from_buffer_repr},
    {Py_tp_methods, from_buffer_methods},
    {0, nullptr},
};

// The item count of ct over `len` bytes, or -1 + error.
Py_ssize_t length_over(CType *ct, Py_ssize_t len) {
    if (ct->kind == Kind::Pointer) return -1;  // no length: a plain pointer
    Py_ssize_t item = ct->item->size;
    if (item <= 0) {
        PyErr_Format(PyExc_TypeError, "from_buffer(): items of '%U' have unknown size", ct->name);
        return -2;
    }
    if (ct->length < 0) return len / item;
    if (ct->length > len / item) {
        PyErr_Format(PyExc_ValueError, "buffer is too small (%zd bytes) for '%U' (%zd bytes)", len, ct->name,
                     ct->length * item);
        return -2;
    }
    return ct->length;
}

}  // namespace

// METH_FASTCALL | METH_KEYWORDS: ffi.from_buffer(buf) is the hot form.
PyObject *ffi_from_buffer(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    PyObject *cdecl = nullptr, *obj = nullptr;
    int writable = 0;
    if (!kwnames && (nargs == 1 || nargs == 2)) {
        cdecl = nargs == 2 ? args[0] : nullptr;
        obj = args[nargs - 1];
    } else {
        static const char *const kwlist[] = {"cdecl", "python_buffer", "require_writable", nullptr};
        PyObject *a = nullptr, *b = nullptr;
        bool ok = parse_fastcall_keywords(args, nargs, kwnames, "O|Op:from_buffer", kwlist, &a, &b, &writable);
        if (!ok) return nullptr;
        cdecl = b ? a : nullptr;
        obj = b ? b : a;
    }
    if (PyUnicode_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "from_buffer() cannot return the address of a str object");
        return nullptr;
    }
    CType *ct = cdecl ? ffi_resolve_type((FFIObject *)self, cdecl) : nullptr;
    if (!cdecl) {
        static CType *char_array = ctype_array_of(ctype_primitive(_FFIGEN_PRIM_CHAR), -1);  // process-wide
        ct = (CType *)Py_XNewRef(char_array);
    } else if (ct && ct->kind != Kind::Array && ct->kind != Kind::Pointer) {
        PyErr_Format(PyExc_TypeError, "from_buffer() expects an array or pointer ctype, not '%U'", ct->name);
        Py_CLEAR(ct);
    }
    if (!ct) return nullptr;
    FromBuffer *fb = PyObject_New(FromBuffer, FromBuffer_Type);
    if (!fb) {
        Py_DECREF(ct);
        return nullptr;
    }
    cdata_init_fields(&fb->base, ct, nullptr, CD_OWNS | CD_RELEASED);  // no view yet
    Py_DECREF(ct);
    if (PyObject_GetBuffer(obj, &fb->view, writable ? PyBUF_WRITABLE : PyBUF_SIMPLE) < 0) {
        Py_DECREF(fb);
        return nullptr;
    }
    fb->base.flags = CD_OWNS;
    Py_ssize_t length = length_over(fb->base.ctype, fb->view.len);
    if (length == -2) {
        Py_DECREF(fb);
        return nullptr;
    }
    fb->base.data = (char *)fb->view.buf;
    fb->base.length = length;
    fb->base.alloc_size = fb->view.len;
    return (PyObject *)fb;
}

int from_buffer_init_types(PyObject *) {
    static PyType_Spec spec = {"_ffigen_runtime.__CDataFromBuf", sizeof(FromBuffer), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
                               from_buffer_slots};
    if (!FromBuffer_Type) FromBuffer_Type = (PyTypeObject *)PyType_FromSpecWithBases(&spec, (PyObject *)CData_Type);
    return FromBuffer_Type ? 0 : -1;
}

}  // namespace ffigen_rt
