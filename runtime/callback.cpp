// callback.cpp: C calling into Python: ffi.callback and the shared core
// that extern "Python" stubs also use (see extern_python.cpp).
//
// A call target is a tuple (function ctype, callable, error bytes, onerror):
// `error bytes` is the C value returned when the callable raises (the
// `error` argument converted once to the result type; zeros by default),
// `onerror` is None or a callable(exc_type, exc_value, traceback) whose
// non-None result replaces the error value.
//
// ffi.callback(ctype, callable) returns a Callback, a cdata subclass whose
// `data` is the executable address of a libffi closure. The Callback owns
// the closure (ffi_closure_free in dealloc) and holds the target tuple, so
// the callable lives as long as the cdata: C code must not call the
// pointer after the cdata is gone (as with CFFI). Derived cdata (casts) do
// not keep it alive.
//
// Calls may come from any thread, including threads Python did not create:
// the handlers take the GIL (foreign_gil_ensure, which keeps a C thread's
// Python thread state across calls) and release it before returning. errno is saved on entry (ffi.errno reads it inside the
// callback) and restored on exit.
#include "runtime.hpp"

#include <cerrno>
#include <cstring>

namespace ffigen_rt {

PyTypeObject *Callback_Type;

namespace {

struct Callback {
    CData base;
    ffi_closure *closure;
    PyObject *target;  // the call-target tuple (strong)
};

// C value `error` of the result type, as bytes (at least 8 of them).
PyObject *error_bytes(CType *result, PyObject *error) {
    Py_ssize_t size = result->size > 8 ? result->size : 8;
    static PyObject *zeros = PyBytes_FromStringAndSize(nullptr, 64);  // process-wide; filled below
    static bool zeroed = zeros && (std::memset(PyBytes_AS_STRING(zeros), 0, 64), true);
    if (error == Py_None && size <= 64 && zeroed) return Py_NewRef(zeros);
    PyObject *b = PyBytes_FromStringAndSize(nullptr, size);
    if (!b) return nullptr;
    std::memset(PyBytes_AS_STRING(b), 0, size);
    if (error == Py_None) return b;
    if (result->kind == Kind::Void) {
        PyErr_SetString(PyExc_TypeError, "a callback returning void cannot have an error value");
        Py_DECREF(b);
        return nullptr;
    }
    if (from_python(PyBytes_AS_STRING(b), result, error) < 0) Py_CLEAR(b);
    return b;
}

// Hands the pending exception to sys.unraisablehook, whose message reads
// "Exception ignored <text>".
void write_unraisable(const char *text) {
#if PY_VERSION_HEX >= 0x030D0000
    PyErr_FormatUnraisable("Exception ignored %s", text);
#else
    _PyErr_WriteUnraisableMsg(text, nullptr);
#endif
}

// Reports the pending exception of a failed call to `callable` the way
// CFFI does ("Exception ignored from cffi callback <repr>").
// `converting`: the callable returned, but its result does not fit the C type.
void report_unraisable(PyObject *callable, bool converting) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyObject *text = PyUnicode_FromFormat("from cffi callback %R%s", callable,
                                          converting ? ", trying to convert the result back to C" : "");
    const char *msg = text ? PyUnicode_AsUTF8(text) : nullptr;
    if (!msg) PyErr_Clear();
    PyErr_Restore(type, value, tb);
    write_unraisable(msg ? msg : "from cffi callback");
    Py_XDECREF(text);
}

// Runs onerror on the pending exception; true when it provided the result.
// When onerror itself fails (it raises, or returns what the result type
// cannot take), both exceptions are reported, as CFFI does: the callback's
// first, then onerror's "during handling of the above exception".
bool run_onerror(PyObject *onerror, PyObject *callable, bool converting, CType *rt, char *result) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *r = PyObject_CallFunctionObjArgs(onerror, type ? type : Py_None, value ? value : Py_None,
                                               tb ? tb : Py_None, nullptr);
    bool wants_result = r && r != Py_None && rt->kind != Kind::Void;
    bool provided = wants_result && from_python(result, rt, r) == 0;
    if (!r || (wants_result && !provided)) {
        PyObject *type2, *value2, *tb2;
        PyErr_Fetch(&type2, &value2, &tb2);
        PyErr_Restore(type, value, tb);
        report_unraisable(callable, converting);
        PyErr_Restore(type2, value2, tb2);
        write_unraisable("during handling of the above exception by 'onerror'");
    } else {
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
    }
    Py_XDECREF(r);
    return provided;
}

