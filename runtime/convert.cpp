// convert.cpp: moving values between Python objects and C memory.
//
// `from_python` writes a Python value into C memory of a given ctype (ints
// range-checked, bytes for char, str for wchar_t, lists/tuples/dicts for
// arrays and structs, cdata of a compatible type); `to_python` reads one
// back. Neither owns anything: the caller owns the memory, and `owner` is
// only passed on to the cdata views (struct/array) `to_python` creates, so
// the memory outlives them.
#include "runtime.hpp"

#include <complex>
#include <cstring>

namespace ffigen_rt {

Py_ssize_t open_tail_room;

// CFFI's rules for a C integer: an int, or anything with __int__ but a
// float or float cdata (an object with only __index__ is refused, and so is
// a pointer cdata, whose __int__ refuses).
PyObject *integer_value(PyObject *obj) {
    if (PyLong_Check(obj)) return Py_NewRef(obj);
    PyNumberMethods *nb = Py_TYPE(obj)->tp_as_number;
    bool is_float = PyFloat_Check(obj) || (is_cdata(obj) && (((CData *)obj)->ctype->kind == Kind::Float
                                                             || ((CData *)obj)->ctype->kind == Kind::LongDouble));
    if (is_float || !nb || !nb->nb_int) {
        PyErr_Format(PyExc_TypeError, "an integer is required, not %.200s",
                     is_cdata(obj) ? "a float cdata" : Py_TYPE(obj)->tp_name);
        return nullptr;
    }
    PyObject *n = nb->nb_int(obj);
    if (n && !PyLong_Check(n)) {
        Py_DECREF(n);
        PyErr_SetString(PyExc_TypeError, "__int__ returned a non-int");
        return nullptr;
    }
    return n;
}

int char_value(PyObject *obj) {
    if (PyBytes_Check(obj) && PyBytes_GET_SIZE(obj) == 1) return (unsigned char)PyBytes_AS_STRING(obj)[0];
    if (is_cdata(obj) && ((CData *)obj)->ctype->kind == Kind::Char) {
        if (!cdata_alive((CData *)obj)) return -1;
        return (unsigned char)*((CData *)obj)->data;
    }
    type_error_expected(ctype_primitive(_FFIGEN_PRIM_CHAR), "a bytes of length 1", obj);
    return -1;
}

// A str of one character that fits ct, or a cdata of a wide char type of
// ct's size (CFFI takes a 'wchar_t' for a 'char32_t').
long wide_char_value(PyObject *obj, CType *ct) {
    if (PyUnicode_Check(obj) && PyUnicode_GET_LENGTH(obj) == 1) {
        Py_UCS4 c = PyUnicode_READ_CHAR(obj, 0);
        if (ct->size == 2 && c > 0xFFFF) {
            PyErr_Format(PyExc_TypeError, "initializer for ctype '%U' must be a str of length 1, not a character "
                         "past U+FFFF", ct->name);
            return -1;
        }
        return (long)c;
    }
    if (is_cdata(obj) && ((CData *)obj)->ctype->kind == Kind::WChar && ((CData *)obj)->ctype->size == ct->size) {
        if (!cdata_alive((CData *)obj)) return -1;
        const char *p = ((CData *)obj)->data;
        if (ct->size == 2) { uint16_t c; std::memcpy(&c, p, 2); return c; }
        uint32_t c;
        std::memcpy(&c, p, 4);
        return (long)c;
    }
    type_error_expected(ct, "a str of length 1", obj);
    return -1;
}

namespace {

// A cdata of exactly this ctype is copied byte for byte: 1 when copied, 0
// when obj is not one, -1 (exception set) when it was released.
int copy_same_cdata(char *data, CType *ct, PyObject *obj) {
    if (!is_cdata(obj) || ((CData *)obj)->ctype != ct) return 0;
    if (!cdata_alive((CData *)obj)) return -1;
    std::memmove(data, ((CData *)obj)->data, ct->size);
    return 1;
}

void store_unsigned(char *data, Py_ssize_t size, unsigned long long v) {
    switch (size) {
    case 1: { uint8_t x = (uint8_t)v; std::memcpy(data, &x, 1); break; }
    case 2: { uint16_t x = (uint16_t)v; std::memcpy(data, &x, 2); break; }
    case 4: { uint32_t x = (uint32_t)v; std::memcpy(data, &x, 4); break; }
    default: std::memcpy(data, &v, 8); break;
    }
}

PyObject *overflow(PyObject *value, CType *ct) {
    PyErr_Format(PyExc_OverflowError, "integer %R does not fit '%U'", value, ct->name);
    return nullptr;
}

int write_char(char *data, CType *, PyObject *obj) {
    int c = char_value(obj);
    if (c < 0) return -1;
    *data = (char)c;
    return 0;
}

int write_wchar(char *data, CType *ct, PyObject *obj) {
    long c = wide_char_value(obj, ct);
    if (c < 0) return -1;
    store_unsigned(data, ct->size, (unsigned long long)c);
    return 0;
}

// As CFFI: a long double cdata keeps its precision; anything else goes
// through float(), which float cdata accept and other cdata refuse.
int write_float(char *data, CType *ct, PyObject *obj) {
    if (is_cdata(obj) && ((CData *)obj)->ctype->kind == Kind::LongDouble) {
        if (!cdata_alive((CData *)obj)) return -1;
        long double v;
        std::memcpy(&v, ((CData *)obj)->data, sizeof v);
        if (ct->kind == Kind::LongDouble) std::memcpy(data, &v, sizeof v);
        else if (ct->size == sizeof(float)) { float f = (float)v; std::memcpy(data, &f, sizeof f); }
        else { double d = (double)v; std::memcpy(data, &d, sizeof d); }
        return 0;
    }
    double d = PyFloat_AsDouble(obj);
    if (d == -1.0 && PyErr_Occurred()) return -1;
    if (ct->kind == Kind::LongDouble) { long double v = d; std::memcpy(data, &v, sizeof v); }
    else if (ct->size == sizeof(float)) { float f = (float)d; std::memcpy(data, &f, sizeof f); }
    else std::memcpy(data, &d, sizeof d);
    return 0;
}

// Complex memory from anything complex() accepts: numbers, objects with
// __complex__ or __float__, and complex cdata (other cdata refuse it in
// their __complex__, as in CFFI).
int write_complex(char *data, CType *ct, PyObject *obj) {
    Py_complex v = PyComplex_AsCComplex(obj);
    if (v.real == -1.0 && PyErr_Occurred()) return -1;
    store_complex(data, ct, v);
    return 0;
}

// A pointer from a cdata pointer, function pointer or array only (not None,
// not a lib function: CFFI refuses both here).
int write_pointer(char *data, CType *ct, PyObject *obj) {
    if (is_cdata(obj)) {
        CData *cd = (CData *)obj;
        int ok = pointer_accepts(ct, cd->ctype) ? 1 : char_pointer_mix(ct, cd->ctype);
        if (ok < 0) return -1;
        if (ok) {
            if (!cdata_alive(cd)) return -1;
            *(char **)data = cd->data;
            return 0;
        }
    }
    type_error_expected(ct, ct->kind == Kind::Function ? "a cdata function pointer of the same type"
                                                        : "a cdata pointer of a compatible type", obj);
    return -1;
}

}  // namespace

// One field of a struct initializer. An open array at the end may only take
// as many items as the memory has room for (open_tail_room, set by ffi.new).
int write_field(char *data, const Field &f, PyObject *value) {
    if (f.bitsize >= 0) return write_bitfield(data, f, value);
    if (f.type->kind == Kind::Array && f.type->length < 0) {
        Py_ssize_t n = initializer_length(f.type, value);
        if (n > open_tail_room) {
            PyErr_Format(PyExc_IndexError, "open array field '%U' has room for %zd items here, not %zd", f.name,
                         open_tail_room, n);
            return -1;
        }
    }
    return from_python(data + f.offset, f.type, value);
}

namespace {

// Struct/union from a cdata of the same type, a list/tuple of field values
// (a union takes one) or a dict keyed by field name. Fields the initializer
// does not name keep their bytes (zeros in ffi.new memory), as in CFFI.
int write_struct(char *data, CType *ct, PyObject *obj) {
    if (!ct->complete) {
        PyErr_Format(PyExc_TypeError, "'%U' is opaque", ct->name);
        return -1;
    }
    if (int copied = copy_same_cdata(data, ct, obj)) return copied < 0 ? -1 : 0;
    if (PyList_Check(obj) || PyTuple_Check(obj)) {
        PyObject *items = items_snapshot(obj);
        if (!items) return -1;
        // As CFFI: field by field (a union takes its first), so a bad value
        // raises before a count beyond the fields does.
        Py_ssize_t n = PyTuple_GET_SIZE(items), limit = ct->kind == Kind::Union ? 1 : ct->nfields;
        int rc = 0;
        for (Py_ssize_t i = 0; rc == 0 && i < n && i < limit; i++)
            rc = write_field(data, ct->fields[i], PyTuple_GET_ITEM(items, i));
        if (rc == 0 && n > limit) {
            PyErr_Format(PyExc_ValueError, "too many initializers for '%U' (expected at most %zd, got %zd)",
                         ct->name, limit, n);
            rc = -1;
        }
        Py_DECREF(items);
        return rc < 0 ? -1 : 0;
    }
    if (PyDict_Check(obj)) {
        PyObject *items = PyDict_Items(obj);  // a snapshot, as for lists: values may change the dict
        int rc = items ? 0 : -1;
        for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(items); i++) {
            PyObject *key = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 0);
            PyObject *index = PyDict_GetItemWithError(ct->field_index, key);
            if (!index) {
                if (!PyErr_Occurred())
                    PyErr_Format(PyExc_KeyError, "'%U' has no field %R", ct->name, key);
                rc = -1;
            } else {
                const Field &f = ct->fields[PyLong_AsSsize_t(index)];
                rc = write_field(data, f, PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 1));
            }
        }
        Py_XDECREF(items);
        return rc < 0 ? -1 : 0;
    }
    type_error_expected(ct, "a list, tuple, dict or cdata of the same struct", obj);
    return -1;
}

