// errors.cpp: the runtime's exception type and the wording of its errors.
//
// `ffi.error` (FFIError) is one process-wide exception class created when
// the runtime is imported and kept until exit. Every error message follows
// one rule: say what was expected and what was received, e.g.
// "initializer for ctype 'int *' must be a cdata pointer, not str".
#include "runtime.hpp"

namespace ffigen_rt {

PyObject *FFIError;

int errors_init(PyObject *module) {
    if (!FFIError) {
        FFIError = PyErr_NewExceptionWithDoc("ffi.error",  // named as CFFI names it
                                             "Errors of the ffi object (ffi.error).", nullptr, nullptr);
        if (!FFIError) return -1;
    }
    return PyModule_AddObjectRef(module, "error", FFIError);
}

PyObject *type_error_expected(CType *ct, const char *expected, PyObject *got) {
    if (is_cdata(got)) {
        PyErr_Format(PyExc_TypeError, "initializer for ctype '%U' must be %s, not cdata '%U'",
                     ct->name, expected, ((CData *)got)->ctype->name);
    } else {
        PyErr_Format(PyExc_TypeError, "initializer for ctype '%U' must be %s, not %.200s",
                     ct->name, expected, Py_TYPE(got)->tp_name);
    }
    return nullptr;
}

CData *cdata_arg(PyObject *obj, const char *function) {
    if (is_cdata(obj)) return (CData *)obj;
    PyErr_Format(PyExc_TypeError, "%s() expects a cdata, not %.200s", function, Py_TYPE(obj)->tp_name);
    return nullptr;
}

}  // namespace ffigen_rt
