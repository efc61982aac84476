// ffi_obj.cpp: the `ffi` object of a generated module.
//
// `ffi` is the Python face of the module's types: new, cast, sizeof,
// typeof, string, buffer and the rest. It owns the module's TypeContext
// record (the realized tables; see realize.cpp for their lifetime) and a
// cache dict from type strings to ctypes, so a string is parsed once. It
// holds no reference to `lib` (lib holds the ffi), so the pair has no cycle;
// it is GC-tracked anyway because the cache holds ctypes.
#include "runtime.hpp"

#include <cerrno>
#include <climits>
#include <cstring>
#include <cctype>
#include <string>
#include <vector>

namespace ffigen_rt {

PyTypeObject *FFI_Type;

namespace {

FFIObject *ffi_of(PyObject *self) { return (FFIObject *)self; }

CType *resolve(PyObject *self, PyObject *arg) { return ffi_resolve_type(ffi_of(self), arg); }

// The items the initializer of a struct with an open array field puts in
// that array (0 when none), or -1 + error. An int there is the length (as
// CFFI takes it): *init becomes a new reference to the initializer with an
// empty list in its place, the items staying zero.
Py_ssize_t tail_items(CType *st, const Field &open, PyObject **init) {
    Py_ssize_t index = &open - st->fields;
    PyObject *value = nullptr;
    if (PyDict_Check(*init)) value = PyDict_GetItemWithError(*init, open.name);
    else if ((PyList_Check(*init) || PyTuple_Check(*init)) && PySequence_Fast_GET_SIZE(*init) > index)
        value = PySequence_Fast_GET_ITEM(*init, index);
    if (!value) return PyErr_Occurred() ? -1 : 0;
    Py_ssize_t n = PyLong_Check(value) ? PyLong_AsSsize_t(value) : initializer_length(open.type, value);
    if (n == -1 && PyErr_Occurred()) return -1;
    if (PyLong_Check(value) && n < 0) {
        PyErr_SetString(PyExc_ValueError, "negative array length");
        return -1;
    }
    if (n >= 0 && open.type->item->size > 0 && n > (PY_SSIZE_T_MAX - st->size) / open.type->item->size) {
        PyErr_Format(PyExc_OverflowError, "open array field '%U' of %zd items is too large", open.name, n);
        return -1;
    }
    if (PyLong_Check(value)) {
        PyObject *copy = PyDict_Check(*init) ? PyDict_Copy(*init) : PySequence_List(*init);
        PyObject *empty = copy ? PyList_New(0) : nullptr;
        int rc = !empty ? -1 : PyDict_Check(copy) ? PyDict_SetItem(copy, open.name, empty)
                                                 : PyList_SetItem(copy, index, Py_NewRef(empty));
        Py_XDECREF(empty);
        if (rc < 0) {
            Py_XDECREF(copy);
            return -1;
        }
        *init = copy;
    }
    return n < 0 ? 0 : n;
}

}  // namespace

// ffi.new's work once cdecl is resolved: memory owned by the returned cdata,
// zeroed unless `clear` is false (ffi.new_allocator(should_clear_after_alloc=False)).
PyObject *new_owning(CType *ct, PyObject *init, bool clear) {
    CData *cd = nullptr;
    if (ct->kind == Kind::Pointer) {
        CType *item = ct->item;
        if (item->size < 0 || (ctype_is_struct(item) && !item->complete)) {
            PyErr_Format(PyExc_TypeError, "cannot instantiate ctype '%U' of unknown size", item->name);
        } else {
            const Field *open = open_array_field(item);
            PyObject *given = init;
            Py_ssize_t tail = open && init != Py_None ? tail_items(item, *open, &init) : 0;
            Py_ssize_t size = tail < 0 ? -1 : item->size;
            if (tail > 0 && open->offset + tail * open->type->item->size > size)
                size = open->offset + tail * open->type->item->size;
            if (tail >= 0 && (cd = cdata_new_owning(ct, size, -1, clear)) && init != Py_None) {
                Py_ssize_t saved = open_tail_room;
                Py_ssize_t item_size = open ? open->type->item->size : 0;
                open_tail_room = item_size > 0 ? (size - open->offset) / item_size : open ? PY_SSIZE_T_MAX : 0;
                if (from_python(cd->data, item, init) < 0) Py_CLEAR(cd);
                open_tail_room = saved;
            }
            if (init != given) Py_DECREF(init);
        }
    } else if (ct->kind == Kind::Array) {
        Py_ssize_t length = ct->length;
        if (length < 0) {
            // anything with __index__ but a sequence initializer is the length (as in CFFI)
            Py_ssize_t items = initializer_length(ct, init);
            bool is_length = init != Py_None && items < 0 && Py_TYPE(init)->tp_as_number
                             && Py_TYPE(init)->tp_as_number->nb_index;
            if (is_length) {
                length = PyNumber_AsSsize_t(init, PyExc_OverflowError);
                if (length == -1 && PyErr_Occurred()) return nullptr;
                if (length < 0) {
                    PyErr_SetString(PyExc_ValueError, "negative array length");
                    return nullptr;
                }
                init = Py_None;
            } else if ((length = items) < 0) {
                type_error_expected(ct, "an int length, a list, a tuple or a string", init);
                return nullptr;
            }
        }
        if (ct->item->size > 0 && length > PY_SSIZE_T_MAX / ct->item->size) {
            PyErr_Format(PyExc_OverflowError, "array of %zd items of '%U' would be too large", length, ct->item->name);
        } else if ((cd = cdata_new_owning(ct, length * ct->item->size, length, clear)) && init != Py_None
                   && fill_array(cd->data, ct, init) < 0) {
            Py_CLEAR(cd);
        }
    } else {
        PyErr_Format(PyExc_TypeError, "expected a pointer or array ctype, got '%U'", ct->name);  // CFFI's words (its tests)
    }
    return (PyObject *)cd;
}

namespace {

// ffi.new(cdecl, init=None): zeroed memory owned by the returned cdata.
// METH_FASTCALL | METH_KEYWORDS: ffi.new(cdecl[, init]) is the hot form.
PyObject *ffi_new(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    PyObject *cdecl = nargs > 0 ? args[0] : nullptr, *init = nargs > 1 ? args[1] : Py_None;
    if (kwnames || nargs < 1 || nargs > 2) {
        static const char *const kwlist[] = {"cdecl", "init", nullptr};
        if (!parse_fastcall_keywords(args, nargs, kwnames, "O|O:new", kwlist, &cdecl, &init)) return nullptr;
    }
    CType *ct = resolve(self, cdecl);
    if (!ct) return nullptr;
    PyObject *cd = new_owning(ct, init, true);
    Py_DECREF(ct);
    return cd;
}

// The integer a cast reads from value, masked to the target later, as in
// CFFI: a pointer's address, a one-character string's code, or int() of
// anything with __int__ (floats truncate; no __index__-only objects).
PyObject *cast_source_int(PyObject *value) {
    if (is_cdata(value)) {
        CData *cd = (CData *)value;
        if (!cdata_alive(cd)) return nullptr;
        if (cd->ctype->kind == Kind::Array || ctype_is_pointerish(cd->ctype)) return PyLong_FromVoidPtr(cd->data);
    }
    bool text = PyBytes_Check(value) || PyUnicode_Check(value);
    if (text && PyObject_Length(value) == 1)
        return PyLong_FromLong(PyBytes_Check(value) ? (unsigned char)PyBytes_AS_STRING(value)[0]
                                                    : (long)PyUnicode_READ_CHAR(value, 0));
    if (PyLong_Check(value)) return Py_NewRef(value);
    PyNumberMethods *nb = Py_TYPE(value)->tp_as_number;
    PyObject *r = !text && nb && nb->nb_int ? nb->nb_int(value) : nullptr;
    if (r && !PyLong_Check(r)) Py_CLEAR(r);
    if (!r && !PyErr_Occurred()) {  // __int__'s own errors (NaN, infinity) stay, as CFFI's
        PyErr_Format(PyExc_TypeError, "cannot cast %s%.200s to a C integer or pointer",
                     text ? "a string of length != 1: " : "", Py_TYPE(value)->tp_name);
    }
    return r;
}

// The truth a cast to _Bool reads, as in CFFI: floats (long double too) by
// their own value, not truncated to an int first. -1 + error.
int cast_source_bool(PyObject *value) {
    CType *from = is_cdata(value) ? ((CData *)value)->ctype : nullptr;
    if (from && (from->kind == Kind::Float || from->kind == Kind::LongDouble)) {
        if (!cdata_alive((CData *)value)) return -1;
        const char *p = ((CData *)value)->data;
        if (from->kind == Kind::LongDouble) { long double v; std::memcpy(&v, p, sizeof v); return v != 0; }
        if (from->size == sizeof(float)) { float v; std::memcpy(&v, p, sizeof v); return v != 0; }
        double v;
        std::memcpy(&v, p, sizeof v);
        return v != 0;
    }
    PyNumberMethods *nb = Py_TYPE(value)->tp_as_number;
    if (!from && !PyLong_Check(value) && nb && nb->nb_float) {
        PyObject *f = nb->nb_float(value);
        int r = f && PyFloat_Check(f) ? PyFloat_AS_DOUBLE(f) != 0.0 : -1;
        if (f && r < 0) PyErr_Format(PyExc_TypeError, "cannot cast %.200s to '_Bool'", Py_TYPE(value)->tp_name);
        Py_XDECREF(f);
        return r;
    }
    PyObject *n = cast_source_int(value);
    int r = n ? PyObject_IsTrue(n) : -1;
    Py_XDECREF(n);
    return r;
}

// The value ffi.cast(float ctype, value) converts, as in CFFI: a primitive
// cdata by its Python value, a one-character string by its code.
PyObject *cast_source_float(CType *ct, PyObject *value) {
    PyObject *v = Py_NewRef(value);
    if (is_cdata(value)) {
        CData *cd = (CData *)value;
        Py_DECREF(v);
        if (ctype_is_pointerish(cd->ctype) || ctype_is_struct(cd->ctype) || cd->ctype->kind == Kind::Array) {
            PyErr_Format(PyExc_TypeError, "cannot cast ctype '%U' to ctype '%U'", cd->ctype->name, ct->name);
            return nullptr;
        }
        if (!cdata_alive(cd) || !(v = to_python(cd->data, cd->ctype, nullptr))) return nullptr;
    }
    if (!PyBytes_Check(v) && !PyUnicode_Check(v)) return v;
    PyObject *n = PyObject_Length(v) == 1 ? cast_source_int(v) : nullptr;
    if (!n) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "cannot cast %.200s of length != 1 to ctype '%U'", Py_TYPE(v)->tp_name, ct->name);
    }
    Py_DECREF(v);
    return n;
}

