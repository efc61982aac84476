// realize.cpp: from a generated module's tables to ctypes.
//
// A type is realized into a ctype when first used (as CFFI does: a module
// with thousands of declarations imports without building them), and the
// type table entry is overwritten in place with the ctype's address (the
// ABI: generated wrappers read `types[i]` as a ctype pointer; lib realizes
// a function's type before handing out its wrapper). The table is static data of
// the generated module, which is never unloaded, so the ctypes it points
// to are kept alive for the process lifetime by the context's `realized`
// list, which is deliberately never freed: a second import of the same
// module finds the table already realized and reuses the same ctypes.
//
// Struct layout: offsets and sizes come from the tables (the C compiler
// computed them). Where a table says (size_t)-1 (bitfields, modules that
// leave layout to the runtime), the runtime computes the natural C layout
// the way gcc does on the SysV ABI, or the packed one under _FFIGEN_F_PACKED.
#include "runtime.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace ffigen_rt {

namespace {

inline bool is_realized(_ffigen_op op) { return ((uintptr_t)op & 1) == 0; }

int keep(TypeContext *ctx, int index, CType *t) {
    if (PyList_Append(ctx->realized, (PyObject *)t) < 0) return -1;
    ctx->tables->types[index] = (_ffigen_op)t;
    return 0;
}

// As CFFI names them: "point" -> "struct point"; "$foo_t" (typedef of an
// anonymous struct) -> "foo_t"; "$1" (no name at all) -> "struct $1";
// "$$foo_t" (the pointee of `typedef ... *foo_t`) -> "struct $$foo_t".
PyObject *struct_or_enum_name(const char *kw, const char *name) {
    if (name[0] == '$' && name[1] != '$' && !(name[1] >= '0' && name[1] <= '9'))
        return PyUnicode_FromString(name + 1);
    std::string spelled = std::string(kw) + " " + name;  // as bytes: cheaper than formatting a str
    return PyUnicode_FromStringAndSize(spelled.data(), (Py_ssize_t)spelled.size());
}

CType *new_named(Kind kind, const char *kw, const char *name) {
    return ctype_alloc(kind, struct_or_enum_name(kw, name), -1);
}

Py_ssize_t round_up(Py_ssize_t n, Py_ssize_t align) { return (n + align - 1) / align * align; }

// Fills in the offsets (and bit positions) the tables left to the runtime,
// and the struct's size and alignment when unknown.
void compute_layout(CType *st, bool packed, bool want_size, bool want_align) {
    Py_ssize_t bitpos = 0, max_align = 1, end = 0;
    bool is_union = st->kind == Kind::Union;
    for (Py_ssize_t i = 0; i < st->nfields; i++) {
        Field &f = st->fields[i];
        Py_ssize_t size = f.type->size < 0 ? 0 : f.type->size;
        Py_ssize_t align = packed ? 1 : f.type->align;
        if (is_union) bitpos = 0;
        if (f.bitsize >= 0) {
            Py_ssize_t unit = size * 8;
            if (f.bitsize == 0) {
                bitpos = round_up(bitpos, f.type->align * 8);
                f.offset = bitpos / 8;
                f.bitshift = 0;
                continue;
            }
            if (!packed && bitpos / unit != (bitpos + f.bitsize - 1) / unit) bitpos = round_up(bitpos, unit);
            Py_ssize_t storage = packed ? bitpos / 8 : (bitpos / unit) * size;
            f.offset = storage;
            f.bitshift = (int)(bitpos - storage * 8);
            bitpos += f.bitsize;
            if (!packed && f.type->align > max_align) max_align = f.type->align;
        } else {
            if (f.offset == (Py_ssize_t)-1) {
                bitpos = round_up(round_up(bitpos, 8) / 8, align) * 8;
                f.offset = bitpos / 8;
            } else {
                bitpos = f.offset * 8;
            }
            bitpos += size * 8;
            if (align > max_align) max_align = align;
        }
        if (round_up(bitpos, 8) / 8 > end) end = round_up(bitpos, 8) / 8;
    }
    if (want_align) st->align = max_align;
    if (want_size) st->size = round_up(end, st->align);
}

// (type, message): raised anew at each use (a stored exception instance
// would keep the frames of its first traceback alive). Steals message.
PyObject *exception(PyObject *type, PyObject *message) {
    PyObject *e = message ? PyTuple_Pack(2, type, message) : nullptr;
    Py_XDECREF(message);
    return e;
}

// A layout error, in CFFI's words (its test suite asserts them): `what`
// names the field (field: NULL for the whole struct's size or alignment).
PyObject *wrong(CType *st, const char *what, PyObject *field, Py_ssize_t cdef, Py_ssize_t c) {
    PyObject *quoted = field ? PyUnicode_FromFormat(" '%U'", field) : PyUnicode_FromString("");
    PyObject *text = quoted ? PyUnicode_FromFormat("%U: wrong %s%U (cdef says %zd, but C compiler says %zd). fix it or use "
                                                   "\"...;\" as the last field in the cdef for %U to make it flexible",
                                                   st->name, what, quoted, cdef, c, st->name)
                            : nullptr;
    Py_XDECREF(quoted);
    return exception(FFIError, text);
}

// A field whose C size is not its cdef type's (an int8_t that C makes
// int16_t), in any struct, partial ones too, as CFFI checks: the message, or NULL.
PyObject *size_mismatch(CType *st, const _ffigen_field *c_fields) {
    for (Py_ssize_t i = 0; i < st->nfields; i++) {
        const Field &f = st->fields[i];
        Py_ssize_t c_size = (Py_ssize_t)c_fields[i].field_size, cdef_size = f.type->size;
        if (f.bitsize < 0 && c_fields[i].field_size != (size_t)-1 && cdef_size >= 0 && c_size != cdef_size)
            return wrong(st, "size for field", f.name, cdef_size, c_size);
    }
    return nullptr;
}

// st's layout as the cdef alone implies it (natural C layout, or packed).
struct Natural {
    std::vector<Field> fields;
    Py_ssize_t size, align;
};

Natural natural_layout(CType *st, bool packed) {
    Natural n{std::vector<Field>(st->fields, st->fields + st->nfields), 0, 0};
    for (Field &f : n.fields)
        if (f.bitsize < 0) f.offset = -1;
    Field *table = st->fields;
    Py_ssize_t size = st->size, align = st->align;
    st->fields = n.fields.data();
    compute_layout(st, packed, true, true);
    n.size = st->size;
    n.align = st->align;
    st->fields = table;
    st->size = size;
    st->align = align;
    return n;
}

// The first difference between the C compiler's layout (st's) and the natural one: the message, or NULL.
PyObject *layout_mismatch(CType *st, const Natural &n) {
    for (Py_ssize_t i = 0; i < st->nfields; i++) {
        const Field &f = st->fields[i];
        if (f.bitsize < 0 && n.fields[i].offset != f.offset)
            return wrong(st, "offset for field", f.name, n.fields[i].offset, f.offset);
    }
    if (n.size != st->size) return wrong(st, "total size", nullptr, n.size, st->size);
    if (n.align != st->align) return wrong(st, "total alignment", nullptr, n.align, st->align);
    return nullptr;
}

// Whether packing put a field where its type's alignment would not (libffi
// cannot describe such a struct).
bool packing_moves_a_field(CType *st) {
    for (Py_ssize_t i = 0; i < st->nfields; i++)
        if (st->fields[i].bitsize < 0 && st->fields[i].offset % st->fields[i].type->align != 0) return true;
    return false;
}

// The table's layout against the cdef's: a layout error at first use where
// the cdef claims the whole struct (_FFIGEN_F_CHECK_FIELDS, as CFFI reports
// it when the struct is used, not at import); otherwise ('...;', anonymous
// members flattened into the row) a custom layout libffi must not be given.
// Called once size_mismatch found nothing.
int check_layout(CType *st, const _ffigen_struct_union &s) {
    bool packed = (s.flags & _FFIGEN_F_PACKED) != 0;
    st->packed_layout = packed && packing_moves_a_field(st);
    Natural n = natural_layout(st, packed);
    PyObject *mismatch = layout_mismatch(st, n);
    if (s.flags & _FFIGEN_F_CHECK_FIELDS) {
        st->layout_error = mismatch;
    } else {
        st->custom_layout = mismatch != nullptr;
        Py_XDECREF(mismatch);
    }
    return PyErr_Occurred() ? -1 : 0;
}

int fill_pending(TypeContext *ctx, CType *t);
CType *realize_type(TypeContext *ctx, int index);

bool is_anonymous_member(const Field &f) { return f.bitsize < 0 && PyUnicode_GET_LENGTH(f.name) == 0 && ctype_is_struct(f.type); }

// Anonymous struct and union members (`union { int i; float f; };`) stand
// for their fields, as in C and CFFI: ABI-mode tables list them as one
// unnamed field (CFFI's Python output does not expand them; a C module's
// rows are already flat). Their fields (flat themselves, filled first)
// replace them here, at the member's offset; the layout is then one libffi
// cannot be handed as a field list (overlaps, inner padding).
int flatten_anonymous_members(CType *st) {
    std::vector<Field> flat;
    bool any = false;
    for (Py_ssize_t i = 0; i < st->nfields; i++) {
        Field &f = st->fields[i];
        if (!is_anonymous_member(f)) {
            flat.push_back(f);
            continue;
        }
        any = true;
        for (Py_ssize_t k = 0; k < f.type->nfields; k++) {
            Field inner = f.type->fields[k];
            inner.offset += f.offset;
            inner.name = Py_NewRef(inner.name);
            inner.type = (CType *)Py_NewRef(inner.type);
            flat.push_back(inner);
        }
    }
    if (!any) return 0;
    Field *table = (Field *)PyMem_Calloc(flat.size(), sizeof(Field));
    if (!table) return PyErr_NoMemory(), -1;
    for (Py_ssize_t i = 0; i < st->nfields; i++)
        if (is_anonymous_member(st->fields[i])) {
            Py_DECREF(st->fields[i].name);
            Py_DECREF(st->fields[i].type);
        }
    std::copy(flat.begin(), flat.end(), table);
    PyMem_Free(st->fields);
    st->fields = table;
    st->nfields = (Py_ssize_t)flat.size();
    st->custom_layout = true;
    PyDict_Clear(st->field_index);
    for (Py_ssize_t i = 0; i < st->nfields; i++) {
        PyObject *index = PyLong_FromSsize_t(i);
        int rc = index ? PyDict_SetItem(st->field_index, st->fields[i].name, index) : -1;
        Py_XDECREF(index);
        if (rc < 0) return -1;
    }
    return 0;
}

// CFFI describes a function pointer type to libffi when it builds the type,
// which needs the structs it takes or returns by value: a struct with such
// a field is refused when used if one of them is opaque (TypeError) or is
// the struct being filled (RuntimeError: CFFI's type building recurses
// forever). The runtime describes calls only when made, but refuses these
// structs the same way. Returns the exception to raise at use, or NULL.
PyObject *function_field_error(TypeContext *ctx, CType *st) {
    for (Py_ssize_t i = 0; i < st->nfields; i++) {
        CType *fn = st->fields[i].type;
        while (fn->kind == Kind::Pointer || fn->kind == Kind::Array) fn = fn->item;
        if (fn->kind != Kind::Function) continue;
        for (Py_ssize_t k = -1; k < PyTuple_GET_SIZE(fn->args); k++) {
            CType *v = k < 0 ? fn->item : (CType *)PyTuple_GET_ITEM(fn->args, k);
            if (!ctype_is_struct(v) || fill_pending(ctx, v) < 0 || v->complete) continue;
            if (!v->fields)  // opaque (one being filled has its fields allocated)
                return exception(PyExc_TypeError, PyUnicode_FromFormat("ctype '%U' has incomplete type", v->name));
            return exception(PyExc_RuntimeError,
                             PyUnicode_FromFormat("'%U' has a field of type '%U', which takes or returns by value "
                                                  "'%U' while it is being built; CFFI cannot build such types "
                                                  "(infinite recursion)", st->name, st->fields[i].type->name, v->name));
        }
    }
    return nullptr;
}

int fill_struct(TypeContext *ctx, CType *st, const _ffigen_struct_union &s) {
    const _ffigen_field *fields = ctx->tables->fields + s.first_field_index;
    st->fields = (Field *)PyMem_Calloc(s.num_fields ? s.num_fields : 1, sizeof(Field));
    if (!st->fields || !(st->field_index = PyDict_New())) return PyErr_NoMemory(), -1;
    bool any_unknown_offset = false;
    for (int i = 0; i < s.num_fields; i++) {
        const _ffigen_field &src = fields[i];
        Field &f = st->fields[i];
        int code = _FFIGEN_OP_CODE(src.field_type_op);
        CType *t = realize_type(ctx, (int)_FFIGEN_OP_ARG(src.field_type_op));
        if (!t || fill_pending(ctx, t) < 0) return -1;
        if (ctype_is_struct(t) && !t->complete) {  // opaque, or contains itself by value
            PyErr_Format(FFIError, "field '%s' of '%U' has opaque type '%U'", src.name, st->name, t->name);
            return -1;
        }
        f.name = PyUnicode_InternFromString(src.name);
        f.type = (CType *)Py_NewRef(t);
        st->nfields = i + 1;
        if (!f.name) return -1;
        f.bitshift = f.bitsize = -1;
        f.offset = (Py_ssize_t)src.field_offset;
        if (code == _FFIGEN_OP_BITFIELD) {
            f.bitsize = (int)src.field_size;
            // An unnamed bitfield only pads: C takes `char : 1` there too.
            bool padding = src.name[0] == '\0' && t->kind == Kind::Char;
            if (!(ctype_is_integer(t) || padding) || f.bitsize > t->size * 8) {
                PyErr_Format(FFIError, "bitfield '%s' of '%U' has a bad type or width", src.name, st->name);
                return -1;
            }
        }
        if (src.field_offset == (size_t)-1 || code == _FFIGEN_OP_BITFIELD) any_unknown_offset = true;
        if (t->kind == Kind::Array && t->length < 0) st->varsize_tail = true;
        PyObject *index = PyLong_FromLong(i);
        int rc = index ? PyDict_SetItem(st->field_index, f.name, index) : -1;
        Py_XDECREF(index);
        if (rc < 0) return -1;
    }
    bool want_size = s.size == (size_t)-2 || s.size == (size_t)-1;
    bool want_align = s.alignment <= 0;
    if (!want_size) st->size = (Py_ssize_t)s.size;
    if (!want_align) st->align = s.alignment;
    if (any_unknown_offset || want_size || want_align)
        compute_layout(st, (s.flags & _FFIGEN_F_PACKED) != 0, want_size, want_align);
    st->layout_error = size_mismatch(st, fields);
    if (PyErr_Occurred() || flatten_anonymous_members(st) < 0) return -1;
    // With want_size or want_align the layout is the runtime's own: natural by construction.
    if (!st->layout_error && !want_size && !want_align && check_layout(st, s) < 0) return -1;
    if (!st->layout_error) st->layout_error = function_field_error(ctx, st);
    if (PyErr_Occurred()) return -1;
    st->complete = true;
    return 0;
}

int enum_value(const _ffigen_type_context *tables, const char *name, size_t len, PyObject **out) {
    char buf[256];
    if (len >= sizeof buf) len = sizeof buf - 1;
    std::memcpy(buf, name, len);
    buf[len] = 0;
    int g = find_global(tables, buf);
    if (g < 0) {
        PyErr_Format(FFIError, "enumerator '%s' is missing from the module's globals", buf);
        return -1;
    }
    unsigned long long v = 0;
    int neg = read_int_constant(tables, g, &v);
    *out = (neg & 1) ? PyLong_FromLongLong((long long)v) : PyLong_FromUnsignedLongLong(v);
    return *out ? 0 : -1;
}

CType *realize_enum(TypeContext *ctx, int eindex) {
    const _ffigen_enum &e = ctx->tables->enums[eindex];
    _ffigen_op op = ctx->tables->types[e.type_index];
    if (is_realized(op)) return (CType *)op;
    CType *base = ctype_primitive(e.type_prim);
    if (!base) return nullptr;
    CType *t = new_named(Kind::Enum, "enum", e.name);
    if (!t) return nullptr;
    int rc = keep(ctx, e.type_index, t);
    Py_DECREF(t);
    if (rc < 0) return nullptr;
    t->item = (CType *)Py_NewRef(base);
    t->size = base->size;
    t->align = base->align;
    t->complete = true;
    t->enum_tables = ctx->tables;  // the enumerators are read when first needed (enum_dicts)
    t->enum_row = &e;
    return t;
}

// The entry's result and decayed parameter types, borrowed: each is kept by
// the context, or cached as the pointer type of an array's item.
int signature_of(TypeContext *ctx, int index, int result_index, Signature &sig) {
    sig.result = realize_type(ctx, result_index);
    if (!sig.result) return -1;
    int end = index + 1;
    while (end < ctx->tables->num_types && _FFIGEN_OP_CODE(ctx->tables->types[end]) != _FFIGEN_OP_FUNCTION_END) end++;
    if (end >= ctx->tables->num_types) {
        PyErr_Format(FFIError, "type table entry %d: function without its end marker", index);
        return -1;
    }
    sig.args.reserve((size_t)(end - index - 1));
    for (int j = index + 1; j < end; j++) {
        CType *a = realize_type(ctx, j);
        CType *decayed = a ? ctype_parameter(a) : nullptr;
        if (!decayed) return -1;
        sig.args.push_back(decayed);
        Py_DECREF(decayed);
    }
    sig.variadic = _FFIGEN_OP_ARG(ctx->tables->types[end]) & _FFIGEN_FUNC_VARIADIC;
    return 0;
}

CType *realize_function(TypeContext *ctx, int index, int result_index) {
    Signature sig;
    if (signature_of(ctx, index, result_index, sig) < 0) return nullptr;
    PyObject *args = PyTuple_New((Py_ssize_t)sig.args.size());
    if (!args) return nullptr;
    for (size_t i = 0; i < sig.args.size(); i++) PyTuple_SET_ITEM(args, (Py_ssize_t)i, Py_NewRef(sig.args[i]));
    CType *fn = ctype_function(sig.result, args, sig.variadic);
    Py_DECREF(args);
    return fn;
}

// The struct's ctype, its fields not yet filled in: a pointer to it, or a
// function taking it, needs no more, and a row may point back to a struct
// still being filled (cycles through pointers).
CType *struct_shell(TypeContext *ctx, int sindex) {
    const _ffigen_struct_union &s = ctx->tables->struct_unions[sindex];
    _ffigen_op op = ctx->tables->types[s.type_index];
    if (is_realized(op)) return (CType *)op;
    if (s.flags & _FFIGEN_F_EXTERNAL) {  // the included module's own ctype, shared
        CType *shared = external_struct(ctx, s);
        if (shared && !shared->complete && !(s.flags & _FFIGEN_F_OPAQUE)) {  // as CFFI refuses it
            const char *kw = (s.flags & _FFIGEN_F_UNION) ? "union" : "struct";
            PyErr_Format(PyExc_NotImplementedError, "'%s %s' is opaque in the ffi.include(), but no longer in the ffi "
                         "doing the include (workaround: don't use ffi.include() but duplicate the declarations of "
                         "everything using %s %s)", kw, s.name, kw, s.name);
            return nullptr;
        }
        return shared && keep(ctx, s.type_index, shared) == 0 ? shared : nullptr;
    }
    bool is_union = s.flags & _FFIGEN_F_UNION;
    if (!is_union && std::strcmp(s.name, "_IO_FILE") == 0) {  // FILE: the one ctype all modules share
        CType *file = ctype_file();
        return file && keep(ctx, s.type_index, file) == 0 ? file : nullptr;
    }
    CType *st = new_named(is_union ? Kind::Union : Kind::Struct, is_union ? "union" : "struct", s.name);
    if (!st) return nullptr;
    int rc = keep(ctx, s.type_index, st);
    Py_DECREF(st);  // the realized list holds it
    if (rc < 0) return nullptr;
    bool opaque = (s.flags & _FFIGEN_F_OPAQUE) || s.first_field_index < 0;
    if (!opaque) {
        ctx->unfilled.emplace(st, sindex);
        ctx->unfilled_order.push_back(st);
    }
    return st;
}

// Fills t's fields if t is a struct of this module not filled yet: a
// by-value member or an array item needs its size. A struct being filled
// is no longer pending, so one containing itself by value stays incomplete
// (the caller reports it as opaque).
int fill_pending(TypeContext *ctx, CType *t) {
    auto it = ctx->unfilled.find(t);
    if (it == ctx->unfilled.end()) return 0;
    int sindex = it->second;
    ctx->unfilled.erase(it);
    if (fill_struct(ctx, t, ctx->tables->struct_unions[sindex]) == 0) return 0;
    // A field type refused (e.g. a `double...` typedef that is no float):
    // the struct stays incomplete and raises this error at use, as CFFI's
    // does; other types of the module stay usable.
    if (!PyErr_ExceptionMatches(FFIError)) return -1;
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    Py_XDECREF(tb);
    Py_XSETREF(t->layout_error, exception(type, value ? PyObject_Str(value) : nullptr));
    Py_XDECREF(type);
    Py_XDECREF(value);
    return t->layout_error ? 0 : -1;
}

int fill_all(TypeContext *ctx) {
    while (!ctx->unfilled_order.empty()) {
        CType *next = ctx->unfilled_order.back();  // filled already when no longer in unfilled
        ctx->unfilled_order.pop_back();
        if (fill_pending(ctx, next) < 0) return -1;
    }
    return 0;
}

// What the runtime hands out is complete: the structs realizing a type
// reached (through pointers too) are filled before it is returned.
CType *all_filled(TypeContext *ctx, CType *t) { return t && fill_all(ctx) == 0 ? t : nullptr; }

// Types may be left as struct shells (see struct_shell).
CType *realize_type(TypeContext *ctx, int index) {
    const _ffigen_type_context *t = ctx->tables;
    if (index < 0 || index >= t->num_types) {
        PyErr_Format(FFIError, "type index %d is outside the module's type table (%d entries)", index, t->num_types);
        return nullptr;
    }
    _ffigen_op op = t->types[index];
    if (is_realized(op)) return (CType *)op;
    int arg = (int)_FFIGEN_OP_ARG(op);
    CType *result = nullptr;  // new reference unless noted
    switch (_FFIGEN_OP_CODE(op)) {
    case _FFIGEN_OP_PRIMITIVE: result = (CType *)Py_XNewRef(ctype_primitive(arg)); break;
    case _FFIGEN_OP_POINTER: {
        // POINTER -> FUNCTION is the function pointer type: the function ctype itself.
        bool to_function = arg >= 0 && arg < t->num_types
                        && (is_realized(t->types[arg]) ? ctx->bare_function[arg]
                                                       : _FFIGEN_OP_CODE(t->types[arg]) == _FFIGEN_OP_FUNCTION);
        CType *item = realize_type(ctx, arg);
        result = !item ? nullptr : to_function ? (CType *)Py_NewRef(item) : ctype_pointer_to(item);
        break;
    }
    case _FFIGEN_OP_ARRAY: case _FFIGEN_OP_OPEN_ARRAY: {
        CType *item = realize_type(ctx, arg);
        if (item && fill_pending(ctx, item) < 0) return nullptr;
        bool open = _FFIGEN_OP_CODE(op) == _FFIGEN_OP_OPEN_ARRAY;
        if (!open && index + 1 >= t->num_types) {
            PyErr_Format(FFIError, "type table entry %d: array without its length", index);
            return nullptr;
        }
        result = item ? ctype_array_of(item, open ? -1 : (Py_ssize_t)(uintptr_t)t->types[index + 1]) : nullptr;
        break;
    }
    case _FFIGEN_OP_STRUCT_UNION:
        if (arg < 0 || arg >= t->num_struct_unions) break;
        return struct_shell(ctx, arg);  // stored by struct_shell
    case _FFIGEN_OP_ENUM:
        if (arg < 0 || arg >= t->num_enums) break;
        return realize_enum(ctx, arg);
    case _FFIGEN_OP_FUNCTION:
        ctx->bare_function[index] = true;
        result = realize_function(ctx, index, arg);
        break;
    case _FFIGEN_OP_NOOP: result = (CType *)Py_XNewRef(realize_type(ctx, arg)); break;
    case _FFIGEN_OP_TYPENAME:
        if (arg < 0 || arg >= t->num_typenames) break;
        result = (CType *)Py_XNewRef(realize_type(ctx, t->typenames[arg].type_index));
        break;
    default:
        PyErr_Format(FFIError, "type table entry %d has opcode %d, which is not a type", index, _FFIGEN_OP_CODE(op));
        return nullptr;
    }
    if (!result) {
        if (!PyErr_Occurred())
            PyErr_Format(FFIError, "type table entry %d refers to a missing table row %d", index, arg);
        return nullptr;
    }
    int rc = is_realized(t->types[index]) ? 0 : keep(ctx, index, result);
    Py_DECREF(result);
    return rc < 0 ? nullptr : (CType *)t->types[index];
}

}  // namespace

