// abi_tables.cpp: the tables of an out-of-line ABI-mode module, given to
// FFI(module_name, _version=, _types=, _globals=, _struct_unions=, _enums=,
// _typenames=, _includes=) as CFFI's write_py_source_to_f writes them
// (codegen/abi_module.cpp describes the byte forms), turned into the same
// _ffigen_type_context a C module hands over, so realize.cpp and
// typeparse.cpp serve both. The tables live in one AbiTables block that is
// never freed, like a C module's static tables: the ctypes realized from
// them live for the process (realize.cpp) and some read their rows later
// (an enum's names, on first repr), also after the ffi is gone. A module
// builds its ffi once, at import.
//
// What a C module's tables say with C expressions these leave to the
// runtime: no offsets or sizes (the layout is computed), enum integer types
// by number, and integer constants by value: every CONSTANT_INT and ENUM
// global gets one of two shared getters, which read the value from the
// global's size_or_direct_fn (the getter's _ffigen_getconst names the row).
// Functions, variables and typed constants have no address here: the lib
// of ffi.dlopen() finds them by name (dlopen_lib.cpp).
#include "runtime.hpp"

#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace ffigen_rt {

namespace {

struct AbiTables {
    _ffigen_type_context ctx{};
    std::vector<_ffigen_op> types;
    std::vector<_ffigen_global> globals;
    std::vector<_ffigen_field> fields;
    std::vector<_ffigen_struct_union> struct_unions;
    std::vector<_ffigen_enum> enums;
    std::vector<_ffigen_typename> typenames;
    std::deque<std::string> strings;  // the rows' names: a deque never moves them

    const char *keep(const char *s, Py_ssize_t n) { return strings.emplace_back(s, (size_t)n).c_str(); }
};

uintptr_t value_bits(const _ffigen_getconst *gc) { return (uintptr_t)gc->ctx->globals[gc->gindex].size_or_direct_fn; }
int nonnegative_constant(_ffigen_getconst *gc) {
    gc->value = value_bits(gc);
    return 0;
}
int negative_constant(_ffigen_getconst *gc) {
    gc->value = value_bits(gc);
    return 1;
}

int bad_table(const char *what) {
    PyErr_Format(PyExc_ValueError, "invalid ABI-mode tables: %s", what);
    return -1;
}

// A big-endian 4-byte word, sign-extended as CFFI reads them.
int word_at(const char *p) {
    const unsigned char *u = (const unsigned char *)p;
    return (int)(((unsigned)u[0] << 24) | ((unsigned)u[1] << 16) | ((unsigned)u[2] << 8) | u[3]);
}

// A bytes row of at least `words` words: its data and size, or false + error.
bool row_bytes(PyObject *row, int words, const char **data, Py_ssize_t *size) {
    if (!PyBytes_Check(row) || PyBytes_GET_SIZE(row) < 4 * words) {
        bad_table("a row is not bytes of its words and name");
        return false;
    }
    *data = PyBytes_AS_STRING(row);
    *size = PyBytes_GET_SIZE(row);
    return true;
}

int read_types(AbiTables &t, PyObject *types) {
    if (!types) return 0;
    if (!PyBytes_Check(types) || PyBytes_GET_SIZE(types) % 4) return bad_table("_types is not bytes of 4-byte words");
    const char *p = PyBytes_AS_STRING(types);
    for (Py_ssize_t i = 0; i < PyBytes_GET_SIZE(types); i += 4) t.types.push_back((_ffigen_op)(intptr_t)word_at(p + i));
    return 0;
}

int read_global(AbiTables &t, PyObject *row, PyObject *value) {
    const char *p;
    Py_ssize_t n;
    if (!row_bytes(row, 1, &p, &n)) return -1;
    _ffigen_op op = (_ffigen_op)(intptr_t)word_at(p);
    _ffigen_global g = {t.keep(p + 4, n - 4), nullptr, op, nullptr};
    int code = _FFIGEN_OP_CODE(op);
    if (code == _FFIGEN_OP_CONSTANT_INT || code == _FFIGEN_OP_ENUM) {
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
        unsigned long long bits = (unsigned long long)v;
        if (overflow > 0) bits = PyLong_AsUnsignedLongLong(value);
        if (PyErr_Occurred() || overflow < 0) return PyErr_Occurred() ? -1 : bad_table("a constant is below -2**63");
        g.address = (void *)(v < 0 && !overflow ? negative_constant : nonnegative_constant);
        g.size_or_direct_fn = (void *)(uintptr_t)bits;
    }
    t.globals.push_back(g);
    return 0;
}

int read_globals(AbiTables &t, PyObject *globals) {
    if (!globals) return 0;
    if (!PyTuple_Check(globals) || PyTuple_GET_SIZE(globals) % 2) return bad_table("_globals is not a tuple of pairs");
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(globals); i += 2)
        if (read_global(t, PyTuple_GET_ITEM(globals, i), PyTuple_GET_ITEM(globals, i + 1)) < 0) return -1;
    return 0;
}

