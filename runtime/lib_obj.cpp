// lib_obj.cpp: the `lib` object of a generated module.
//
// `lib` exposes the module's globals table: functions, constants, enum
// values and global variables. Attributes are built lazily, on first
// access, by binary search in the sorted table; functions and constants are
// then cached in `dict` (owned by the lib), while global variables are read
// and written through their address on every access. `lib` owns a strong
// reference to its ffi (for the realized types); nothing refers back, but
// it is GC-tracked because `dict` holds arbitrary objects.
//
// A function is a builtin whose `self` is the lib (so Python names it
// "module.Lib.f" in its errors, as CFFI's) and whose PyMethodDef is the
// first member of a FuncInfo object, which also holds the function's ctype
// and the address of its direct C entry (for ffi.addressof and ffi.typeof);
// the lib's `funcs` list keeps each FuncInfo alive. The builtin calls the
// module's METH_FASTCALL wrapper when it has one (the ffigen extension),
// else its CPYTHON_BLTN_* wrapper.
#include "runtime.hpp"

#include <cstdio>
#include <cstring>

#include <string>
#include <string_view>

namespace ffigen_rt {

PyTypeObject *Lib_Type;

namespace {

PyTypeObject *FuncInfo_Type;

struct FuncInfo {
    PyObject_VAR_HEAD
    PyMethodDef def;  // the builtin's: lib_function_info finds the FuncInfo from it
    CType *fntype;    // strong; made when lib_function_info first asks (CFFI's lib makes none)
    void *direct;     // the C function itself
    int type_index;   // the function's entry in its lib's type table
    char doc[1];      // backs def.ml_doc (the object is allocated to its length)
};

// Not tracked by the collector: a FuncInfo refers to no container (its
// ctype is no GC object), and each tracked allocation brings the next
// collection closer (a big module makes thousands of these).
void funcinfo_dealloc(PyObject *self) {
    FuncInfo *f = (FuncInfo *)self;
    Py_CLEAR(f->fntype);
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

PyType_Slot funcinfo_slots[] = {
    {Py_tp_dealloc, (void *)funcinfo_dealloc},
    {0, nullptr},
};

LibObject *lib_of(PyObject *self) { return (LibObject *)self; }

const _ffigen_type_context *tables_of(LibObject *lib) { return lib->ffi->ctx->tables; }

// The lib whose globals hold `name` and its row there: this lib first, then
// each included lib in order, depth first (CFFI's lib falls back to the
// libs of ffi.include()). NULL when none has it.
LibObject *lib_holding(LibObject *lib, const char *name, int *index) {
    *index = find_global(tables_of(lib), name);
    if (*index >= 0) return lib;
    for (Py_ssize_t i = 0; lib->included_libs && i < PyTuple_GET_SIZE(lib->included_libs); i++)
        if (LibObject *found = lib_holding((LibObject *)PyTuple_GET_ITEM(lib->included_libs, i), name, index))
            return found;
    return nullptr;
}

PyObject *missing(LibObject *lib, PyObject *name) {
    PyErr_Format(PyExc_AttributeError, "lib of module '%U' has no function, constant or global variable named '%U'",
                 lib->module_name, name);
    return nullptr;
}

// "int add(int, int);\n\nCFFI C function from m.lib": the name and its
// parameters where the result type's declarator goes, after a space unless
// after a '*' (as CFFI writes it: "void *f()", no "void" for no arguments).
bool signature_doc(const Signature &sig, const char *name, const char *module, std::string &doc) {
    std::string_view result;
    Py_ssize_t at = declarator_offset(sig.result, &result);
    if (at < 0) return false;
    // Spelled as bytes in one buffer: thousands of these are made touching a big module's lib.
    doc.reserve(result.size() + std::strlen(name) + std::strlen(module) + 32 * sig.args.size() + 40);
    doc.append(result.substr(0, (size_t)at)).append(at > 0 && result[(size_t)at - 1] == '*' ? "" : " ").append(name);
    if (!spell_parameters(sig.args.data(), (Py_ssize_t)sig.args.size(), sig.variadic, doc)) return false;
    doc.append(result.substr((size_t)at)).append(";\n\nCFFI C function from ").append(module).append(".lib");
    return true;
}

// As CFFI's lib: the function's result and parameter types are realized,
// its function ctype is not (lib_function_info makes it when asked).
PyObject *make_function(LibObject *lib, const _ffigen_global &g) {
    int code = _FFIGEN_OP_CODE(g.type_op);
    int type_index = (int)_FFIGEN_OP_ARG(g.type_op);
    Signature sig;
    std::string doc;
    const char *module = PyUnicode_AsUTF8(lib->module_name);
    if (!module || realize_signature(lib->ffi->ctx, type_index, sig) < 0 || !signature_doc(sig, g.name, module, doc))
        return nullptr;
    FuncInfo *info = PyObject_NewVar(FuncInfo, FuncInfo_Type, (Py_ssize_t)doc.size() + 1);
    if (!info) return nullptr;
    std::memcpy(info->doc, doc.c_str(), doc.size() + 1);
    info->fntype = nullptr;
    info->direct = g.size_or_direct_fn;
    info->type_index = type_index;
    info->def.ml_name = g.name;  // static data of the generated module
    info->def.ml_meth = (PyCFunction)g.address;
    info->def.ml_flags = code == _FFIGEN_OP_CPYTHON_BLTN_N ? METH_NOARGS
                       : code == _FFIGEN_OP_CPYTHON_BLTN_O ? METH_O : METH_VARARGS;
    void *const *fastcall = lib->ffi->ctx->fastcall;
    void *fast = fastcall ? fastcall[&g - tables_of(lib)->globals] : nullptr;
    if (fast) {  // the ffigen extension: no tuple per call
        info->def.ml_meth = (PyCFunction)(void (*)(void))fast;
        info->def.ml_flags = METH_FASTCALL;
    }
    info->def.ml_doc = info->doc;
    int rc = PyList_Append(lib->funcs, (PyObject *)info);
    Py_DECREF(info);
    return rc < 0 ? nullptr : PyCFunction_NewEx(&info->def, (PyObject *)lib, lib->module_name);
}

PyObject *integer_constant(LibObject *lib, const _ffigen_global &g) {
    unsigned long long value = 0;
    int flags = read_int_constant(tables_of(lib), (int)(&g - tables_of(lib)->globals), &value);
    if (flags & 2) {  // CFFI's suite asserts these words: a positive value also in hex
        char said[64];
        if (flags & 1 || value == 0) std::snprintf(said, sizeof said, "%lld", (long long)value);
        else std::snprintf(said, sizeof said, "%llu (0x%llx)", value, value);
        PyErr_Format(FFIError, "the C compiler says '%s' is equal to %s, but the cdef disagrees", g.name, said);
        (void)lib;
        return nullptr;
    }
    return (flags & 1) ? PyLong_FromLongLong((long long)value) : PyLong_FromUnsignedLongLong(value);
}

PyObject *typed_constant(LibObject *lib, const _ffigen_global &g) {
    CType *t = realize_index(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op));
    if (!t) return nullptr;
    if (t->size < 0) {
        PyErr_Format(FFIError, "constant '%s' is of type '%U', whose size is not known", g.name, t->name);
        return nullptr;
    }
    // An owning cdata is the buffer: structs and arrays stay as that cdata.
    CData *buffer = cdata_new_owning(t, t->size, -1);
    if (!buffer) return nullptr;
    ((void (*)(char *))g.address)(buffer->data);
    if (ctype_is_struct(t) || t->kind == Kind::Array) return (PyObject *)buffer;
    PyObject *v = to_python(buffer->data, t, nullptr);
    Py_DECREF(buffer);
    return v;
}

// NULL + ffi.error when the variable is a macro such as `(*get_it())` whose
// function gave NULL (CFFI's suite asserts the words).
char *variable_address(const _ffigen_global &g) {
    char *address = _FFIGEN_OP_CODE(g.type_op) == _FFIGEN_OP_GLOBAL_VAR_F ? (char *)((void *(*)())g.address)()
                                                                            : (char *)g.address;
    if (!address) PyErr_Format(FFIError, "global variable '%s' is at address NULL", g.name);
    return address;
}

bool is_variable(const _ffigen_global &g) {
    int code = _FFIGEN_OP_CODE(g.type_op);
    return code == _FFIGEN_OP_GLOBAL_VAR || code == _FFIGEN_OP_GLOBAL_VAR_F;
}

// The value of global g: built (functions, constants) or read (variables).
PyObject *build(LibObject *lib, const _ffigen_global &g) {
    switch (_FFIGEN_OP_CODE(g.type_op)) {
    case _FFIGEN_OP_CPYTHON_BLTN_V: case _FFIGEN_OP_CPYTHON_BLTN_N: case _FFIGEN_OP_CPYTHON_BLTN_O:
        return make_function(lib, g);
    case _FFIGEN_OP_CONSTANT_INT: case _FFIGEN_OP_ENUM: return integer_constant(lib, g);
    case _FFIGEN_OP_CONSTANT: return typed_constant(lib, g);
    case _FFIGEN_OP_GLOBAL_VAR: case _FFIGEN_OP_GLOBAL_VAR_F: {
        CType *t = realize_index(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op));
        char *address = t ? variable_address(g) : nullptr;
        if (!address) return nullptr;
        if (t->kind == Kind::Array && t->length < 0) {  // `int g[];` reads as a pointer, as in CFFI
            CType *p = ctype_pointer_to(t->item);
            PyObject *v = p ? (PyObject *)cdata_new_pointer(p, address, nullptr) : nullptr;
            Py_XDECREF(p);
            return v;
        }
        return to_python(address, t, nullptr);
    }
    case _FFIGEN_OP_EXTERN_PYTHON: {  // a pointer to the C stub, which size_or_direct_fn holds
        CType *t = realize_index(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op));
        return t ? to_python((char *)&g.size_or_direct_fn, t, nullptr) : nullptr;
    }
    default: break;
    }
    PyErr_Format(PyExc_NotImplementedError, "global '%s' (opcode %d) is not supported by this runtime yet", g.name,
                 _FFIGEN_OP_CODE(g.type_op));
    return nullptr;
}