// Both dicts are filled from the last enumerator to the first, as CFFI
// does: that is the order .elements and .relements show, and of names
// sharing a value the first is the one .elements keeps.
int enum_dicts(CType *t) {
    if (t->enum_by_name) return 0;
    std::vector<std::pair<PyObject *, PyObject *>> pairs;  // (name, value), owned
    bool ok = true;
    for (const char *p = t->enum_row->enumerators; ok && p && *p;) {
        const char *comma = std::strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : std::strlen(p);
        PyObject *value = nullptr, *name = PyUnicode_FromStringAndSize(p, (Py_ssize_t)len);
        ok = name && enum_value(t->enum_tables, p, len, &value) == 0;
        if (ok) pairs.emplace_back(name, value);
        else Py_XDECREF(name);
        p += len + (comma ? 1 : 0);
    }
    PyObject *by_name = ok ? PyDict_New() : nullptr, *by_value = by_name ? PyDict_New() : nullptr;
    ok = by_value != nullptr;
    for (auto it = pairs.rbegin(); ok && it != pairs.rend(); ++it)
        ok = PyDict_SetItem(by_name, it->first, it->second) == 0 && PyDict_SetItem(by_value, it->second, it->first) == 0;
    for (auto &pair : pairs) {
        Py_DECREF(pair.first);
        Py_DECREF(pair.second);
    }
    if (!ok) {
        Py_XDECREF(by_name);
        Py_XDECREF(by_value);
        return -1;
    }
    t->enum_by_name = by_name;
    t->enum_by_value = by_value;
    return 0;
}