int read_field(AbiTables &t, PyObject *row) {
    const char *p;
    Py_ssize_t n;
    if (!row_bytes(row, 1, &p, &n)) return -1;
    _ffigen_op op = (_ffigen_op)(intptr_t)word_at(p);
    bool bits = _FFIGEN_OP_CODE(op) == _FFIGEN_OP_BITFIELD;
    if (bits && n < 8) return bad_table("a bitfield row has no width");
    int skip = bits ? 8 : 4;
    t.fields.push_back({t.keep(p + skip, n - skip), (size_t)-1, bits ? (size_t)word_at(p + 4) : (size_t)-1, op});
    return 0;
}

int read_struct(AbiTables &t, PyObject *row) {
    const char *p;
    Py_ssize_t n;
    if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) < 1 || !row_bytes(PyTuple_GET_ITEM(row, 0), 2, &p, &n))
        return PyErr_Occurred() ? -1 : bad_table("a _struct_unions row is not a tuple");
    int flags = word_at(p + 4);
    _ffigen_struct_union s = {t.keep(p + 8, n - 8), word_at(p), flags, (size_t)-1, -1,
                              (int)t.fields.size(), (int)PyTuple_GET_SIZE(row) - 1};
    if (flags & _FFIGEN_F_OPAQUE) s.first_field_index = -1;
    for (Py_ssize_t i = 1; i < PyTuple_GET_SIZE(row); i++)
        if (read_field(t, PyTuple_GET_ITEM(row, i)) < 0) return -1;
    t.struct_unions.push_back(s);
    return 0;
}

int read_enum(AbiTables &t, PyObject *row) {
    const char *p;
    Py_ssize_t n;
    if (!row_bytes(row, 2, &p, &n)) return -1;
    const char *name = p + 8, *end = p + n;
    const char *zero = (const char *)std::memchr(name, 0, (size_t)(end - name));
    if (!zero) return bad_table("an _enums row has no enumerator list");
    t.enums.push_back({t.keep(name, zero - name), word_at(p), word_at(p + 4), t.keep(zero + 1, end - zero - 1)});
    return 0;
}

int read_typename(AbiTables &t, PyObject *row) {
    const char *p;
    Py_ssize_t n;
    if (!row_bytes(row, 1, &p, &n)) return -1;
    t.typenames.push_back({t.keep(p + 4, n - 4), word_at(p)});
    return 0;
}

template <class Read>
int read_rows(AbiTables &t, PyObject *rows, const char *name, Read read) {
    if (!rows) return 0;
    if (!PyTuple_Check(rows)) return PyErr_Format(PyExc_ValueError, "invalid ABI-mode tables: %s is not a tuple", name), -1;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(rows); i++)
        if (read(t, PyTuple_GET_ITEM(rows, i)) < 0) return -1;
    return 0;
}