PyObject *argument_object(CType *t, void *slot) {
    if (ctype_is_struct(t)) {
        CData *cd = cdata_new_owning(t, t->size, -1);
        if (cd) std::memcpy(cd->data, slot, t->size);
        return (PyObject *)cd;
    }
    return to_python((char *)slot, t, nullptr);
}

// Widens a small integer result in place to a full ffi_arg (libffi wants
// closures to return integer types narrower than a register that way).
void widen_result(CType *rt, void *ret) {
    if (!(ctype_is_integer(rt) || rt->kind == Kind::Char || rt->kind == Kind::WChar)
        || rt->size >= (Py_ssize_t)sizeof(ffi_arg))
        return;
    bool is_signed = rt->kind == Kind::SignedInt || (rt->kind == Kind::Enum && rt->item->kind == Kind::SignedInt);
    int64_t v = 0;
    switch (rt->size) {
    case 1: v = is_signed ? (int64_t) * (int8_t *)ret : (int64_t) * (uint8_t *)ret; break;
    case 2: v = is_signed ? (int64_t) * (int16_t *)ret : (int64_t) * (uint16_t *)ret; break;
    case 4: v = is_signed ? (int64_t) * (int32_t *)ret : (int64_t) * (uint32_t *)ret; break;
    }
    ffi_arg wide = (ffi_arg)v;
    std::memcpy(ret, &wide, sizeof wide);
}

void closure_handler(ffi_cif *, void *ret, void **args, void *userdata) {
    Callback *cb = (Callback *)userdata;
    invoke_python(cb->target, args, (char *)ret);
    widen_result(((CType *)PyTuple_GET_ITEM(cb->target, 0))->item, ret);
}

void callback_dealloc(PyObject *self) {
    Callback *cb = (Callback *)self;
    PyObject_GC_UnTrack(self);
    if (cb->closure) ffi_closure_free(cb->closure);
    Py_CLEAR(cb->target);
    CData_Type->tp_dealloc(self);
}

PyObject *callback_repr(PyObject *self) {
    Callback *cb = (Callback *)self;
    return PyUnicode_FromFormat("<cdata '%U' calling %R>", cb->base.ctype->name, PyTuple_GET_ITEM(cb->target, 1));
}

// GC: the callable may refer back to the callback (self._cb = ffi.callback(..., self.m)).
// No tp_clear: C may still call the closure, so the target stays until dealloc;
// the other objects of such a cycle (dicts, functions) break it.
int callback_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((Callback *)self)->target);
    return 0;
}

PyType_Slot callback_slots[] = {
    {Py_tp_dealloc, (void *)callback_dealloc},
    {Py_tp_traverse, (void *)callback_traverse},
    {Py_tp_repr, (void *)callback_repr},
    {0, nullptr},
};

// NotImplementedError in CFFI's words (its suite asserts them) for a
// signature libffi cannot call back through.
PyObject *unsupported_callback(CType *fn) {
    PyErr_Format(PyExc_NotImplementedError, "%U: callback with unsupported argument or return type or with '...'",
                 fn->name);
    return nullptr;
}

