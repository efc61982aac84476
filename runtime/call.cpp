// call.cpp: calling C through a function-pointer cdata, with libffi.
//
// `ffi.cast("int(*)(int)", p)(3)`: the function ctype describes the call;
// its libffi call interface (cif) is built on the first call and cached on
// the ctype (freed with it). A struct passed or returned by value gets an
// ffi_type built from its fields, cached on the struct ctype. Per call, the
// argument values live in one buffer (on the stack when small), temporary
// arrays for list arguments in PyMem blocks freed before returning; the
// result becomes a Python object (struct results are owning copies).
// Variadic functions take cdata objects in their variadic part (their
// ctype gives the C type, promoted as C does), and get a cif per call.
#include "runtime.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

namespace ffigen_rt {

namespace {

ffi_type *integer_ffi_type(Py_ssize_t size, bool is_signed) {
    switch (size) {
    case 1: return is_signed ? &ffi_type_sint8 : &ffi_type_uint8;
    case 2: return is_signed ? &ffi_type_sint16 : &ffi_type_uint16;
    case 4: return is_signed ? &ffi_type_sint32 : &ffi_type_uint32;
    default: return is_signed ? &ffi_type_sint64 : &ffi_type_uint64;
    }
}

ffi_type *ffi_type_of(CType *t, bool is_result);

#define API_MODE_ONLY                                                                                     \
    " are only supported as %s if the function is 'API mode' and non-variadic (i.e. declared inside " \
    "ffibuilder.cdef()+ffibuilder.set_source() and not taking a final '...' argument)"

// The struct layouts libffi cannot describe: NotImplementedError in CFFI's
// words (its test suite asserts them).
ffi_type *unsupported(CType *st, const char *place, const char *detail) {
    PyErr_Format(PyExc_NotImplementedError, "ctype '%U' not supported as %s.  %s.  Such structs" API_MODE_ONLY,
                 st->name, place, detail, place);
    return nullptr;
}

// Bitfields or an empty array among st's fields: the detail for unsupported(), or NULL.
const char *unsupported_field(CType *st) {
    for (Py_ssize_t i = 0; i < st->nfields; i++) {
        const Field &f = st->fields[i];
        if (f.bitsize >= 0) return "It is a struct with bit fields, which libffi does not support";
        Py_ssize_t count = 1;
        for (CType *ft = f.type; ft->kind == Kind::Array; ft = ft->item) count *= ft->length;
        if (count <= 0) return "It is a struct with a zero-length array, which libffi does not support";
    }
    return nullptr;
}

ffi_type *struct_ffi_type(CType *st, bool is_result) {
    if (st->struct_ffi) return st->struct_ffi;
    if (!st->complete) {  // a TypeError, as the stock backend's
        PyErr_Format(PyExc_TypeError, "'%U' is opaque", st->name);
        return nullptr;
    }
    const char *place = is_result ? "return value" : "argument";
    if (st->kind == Kind::Union) {
        PyErr_Format(PyExc_NotImplementedError, "ctype '%U' not supported as %s by libffi.  Unions" API_MODE_ONLY,
                     st->name, place, place);
        return nullptr;
    }
    if (st->custom_layout)
        return unsupported(st, place, "It is a struct declared with \"...;\", but the C calling convention may depend "
                                      "on the missing fields; or, it contains anonymous struct/unions");
    if (st->packed_layout)
        return unsupported(st, place, "It is a 'packed' structure, with a different layout than expected by libffi");
    if (const char *detail = unsupported_field(st)) return unsupported(st, place, detail);
    std::vector<ffi_type *> elements;
    for (Py_ssize_t i = 0; i < st->nfields; i++) {
        const Field &f = st->fields[i];
        Py_ssize_t count = 1;
        CType *ft = f.type;
        while (ft->kind == Kind::Array) {  // arrays: repeat the item
            count *= ft->length;
            ft = ft->item;
        }
        ffi_type *e = ffi_type_of(ft, false);
        if (!e) return nullptr;
        for (Py_ssize_t k = 0; k < count; k++) elements.push_back(e);
    }
    elements.push_back(nullptr);
    ffi_type *type = (ffi_type *)PyMem_Calloc(1, sizeof(ffi_type));
    ffi_type **copy = (ffi_type **)PyMem_Calloc(elements.size(), sizeof(ffi_type *));
    if (!type || !copy) {
        PyMem_Free(type);
        PyMem_Free(copy);
        PyErr_NoMemory();
        return nullptr;
    }
    std::memcpy(copy, elements.data(), elements.size() * sizeof(ffi_type *));
    type->size = st->size;
    type->alignment = (unsigned short)st->align;
    type->type = FFI_TYPE_STRUCT;
    type->elements = copy;
    st->struct_ffi = type;
    return type;
}

ffi_type *ffi_type_of(CType *t, bool is_result) {
    switch (t->kind) {
    case Kind::Void:
        if (is_result) return &ffi_type_void;
        break;
    case Kind::SignedInt: return integer_ffi_type(t->size, true);
    case Kind::UnsignedInt: case Kind::Bool: case Kind::Char: case Kind::WChar: return integer_ffi_type(t->size, false);
    case Kind::Enum: return integer_ffi_type(t->size, t->item->kind == Kind::SignedInt);
    case Kind::Float: return t->size == sizeof(float) ? &ffi_type_float : &ffi_type_double;
    case Kind::LongDouble: return &ffi_type_longdouble;
    case Kind::Pointer: case Kind::Function: case Kind::Array: return &ffi_type_pointer;
    case Kind::Struct: case Kind::Union: return struct_ffi_type(t, is_result);
    case Kind::Complex:  // libffi's complex support is partial; CFFI refuses them here too
        PyErr_Format(PyExc_NotImplementedError,
                     "ctype '%U' is not supported as %s of a call through libffi (complex values "
                     "cross only the calls of compiled lib functions)", t->name, is_result ? "the result" : "an argument");
        return nullptr;
    }
    PyErr_Format(PyExc_TypeError, "ctype '%U' cannot be passed to or returned from C", t->name);
    return nullptr;
}

// Builds fn's cif for `types` (fixed plus variadic argument ctypes).
int build_cif(ffi_cif *cif, CType *fn, CType **types, Py_ssize_t nargs, ffi_type **arg_types) {
    ffi_type *rtype = ffi_type_of(fn->item, true);
    if (!rtype) return -1;
    for (Py_ssize_t i = 0; i < nargs; i++)
        if (!(arg_types[i] = ffi_type_of(types[i], false))) return -1;
    Py_ssize_t nfixed = PyTuple_GET_SIZE(fn->args);
    ffi_status st = fn->ellipsis ? ffi_prep_cif_var(cif, FFI_DEFAULT_ABI, (unsigned)nfixed, (unsigned)nargs, rtype, arg_types)
                                 : ffi_prep_cif(cif, FFI_DEFAULT_ABI, (unsigned)nargs, rtype, arg_types);
    if (st != FFI_OK) {
        PyErr_Format(PyExc_TypeError, "libffi cannot prepare a call to '%U' (status %d)", fn->name, (int)st);
        return -1;
    }
    return 0;
}

// Adds "argument N of 'T': " in front of the pending error message.
void name_argument(Py_ssize_t i, CType *fn) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *msg = value ? PyObject_Str(value) : nullptr;
    if (msg) PyErr_Format(type, "argument %zd passed to '%U': %U", i + 1, fn->name, msg);
    else PyErr_Restore(Py_XNewRef(type), Py_XNewRef(value), Py_XNewRef(tb));
    Py_XDECREF(msg);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

// C's default argument promotions for the variadic part: float becomes
// double, integer types narrower than int become int (libffi refuses them).
CType *vararg_type(CType *t) {
    if (t->kind == Kind::Float && t->size < (Py_ssize_t)sizeof(double)) return ctype_primitive(_FFIGEN_PRIM_DOUBLE);
    bool small_int = ctype_is_integer(t) || t->kind == Kind::Char || t->kind == Kind::WChar;
    if (small_int && t->size < (Py_ssize_t)sizeof(int)) return ctype_primitive(_FFIGEN_PRIM_INT);
    return t;
}

struct CallBuffers {
    std::vector<char *> temporaries;
    ~CallBuffers() {
        for (char *p : temporaries) PyMem_Free(p);
    }
};

// Converts argument i into slot, which holds `type`'s value.
int convert_argument(CType *type, PyObject *obj, char *slot, CallBuffers &buffers) {
    if (type->kind == Kind::Pointer) {
        char *ptr = nullptr;
        Py_ssize_t need = prepare_pointer_argument(type, obj, &ptr);
        if (need < 0) return -1;
        if (need > 0) {
            if (!(ptr = (char *)PyMem_Calloc(1, (size_t)need))) return PyErr_NoMemory(), -1;
            buffers.temporaries.push_back(ptr);
            if (fill_array(ptr, type, obj) < 0) return -1;
        }
        std::memcpy(slot, &ptr, sizeof ptr);
        return 0;
    }
    return from_python(slot, type, obj);
}

PyObject *convert_result(CType *rt, char *buffer) {
    if (rt->kind == Kind::Void) Py_RETURN_NONE;
    if (ctype_is_integer(rt) || rt->kind == Kind::Char || rt->kind == Kind::WChar) {
        // libffi widens small integer results to a full ffi_arg.
        if (rt->size < (Py_ssize_t)sizeof(ffi_arg)) {
            ffi_arg wide;
            std::memcpy(&wide, buffer, sizeof wide);
            switch (rt->size) {
            case 1: { uint8_t v = (uint8_t)wide; std::memcpy(buffer, &v, 1); break; }
            case 2: { uint16_t v = (uint16_t)wide; std::memcpy(buffer, &v, 2); break; }
            case 4: { uint32_t v = (uint32_t)wide; std::memcpy(buffer, &v, 4); break; }
            }
        }
    }
    if (ctype_is_struct(rt)) {
        CData *cd = cdata_new_owning(rt, rt->size, -1);
        if (cd) std::memcpy(cd->data, buffer, rt->size);
        return (PyObject *)cd;
    }
    return to_python(buffer, rt, nullptr);
}

}  // namespace

ffi_cif *function_cif(CType *fn) {
    if (fn->cif) return fn->cif;
    Py_ssize_t nargs = PyTuple_GET_SIZE(fn->args);
    ffi_cif *c = (ffi_cif *)PyMem_Calloc(1, sizeof(ffi_cif));
    ffi_type **at = (ffi_type **)PyMem_Calloc(nargs ? nargs : 1, sizeof(ffi_type *));
    if (!c || !at || build_cif(c, fn, (CType **)&PyTuple_GET_ITEM(fn->args, 0), nargs, at) < 0) {
        PyMem_Free(c);
        PyMem_Free(at);
        if (!PyErr_Occurred()) PyErr_NoMemory();
        return nullptr;
    }
    fn->cif = c;
    fn->cif_args = at;
    return c;
}

PyObject *call_function_pointer(CData *fn_cd, PyObject *const *args, Py_ssize_t nargs) {
    CType *fn = fn_cd->ctype;
    Py_ssize_t nfixed = PyTuple_GET_SIZE(fn->args);
    if (nargs != nfixed && !(fn->ellipsis && nargs > nfixed)) {
        PyErr_Format(PyExc_TypeError, "'%U' expects %s%zd arguments, got %zd", fn->name, fn->ellipsis ? "at least " : "",
                     nfixed, nargs);
        return nullptr;
    }
    if (!fn_cd->data) {
        PyErr_Format(PyExc_RuntimeError, "cannot call a NULL function pointer of type '%U'", fn->name);
        return nullptr;
    }
    std::vector<CType *> types(nargs ? nargs : 1);
    for (Py_ssize_t i = 0; i < nargs; i++) {
        if (i < nfixed) {
            types[i] = (CType *)PyTuple_GET_ITEM(fn->args, i);
        } else if (is_cdata(args[i])) {
            CType *t = ((CData *)args[i])->ctype;
            types[i] = vararg_type(t->kind == Kind::Array ? t->item->pointer_to ? t->item->pointer_to : t : t);
        } else {
            PyErr_Format(PyExc_TypeError, "argument %zd passed in the variadic part of '%U' must be a cdata, not %.200s",
                         i + 1, fn->name, Py_TYPE(args[i])->tp_name);
            return nullptr;
        }
    }
    ffi_cif local_cif;
    std::vector<ffi_type *> local_types(nargs ? nargs : 1);
    ffi_cif *cif;
    if (fn->ellipsis) {
        if (build_cif(&local_cif, fn, types.data(), nargs, local_types.data()) < 0) return nullptr;
        cif = &local_cif;
    } else if (!(cif = function_cif(fn))) {
        return nullptr;
    }
    // One slot per argument, 16-aligned, sized for the largest scalar.
    std::vector<Py_ssize_t> offsets(nargs ? nargs : 1);
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        Py_ssize_t size = types[i]->size > 0 ? types[i]->size : (Py_ssize_t)sizeof(void *);
        offsets[i] = total;
        total += (size + 15) / 16 * 16;
    }
    Py_ssize_t rsize = fn->item->size > 0 ? fn->item->size : 0;
    if (rsize < (Py_ssize_t)sizeof(ffi_arg)) rsize = sizeof(ffi_arg);
    std::vector<char> storage(total + (rsize + 15) / 16 * 16 + 16);
    char *base = (char *)(((uintptr_t)storage.data() + 15) & ~(uintptr_t)15);
    char *result = base + total;
    std::vector<void *> values(nargs ? nargs : 1);
    CallBuffers buffers;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        values[i] = base + offsets[i];
        if (convert_argument(types[i], args[i], base + offsets[i], buffers) < 0) {
            name_argument(i, fn);
            return nullptr;
        }
    }
    void (*target)() = (void (*)())fn_cd->data;
    Py_BEGIN_ALLOW_THREADS
    call_begins();
    errno = call_state.saved_errno;
    ffi_call(cif, target, result, values.data());
    call_state.saved_errno = errno;
    call_ends();
    Py_END_ALLOW_THREADS
    return convert_result(fn->item, result);
}

}  // namespace ffigen_rt
