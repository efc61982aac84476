// dlopen_lib.cpp: ffi.dlopen(name, flags=0) and ffi.dlclose(lib), the
// `lib` of out-of-line ABI mode (abi_tables.cpp gives its ffi the tables).
//
// The lib finds each global of the tables by name in the shared library:
// a function (DLOPEN_FUNC) is a function-pointer cdata at its symbol,
// called through libffi like any (call.cpp); a typed constant
// (DLOPEN_CONST) is read from its symbol once; a global variable
// (GLOBAL_VAR) is read and written at its symbol on every access; integer
// constants and enumerators come from the tables. Built values are cached
// in `dict`; ffi.dlclose() closes the library and empties the cache, so
// that later uses needing the library raise ffi.error, as in CFFI. The
// classes of the errors are CFFI's: OSError when the library cannot be
// loaded, AttributeError for a name the cdef does not declare, ffi.error
// for one the library does not define.
#include "runtime.hpp"

#include <dlfcn.h>

#include <cstring>

namespace ffigen_rt {

namespace {

PyTypeObject *DlopenLib_Type;

struct DlopenLib {
    PyObject_HEAD
    FFIObject *ffi;      // strong
    PyObject *dict;      // built attributes
    PyObject *libname;   // str: the path given, or "<None>" for the main program
    void *handle;        // NULL once closed
};

DlopenLib *dl_of(PyObject *self) { return (DlopenLib *)self; }
const _ffigen_type_context *tables_of(DlopenLib *lib) { return lib->ffi->ctx->tables; }

// The symbol's address, or NULL + ffi.error (closed, or no such symbol).
void *symbol(DlopenLib *lib, const char *name) {
    if (!lib->handle) {
        PyErr_Format(FFIError, "library '%U' has been closed", lib->libname);
        return nullptr;
    }
    dlerror();
    void *address = dlsym(lib->handle, name);
    if (!address) {
        const char *why = dlerror();
        PyErr_Format(FFIError, "symbol '%s' not found in library '%U': %s", name, lib->libname,
                     why ? why : "its address is NULL");
    }
    return address;
}

PyObject *function(DlopenLib *lib, const _ffigen_global &g) {
    CType *fn = realize_function_type(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op));
    void *address = fn && ensure_filled() == 0 ? symbol(lib, g.name) : nullptr;
    return address ? (PyObject *)cdata_new_pointer(fn, (char *)address, nullptr) : nullptr;
}

// A struct or array constant is an owned copy, as a C module's is.
PyObject *typed_constant(DlopenLib *lib, const _ffigen_global &g) {
    CType *t = realize_index(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op));
    char *address = t ? (char *)symbol(lib, g.name) : nullptr;
    if (!address) return nullptr;
    if (!ctype_is_struct(t) && t->kind != Kind::Array) return to_python(address, t, nullptr);
    CData *copy = cdata_new_owning(t, t->size, -1);
    if (copy) std::memcpy(copy->data, address, (size_t)t->size);
    return (PyObject *)copy;
}

PyObject *integer_constant(DlopenLib *lib, int gindex) {
    unsigned long long v = 0;
    int flags = read_int_constant(tables_of(lib), gindex, &v);
    return (flags & 1) ? PyLong_FromLongLong((long long)v) : PyLong_FromUnsignedLongLong(v);
}

// `int g[];` reads as a pointer, as in a C module's lib.
PyObject *read_variable(DlopenLib *lib, const _ffigen_global &g) {
    CType *t = realize_index(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op));
    char *address = t ? (char *)symbol(lib, g.name) : nullptr;
    if (!address) return nullptr;
    if (t->kind != Kind::Array || t->length >= 0) return to_python(address, t, nullptr);
    CType *p = ctype_pointer_to(t->item);
    PyObject *v = p ? (PyObject *)cdata_new_pointer(p, address, nullptr) : nullptr;
    Py_XDECREF(p);
    return v;
}

PyObject *build(DlopenLib *lib, int gindex) {
    const _ffigen_global &g = tables_of(lib)->globals[gindex];
    switch (_FFIGEN_OP_CODE(g.type_op)) {
    case _FFIGEN_OP_DLOPEN_FUNC: return function(lib, g);
    case _FFIGEN_OP_DLOPEN_CONST: return typed_constant(lib, g);
    case _FFIGEN_OP_CONSTANT_INT: case _FFIGEN_OP_ENUM: return integer_constant(lib, gindex);
    case _FFIGEN_OP_GLOBAL_VAR: return read_variable(lib, g);
    default: break;
    }
    PyErr_Format(PyExc_NotImplementedError, "'%s' is not available through ffi.dlopen() (it needs the module's C code)",
                 g.name);
    return nullptr;
}