// The complex value ffi.cast(complex ctype, value) reads, as CFFI does: a
// one-character string by its code, a primitive cdata by its value (long
// double excepted, which refuses complex()), anything else through complex().
int cast_source_complex(CType *ct, PyObject *value, Py_complex *out) {
    bool text = PyBytes_Check(value) || PyUnicode_Check(value);
    if (text && PyObject_Length(value) != 1) {
        PyErr_Format(PyExc_TypeError, "cannot cast %.200s object to ctype '%U'", Py_TYPE(value)->tp_name, ct->name);
        return -1;
    }
    CType *from = is_cdata(value) ? ((CData *)value)->ctype : nullptr;
    if (from && (ctype_is_pointerish(from) || from->kind == Kind::Array || ctype_is_struct(from))) {
        PyErr_Format(PyExc_TypeError, "cannot cast ctype '%U' to ctype '%U'", from->name, ct->name);
        return -1;
    }
    if (from && !cdata_alive((CData *)value)) return -1;
    if (from && from->kind == Kind::Complex) {
        *out = read_complex(((CData *)value)->data, from);
        return 0;
    }
    PyObject *number = text || (from && from->kind != Kind::Float && from->kind != Kind::LongDouble)
                           ? cast_source_int(value)
                       : from && from->kind == Kind::Float ? PyNumber_Float(value)
                                                          : Py_NewRef(value);
    if (!number) return -1;
    *out = PyComplex_AsCComplex(number);
    Py_DECREF(number);
    return out->real == -1.0 && PyErr_Occurred() ? -1 : 0;
}