PyObject *all_names(LibObject *lib) { return global_names(tables_of(lib)); }

// lib.__dict__: a fresh dict of the attributes, where a global variable
// is its address (as CFFI puts an object of its own there, not a copy
// of the value that would go stale).
PyObject *full_dict(LibObject *lib) {
    const _ffigen_type_context *t = tables_of(lib);
    PyObject *d = PyDict_New();
    for (int i = 0; d && i < t->num_globals; i++) {
        PyObject *name = PyUnicode_FromString(t->globals[i].name);
        PyObject *v = !name ? nullptr
                    : is_variable(t->globals[i]) ? lib_addressof(lib, name) : PyObject_GetAttr((PyObject *)lib, name);
        if (!v || PyDict_SetItem(d, name, v) < 0) Py_CLEAR(d);
        Py_XDECREF(name);
        Py_XDECREF(v);
    }
    return d;
}

// lib's module-like attributes, as CFFI's lib has them: __all__ (what
// `from mod.lib import *` takes: not the variables, which a copy would
// freeze), __class__ the module type (so that help() and pydoc take lib for
// a module), no loader or spec. Null, with no error set, for other names.
PyObject *module_attribute(LibObject *lib, std::string_view s) {
    if (s == "__dict__") return full_dict(lib);
    if (s == "__name__") return PyUnicode_FromFormat("%U.lib", lib->module_name);
    if (s == "__class__") return Py_NewRef((PyObject *)&PyModule_Type);
    if (s == "__loader__" || s == "__spec__") return Py_NewRef(Py_None);
    if (s != "__all__") return nullptr;
    const _ffigen_type_context *t = tables_of(lib);
    PyObject *names = PyList_New(0);
    for (int i = 0; names && i < t->num_globals; i++) {
        if (is_variable(t->globals[i])) continue;
        PyObject *name = PyUnicode_FromString(t->globals[i].name);
        if (!name || PyList_Append(names, name) < 0) Py_CLEAR(names);
        Py_XDECREF(name);
    }
    return names;
}

