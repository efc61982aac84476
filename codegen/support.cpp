// The fixed C text every generated module carries after the ABI header:
// small static helpers that each function wrapper calls, so that a wrapper
// is a few lines of calls instead of expanded macros (every byte emitted is
// compiled in every user's build). Helpers are not inlined into the
// wrappers (measured on bench/: -30% compile time for the same calls into
// the runtime), and are marked unused so unused ones stay silent under
// -Wall -Wextra, in C and in C++.
#include "codegen/support.hpp"

namespace ffigen::codegen {

const char* const kModuleSupport = R"ffigen_support(
/* ---- ffigen support: the module's side of the runtime calls ----------- */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

/* _FFIGEN_TYPE_OK(expr, cdef_type, c_unqual_same): whether the lvalue `expr`
 * has the cdef's type. When only qualifiers differ, at any pointer or array
 * level (`const char *` in the cdef, `char *` in C, as `z_const` macros
 * make happen), it holds with a compiler warning, as C compilers only warn
 * on CFFI's own checks; any other difference fails. `c_unqual_same` is the
 * test that the types are the same once qualifiers are set aside, written
 * out for C (below); C++ finds it with templates. */
#ifdef __cplusplus
#  define _FFIGEN_ASSERT(cond, msg) static_assert(cond, msg)
#  ifndef _Bool
     typedef bool _Bool; /* C++ spells it bool; the ABI is the same */
#  endif
#  if defined(__GNUC__)
#    define _FFIGEN_DEPRECATED(msg) __attribute__((deprecated(msg)))
#  else
#    define _FFIGEN_DEPRECATED(msg) [[deprecated(msg)]]
#  endif
template <class A, class B> struct _ffigen_same { enum { value = 0 }; };
template <class A> struct _ffigen_same<A, A> { enum { value = 1 }; };
template <class T> struct _ffigen_unref { typedef T type; };
template <class T> struct _ffigen_unref<T &> { typedef T type; };
/* T without qualifiers at any level: its own first (`const int[4]` is
 * also an array of const items), then those below a pointer or an array.
 * To g++, __restrict is one more qualifier. */
template <class T> struct _ffigen_unqual_top { typedef T type; };
template <class T> struct _ffigen_unqual_top<const T> : _ffigen_unqual_top<T> {};
template <class T> struct _ffigen_unqual_top<volatile T> : _ffigen_unqual_top<T> {};
template <class T> struct _ffigen_unqual_top<const volatile T> : _ffigen_unqual_top<T> {};
template <class T> struct _ffigen_unqual_top<T *__restrict> { typedef T *type; };
template <class T> struct _ffigen_unqual_below { typedef T type; };
template <class T> struct _ffigen_unqual
    : _ffigen_unqual_below<typename _ffigen_unqual_top<T>::type> {};
template <class T> struct _ffigen_unqual_below<T *>
    { typedef typename _ffigen_unqual<T>::type *type; };
template <class T, size_t N> struct _ffigen_unqual_below<T[N]>
    { typedef typename _ffigen_unqual<T>::type type[N]; };
template <class T> struct _ffigen_unqual_below<T[]>
    { typedef typename _ffigen_unqual<T>::type type[]; };
/* Set aside only when the types differ: _ffigen_unqual instantiates two or
 * three templates per level, and a type may be 1000 levels deep, past
 * g++'s template depth (900). */
template <bool same, class C, class D> struct _ffigen_unqual_same { enum { value = 1 }; };
template <class C, class D> struct _ffigen_unqual_same<false, C, D> {
    enum { value = _ffigen_same<typename _ffigen_unqual<C>::type,
                                typename _ffigen_unqual<D>::type>::value };
};
template <class C, class D> struct _ffigen_type_match {
    enum { same = _ffigen_same<C, D>::value,
           unqual_same = _ffigen_unqual_same<(_ffigen_same<C, D>::value != 0), C, D>::value,
           quals_only = unqual_same && !same };
};
/* The warning: naming _ffigen_qualifiers<true> uses a deprecated class. */
template <bool quals_only> struct _ffigen_qualifiers { enum { ok = 1 }; };
template <> struct _FFIGEN_DEPRECATED("the cdef type differs from the C type only in qualifiers")
    _ffigen_qualifiers<true> { enum { ok = 1 }; };
#  define _FFIGEN_TYPE_MATCH(expr, cdef_type)                                  \
    _ffigen_type_match<_ffigen_unref<decltype(expr)>::type, cdef_type>
#  define _FFIGEN_TYPE_OK(expr, cdef_type, c_unqual_same)                      \
    (_FFIGEN_TYPE_MATCH(expr, cdef_type)::unqual_same &&                       \
     _ffigen_qualifiers<_FFIGEN_TYPE_MATCH(expr, cdef_type)::quals_only>::ok)
#else
#  define _FFIGEN_ASSERT(cond, msg) _Static_assert(cond, msg)
#  if defined(__GNUC__)
/* `c_unqual_same` goes down level by level through each level's pointee or
 * item (_FFIGEN_D), whose own qualifiers __builtin_types_compatible_p sets
 * aside: each pointer must be a pointer (_FFIGEN_PTR), each array an array
 * of that length (_FFIGEN_ARRAY; no length: any), and the last level the
 * same type (_FFIGEN_IS). Where C has no pointer or array (nor void: no
 * classifying a void), _FFIGEN_D gives a struct no check expects, so that
 * a wrong type fails the assertion instead of an invalid '*'. */
struct _ffigen_not_a_pointer { char c; };
#    define _FFIGEN_IS(x, t) __builtin_types_compatible_p(__typeof__(x), t)
#    define _FFIGEN_POINTERISH(x)                                              \
    (__builtin_classify_type(__builtin_choose_expr(_FFIGEN_IS(x, void), 0, (x))) == 5)
#    define _FFIGEN_D(x)                                                       \
    (*__builtin_choose_expr(_FFIGEN_POINTERISH(x), (x), (struct _ffigen_not_a_pointer *)0))
#    define _FFIGEN_PTR(x) _FFIGEN_IS(x, __typeof__(_FFIGEN_D(x)) *)
#    define _FFIGEN_ARRAY(x, n) _FFIGEN_IS(x, __typeof__(_FFIGEN_D(x))[n])
/* The warning and the failure, from a call inside sizeof (never made):
 * when `c_unqual_same`, of the first function, passing a const pointer
 * unless the types are the same exactly, which gcc and clang warn about
 * (-Wdiscarded-qualifiers, on by default); otherwise of the second, whose
 * result of another size fails the assertion. */
typedef struct _ffigen_q _ffigen_q;
extern char _ffigen_cdef_type_differs_from_C_only_in_qualifiers(_ffigen_q *);
extern short _ffigen_cdef_type_differs_from_C(const _ffigen_q *);
#    define _FFIGEN_TYPE_OK(expr, cdef_type, c_unqual_same)                    \
    (sizeof(__builtin_choose_expr(                                             \
         (c_unqual_same), _ffigen_cdef_type_differs_from_C_only_in_qualifiers, \
         _ffigen_cdef_type_differs_from_C)(__builtin_choose_expr(              \
         __builtin_types_compatible_p(__typeof__(&(expr)), __typeof__(cdef_type) *), \
         (_ffigen_q *)0, (const _ffigen_q *)0))) == 1)
#  else
#    define _FFIGEN_TYPE_OK(expr, cdef_type, c_unqual_same) 1 /* no portable way: the runtime checks sizes */
#  endif
#endif

#if defined(__GNUC__)
#  define _FFIGEN_HELPER static __attribute__((noinline, unused))
#  define _FFIGEN_INLINE static inline __attribute__((always_inline, unused))
#else
#  define _FFIGEN_HELPER static
#  define _FFIGEN_INLINE static inline
#endif

/* Integer and float primitives chosen by the C compiler (`int...`,
 * `float...`, enums): size and signedness are known only here. */
#define _FFIGEN_PRIM_INT_OF(size, is_signed)                                   \
    ((size) == 1 ? ((is_signed) ? _FFIGEN_PRIM_INT8 : _FFIGEN_PRIM_UINT8) :    \
     (size) == 2 ? ((is_signed) ? _FFIGEN_PRIM_INT16 : _FFIGEN_PRIM_UINT16) :  \
     (size) == 4 ? ((is_signed) ? _FFIGEN_PRIM_INT32 : _FFIGEN_PRIM_UINT32) :  \
     (size) == 8 ? ((is_signed) ? _FFIGEN_PRIM_INT64 : _FFIGEN_PRIM_UINT64) :  \
     _FFIGEN_PRIM_UNKNOWN)
/* `type` must be a floating type: an integer type of a float's size is
 * caught by ((type)1 / 2), which is 0 for integers. */
#define _FFIGEN_PRIM_FLOAT_OF_TYPE(type)                                       \
    _FFIGEN_PRIM_FLOAT_OF(((type)1 / 2) != 0 ? sizeof(type) : 0)
#define _FFIGEN_PRIM_FLOAT_OF(size)                                            \
    ((size) == sizeof(float) ? _FFIGEN_PRIM_FLOAT :                            \
     (size) == sizeof(double) ? _FFIGEN_PRIM_DOUBLE :                          \
     (size) == sizeof(long double) ? _FFIGEN_PRIM_UNKNOWN_LONG_DOUBLE :        \
     _FFIGEN_PRIM_UNKNOWN_FLOAT)
#define _FFIGEN_LEN(array) (sizeof(array) / sizeof((array)[0]))
/* The pointer type an array type decays to, when only C knows its items. */
#ifdef __cplusplus
#  define _FFIGEN_DECAY(array_type) decltype(&(*(array_type *)0)[0])
#else
#  define _FFIGEN_DECAY(array_type) __typeof__(&(*(array_type *)0)[0])
#endif

/* Compile-time checks that the cdef agrees with the C definitions; the
 * message names the record and field (or the global), without quotes,
 * which gcc would print escaped. A field or global whose type differs only
 * in qualifiers gets a warning instead (_FFIGEN_TYPE_OK), which the
 * compiler shows with the line of the check that names it. */
/* Integer fields and bitfields: an integer in C; its size, like every
 * offset, the runtime checks at first use (CFFI's ffi.error). */
#define _FFIGEN_CHECK_INT_FIELD(type, name)                                    \
    _FFIGEN_ASSERT(sizeof((((type *)0)->name) | 0) != 0,                       \
                   "field " #type "." #name ": the C definition is not an integer")
/* The field as an lvalue, in the checks and in their `c_unqual_same`. */
#define _FFIGEN_MEMBER(type, item) (((type *)0)->item)
#define _FFIGEN_CHECK_FIELD(type, name, item, cdef_type, c_unqual_same)        \
    _FFIGEN_ASSERT(_FFIGEN_TYPE_OK(_FFIGEN_MEMBER(type, item), cdef_type, c_unqual_same), \
                   "field " #type "." #name ": the C definition has another type")
#define _FFIGEN_CHECK_GLOBAL(name, item, cdef_type, c_unqual_same)             \
    _FFIGEN_ASSERT(_FFIGEN_TYPE_OK(item, cdef_type, c_unqual_same),            \
                   "global " #name ": the C declaration has another type")
/* CONSTANT_INT getters: the C compiler's value (and its sign), compared
 * with the cdef's when it gave one. */
#define _FFIGEN_INT_GETTER(name)                                               \
    static int _ffigen_const_##name(unsigned long long *o)                     \
    { return _ffigen_int_const(o, (name) <= 0, (unsigned long long)((name) | 0)); }
#define _FFIGEN_INT_GETTER_CHECKED(name, cdef_nonpositive, cdef_value)         \
    static int _ffigen_const_##name(unsigned long long *o)                     \
    { return _ffigen_int_const_checked(o, (name) <= 0, (unsigned long long)((name) | 0), \
                                       cdef_nonpositive, cdef_value); }
#define _FFIGEN_FIELD(type, name) offsetof(type, name), sizeof(((type *)0)->name)

/* Filled by the runtime at import (runtime/ffigen_abi.h lists them); on
 * PyPy only CALL_PYTHON, by _cffi_pypyinit_<name>. */
static void *_ffigen_exports[_FFIGEN_NUM_EXPORTS];
#define _FFIGEN_X(type, index) ((type)_ffigen_exports[index])

/* CONSTANT_INT getters: bit 0 says "<= 0", bit 1 that the cdef's value
 * differs from the C compiler's (the runtime raises on access). */
_FFIGEN_HELPER int _ffigen_int_const(unsigned long long *out, int nonpositive,
                                    unsigned long long value)
{
    *out = value;
    return nonpositive;
}

_FFIGEN_HELPER int _ffigen_int_const_checked(unsigned long long *out, int nonpositive,
                                            unsigned long long value, int cdef_nonpositive,
                                            unsigned long long cdef_value)
{
    *out = value;
    if (nonpositive != cdef_nonpositive || value != cdef_value) nonpositive |= 2;
    return nonpositive;
}

_FFIGEN_HELPER void _ffigen_call_python(struct _ffigen_externpy *fn, char *args)
{
    _FFIGEN_X(void (*)(struct _ffigen_externpy *, char *), _FFIGEN_EXPORT_CALL_PYTHON)(fn, args);
}

/* The rest calls into CPython. PyPy's built-in backend calls the C
 * functions themselves (_cffi_pypyinit_<name>), so PyPy compiles none of
 * it: PYPY_VERSION comes from its Python.h. */
#ifndef PYPY_VERSION
/* The realized type table: entry i is the ctype of type i after import. */
static _ffigen_op *_ffigen_ctypes;

typedef int (*_ffigen_int_fn)(PyObject *);
typedef unsigned int (*_ffigen_uint_fn)(PyObject *);
typedef long long (*_ffigen_ll_fn)(PyObject *);
typedef unsigned long long (*_ffigen_ull_fn)(PyObject *);
typedef PyObject *(*_ffigen_from_fn)(char *, void *);
typedef int (*_ffigen_to_fn)(char *, void *, PyObject *);

/* Memory for pointer arguments converted from lists or strings. */
struct _ffigen_freeme {
    struct _ffigen_freeme *next;
    union { long double ld; void *p; long long ll; } data;
};

/* Functions of two or more arguments: the METH_FASTCALL wrapper does the
 * work (ffigen_abi.h: the ffigen extension); it checks its argument count
 * first, and the METH_VARARGS wrapper other runtimes call unpacks the
 * tuple for it. */
typedef PyObject *(*_ffigen_fastcall_fn)(PyObject *, PyObject *const *, Py_ssize_t);

_FFIGEN_HELPER int _ffigen_nargs_error(Py_ssize_t got, const char *name, Py_ssize_t n)
{
    PyErr_Format(PyExc_TypeError, "%.200s expected %zd arguments, got %zd", name, n, got);
    return -1;
}
#define _ffigen_nargs(got, name, n) ((got) == (n) ? 0 : _ffigen_nargs_error(got, name, n))

/* Puts "argument K passed to 'NAME': " in front of the pending error of
 * a failed argument conversion (K counts from 1, as calls through function
 * pointers say it), so that the message tells which argument was wrong. */
_FFIGEN_HELPER void _ffigen_arg_error(const char *name, int k)
{
    PyObject *type, *value, *tb, *msg;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    msg = value != NULL ? PyObject_Str(value) : NULL;
    if (msg == NULL) {
        PyErr_Restore(type, value, tb);
        return;
    }
    PyErr_Format(type, "argument %d passed to '%.200s': %U", k, name, msg);
    Py_DECREF(msg);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

_FFIGEN_HELPER PyObject *_ffigen_varargs(PyObject *self, PyObject *args, _ffigen_fastcall_fn fn)
{
    PyObject *small[8], **items = small, *r;
    Py_ssize_t i, n = PyTuple_Size(args);
    if (n < 0) return NULL;
    if (n > (Py_ssize_t)_FFIGEN_LEN(small) &&
        (items = (PyObject **)PyMem_Malloc((size_t)n * sizeof *items)) == NULL)
        return PyErr_NoMemory();
    for (i = 0; i < n; i++) items[i] = PyTuple_GetItem(args, i);
    r = fn(self, items, n);
    if (items != small) PyMem_Free(items);
    return r;
}

/* The METH_VARARGS wrapper of such a function. gcc compiles it at -O0: it
 * is one call, and optimizing costs about 0.4 ms per function even so
 * (bench/generate_bench.sh: big.cdef 0.5 s faster). */
#if defined(__GNUC__) && !defined(__clang__)
#  define _FFIGEN_ADAPTER static __attribute__((optimize("O0")))
#else
#  define _FFIGEN_ADAPTER static
#endif
/* A function of no argument is a METH_FASTCALL wrapper too, for
 * _ffigen_runtime: CPython 3.11 specializes calls of METH_FASTCALL and
 * METH_O builtins, not METH_NOARGS ones. Other runtimes call this
 * METH_NOARGS adapter. */
_FFIGEN_HELPER PyObject *_ffigen_noargs_error(const char *name, Py_ssize_t got)
{
    PyErr_Format(PyExc_TypeError, "%.200s() takes no arguments (%zd given)", name, got);
    return NULL;
}
#define _FFIGEN_NOARGS(name)                                                   \
    static PyObject *_ffigen_f_##name(PyObject *self, PyObject *unused)         \
    { (void)unused; return _ffigen_v_##name(self, NULL, 0); }

#define _FFIGEN_VARARGS(name)                                                  \
    _FFIGEN_ADAPTER PyObject *_ffigen_f_##name(PyObject *self, PyObject *args) \
    { return _ffigen_varargs(self, args, _ffigen_v_##name); }

/* An integer argument of `size` bytes, stored through memcpy so that any
 * integer type of that size (int, long, size_t, int...) can receive it:
 * by the runtime's conversion, which raises CFFI's errors. */
_FFIGEN_HELPER int _ffigen_int_arg_slow(PyObject *o, void *out, size_t size, int is_signed)
{
    int8_t s8; uint8_t u8; int16_t s16; uint16_t u16;
    int32_t s32; uint32_t u32; long long s64; unsigned long long u64;
    int failed;
    switch (size * 2 + (is_signed ? 0 : 1)) {
    case 2: s8 = (int8_t)_FFIGEN_X(_ffigen_int_fn, _FFIGEN_EXPORT_TO_C_I8)(o);
            failed = s8 == -1; memcpy(out, &s8, 1); break;
    case 3: u8 = (uint8_t)_FFIGEN_X(_ffigen_int_fn, _FFIGEN_EXPORT_TO_C_U8)(o);
            failed = u8 == (uint8_t)-1; memcpy(out, &u8, 1); break;
    case 4: s16 = (int16_t)_FFIGEN_X(_ffigen_int_fn, _FFIGEN_EXPORT_TO_C_I16)(o);
            failed = s16 == -1; memcpy(out, &s16, 2); break;
    case 5: u16 = (uint16_t)_FFIGEN_X(_ffigen_int_fn, _FFIGEN_EXPORT_TO_C_U16)(o);
            failed = u16 == (uint16_t)-1; memcpy(out, &u16, 2); break;
    case 8: s32 = (int32_t)_FFIGEN_X(_ffigen_int_fn, _FFIGEN_EXPORT_TO_C_I32)(o);
            failed = s32 == -1; memcpy(out, &s32, 4); break;
    case 9: u32 = (uint32_t)_FFIGEN_X(_ffigen_uint_fn, _FFIGEN_EXPORT_TO_C_U32)(o);
            failed = u32 == (uint32_t)-1; memcpy(out, &u32, 4); break;
    case 16: s64 = _FFIGEN_X(_ffigen_ll_fn, _FFIGEN_EXPORT_TO_C_I64)(o);
             failed = s64 == -1; memcpy(out, &s64, 8); break;
    case 17: u64 = _FFIGEN_X(_ffigen_ull_fn, _FFIGEN_EXPORT_TO_C_U64)(o);
             failed = u64 == (unsigned long long)-1; memcpy(out, &u64, 8); break;
    default:
        PyErr_SetString(PyExc_SystemError, "ffigen: unsupported integer size");
        return -1;
    }
    return failed && PyErr_Occurred() ? -1 : 0;
}

/* The value of an exact int within [lo, hi] (0), or -1 with no error set,
 * for the runtime to convert (bool, __index__, out of range, not an int). */
_FFIGEN_INLINE int _ffigen_exact_int(PyObject *o, long lo, long hi, long *v)
{
    if (!PyLong_CheckExact(o)) return -1;
    *v = PyLong_AsLong(o);
    if (*v == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return -1;
    }
    return *v < lo || *v > hi ? -1 : 0;
}

/* An integer argument: an exact int in range is taken here, any other
 * object by the runtime. Inline only in the wrappers of functions under
 * #pragma ffigen gil(keep), whose calls cost little else: inlined into
 * every wrapper, it costs more compile time (bench/generate_bench.sh) than
 * call time. */
#define _FFIGEN_INT_LO(size, is_signed)                                        \
    (!(is_signed) ? 0L : (size) == 1 ? (long)INT8_MIN : (size) == 2 ? (long)INT16_MIN : \
     (size) == 4 && sizeof(long) > 4 ? (long)INT32_MIN : LONG_MIN)
#define _FFIGEN_INT_HI(size, is_signed)                                        \
    ((size) == 1 ? ((is_signed) ? (long)INT8_MAX : (long)UINT8_MAX) :          \
     (size) == 2 ? ((is_signed) ? (long)INT16_MAX : (long)UINT16_MAX) :        \
     (size) == 4 && sizeof(long) > 4 ? ((is_signed) ? (long)INT32_MAX : (long)UINT32_MAX) : LONG_MAX)
_FFIGEN_INLINE int _ffigen_int_arg_inline(PyObject *o, void *out, size_t size, int is_signed)
{
    long v;
    uint8_t u8; uint16_t u16; uint32_t u32; uint64_t u64;
    if (size > sizeof(long) ||
        _ffigen_exact_int(o, _FFIGEN_INT_LO(size, is_signed), _FFIGEN_INT_HI(size, is_signed), &v) < 0)
        return _ffigen_int_arg_slow(o, out, size, is_signed);
    switch (size) {
    case 1: u8 = (uint8_t)v; memcpy(out, &u8, 1); break;
    case 2: u16 = (uint16_t)v; memcpy(out, &u16, 2); break;
    case 4: u32 = (uint32_t)v; memcpy(out, &u32, 4); break;
    default: u64 = (uint64_t)v; memcpy(out, &u64, 8); break;
    }
    return 0;
}

/* The same out of line, one converter per C integer type. */
#define _FFIGEN_INT_ARG(name, size, is_signed)                                 \
    _FFIGEN_HELPER int name(PyObject *o, void *out)                            \
    { return _ffigen_int_arg_inline(o, out, size, is_signed); }
_FFIGEN_INT_ARG(_ffigen_s8_arg, 1, 1)
_FFIGEN_INT_ARG(_ffigen_u8_arg, 1, 0)
_FFIGEN_INT_ARG(_ffigen_s16_arg, 2, 1)
_FFIGEN_INT_ARG(_ffigen_u16_arg, 2, 0)
_FFIGEN_INT_ARG(_ffigen_s32_arg, 4, 1)
_FFIGEN_INT_ARG(_ffigen_u32_arg, 4, 0)
_FFIGEN_INT_ARG(_ffigen_s64_arg, 8, 1)
_FFIGEN_INT_ARG(_ffigen_u64_arg, 8, 0)

/* An integer argument: size and is_signed are constants, which the
 * compiler folds to the one converter of that type (a macro: an inline
 * function costs more compile time). */
#define _ffigen_int_arg(o, out, size, is_signed)                               \
    ((size) == 4 ? ((is_signed) ? _ffigen_s32_arg(o, out) : _ffigen_u32_arg(o, out)) : \
     (size) == 8 ? ((is_signed) ? _ffigen_s64_arg(o, out) : _ffigen_u64_arg(o, out)) : \
     (size) == 1 ? ((is_signed) ? _ffigen_s8_arg(o, out) : _ffigen_u8_arg(o, out)) :   \
     (size) == 2 ? ((is_signed) ? _ffigen_s16_arg(o, out) : _ffigen_u16_arg(o, out)) : \
     _ffigen_int_arg_slow(o, out, size, is_signed))

_FFIGEN_HELPER PyObject *_ffigen_int_result(const void *p, size_t size, int is_signed)
{
    if (is_signed) {
        long long v = 0;
        if (size == 1) { int8_t t; memcpy(&t, p, 1); v = t; }
        else if (size == 2) { int16_t t; memcpy(&t, p, 2); v = t; }
        else if (size == 4) { int32_t t; memcpy(&t, p, 4); v = t; }
        else memcpy(&v, p, sizeof v);
        return PyLong_FromLongLong(v);
    } else {
        unsigned long long v = 0;
        if (size == 1) { uint8_t t; memcpy(&t, p, 1); v = t; }
        else if (size == 2) { uint16_t t; memcpy(&t, p, 2); v = t; }
        else if (size == 4) { uint32_t t; memcpy(&t, p, 4); v = t; }
        else memcpy(&v, p, sizeof v);
        return PyLong_FromUnsignedLongLong(v);
    }
}

_FFIGEN_HELPER int _ffigen_double_arg(PyObject *o, void *out)
{
    double d = PyFloat_AsDouble(o);
    if (d == -1.0 && PyErr_Occurred()) return -1;
    memcpy(out, &d, sizeof d);
    return 0;
}

_FFIGEN_HELPER int _ffigen_float_arg(PyObject *o, void *out)
{
    double d = PyFloat_AsDouble(o);
    float f = (float)d;
    if (d == -1.0 && PyErr_Occurred()) return -1;
    memcpy(out, &f, sizeof f);
    return 0;
}

_FFIGEN_HELPER int _ffigen_long_double_arg(PyObject *o, void *out)
{
    long double d = _FFIGEN_X(long double (*)(PyObject *), _FFIGEN_EXPORT_TO_C_LONG_DOUBLE)(o);
    if (d == -1.0L && PyErr_Occurred()) return -1;
    memcpy(out, &d, sizeof d);
    return 0;
}

_FFIGEN_HELPER int _ffigen_bool_arg(PyObject *o, void *out)
{
    _Bool b = _FFIGEN_X(_Bool (*)(PyObject *), _FFIGEN_EXPORT_TO_C_BOOL)(o);
    if (PyErr_Occurred()) return -1; /* whatever value a runtime returns on errors */
    memcpy(out, &b, sizeof b);
    return 0;
}

_FFIGEN_HELPER int _ffigen_char_arg(PyObject *o, void *out)
{
    int c = _FFIGEN_X(_ffigen_int_fn, _FFIGEN_EXPORT_TO_C_CHAR)(o);
    char v = (char)c;
    if (c == -1 && PyErr_Occurred()) return -1;
    memcpy(out, &v, 1);
    return 0;
}

_FFIGEN_HELPER int _ffigen_wchar_arg(PyObject *o, void *out)
{
    wchar_t c = _FFIGEN_X(wchar_t (*)(PyObject *), _FFIGEN_EXPORT_TO_C_WCHAR)(o);
    if (c == (wchar_t)-1 && PyErr_Occurred()) return -1;
    memcpy(out, &c, sizeof c);
    return 0;
}

/* char16_t and char32_t (`width` 2 or 4): through the wchar_t export when
 * wchar_t has that width, else through the export for the other width. */
_FFIGEN_HELPER int _ffigen_unichar_arg(PyObject *o, void *out, size_t width)
{
    int c = sizeof(wchar_t) == width
        ? (int)_FFIGEN_X(wchar_t (*)(PyObject *), _FFIGEN_EXPORT_TO_C_WCHAR)(o)
        : _FFIGEN_X(_ffigen_int_fn, _FFIGEN_EXPORT_TO_C_WCHAR3216)(o);
    uint16_t c16 = (uint16_t)c;
    uint32_t c32 = (uint32_t)c;
    /* The error value is -1 of the converted width: 0xFFFF for char16_t. */
    if ((width == 2 ? c16 == (uint16_t)-1 : c32 == (uint32_t)-1) && PyErr_Occurred()) return -1;
    if (width == 2) memcpy(out, &c16, 2);
    else memcpy(out, &c32, 4);
    return 0;
}

_FFIGEN_HELPER PyObject *_ffigen_unichar_result(uint32_t c, size_t width)
{
    if (sizeof(wchar_t) == width)
        return _FFIGEN_X(PyObject *(*)(wchar_t), _FFIGEN_EXPORT_FROM_C_WCHAR)((wchar_t)c);
    return _FFIGEN_X(PyObject *(*)(int), _FFIGEN_EXPORT_FROM_C_WCHAR3216)((int)c);
}

/* A pointer argument: a cdata pointer or bytes pass through; a list or a
 * string is converted into memory freed after the call. */
_FFIGEN_HELPER int _ffigen_ptr_arg(PyObject *o, int type, char **out,
                                  struct _ffigen_freeme **freeme)
{
    struct _ffigen_freeme *fm;
    Py_ssize_t size = _FFIGEN_X(Py_ssize_t (*)(void *, PyObject *, char **),
                                _FFIGEN_EXPORT_PREPARE_POINTER_ARG)(_ffigen_ctypes[type], o, out);
    if (size <= 0) return (int)size;
    fm = (struct _ffigen_freeme *)PyObject_Malloc(offsetof(struct _ffigen_freeme, data) +
                                                  (size_t)size);
    if (fm == NULL) { PyErr_NoMemory(); return -1; }
    fm->next = *freeme;
    *freeme = fm;
    *out = (char *)&fm->data;
    memset(*out, 0, (size_t)size);
    return _FFIGEN_X(_ffigen_to_fn, _FFIGEN_EXPORT_CONVERT_ARRAY)(*out, _ffigen_ctypes[type], o);
}

_FFIGEN_HELPER void _ffigen_free_list(struct _ffigen_freeme *fm)
{
    while (fm != NULL) {
        struct _ffigen_freeme *next = fm->next;
        PyObject_Free(fm);
        fm = next;
    }
}
/* Most calls allocate nothing: no call then. */
#define _ffigen_free(fm) do { if ((fm) != NULL) _ffigen_free_list(fm); } while (0)

/* A `char *` argument (or signed/unsigned char): bytes pass their buffer,
 * as the runtime would, without the call into it. */
_FFIGEN_INLINE int _ffigen_chars_arg(PyObject *o, int type, char **out,
                                    struct _ffigen_freeme **freeme)
{
    if (PyBytes_CheckExact(o)) {
        *out = PyBytes_AsString(o);
        return 0;
    }
    return _ffigen_ptr_arg(o, type, out, freeme);
}

/* A function pointer: a cdata of that type or NULL, as CFFI takes it (the
   runtime's pointer preparation is for pointers and arrays only: the stock
   backend would read a function ctype as one). */
_FFIGEN_HELPER int _ffigen_fnptr_arg(PyObject *o, int type, char **out)
{
    *out = _FFIGEN_X(char *(*)(PyObject *, void *), _FFIGEN_EXPORT_TO_C_POINTER)(o, _ffigen_ctypes[type]);
    return *out == NULL && PyErr_Occurred() ? -1 : 0;
}

/* Any other argument (struct, union, enum, complex) by its ctype. */
_FFIGEN_HELPER int _ffigen_value_arg(PyObject *o, int type, void *out)
{
    return _FFIGEN_X(_ffigen_to_fn, _FFIGEN_EXPORT_TO_C)((char *)out, _ffigen_ctypes[type], o);
}

_FFIGEN_HELPER PyObject *_ffigen_ptr_result(void *p, int type)
{
    return _FFIGEN_X(_ffigen_from_fn, _FFIGEN_EXPORT_FROM_C_POINTER)((char *)p, _ffigen_ctypes[type]);
}

_FFIGEN_HELPER PyObject *_ffigen_value_result(void *p, int type)
{
    return _FFIGEN_X(_ffigen_from_fn, _FFIGEN_EXPORT_FROM_C_DEREF)((char *)p, _ffigen_ctypes[type]);
}

_FFIGEN_HELPER PyObject *_ffigen_struct_result(void *p, int type)
{
    return _FFIGEN_X(_ffigen_from_fn, _FFIGEN_EXPORT_FROM_C_STRUCT)((char *)p, _ffigen_ctypes[type]);
}

_FFIGEN_HELPER PyObject *_ffigen_char_result(char c)
{
    return _FFIGEN_X(PyObject *(*)(char), _FFIGEN_EXPORT_FROM_C_CHAR)(c);
}

_FFIGEN_HELPER PyObject *_ffigen_wchar_result(wchar_t c)
{
    return _FFIGEN_X(PyObject *(*)(wchar_t), _FFIGEN_EXPORT_FROM_C_WCHAR)(c);
}

_FFIGEN_HELPER PyObject *_ffigen_none(void)
{
    Py_INCREF(Py_None);
    return Py_None;
}

/* Around each call C's errno is the one the runtime keeps for ffi.errno,
 * and the call owns the pins its arguments took (ffigen_abi.h:
 * _ffigen_fast_calls). _ffigen_runtime replaces enter and leave with its
 * own and says where its thread's call state is, to be used without a
 * call into it; with other runtimes these call its exports. */
_FFIGEN_HELPER PyThreadState *_ffigen_enter_exports(Py_ssize_t *taken)
{
    PyThreadState *ts = PyEval_SaveThread();
    _FFIGEN_X(void (*)(void), _FFIGEN_EXPORT_RESTORE_ERRNO)();
    *taken = 0;
    return ts;
}

_FFIGEN_HELPER void _ffigen_leave_exports(PyThreadState *ts, Py_ssize_t taken)
{
    (void)taken;
    _FFIGEN_X(void (*)(void), _FFIGEN_EXPORT_SAVE_ERRNO)();
    PyEval_RestoreThread(ts);
}

static struct _ffigen_fast_calls _ffigen_fast = {
    0, NULL, _ffigen_enter_exports, _ffigen_leave_exports
};
#if defined(__has_builtin)
#  if __has_builtin(__builtin_thread_pointer)
#    define _FFIGEN_CALL_STATE()                                               \
    (_ffigen_fast.tls_offset == 0 ? NULL :                                     \
     (struct _ffigen_call_state *)((char *)__builtin_thread_pointer() + _ffigen_fast.tls_offset))
#  endif
#endif
#ifndef _FFIGEN_CALL_STATE
#  define _FFIGEN_CALL_STATE() ((struct _ffigen_call_state *)NULL)
#endif

/* Calls that release the GIL (as CFFI's all do). */
#define _ffigen_enter(taken) _ffigen_fast.enter(taken)
#define _ffigen_leave(ts, taken) _ffigen_fast.leave(ts, taken)

/* Calls under #pragma ffigen gil(keep), inline: just before the call, the
 * count of pins it takes over; */
_FFIGEN_INLINE Py_ssize_t _ffigen_begin(void)
{
    struct _ffigen_call_state *s = _FFIGEN_CALL_STATE();
    Py_ssize_t taken;
    if (s == NULL) {
        _FFIGEN_X(void (*)(void), _FFIGEN_EXPORT_RESTORE_ERRNO)();
        return 0;
    }
    taken = s->pending;
    s->pending = 0;
    errno = s->saved_errno;
    return taken;
}

/* and just after it. */
_FFIGEN_INLINE void _ffigen_end(Py_ssize_t taken)
{
    struct _ffigen_call_state *s = _FFIGEN_CALL_STATE();
    if (s == NULL) {
        _FFIGEN_X(void (*)(void), _FFIGEN_EXPORT_SAVE_ERRNO)();
        return;
    }
    s->saved_errno = errno;
    if (taken != 0) _ffigen_fast.unpin(taken);
}

/* Imports the runtime (the first of `runtimes` that exists) and hands it
 * the tables; it returns the module object with `ffi` and `lib`. `ext`
 * (NULL: none) goes to runtimes that have the ffigen extension. */
_FFIGEN_HELPER PyObject *_ffigen_init(const char *name, Py_ssize_t version,
                              const struct _ffigen_type_context *ctx,
                              const struct _ffigen_module_ext *ext,
                              const char *const *runtimes)
{
    PyObject *runtime = NULL, *address, *module;
    const char *init = _FFIGEN_INIT_FUNCTION;
    const void *raw[5];
    for (; *runtimes != NULL && runtime == NULL; runtimes++) {
        runtime = PyImport_ImportModule(*runtimes);
        if (runtime == NULL && runtimes[1] != NULL &&
            PyErr_ExceptionMatches(PyExc_ImportError))
            PyErr_Clear();
    }
    if (runtime == NULL) return NULL;
    raw[0] = name;
    raw[1] = (const void *)version;
    raw[2] = _ffigen_exports;
    raw[3] = ctx;
    raw[4] = ext;
    if (ext != NULL && PyObject_HasAttrString(runtime, _FFIGEN_INIT_EXT_FUNCTION))
        init = _FFIGEN_INIT_EXT_FUNCTION;
    _ffigen_ctypes = ctx->types;
    address = PyLong_FromVoidPtr((void *)raw);
    if (address == NULL) { Py_DECREF(runtime); return NULL; }
    module = PyObject_CallMethod(runtime, init, "O", address);
    Py_DECREF(address);
    Py_DECREF(runtime);
    return module;
}
#endif /* PYPY_VERSION */
/* ---- end of ffigen support --------------------------------------------- */
)ffigen_support";

}  // namespace ffigen::codegen