const Field *open_array_field(CType *st) {
    for (Py_ssize_t i = 0; st->varsize_tail && i < st->nfields; i++)
        if (st->fields[i].type->kind == Kind::Array && st->fields[i].type->length < 0) return &st->fields[i];
    return nullptr;
}

CType *realize_index(TypeContext *ctx, int index) { return all_filled(ctx, realize_type(ctx, index)); }

// The contexts whose lib made function types without filling their structs
// (CFFI fills a struct when first used; touching every name of a big lib
// would otherwise fill every struct its functions reach through pointers).
std::vector<TypeContext *> deferred_fills;

namespace {

// Struct shells are all a lib function object needs: its ctype reaches
// other code only through lib_function_info and the generated wrapper's
// conversions (exports.cpp), which call ensure_filled().
void defer_fills(TypeContext *ctx) {
    if (!ctx->unfilled_order.empty() && !ctx->fills_deferred) {
        deferred_fills.push_back(ctx);
        ctx->fills_deferred = true;
    }
}

}  // namespace

CType *realize_function_type(TypeContext *ctx, int index) {
    CType *t = realize_type(ctx, index);
    if (t) defer_fills(ctx);
    return t;
}

int realize_signature(TypeContext *ctx, int index, Signature &sig) {
    _ffigen_op op = index >= 0 && index < ctx->tables->num_types ? ctx->tables->types[index] : nullptr;
    if (op && is_realized(op) && ((CType *)op)->kind == Kind::Function) {  // its function ctype was asked for
        CType *fn = (CType *)op;
        sig.result = fn->item;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(fn->args); i++)
            sig.args.push_back((CType *)PyTuple_GET_ITEM(fn->args, i));
        sig.variadic = fn->ellipsis;
        return 0;
    }
    if (!op || is_realized(op) || _FFIGEN_OP_CODE(op) != _FFIGEN_OP_FUNCTION) {
        PyErr_Format(FFIError, "type table entry %d is not a function", index);
        return -1;
    }
    if (signature_of(ctx, index, (int)_FFIGEN_OP_ARG(op), sig) < 0) return -1;
    defer_fills(ctx);
    return 0;
}