int write_array(char *data, CType *ct, PyObject *obj) { return fill_array(data, ct, obj); }

}  // namespace

int write_integer(char *data, CType *ct, PyObject *obj) {
    if (PyLong_CheckExact(obj)) {  // fast path: no new reference
        int overflowed;
        long long v = PyLong_AsLongLongAndOverflow(obj, &overflowed);
        if (!overflowed && !(v == -1 && PyErr_Occurred())) {
            bool is_signed = ct->kind == Kind::SignedInt || (ct->kind == Kind::Enum && ct->item->kind == Kind::SignedInt);
            int bits = (int)ct->size * 8;
            bool fits = ct->kind == Kind::Bool ? (v == 0 || v == 1)
                        : is_signed ? (bits == 64 || (v >= -(1LL << (bits - 1)) && v < (1LL << (bits - 1))))
                                    : (v >= 0 && (bits == 64 || v < (1LL << bits)));
            if (!fits) return overflow(obj, ct), -1;
            store_unsigned(data, ct->size, (unsigned long long)v);
            return 0;
        }
        PyErr_Clear();
    }
    PyObject *n = integer_value(obj);
    if (!n) return -1;
    bool is_signed = ct->kind == Kind::SignedInt || (ct->kind == Kind::Enum && ct->item->kind == Kind::SignedInt);
    int bits = (int)ct->size * 8;
    int rc = -1;
    if (ct->kind == Kind::Bool) {
        int overflowed;
        long long v = PyLong_AsLongLongAndOverflow(n, &overflowed);
        if (!overflowed && (v == 0 || v == 1)) {
            *data = (char)v;
            rc = 0;
        } else if (!PyErr_Occurred()) {
            overflow(n, ct);
        }
    } else if (is_signed) {
        int overflowed;
        long long v = PyLong_AsLongLongAndOverflow(n, &overflowed);
        if (overflowed || (bits < 64 && (v < -(1LL << (bits - 1)) || v >= (1LL << (bits - 1))))) {
            if (!PyErr_Occurred()) overflow(n, ct);
        } else if (!(v == -1 && PyErr_Occurred())) {
            store_unsigned(data, ct->size, (unsigned long long)v);
            rc = 0;
        }
    } else {
        unsigned long long v = PyLong_AsUnsignedLongLong(n);
        if (v == (unsigned long long)-1 && PyErr_Occurred()) {
            if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                overflow(n, ct);
            }
        } else if (bits < 64 && v >= (1ULL << bits)) {
            overflow(n, ct);
        } else {
            store_unsigned(data, ct->size, v);
            rc = 0;
        }
    }
    Py_DECREF(n);
    return rc;
}

