// handle.cpp: ffi.new_handle(obj) / ffi.from_handle(p), passing a Python
// object through C as an opaque `void *`.
//
// new_handle returns a Handle, a `void *` cdata whose value is the address
// of the Handle object itself and which holds a strong reference to obj.
// from_handle(p) turns such an address back into obj. The caller must keep
// the Handle alive as long as C may hand the pointer back (as with CFFI):
// from_handle on a dead or foreign pointer is undefined, though a pointer
// to any object that is not a Handle is detected and refused.
#include "runtime.hpp"

namespace ffigen_rt {

PyTypeObject *Handle_Type;

namespace {

struct Handle {
    CData base;
    PyObject *obj;  // strong
};

// A handle owns no memory and has no owner: its dealloc does the base's
// work directly (this is the hot path of callback-heavy bindings).
void handle_dealloc(PyObject *self) {
    Handle *h = (Handle *)self;
    PyObject_GC_UnTrack(self);
    if (h->base.weakrefs) PyObject_ClearWeakRefs(self);
    Py_DECREF(h->obj);
    Py_DECREF(h->base.ctype);
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_Del(self);
    Py_DECREF(tp);
}

PyObject *handle_repr(PyObject *self) {
    return PyUnicode_FromFormat("<cdata '%U' handle to %R>", ((CData *)self)->ctype->name, ((Handle *)self)->obj);
}

// GC: obj commonly refers back to its handle (self._h = ffi.new_handle(self)).
// No tp_clear: from_handle must keep working while C holds the pointer.
int handle_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((Handle *)self)->obj);
    return 0;
}

PyType_Slot handle_slots[] = {
    {Py_tp_dealloc, (void *)handle_dealloc},
    {Py_tp_traverse, (void *)handle_traverse},
    {Py_tp_repr, (void *)handle_repr},
    {0, nullptr},
};

}  // namespace

PyObject *ffi_new_handle(PyObject *, PyObject *obj) {
    static CType *voidp = ctype_pointer_to(ctype_primitive(_FFIGEN_PRIM_VOID));  // process-wide
    if (!voidp) return nullptr;
    Handle *h = PyObject_GC_New(Handle, Handle_Type);
    if (h) {
        cdata_init_fields(&h->base, voidp, (char *)h, 0);
        h->obj = Py_NewRef(obj);
        PyObject_GC_Track(h);
    }
    return (PyObject *)h;
}

PyObject *ffi_from_handle(PyObject *, PyObject *arg) {
    if (Py_IS_TYPE(arg, Handle_Type)) return Py_NewRef(((Handle *)arg)->obj);  // the handle itself: the common case
    CData *cd = is_cdata(arg) ? (CData *)arg : nullptr;
    if (!cd || !ctype_is_pointerish(cd->ctype)) {
        PyErr_Format(PyExc_TypeError, "from_handle() expects a cdata pointer, not %.200s",
                     cd ? PyUnicode_AsUTF8(cd->ctype->name) : Py_TYPE(arg)->tp_name);
        return nullptr;
    }
    if (!cd->data) {
        PyErr_SetString(PyExc_RuntimeError, "cannot use from_handle() on a NULL pointer");
        return nullptr;
    }
    PyObject *h = (PyObject *)cd->data;
    if (!Py_IS_TYPE(h, Handle_Type)) {
        PyErr_SetString(PyExc_RuntimeError, "from_handle(): the pointer was not made by ffi.new_handle()");
        return nullptr;
    }
    return Py_NewRef(((Handle *)h)->obj);
}

int handle_init_types(PyObject *) {
    static PyType_Spec spec = {"_ffigen_runtime.__CDataHandle", sizeof(Handle), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC
                               | Py_TPFLAGS_DISALLOW_INSTANTIATION, handle_slots};
    if (!Handle_Type) Handle_Type = (PyTypeObject *)PyType_FromSpecWithBases(&spec, (PyObject *)CData_Type);
    return Handle_Type ? 0 : -1;
}

}  // namespace ffigen_rt