// ffi.cast(cdecl, value): a value cdata (ints wrap around like C casts), or
// a pointer or sized-array cdata at an address or another pointer's or
// array's (holding on to the memory that one owns).
PyObject *ffi_cast(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "cast() takes 2 arguments (%zd given)", nargs);
        return nullptr;
    }
    CType *ct = resolve(self, args[0]);
    if (!ct) return nullptr;
    PyObject *value = args[1];
    PyObject *result = nullptr;
    if (ctype_is_pointerish(ct) || (ct->kind == Kind::Array && ct->length >= 0)) {
        if (PyBytes_Check(value) || PyUnicode_Check(value)) {
            PyErr_Format(PyExc_TypeError, "cannot cast %.200s to pointer ctype '%U': expected an int or a cdata",
                         Py_TYPE(value)->tp_name, ct->name);
        } else if (int file = is_python_file(ct, value)) {
            FILE *f = file < 0 ? nullptr : python_file_as_FILE(value);
            result = f ? (PyObject *)cdata_new_pointer(ct, (char *)f, nullptr) : nullptr;
        } else if (PyObject *n = cast_source_int(value)) {
            void *p = (void *)(uintptr_t)PyLong_AsUnsignedLongLongMask(n);
            Py_DECREF(n);
            if (!PyErr_Occurred()) {
                PyObject *owner = is_cdata(value) ? cdata_root((CData *)value) : nullptr;
                // An array type views the memory at that address (CFFI's extension to C casts).
                result = ct->kind == Kind::Array ? (PyObject *)cdata_new_view(ct, (char *)p, owner)
                                                 : (PyObject *)cdata_new_pointer(ct, (char *)p, owner);
            }
        }
    } else if (ct->kind == Kind::Float || ct->kind == Kind::LongDouble) {
        CData *cd = cdata_new_value(ct);
        PyObject *f = cd ? cast_source_float(ct, value) : nullptr;
        if (f && from_python(cd->data, ct, f) == 0) result = (PyObject *)Py_NewRef(cd);
        Py_XDECREF(f);
        Py_XDECREF(cd);
    } else if (ct->kind == Kind::Complex) {
        Py_complex v;
        CData *cd = cast_source_complex(ct, value, &v) == 0 ? cdata_new_value(ct) : nullptr;
        if (cd) store_complex(cd->data, ct, v);
        result = (PyObject *)cd;
    } else if (ctype_is_integer(ct) || ct->kind == Kind::Char || ct->kind == Kind::WChar) {
        int truth = ct->kind == Kind::Bool ? cast_source_bool(value) : 0;
        PyObject *n = truth < 0 ? nullptr : ct->kind == Kind::Bool ? PyLong_FromLong(truth) : cast_source_int(value);
        CData *cd = n ? cdata_new_value(ct) : nullptr;
        if (cd) {
            unsigned long long bits = PyLong_AsUnsignedLongLongMask(n);
            if (!PyErr_Occurred()) {
                std::memcpy(cd->data, &bits, ct->size);  // little-endian truncation
                result = Py_NewRef((PyObject *)cd);
            }
            Py_DECREF(cd);
        }
        Py_XDECREF(n);
    } else {
        PyErr_Format(PyExc_TypeError, "cannot cast to ctype '%U'", ct->name);
    }
    Py_DECREF(ct);
    return result;
}

