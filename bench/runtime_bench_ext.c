/* runtime_bench_ext.c: the hand-written baseline for runtime_bench.py.
 * METH_FASTCALL functions doing the same work as the benchmarked C
 * functions (calls/funcs.h) with the cheapest conversions CPython offers:
 * the floor any binding is compared against. Built twice: with
 * -DBENCH_RELEASE_GIL each C call runs with the GIL released, as CFFI's
 * calls do; without, the GIL is kept. A Point type holds a struct point,
 * the hand-written peer of a cdata `struct point *`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include "calls/funcs.h"

#ifndef BENCH_MODULE
#  define BENCH_MODULE runtime_bench_ext
#endif
#define STR2(x) #x
#define STR(x) STR2(x)
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

#ifdef BENCH_RELEASE_GIL
#  define C_CALL(r, expr) do { PyThreadState *ts_ = PyEval_SaveThread(); r = (expr); \
                               PyEval_RestoreThread(ts_); } while (0)
#else
#  define C_CALL(r, expr) (r = (expr))
#endif

typedef struct { PyObject_HEAD struct point v; } Point;

static PyMemberDef point_members[] = {
    {"x", T_INT, offsetof(Point, v.x), 0, NULL},
    {"y", T_INT, offsetof(Point, v.y), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject PointType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = STR(BENCH_MODULE) ".Point",
    .tp_basicsize = sizeof(Point),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_members = point_members,
    .tp_new = PyType_GenericNew,
};

static struct point *as_point(PyObject *o)
{
    if (!PyObject_TypeCheck(o, &PointType)) {
        PyErr_SetString(PyExc_TypeError, "expected a Point");
        return NULL;
    }
    return &((Point *)o)->v;
}

static PyObject *f_nothing(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    int r;
    (void)self; (void)args; (void)n;
    C_CALL(r, nothing());
    return PyLong_FromLong(r);
}

static PyObject *f_add(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    int r;
    (void)self;
    if (n != 2) return PyErr_Format(PyExc_TypeError, "add() takes 2 arguments");
    long a = PyLong_AsLong(args[0]), b = PyLong_AsLong(args[1]);
    if ((a == -1 || b == -1) && PyErr_Occurred()) return NULL;
    C_CALL(r, add((int)a, (int)b));
    return PyLong_FromLong(r);
}

static PyObject *f_half(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    double r;
    (void)self;
    if (n != 1) return PyErr_Format(PyExc_TypeError, "half() takes 1 argument");
    double x = PyFloat_AsDouble(args[0]);
    if (x == -1.0 && PyErr_Occurred()) return NULL;
    C_CALL(r, half(x));
    return PyFloat_FromDouble(r);
}

static PyObject *f_slen(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    size_t r;
    (void)self;
    if (n != 1 || !PyBytes_Check(args[0])) return PyErr_Format(PyExc_TypeError, "slen() takes bytes");
    C_CALL(r, slen(PyBytes_AS_STRING(args[0])));
    return PyLong_FromSize_t(r);
}

static PyObject *f_psum(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    int r;
    struct point *p;
    (void)self;
    if (n != 1) return PyErr_Format(PyExc_TypeError, "psum() takes 1 argument");
    if ((p = as_point(args[0])) == NULL) return NULL;
    C_CALL(r, psum(p));
    return PyLong_FromLong(r);
}

static PyObject *f_mix6(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    double r;
    struct point *p;
    (void)self;
    if (n != 6) return PyErr_Format(PyExc_TypeError, "mix6() takes 6 arguments");
    long a = PyLong_AsLong(args[0]);
    double b = PyFloat_AsDouble(args[1]);
    if ((p = as_point(args[2])) == NULL) return NULL;
    if (!PyBytes_Check(args[3])) return PyErr_Format(PyExc_TypeError, "mix6() takes bytes");
    long c = PyLong_AsLong(args[4]);
    double d = PyFloat_AsDouble(args[5]);
    if (PyErr_Occurred()) return NULL;
    C_CALL(r, mix6((int)a, b, p, PyBytes_AS_STRING(args[3]), c, d));
    return PyFloat_FromDouble(r);
}

static PyObject *f_mkpoint(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    struct point r;
    Point *o;
    (void)self;
    if (n != 2) return PyErr_Format(PyExc_TypeError, "mkpoint() takes 2 arguments");
    long x = PyLong_AsLong(args[0]), y = PyLong_AsLong(args[1]);
    if ((x == -1 || y == -1) && PyErr_Occurred()) return NULL;
    C_CALL(r, mkpoint((int)x, (int)y));
    if ((o = PyObject_New(Point, &PointType)) == NULL) return NULL;
    o->v = r;
    return (PyObject *)o;
}

/* The C side calls Python n times through PyObject_CallOneArg, holding the
 * GIL, converting the argument and the result as a binding must. */
static PyObject *g_callable;

static int call_python(int i)
{
    PyObject *arg = PyLong_FromLong(i), *res;
    long r = -1;
    if (arg == NULL) return -1;
    res = PyObject_CallOneArg(g_callable, arg);
    Py_DECREF(arg);
    if (res != NULL) {
        r = PyLong_AsLong(res);
        Py_DECREF(res);
    }
    return (int)r;
}

static PyObject *f_call_n(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    long long r;
    (void)self;
    if (n != 2) return PyErr_Format(PyExc_TypeError, "call_n() takes 2 arguments");
    long count = PyLong_AsLong(args[1]);
    if (count == -1 && PyErr_Occurred()) return NULL;
    g_callable = args[0];
    r = call_n(call_python, (int)count);
    if (PyErr_Occurred()) return NULL;
    return PyLong_FromLongLong(r);
}

#define FASTCALL(name) {#name, (PyCFunction)(void (*)(void))f_##name, METH_FASTCALL, NULL}
static PyMethodDef methods[] = {
    FASTCALL(nothing), FASTCALL(add), FASTCALL(half), FASTCALL(slen), FASTCALL(psum),
    FASTCALL(mix6), FASTCALL(mkpoint), FASTCALL(call_n),
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, STR(BENCH_MODULE), NULL, -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC CAT(PyInit_, BENCH_MODULE)(void)
{
    PyObject *m;
    if (PyType_Ready(&PointType) < 0 || (m = PyModule_Create(&module)) == NULL) return NULL;
    Py_INCREF(&PointType);
    if (PyModule_AddObject(m, "Point", (PyObject *)&PointType) < 0) return NULL;
    return m;
}