// The checks run here, when the callback is made (in the decorator form:
// when it decorates), as in CFFI.
PyObject *make_callback(CType *fn, PyObject *callable, PyObject *error, PyObject *onerror) {
    if (fn->kind != Kind::Function) {
        PyErr_Format(PyExc_TypeError, "expected a function ctype, got '%U'", fn->name);
        return nullptr;
    }
    PyObject *target = call_target(fn, callable, error, onerror);
    if (target && fn->ellipsis) {
        Py_DECREF(target);
        return unsupported_callback(fn);
    }
    ffi_cif *cif = target ? function_cif(fn) : nullptr;
    if (!cif) {
        Py_XDECREF(target);
        if (PyErr_ExceptionMatches(PyExc_NotImplementedError)) {
            PyErr_Clear();
            unsupported_callback(fn);
        }
        return nullptr;
    }
    Callback *cb = PyObject_GC_New(Callback, Callback_Type);
    if (!cb) {
        Py_DECREF(target);
        return nullptr;
    }
    CData *cd = &cb->base;
    cdata_init_fields(cd, fn, nullptr, 0);
    cb->target = target;
    void *code = nullptr;
    cb->closure = (ffi_closure *)ffi_closure_alloc(sizeof(ffi_closure), &code);
    if (!cb->closure || ffi_prep_closure_loc(cb->closure, cif, closure_handler, cb, code) != FFI_OK) {
        Py_DECREF(cb);
        PyErr_SetString(PyExc_MemoryError, "libffi could not create a closure for the callback");
        return nullptr;
    }
    cd->data = (char *)code;
    PyObject_GC_Track(cb);
    return (PyObject *)cb;
}

// The ctype of ffi.callback's cdecl, which may also spell a function type
// ("int(int)", which ffi.typeof refuses): strings are cached in
// function_types, {ffi: {str: ctype}}, kept until exit like the modules.
PyObject *function_types;

CType *callback_type(FFIObject *ffi, PyObject *cdecl) {
    if (!PyUnicode_Check(cdecl)) return ffi_resolve_type(ffi, cdecl);
    if (!function_types && !(function_types = PyDict_New())) return nullptr;
    PyObject *per_ffi = PyDict_GetItemWithError(function_types, (PyObject *)ffi);
    if (!per_ffi) {
        if (PyErr_Occurred() || !(per_ffi = PyDict_New())) return nullptr;
        int bad = PyDict_SetItem(function_types, (PyObject *)ffi, per_ffi);
        Py_DECREF(per_ffi);  // the outer dict holds it
        if (bad < 0) return nullptr;
    }
    CType *t = (CType *)Py_XNewRef(PyDict_GetItemWithError(per_ffi, cdecl));
    if (!t && !PyErr_Occurred()) {
        const char *text = PyUnicode_AsUTF8(cdecl);
        t = text ? parse_type_string(ffi->ctx, text, true) : nullptr;
        if (t && PyDict_SetItem(per_ffi, cdecl, (PyObject *)t) < 0) Py_CLEAR(t);
    }
    return t;
}

// The decorator form: ffi.callback(ctype, error=..., onerror=...)(f).
PyObject *callback_decorator(PyObject *bound, PyObject *callable) {
    return make_callback((CType *)PyTuple_GET_ITEM(bound, 0), callable, PyTuple_GET_ITEM(bound, 1),
                         PyTuple_GET_ITEM(bound, 2));
}

PyMethodDef decorator_def = {"callback_decorator", callback_decorator, METH_O, nullptr};

}  // namespace

void cdata_init_fields(CData *cd, CType *ct, char *data, int flags) {
    cd->ctype = (CType *)Py_NewRef(ct);
    cd->data = data;
    cd->owner = nullptr;
    cd->length = -1;
    cd->alloc_size = 0;
    cd->flags = flags;
    cd->exports = 0;
    cd->weakrefs = nullptr;
}

PyObject *call_target(CType *fn, PyObject *callable, PyObject *error, PyObject *onerror) {
    if (!PyCallable_Check(callable)) {
        PyErr_Format(PyExc_TypeError, "expected a callable object, not %.200s", Py_TYPE(callable)->tp_name);
        return nullptr;
    }
    if (onerror != Py_None && !PyCallable_Check(onerror)) {
        PyErr_Format(PyExc_TypeError, "expected a callable object for 'onerror', not %.200s", Py_TYPE(onerror)->tp_name);
        return nullptr;
    }
    PyObject *err = error_bytes(fn->item, error);
    if (!err) return nullptr;
    PyObject *t = PyTuple_Pack(4, (PyObject *)fn, callable, err, onerror);
    Py_DECREF(err);
    return t;
}

