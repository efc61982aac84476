// fastcall_args.cpp: keyword arguments of METH_FASTCALL methods.
//
// Hot methods (ffi.new, ffi.from_buffer) take METH_FASTCALL | METH_KEYWORDS
// and read plain positional calls directly; the rare call with keywords
// comes here and is parsed as PyArg_ParseTupleAndKeywords would, so that
// both spell the same signature and errors as CFFI's.
#include "runtime.hpp"

#include <cstdarg>

namespace ffigen_rt {

bool parse_fastcall_keywords(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, const char *format,
                             const char *const *kwlist, ...) {
    PyObject *tuple = PyTuple_New(nargs), *kw = kwnames ? PyDict_New() : nullptr;
    for (Py_ssize_t i = 0; tuple && i < nargs; i++) PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    for (Py_ssize_t i = 0; kw && i < PyTuple_GET_SIZE(kwnames); i++)
        if (PyDict_SetItem(kw, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) Py_CLEAR(kw);
    va_list va;
    va_start(va, kwlist);
    bool ok = tuple && (kw || !kwnames) && PyArg_VaParseTupleAndKeywords(tuple, kw, format, (char **)kwlist, va);
    va_end(va);
    Py_XDECREF(tuple);
    Py_XDECREF(kw);
    return ok;
}

}  // namespace ffigen_rt
