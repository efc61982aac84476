// ffi_bytes.cpp: the ffi methods that read and write C memory as Python
// bytes and str: ffi.string, ffi.unpack, ffi.buffer, ffi.memmove.
//
// Split from ffi_obj.cpp (the ffi object) to keep files small; they own
// nothing: each reads or writes memory a cdata (kept alive by the caller, or
// by the buffer object for ffi.buffer) or a Python buffer provides.
#include "runtime.hpp"

#include <cstring>

namespace ffigen_rt {

// ffi.string(cdata, maxlen=-1): a char/wchar pointer or array as bytes/str,
// a char as bytes, an enum as its enumerator name, an integer as str.
PyObject *ffi_string(PyObject *, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"cdata", "maxlen", nullptr};
    PyObject *obj;
    Py_ssize_t maxlen = -1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|n:string", (char **)kwlist, &obj, &maxlen)) return nullptr;
    CData *cd = cdata_arg(obj, "string");
    if (!cd || !cdata_alive(cd)) return nullptr;
    CType *ct = cd->ctype;
    if (ct->kind == Kind::Pointer || ct->kind == Kind::Array) {
        CType *item = ct->item;
        Py_ssize_t limit = ct->kind == Kind::Array ? cdata_array_length(cd) : -1;
        if (maxlen >= 0 && (limit < 0 || maxlen < limit)) limit = maxlen;
        bool text = item->kind != Kind::Bool && (item->kind == Kind::Char || item->kind == Kind::WChar || ctype_is_integer(item));
        if (text && !cd->data) {  // (other NULL pointers are refused below, as CFFI)
            PyErr_Format(PyExc_RuntimeError, "cannot use string() on a NULL cdata '%U'", ct->name);
            return nullptr;
        }
        if (item->size == 1 && item->kind != Kind::Bool && (item->kind == Kind::Char || ctype_is_integer(item))) {
            const char *p = cd->data;
            Py_ssize_t n = 0;
            while ((limit < 0 || n < limit) && p[n]) n++;
            return PyBytes_FromStringAndSize(p, n);
        }
        if (item->kind == Kind::WChar) {
            Py_ssize_t n = 0;
            auto at = [&](Py_ssize_t i) -> uint32_t {
                if (item->size == 2) return ((uint16_t *)cd->data)[i];
                return ((uint32_t *)cd->data)[i];
            };
            while ((limit < 0 || n < limit) && at(n)) n++;
            if (item->size == 2) return PyUnicode_DecodeUTF16(cd->data, n * 2, "surrogatepass", nullptr);
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, cd->data, n);
        }
    } else if (ct->kind == Kind::Enum) {
        PyObject *v = read_integer(cd->data, ct);
        if (!v) return nullptr;
        PyObject *name = enum_dicts(ct) == 0 ? PyDict_GetItemWithError(ct->enum_by_value, v) : nullptr;
        PyObject *r = name ? Py_NewRef(name) : PyErr_Occurred() ? nullptr : PyObject_Str(v);
        Py_DECREF(v);
        return r;
    } else if (ct->kind == Kind::Char || ct->kind == Kind::WChar) {
        return to_python(cd->data, ct, nullptr);
    } else if (ctype_is_integer(ct) && ct->kind != Kind::Bool && ct->size == 1) {
        return PyBytes_FromStringAndSize(cd->data, 1);  // a one-byte integer reads as a char, as in CFFI
    }
    PyErr_Format(PyExc_TypeError, "string() expects a char or wchar_t pointer or array, a char or an enum, not cdata '%U'",
                 ct->name);
    return nullptr;
}