Py_complex read_complex(const char *data, CType *ct) {
    if (ct->size == sizeof(std::complex<float>)) {
        std::complex<float> f;
        std::memcpy((void *)&f, data, sizeof f);
        return {f.real(), f.imag()};
    }
    std::complex<double> d;
    std::memcpy((void *)&d, data, sizeof d);
    return {d.real(), d.imag()};
}

void store_complex(char *data, CType *ct, Py_complex v) {
    if (ct->size == sizeof(std::complex<float>)) {
        std::complex<float> f((float)v.real, (float)v.imag);
        std::memcpy(data, (void *)&f, sizeof f);
    } else {
        std::complex<double> d(v.real, v.imag);
        std::memcpy(data, (void *)&d, sizeof d);
    }
}

PyObject *read_integer(const char *data, CType *ct) {
    bool is_signed = ct->kind == Kind::SignedInt || (ct->kind == Kind::Enum && ct->item->kind == Kind::SignedInt);
    switch (ct->size) {
    case 1: return is_signed ? PyLong_FromLong(*(const int8_t *)data) : PyLong_FromLong(*(const uint8_t *)data);
    case 2: { int16_t s; uint16_t u; std::memcpy(&s, data, 2); std::memcpy(&u, data, 2);
              return PyLong_FromLong(is_signed ? s : u); }
    case 4: { int32_t s; uint32_t u; std::memcpy(&s, data, 4); std::memcpy(&u, data, 4);
              return is_signed ? PyLong_FromLong(s) : PyLong_FromUnsignedLong(u); }
    default: { long long s; unsigned long long u; std::memcpy(&s, data, 8); std::memcpy(&u, data, 8);
               return is_signed ? PyLong_FromLongLong(s) : PyLong_FromUnsignedLongLong(u); }
    }
}

