// include.cpp: ffi.include() at run time.
//
// A module whose cdef included another's (CFFI's ffi.include(), ffigen
// --include) names the included modules in its type context's `includes`.
// At init they are imported by name, as CFFI does, and their `ffi` and
// `lib` kept: a struct the tables flag _FFIGEN_F_EXTERNAL is the very ctype
// of the included module that declares it (so cdata pass freely between
// the two modules), and lib attribute lookup falls back to the included
// libs (lib_obj.cpp). Included modules must run on this same runtime: their
// ctypes and libs are objects of this runtime's types.
#include "runtime.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace ffigen_rt {

namespace {

// The modules whose init is importing their includes right now, innermost
// last (GIL-protected): an include of one of them is a cycle, which would
// otherwise re-enter the same PyInit until the stack overflows.
std::vector<std::string> initializing;

std::string cycle_text(const char *again) {
    std::string text;
    for (auto it = std::find(initializing.begin(), initializing.end(), std::string(again));
         it != initializing.end(); ++it)
        text += "'" + *it + "' -> ";
    return text + "'" + again + "'";
}

// Replaces the pending exception with an ImportError saying which include
// failed and why (the original is kept as its __cause__).
void include_failed(const char *module, const char *included) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyErr_Format(PyExc_ImportError, "module '%s' includes module '%s' (ffi.include()), which failed to import: %S",
                 module, included, value ? value : Py_None);
    if (value) {
        PyObject *t2, *v2, *tb2;
        PyErr_Fetch(&t2, &v2, &tb2);
        PyErr_NormalizeException(&t2, &v2, &tb2);
        PyException_SetCause(v2, Py_NewRef(value));
        PyErr_Restore(t2, v2, tb2);
    }
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

// Imports one included module; appends its ffi and lib (new references).
int import_one(const char *module, const char *included, PyObject *ffis, PyObject *libs) {
    if (std::find(initializing.begin(), initializing.end(), std::string(included)) != initializing.end()) {
        PyErr_Format(PyExc_ImportError, "module '%s' includes module '%s': circular ffi.include() (%s)", module,
                     included, cycle_text(included).c_str());
        return -1;
    }
    PyObject *m = PyImport_ImportModule(included);
    if (!m) {
        include_failed(module, included);
        return -1;
    }
    PyObject *ffi = PyObject_GetAttrString(m, "ffi");
    PyObject *lib = ffi ? PyObject_GetAttrString(m, "lib") : nullptr;
    Py_DECREF(m);
    int rc = -1;
    if (!lib) {
        include_failed(module, included);
    } else if (!Py_IS_TYPE(ffi, FFI_Type) || !Py_IS_TYPE(lib, Lib_Type)) {
        PyErr_Format(PyExc_ImportError,
                     "module '%s' includes module '%s', whose ffi (%s) was not built by this runtime; "
                     "build both modules for the same runtime", module, included, Py_TYPE(ffi)->tp_name);
    } else {
        rc = PyList_Append(ffis, ffi) < 0 || PyList_Append(libs, lib) < 0 ? -1 : 0;
    }
    Py_XDECREF(ffi);
    Py_XDECREF(lib);
    return rc;
}

// The struct/union row `s` of an includer names this row of `ctx`.
int same_struct_row(const _ffigen_type_context *t, const _ffigen_struct_union &s) {
    for (int i = 0; i < t->num_struct_unions; i++)
        if (std::strcmp(t->struct_unions[i].name, s.name) == 0
            && ((t->struct_unions[i].flags ^ s.flags) & _FFIGEN_F_UNION) == 0)
            return i;
    return -1;
}

}  // namespace

int import_includes(const char *module, const char *const *names, Includes *out) {
    *out = Includes{};
    if (!names || !names[0]) return 0;
    PyObject *ffis = PyList_New(0), *libs = PyList_New(0);
    int rc = ffis && libs ? 0 : -1;
    initializing.push_back(module);
    for (const char *const *name = names; rc == 0 && *name; name++) rc = import_one(module, *name, ffis, libs);
    initializing.pop_back();
    if (rc == 0) {
        out->ffis = PyList_AsTuple(ffis);
        out->libs = out->ffis ? PyList_AsTuple(libs) : nullptr;
        if (!out->libs) {
            Py_CLEAR(out->ffis);
            rc = -1;
        }
    }
    Py_XDECREF(ffis);
    Py_XDECREF(libs);
    return rc;
}

CType *external_struct(TypeContext *ctx, const _ffigen_struct_union &s) {
    for (TypeContext *inc : ctx->included) {
        int i = same_struct_row(inc->tables, s);
        if (i >= 0) return realize_struct(inc, i);
    }
    PyErr_Format(FFIError, "'%s %s' comes from an included module (ffi.include()), but none of the %zd included "
                 "modules declares it", (s.flags & _FFIGEN_F_UNION) ? "union" : "struct", s.name,
                 ctx->included.size());
    return nullptr;
}

}  // namespace ffigen_rt
