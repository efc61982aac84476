// cdata_access.cpp: reaching inside a cdata: items (p[i], a[i:j]) and
// struct/union fields (p.x), reads and writes, with their bounds checks.
//
// Split from cdata.cpp (the cdata object) to keep files small. These are
// the cdata type's mapping and attribute slots; they own nothing: a value
// read out is either a Python number or a view cdata holding a reference
// to the owner of the memory (see cdata.cpp's comment on ownership).
#include "runtime.hpp"

#include <cstring>

namespace ffigen_rt {

namespace {

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
    // ffi.new("T *") owns exactly one T: as in CFFI, no other index reaches it.
    if (i != 0 && (cd->flags & CD_OWNS) && Py_IS_TYPE(cd, CData_Type)) {
        PyErr_Format(PyExc_IndexError, "cdata '%U' can only be indexed by 0", ct->name);
        return nullptr;
    }
    return item_at(cd->data, i, ct->item->size);
}

// a[start:stop]: bounds checked against an array's length; both bounds are
// required; no step.
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
    // ints only (not __index__), as in CFFI
    for (PyObject *bound : {s->start, s->stop}) {
        if (bound != Py_None && !PyLong_Check(bound)) {
            PyErr_Format(PyExc_TypeError, "slice bounds of a cdata must be ints, not %.200s", Py_TYPE(bound)->tp_name);
            return -1;
        }
    }
    // Both bounds required, also on an array (CFFI's test_c asserts these words)
    if (s->start == Py_None || s->stop == Py_None) {
        PyErr_SetString(PyExc_IndexError, s->start == Py_None ? "slice start must be specified" : "slice stop must be specified");
        return -1;
    }
    if ((*start = PyNumber_AsSsize_t(s->start, PyExc_IndexError)) == -1 && PyErr_Occurred()) return -1;
    if ((*stop = PyNumber_AsSsize_t(s->stop, PyExc_IndexError)) == -1 && PyErr_Occurred()) return -1;
    if (*start < 0 && is_array) {
        PyErr_SetString(PyExc_IndexError, "negative index");
        return -1;
    }
    if (*stop < *start) {
        PyErr_SetString(PyExc_IndexError, "slice start > stop");
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
    // A pointer's slice may be anywhere, but its bytes must be countable.
    Py_ssize_t length, bytes;
    if (__builtin_sub_overflow(*stop, *start, &length) || __builtin_mul_overflow(length, ct->item->size, &bytes)) {
        PyErr_Format(PyExc_OverflowError, "slice [%zd:%zd] of cdata '%U' is too large", *start, *stop, ct->name);
        return -1;
    }
    return cdata_alive(cd) ? 0 : -1;
}

PyObject *cdata_slice(CData *cd, PyObject *slice) {
    Py_ssize_t start, stop;
    if (slice_bounds(cd, slice, &start, &stop) < 0) return nullptr;
    CType *open = ctype_array_of(cd->ctype->item, -1);
    if (!open) return nullptr;
    CData *r = cdata_new_view(open, item_at(cd->data, start, open->item->size), cdata_root(cd));
    Py_DECREF(open);
    if (r) r->length = stop - start;
    return (PyObject *)r;
}

}  // namespace

PyObject *cdata_subscript(PyObject *self, PyObject *key) {
    CData *cd = (CData *)self;
    if (PySlice_Check(key)) return cdata_slice(cd, key);
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    char *p = item_address(cd, i);
    PyObject *r = p ? to_python(p, cd->ctype->item, cdata_root(cd)) : nullptr;
    if (r && i == 0 && (cd->flags & CD_OWNS) && cd->ctype->kind == Kind::Pointer && ctype_is_struct(cd->ctype->item))
        ((CData *)r)->flags |= CD_OWNED_STRUCT;
    return r;
}