// As CFFI: _Bool memory holding neither 0 nor 1 is an error to read.
PyObject *read_bool(const char *data) {
    unsigned char v = *(const unsigned char *)data;
    if (v > 1) {
        PyErr_Format(PyExc_ValueError, "got a _Bool of value %d, expected 0 or 1", (int)v);
        return nullptr;
    }
    return PyBool_FromLong(v);
}

// Bitfields are read and written through exactly the bytes that hold their
// bits (a packed bitfield's storage unit may run past the struct's end).
// Little-endian bit numbering, as gcc lays them out on x86-64 and AArch64.
namespace {
using bits_t = unsigned __int128;

struct BitSpan {
    Py_ssize_t first;  // first byte
    int shift;         // bit position inside it
    int nbytes;
};

BitSpan span_of(const Field &f) {
    BitSpan s;
    s.first = f.offset + f.bitshift / 8;
    s.shift = f.bitshift % 8;
    s.nbytes = (s.shift + f.bitsize + 7) / 8;
    return s;
}

bool field_is_signed(const Field &f) {
    return f.type->kind == Kind::SignedInt || (f.type->kind == Kind::Enum && f.type->item->kind == Kind::SignedInt);
}
}  // namespace

int read_bitfield(const char *data, const Field &f, PyObject **out) {
    BitSpan s = span_of(f);
    bits_t raw = 0;
    std::memcpy(&raw, data + s.first, s.nbytes);
    unsigned long long mask = f.bitsize >= 64 ? ~0ULL : ((1ULL << f.bitsize) - 1);
    unsigned long long v = (unsigned long long)(raw >> s.shift) & mask;
    if (field_is_signed(f)) {
        if (f.bitsize < 64 && (v >> (f.bitsize - 1)) & 1) v |= ~mask;
        *out = PyLong_FromLongLong((long long)v);
    } else {
        *out = f.type->kind == Kind::Bool ? PyBool_FromLong((long)v) : PyLong_FromUnsignedLongLong(v);
    }
    return *out ? 0 : -1;
}

int write_bitfield(char *data, const Field &f, PyObject *obj) {
    // CFFI takes ints and __index__ here (not __int__, unlike whole integers).
    PyObject *n = is_cdata(obj) ? nullptr : PyNumber_Index(obj);
    if (!n) {
        if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "bitfield '%U' takes an int, not %.200s", f.name,
                         is_cdata(obj) ? "a cdata" : Py_TYPE(obj)->tp_name);
        }
        return -1;
    }
    int overflowed;
    long long v = PyLong_AsLongLongAndOverflow(n, &overflowed);
    bool is_signed = field_is_signed(f);
    long long lo = is_signed ? -(1LL << (f.bitsize - 1)) : 0;
    long long hi = is_signed ? (1LL << (f.bitsize - 1)) - 1 : (f.bitsize >= 63 ? LLONG_MAX : (1LL << f.bitsize) - 1);
    if (overflowed || v < lo || v > hi) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_OverflowError, "value %R does not fit in bitfield '%U' (%d bits, %s)", n, f.name,
                         f.bitsize, is_signed ? "signed" : "unsigned");
        Py_DECREF(n);
        return -1;
    }
    Py_DECREF(n);
    BitSpan s = span_of(f);
    bits_t raw = 0;
    std::memcpy(&raw, data + s.first, s.nbytes);
    bits_t mask = (f.bitsize >= 64 ? (bits_t)~0ULL : (bits_t)((1ULL << f.bitsize) - 1)) << s.shift;
    raw = (raw & ~mask) | (((bits_t)(unsigned long long)v << s.shift) & mask);
    std::memcpy(data + s.first, &raw, s.nbytes);
    return 0;
}

