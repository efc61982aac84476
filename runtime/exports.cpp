// exports.cpp: the table of runtime functions generated wrappers call.
//
// At module init the runtime copies these function addresses, in the
// order ffigen_abi.h fixes, into the module's `exports` array; the
// generated wrappers then convert their arguments and results through
// them. They are plain C-ABI functions over borrowed objects: each returns
// a value, or an error value with a Python exception set (the wrappers test
// PyErr_Occurred()). Nothing here owns anything beyond the call.
#include "runtime.hpp"

#include <cerrno>
#include <cstring>
#include <cwchar>

namespace ffigen_rt {

namespace {

// The integer value of obj, range-checked to [lo, hi]; what names the C type
// in the error message.
long long to_signed(PyObject *obj, long long lo, long long hi, const char *what) {
    int overflowed = 0;
    long long v;
    if (PyLong_Check(obj)) {
        v = PyLong_AsLongLongAndOverflow(obj, &overflowed);
    } else {
        PyObject *n = integer_value(obj);
        if (!n) return -1;
        v = PyLong_AsLongLongAndOverflow(n, &overflowed);
        Py_DECREF(n);
    }
    if (v == -1 && PyErr_Occurred()) return -1;
    if (overflowed || v < lo || v > hi) {
        PyErr_Format(PyExc_OverflowError, "integer %R does not fit a C %s", obj, what);
        return -1;
    }
    return v;
}

unsigned long long to_unsigned(PyObject *obj, unsigned long long hi, const char *what) {
    PyObject *n = integer_value(obj);
    if (!n) return (unsigned long long)-1;
    unsigned long long v = PyLong_AsUnsignedLongLong(n);
    bool bad = v == (unsigned long long)-1 && PyErr_Occurred();
    if ((bad && PyErr_ExceptionMatches(PyExc_OverflowError)) || (!bad && v > hi)) {
        PyErr_Clear();
        PyErr_Format(PyExc_OverflowError, "integer %R does not fit a C %s", obj, what);
        bad = true;
    }
    Py_DECREF(n);
    return bad ? (unsigned long long)-1 : v;
}

int to_c_i8(PyObject *o) { return (int)to_signed(o, INT8_MIN, INT8_MAX, "int8_t"); }
int to_c_u8(PyObject *o) { return (int)to_unsigned(o, UINT8_MAX, "uint8_t"); }
int to_c_i16(PyObject *o) { return (int)to_signed(o, INT16_MIN, INT16_MAX, "int16_t"); }
int to_c_u16(PyObject *o) { return (int)to_unsigned(o, UINT16_MAX, "uint16_t"); }
int to_c_i32(PyObject *o) {
    if (PyLong_CheckExact(o)) {  // the common case: one call, no allocation
        int overflowed;
        long v = PyLong_AsLongAndOverflow(o, &overflowed);
        if (!overflowed && v >= INT32_MIN && v <= INT32_MAX) return (int)v;
    }
    return (int)to_signed(o, INT32_MIN, INT32_MAX, "int32_t");
}
unsigned int to_c_u32(PyObject *o) { return (unsigned int)to_unsigned(o, UINT32_MAX, "uint32_t"); }
long long to_c_i64(PyObject *o) {
    if (PyLong_CheckExact(o)) {
        int overflowed;
        long long v = PyLong_AsLongLongAndOverflow(o, &overflowed);
        if (!overflowed) return v;
    }
    return to_signed(o, INT64_MIN, INT64_MAX, "int64_t");
}
unsigned long long to_c_u64(PyObject *o) { return to_unsigned(o, UINT64_MAX, "uint64_t"); }


// The exports taking a ctype of the module's table first fill the structs
// a lib function's type left unfilled (realize_function_type).
PyObject *from_c_pointer(char *ptr, CType *ct) {
    return ensure_filled() < 0 ? nullptr : (PyObject *)cdata_new_pointer(ct, ptr, nullptr);
}

char *to_c_pointer(PyObject *obj, CType *ct) {
    char *result = nullptr;
    if (ensure_filled() < 0 || from_python((char *)&result, ct, obj) < 0) return nullptr;
    return result;
}

// Generated wrappers call these just before and after each C call.
void restore_errno() {
    call_begins();
    errno = call_state.saved_errno;
}
void save_errno() {
    call_state.saved_errno = errno;
    call_ends();
}

PyObject *from_c_char(char c) { return PyBytes_FromStringAndSize(&c, 1); }
PyObject *from_c_deref(char *data, CType *ct) { return ensure_filled() < 0 ? nullptr : to_python(data, ct, nullptr); }
// Generated modules convert by-value struct arguments into uninitialized
// locals: fields a list or dict initializer leaves out are zeroed here.
int to_c(char *data, CType *ct, PyObject *obj) {
    if (ensure_filled() < 0) return -1;
    // An opaque struct has no size to clear: from_python refuses it.
    if (ctype_is_struct(ct) && ct->complete) std::memset(data, 0, ct->size);
    return from_python(data, ct, obj);
}

PyObject *from_c_struct(char *data, CType *ct) {
    if (ensure_filled() < 0) return nullptr;
    CData *cd = cdata_new_owning(ct, ct->size, -1);
    if (cd) std::memcpy(cd->data, data, ct->size);
    return (PyObject *)cd;
}

// One character of a str (or a cdata of a wide char type of the same size)
// as a code point of the primitive type prim.
long code_point(PyObject *o, int prim) {
    CType *ct = ctype_primitive(prim);
    return ct ? wide_char_value(o, ct) : -1;
}

PyObject *from_code_point(long c, const char *what) {
    if (c < 0 || c > 0x10FFFF) {
        PyErr_Format(PyExc_ValueError, "%s 0x%lx is not a Unicode character", what, c);
        return nullptr;
    }
    return PyUnicode_FromOrdinal((int)c);
}

wchar_t to_c_wchar(PyObject *o) { return (wchar_t)code_point(o, _FFIGEN_PRIM_WCHAR); }
PyObject *from_c_wchar(wchar_t c) { return from_code_point((long)c, "wchar_t"); }

// wchar_t is 32 bits here, so the "other width" is char16_t.
int to_c_wchar3216(PyObject *o) { return (int)code_point(o, sizeof(wchar_t) == 4 ? _FFIGEN_PRIM_CHAR16 : _FFIGEN_PRIM_CHAR32); }
PyObject *from_c_wchar3216(int c) {
    return from_code_point(sizeof(wchar_t) == 4 ? (long)(uint16_t)c : (long)c, sizeof(wchar_t) == 4 ? "char16_t" : "char32_t");
}

long double to_c_long_double(PyObject *o) {
    if (is_cdata(o) && ((CData *)o)->ctype->kind == Kind::LongDouble) {
        if (!cdata_alive((CData *)o)) return -1;
        long double v;
        std::memcpy(&v, ((CData *)o)->data, sizeof v);
        return v;
    }
    return PyFloat_AsDouble(o);
}

// The error value is true ((_Bool)-1): wrappers test `x == (_Bool)-1 && PyErr_Occurred()`.
bool to_c_bool(PyObject *o) {
    long long v = to_signed(o, LLONG_MIN, LLONG_MAX, "_Bool");
    if (v == -1 && PyErr_Occurred()) return true;
    if (v != 0 && v != 1) {
        PyErr_Format(PyExc_OverflowError, "integer %R does not fit '_Bool' (0 or 1)", o);
        return true;
    }
    return v != 0;
}

}  // namespace

// A pointer argument: bytes directly for a pointer to single bytes (the C
// code must not write to it); a list, tuple or str asks the wrapper for a
// temporary array of the returned byte count; anything else converts as a
// pointer value does (a cdata; not None, not an int: CFFI refuses both).
Py_ssize_t prepare_pointer_argument(CType *ptr, PyObject *obj, char **out) {
    if (Py_IS_TYPE(obj, CData_Type) && ((CData *)obj)->ctype == ptr && ptr->kind == Kind::Pointer) {
        // the usual argument, a cdata of the parameter's own type: what
        // from_python would do, without its type checks
        if (!cdata_alive((CData *)obj)) return -1;
        *out = ((CData *)obj)->data;
        pin_for_call((CData *)obj);
        return 0;
    }
    if (ensure_filled() < 0) return -1;
    if (!is_cdata(obj) && ptr->kind == Kind::Pointer) {
        CType *item = ptr->item;
        if (int file = is_python_file(ptr, obj)) {
            if (file < 0 || !(*out = (char *)python_file_as_FILE(obj))) return -1;
            return 0;
        }
        if (PyBytes_Check(obj)) {
            bool bytes_ok = item->kind == Kind::Void || (item->size == 1 && (item->kind == Kind::Char || ctype_is_integer(item)));
            if (bytes_ok) {
                if (item->kind == Kind::Bool && check_bool_bytes(PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj)) < 0)
                    return -1;
                *out = PyBytes_AS_STRING(obj);
                return 0;
            }
        } else if (Py_ssize_t n = item->size > 0 ? initializer_length(ptr, obj) : -1; n >= 0) {
            if (n > PY_SSIZE_T_MAX / item->size) {
                PyErr_Format(PyExc_OverflowError, "argument array of %zd items is too large", n);
                return -1;
            }
            return n ? n * item->size : 1;
        }
    }
    *out = nullptr;
    if (from_python((char *)out, ptr, obj) < 0) return -1;
    if (is_cdata(obj)) pin_for_call((CData *)obj);  // ffi.release() keeps the memory until the call returns
    return 0;
}