void invoke_python(PyObject *target, void **args, char *result) {
    int c_errno = errno;
    GilState gil = foreign_gil_ensure();
    call_state.saved_errno = c_errno;
    Py_INCREF(target);  // a def_extern replacing it mid-call must not free it
    CType *fn = (CType *)PyTuple_GET_ITEM(target, 0);
    PyObject *callable = PyTuple_GET_ITEM(target, 1);
    CType *rt = fn->item;
    Py_ssize_t nargs = PyTuple_GET_SIZE(fn->args);
    PyObject *small[8];
    PyObject **argv = nargs <= 8 ? small : (PyObject **)PyMem_Malloc(nargs * sizeof(PyObject *));
    Py_ssize_t built = 0;
    for (; argv && built < nargs; built++)
        if (!(argv[built] = argument_object((CType *)PyTuple_GET_ITEM(fn->args, built), args[built]))) break;
    PyObject *r = !argv ? PyErr_NoMemory() : built == nargs ? PyObject_Vectorcall(callable, argv, nargs, nullptr) : nullptr;
    for (Py_ssize_t i = 0; argv && i < built; i++) Py_DECREF(argv[i]);
    if (argv != small) PyMem_Free(argv);
    bool ok = r != nullptr, converting = ok;
    if (ok && ctype_is_struct(rt)) std::memset(result, 0, rt->size);  // for fields a list/dict result leaves out
    if (ok && rt->kind != Kind::Void) ok = from_python(result, rt, r) == 0;
    else if (ok && r != Py_None) {
        PyErr_SetString(PyExc_TypeError, "callback with the return type 'void' must return None");  // CFFI's suite asserts the words
        ok = false;
    }
    Py_XDECREF(r);
    if (!ok) {
        PyObject *onerror = PyTuple_GET_ITEM(target, 3);
        bool provided = onerror != Py_None && run_onerror(onerror, callable, converting, rt, result);
        if (onerror == Py_None) report_unraisable(callable, converting);
        if (!provided && rt->kind != Kind::Void)
            std::memcpy(result, PyBytes_AS_STRING(PyTuple_GET_ITEM(target, 2)), rt->size);
    }
    Py_DECREF(target);
    c_errno = call_state.saved_errno;
    foreign_gil_release(gil);
    errno = c_errno;
}

// ffi.callback(cdecl, python_callable=None, error=None, onerror=None)
PyObject *ffi_callback(PyObject *self, PyObject *args, PyObject *kwargs) {
    static const char *kwlist[] = {"cdecl", "python_callable", "error", "onerror", nullptr};
    PyObject *cdecl, *callable = Py_None, *error = Py_None, *onerror = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|OOO:callback", (char **)kwlist, &cdecl, &callable, &error,
                                     &onerror))
        return nullptr;
    CType *fn = callback_type((FFIObject *)self, cdecl);
    if (!fn) return nullptr;
    PyObject *r = nullptr;
    if (callable != Py_None) {
        r = make_callback(fn, callable, error, onerror);
    } else {
        PyObject *bound = PyTuple_Pack(3, (PyObject *)fn, error, onerror);
        if (bound) r = PyCFunction_New(&decorator_def, bound);
        Py_XDECREF(bound);
    }
    Py_DECREF(fn);
    return r;
}

int callback_init_types(PyObject *) {
    static PyType_Spec spec = {"_ffigen_runtime.__CDataCallback", sizeof(Callback), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC
                               | Py_TPFLAGS_DISALLOW_INSTANTIATION, callback_slots};
    if (!Callback_Type) Callback_Type = (PyTypeObject *)PyType_FromSpecWithBases(&spec, (PyObject *)CData_Type);
    return Callback_Type ? 0 : -1;
}

}  // namespace ffigen_rt