int fill_deferred() {
    while (!deferred_fills.empty()) {
        if (fill_all(deferred_fills.back()) < 0) return -1;
        deferred_fills.back()->fills_deferred = false;
        deferred_fills.pop_back();
    }
    return 0;
}

CType *realize_struct(TypeContext *ctx, int sindex) { return all_filled(ctx, struct_shell(ctx, sindex)); }

// As CFFI's runtimes call a CONSTANT_INT getter: with the whole
// _ffigen_getconst, whose ctx and gindex let one getter serve every
// constant (ABI-mode tables, abi_tables.cpp); a C module's getter writes
// only the value, its first field.
int read_int_constant(const _ffigen_type_context *t, int gindex, unsigned long long *value) {
    _ffigen_getconst gc = {0, t, gindex};
    int flags = ((int (*)(_ffigen_getconst *))t->globals[gindex].address)(&gc);
    *value = gc.value;
    return flags;
}

int find_global(const _ffigen_type_context *t, const char *name) {
    int lo = 0, hi = t->num_globals - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = std::strcmp(t->globals[mid].name, name);
        if (c == 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
    }
    return -1;
}

namespace {
bool name_is(const char *table_name, const char *name, size_t len) {
    return std::strncmp(table_name, name, len) == 0 && table_name[len] == 0;
}
}  // namespace

