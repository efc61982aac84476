// allocator.cpp: ffi.new_allocator(alloc=None, free=None,
// should_clear_after_alloc=True), a callable like ffi.new using custom
// memory functions.
//
// The allocator is a builtin function bound to the tuple (ffi, alloc,
// free, clear). Without `alloc` it is ffi.new (with memory left as
// malloc gives it when `clear` is false). With it, allocator(cdecl,
// init) calls alloc(size), which returns a cdata pointer, and wraps that
// memory in a GCData (see gc.cpp) of the requested type holding alloc's
// result, with `free` (if any) as its destructor: free(result) runs once,
// when the new cdata dies or is released.
#include "runtime.hpp"

#include <cstring>
#include <initializer_list>

namespace ffigen_rt {

namespace {

// Size and item count of `ct` for `init` (ffi.new's rules); -1 + error.
Py_ssize_t size_for(CType *ct, PyObject **init, Py_ssize_t *length) {
    *length = -1;
    if (ct->kind == Kind::Pointer) {
        if (ct->item->size < 0 || (ctype_is_struct(ct->item) && !ct->item->complete)) {
            PyErr_Format(PyExc_TypeError, "cannot instantiate ctype '%U' of unknown size", ct->item->name);
            return -1;
        }
        return ct->item->size;
    }
    if (ct->kind != Kind::Array) {
        PyErr_Format(PyExc_TypeError, "expected a pointer or array ctype, not '%U'", ct->name);
        return -1;
    }
    Py_ssize_t n = ct->length;
    if (n < 0 && PyLong_Check(*init)) {
        n = PyLong_AsSsize_t(*init);
        if (n == -1 && PyErr_Occurred()) return -1;
        *init = Py_None;
    } else if (n < 0 && (n = initializer_length(ct, *init)) < 0) {
        type_error_expected(ct, "an int length, a list, a tuple or a string", *init);
        return -1;
    }
    if (n < 0 || (ct->item->size > 0 && n > PY_SSIZE_T_MAX / ct->item->size)) {
        PyErr_Format(PyExc_ValueError, "invalid array length %zd", n);
        return -1;
    }
    *length = n;
    return n * ct->item->size;
}

PyObject *allocate(PyObject *bound, PyObject *args, PyObject *kwargs) {
    FFIObject *ffi = (FFIObject *)PyTuple_GET_ITEM(bound, 0);
    PyObject *alloc = PyTuple_GET_ITEM(bound, 1), *free_fn = PyTuple_GET_ITEM(bound, 2);
    bool clear = PyTuple_GET_ITEM(bound, 3) == Py_True;
    static const char *kwlist[] = {"cdecl", "init", nullptr};
    PyObject *cdecl, *init = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:allocator", (char **)kwlist, &cdecl, &init)) return nullptr;
    CType *ct = ffi_resolve_type(ffi, cdecl);
    if (!ct) return nullptr;
    if (alloc == Py_None) {
        PyObject *r = new_owning(ct, init, clear);
        Py_DECREF(ct);
        return r;
    }
    // alloc() may change a list init after its length sized the memory.
    PyObject *frozen = PyList_Check(init) ? items_snapshot(init) : Py_NewRef(init);
    init = frozen;
    Py_ssize_t length;
    Py_ssize_t size = !frozen ? -1 : size_for(ct, &init, &length);
    PyObject *mem = size < 0 ? nullptr : PyObject_CallFunction(alloc, "n", size);
    PyObject *result = nullptr;
    if (mem && (!is_cdata(mem) || (!ctype_is_pointerish(((CData *)mem)->ctype) && ((CData *)mem)->ctype->kind != Kind::Array))) {
        PyErr_Format(PyExc_TypeError, "alloc() must return a cdata pointer, not %.200s", Py_TYPE(mem)->tp_name);
    } else if (mem && !((CData *)mem)->data) {
        PyErr_SetString(PyExc_MemoryError, "alloc() returned NULL");
    } else if (mem && cdata_known_extent((CData *)mem) >= 0 && cdata_known_extent((CData *)mem) < size) {
        // (CFFI writes past it; memory of unknown extent, from C, is trusted)
        PyErr_Format(PyExc_ValueError, "alloc() returned %zd bytes, %zd requested", cdata_known_extent((CData *)mem), size);
    } else if (mem) {
        char *data = ((CData *)mem)->data;
        if (clear) std::memset(data, 0, size);
        result = gc_wrap(ct, data, length, mem, free_fn == Py_None ? nullptr : free_fn);
        int bad = !result || init == Py_None ? 0
                : ct->kind == Kind::Pointer ? from_python(data, ct->item, init) : fill_array(data, ct, init);
        if (bad < 0) Py_CLEAR(result);  // frees the memory through `free`
    }
    Py_XDECREF(mem);
    Py_XDECREF(frozen);
    Py_DECREF(ct);
    return result;
}

PyMethodDef allocate_def = {"allocator", (PyCFunction)(void (*)())allocate, METH_VARARGS | METH_KEYWORDS,
                            "allocator(cdecl, init=None): like ffi.new, with the allocator's memory"};

}  // namespace

PyObject *ffi_new_allocator(PyObject *self, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"alloc", "free", "should_clear_after_alloc", nullptr};
    PyObject *alloc = Py_None, *free_fn = Py_None;
    int clear = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OOp:new_allocator", (char **)kwlist, &alloc, &free_fn, &clear))
        return nullptr;
    if (alloc == Py_None && free_fn != Py_None) {
        PyErr_SetString(PyExc_TypeError, "cannot pass 'free' without 'alloc'");
        return nullptr;
    }
    // (not checked callable: as CFFI, calling them fails when it happens)
    PyObject *bound = PyTuple_Pack(4, self, alloc, free_fn, clear ? Py_True : Py_False);
    PyObject *r = bound ? PyCFunction_New(&allocate_def, bound) : nullptr;
    Py_XDECREF(bound);
    return r;
}

}  // namespace ffigen_rt