namespace {
// An array converts as a pointer to its first item.
bool is_data_pointer(const CType *t) { return t->kind == Kind::Pointer || t->kind == Kind::Array; }
bool is_void_pointer(const CType *t) { return t->kind == Kind::Pointer && t->item->kind == Kind::Void; }
bool is_char_pointer(const CType *t) { return is_data_pointer(t) && t->item->kind == Kind::Char; }
}  // namespace

bool pointer_accepts(CType *target, CType *given) {
    if (target == given) return true;
    if (!ctype_is_pointerish(given) && given->kind != Kind::Array) return false;
    // void * converts to and from any pointer, function pointers included.
    if (is_void_pointer(target) || is_void_pointer(given)) return true;
    return target->kind == Kind::Pointer && is_data_pointer(given) && target->item == given->item;
}

// CFFI's compatibility rule: 'char *' converts to and from any other pointer,
// with a UserWarning unless both point to single bytes. 1: accepted, 0: not
// a char * mix, -1: the warning was turned into an error.
int char_pointer_mix(CType *target, CType *given) {
    if (!ctype_is_pointerish(given) && given->kind != Kind::Array) return 0;
    if (!is_char_pointer(target) && !is_char_pointer(given)) return 0;
    if (target->kind == Kind::Pointer && is_data_pointer(given) && target->item->size == 1 && given->item->size == 1)
        return 1;
    const char *msg = is_char_pointer(target)
        ? "a pointer of another type passed as 'char *': declare or ffi.cast() the right type (CFFI will "
          "refuse this implicit conversion in the future)"
        : "a 'char *' passed as a pointer of another type: declare or ffi.cast() the right type (CFFI will "
          "refuse this implicit conversion in the future)";
    return PyErr_WarnEx(PyExc_UserWarning, msg, 1) < 0 ? -1 : 1;
}

int check_bool_bytes(const char *data, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) {
        if ((unsigned char)data[i] > 1) {
            PyErr_Format(PyExc_ValueError, "bytes for '_Bool' items must be \\x00 or \\x01, not byte %zd", i);
            return -1;
        }
    }
    return 0;
}

Py_ssize_t initializer_length(CType *ct, PyObject *init) {
    CType *item = ct->item;
    if (PyList_Check(init) || PyTuple_Check(init)) return PySequence_Fast_GET_SIZE(init);
    if (PyBytes_Check(init) && item->size == 1 && (item->kind == Kind::Char || ctype_is_integer(item)))
        return PyBytes_GET_SIZE(init) + 1;
    if (PyUnicode_Check(init) && item->kind == Kind::WChar) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(init);
        if (item->size == 2) {  // count the surrogate pairs it will need
            for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(init); i++)
                if (PyUnicode_READ_CHAR(init, i) > 0xFFFF) n++;
        }
        return n + 1;
    }
    return -1;
}

int fill_array(char *data, CType *ct, PyObject *init) {
    CType *item = ct->item;
    if (ct->kind == Kind::Array && ct->length >= 0) {  // a cdata of this very array type is copied
        if (int copied = copy_same_cdata(data, ct, init)) return copied < 0 ? -1 : 0;
    }
    Py_ssize_t n = initializer_length(ct, init);
    if (n < 0) {
        type_error_expected(ct, "a list or tuple", init);
        return -1;
    }
    bool is_sequence = PyList_Check(init) || PyTuple_Check(init);
    Py_ssize_t room = ct->kind == Kind::Array ? ct->length : -1;
    // A string may drop its terminating NUL to fit exactly.
    if (room >= 0 && n > room && !(!is_sequence && n - 1 == room)) {
        PyErr_Format(PyExc_IndexError, "initializer %s is too long for '%U' (got %zd items)",
                     is_sequence ? "list" : "string", ct->name, is_sequence ? n : n - 1);
        return -1;
    }
    if (PyBytes_Check(init)) {
        Py_ssize_t len = PyBytes_GET_SIZE(init);
        if (item->kind == Kind::Bool && check_bool_bytes(PyBytes_AS_STRING(init), len) < 0) return -1;
        std::memcpy(data, PyBytes_AS_STRING(init), len);
        if (room < 0 || len < room) data[len] = 0;
        return 0;
    }
    if (PyUnicode_Check(init)) {
        Py_ssize_t out = 0;
        for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(init); i++) {
            Py_UCS4 c = PyUnicode_READ_CHAR(init, i);
            if (item->size == 2 && c > 0xFFFF) {
                c -= 0x10000;
                store_unsigned(data + item->size * out++, 2, 0xD800 | (c >> 10));
                c = 0xDC00 | (c & 0x3FF);
            }
            store_unsigned(data + item->size * out++, item->size, c);
        }
        if (room < 0 || out < room) store_unsigned(data + item->size * out, item->size, 0);
        return 0;
    }
    PyObject *items = items_snapshot(init);
    if (!items) return -1;
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) rc = from_python(data + i * item->size, item, PyTuple_GET_ITEM(items, i));
    Py_DECREF(items);
    return rc;
}