CType *lookup_struct(TypeContext *ctx, const char *kw, const char *name, size_t len) {
    const _ffigen_type_context *t = ctx->tables;
    bool want_union = kw[0] == 'u';
    for (int i = 0; i < t->num_struct_unions; i++) {
        const _ffigen_struct_union &s = t->struct_unions[i];
        if (name_is(s.name, name, len) && ((s.flags & _FFIGEN_F_UNION) != 0) == want_union)
            return realize_struct(ctx, i);
    }
    return nullptr;
}

CType *lookup_enum(TypeContext *ctx, const char *name, size_t len) {
    const _ffigen_type_context *t = ctx->tables;
    for (int i = 0; i < t->num_enums; i++)
        if (name_is(t->enums[i].name, name, len)) return realize_enum(ctx, i);
    return nullptr;
}

CType *lookup_typename(TypeContext *ctx, const char *name, size_t len, bool *bare_function) {
    const _ffigen_type_context *t = ctx->tables;
    for (int i = 0; i < t->num_typenames; i++) {
        if (!name_is(t->typenames[i].name, name, len)) continue;
        CType *found = realize_index(ctx, t->typenames[i].type_index);
        *bare_function = found && ctx->bare_function[t->typenames[i].type_index];
        return found;
    }
    return nullptr;
}