namespace {

int cdata_ass_slice(CData *cd, PyObject *slice, PyObject *value) {
    Py_ssize_t start, stop;
    if (slice_bounds(cd, slice, &start, &stop) < 0) return -1;
    CType *item = cd->ctype->item;
    char *dst = item_at(cd->data, start, item->size);
    Py_ssize_t n = stop - start;
    if (is_cdata(value)) {
        CData *src = (CData *)value;
        if (src->ctype->kind == Kind::Array && src->ctype->item == item && cdata_array_length(src) == n) {
            if (!cdata_alive(src)) return -1;
            if (n) std::memmove(dst, src->data, n * item->size);  // dst may be NULL when n == 0
            return 0;
        }
    }
    if (item->size == 1 && item->kind == Kind::Char && (PyBytes_Check(value) || PyByteArray_Check(value))) {
        bool bytes = PyBytes_Check(value);
        Py_ssize_t got = bytes ? PyBytes_GET_SIZE(value) : PyByteArray_GET_SIZE(value);
        if (got != n) {
            PyErr_Format(PyExc_ValueError, "need a string of length %zd, got %zd", n, got);
            return -1;
        }
        if (n) std::memmove(dst, bytes ? PyBytes_AS_STRING(value) : PyByteArray_AS_STRING(value), n);
        return 0;
    }
    PyObject *fast = PySequence_Fast(value, "slice assignment expects a sequence");
    PyObject *seq = fast ? items_snapshot(fast) : nullptr;
    Py_XDECREF(fast);
    if (!seq) return -1;
    // As CFFI: the items are stored in order, so a bad one raises (and those
    // before it stay written) before a wrong count does.
    Py_ssize_t got = PyTuple_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < n && i < got; i++) {
        if (from_python(dst + i * item->size, item, PyTuple_GET_ITEM(seq, i)) < 0) {
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    if (got == n) return 0;
    PyErr_Format(PyExc_ValueError, "need %zd values to assign to slice of length %zd, got %zd", n, n, got);
    return -1;
}

}  // namespace

int cdata_ass_subscript(PyObject *self, PyObject *key, PyObject *value) {
    CData *cd = (CData *)self;
    if (!value) {
        PyErr_SetString(PyExc_TypeError, "cdata items cannot be deleted");
        return -1;
    }
    WriteInProgress keep;
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

namespace {

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
    // Field names are interned, as the names in code are: for the first
    // fields, comparing the objects is cheaper than hashing into the dict.
    for (Py_ssize_t k = 0; k < st->nfields && k < 8; k++)
        if (st->fields[k].name == name) return &st->fields[k];
    PyObject *i = PyDict_GetItemWithError(st->field_index, name);
    return i ? &st->fields[PyLong_AS_LONG(i)] : nullptr;
}

// A struct's open array (`int items[];`): as many items as ffi.new
// allocated past it, or -1 when cd is not the owning cdata (a cast, a
// view: as CFFI, which then gives a pointer to the first item).
Py_ssize_t tail_capacity(CData *cd, const Field &f) {
    Py_ssize_t size = cdata_var_size(cd);
    if (size < 0 || f.type->item->size <= 0) return -1;
    return size > f.offset ? (size - f.offset) / f.type->item->size : 0;
}

// Reading it: a bounded view, or (memory from C) a pointer to the first
// item, as also for a zero-length array (`short data[0];`), as CFFI reads them.
PyObject *open_tail(CData *cd, char *base, const Field &f) {
    Py_ssize_t cap = f.type->length < 0 ? tail_capacity(cd, f) : -1;
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
    Py_ssize_t cap = tail_capacity(cd, f);
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

// The field `name` of cd (a struct, or a pointer to one) and, in *base, the
// memory it lives in. NULL: no such field (*st: cd's struct ctype, or NULL
// when cd is none), or an error is pending (failed lookup, released memory,
// NULL pointer).
const Field *lookup_field(CData *cd, PyObject *name, CType **st, char **base) {
    *st = struct_target(cd, base);
    const Field *f = *st ? find_field(*st, name) : nullptr;
    return f && field_base(cd, *base) ? f : nullptr;
}

}  // namespace

PyObject *cdata_getattro(PyObject *self, PyObject *name) {
    CData *cd = (CData *)self;
    CType *st;
    char *base;
    if (const Field *f = lookup_field(cd, name, &st, &base)) {
        if (f->bitsize >= 0) {
            PyObject *out;
            return read_bitfield(base, *f, &out) < 0 ? nullptr : out;
        }
        if (f->type->kind == Kind::Array && f->type->length <= 0) return open_tail(cd, base, *f);
        return to_python(base + f->offset, f->type, cdata_root(cd));
    }
    if (PyErr_Occurred()) return nullptr;
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
    CType *st;
    char *base;
    WriteInProgress keep;
    if (const Field *f = lookup_field(cd, name, &st, &base)) {
        if (!value) {
            PyErr_SetString(PyExc_AttributeError, "cdata fields cannot be deleted");
            return -1;
        }
        if (f->type->kind == Kind::Array && f->type->length < 0) return write_open_tail(cd, base, *f, value);
        return f->bitsize >= 0 ? write_bitfield(base, *f, value) : from_python(base + f->offset, f->type, value);
    }
    if (PyErr_Occurred()) return -1;
    if (!st) return PyObject_GenericSetAttr(self, name, value);
    PyErr_Format(PyExc_AttributeError, "cdata '%U' has no field '%U'", cd->ctype->name, name);
    return -1;
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

}  // namespace ffigen_rt
