// module.cpp: the runtime module itself (_ffigen_runtime, or _cffi_backend
// in the drop-in build: the same code, FFIGEN_RUNTIME_MODULE names it).
//
// Importing it creates the process-wide heap types, the primitive ctypes
// and ffi.error, which live until exit. Its one entry point for generated
// modules, _init_cffi_1_0_external_module (or _init_ffigen_module, the same
// with the ffigen extension of ffigen_abi.h), checks the module's ABI version,
// fills its exports table, realizes its type tables and returns a new
// module object holding `ffi` and `lib` (also registered as
// sys.modules["<name>.lib"], so `from _foo.lib import f` works). The
// returned module owns ffi and lib; nothing else is kept per module except
// the realized ctypes (see realize.cpp). A module that includes others
// imports them first (include.cpp).
#include "runtime.hpp"

#include <cstddef>
#include <cstdio>

#ifndef FFIGEN_RUNTIME_MODULE
#define FFIGEN_RUNTIME_MODULE _ffigen_runtime
#endif
#define FFIGEN_STR2(x) #x
#define FFIGEN_STR(x) FFIGEN_STR2(x)
#define FFIGEN_CAT2(a, b) a##b
#define FFIGEN_CAT(a, b) FFIGEN_CAT2(a, b)

namespace ffigen_rt {

namespace {

// Takes ctx and included_libs (may be NULL).
PyObject *make_module(const char *name, TypeContext *ctx, PyObject *included_libs) {
    PyObject *module_name = PyUnicode_FromString(name);
    if (!module_name) {
        context_free(ctx);
        Py_XDECREF(included_libs);
        return nullptr;
    }
    FFIObject *ffi = ffi_create(module_name, ctx);
    if (!ffi) context_free(ctx);
    LibObject *lib = ffi ? lib_create(ffi, included_libs) : nullptr;
    if (!ffi) Py_XDECREF(included_libs);
    // CPython accepts from PyInit only modules made from a PyModuleDef; the
    // def must outlive the module, which is never unloaded: it is leaked.
    PyModuleDef *def = lib ? (PyModuleDef *)PyMem_Calloc(1, sizeof(PyModuleDef)) : nullptr;
    if (def) {
        PyModuleDef init = {PyModuleDef_HEAD_INIT, name, nullptr, -1, nullptr, nullptr, nullptr, nullptr, nullptr};
        *def = init;
    }
    PyObject *module = def ? PyModule_Create(def) : nullptr;
    PyObject *lib_name = module ? PyUnicode_FromFormat("%U.lib", module_name) : nullptr;
    bool ok = lib_name && PyModule_AddObjectRef(module, "ffi", (PyObject *)ffi) == 0
           && PyModule_AddObjectRef(module, "lib", (PyObject *)lib) == 0
           && PyDict_SetItem(PyImport_GetModuleDict(), lib_name, (PyObject *)lib) == 0;
    Py_XDECREF(lib_name);
    Py_XDECREF(lib);
    Py_XDECREF(ffi);
    Py_DECREF(module_name);
    if (!ok) Py_CLEAR(module);
    return module;
}

// The fastcall table of the ffigen extension (NULL: none), or `bad` when
// it does not match the module's globals.
void *const *fastcall_table(const _ffigen_module_ext *ext, const _ffigen_type_context *tables, bool *bad) {
    *bad = false;
    if (!ext || ext->size < (int)(offsetof(_ffigen_module_ext, fastcall) + sizeof ext->fastcall)
        || ext->num_fastcall == 0)
        return nullptr;
    *bad = ext->num_fastcall != tables->num_globals || !ext->fastcall;
    return *bad ? nullptr : ext->fastcall;
}

// Where the module takes the thread's call state inline, if it asks.
void fill_fast(const _ffigen_module_ext *ext) {
    if (ext && ext->size >= (int)(offsetof(_ffigen_module_ext, fast) + sizeof ext->fast) && ext->fast)
        fill_fast_calls(ext->fast);
}

// Both entry points: `raw` holds the words ffigen_abi.h describes; ext is
// NULL for the stock protocol.
PyObject *init_module(PyObject *arg, bool has_ext) {
    void **raw = (void **)PyLong_AsVoidPtr(arg);
    if (!raw) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "expected the address of a module's init words, got 0");
        return nullptr;
    }
    const char *name = (const char *)raw[0];
    Py_ssize_t version = (Py_ssize_t)raw[1];
    void **exports = (void **)raw[2];
    const _ffigen_type_context *tables = (const _ffigen_type_context *)raw[3];
    if (version < _FFIGEN_ABI_VERSION_MIN || version > _FFIGEN_ABI_VERSION_MAX) {
        char text[64];
        std::snprintf(text, sizeof text, "0x%zx", (size_t)version);
        PyErr_Format(PyExc_ImportError,
                     "module '%s' uses table ABI version %s, but this runtime (" FFIGEN_STR(FFIGEN_RUNTIME_MODULE)
                     ") supports versions %s to %s only",
                     name, text, FFIGEN_STR(_FFIGEN_ABI_VERSION_MIN), FFIGEN_STR(_FFIGEN_ABI_VERSION_MAX));
        return nullptr;
    }
    bool bad = false;
    void *const *fastcall = has_ext ? fastcall_table((const _ffigen_module_ext *)raw[4], tables, &bad) : nullptr;
    if (bad) {
        PyErr_Format(PyExc_ImportError, "module '%s': its fastcall table does not match its %d globals", name,
                     tables->num_globals);
        return nullptr;
    }
    fill_exports(exports, (int)version, tables->flags);
    if (has_ext) fill_fast((const _ffigen_module_ext *)raw[4]);
    Includes includes;
    if (import_includes(name, tables->includes, &includes) < 0) return nullptr;
    TypeContext *ctx = realize_context(tables, includes.ffis);
    if (!ctx) {
        Py_XDECREF(includes.libs);
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_Format(PyExc_ImportError, "module '%s': its type tables are invalid: %S", name, value ? value : Py_None);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        return nullptr;
    }
    ctx->fastcall = fastcall;
    return make_module(name, ctx, includes.libs);
}

