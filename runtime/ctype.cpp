// ctype.cpp: the ctype object, `ffi.typeof(...)`'s result.
//
// A ctype describes one C type: its kind, size, alignment, C spelling and,
// by kind, its item, fields, arguments or enumerators. Ctypes are immutable
// once realized, and there is one object per type: primitives live in a
// process-wide table (created at runtime import, never freed); a pointer
// type is cached on its item (`pointer_to`) and an array type in its item's
// `arrays_of` dict, so deriving the same type twice returns the same object
// and ctypes compare by identity. Struct, union and enum ctypes belong to
// the module whose tables realized them (realize.cpp). The caches form
// reference cycles (item <-> pointer), but every ctype is kept for the life
// of the process, so ctypes take no part in GC (see ctype_alloc).
#include "runtime.hpp"

#include <cstdio>
#include <complex>
#include <cstring>
#include <cwchar>
#include <uchar.h>

namespace ffigen_rt {

PyTypeObject *CType_Type;

namespace {

struct PrimitiveInfo {
    const char *name;
    Kind kind;
    Py_ssize_t size;
    Py_ssize_t align;
};

#define FFIGEN_INT(T, name) {name, (T)-1 < 0 ? Kind::SignedInt : Kind::UnsignedInt, sizeof(T), alignof(T)}
const PrimitiveInfo primitives[_FFIGEN_PRIM_COUNT] = {
    {"void", Kind::Void, -1, 1},
    {"_Bool", Kind::Bool, sizeof(bool), alignof(bool)},
    {"char", Kind::Char, 1, 1},
    FFIGEN_INT(signed char, "signed char"),
    FFIGEN_INT(unsigned char, "unsigned char"),
    FFIGEN_INT(short, "short"),
    FFIGEN_INT(unsigned short, "unsigned short"),
    FFIGEN_INT(int, "int"),
    FFIGEN_INT(unsigned int, "unsigned int"),
    FFIGEN_INT(long, "long"),
    FFIGEN_INT(unsigned long, "unsigned long"),
    FFIGEN_INT(long long, "long long"),
    FFIGEN_INT(unsigned long long, "unsigned long long"),
    {"float", Kind::Float, sizeof(float), alignof(float)},
    {"double", Kind::Float, sizeof(double), alignof(double)},
    {"long double", Kind::LongDouble, sizeof(long double), alignof(long double)},
    {"wchar_t", Kind::WChar, sizeof(wchar_t), alignof(wchar_t)},
    FFIGEN_INT(int8_t, "int8_t"),
    FFIGEN_INT(uint8_t, "uint8_t"),
    FFIGEN_INT(int16_t, "int16_t"),
    FFIGEN_INT(uint16_t, "uint16_t"),
    FFIGEN_INT(int32_t, "int32_t"),
    FFIGEN_INT(uint32_t, "uint32_t"),
    FFIGEN_INT(int64_t, "int64_t"),
    FFIGEN_INT(uint64_t, "uint64_t"),
    FFIGEN_INT(intptr_t, "intptr_t"),
    FFIGEN_INT(uintptr_t, "uintptr_t"),
    FFIGEN_INT(ptrdiff_t, "ptrdiff_t"),
    FFIGEN_INT(size_t, "size_t"),
    FFIGEN_INT(ssize_t, "ssize_t"),
    FFIGEN_INT(int_least8_t, "int_least8_t"),
    FFIGEN_INT(uint_least8_t, "uint_least8_t"),
    FFIGEN_INT(int_least16_t, "int_least16_t"),
    FFIGEN_INT(uint_least16_t, "uint_least16_t"),
    FFIGEN_INT(int_least32_t, "int_least32_t"),
    FFIGEN_INT(uint_least32_t, "uint_least32_t"),
    FFIGEN_INT(int_least64_t, "int_least64_t"),
    FFIGEN_INT(uint_least64_t, "uint_least64_t"),
    FFIGEN_INT(int_fast8_t, "int_fast8_t"),
    FFIGEN_INT(uint_fast8_t, "uint_fast8_t"),
    FFIGEN_INT(int_fast16_t, "int_fast16_t"),
    FFIGEN_INT(uint_fast16_t, "uint_fast16_t"),
    FFIGEN_INT(int_fast32_t, "int_fast32_t"),
    FFIGEN_INT(uint_fast32_t, "uint_fast32_t"),
    FFIGEN_INT(int_fast64_t, "int_fast64_t"),
    FFIGEN_INT(uint_fast64_t, "uint_fast64_t"),
    FFIGEN_INT(intmax_t, "intmax_t"),
    FFIGEN_INT(uintmax_t, "uintmax_t"),
    {"float _Complex", Kind::Complex, sizeof(std::complex<float>), alignof(std::complex<float>)},
    {"double _Complex", Kind::Complex, sizeof(std::complex<double>), alignof(std::complex<double>)},
    {"char16_t", Kind::WChar, sizeof(char16_t), alignof(char16_t)},
    {"char32_t", Kind::WChar, sizeof(char32_t), alignof(char32_t)},
};
#undef FFIGEN_INT

CType *primitive_ctypes[_FFIGEN_PRIM_COUNT];

void ctype_dealloc(PyObject *self) {
    CType *t = (CType *)self;
    if (t->weakrefs) PyObject_ClearWeakRefs(self);
    Py_CLEAR(t->item);
    Py_CLEAR(t->name);
    Py_CLEAR(t->args);
    for (Py_ssize_t i = 0; i < t->nfields; i++) {
        Py_XDECREF(t->fields[i].name);
        Py_XDECREF(t->fields[i].type);
    }
    PyMem_Free(t->fields);
    Py_CLEAR(t->field_index);
    Py_CLEAR(t->enum_by_value);
    Py_CLEAR(t->enum_by_name);
    Py_CLEAR(t->pointer_to);
    Py_CLEAR(t->arrays_of);
    Py_CLEAR(t->layout_error);
    PyMem_Free(t->cif);
    PyMem_Free(t->cif_args);
    if (t->struct_ffi) PyMem_Free(t->struct_ffi->elements);
    PyMem_Free(t->struct_ffi);
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

PyObject *ctype_repr(PyObject *self) {
    return PyUnicode_FromFormat("<ctype '%U'>", ((CType *)self)->name);
}

const char *kind_name(const CType *t) {
    switch (t->kind) {
    case Kind::Void: return "void";
    case Kind::SignedInt: case Kind::UnsignedInt: case Kind::Bool: case Kind::Char:
    case Kind::WChar: case Kind::Float: case Kind::LongDouble: case Kind::Complex: return "primitive";
    case Kind::Enum: return "enum";
    case Kind::Pointer: return "pointer";
    case Kind::Array: return "array";
    case Kind::Struct: return "struct";
    case Kind::Union: return "union";
    case Kind::Function: return "function";
    }
    return "?";
}

PyObject *get_kind(PyObject *self, void *) { return PyUnicode_FromString(kind_name((CType *)self)); }
PyObject *get_cname(PyObject *self, void *) { return Py_NewRef(((CType *)self)->name); }

// (name, CField) pairs, as CFFI has them
PyObject *fields_list(CType *t) {
    if (!t->complete) Py_RETURN_NONE;
    PyObject *list = PyList_New(t->nfields);
    for (Py_ssize_t i = 0; list && i < t->nfields; i++) {
        PyObject *desc = cfield_new(t->fields[i], t->kind == Kind::Union && i > 0);
        PyObject *pair = desc ? PyTuple_Pack(2, t->fields[i].name, desc) : nullptr;
        Py_XDECREF(desc);
        if (!pair) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, pair);
    }
    return list;
}

// The attributes only some kinds have. One getter serves them all, with
// the attribute as its closure; __dir__ lists those the ctype has.
enum KindAttr : int { Item, Length, Fields, Args, Result, Ellipsis, Abi, Elements, Relements, KindAttrCount };
const char *const kind_attr_names[KindAttrCount] = {"item", "length", "fields", "args", "result",
                                                    "ellipsis", "abi", "elements", "relements"};

bool has_kind_attr(const CType *t, int attr) {
    switch (attr) {
    case Item: return t->kind == Kind::Pointer || t->kind == Kind::Array;
    case Length: return t->kind == Kind::Array;
    case Fields: return ctype_is_struct(t);
    case Elements: case Relements: return t->kind == Kind::Enum;
    default: return t->kind == Kind::Function;  // args, result, ellipsis, abi
    }
}

PyObject *get_kind_attr(PyObject *self, void *closure) {
    CType *t = (CType *)self;
    int attr = (int)(intptr_t)closure;
    if (!has_kind_attr(t, attr)) {
        PyErr_Format(PyExc_AttributeError, "ctype '%U' of kind %s has no attribute '%s'", t->name, kind_name(t),
                     kind_attr_names[attr]);
        return nullptr;
    }
    switch (attr) {
    case Item: case Result: return Py_NewRef((PyObject *)t->item);
    case Length: return t->length < 0 ? Py_NewRef(Py_None) : PyLong_FromSsize_t(t->length);
    case Fields: return fields_list(t);
    case Args: return Py_NewRef(t->args);
    case Ellipsis: return PyBool_FromLong(t->ellipsis);
    case Abi: return PyLong_FromLong(FFI_DEFAULT_ABI);
    case Elements: return enum_dicts(t) == 0 ? PyDict_Copy(t->enum_by_value) : nullptr;
    default: return enum_dicts(t) == 0 ? PyDict_Copy(t->enum_by_name) : nullptr;
    }
}

#define FFIGEN_KIND_ATTR(attr, doc) {kind_attr_names[attr], get_kind_attr, nullptr, doc, (void *)(intptr_t)attr}
PyGetSetDef ctype_getset[] = {
    {"kind", get_kind, nullptr, "the kind: primitive, pointer, array, struct, union, enum, function, void", nullptr},
    {"cname", get_cname, nullptr, "the C spelling of the type", nullptr},
    FFIGEN_KIND_ATTR(Item, "pointer/array: the item ctype"),
    FFIGEN_KIND_ATTR(Length, "array: the length, None when open"),
    FFIGEN_KIND_ATTR(Fields, "struct/union: list of (name, field)"),
    FFIGEN_KIND_ATTR(Args, "function: tuple of argument ctypes"),
    FFIGEN_KIND_ATTR(Result, "function: the result ctype"),
    FFIGEN_KIND_ATTR(Ellipsis, "function: variadic"),
    FFIGEN_KIND_ATTR(Abi, "function: calling convention"),
    FFIGEN_KIND_ATTR(Elements, "enum: dict value -> name"),
    FFIGEN_KIND_ATTR(Relements, "enum: dict name -> value"),
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};
#undef FFIGEN_KIND_ATTR

PyObject *ctype_dir(PyObject *self, PyObject *) {
    CType *t = (CType *)self;
    PyObject *list = Py_BuildValue("[ss]", "kind", "cname");
    for (int attr = 0; list && attr < KindAttrCount; attr++) {
        if (!has_kind_attr(t, attr)) continue;
        PyObject *name = PyUnicode_FromString(kind_attr_names[attr]);
        if (!name || PyList_Append(list, name) < 0) Py_CLEAR(list);
        Py_XDECREF(name);
    }
    return list;
}

PyMethodDef ctype_methods[] = {
    {"__dir__", ctype_dir, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef ctype_members[] = {
    {"__weaklistoffset__", T_PYSSIZET, offsetof(CType, weakrefs), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyType_Slot ctype_slots[] = {
    {Py_tp_members, ctype_members},
    {Py_tp_dealloc, (void *)ctype_dealloc},
    {Py_tp_repr, (void *)ctype_repr},
    {Py_tp_getset, ctype_getset},
    {Py_tp_methods, ctype_methods},
    {Py_tp_doc, (void *)"A C type (the result of ffi.typeof)."},
    {0, nullptr},
};

// Derived ctypes (arrays, functions) are cached in dicts. find_cached looks
// key up: true when that settles the answer (*out: the cached ctype as a new
// reference, or NULL on error), and key is then released. store_cached
// records a new ctype t (NULL: its creation failed) and releases key: t, or
// NULL + error.
bool find_cached(PyObject *cache, PyObject *key, CType **out) {
    PyObject *cached = PyDict_GetItemWithError(cache, key);
    if (!cached && !PyErr_Occurred()) return false;
    Py_DECREF(key);
    *out = (CType *)Py_XNewRef(cached);
    return true;
}

CType *store_cached(PyObject *cache, PyObject *key, CType *t) {
    if (t && PyDict_SetItem(cache, key, (PyObject *)t) < 0) Py_CLEAR(t);
    Py_DECREF(key);
    return t;
}

}  // namespace

const char *ctype_cname(const CType *t) { return PyUnicode_AsUTF8(t->name); }

int ctype_check_layout(CType *t) {
    while (t && (t->kind == Kind::Pointer || t->kind == Kind::Array)) t = t->item;
    if (t && t->layout_error) {
        PyErr_SetObject(PyTuple_GET_ITEM(t->layout_error, 0), PyTuple_GET_ITEM(t->layout_error, 1));
        return -1;
    }
    return 0;
}

int ctype_check(PyObject *o) { return Py_IS_TYPE(o, CType_Type); }

CType *ctype_alloc(Kind kind, PyObject *name, Py_ssize_t name_pos) {
    CType *t = name ? PyObject_New(CType, CType_Type) : nullptr;
    if (!t) {
        Py_XDECREF(name);
        return nullptr;
    }
    std::memset((char *)t + sizeof(PyObject), 0, sizeof(CType) - sizeof(PyObject));
    t->kind = kind;
    t->size = -1;
    t->align = 1;
    t->length = -1;
    t->name = name;
    t->name_pos = name_pos < 0 ? PyUnicode_GET_LENGTH(name) : name_pos;
    // Not a GC object: every ctype is cached for the life of the process
    // (primitives, the realized lists, the pointer/array caches on its item,
    // the function cache), so no collection could free one; walking
    // thousands of them at each full collection, and each allocation of a
    // GC object bringing the next collection closer, cost about a tenth of
    // touching every name of a big module's lib (bench/import_bench.py).
    return t;
}

// Where a declarator goes in t's name, as a byte offset into its UTF-8
// (name_pos counts characters); -1 + error.
Py_ssize_t declarator_offset(CType *t, std::string_view *utf8) {
    Py_ssize_t len;
    const char *name = PyUnicode_AsUTF8AndSize(t->name, &len);
    if (!name) return -1;
    *utf8 = std::string_view(name, (size_t)len);
    if (PyUnicode_IS_ASCII(t->name)) return t->name_pos;
    PyObject *head = PyUnicode_Substring(t->name, 0, t->name_pos);
    Py_ssize_t offset = -1;
    if (head && PyUnicode_AsUTF8AndSize(head, &offset) == nullptr) offset = -1;
    Py_XDECREF(head);
    return offset;
}

// The name of a type derived from base: `insert` goes at base's declarator
// position, e.g. "int" + " *" -> "int *", "int[3]" + "(*)" -> "int(*)[3]".
// Spelled as bytes: thousands of these are made realizing a big module,
// where slicing and formatting str objects cost several times more.
PyObject *ctype_derived_name(CType *base, const char *insert) {
    std::string_view name;
    Py_ssize_t at = declarator_offset(base, &name);
    if (at < 0) return nullptr;
    std::string spelled;
    spelled.reserve(name.size() + std::strlen(insert));
    spelled.append(name.substr(0, (size_t)at)).append(insert).append(name.substr((size_t)at));
    return PyUnicode_FromStringAndSize(spelled.data(), (Py_ssize_t)spelled.size());
}

// A parameter list as CFFI spells it: "(int, char *)", "(int, ...)", "(...)" or "()".
bool spell_parameters(CType *const *args, Py_ssize_t n, bool ellipsis, std::string &out) {
    out += '(';
    for (Py_ssize_t i = 0; i < n; i++) {
        const char *arg = ctype_cname(args[i]);
        if (!arg) return false;
        out.append(i ? ", " : "").append(arg);
    }
    out += ellipsis ? (n ? ", ...)" : "...)") : ")";
    return true;
}

namespace {

// The C compiler found no primitive for an `int...`/`float...` typedef: an
// error when the type is used, not at import (CFFI's suite asserts the words
// of the float cases).
CType *unknown_primitive(int prim) {
    if (prim == _FFIGEN_PRIM_UNKNOWN)
        PyErr_SetString(FFIError, "primitive integer type with an unexpected size (or not an integer type at all)");
    else if (prim == _FFIGEN_PRIM_UNKNOWN_FLOAT)
        PyErr_SetString(FFIError, "primitive floating-point type with an unexpected size (or not a float type at all)");
    else if (prim == _FFIGEN_PRIM_UNKNOWN_LONG_DOUBLE)
        PyErr_SetString(FFIError, "primitive floating-point type is 'long double', not supported for now with the "
                                  "syntax 'typedef double... xxx;'");
    else
        PyErr_Format(FFIError, "primitive type number %d is not supported by this runtime", prim);
    return nullptr;
}

}  // namespace

CType *ctype_primitive(int prim) {
    if (prim < 0 || prim >= _FFIGEN_PRIM_COUNT) return unknown_primitive(prim);
    return primitive_ctypes[prim];
}

CType *ctype_pointer_to(CType *item) {
    // A function ctype is already a function *pointer* type: this makes a
    // pointer to one ('int(* *)(int)'). Callers turn a bare C function type
    // into its pointer without calling this (see realize.cpp, typeparse.cpp).
    if (item->pointer_to) return (CType *)Py_NewRef(item->pointer_to);
    bool paren = item->kind == Kind::Array;
    const char *insert = paren ? "(*)" : " *";
    Py_ssize_t pos = item->name_pos + 2;  // just after the star in " *" and "(*)"
    CType *t = ctype_alloc(Kind::Pointer, ctype_derived_name(item, insert), pos);
    if (!t) return nullptr;
    t->size = sizeof(void *);
    t->align = alignof(void *);
    t->item = (CType *)Py_NewRef(item);
    t->complete = true;
    item->pointer_to = (CType *)Py_NewRef(t);
    return t;
}

CType *ctype_array_of(CType *item, Py_ssize_t length) {
    if (item->size < 0) {
        PyErr_Format(PyExc_ValueError, "cannot make an array of ctype '%U': its size is unknown", item->name);
        return nullptr;
    }
    if (length >= 0 && item->size > 0 && length > PY_SSIZE_T_MAX / item->size) {
        PyErr_Format(PyExc_OverflowError, "array of %zd items of ctype '%U' is too large",
                     length, item->name);
        return nullptr;
    }
    if (!item->arrays_of && !(item->arrays_of = PyDict_New())) return nullptr;
    PyObject *key = PyLong_FromSsize_t(length);
    if (!key) return nullptr;
    CType *found;
    if (find_cached(item->arrays_of, key, &found)) return found;
    char brackets[32];
    if (length >= 0) std::snprintf(brackets, sizeof brackets, "[%zd]", length);
    else std::snprintf(brackets, sizeof brackets, "[]");
    CType *t = store_cached(item->arrays_of, key,
                            ctype_alloc(Kind::Array, ctype_derived_name(item, brackets), item->name_pos));
    if (!t) return nullptr;
    t->item = (CType *)Py_NewRef(item);
    t->length = length;
    t->size = length >= 0 ? length * item->size : -1;
    t->align = item->align;
    t->complete = true;
    return t;
}

// Arrays decay to pointers in parameter position, as in C.
CType *ctype_parameter(CType *t) {
    if (t->kind == Kind::Array) return ctype_pointer_to(t->item);
    return (CType *)Py_NewRef(t);
}

// Function ctypes are function-pointer types (as in CFFI): "int(*)(int)".
// They are cached in a process-wide dict keyed by their C spelling plus the
// identity of their result and argument ctypes, so equal signatures over
// the same ctypes share one object.
CType *ctype_function(CType *result, PyObject *args, bool ellipsis) {
    static PyObject *cache;
    if (!cache && !(cache = PyDict_New())) return nullptr;
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    // The key: the addresses of result and arguments, then ellipsis, as bytes
    // (one object, where a tuple of ints took n + 3: realizing a module's
    // functions makes thousands of these).
    PyObject *key = PyBytes_FromStringAndSize(nullptr, (Py_ssize_t)((n + 2) * sizeof(void *)));
    if (!key) return nullptr;
    void **words = (void **)PyBytes_AS_STRING(key);
    words[0] = result;
    for (Py_ssize_t i = 0; i < n; i++) words[i + 1] = PyTuple_GET_ITEM(args, i);
    words[n + 1] = (void *)(uintptr_t)ellipsis;
    CType *found;
    if (find_cached(cache, key, &found)) return found;
    std::string suffix = "(*)";
    // (a tuple's items are its ctypes' pointers)
    auto items = n ? reinterpret_cast<CType *const *>(&PyTuple_GET_ITEM(args, 0)) : nullptr;
    if (!spell_parameters(items, n, ellipsis, suffix))
        return Py_DECREF(key), nullptr;
    CType *t = store_cached(cache, key, ctype_alloc(Kind::Function, ctype_derived_name(result, suffix.c_str()),
                                                    result->name_pos + 2));
    if (!t) return nullptr;
    t->item = (CType *)Py_NewRef(result);
    t->args = Py_NewRef(args);
    PyObject_GC_UnTrack(args);  // it holds only ctypes, no GC objects (see ctype_alloc)
    t->ellipsis = ellipsis;
    t->size = sizeof(void (*)());
    t->align = alignof(void (*)());
    t->complete = true;
    return t;
}

int ctype_init_types(PyObject *module) {
    static PyType_Spec spec = {"_ffigen_runtime.CType", sizeof(CType), 0,
                               Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, ctype_slots};
    if (!CType_Type) {
        CType_Type = (PyTypeObject *)PyType_FromSpec(&spec);
        if (!CType_Type) return -1;
        for (int p = 0; p < _FFIGEN_PRIM_COUNT; p++) {
            const PrimitiveInfo &info = primitives[p];
            CType *t = ctype_alloc(info.kind, PyUnicode_FromString(info.name), -1);
            if (!t) return -1;
            t->size = info.size;
            t->align = info.align;
            t->complete = true;
            primitive_ctypes[p] = t;
        }
    }
    return PyModule_AddObjectRef(module, "CType", (PyObject *)CType_Type);
}

}  // namespace ffigen_rt