Py_ssize_t size_of(PyObject *self, PyObject *arg) {
    if (is_cdata(arg)) {
        CData *cd = (CData *)arg;
        if (cd->ctype->kind == Kind::Array) return cdata_array_length(cd) * cd->ctype->item->size;
        Py_ssize_t var_size = ctype_is_struct(cd->ctype) ? cdata_var_size(cd) : -1;
        return var_size >= 0 ? var_size : cd->ctype->size;
    }
    CType *ct = resolve(self, arg);
    if (!ct) return -2;
    Py_ssize_t size = ct->size;
    if (size < 0 || (ctype_is_struct(ct) && !ct->complete)) {
        PyErr_Format(FFIError, "ctype '%U' has unknown size", ct->name);
        size = -2;
    }
    Py_DECREF(ct);
    return size;
}

PyObject *ffi_sizeof(PyObject *self, PyObject *arg) {
    Py_ssize_t size = size_of(self, arg);
    return size == -2 ? nullptr : PyLong_FromSsize_t(size);
}

PyObject *ffi_alignof(PyObject *self, PyObject *arg) {
    CType *ct = is_cdata(arg) ? (CType *)Py_NewRef(((CData *)arg)->ctype) : resolve(self, arg);
    if (!ct) return nullptr;
    PyObject *r = nullptr;
    CType *t = ct;
    while (t->kind == Kind::Array) t = t->item;  // as CFFI: int[] has int's alignment
    if (t->size < 0 || (ctype_is_struct(t) && !t->complete)) PyErr_Format(PyExc_ValueError, "ctype '%U' has unknown alignment", ct->name);
    else r = PyLong_FromSsize_t(t->align);
    Py_DECREF(ct);
    return r;
}

// Walks a field/index path from ct: the offset and the ctype reached.
CType *walk_path(CType *ct, PyObject *const *path, Py_ssize_t n, Py_ssize_t *offset, bool allow_pointer_first) {
    *offset = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *step = path[i];
        if (PyUnicode_Check(step)) {
            CType *st = ct;
            if (ct->kind == Kind::Pointer && ctype_is_struct(ct->item) && (i > 0 || allow_pointer_first)) st = ct->item;
            if (!ctype_is_struct(st) || !st->field_index) {
                PyErr_Format(PyExc_TypeError, "field name %R given, but ctype '%U' is not a struct or union", step, ct->name);
                return nullptr;
            }
            PyObject *index = PyDict_GetItemWithError(st->field_index, step);
            if (!index) {
                if (!PyErr_Occurred()) PyErr_Format(PyExc_KeyError, "'%U' has no field %R", st->name, step);
                return nullptr;
            }
            const Field &f = st->fields[PyLong_AS_LONG(index)];
            if (f.bitsize >= 0) {
                PyErr_Format(PyExc_TypeError, "field '%U' is a bitfield: it has no address", f.name);
                return nullptr;
            }
            *offset += f.offset;
            ct = f.type;
        } else {
            Py_ssize_t k = PyNumber_AsSsize_t(step, PyExc_IndexError);
            if (k == -1 && PyErr_Occurred()) return nullptr;
            if ((ct->kind != Kind::Array && ct->kind != Kind::Pointer) || ct->item->size < 0) {
                PyErr_Format(PyExc_TypeError, "index %zd given, but ctype '%U' is not an array or pointer", k, ct->name);
                return nullptr;
            }
            // No bounds check, as CFFI: an address out of the array is no access.
            Py_ssize_t step_bytes;
            if (__builtin_mul_overflow(k, ct->item->size, &step_bytes) || __builtin_add_overflow(*offset, step_bytes, offset)) {
                PyErr_Format(PyExc_OverflowError, "index %zd of '%U' is too large an offset", k, ct->name);
                return nullptr;
            }
            ct = ct->item;
        }
    }
    return ct;
}