LibObject::Recent &recent_slot(LibObject *lib, PyObject *name) {
    constexpr std::size_t n = sizeof lib->recent / sizeof lib->recent[0];
    return lib->recent[((std::uintptr_t)name >> 4) % n];  // objects are 16-byte aligned
}

void clear_recent(LibObject *lib) {
    for (LibObject::Recent &r : lib->recent) {
        Py_CLEAR(r.name);
        Py_CLEAR(r.value);
    }
}

PyObject *lib_getattro(PyObject *self, PyObject *name) {
    LibObject *lib = lib_of(self);
    LibObject::Recent &recent = recent_slot(lib, name);
    if (recent.name == name) return Py_NewRef(recent.value);
    PyObject *cached = PyDict_GetItemWithError(lib->dict, name);
    if (cached) {  // functions and constants only: a variable is read each time
        Py_XSETREF(recent.value, Py_NewRef(cached));
        Py_XSETREF(recent.name, Py_NewRef(name));
        return Py_NewRef(cached);
    }
    if (PyErr_Occurred()) return nullptr;
    const char *s = PyUnicode_AsUTF8(name);
    if (!s) return nullptr;
    int i;
    LibObject *holder = lib_holding(lib, s, &i);
    if (!holder) {
        if (PyObject *special = module_attribute(lib, s)) return special;
        if (PyErr_Occurred()) return nullptr;
        if (s[0] == '_' && s[1] == '_') return PyObject_GenericGetAttr(self, name);
        return missing(lib, name);
    }
    if (holder != lib) return lib_getattro((PyObject *)holder, name);  // cached there
    const _ffigen_global &g = tables_of(lib)->globals[i];
    PyObject *v = build(lib, g);
    if (v && !is_variable(g) && PyDict_SetItem(lib->dict, name, v) < 0) Py_CLEAR(v);
    return v;
}