TypeContext *realize_context(const _ffigen_type_context *tables, PyObject *included_ffis) {
    TypeContext *ctx = new TypeContext{tables, PyList_New(0), std::vector<bool>(tables->num_types > 0 ? tables->num_types : 0)};
    ctx->included_ffis = included_ffis;
    for (Py_ssize_t i = 0; included_ffis && i < PyTuple_GET_SIZE(included_ffis); i++)
        ctx->included.push_back(((FFIObject *)PyTuple_GET_ITEM(included_ffis, i))->ctx);
    if (!ctx->realized) {
        context_free(ctx);
        return nullptr;
    }
    // It holds only ctypes, which are no GC objects (see ctype_alloc):
    // a collection walking its thousands of entries could free none.
    PyObject_GC_UnTrack(ctx->realized);
    // Nothing is realized yet: lib realizes a function's type before handing
    // out its wrapper (which reads the realized entries directly), the rest
    // is realized when first used, as CFFI does.
    return ctx;
}

// The realized list is intentionally leaked (see the file comment): only
// the small context record and its hold on the included ffis go.
void context_free(TypeContext *ctx) {
    if (ctx->fills_deferred) deferred_fills.erase(std::find(deferred_fills.begin(), deferred_fills.end(), ctx));
    Py_XDECREF(ctx->included_ffis);
    delete ctx;
}

}  // namespace ffigen_rt