int find(DlopenLib *lib, PyObject *name, int *gindex) {
    const char *s = PyUnicode_AsUTF8(name);
    if (!s) return -1;
    *gindex = find_global(tables_of(lib), s);
    if (*gindex >= 0) return 0;
    PyErr_Format(PyExc_AttributeError, "library '%U' has no function, constant or global variable named '%U'",
                 lib->libname, name);
    return -1;
}

PyObject *dl_getattro(PyObject *self, PyObject *name) {
    DlopenLib *lib = dl_of(self);
    PyObject *cached = PyDict_GetItemWithError(lib->dict, name);
    if (cached || PyErr_Occurred()) return Py_XNewRef(cached);
    const char *s = PyUnicode_AsUTF8(name);
    if (!s) return nullptr;
    if (s[0] == '_' && s[1] == '_') return PyObject_GenericGetAttr(self, name);
    int i;
    if (find(lib, name, &i) < 0) return nullptr;
    PyObject *v = build(lib, i);
    bool variable = _FFIGEN_OP_CODE(tables_of(lib)->globals[i].type_op) == _FFIGEN_OP_GLOBAL_VAR;
    if (v && !variable && PyDict_SetItem(lib->dict, name, v) < 0) Py_CLEAR(v);
    return v;
}

int dl_setattro(PyObject *self, PyObject *name, PyObject *value) {
    DlopenLib *lib = dl_of(self);
    int i;
    if (find(lib, name, &i) < 0) return -1;
    const _ffigen_global &g = tables_of(lib)->globals[i];
    if (_FFIGEN_OP_CODE(g.type_op) != _FFIGEN_OP_GLOBAL_VAR || !value) {
        PyErr_Format(PyExc_AttributeError, "cannot %s '%U': not a global variable", value ? "write" : "delete", name);
        return -1;
    }
    CType *t = realize_index(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op));
    char *address = t ? (char *)symbol(lib, g.name) : nullptr;
    return address ? from_python(address, t, value) : -1;
}

PyObject *dl_dir(PyObject *self, PyObject *) { return global_names(tables_of(dl_of(self))); }

PyObject *dl_repr(PyObject *self) { return PyUnicode_FromFormat("<Lib object for '%U'>", dl_of(self)->libname); }

void dl_dealloc(PyObject *self) {
    DlopenLib *lib = dl_of(self);
    PyObject_GC_UnTrack(self);
    if (lib->handle) dlclose(lib->handle);
    Py_CLEAR(lib->ffi);
    Py_CLEAR(lib->dict);
    Py_CLEAR(lib->libname);
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

int dl_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(dl_of(self)->ffi);
    Py_VISIT(dl_of(self)->dict);
    return 0;
}

int dl_clear(PyObject *self) {
    Py_CLEAR(dl_of(self)->dict);
    Py_CLEAR(dl_of(self)->ffi);
    return 0;
}

PyMethodDef dl_methods[] = {
    {"__dir__", dl_dir, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyType_Slot dl_slots[] = {
    {Py_tp_dealloc, (void *)dl_dealloc},
    {Py_tp_traverse, (void *)dl_traverse},
    {Py_tp_clear, (void *)dl_clear},
    {Py_tp_getattro, (void *)dl_getattro},
    {Py_tp_setattro, (void *)dl_setattro},
    {Py_tp_repr, (void *)dl_repr},
    {Py_tp_methods, dl_methods},
    {Py_tp_doc, (void *)"The functions, constants and global variables of a library opened by ffi.dlopen()."},
    {0, nullptr},
};

// The handle of `name` (None: the main program), or NULL + OSError.
void *open_library(PyObject *name, int flags, PyObject **libname) {
    const char *path = nullptr;
    if (name == Py_None) *libname = PyUnicode_FromString("<None>");
    else if (PyUnicode_Check(name)) *libname = Py_NewRef(name);
    else if (PyBytes_Check(name)) *libname = PyUnicode_DecodeFSDefault(PyBytes_AS_STRING(name));
    else return PyErr_Format(PyExc_TypeError, "dlopen() expects a str, bytes or None, not %.200s", Py_TYPE(name)->tp_name), nullptr;
    if (!*libname) return nullptr;
    if (name != Py_None && !(path = PyBytes_Check(name) ? PyBytes_AS_STRING(name) : PyUnicode_AsUTF8(name))) return nullptr;
    if ((flags & (RTLD_NOW | RTLD_LAZY)) == 0) flags |= RTLD_NOW;  // as CFFI
    void *handle = dlopen(path, flags);
    if (!handle) {
        const char *why = dlerror();
        PyErr_Format(PyExc_OSError, "cannot load library '%U': %s", *libname, why ? why : "unknown error");
    }
    return handle;
}

}  // namespace

PyObject *ffi_dlopen(PyObject *self, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"name", "flags", nullptr};
    PyObject *name;
    int flags = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|i:dlopen", (char **)kwlist, &name, &flags)) return nullptr;
    PyObject *libname = nullptr;
    void *handle = open_library(name, flags, &libname);
    DlopenLib *lib = handle ? PyObject_GC_New(DlopenLib, DlopenLib_Type) : nullptr;
    if (!lib) {
        if (handle) dlclose(handle);
        Py_XDECREF(libname);
        return nullptr;
    }
    lib->ffi = (FFIObject *)Py_NewRef(self);
    lib->libname = libname;
    lib->handle = handle;
    lib->dict = PyDict_New();
    PyObject_GC_Track(lib);
    if (!lib->dict) Py_CLEAR(lib);
    return (PyObject *)lib;
}