int lib_setattro(PyObject *self, PyObject *name, PyObject *value) {
    LibObject *lib = lib_of(self);
    const char *s = PyUnicode_AsUTF8(name);
    if (!s) return -1;
    int i;
    LibObject *holder = lib_holding(lib, s, &i);
    if (!holder) {
        PyErr_Format(PyExc_AttributeError, "lib of module '%U' has no global variable named '%U'", lib->module_name, name);
        return -1;
    }
    if (holder != lib) return lib_setattro((PyObject *)holder, name, value);
    const _ffigen_global &g = tables_of(lib)->globals[i];
    if (!is_variable(g)) {
        PyErr_Format(PyExc_AttributeError, "cannot write to function or constant '%U'", name);
        return -1;
    }
    if (!value) {
        PyErr_Format(PyExc_AttributeError, "cannot delete global variable '%U'", name);
        return -1;
    }
    CType *t = realize_index(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op));
    char *address = t ? variable_address(g) : nullptr;
    return address ? from_python(address, t, value) : -1;
}

PyObject *lib_dir(PyObject *self, PyObject *) { return all_names(lib_of(self)); }

PyObject *lib_repr(PyObject *self) {
    return PyUnicode_FromFormat("<Lib object for '%U'>", lib_of(self)->module_name);
}

