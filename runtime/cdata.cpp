// cdata.cpp: the cdata object, a typed piece of C memory.
//
// A cdata pairs a ctype with an address (`data`). What `data` means by kind:
// for a pointer or function pointer it is the pointer value itself; for an
// array, struct or union it is the address of the first byte; for a
// primitive value made by ffi.cast it points at `inline_value` inside the
// object.
//
// Ownership: a cdata either owns its memory (CD_OWNS: ffi.new and struct
// results; up to 16 bytes live inline in the object, larger blocks come
// from PyMem_Calloc and are freed in dealloc or early by ffi.release / the
// `with` exit, unless a C call in flight may still use them: see
// call_pins.cpp), or borrows it. A borrowing cdata derived from an owning one
// (p[0], a struct field, a slice, p + 1) holds a strong reference to the
// owner (`owner`), so memory never dies under a live view; after an early
// release every view refuses access with ValueError instead of touching
// freed memory. Cdata hold only ctypes and owners, which never refer back
// to cdata, so they cannot form cycles and are not GC-tracked.
#include "runtime.hpp"

#include <cstdio>
#include <cstring>

namespace ffigen_rt {

PyTypeObject *CData_Type;

namespace {

constexpr Py_ssize_t kInlineBytes = sizeof(((CData *)nullptr)->inline_value);

CData *cdata_alloc(CType *ct) {
    CData *cd = PyObject_New(CData, CData_Type);
    if (cd) cdata_init_fields(cd, ct, nullptr, 0);
    return cd;
}

void free_owned(CData *cd) {
    if ((cd->flags & CD_OWNS) && cd->data != cd->inline_value) PyMem_Free(cd->data);
}

void cdata_dealloc(PyObject *self) {
    CData *cd = (CData *)self;
    if (cd->weakrefs) PyObject_ClearWeakRefs(self);
    if (holds_memory(cd)) free_owned(cd);
    Py_DECREF(cd->ctype);
    Py_XDECREF(cd->owner);
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

PyObject *repr_value(CData *cd) {
    CType *ct = cd->ctype;
    PyObject *v = to_python(cd->data, ct, nullptr);
    if (!v) return nullptr;
    PyObject *r;
    if (ct->kind == Kind::Enum) {
        PyObject *name = enum_dicts(ct) == 0 ? PyDict_GetItemWithError(ct->enum_by_value, v) : nullptr;
        r = name ? PyUnicode_FromFormat("<cdata '%U' %R: %U>", ct->name, v, name)
                 : PyErr_Occurred() ? nullptr : PyUnicode_FromFormat("<cdata '%U' %R>", ct->name, v);
    } else if (ct->kind == Kind::LongDouble) {
        long double x;
        std::memcpy(&x, cd->data, sizeof x);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%LE", x);  // as CFFI's repr
        r = PyUnicode_FromFormat("<cdata '%U' %s>", ct->name, buf);
    } else {
        r = PyUnicode_FromFormat("<cdata '%U' %R>", ct->name, v);
    }
    Py_DECREF(v);
    return r;
}

PyObject *cdata_repr(PyObject *self) {
    CData *cd = (CData *)self;
    CType *ct = cd->ctype;
    if (cd->flags & CD_RELEASED) return PyUnicode_FromFormat("<cdata '%U' released>", ct->name);
    if (cd->flags & CD_OWNS) {
        return PyUnicode_FromFormat("<cdata '%U' owning %zd bytes>", ct->name, cd->alloc_size);
    }
    // p[0] of ffi.new("struct s *") is, in CFFI, the owning struct itself
    if (cd->flags & CD_OWNED_STRUCT)
        return PyUnicode_FromFormat("<cdata '%U' owning %zd bytes>", ct->name, ((CData *)cd->owner)->alloc_size);
    return cdata_repr_unowned(cd);
}

// ---- numbers ----------------------------------------------------------------

// int() and float() as CFFI's cdata have them: int() of integers, chars and
// floats, float() of floats only; a pointer refuses both (and no cdata has
// __index__, so none is a sequence index or a range bound).
PyObject *cdata_int(PyObject *self) {
    CData *cd = (CData *)self;
    if (!cdata_alive(cd)) return nullptr;
    CType *ct = cd->ctype;
    switch (ct->kind) {
    case Kind::SignedInt: case Kind::UnsignedInt: case Kind::Enum: return read_integer(cd->data, ct);
    case Kind::Bool: {
        PyObject *b = read_bool(cd->data);
        if (!b) return nullptr;
        Py_DECREF(b);  // True or False: kept alive by the interpreter
        return PyLong_FromLong(b == Py_True);
    }
    case Kind::Char: return PyLong_FromLong((unsigned char)*cd->data);
    case Kind::WChar: {  // the raw value, even when it is no character
        if (ct->size == 2) { uint16_t c; std::memcpy(&c, cd->data, 2); return PyLong_FromLong(c); }
        int32_t c;
        std::memcpy(&c, cd->data, 4);
        bool is_signed = ct == ctype_primitive(_FFIGEN_PRIM_WCHAR) && (wchar_t)-1 < 0;  // char32_t is unsigned
        return is_signed ? PyLong_FromLong(c) : PyLong_FromUnsignedLong((uint32_t)c);
    }
    case Kind::Float: case Kind::LongDouble: {
        double d = ct->kind == Kind::LongDouble ? (double)*(long double *)cd->data
                   : ct->size == sizeof(float) ? *(float *)cd->data : *(double *)cd->data;
        return PyLong_FromDouble(d);
    }
    default: break;
    }
    PyErr_Format(PyExc_TypeError, "int() not supported on cdata '%U'", ct->name);
    return nullptr;
}

PyObject *cdata_float(PyObject *self) {
    CData *cd = (CData *)self;
    if (!cdata_alive(cd)) return nullptr;
    CType *ct = cd->ctype;
    if (ct->kind == Kind::Float) return to_python(cd->data, ct, nullptr);
    if (ct->kind == Kind::LongDouble) return PyFloat_FromDouble((double)*(long double *)cd->data);
    PyErr_Format(PyExc_TypeError, "float() not supported on cdata '%U'", ct->name);
    return nullptr;
}

int cdata_bool(PyObject *self) {
    CData *cd = (CData *)self;
    CType *ct = cd->ctype;
    if (ctype_is_pointerish(ct)) return cd->data != nullptr;
    if (ct->kind == Kind::Float || ct->kind == Kind::LongDouble) {
        PyObject *f = cdata_float(self);
        if (!f) return -1;
        int r = PyFloat_AS_DOUBLE(f) != 0.0;
        Py_DECREF(f);
        return r;
    }
    if (ctype_is_integer(ct) || ct->kind == Kind::Char || ct->kind == Kind::WChar) {
        PyObject *i = cdata_int(self);
        if (!i) return -1;
        int r = PyObject_IsTrue(i);
        Py_DECREF(i);
        return r;
    }
    if (ct->kind == Kind::Complex) {
        if (!cdata_alive(cd)) return -1;
        Py_complex v = read_complex(cd->data, ct);
        return v.real != 0.0 || v.imag != 0.0;
    }
    return 1;
}

// __complex__: complex(x) of a complex cdata. Other cdata refuse it (as in
// CFFI), which also makes them refuse to initialize complex memory.
PyObject *cdata_complex(PyObject *self, PyObject *) {
    CData *cd = (CData *)self;
    if (cd->ctype->kind != Kind::Complex) {
        PyErr_Format(PyExc_TypeError, "complex() not supported on cdata '%U'", cd->ctype->name);
        return nullptr;
    }
    return cdata_alive(cd) ? to_python(cd->data, cd->ctype, nullptr) : nullptr;
}

// (void * steps by bytes, as in CFFI and gcc)
Py_ssize_t item_size_for_arith(CType *ct) {
    CType *item = ct->item;
    if (item->kind == Kind::Void) return 1;
    if (item->size < 0) {
        PyErr_Format(PyExc_TypeError, "ctype '%U' points to an item of unknown size", ct->name);
        return -1;
    }
    return item->size;
}

// p + n, n + p, p - n: a pointer to the n-th item from p (arrays decay).
PyObject *pointer_offset(CData *cd, PyObject *n_obj, int sign) {
    CType *ct = cd->ctype;
    if (ct->kind != Kind::Pointer && ct->kind != Kind::Array) Py_RETURN_NOTIMPLEMENTED;
    if (!PyIndex_Check(n_obj)) Py_RETURN_NOTIMPLEMENTED;
    Py_ssize_t n = PyNumber_AsSsize_t(n_obj, PyExc_OverflowError);
    if (n == -1 && PyErr_Occurred()) return nullptr;
    Py_ssize_t size = item_size_for_arith(ct);
    if (size < 0 || !cdata_alive(cd)) return nullptr;
    CType *ptr = ct->kind == Kind::Array ? ctype_pointer_to(ct->item) : (CType *)Py_NewRef(ct);
    if (!ptr) return nullptr;
    char *at = sign > 0 ? item_at(cd->data, n, size) : (char *)((uintptr_t)cd->data - (uintptr_t)n * (uintptr_t)size);
    PyObject *r = (PyObject *)cdata_new_pointer(ptr, at, cdata_root(cd));
    Py_DECREF(ptr);
    return r;
}

PyObject *cdata_add(PyObject *a, PyObject *b) {
    if (is_cdata(a)) return pointer_offset((CData *)a, b, 1);
    if (is_cdata(b)) return pointer_offset((CData *)b, a, 1);
    Py_RETURN_NOTIMPLEMENTED;
}

PyObject *cdata_sub(PyObject *a, PyObject *b) {
    if (!is_cdata(a)) Py_RETURN_NOTIMPLEMENTED;
    CData *x = (CData *)a;
    if (is_cdata(b)) {
        CData *y = (CData *)b;
        // As CFFI: a pointer minus a pointer or array of its item type (an
        // array on the left does not decay)
        CType *tx = x->ctype->kind == Kind::Pointer ? x->ctype->item : nullptr;
        CType *ty = y->ctype->kind == Kind::Array ? y->ctype->item : y->ctype->kind == Kind::Pointer ? y->ctype->item : nullptr;
        if (!tx || tx != ty || (tx->size <= 0 && tx->kind != Kind::Void)) {
            PyErr_Format(PyExc_TypeError, "cannot subtract cdata '%U' and cdata '%U'", x->ctype->name, y->ctype->name);
            return nullptr;
        }
        Py_ssize_t size = tx->size > 0 ? tx->size : 1;
        // Unrelated pointers subtract too (as in CFFI): no C pointer subtraction.
        Py_ssize_t diff = (Py_ssize_t)((uintptr_t)x->data - (uintptr_t)y->data);
        if (diff % size) {
            PyErr_SetString(PyExc_ValueError, "pointer subtraction: the distance is not a multiple of the item size");
            return nullptr;
        }
        return PyLong_FromSsize_t(diff / size);
    }
    return pointer_offset(x, b, -1);
}

// ---- comparison and hash ------------------------------------------------------

bool is_primitive_value(CType *ct) {
    return ctype_is_integer(ct) || ct->kind == Kind::Char || ct->kind == Kind::WChar
        || ct->kind == Kind::Float || ct->kind == Kind::LongDouble || ct->kind == Kind::Complex;
}

// A primitive cdata as the Python object it compares and hashes like, as
// in CFFI: its value read out (bytes for a char, str for a wchar_t, bool for
// a _Bool). A long double has none (it reads out as a cdata): NULL, no error.
PyObject *primitive_value(CData *cd) {
    if (cd->ctype->kind == Kind::LongDouble) return nullptr;
    return cdata_alive(cd) ? to_python(cd->data, cd->ctype, nullptr) : nullptr;
}

PyObject *cdata_richcompare(PyObject *a, PyObject *b, int op) {
    // Primitive cdata compare by value, with each other and with Python objects.
    CData *ca = is_cdata(a) ? (CData *)a : nullptr;
    CData *cb = is_cdata(b) ? (CData *)b : nullptr;
    bool pa = ca && is_primitive_value(ca->ctype), pb = cb && is_primitive_value(cb->ctype);
    if (pa || pb) {
        if ((ca && !pa) || (cb && !pb)) Py_RETURN_NOTIMPLEMENTED;
        PyObject *x = pa ? primitive_value(ca) : Py_NewRef(a);
        PyObject *y = x ? (pb ? primitive_value(cb) : Py_NewRef(b)) : nullptr;
        PyObject *r = y ? PyObject_RichCompare(x, y, op) : nullptr;
        if (!r && !PyErr_Occurred())
            PyErr_Format(PyExc_NotImplementedError, "cdata '%U' compares only through float() or int()",
                         (pa && !x ? ca : cb)->ctype->name);
        Py_XDECREF(x);
        Py_XDECREF(y);
        return r;
    }
    if (!ca || !cb) Py_RETURN_NOTIMPLEMENTED;
    Py_RETURN_RICHCOMPARE((uintptr_t)ca->data, (uintptr_t)cb->data, op);
}

// Py_HashPointer is public from 3.13 on, where the private name it
// replaces is deprecated (3.14 warns).
Py_hash_t hash_pointer(const void *p) {
#if PY_VERSION_HEX >= 0x030D0000
    return Py_HashPointer(p);
#else
    return _Py_HashPointer(p);
#endif
}

Py_hash_t cdata_hash(PyObject *self) {
    CData *cd = (CData *)self;
    if (is_primitive_value(cd->ctype)) {
        PyObject *v = primitive_value(cd);
        if (!v && PyErr_Occurred()) return -1;
        Py_hash_t h = v ? PyObject_Hash(v) : hash_pointer(cd->data);
        Py_XDECREF(v);
        return h;
    }
    return hash_pointer(cd->data);
}

// ---- iteration, calls, with -------------------------------------------------

PyObject *cdata_iter(PyObject *self) {
    CData *cd = (CData *)self;
    if (cd->ctype->kind != Kind::Array) {
        PyErr_Format(PyExc_TypeError, "cdata '%U' does not support iteration", cd->ctype->name);
        return nullptr;
    }
    // A list snapshot is simple and, for C arrays, as fast as a lazy iterator.
    Py_ssize_t n = cdata_array_length(cd);
    if (!cdata_alive(cd)) return nullptr;
    PyObject *list = PyList_New(n);
    for (Py_ssize_t i = 0; list && i < n; i++) {
        PyObject *v = to_python(cd->data + i * cd->ctype->item->size, cd->ctype->item, cdata_root(cd));
        if (!v) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, v);
    }
    if (!list) return nullptr;
    PyObject *it = PyObject_GetIter(list);
    Py_DECREF(list);
    return it;
}

PyObject *cdata_call(PyObject *self, PyObject *args, PyObject *kwargs) {
    if (kwargs && PyDict_GET_SIZE(kwargs)) {
        PyErr_SetString(PyExc_TypeError, "C functions take no keyword arguments");
        return nullptr;
    }
    CData *cd = (CData *)self;
    if (cd->ctype->kind != Kind::Function) {
        PyErr_Format(PyExc_TypeError, "cdata '%U' is not callable", cd->ctype->name);
        return nullptr;
    }
    return call_function_pointer(cd, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args));
}

PyObject *cdata_enter(PyObject *self, PyObject *) {
    return cdata_check_releasable((CData *)self) ? Py_NewRef(self) : nullptr;
}

// ffi.release / `with` exit: access ends now; the memory goes now too
// unless a C call in flight or a write may use it (call_pins.cpp), or a
// memoryview of it is alive: then in dealloc.
PyObject *cdata_exit(PyObject *self, PyObject *) {
    CData *cd = (CData *)self;
    if (!cdata_check_releasable(cd)) return nullptr;
    if (holds_memory(cd)) {  // (again: a deferred free may go now)
        if (release_must_defer(cd)) {
            cd->flags |= CD_FREE_LATER;
        } else {
            free_owned(cd);
            cd->flags &= ~CD_FREE_LATER;
        }
        cd->flags |= CD_RELEASED;
    }
    Py_RETURN_NONE;
}

PyMethodDef cdata_methods[] = {
    {"__dir__", cdata_dir, METH_NOARGS, nullptr},
    {"__complex__", cdata_complex, METH_NOARGS, nullptr},
    {"__enter__", cdata_enter, METH_NOARGS, nullptr},
    {"__exit__", cdata_exit, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef cdata_members[] = {
    {"__weaklistoffset__", T_PYSSIZET, offsetof(CData, weakrefs), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyType_Slot cdata_slots[] = {
    {Py_tp_dealloc, (void *)cdata_dealloc},
    {Py_tp_repr, (void *)cdata_repr},
    {Py_tp_hash, (void *)cdata_hash},
    {Py_tp_richcompare, (void *)cdata_richcompare},
    {Py_tp_getattro, (void *)cdata_getattro},
    {Py_tp_setattro, (void *)cdata_setattro},
    {Py_tp_iter, (void *)cdata_iter},
    {Py_tp_call, (void *)cdata_call},
    {Py_tp_methods, cdata_methods},
    {Py_tp_members, cdata_members},
    {Py_nb_int, (void *)cdata_int},
    {Py_nb_float, (void *)cdata_float},
    {Py_nb_bool, (void *)cdata_bool},
    {Py_nb_add, (void *)cdata_add},
    {Py_nb_subtract, (void *)cdata_sub},
    {Py_mp_subscript, (void *)cdata_subscript},
    {Py_mp_ass_subscript, (void *)cdata_ass_subscript},
    {Py_mp_length, (void *)cdata_length},
    {Py_sq_length, (void *)cdata_length},
    {Py_tp_doc, (void *)"A piece of C memory with its ctype (ffi.CData)."},
    {0, nullptr},
};

}  // namespace

PyObject *cdata_repr_unowned(CData *cd) {
    CType *ct = cd->ctype;
    if (ct->kind == Kind::Array && ct->length < 0)
        return PyUnicode_FromFormat("<cdata '%U' sliced length %zd>", ct->name, cd->length);
    if (ctype_is_pointerish(ct) || ct->kind == Kind::Array || ctype_is_struct(ct)) {
        if (!cd->data) return PyUnicode_FromFormat("<cdata '%U' NULL>", ct->name);
        return PyUnicode_FromFormat("<cdata '%U%s' %p>", ct->name, ctype_is_struct(ct) ? " &" : "", cd->data);
    }
    return repr_value(cd);
}

bool cdata_alive(CData *cd) {
    CData *root = cd->owner ? (CData *)cd->owner : cd;
    if (root->flags & CD_RELEASED) {
        PyErr_Format(PyExc_ValueError, "cdata '%U' was released: its memory is gone", cd->ctype->name);
        return false;
    }
    return true;
}

// Memory a cdata does not own (casts, views, callbacks, handles) cannot be
// released: ffi.release and `with` refuse it at once, as CFFI does.
// A plain owning struct (returned by value, a callback's argument) is, as
// in CFFI, no ffi.new() result: not releasable. ffi.gc()'s subclass is.
bool cdata_check_releasable(CData *cd) {
    bool by_value = ctype_is_struct(cd->ctype) && Py_IS_TYPE(cd, CData_Type);
    if ((cd->flags & CD_OWNS) && !by_value) return true;
    PyErr_Format(PyExc_ValueError, "cdata '%U' does not own its memory: only cdata from ffi.new(), ffi.gc(), "
                 "ffi.from_buffer() or an ffi.new_allocator() allocator can be released (ffi.release() or 'with')",
                 cd->ctype->name);
    return false;
}

PyObject *cdata_release(PyObject *cd) {
    static PyObject *exit_name = PyUnicode_InternFromString("__exit__");  // process-wide
    PyObject *argv[4] = {cd, Py_None, Py_None, Py_None};
    return exit_name ? PyObject_VectorcallMethod(exit_name, argv, 4 | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr) : nullptr;
}

PyObject *cdata_root(CData *cd) {
    if (cd->owner) return cd->owner;
    return (cd->flags & CD_OWNS) ? (PyObject *)cd : nullptr;
}

// As CFFI: only the owning cdata knows how much memory its struct got.
Py_ssize_t cdata_var_size(CData *cd) {
    CData *own = (cd->flags & CD_OWNS) ? cd : (cd->flags & CD_OWNED_STRUCT) ? (CData *)cd->owner : nullptr;
    if (!own || own->ctype->kind != Kind::Pointer) return -1;
    CType *st = own->ctype->item;
    return ctype_is_struct(st) && st->varsize_tail ? own->alloc_size : -1;
}

Py_ssize_t cdata_array_length(CData *cd) {
    return cd->ctype->length >= 0 ? cd->ctype->length : cd->length;
}

Py_ssize_t cdata_known_extent(CData *cd) {
    CData *root = (CData *)cdata_root(cd);
    if (root && Py_IS_TYPE(root, CData_Type)) {
        uintptr_t at = (uintptr_t)cd->data, start = (uintptr_t)root->data;
        if (at >= start && at - start <= (uintptr_t)root->alloc_size) return root->alloc_size - (Py_ssize_t)(at - start);
    }
    if (cd->ctype->kind == Kind::Array && cd->ctype->item->size > 0) return cdata_array_length(cd) * cd->ctype->item->size;
    return -1;
}

CData *cdata_new_pointer(CType *ct, char *ptr, PyObject *owner) {
    CData *cd = cdata_alloc(ct);
    if (!cd) return nullptr;
    cd->data = ptr;
    cd->owner = Py_XNewRef(owner);
    return cd;
}

CData *cdata_new_view(CType *ct, char *data, PyObject *owner) { return cdata_new_pointer(ct, data, owner); }

CData *cdata_new_owning(CType *ct, Py_ssize_t size, Py_ssize_t length, bool clear) {
    if (size < 0) {
        PyErr_Format(PyExc_ValueError, "negative size %zd for ctype '%U'", size, ct->name);
        return nullptr;
    }
    CData *cd = cdata_alloc(ct);
    if (!cd) return nullptr;
    if (size <= kInlineBytes) {
        if (clear) std::memset(cd->inline_value, 0, kInlineBytes);
        cd->data = cd->inline_value;
    } else if (!(cd->data = (char *)(clear ? PyMem_Calloc(1, (size_t)size) : PyMem_Malloc((size_t)size)))) {
        Py_DECREF(cd);
        return (CData *)PyErr_NoMemory();
    }
    cd->flags = CD_OWNS;
    cd->alloc_size = size;
    cd->length = length;
    return cd;
}

CData *cdata_new_value(CType *ct) {
    CData *cd = cdata_alloc(ct);
    if (!cd) return nullptr;
    std::memset(cd->inline_value, 0, kInlineBytes);
    cd->data = cd->inline_value;
    return cd;
}

int cdata_init_types(PyObject *module) {
    // Only the runtime creates cdata; its own subclasses (callbacks, gc, ...)
    // are made before cdata_seal_base() refuses subclasses from Python.
    static PyType_Spec spec = {"_ffigen_runtime._CDataBase", sizeof(CData), 0,
                               Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
                               cdata_slots};
    if (!CData_Type) {
        CData_Type = (PyTypeObject *)PyType_FromSpec(&spec);
        if (!CData_Type) return -1;
    }
    return PyModule_AddObjectRef(module, "_CDataBase", (PyObject *)CData_Type);
}

// A Python subclass of ffi.CData would be a cdata without ctype or memory
// (`class X(ffi.CData): pass; X()`): refused, as CFFI refuses it.
void cdata_seal_base() {
    CData_Type->tp_flags &= ~Py_TPFLAGS_BASETYPE;
    PyType_Modified(CData_Type);
}

}  // namespace ffigen_rt