// Converting an item runs Python code (__index__, __float__) that may
// shrink or free the list being converted: conversions walk a tuple.
PyObject *items_snapshot(PyObject *list_or_tuple) {
    return PyList_Check(list_or_tuple) ? PyList_AsTuple(list_or_tuple) : Py_NewRef(list_or_tuple);
}

int from_python(char *data, CType *ct, PyObject *obj) {
    switch (ct->kind) {
    case Kind::SignedInt: case Kind::UnsignedInt: case Kind::Bool: case Kind::Enum:
        return write_integer(data, ct, obj);
    case Kind::Char: return write_char(data, ct, obj);
    case Kind::WChar: return write_wchar(data, ct, obj);
    case Kind::Float: case Kind::LongDouble: return write_float(data, ct, obj);
    case Kind::Complex: return write_complex(data, ct, obj);
    case Kind::Pointer: case Kind::Function: return write_pointer(data, ct, obj);
    case Kind::Array: return write_array(data, ct, obj);
    case Kind::Struct: case Kind::Union: return write_struct(data, ct, obj);
    case Kind::Void: break;
    }
    PyErr_Format(PyExc_TypeError, "cannot store a value of ctype '%U'", ct->name);
    return -1;
}

PyObject *to_python(char *data, CType *ct, PyObject *owner) {
    switch (ct->kind) {
    case Kind::SignedInt: case Kind::UnsignedInt: case Kind::Enum: return read_integer(data, ct);
    case Kind::Bool: return read_bool(data);
    case Kind::Char: return PyBytes_FromStringAndSize(data, 1);
    case Kind::WChar: {
        uint32_t c = 0;
        if (ct->size == 2) { uint16_t s; std::memcpy(&s, data, 2); c = s; }
        else std::memcpy(&c, data, 4);
        if (c > 0x10FFFF) {
            PyErr_Format(PyExc_ValueError, "%U out of range: 0x%x is not a Unicode character", ct->name, (unsigned)c);
            return nullptr;
        }
        return PyUnicode_FromOrdinal((int)c);
    }
    case Kind::Float:
        if (ct->size == sizeof(float)) { float f; std::memcpy(&f, data, sizeof f); return PyFloat_FromDouble(f); }
        else { double d; std::memcpy(&d, data, sizeof d); return PyFloat_FromDouble(d); }
    case Kind::LongDouble: {
        CData *cd = cdata_new_value(ct);
        if (cd) std::memcpy(cd->data, data, ct->size);
        return (PyObject *)cd;
    }
    case Kind::Complex: {
        Py_complex v = read_complex(data, ct);
        return PyComplex_FromDoubles(v.real, v.imag);
    }
    case Kind::Pointer: case Kind::Function: return (PyObject *)cdata_new_pointer(ct, *(char **)data, nullptr);
    case Kind::Struct: case Kind::Union:
        // A global of an opaque type: readable only through ffi.addressof().
        if (!ct->complete) {
            PyErr_Format(PyExc_TypeError, "cdata '%U' is opaque", ct->name);
            return nullptr;
        }
        return (PyObject *)cdata_new_view(ct, data, owner);
    case Kind::Array: return (PyObject *)cdata_new_view(ct, data, owner);
    case Kind::Void: break;
    }
    PyErr_Format(PyExc_TypeError, "cannot read a value of ctype '%U'", ct->name);
    return nullptr;
}

}  // namespace ffigen_rt