PyObject *ffi_offsetof(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 2) {
        PyErr_SetString(PyExc_TypeError, "offsetof() expects a type and at least one field name or index");
        return nullptr;
    }
    CType *ct = resolve(self, args[0]);
    if (!ct) return nullptr;
    Py_ssize_t offset;
    CType *reached = walk_path(ct, args + 1, nargs - 1, &offset, true);
    Py_DECREF(ct);
    return reached ? PyLong_FromSsize_t(offset) : nullptr;
}

PyObject *ffi_typeof(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg) && !is_cdata(arg)) {
        CType *fn = lib_function_info(arg, nullptr);
        if (fn) return Py_NewRef((PyObject *)fn);
        if (PyErr_Occurred()) return nullptr;
    }
    if (is_cdata(arg)) return Py_NewRef((PyObject *)((CData *)arg)->ctype);
    if (!PyUnicode_Check(arg)) {  // not a ctype either, as CFFI
        PyErr_Format(PyExc_TypeError, "expected a string or cdata object, got '%.200s'", Py_TYPE(arg)->tp_name);
        return nullptr;
    }
    return (PyObject *)resolve(self, arg);
}

// ffi.addressof(cdata struct/array, *path) or ffi.addressof(lib, "name").
PyObject *ffi_addressof(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs >= 1 && (Py_IS_TYPE(args[0], Lib_Type) || is_dlopen_lib(args[0]))) {
        if (nargs != 2 || !PyUnicode_Check(args[1])) {
            PyErr_SetString(PyExc_TypeError, "addressof(lib, name) expects exactly one name (a str)");
            return nullptr;
        }
        if (is_dlopen_lib(args[0])) return dlopen_lib_addressof(args[0], args[1]);
        return lib_addressof((LibObject *)args[0], args[1]);
    }
    if (nargs < 1 || !is_cdata(args[0])) {
        PyErr_Format(PyExc_TypeError, "addressof() expects a cdata struct/union/array or a lib, not %.200s",
                     nargs ? Py_TYPE(args[0])->tp_name : "nothing");
        return nullptr;
    }
    CData *cd = (CData *)args[0];
    CType *ct = cd->ctype;
    bool pointer_with_path = ct->kind == Kind::Pointer && nargs > 1;  // addressof(p, 25) is p + 25
    if (!ctype_is_struct(ct) && ct->kind != Kind::Array && !pointer_with_path) {
        PyErr_Format(PyExc_TypeError, "addressof() expects a cdata struct, union or array, not cdata '%U'", ct->name);
        return nullptr;
    }
    if (!cdata_alive(cd)) return nullptr;
    Py_ssize_t offset;
    CType *reached = walk_path(ct, args + 1, nargs - 1, &offset, true);
    if (!reached) return nullptr;
    CType *ptr = ctype_pointer_to(reached);
    if (!ptr) return nullptr;
    PyObject *r = (PyObject *)cdata_new_pointer(ptr, cd->data + offset, cdata_root(cd));
    Py_DECREF(ptr);
    return r;
}

PyObject *ffi_getctype(PyObject *self, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"cdecl", "replace_with", nullptr};
    PyObject *cdecl;
    const char *replace = "";
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|s:getctype", (char **)kwlist, &cdecl, &replace)) return nullptr;
    CType *ct = resolve(self, cdecl);
    if (!ct) return nullptr;
    // As CFFI: blanks trimmed, '*' on an array parenthesized, and anything
    // else but '[' or '(' after a space ("int *" and "*" give "int * *").
    while (std::isspace(static_cast<unsigned char>(*replace))) replace++;
    std::string insert = replace;
    while (!insert.empty() && std::isspace(static_cast<unsigned char>(insert.back()))) insert.pop_back();
    if (!insert.empty() && insert[0] == '*' && ct->kind == Kind::Array) insert = "(" + insert + ")";
    else if (!insert.empty() && insert[0] != '[' && insert[0] != '(') insert = " " + insert;
    PyObject *r = ctype_derived_name(ct, insert.c_str());
    Py_DECREF(ct);
    return r;
}

