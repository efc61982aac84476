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
// `with` exit), or borrows it. A borrowing cdata derived from an owning one
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
    if (!cd) return nullptr;
    cd->ctype = (CType *)Py_NewRef(ct);
    cd->data = nullptr;
    cd->owner = nullptr;
    cd->length = -1;
    cd->alloc_size = 0;
    cd->flags = 0;
    cd->weakrefs = nullptr;
    return cd;
}

void free_owned(CData *cd) {
    if ((cd->flags & CD_OWNS) && cd->data != cd->inline_value) PyMem_Free(cd->data);
}

void cdata_dealloc(PyObject *self) {
    CData *cd = (CData *)self;
    if (cd->weakrefs) PyObject_ClearWeakRefs(self);
    if (!(cd->flags & CD_RELEASED)) free_owned(cd);
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
        PyObject *name = PyDict_GetItemWithError(ct->enum_by_value, v);
        r = name ? PyUnicode_FromFormat("<cdata '%U' %R: %U>", ct->name, v, name)
                 : PyErr_Occurred() ? nullptr : PyUnicode_FromFormat("<cdata '%U' %R>", ct->name, v);
    } else if (ct->kind == Kind::LongDouble) {
        long double x;
        std::memcpy(&x, cd->data, sizeof x);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*Lg", 21, x);
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
    if (ct->kind == Kind::Array && ct->length < 0)
        return PyUnicode_FromFormat("<cdata '%U' sliced length %zd>", ct->name, cd->length);
    if (ctype_is_pointerish(ct) || ct->kind == Kind::Array || ctype_is_struct(ct)) {
        if (!cd->data) return PyUnicode_FromFormat("<cdata '%U' NULL>", ct->name);
        return PyUnicode_FromFormat("<cdata '%U%s' %p>", ct->name, ctype_is_struct(ct) ? " &" : "", cd->data);
    }
    return repr_value(cd);
}

// ---- numbers ----------------------------------------------------------------

PyObject *cdata_int(PyObject *self) {
    CData *cd = (CData *)self;
    if (!cdata_alive(cd)) return nullptr;
    CType *ct = cd->ctype;
    switch (ct->kind) {
    case Kind::SignedInt: case Kind::UnsignedInt: case Kind::Enum: return read_integer(cd->data, ct);
    case Kind::Bool: return PyLong_FromLong(*cd->data != 0);
    case Kind::Char: return PyLong_FromLong((unsigned char)*cd->data);
    case Kind::WChar: {
        PyObject *s = to_python(cd->data, ct, nullptr);
        if (!s) return nullptr;
        PyObject *r = PyLong_FromLong(PyUnicode_READ_CHAR(s, 0));
        Py_DECREF(s);
        return r;
    }
    case Kind::Float: case Kind::LongDouble: {
        double d = ct->kind == Kind::LongDouble ? (double)*(long double *)cd->data
                   : ct->size == sizeof(float) ? *(float *)cd->data : *(double *)cd->data;
        return PyLong_FromDouble(d);
    }
    case Kind::Pointer: case Kind::Function: return PyLong_FromVoidPtr(cd->data);
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
    if (ctype_is_integer(ct) || ct->kind == Kind::Char) {
        PyObject *i = cdata_int(self);
        PyObject *r = i ? PyNumber_Float(i) : nullptr;
        Py_XDECREF(i);
        return r;
    }
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
    return 1;
}

Py_ssize_t item_size_for_arith(CType *ct) {
    CType *item = ct->item;
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
    if (!PyLong_Check(n_obj)) Py_RETURN_NOTIMPLEMENTED;
    Py_ssize_t n = PyLong_AsSsize_t(n_obj);
    if (n == -1 && PyErr_Occurred()) return nullptr;
    Py_ssize_t size = item_size_for_arith(ct);
    if (size < 0 || !cdata_alive(cd)) return nullptr;
    CType *ptr = ct->kind == Kind::Array ? ctype_pointer_to(ct->item) : (CType *)Py_NewRef(ct);
    if (!ptr) return nullptr;
    PyObject *r = (PyObject *)cdata_new_pointer(ptr, cd->data + sign * n * size, cdata_root(cd));
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
        CType *tx = x->ctype->kind == Kind::Array ? x->ctype->item : x->ctype->kind == Kind::Pointer ? x->ctype->item : nullptr;
        CType *ty = y->ctype->kind == Kind::Array ? y->ctype->item : y->ctype->kind == Kind::Pointer ? y->ctype->item : nullptr;
        if (!tx || tx != ty) {
            PyErr_Format(PyExc_TypeError, "cannot subtract cdata '%U' and cdata '%U'", x->ctype->name, y->ctype->name);
            return nullptr;
        }
        Py_ssize_t size = tx->size > 0 ? tx->size : 1;
        return PyLong_FromSsize_t((x->data - y->data) / size);
    }
    return pointer_offset(x, b, -1);
}