namespace {

int convert_array_argument(char *data, CType *ptr, PyObject *obj) {
    return ensure_filled() < 0 ? -1 : fill_array(data, ptr, obj);
}

}  // namespace

int fill_exports(void **exports, int version, int ctx_flags) {
    void *table[_FFIGEN_NUM_EXPORTS] = {};
    table[_FFIGEN_EXPORT_TO_C_I8] = (void *)to_c_i8;
    table[_FFIGEN_EXPORT_TO_C_U8] = (void *)to_c_u8;
    table[_FFIGEN_EXPORT_TO_C_I16] = (void *)to_c_i16;
    table[_FFIGEN_EXPORT_TO_C_U16] = (void *)to_c_u16;
    table[_FFIGEN_EXPORT_TO_C_I32] = (void *)to_c_i32;
    table[_FFIGEN_EXPORT_TO_C_U32] = (void *)to_c_u32;
    table[_FFIGEN_EXPORT_TO_C_I64] = (void *)to_c_i64;
    table[_FFIGEN_EXPORT_TO_C_U64] = (void *)to_c_u64;
    table[_FFIGEN_EXPORT_TO_C_CHAR] = (void *)char_value;
    table[_FFIGEN_EXPORT_FROM_C_POINTER] = (void *)from_c_pointer;
    table[_FFIGEN_EXPORT_TO_C_POINTER] = (void *)to_c_pointer;
    table[_FFIGEN_EXPORT_RESTORE_ERRNO] = (void *)restore_errno;
    table[_FFIGEN_EXPORT_SAVE_ERRNO] = (void *)save_errno;
    table[_FFIGEN_EXPORT_FROM_C_CHAR] = (void *)from_c_char;
    table[_FFIGEN_EXPORT_FROM_C_DEREF] = (void *)from_c_deref;
    table[_FFIGEN_EXPORT_TO_C] = (void *)to_c;
    table[_FFIGEN_EXPORT_FROM_C_STRUCT] = (void *)from_c_struct;
    table[_FFIGEN_EXPORT_TO_C_WCHAR] = (void *)to_c_wchar;
    table[_FFIGEN_EXPORT_FROM_C_WCHAR] = (void *)from_c_wchar;
    table[_FFIGEN_EXPORT_TO_C_LONG_DOUBLE] = (void *)to_c_long_double;
    table[_FFIGEN_EXPORT_TO_C_BOOL] = (void *)to_c_bool;
    table[_FFIGEN_EXPORT_PREPARE_POINTER_ARG] = (void *)prepare_pointer_argument;
    table[_FFIGEN_EXPORT_CONVERT_ARRAY] = (void *)convert_array_argument;
    table[_FFIGEN_EXPORT_CALL_PYTHON] = (void *)call_python;
    table[_FFIGEN_EXPORT_TO_C_WCHAR3216] = (void *)to_c_wchar3216;
    table[_FFIGEN_EXPORT_FROM_C_WCHAR3216] = (void *)from_c_wchar3216;
    // Modules older than the char16/char32 ABI may have room for only 25
    // entries, or 26 when they use extern "Python" (context flag bit 0).
    int count = version >= _FFIGEN_ABI_VERSION_CHAR16_32 ? _FFIGEN_NUM_EXPORTS
              : (ctx_flags & _FFIGEN_CTX_EXTERN_PYTHON_IN_GLOBALS) ? _FFIGEN_EXPORT_CALL_PYTHON + 1
                                                                   : _FFIGEN_EXPORT_CALL_PYTHON;
    std::memcpy(exports, table, count * sizeof(void *));
    return 0;
}

}  // namespace ffigen_rt