PyObject *ffi_release(PyObject *, PyObject *arg) {
    CData *cd = cdata_arg(arg, "release");
    return cd && cdata_check_releasable(cd) ? cdata_release(arg) : nullptr;
}

PyObject *sorted_names(const char *const *names, const int *flags, int n, int want_flags, int mask) {
    PyObject *list = PyList_New(0);
    for (int i = 0; list && i < n; i++) {
        if (names[i][0] == '$' || (flags && (flags[i] & mask) != want_flags)) continue;
        PyObject *s = PyUnicode_FromString(names[i]);
        if (!s || PyList_Append(list, s) < 0) Py_CLEAR(list);
        Py_XDECREF(s);
    }
    if (list && PyList_Sort(list) < 0) Py_CLEAR(list);
    return list;
}

PyObject *ffi_list_types(PyObject *self, PyObject *) {
    const _ffigen_type_context *t = ffi_of(self)->ctx->tables;
    std::vector<const char *> tn, sn;
    std::vector<int> sf;
    for (int i = 0; i < t->num_typenames; i++) tn.push_back(t->typenames[i].name);
    for (int i = 0; i < t->num_struct_unions; i++) {
        sn.push_back(t->struct_unions[i].name);
        sf.push_back(t->struct_unions[i].flags);
    }
    PyObject *a = sorted_names(tn.data(), nullptr, (int)tn.size(), 0, 0);
    PyObject *b = sorted_names(sn.data(), sf.data(), (int)sn.size(), 0, _FFIGEN_F_UNION);
    PyObject *c = sorted_names(sn.data(), sf.data(), (int)sn.size(), _FFIGEN_F_UNION, _FFIGEN_F_UNION);
    PyObject *r = a && b && c ? PyTuple_Pack(3, a, b, c) : nullptr;
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    return r;
}

PyObject *ffi_integer_const(PyObject *self, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"name", nullptr};
    const char *name;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s:integer_const", (char **)kwlist, &name)) return nullptr;
    const _ffigen_type_context *t = ffi_of(self)->ctx->tables;
    int i = find_global(t, name);
    int code = i >= 0 ? _FFIGEN_OP_CODE(t->globals[i].type_op) : -1;
    if (i >= 0 && code != _FFIGEN_OP_CONSTANT_INT && code != _FFIGEN_OP_ENUM) {  // errors as CFFI's
        PyErr_Format(FFIError, "'%s' is a function, global variable or non-integer constant: read it from lib", name);
        return nullptr;
    }
    if (i < 0) {
        PyErr_Format(PyExc_AttributeError, "integer constant '%s' not found", name);
        return nullptr;
    }
    unsigned long long v = 0;
    int flags = read_int_constant(t, i, &v);
    return (flags & 1) ? PyLong_FromLongLong((long long)v) : PyLong_FromUnsignedLongLong(v);
}

PyObject *get_errno(PyObject *, void *) { return PyLong_FromLong(call_state.saved_errno); }
int set_errno(PyObject *, PyObject *value, void *) {
    if (!value) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete ffi.errno");
        return -1;
    }
    return store_errno(value);
}