// ---- comparison and hash ------------------------------------------------------

bool is_primitive_value(CType *ct) {
    return ctype_is_integer(ct) || ct->kind == Kind::Char || ct->kind == Kind::WChar
        || ct->kind == Kind::Float || ct->kind == Kind::LongDouble;
}

// A primitive cdata as the Python number it compares like.
PyObject *primitive_as_number(CData *cd) {
    Kind k = cd->ctype->kind;
    return k == Kind::Float || k == Kind::LongDouble ? cdata_float((PyObject *)cd) : cdata_int((PyObject *)cd);
}

PyObject *cdata_richcompare(PyObject *a, PyObject *b, int op) {
    // Primitive cdata compare by value, with each other and with numbers.
    CData *ca = is_cdata(a) ? (CData *)a : nullptr;
    CData *cb = is_cdata(b) ? (CData *)b : nullptr;
    bool pa = ca && is_primitive_value(ca->ctype), pb = cb && is_primitive_value(cb->ctype);
    if (pa || pb) {
        if ((ca && !pa) || (cb && !pb)) Py_RETURN_NOTIMPLEMENTED;
        PyObject *x = pa ? primitive_as_number(ca) : Py_NewRef(a);
        PyObject *y = x ? (pb ? primitive_as_number(cb) : Py_NewRef(b)) : nullptr;
        PyObject *r = y ? PyObject_RichCompare(x, y, op) : nullptr;
        Py_XDECREF(x);
        Py_XDECREF(y);
        return r;
    }
    if (!ca || !cb) Py_RETURN_NOTIMPLEMENTED;
    Py_RETURN_RICHCOMPARE((uintptr_t)ca->data, (uintptr_t)cb->data, op);
}

Py_hash_t cdata_hash(PyObject *self) {
    CData *cd = (CData *)self;
    if (is_primitive_value(cd->ctype)) {
        PyObject *v = primitive_as_number(cd);
        if (!v) return -1;
        Py_hash_t h = PyObject_Hash(v);
        Py_DECREF(v);
        return h;
    }
    return _Py_HashPointer(cd->data);
}

// ---- indexing -----------------------------------------------------------------

// The address of item i, or NULL + IndexError/TypeError/RuntimeError.
char *item_address(CData *cd, Py_ssize_t i) {
    CType *ct = cd->ctype;
    if (!cdata_alive(cd)) return nullptr;
    if (ct->kind == Kind::Array) {
        Py_ssize_t n = cdata_array_length(cd);
        if (i < 0) {
            PyErr_SetString(PyExc_IndexError, "negative index");
            return nullptr;
        }
        if (i >= n) {
            PyErr_Format(PyExc_IndexError, "index too large for cdata '%U' (expected %zd < %zd)", ct->name, i, n);
            return nullptr;
        }
        return cd->data + i * ct->item->size;
    }
    if (ct->kind != Kind::Pointer) {
        PyErr_Format(PyExc_TypeError, "cdata of type '%U' cannot be indexed", ct->name);
        return nullptr;
    }
    if (ct->item->size < 0) {
        PyErr_Format(PyExc_TypeError, "cdata of type '%U' cannot be indexed: item size unknown", ct->name);
        return nullptr;
    }
    if (!cd->data) {
        PyErr_Format(PyExc_RuntimeError, "cannot dereference null pointer from cdata '%U'", ct->name);
        return nullptr;
    }
    return cd->data + i * ct->item->size;
}