bool is_dlopen_lib(PyObject *o) { return DlopenLib_Type && Py_IS_TYPE(o, DlopenLib_Type); }

// As CFFI: a variable's address, a function's pointer; constants refuse.
PyObject *dlopen_lib_addressof(PyObject *self, PyObject *name) {
    DlopenLib *lib = dl_of(self);
    int i;
    if (find(lib, name, &i) < 0) return nullptr;
    const _ffigen_global &g = tables_of(lib)->globals[i];
    int code = _FFIGEN_OP_CODE(g.type_op);
    if (code == _FFIGEN_OP_DLOPEN_FUNC) return dl_getattro(self, name);
    if (code != _FFIGEN_OP_GLOBAL_VAR)
        return PyErr_Format(PyExc_AttributeError, "cannot take the address of the constant '%U'", name);
    CType *t = realize_index(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op));
    char *address = t ? (char *)symbol(lib, g.name) : nullptr;
    CType *ptr = address ? ctype_pointer_to(t) : nullptr;
    PyObject *r = ptr ? (PyObject *)cdata_new_pointer(ptr, address, nullptr) : nullptr;
    Py_XDECREF(ptr);
    return r;
}

PyObject *ffi_dlclose(PyObject *, PyObject *arg) {
    if (!is_dlopen_lib(arg))
        return PyErr_Format(PyExc_TypeError, "dlclose() expects a lib from ffi.dlopen(), not %.200s", Py_TYPE(arg)->tp_name);
    DlopenLib *lib = dl_of(arg);
    void *handle = lib->handle;
    if (!handle) Py_RETURN_NONE;  // closing twice is allowed
    lib->handle = nullptr;
    if (lib->dict) PyDict_Clear(lib->dict);
    if (dlclose(handle) != 0) {
        const char *why = dlerror();
        return PyErr_Format(PyExc_OSError, "closing library '%U': %s", lib->libname, why ? why : "unknown error");
    }
    Py_RETURN_NONE;
}

int add_rtld_constants(PyObject *dict) {
    static const struct { const char *name; int value; } flags[] = {
        {"RTLD_LAZY", RTLD_LAZY}, {"RTLD_NOW", RTLD_NOW}, {"RTLD_GLOBAL", RTLD_GLOBAL}, {"RTLD_LOCAL", RTLD_LOCAL},
        {"RTLD_NODELETE", RTLD_NODELETE}, {"RTLD_NOLOAD", RTLD_NOLOAD}, {"RTLD_DEEPBIND", RTLD_DEEPBIND},
    };
    for (const auto &f : flags) {
        PyObject *v = PyLong_FromLong(f.value);
        int rc = v ? PyDict_SetItemString(dict, f.name, v) : -1;
        Py_XDECREF(v);
        if (rc < 0) return -1;
    }
    return 0;
}

int dlopen_init_types(PyObject *module) {
    static PyType_Spec spec = {"_ffigen_runtime.Lib", sizeof(DlopenLib), 0,
                               Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION, dl_slots};
    if (!DlopenLib_Type && !(DlopenLib_Type = (PyTypeObject *)PyType_FromSpec(&spec))) return -1;
    return add_rtld_constants(PyModule_GetDict(module));
}

}  // namespace ffigen_rt
