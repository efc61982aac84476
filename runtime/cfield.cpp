// cfield.cpp: the CField objects `ffi.typeof(struct).fields` pairs with
// the field names: read-only type, offset, bitshift, bitsize and flags
// with CFFI's values (bitshift -1 for a plain field and -2 for an open or
// zero-length array; flags 1 on a union's fields after the first, which a
// list initializer does not reach).
#include "runtime.hpp"

namespace ffigen_rt {

namespace {

PyTypeObject *CField_Type;

struct CFieldObject {
    PyObject_HEAD
    PyObject *type;  // strong
    Py_ssize_t offset;
    short bitshift;
    short bitsize;
    unsigned char flags;
};

void cfield_dealloc(PyObject *self) {
    Py_CLEAR(((CFieldObject *)self)->type);
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

PyMemberDef cfield_members[] = {
    {"type", T_OBJECT, offsetof(CFieldObject, type), READONLY, nullptr},
    {"offset", T_PYSSIZET, offsetof(CFieldObject, offset), READONLY, nullptr},
    {"bitshift", T_SHORT, offsetof(CFieldObject, bitshift), READONLY, nullptr},
    {"bitsize", T_SHORT, offsetof(CFieldObject, bitsize), READONLY, nullptr},
    {"flags", T_UBYTE, offsetof(CFieldObject, flags), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyType_Slot cfield_slots[] = {
    {Py_tp_dealloc, (void *)cfield_dealloc},
    {Py_tp_members, cfield_members},
    {Py_tp_doc, (void *)"A struct or union field (ffi.typeof(...).fields)."},
    {0, nullptr},
};

}  // namespace

PyObject *cfield_new(const Field &f, bool later_union_field) {
    CFieldObject *cf = PyObject_New(CFieldObject, CField_Type);
    if (!cf) return nullptr;
    cf->type = Py_NewRef((PyObject *)f.type);
    cf->offset = f.offset;
    bool empty_array = f.bitsize < 0 && f.type->kind == Kind::Array && f.type->length <= 0;
    cf->bitshift = (short)(empty_array ? -2 : f.bitshift);
    cf->bitsize = (short)f.bitsize;
    cf->flags = later_union_field ? 1 : 0;
    return (PyObject *)cf;
}

int cfield_init_types(PyObject *module) {
    static PyType_Spec spec = {"_ffigen_runtime.CField", sizeof(CFieldObject), 0,
                               Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, cfield_slots};
    if (!CField_Type && !(CField_Type = (PyTypeObject *)PyType_FromSpec(&spec))) return -1;
    return PyModule_AddObjectRef(module, "CField", (PyObject *)CField_Type);
}

}  // namespace ffigen_rt
