/* runtime_bench_ext.c: the hand-written baseline for runtime_bench.py.
 * A METH_FASTCALL extension doing the same work as the benchmarked C
 * functions, with the cheapest conversions CPython offers: the floor any
 * binding runtime is compared against. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static int nothing_c(void) { return 7; }
static int add_c(int a, int b) { return a + b; }
static double half_c(double x) { return x / 2; }

static PyObject *nothing(PyObject *self, PyObject *const *args, Py_ssize_t n) {
    (void)self; (void)args; (void)n;
    return PyLong_FromLong(nothing_c());
}

static PyObject *add(PyObject *self, PyObject *const *args, Py_ssize_t n) {
    (void)self;
    if (n != 2) return PyErr_Format(PyExc_TypeError, "add() takes 2 arguments");
    long a = PyLong_AsLong(args[0]), b = PyLong_AsLong(args[1]);
    if ((a == -1 || b == -1) && PyErr_Occurred()) return NULL;
    return PyLong_FromLong(add_c((int)a, (int)b));
}

static PyObject *half(PyObject *self, PyObject *const *args, Py_ssize_t n) {
    (void)self;
    if (n != 1) return PyErr_Format(PyExc_TypeError, "half() takes 1 argument");
    double x = PyFloat_AsDouble(args[0]);
    if (x == -1.0 && PyErr_Occurred()) return NULL;
    return PyFloat_FromDouble(half_c(x));
}

static PyObject *slen(PyObject *self, PyObject *const *args, Py_ssize_t n) {
    (void)self;
    if (n != 1 || !PyBytes_Check(args[0])) return PyErr_Format(PyExc_TypeError, "slen() takes bytes");
    return PyLong_FromSize_t(strlen(PyBytes_AS_STRING(args[0])));
}

static PyMethodDef methods[] = {
    {"nothing", (PyCFunction)(void (*)(void))nothing, METH_FASTCALL, NULL},
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, NULL},
    {"half", (PyCFunction)(void (*)(void))half, METH_FASTCALL, NULL},
    {"slen", (PyCFunction)(void (*)(void))slen, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "runtime_bench_ext", NULL, -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_runtime_bench_ext(void) { return PyModule_Create(&module); }