void lib_dealloc(PyObject *self) {
    LibObject *lib = lib_of(self);
    PyObject_GC_UnTrack(self);
    clear_recent(lib);
    Py_CLEAR(lib->ffi);
    Py_CLEAR(lib->dict);
    Py_CLEAR(lib->funcs);
    Py_CLEAR(lib->module_name);
    Py_CLEAR(lib->included_libs);
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

int lib_traverse(PyObject *self, visitproc visit, void *arg) {
    LibObject *lib = lib_of(self);
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(lib->ffi);
    Py_VISIT(lib->dict);
    Py_VISIT(lib->funcs);
    Py_VISIT(lib->included_libs);
    for (const LibObject::Recent &r : lib->recent) Py_VISIT(r.value);
    return 0;
}

// funcs stays: a function object still alive holds the lib, and its
// PyMethodDef lives in a FuncInfo there (FuncInfos refer to no lib: no cycle).
int lib_clear(PyObject *self) {
    clear_recent(lib_of(self));
    Py_CLEAR(lib_of(self)->dict);
    Py_CLEAR(lib_of(self)->ffi);
    Py_CLEAR(lib_of(self)->included_libs);
    return 0;
}

PyMethodDef lib_methods[] = {
    {"__dir__", lib_dir, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyType_Slot lib_slots[] = {
    {Py_tp_dealloc, (void *)lib_dealloc},
    {Py_tp_traverse, (void *)lib_traverse},
    {Py_tp_clear, (void *)lib_clear},
    {Py_tp_getattro, (void *)lib_getattro},
    {Py_tp_setattro, (void *)lib_setattro},
    {Py_tp_repr, (void *)lib_repr},
    {Py_tp_methods, lib_methods},
    {Py_tp_doc, (void *)"The functions, constants and global variables of a generated module."},
    {0, nullptr},
};

}  // namespace

// dir() of a lib, of either kind: every global's name.
PyObject *global_names(const _ffigen_type_context *t) {
    PyObject *list = PyList_New(t->num_globals);
    for (int i = 0; list && i < t->num_globals; i++) {
        PyObject *s = PyUnicode_FromString(t->globals[i].name);
        if (!s) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, s);
    }
    return list;
}

// The function ctype and direct C address of a lib function, or NULL (an
// error set if the structs it reaches failed to be filled).
// A builtin bound to a lib is one of its functions when its module is the
// lib's name object itself (lib's own methods, as __dir__, have none).
CType *lib_function_info(PyObject *o, void **direct) {
    if (!PyCFunction_Check(o)) return nullptr;
    PyObject *self = PyCFunction_GET_SELF(o);
    if (!self || !Py_IS_TYPE(self, Lib_Type) || ((PyCFunctionObject *)o)->m_module != lib_of(self)->module_name)
        return nullptr;
    FuncInfo *f = (FuncInfo *)((char *)((PyCFunctionObject *)o)->m_ml - offsetof(FuncInfo, def));
    if (!f->fntype) {
        FFIObject *ffi = lib_of(self)->ffi;
        if (!ffi) {  // cleared by the collector, with the lib, while the function lives on
            PyErr_SetString(PyExc_RuntimeError, "the lib of this function is gone");
            return nullptr;
        }
        CType *fn = realize_function_type(ffi->ctx, f->type_index);
        if (!fn) return nullptr;
        f->fntype = (CType *)Py_NewRef(fn);
    }
    if (ensure_filled() < 0) return nullptr;
    if (direct) *direct = f->direct;
    return f->fntype;
}

// As CFFI: a variable's address; a function's direct C entry (a function
// without one, the builtin itself); a value that is a function pointer (a
// variadic function, an extern "Python" one, a function-pointer constant)
// that pointer; any other constant refuses (AttributeError).
PyObject *lib_addressof(LibObject *lib, PyObject *name) {
    const char *s = PyUnicode_AsUTF8(name);
    if (!s) return nullptr;
    int i;
    LibObject *holder = lib_holding(lib, s, &i);
    if (!holder) return missing(lib, name);
    if (holder != lib) return lib_addressof(holder, name);
    const _ffigen_global &g = tables_of(lib)->globals[i];
    if (is_variable(g)) {
        char *address = variable_address(g);
        CType *t = address ? realize_index(lib->ffi->ctx, (int)_FFIGEN_OP_ARG(g.type_op)) : nullptr;
        CType *ptr = t ? ctype_pointer_to(t) : nullptr;
        PyObject *r = ptr ? (PyObject *)cdata_new_pointer(ptr, address, nullptr) : nullptr;
        Py_XDECREF(ptr);
        return r;
    }
    PyObject *value = lib_getattro((PyObject *)lib, name);
    if (!value) return nullptr;
    void *direct = nullptr;
    CType *fn = lib_function_info(value, &direct);
    if (!fn && PyErr_Occurred()) return Py_DECREF(value), nullptr;
    if (fn && direct) {
        Py_DECREF(value);
        return (PyObject *)cdata_new_pointer(fn, (char *)direct, nullptr);
    }
    if (fn || (is_cdata(value) && ((CData *)value)->ctype->kind == Kind::Function)) return value;
    Py_DECREF(value);
    PyErr_Format(PyExc_AttributeError, "cannot take the address of the constant '%U'", name);
    return nullptr;
}

LibObject *lib_create(FFIObject *ffi, PyObject *included_libs) {
    LibObject *lib = PyObject_GC_New(LibObject, Lib_Type);
    if (!lib) {
        Py_XDECREF(included_libs);
        return nullptr;
    }
    lib->included_libs = included_libs;
    std::memset(lib->recent, 0, sizeof lib->recent);
    lib->ffi = (FFIObject *)Py_NewRef(ffi);
    lib->dict = PyDict_New();
    lib->funcs = PyList_New(0);
    lib->module_name = Py_NewRef(ffi->module_name);
    PyObject_GC_Track(lib);
    if (!lib->dict || !lib->funcs) Py_CLEAR(lib);
    return lib;
}

int lib_init_types(PyObject *module) {
    static PyType_Spec spec = {"_ffigen_runtime.Lib", sizeof(LibObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC
                               | Py_TPFLAGS_DISALLOW_INSTANTIATION, lib_slots};
    static PyType_Spec info_spec = {"_ffigen_runtime.FuncInfo", (int)offsetof(FuncInfo, doc), 1,
                                    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, funcinfo_slots};
    if (!Lib_Type) {
        Lib_Type = (PyTypeObject *)PyType_FromSpec(&spec);
        FuncInfo_Type = (PyTypeObject *)PyType_FromSpec(&info_spec);
        if (!Lib_Type || !FuncInfo_Type) return -1;
    }
    return PyModule_AddObjectRef(module, "Lib", (PyObject *)Lib_Type);
}

}  // namespace ffigen_rt
