// gc.cpp: ffi.gc(cdata, destructor, size=0), a cdata whose destructor runs
// when it dies.
//
// ffi.gc returns a new cdata, a GCData: same ctype and address as the
// original, holding a strong reference to the original (so memory from
// ffi.new stays alive) and to the destructor. The destructor is called
// exactly once, with the original, when the GCData is deallocated or
// released early (ffi.release / `with`); after an early release every
// access through it, or through views derived from it, raises ValueError.
// ffi.gc(p, None) detaches the destructor of a GCData (it then never runs).
// The GCData is flagged CD_OWNS so that derived views keep it alive and
// check its released flag, but its memory belongs to the original: it is
// always flagged CD_RELEASED before the base cdata dealloc runs, so the
// base never frees it. `size` is accepted for compatibility (a memory
// pressure hint CPython has no use for).
#include "runtime.hpp"

#include <cstring>

namespace ffigen_rt {

PyTypeObject *GCData_Type;

namespace {

struct GCData {
    CData base;
    PyObject *origobj;    // strong: what the destructor receives
    PyObject *destructor; // strong, or NULL once run or detached
};

// Runs the destructor (once). Its errors are unraisable, also when
// ffi.release or `with` runs it (as CFFI).
void run_destructor(GCData *g) {
    PyObject *destructor = g->destructor;
    g->base.flags |= CD_RELEASED;
    if (!destructor) return;
    g->destructor = nullptr;
    PyObject *r = PyObject_CallOneArg(destructor, g->origobj);
    if (!r) PyErr_WriteUnraisable(destructor);
    Py_XDECREF(r);
    Py_DECREF(destructor);
}

void gc_dealloc(PyObject *self) {
    GCData *g = (GCData *)self;
    PyObject_GC_UnTrack(self);
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    run_destructor(g);
    PyErr_Restore(type, value, tb);
    Py_CLEAR(g->origobj);
    CData_Type->tp_dealloc(self);
}

PyObject *gc_repr(PyObject *self) {
    CData *cd = (CData *)self;
    if (cd->flags & CD_RELEASED) return PyUnicode_FromFormat("<cdata '%U' released>", cd->ctype->name);
    return cdata_repr_unowned(cd);  // as CFFI: a value shows, a struct as 'struct s &
}

// __exit__ (what ffi.release calls): the destructor runs now.
PyObject *gc_exit(PyObject *self, PyObject *const *, Py_ssize_t) {
    GCData *g = (GCData *)self;
    run_destructor(g);
    Py_RETURN_NONE;
}

PyMethodDef gc_methods[] = {
    {"__exit__", (PyCFunction)(void (*)())gc_exit, METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// GC: the destructor may refer back (ffi.gc(p, self.close)). No tp_clear:
// the destructor must still run, in dealloc.
int gc_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((GCData *)self)->origobj);
    Py_VISIT(((GCData *)self)->destructor);
    return 0;
}

PyType_Slot gc_slots[] = {
    {Py_tp_dealloc, (void *)gc_dealloc},
    {Py_tp_traverse, (void *)gc_traverse},
    {Py_tp_repr, (void *)gc_repr},
    {Py_tp_methods, gc_methods},
    {0, nullptr},
};

}  // namespace

PyObject *gc_wrap(CType *ct, char *data, Py_ssize_t length, PyObject *origobj, PyObject *destructor) {
    GCData *g = PyObject_GC_New(GCData, GCData_Type);
    if (!g) return nullptr;
    cdata_init_fields(&g->base, ct, data, CD_OWNS);
    g->base.length = length;
    g->origobj = Py_NewRef(origobj);
    g->destructor = Py_XNewRef(destructor);
    PyObject_GC_Track(g);
    return (PyObject *)g;
}

// METH_FASTCALL | METH_KEYWORDS: ffi.gc(p, destructor) is the hot form.
PyObject *ffi_gc(PyObject *, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    PyObject *obj = nullptr, *destructor = nullptr;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nargs + nkw < 2 || nargs + nkw > 3 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "gc() takes 2 or 3 arguments (%zd given)", nargs + nkw);
        return nullptr;
    }
    PyObject *slots[3] = {nargs > 0 ? args[0] : nullptr, nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr};
    static const char *names[3] = {"cdata", "destructor", "size"};
    for (Py_ssize_t i = 0; i < nkw; i++) {
        const char *k = PyUnicode_AsUTF8(PyTuple_GET_ITEM(kwnames, i));
        int at = !k ? -1 : !std::strcmp(k, names[0]) ? 0 : !std::strcmp(k, names[1]) ? 1 : !std::strcmp(k, names[2]) ? 2 : -1;
        if (at < 0 || slots[at]) {
            if (!PyErr_Occurred()) PyErr_Format(PyExc_TypeError, "gc() got an unexpected or repeated keyword argument '%s'", k);
            return nullptr;
        }
        slots[at] = args[nargs + i];
    }
    obj = slots[0];
    destructor = slots[1];
    if (!obj || !destructor) {
        PyErr_SetString(PyExc_TypeError, "gc() needs a cdata and a destructor");
        return nullptr;
    }
    if (slots[2] && PyNumber_AsSsize_t(slots[2], PyExc_OverflowError) == -1 && PyErr_Occurred()) return nullptr;
    if (!cdata_arg(obj, "gc")) return nullptr;
    if (destructor == Py_None) {
        if (!PyObject_TypeCheck(obj, GCData_Type)) {
            PyErr_SetString(PyExc_TypeError, "ffi.gc(p, None) can only detach the destructor of a cdata returned by ffi.gc()");
            return nullptr;
        }
        Py_CLEAR(((GCData *)obj)->destructor);
        Py_RETURN_NONE;
    }
    CData *cd = (CData *)obj;
    // A pointer that merely points into released memory is, as in CFFI, still
    // an address to hand to the destructor; released memory itself is not.
    bool address_only = ctype_is_pointerish(cd->ctype) && !(cd->flags & CD_OWNS);
    if (!address_only && !cdata_alive(cd)) return nullptr;
    return gc_wrap(cd->ctype, cd->data, cd->length, obj, destructor);
}

int gc_init_types(PyObject *) {
    static PyType_Spec spec = {"_ffigen_runtime.__CDataGCP", sizeof(GCData), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC
                               | Py_TPFLAGS_DISALLOW_INSTANTIATION, gc_slots};
    if (!GCData_Type) GCData_Type = (PyTypeObject *)PyType_FromSpecWithBases(&spec, (PyObject *)CData_Type);
    return GCData_Type ? 0 : -1;
}

}  // namespace ffigen_rt