// _init_cffi_1_0_external_module(address): the four words of ffigen_abi.h.
PyObject *init_external_module(PyObject *, PyObject *arg) { return init_module(arg, false); }

// _init_ffigen_module(address): the five words of the ffigen extension.
PyObject *init_ffigen_module(PyObject *, PyObject *arg) { return init_module(arg, true); }

// get_errno()/set_errno(v): the errno of ffi.errno, reachable without an
// ffi as in _cffi_backend (whose pure-Python cffi.FFI().errno calls them).
PyObject *module_get_errno(PyObject *, PyObject *) { return PyLong_FromLong(call_state.saved_errno); }
PyObject *module_set_errno(PyObject *, PyObject *value) { return store_errno(value) < 0 ? nullptr : Py_NewRef(Py_None); }

PyMethodDef module_methods[] = {
    {"get_errno", module_get_errno, METH_NOARGS, "get_errno(): the errno saved after this thread's last C call"},
    {"set_errno", module_set_errno, METH_O, "set_errno(v): the errno this thread's next C call starts with"},
    {_FFIGEN_INIT_FUNCTION, init_external_module, METH_O,
     "Called by a generated module's PyInit: builds its ffi and lib."},
    {_FFIGEN_INIT_EXT_FUNCTION, init_ffigen_module, METH_O,
     "Called by the PyInit of a module generated by ffigen: builds its ffi and lib, "
     "with METH_FASTCALL functions."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, FFIGEN_STR(FFIGEN_RUNTIME_MODULE),
    "ffigen's runtime: the ffi and lib objects of generated CFFI-style modules.", -1, module_methods,
    nullptr, nullptr, nullptr, nullptr,
};

}  // namespace

}  // namespace ffigen_rt

PyMODINIT_FUNC FFIGEN_CAT(PyInit_, FFIGEN_RUNTIME_MODULE)(void) {
    using namespace ffigen_rt;
    PyObject *m = PyModule_Create(&module_def);
    if (!m) return nullptr;
    if (errors_init(m) < 0 || ctype_init_types(m) < 0 || cdata_init_types(m) < 0 || lib_init_types(m) < 0
        || ffi_init_types(m) < 0 || buffer_init_types(m) < 0
        || callback_init_types(m) < 0 || gc_init_types(m) < 0 || from_buffer_init_types(m) < 0
        || handle_init_types(m) < 0 || cfield_init_types(m) < 0 || dlopen_init_types(m) < 0
        || PyModule_AddStringConstant(m, "__version__", "1.15.1") < 0
        || PyModule_AddIntConstant(m, "ABI_VERSION_MIN", _FFIGEN_ABI_VERSION_MIN) < 0
        || PyModule_AddIntConstant(m, "ABI_VERSION_MAX", _FFIGEN_ABI_VERSION_MAX) < 0) {
        Py_DECREF(m);
        return nullptr;
    }
    cdata_seal_base();
    return m;
}