// What the realizer takes on trust in a C module's tables (static data its
// compiler wrote) is checked here, since these come from a .py file: the
// struct and enum numbers in the type table, and the rows' type entries
// (realize_type checks the other type indices).
bool entry_is(const AbiTables &t, int index, int code, int arg) {
    return index >= 0 && index < (int)t.types.size() && _FFIGEN_OP_CODE(t.types[(size_t)index]) == code
        && _FFIGEN_OP_ARG(t.types[(size_t)index]) == arg;
}

int check_indices(const AbiTables &t) {
    for (size_t i = 0; i < t.types.size(); i++) {
        int code = _FFIGEN_OP_CODE(t.types[i]);
        intptr_t arg = _FFIGEN_OP_ARG(t.types[i]);
        if (code == _FFIGEN_OP_ARRAY && ++i == t.types.size()) return bad_table("an array has no length");
        if (code == _FFIGEN_OP_STRUCT_UNION && (arg < 0 || arg >= (intptr_t)t.struct_unions.size()))
            return bad_table("a struct number is outside _struct_unions");
        if (code == _FFIGEN_OP_ENUM && (arg < 0 || arg >= (intptr_t)t.enums.size()))
            return bad_table("an enum number is outside _enums");
    }
    for (size_t i = 0; i < t.struct_unions.size(); i++)
        if (!entry_is(t, t.struct_unions[i].type_index, _FFIGEN_OP_STRUCT_UNION, (int)i))
            return bad_table("a _struct_unions row's type entry is not its own");
    for (size_t i = 0; i < t.enums.size(); i++)
        if (!entry_is(t, t.enums[i].type_index, _FFIGEN_OP_ENUM, (int)i))
            return bad_table("an _enums row's type entry is not its own");
    return 0;
}

// Points the context at the vectors, which no longer grow.
void seal(AbiTables &t) {
    _ffigen_type_context &c = t.ctx;
    c.types = t.types.data();
    c.num_types = (int)t.types.size();
    c.globals = t.globals.data();
    c.num_globals = (int)t.globals.size();
    c.fields = t.fields.data();
    c.struct_unions = t.struct_unions.data();
    c.num_struct_unions = (int)t.struct_unions.size();
    c.enums = t.enums.data();
    c.num_enums = (int)t.enums.size();
    c.typenames = t.typenames.data();
    c.num_typenames = (int)t.typenames.size();
}

// _includes: the included modules' ffis, as a new tuple (NULL when none).
int included_ffis(PyObject *includes, PyObject **out) {
    *out = nullptr;
    if (!includes || includes == Py_None) return 0;
    if (!PyTuple_Check(includes)) return bad_table("_includes is not a tuple");
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(includes); i++)
        if (!PyObject_TypeCheck(PyTuple_GET_ITEM(includes, i), FFI_Type)) return bad_table("_includes holds a non-ffi");
    *out = Py_NewRef(includes);
    return 0;
}

}  // namespace

TypeContext *abi_context(PyObject *module_name, const AbiArgs &args) {
    long version = args.version ? PyLong_AsLong(args.version) : -1;
    if (version == -1 && PyErr_Occurred()) return nullptr;
    if (version < _FFIGEN_ABI_VERSION_MIN || version > _FFIGEN_ABI_VERSION_MAX) {
        char hex[32];
        std::snprintf(hex, sizeof hex, "%#lx", version);
        PyErr_Format(PyExc_ImportError, "ABI-mode module '%U' has table version %s, which this runtime does not know",
                     module_name, hex);
        return nullptr;
    }
    auto t = std::make_unique<AbiTables>();
    PyObject *ffis = nullptr;
    if (read_types(*t, args.types) < 0 || read_globals(*t, args.globals) < 0
        || read_rows(*t, args.struct_unions, "_struct_unions", read_struct) < 0
        || read_rows(*t, args.enums, "_enums", read_enum) < 0
        || read_rows(*t, args.typenames, "_typenames", read_typename) < 0 || check_indices(*t) < 0
        || included_ffis(args.includes, &ffis) < 0)
        return nullptr;
    seal(*t);
    TypeContext *ctx = realize_context(&t->ctx, ffis);
    if (ctx) t.release();  // kept for good (see the top of the file)
    return ctx;
}

}  // namespace ffigen_rt