PyGetSetDef ffi_getset[] = {
    {"errno", get_errno, set_errno, "the errno saved after the last C call of this thread", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef ffi_methods[] = {
    {"new", (PyCFunction)(void (*)())ffi_new, METH_FASTCALL | METH_KEYWORDS, "new(cdecl, init=None): owned, zeroed C memory"},
    {"cast", (PyCFunction)(void (*)())ffi_cast, METH_FASTCALL, "cast(cdecl, value): a C cast"},
    {"sizeof", ffi_sizeof, METH_O, "sizeof(cdecl or cdata)"},
    {"alignof", ffi_alignof, METH_O, "alignof(cdecl)"},
    {"offsetof", (PyCFunction)(void (*)())ffi_offsetof, METH_FASTCALL, "offsetof(cdecl, *fields_or_indexes)"},
    {"typeof", ffi_typeof, METH_O, "typeof(cdecl or cdata or lib function): the ctype"},
    {"addressof", (PyCFunction)(void (*)())ffi_addressof, METH_FASTCALL, "addressof(cdata, *fields) or addressof(lib, name)"},
    {"getctype", (PyCFunction)(void (*)())ffi_getctype, METH_VARARGS | METH_KEYWORDS, "getctype(cdecl, replace_with='')"},
    {"string", (PyCFunction)(void (*)())ffi_string, METH_VARARGS | METH_KEYWORDS, "string(cdata, maxlen=-1)"},
    {"unpack", (PyCFunction)(void (*)())ffi_unpack, METH_VARARGS | METH_KEYWORDS, "unpack(cdata, length)"},
    {"memmove", (PyCFunction)(void (*)())ffi_memmove, METH_VARARGS | METH_KEYWORDS, "memmove(dest, src, n)"},
    {"release", ffi_release, METH_O, "release(cdata): free ffi.new memory now"},
    {"list_types", ffi_list_types, METH_NOARGS, "list_types(): (typedef names, struct names, union names)"},
    {"integer_const", (PyCFunction)(void (*)())ffi_integer_const, METH_VARARGS | METH_KEYWORDS, "integer_const(name)"},
    {"def_extern", (PyCFunction)(void (*)())ffi_def_extern, METH_VARARGS | METH_KEYWORDS,
     "def_extern(name=None, error=None, onerror=None): decorator attaching a Python function to an extern \"Python\""},
    {"callback", (PyCFunction)(void (*)())ffi_callback, METH_VARARGS | METH_KEYWORDS,
     "callback(cdecl, python_callable=None, error=None, onerror=None): a C function pointer calling Python"},
    {"gc", (PyCFunction)(void (*)())ffi_gc, METH_FASTCALL | METH_KEYWORDS, "gc(cdata, destructor, size=0)"},
    {"from_buffer", (PyCFunction)(void (*)())ffi_from_buffer, METH_FASTCALL | METH_KEYWORDS,
     "from_buffer([cdecl,] python_buffer, require_writable=False)"},
    {"new_handle", ffi_new_handle, METH_O, "new_handle(obj): a void * standing for obj"},
    {"from_handle", ffi_from_handle, METH_O, "from_handle(p): the obj of new_handle(obj)"},
    {"new_allocator", (PyCFunction)(void (*)())ffi_new_allocator, METH_VARARGS | METH_KEYWORDS,
     "new_allocator(alloc=None, free=None, should_clear_after_alloc=True)"},
    {"dlopen", (PyCFunction)(void (*)())ffi_dlopen, METH_VARARGS | METH_KEYWORDS,
     "dlopen(name, flags=0): the lib of a shared library (None: the main program)"},
    {"dlclose", ffi_dlclose, METH_O, "dlclose(lib): close a library of ffi.dlopen()"},
    {"init_once", (PyCFunction)(void (*)())ffi_init_once, METH_VARARGS | METH_KEYWORDS, "init_once(func, tag)"},
    {nullptr, nullptr, 0, nullptr},
};

void forget_last_type(FFIObject *f) {
    Py_CLEAR(f->last_text);
    Py_CLEAR(f->last_type);
}

void ffi_dealloc(PyObject *self) {
    FFIObject *f = ffi_of(self);
    PyObject_GC_UnTrack(self);
    forget_last_type(f);
    Py_CLEAR(f->parsed);
    Py_CLEAR(f->module_name);
    if (f->ctx) context_free(f->ctx);
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

int ffi_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(ffi_of(self)->parsed);
    return 0;
}

int ffi_clear(PyObject *self) {
    forget_last_type(ffi_of(self));
    Py_CLEAR(ffi_of(self)->parsed);
    return 0;
}

// FFI(module_name=None): an ffi of no module, as CFFI's type allows; it
// knows the primitive types only. With the tables of an out-of-line
// ABI-mode module (_version=, _types=, ...: abi_tables.cpp), that module's.
PyObject *ffi_tp_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"module_name", "_version", "_types", "_globals", "_struct_unions",
                                   "_enums", "_typenames", "_includes", nullptr};
    PyObject *name = Py_None;
    AbiArgs abi = {};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OOOOOOOO:FFI", (char **)kwlist, &name, &abi.version, &abi.types,
                                     &abi.globals, &abi.struct_unions, &abi.enums, &abi.typenames, &abi.includes))
        return nullptr;
    PyObject *module_name = name == Py_None ? PyUnicode_FromString("FFI") : PyObject_Str(name);
    static _ffigen_type_context no_tables = {};  // nothing to realize: never written
    bool has_tables = abi.version || abi.types || abi.globals || abi.struct_unions || abi.enums || abi.typenames;
    TypeContext *ctx = !module_name ? nullptr
                       : has_tables ? abi_context(module_name, abi)
                                    : realize_context(&no_tables, nullptr);
    FFIObject *f = ctx ? ffi_alloc(type, module_name, ctx) : nullptr;
    if (!f && ctx) context_free(ctx);
    Py_XDECREF(module_name);
    return (PyObject *)f;
}