PyObject *ffi_unpack(PyObject *, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"cdata", "length", nullptr};
    PyObject *obj;
    Py_ssize_t length;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "On:unpack", (char **)kwlist, &obj, &length)) return nullptr;
    CData *cd = is_cdata(obj) ? (CData *)obj : nullptr;
    if (!cd || (cd->ctype->kind != Kind::Pointer && cd->ctype->kind != Kind::Array)) {
        PyErr_Format(PyExc_TypeError, "unpack() expects a cdata pointer or array, not %.200s", Py_TYPE(obj)->tp_name);
        return nullptr;
    }
    if (length < 0) {
        PyErr_SetString(PyExc_ValueError, "unpack() length must be >= 0");
        return nullptr;
    }
    CType *item = cd->ctype->item;
    if (!cdata_alive(cd)) return nullptr;
    if (!cd->data) {  // whatever the length, as CFFI
        PyErr_Format(PyExc_RuntimeError, "cannot unpack from a NULL cdata '%U'", cd->ctype->name);
        return nullptr;
    }
    if (item->size < 0) {
        PyErr_Format(PyExc_TypeError, "cannot unpack items of unknown size from cdata '%U'", cd->ctype->name);
        return nullptr;
    }
    if (cd->ctype->kind == Kind::Array && length > cdata_array_length(cd)) {
        PyErr_Format(PyExc_IndexError, "unpack() length %zd exceeds the array length %zd", length, cdata_array_length(cd));
        return nullptr;
    }
    // Past the memory a pointer is known to reach (ffi.new's), CFFI reads on.
    Py_ssize_t extent = cdata_known_extent(cd);
    if (item->size > 0 && length > (extent >= 0 ? extent : PY_SSIZE_T_MAX) / item->size) {
        PyErr_Format(PyExc_IndexError, "unpack() length %zd exceeds the memory of cdata '%U'", length, cd->ctype->name);
        return nullptr;
    }
    if (item->kind == Kind::Char) return PyBytes_FromStringAndSize(cd->data, length);
    if (item->kind == Kind::WChar && item->size == 4) return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, cd->data, length);
    if (item->kind == Kind::WChar) return PyUnicode_DecodeUTF16(cd->data, length * 2, "surrogatepass", nullptr);
    PyObject *list = PyList_New(length);
    for (Py_ssize_t i = 0; list && i < length; i++) {
        PyObject *v = to_python(cd->data + i * item->size, item, cdata_root(cd));
        if (!v) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, v);
    }
    return list;
}

PyObject *ffi_buffer(PyObject *, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"cdata", "size", nullptr};
    PyObject *obj;
    Py_ssize_t size = -1;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|n:buffer", (char **)kwlist, &obj, &size)) return nullptr;
    CData *cd = cdata_arg(obj, "buffer");
    return cd ? buffer_new(cd, size) : nullptr;
}

namespace {

bool fits(Py_ssize_t n, CData *cd, const char *which) {
    CType *ct = cd->ctype;
    if (ct->kind != Kind::Pointer && ct->kind != Kind::Array) {  // a value cdata's few inline bytes
        PyErr_Format(PyExc_TypeError, "memmove() %s must be a cdata pointer or array, not cdata '%U'", which, ct->name);
        return false;
    }
    Py_ssize_t extent = cdata_known_extent(cd);
    if (extent < 0 || n <= extent) return true;
    PyErr_Format(PyExc_ValueError, "memmove() %s cdata '%U' has %zd bytes, %zd requested", which, cd->ctype->name,
                 extent, n);
    return false;
}

}  // namespace

// ffi.memmove(dest, src, n): like C memmove; dest and src are cdata
// pointers/arrays or Python buffers (src may be bytes).
PyObject *ffi_memmove(PyObject *, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"dest", "src", "n", nullptr};
    PyObject *dest, *src;
    Py_ssize_t n;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOn:memmove", (char **)kwlist, &dest, &src, &n)) return nullptr;
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "memmove() size must be >= 0");
        return nullptr;
    }
    Py_buffer dview = {}, sview = {};
    char *d = nullptr;
    const char *s = nullptr;
    bool have_d = false, have_s = false;
    PyObject *result = nullptr;
    // Where a cdata's extent is known, n must fit it (CFFI overflows the memory).
    if (is_cdata(dest)) {
        if (!cdata_alive((CData *)dest) || !fits(n, (CData *)dest, "destination")) return nullptr;
        d = ((CData *)dest)->data;
    } else if (PyObject_GetBuffer(dest, &dview, PyBUF_WRITABLE) == 0) {
        have_d = true;
        d = (char *)dview.buf;
        if (dview.len < n) {
            PyErr_Format(PyExc_ValueError, "memmove() destination has %zd bytes, %zd requested", dview.len, n);
            goto out;
        }
    } else {
        goto out;
    }
    if (is_cdata(src)) {
        if (!cdata_alive((CData *)src) || !fits(n, (CData *)src, "source")) goto out;
        s = ((CData *)src)->data;
    } else if (PyObject_GetBuffer(src, &sview, PyBUF_SIMPLE) == 0) {
        have_s = true;
        s = (const char *)sview.buf;
        if (sview.len < n) {
            PyErr_Format(PyExc_ValueError, "memmove() source has %zd bytes, %zd requested", sview.len, n);
            goto out;
        }
    } else {
        goto out;
    }
    if (n && (!d || !s)) {
        PyErr_SetString(PyExc_RuntimeError, "memmove() on a NULL pointer");
        goto out;
    }
    if (n) std::memmove(d, s, n);  // memmove(NULL, s, 0) is undefined in C
    result = Py_NewRef(Py_None);
out:
    if (have_d) PyBuffer_Release(&dview);
    if (have_s) PyBuffer_Release(&sview);
    return result;
}

}  // namespace ffigen_rt
