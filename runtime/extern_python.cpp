// extern_python.cpp: extern "Python" functions, i.e. C stubs in a generated
// module whose body is a call into Python.
//
// Each stub has a static struct _ffigen_externpy (in the module's lib
// table under opcode EXTERN_PYTHON). `@ffi.def_extern()` attaches a Python
// function to it: reserved1 then holds a strong reference to a call-target
// tuple (see callback.cpp), replaced (and the old one released) by a later
// def_extern of the same name; it lives as long as the process, like the
// module. The stub stores each argument in an 8-byte slot of a buffer (a
// pointer to the value for structs and long double), calls
// _FFIGEN_EXPORT_CALL_PYTHON (call_python here) and reads the result back
// from the start of that buffer.
#include "runtime.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ffigen_rt {

namespace {

// Passes by pointer in the stub's slots (see the layout above).
bool passed_by_pointer(CType *t) { return ctype_is_struct(t) || t->kind == Kind::LongDouble; }

// The decorator returned by ffi.def_extern(): bound is (ffi, name or None,
// error, onerror).
PyObject *attach(PyObject *bound, PyObject *fn) {
    FFIObject *ffi = (FFIObject *)PyTuple_GET_ITEM(bound, 0);
    PyObject *name = PyTuple_GET_ITEM(bound, 1);
    PyObject *owned_name = name == Py_None ? PyObject_GetAttrString(fn, "__name__") : Py_NewRef(name);
    if (!owned_name) return nullptr;
    const char *text = PyUnicode_Check(owned_name) ? PyUnicode_AsUTF8(owned_name) : nullptr;
    if (!text) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "def_extern(): the name must be a str");
        Py_DECREF(owned_name);
        return nullptr;
    }
    const _ffigen_type_context *tables = ffi->ctx->tables;
    int i = find_global(tables, text);
    if (i < 0 || _FFIGEN_OP_CODE(tables->globals[i].type_op) != _FFIGEN_OP_EXTERN_PYTHON) {
        PyErr_Format(FFIError, "ffi.def_extern('%s'): no 'extern \"Python\"' function with this name", text);
        Py_DECREF(owned_name);
        return nullptr;
    }
    Py_DECREF(owned_name);
    CType *ct = realize_index(ffi->ctx, (int)_FFIGEN_OP_ARG(tables->globals[i].type_op));
    if (!ct) return nullptr;
    PyObject *target = call_target(ct, fn, PyTuple_GET_ITEM(bound, 2), PyTuple_GET_ITEM(bound, 3));
    if (!target) return nullptr;
    _ffigen_externpy *ext = (_ffigen_externpy *)tables->globals[i].address;
    PyObject *old = (PyObject *)ext->reserved1;
    ext->reserved1 = target;
    Py_XDECREF(old);
    return Py_NewRef(fn);
}

PyMethodDef attach_def = {"def_extern_decorator", attach, METH_O, nullptr};

}  // namespace

// ffi.def_extern(name=None, error=None, onerror=None): a decorator.
PyObject *ffi_def_extern(PyObject *self, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"name", "error", "onerror", nullptr};
    PyObject *name = Py_None, *error = Py_None, *onerror = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OOO:def_extern", (char **)kwlist, &name, &error, &onerror))
        return nullptr;
    PyObject *bound = PyTuple_Pack(4, self, name, error, onerror);
    PyObject *r = bound ? PyCFunction_New(&attach_def, bound) : nullptr;
    Py_XDECREF(bound);
    return r;
}

// _FFIGEN_EXPORT_CALL_PYTHON: called by the C stubs, from any thread.
void call_python(_ffigen_externpy *ext, char *args) {
    int c_errno = errno;
    GilState gil = foreign_gil_ensure();
    PyObject *target = (PyObject *)ext->reserved1;
    if (!target) {  // one line on stderr, not a traceback; CFFI's suite asserts these words
        std::fprintf(stderr, "extern \"Python\": function %s() called, but no code was attached to it yet with "
                     "@ffi.def_extern().  Returning 0.\n", ext->name);
        std::fflush(stderr);
        std::memset(args, 0, ext->size_of_result < 8 ? 8 : ext->size_of_result);
    } else {
        CType *fn = (CType *)PyTuple_GET_ITEM(target, 0);
        Py_ssize_t nargs = PyTuple_GET_SIZE(fn->args);
        void *small[8];
        void **slots = nargs <= 8 ? small : (void **)PyMem_Malloc(nargs * sizeof(void *));
        if (!slots) {
            PyErr_NoMemory();
            PyErr_WriteUnraisable(nullptr);
            std::memset(args, 0, ext->size_of_result < 8 ? 8 : ext->size_of_result);
        } else {
            for (Py_ssize_t i = 0; i < nargs; i++) {
                char *slot = args + 8 * i;
                slots[i] = passed_by_pointer((CType *)PyTuple_GET_ITEM(fn->args, i)) ? *(void **)slot : slot;
            }
            errno = c_errno;
            invoke_python(target, slots, args);  // takes the GIL again (nests), restores errno
            c_errno = errno;
            if (slots != small) PyMem_Free(slots);
        }
    }
    foreign_gil_release(gil);
    errno = c_errno;
}

}  // namespace ffigen_rt