PyType_Slot ffi_slots[] = {
    {Py_tp_new, (void *)ffi_tp_new},
    {Py_tp_dealloc, (void *)ffi_dealloc},
    {Py_tp_traverse, (void *)ffi_traverse},
    {Py_tp_clear, (void *)ffi_clear},
    {Py_tp_methods, ffi_methods},
    {Py_tp_getset, ffi_getset},
    {Py_tp_doc, (void *)"The types of a generated module (its `ffi`)."},
    {0, nullptr},
};

}  // namespace

CType *ffi_resolve_type(FFIObject *ffi, PyObject *arg) {
    if (arg == ffi->last_text) return (CType *)Py_NewRef(ffi->last_type);
    if (PyUnicode_Check(arg)) {
        PyObject *cached = ffi->parsed ? PyDict_GetItemWithError(ffi->parsed, arg) : nullptr;
        CType *t = (CType *)Py_XNewRef(cached);
        if (!t && !PyErr_Occurred()) {
            const char *text = PyUnicode_AsUTF8(arg);
            t = text ? parse_type_string(ffi->ctx, text) : nullptr;
            if (t && ffi->parsed && PyDict_SetItem(ffi->parsed, arg, (PyObject *)t) < 0) Py_CLEAR(t);
        }
        if (t && ffi->parsed) {
            forget_last_type(ffi);
            ffi->last_text = Py_NewRef(arg);
            ffi->last_type = (CType *)Py_NewRef(t);
        }
        return t;
    }
    if (ctype_check(arg)) return (CType *)Py_NewRef(arg);
    // Only typeof(), sizeof() and alignof() take a cdata for its type (as in CFFI).
    PyErr_Format(PyExc_TypeError, "expected a C type string or a ctype, not %s%.200s",
                 is_cdata(arg) ? "a cdata of type " : "", is_cdata(arg) ? ctype_cname(((CData *)arg)->ctype) : Py_TYPE(arg)->tp_name);
    return nullptr;
}

int store_errno(PyObject *value) {
    long v = PyLong_AsLong(value);
    if (v == -1 && PyErr_Occurred()) return -1;
    if (v < INT_MIN || v > INT_MAX) {  // errno is an int: never truncated
        PyErr_Format(PyExc_OverflowError, "ffi.errno must fit a C int, not %ld", v);
        return -1;
    }
    call_state.saved_errno = (int)v;
    return 0;
}

// On failure ctx stays the caller's.
FFIObject *ffi_alloc(PyTypeObject *type, PyObject *module_name, TypeContext *ctx) {
    FFIObject *f = (FFIObject *)type->tp_alloc(type, 0);  // zeroed and GC-tracked
    if (!f) return nullptr;
    f->module_name = Py_NewRef(module_name);
    if (!(f->parsed = PyDict_New())) {
        Py_DECREF(f);
        return nullptr;
    }
    f->ctx = ctx;
    return f;
}

FFIObject *ffi_create(PyObject *module_name, TypeContext *ctx) { return ffi_alloc(FFI_Type, module_name, ctx); }

int ffi_init_types(PyObject *module) {
    static PyType_Spec spec = {"_ffigen_runtime.FFI", sizeof(FFIObject), 0,
                               Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE, ffi_slots};
    if (!FFI_Type) {
        FFI_Type = (PyTypeObject *)PyType_FromSpec(&spec);
        if (!FFI_Type) return -1;
        // Class attributes every ffi shares.
        CType *voidp = ctype_pointer_to(ctype_primitive(_FFIGEN_PRIM_VOID));
        CData *null = voidp ? cdata_new_pointer(voidp, nullptr, nullptr) : nullptr;
        Py_XDECREF(voidp);
        bool bad = !null || PyDict_SetItemString(FFI_Type->tp_dict, "NULL", (PyObject *)null) < 0
                || PyDict_SetItemString(FFI_Type->tp_dict, "CData", (PyObject *)CData_Type) < 0
                || PyDict_SetItemString(FFI_Type->tp_dict, "CType", (PyObject *)CType_Type) < 0
                || PyDict_SetItemString(FFI_Type->tp_dict, "error", FFIError) < 0;
        Py_XDECREF(null);
        if (bad || add_rtld_constants(FFI_Type->tp_dict) < 0) return -1;
        PyType_Modified(FFI_Type);
    }
    return PyModule_AddObjectRef(module, "FFI", (PyObject *)FFI_Type);
}

}  // namespace ffigen_rt