// a[start:stop]: bounds checked against an array's length; both bounds are
// required on a pointer; no step.
int slice_bounds(CData *cd, PyObject *slice, Py_ssize_t *start, Py_ssize_t *stop) {
    PySliceObject *s = (PySliceObject *)slice;
    CType *ct = cd->ctype;
    if (s->step != Py_None) {
        PyErr_SetString(PyExc_IndexError, "slice with step not supported");
        return -1;
    }
    bool is_array = ct->kind == Kind::Array;
    if (!is_array && ct->kind != Kind::Pointer) {
        PyErr_Format(PyExc_TypeError, "cdata of type '%U' cannot be sliced", ct->name);
        return -1;
    }
    Py_ssize_t n = is_array ? cdata_array_length(cd) : -1;
    *start = 0;
    if (s->start != Py_None && (*start = PyNumber_AsSsize_t(s->start, PyExc_IndexError)) == -1 && PyErr_Occurred()) return -1;
    if (s->stop == Py_None) {
        if (!is_array) {
            PyErr_SetString(PyExc_IndexError, "slice stop must be specified on a pointer");
            return -1;
        }
        *stop = n;
    } else if ((*stop = PyNumber_AsSsize_t(s->stop, PyExc_IndexError)) == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (*start < 0 && is_array) {
        PyErr_SetString(PyExc_IndexError, "negative index");
        return -1;
    }
    if (*stop < *start) {
        PyErr_Format(PyExc_IndexError, "slice start %zd > stop %zd", *start, *stop);
        return -1;
    }
    if (is_array && *stop > n) {
        PyErr_Format(PyExc_IndexError, "index too large (expected %zd <= %zd)", *stop, n);
        return -1;
    }
    if (ct->item->size < 0) {
        PyErr_Format(PyExc_TypeError, "cdata of type '%U' cannot be sliced: item size unknown", ct->name);
        return -1;
    }
    return cdata_alive(cd) ? 0 : -1;
}

PyObject *cdata_slice(CData *cd, PyObject *slice) {
    Py_ssize_t start, stop;
    if (slice_bounds(cd, slice, &start, &stop) < 0) return nullptr;
    CType *open = ctype_array_of(cd->ctype->item, -1);
    if (!open) return nullptr;
    CData *r = cdata_new_view(open, cd->data + start * open->item->size, cdata_root(cd));
    Py_DECREF(open);
    if (r) r->length = stop - start;
    return (PyObject *)r;
}

PyObject *cdata_subscript(PyObject *self, PyObject *key) {
    CData *cd = (CData *)self;
    if (PySlice_Check(key)) return cdata_slice(cd, key);
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    char *p = item_address(cd, i);
    return p ? to_python(p, cd->ctype->item, cdata_root(cd)) : nullptr;
}

int cdata_ass_slice(CData *cd, PyObject *slice, PyObject *value) {
    Py_ssize_t start, stop;
    if (slice_bounds(cd, slice, &start, &stop) < 0) return -1;
    CType *item = cd->ctype->item;
    char *dst = cd->data + start * item->size;
    Py_ssize_t n = stop - start;
    if (is_cdata(value)) {
        CData *src = (CData *)value;
        if (src->ctype->kind == Kind::Array && src->ctype->item == item && cdata_array_length(src) == n) {
            if (!cdata_alive(src)) return -1;
            std::memmove(dst, src->data, n * item->size);
            return 0;
        }
    }
    bool is_bytes = PyBytes_Check(value) && item->size == 1 && item->kind == Kind::Char;
    PyObject *seq = is_bytes ? nullptr : PySequence_Fast(value, "slice assignment expects a sequence");
    if (!is_bytes && !seq) return -1;
    Py_ssize_t got = is_bytes ? PyBytes_GET_SIZE(value) : PySequence_Fast_GET_SIZE(seq);
    if (got != n) {
        PyErr_Format(PyExc_ValueError, "need %zd values to assign to slice of length %zd, got %zd", n, n, got);
        Py_XDECREF(seq);
        return -1;
    }
    if (is_bytes) {
        std::memmove(dst, PyBytes_AS_STRING(value), n);
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (from_python(dst + i * item->size, item, PySequence_Fast_GET_ITEM(seq, i)) < 0) {
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    return 0;
}

int cdata_ass_subscript(PyObject *self, PyObject *key, PyObject *value) {
    CData *cd = (CData *)self;
    if (!value) {
        PyErr_SetString(PyExc_TypeError, "cdata items cannot be deleted");
        return -1;
    }
    if (PySlice_Check(key)) return cdata_ass_slice(cd, key, value);
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return -1;
    char *p = item_address(cd, i);
    return p ? from_python(p, cd->ctype->item, value) : -1;
}

Py_ssize_t cdata_length(PyObject *self) {
    CData *cd = (CData *)self;
    if (cd->ctype->kind != Kind::Array) {
        PyErr_Format(PyExc_TypeError, "cdata of type '%U' has no len()", cd->ctype->name);
        return -1;
    }
    return cdata_array_length(cd);
}

// ---- struct fields ------------------------------------------------------------

// The struct a field access on cd reaches: cd itself or what it points to.
CType *struct_target(CData *cd, char **base) {
    CType *ct = cd->ctype;
    if (ct->kind == Kind::Pointer && ctype_is_struct(ct->item)) ct = ct->item;
    if (!ctype_is_struct(ct)) return nullptr;
    *base = cd->data;
    return ct;
}

// The base of a field access, or NULL + error (released memory, NULL pointer).
char *field_base(CData *cd, char *base) {
    if (!cdata_alive(cd)) return nullptr;
    if (!base) PyErr_Format(PyExc_RuntimeError, "cannot dereference null pointer from cdata '%U'", cd->ctype->name);
    return base;
}

const Field *find_field(CType *st, PyObject *name) {
    if (!st->field_index) return nullptr;
    PyObject *i = PyDict_GetItemWithError(st->field_index, name);
    return i ? &st->fields[PyLong_AS_LONG(i)] : nullptr;
}

// A struct's trailing open array (`int items[];`): as many items as the
// owning allocation holds past it, or -1 when the memory is not ours.
Py_ssize_t tail_capacity(CData *cd, char *base, const Field &f) {
    PyObject *root = cdata_root(cd);
    if (!root) return -1;
    CData *r = (CData *)root;
    Py_ssize_t avail = (r->data + r->alloc_size) - (base + f.offset);
    return avail > 0 ? avail / f.type->item->size : 0;
}

// Reading it: a bounded view, or (memory from C) a pointer to the first item.
PyObject *open_tail(CData *cd, char *base, const Field &f) {
    Py_ssize_t cap = tail_capacity(cd, base, f);
    if (cap < 0) {
        CType *ptr = ctype_pointer_to(f.type->item);
        PyObject *r = ptr ? (PyObject *)cdata_new_pointer(ptr, base + f.offset, nullptr) : nullptr;
        Py_XDECREF(ptr);
        return r;
    }
    CData *view = cdata_new_view(f.type, base + f.offset, cdata_root(cd));
    if (view) view->length = cap;
    return (PyObject *)view;
}

int write_open_tail(CData *cd, char *base, const Field &f, PyObject *value) {
    Py_ssize_t cap = tail_capacity(cd, base, f);
    if (cap < 0) {
        PyErr_Format(PyExc_TypeError, "cannot assign to open array field '%U': the size of the memory is unknown", f.name);
        return -1;
    }
    Py_ssize_t saved = open_tail_room;
    open_tail_room = cap;
    int rc = write_field(base, f, value);
    open_tail_room = saved;
    return rc;
}

PyObject *cdata_getattro(PyObject *self, PyObject *name) {
    CData *cd = (CData *)self;
    char *base;
    CType *st = struct_target(cd, &base);
    if (st) {
        const Field *f = find_field(st, name);
        if (f) {
            if (!field_base(cd, base)) return nullptr;
            if (f->bitsize >= 0) {
                PyObject *out;
                return read_bitfield(base, *f, &out) < 0 ? nullptr : out;
            }
            if (f->type->kind == Kind::Array && f->type->length < 0) return open_tail(cd, base, *f);
            return to_python(base + f->offset, f->type, cdata_root(cd));
        }
        if (PyErr_Occurred()) return nullptr;
    } else if (PyErr_Occurred()) {
        return nullptr;
    }
    PyObject *r = PyObject_GenericGetAttr(self, name);
    if (!r && st && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        if (!st->complete)
            PyErr_Format(PyExc_AttributeError, "cdata '%U' points to an opaque type: cannot read fields", cd->ctype->name);
        else
            PyErr_Format(PyExc_AttributeError, "cdata '%U' has no field '%U'", cd->ctype->name, name);
    }
    return r;
}

int cdata_setattro(PyObject *self, PyObject *name, PyObject *value) {
    CData *cd = (CData *)self;
    char *base;
    CType *st = struct_target(cd, &base);
    if (st) {
        const Field *f = find_field(st, name);
        if (f) {
            if (!value) {
                PyErr_SetString(PyExc_AttributeError, "cdata fields cannot be deleted");
                return -1;
            }
            if (!field_base(cd, base)) return -1;
            if (f->type->kind == Kind::Array && f->type->length < 0) return write_open_tail(cd, base, *f, value);
            return f->bitsize >= 0 ? write_bitfield(base, *f, value) : from_python(base + f->offset, f->type, value);
        }
        if (PyErr_Occurred()) return -1;
        PyErr_Format(PyExc_AttributeError, "cdata '%U' has no field '%U'", cd->ctype->name, name);
        return -1;
    }
    if (PyErr_Occurred()) return -1;
    return PyObject_GenericSetAttr(self, name, value);
}

PyObject *cdata_dir(PyObject *self, PyObject *) {
    CData *cd = (CData *)self;
    char *base;
    CType *st = struct_target(cd, &base);
    if (!st) {
        PyErr_Clear();
        return PyList_New(0);
    }
    PyObject *list = PyList_New(st->nfields);
    for (Py_ssize_t i = 0; list && i < st->nfields; i++) PyList_SET_ITEM(list, i, Py_NewRef(st->fields[i].name));
    return list;
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

PyObject *cdata_enter(PyObject *self, PyObject *) { return Py_NewRef(self); }

PyObject *cdata_exit(PyObject *self, PyObject *) {
    CData *cd = (CData *)self;
    if ((cd->flags & CD_OWNS) && !(cd->flags & CD_RELEASED)) {
        free_owned(cd);
        cd->flags |= CD_RELEASED;
    }
    Py_RETURN_NONE;
}

PyMethodDef cdata_methods[] = {
    {"__dir__", cdata_dir, METH_NOARGS, nullptr},
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
    {Py_nb_index, (void *)cdata_int},
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

bool cdata_alive(CData *cd) {
    CData *root = cd->owner ? (CData *)cd->owner : cd;
    if (root->flags & CD_RELEASED) {
        PyErr_Format(PyExc_ValueError, "cdata '%U' was released: its memory is gone", cd->ctype->name);
        return false;
    }
    return true;
}

PyObject *cdata_root(CData *cd) {
    if (cd->owner) return cd->owner;
    return (cd->flags & CD_OWNS) ? (PyObject *)cd : nullptr;
}

Py_ssize_t cdata_array_length(CData *cd) {
    return cd->ctype->length >= 0 ? cd->ctype->length : cd->length;
}

CData *cdata_new_pointer(CType *ct, char *ptr, PyObject *owner) {
    CData *cd = cdata_alloc(ct);
    if (!cd) return nullptr;
    cd->data = ptr;
    cd->owner = Py_XNewRef(owner);
    return cd;
}

CData *cdata_new_view(CType *ct, char *data, PyObject *owner) { return cdata_new_pointer(ct, data, owner); }

CData *cdata_new_owning(CType *ct, Py_ssize_t size, Py_ssize_t length) {
    if (size < 0) {
        PyErr_Format(PyExc_ValueError, "negative size %zd for ctype '%U'", size, ct->name);
        return nullptr;
    }
    CData *cd = cdata_alloc(ct);
    if (!cd) return nullptr;
    if (size <= kInlineBytes) {
        std::memset(cd->inline_value, 0, kInlineBytes);
        cd->data = cd->inline_value;
    } else if (!(cd->data = (char *)PyMem_Calloc(1, (size_t)size))) {
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
    static PyType_Spec spec = {"_ffigen_runtime._CDataBase", sizeof(CData), 0,
                               Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, cdata_slots};  // callbacks, gc, ... subclass it
    if (!CData_Type) {
        CData_Type = (PyTypeObject *)PyType_FromSpec(&spec);
        if (!CData_Type) return -1;
    }
    return PyModule_AddObjectRef(module, "_CDataBase", (PyObject *)CData_Type);
}

}  // namespace ffigen_rt
