// runtime.hpp: the objects of _ffigen_runtime and the functions the runtime's
// files share. Each object lives in its own file (see the comment at the top
// of each); this header only declares their layouts so the files can reach
// into each other without accessor boilerplate on hot paths.
//
// Process-wide state: the heap types and the primitive ctypes are created
// once when the runtime module is imported and live until the interpreter
// exits (the runtime does not support sub-interpreters; module init refuses
// a second import in the same process only by reusing the same objects).
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <ffi.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

extern "C" {
#include "ffigen_abi.h"
}

namespace ffigen_rt {

// ---- ctype (ctype.cpp) --------------------------------------------------
enum class Kind : unsigned char {
    Void, SignedInt, UnsignedInt, Bool, Char, WChar, Float, LongDouble, Complex,
    Enum, Pointer, Array, Struct, Union, Function,
};

struct CType;

struct Field {
    PyObject *name;      // str (strong)
    CType *type;         // strong
    Py_ssize_t offset;   // bytes
    int bitshift;        // -1 when not a bitfield
    int bitsize;         // -1 when not a bitfield
};

struct CType {
    PyObject_HEAD
    Kind kind;
    bool complete;         // struct/union: fields known (false: opaque)
    bool ellipsis;         // function: variadic
    bool varsize_tail;     // struct has an open array field (`int items[];`, last or at a known offset)
    bool custom_layout;    // struct: the C compiler's layout is not the cdef's natural one ('...;', anonymous members)
    bool packed_layout;    // struct: packing moved a field off its type's alignment
    Py_ssize_t size;       // -1: unknown (void, opaque, function, open array)
    Py_ssize_t align;
    Py_ssize_t length;     // arrays: item count, -1 when open
    CType *item;           // pointer/array: item; function: result (strong)
    PyObject *name;        // str: the C spelling, e.g. 'int *[4]'
    Py_ssize_t name_pos;   // where a declarator goes inside name
    PyObject *args;        // function: tuple of ctypes
    Field *fields;         // struct/union: PyMem array
    Py_ssize_t nfields;
    PyObject *field_index; // dict name -> int index into fields
    PyObject *enum_by_value; // enum: dict int -> name
    PyObject *enum_by_name;  // enum: dict name -> int
    const _ffigen_type_context *enum_tables; // enum: its module's tables (static data) and row, from which
    const _ffigen_enum *enum_row;            // enum_dicts() builds the two dicts when first needed
    CType *pointer_to;     // cached 'T *' (strong)
    PyObject *arrays_of;   // cached dict length -> 'T[length]'
    ffi_cif *cif;          // function: built on first call (PyMem)
    ffi_type **cif_args;   // function: argument ffi types (PyMem)
    ffi_type *struct_ffi;  // struct: ffi_type for by-value passing (PyMem)
    PyObject *layout_error; // struct: (exception type, message) raised at use: the cdef's layout is not
                            // the C compiler's (ffi.error), or what CFFI raises building the struct
    PyObject *weakrefs;
};

extern PyTypeObject *CType_Type;
int ctype_check_layout(CType *t); // -1 + its layout_error when t reaches a struct that has one
int ctype_init_types(PyObject *module);
CType *ctype_alloc(Kind kind, PyObject *name, Py_ssize_t name_pos); // steals name; NULL name: NULL
CType *ctype_primitive(int prim);          // borrowed; NULL + error if unknown
CType *ctype_pointer_to(CType *item);      // new reference
CType *ctype_array_of(CType *item, Py_ssize_t length); // new reference
CType *ctype_function(CType *result, PyObject *args, bool ellipsis); // new ref
CType *ctype_parameter(CType *t);          // new ref: t as a parameter (an array decays to a pointer)
PyObject *ctype_derived_name(CType *base, const char *insert);
Py_ssize_t declarator_offset(CType *t, std::string_view *utf8); // byte offset of name_pos in t's name, -1 + error
bool spell_parameters(CType *const *args, Py_ssize_t n, bool ellipsis, std::string &out); // "(int, ...)"
inline bool ctype_is_integer(const CType *t) {
    return t->kind == Kind::SignedInt || t->kind == Kind::UnsignedInt || t->kind == Kind::Enum
        || t->kind == Kind::Bool;
}
inline bool ctype_is_pointerish(const CType *t) {
    return t->kind == Kind::Pointer || t->kind == Kind::Function;
}
inline bool ctype_is_struct(const CType *t) {
    return t->kind == Kind::Struct || t->kind == Kind::Union;
}
int ctype_check(PyObject *o);
int enum_dicts(CType *t); // realize.cpp: t's enum_by_name/enum_by_value, built on first use: -1 + error
const char *ctype_cname(const CType *t);
// file_type.cpp: FILE, one opaque struct ctype for the process (borrowed;
// NULL + error only if its creation fails), and Python files as FILE *.
CType *ctype_file();
int is_python_file(CType *ptr, PyObject *obj);  // 1 if ptr is FILE * and obj a Python file, 0, or -1 + error
FILE *python_file_as_FILE(PyObject *file);  // NULL + error

// ---- cdata (cdata.cpp) ----------------------------------------------------
enum CDataFlags : int {
    CD_OWNS = 1,      // data was allocated for this object; freed with it
    CD_RELEASED = 2,  // ffi.release()/with-exit ended access (and freed it, unless CD_FREE_LATER)
    CD_FREE_LATER = 4, // released while C calls may use it: freed by dealloc
    CD_OWNED_STRUCT = 8, // p[0] of an owning struct pointer p: its owner is p (cdata_var_size)
};

struct CData {
    PyObject_HEAD
    CType *ctype;      // strong
    char *data;
    PyObject *owner;   // the owning cdata keeping data alive, or NULL (strong)
    Py_ssize_t length; // owning arrays of open ctype: the item count; else -1
    Py_ssize_t alloc_size;
    int flags;
    Py_ssize_t exports; // memoryviews of ffi.buffer(view of this owner) alive: release keeps the memory
    PyObject *weakrefs;
    alignas(16) char inline_value[16]; // value cdata from ffi.cast
};

extern PyTypeObject *CData_Type;
int cdata_init_types(PyObject *module);
void cdata_seal_base(); // after the runtime's own cdata subclasses exist
inline bool is_cdata(PyObject *o) { return Py_IS_TYPE(o, CData_Type) || PyObject_TypeCheck(o, CData_Type); }
CData *cdata_new_pointer(CType *ct, char *ptr, PyObject *owner);      // pointer/function value
CData *cdata_new_view(CType *ct, char *data, PyObject *owner);        // struct/array in place
CData *cdata_new_owning(CType *ct, Py_ssize_t size, Py_ssize_t length, bool clear = true); // zeroed unless !clear
CData *cdata_new_value(CType *ct);                                     // inline value
bool cdata_alive(CData *cd);  // false + error when released
bool cdata_check_releasable(CData *cd); // false + ValueError when cd owns no memory to release
PyObject *cdata_release(PyObject *cd); // cd.__exit__(None, None, None): what ffi.release does per type
PyObject *cdata_root(CData *cd); // the object that owns cd's memory, or NULL
Py_ssize_t cdata_array_length(CData *cd);
Py_ssize_t cdata_known_extent(CData *cd); // bytes known to be valid from cd->data (ffi.new memory, arrays), or -1
// The address of item i from data, computed as the machine does: an index
// far outside the memory gives a wrapped address (as in CFFI), not the
// undefined behaviour of C pointer arithmetic; reading it is another matter.
inline char *item_at(char *data, Py_ssize_t i, Py_ssize_t item_size) {
    return (char *)((uintptr_t)data + (uintptr_t)i * (uintptr_t)item_size);
}
// The bytes ffi.new allocated for a struct with an open array field, when cd
// is that ffi.new result or the struct it points to (p[0]); else -1.
Py_ssize_t cdata_var_size(CData *cd);
const Field *open_array_field(CType *st); // realize.cpp: the struct's open array field, or NULL
// cdata_access.cpp: the cdata type's item and field slots.
PyObject *cdata_subscript(PyObject *self, PyObject *key);
int cdata_ass_subscript(PyObject *self, PyObject *key, PyObject *value);
Py_ssize_t cdata_length(PyObject *self);
PyObject *cdata_getattro(PyObject *self, PyObject *name);
int cdata_setattro(PyObject *self, PyObject *name, PyObject *value);
PyObject *cdata_dir(PyObject *self, PyObject *);

// ---- conversions (convert.cpp) -------------------------------------------
PyObject *to_python(char *data, CType *ct, PyObject *owner);
int from_python(char *data, CType *ct, PyObject *obj);
int write_integer(char *data, CType *ct, PyObject *obj);
// float _Complex / double _Complex memory as a Py_complex and back.
Py_complex read_complex(const char *data, CType *ct);
void store_complex(char *data, CType *ct, Py_complex v);
PyObject *read_integer(const char *data, CType *ct);
PyObject *cdata_repr_unowned(CData *cd); // repr of a live cdata as if it owned nothing (cdata.cpp)
PyObject *read_bool(const char *data); // ValueError unless 0 or 1
int read_bitfield(const char *data, const Field &f, PyObject **out);
int write_bitfield(char *data, const Field &f, PyObject *obj);
int fill_array(char *data, CType *array_or_ptr, PyObject *init);
PyObject *items_snapshot(PyObject *list_or_tuple); // new ref: a tuple of the items as they are now
// Items a struct initializer may write into a trailing open array: 0 except
// while ffi.new initializes memory it sized for them (GIL-protected).
extern Py_ssize_t open_tail_room;
int write_field(char *data, const Field &f, PyObject *value); // one struct field, bitfield or not
Py_ssize_t initializer_length(CType *array_or_ptr, PyObject *init); // -1: not a sequence init
bool pointer_accepts(CType *target, CType *given);
int char_pointer_mix(CType *target, CType *given); // 1: 'char *' on either side (warned), 0: no, -1: error
// CFFI's conversion rules for one C value: NULL + TypeError when refused.
PyObject *integer_value(PyObject *obj);              // new reference to an int
int char_value(PyObject *obj);                       // 0..255, or -1
long wide_char_value(PyObject *obj, CType *ct);      // a code point for wchar_t/char16_t/char32_t, or -1
int check_bool_bytes(const char *data, Py_ssize_t n); // -1 + ValueError unless all bytes are 0 or 1
int fill_exports(void **exports, int version, int ctx_flags); // exports.cpp

// ---- calls through function-pointer cdata (call.cpp) --------------------
PyObject *call_function_pointer(CData *fn, PyObject *const *args, Py_ssize_t nargs);
// call_pins.cpp: ffi.new memory a C call in flight uses is not freed by ffi.release.
void pin_for_call(CData *cd);  // GIL held: cd's memory is an argument of the thread's next call
void call_begins();            // any thread, no GIL needed: around every C call
void call_ends();
bool calls_hold_memory();      // GIL held: some call or write may still use pinned memory
// Held while Python writes into cdata memory: converting the value runs
// Python code (an item's __index__) that may ffi.release that memory.
struct WriteInProgress {
    WriteInProgress();
    ~WriteInProgress();
};

// ---- errors (errors.cpp) ---------------------------------------------------
extern PyObject *FFIError;  // ffi.error
int errors_init(PyObject *module);
PyObject *type_error_expected(CType *ct, const char *expected, PyObject *got);
CData *cdata_arg(PyObject *obj, const char *function);  // obj as a cdata, or NULL + TypeError naming function()

// ---- the ffi and lib objects (ffi_obj.cpp, lib_obj.cpp) ------------------
struct TypeContext;  // realize.cpp

struct FFIObject {
    PyObject_HEAD
    TypeContext *ctx;       // owned (freed with the ffi)
    PyObject *parsed;       // dict: type string -> ctype (cache)
    PyObject *module_name;  // str
    // The last type string resolved and its ctype (strong): the same string
    // object again, as ffi.new("T *") in a loop passes, skips the dict.
    PyObject *last_text;
    CType *last_type;
};

struct LibObject {
    PyObject_HEAD
    FFIObject *ffi;         // strong
    PyObject *dict;         // built attributes (functions, constants)
    PyObject *funcs;        // list: the FuncInfo behind each built function (lib_obj.cpp)
    PyObject *module_name;  // str
    PyObject *included_libs; // tuple of the included modules' libs, looked up after this one; or NULL
    // Names looked up lately and their values (strong), by the name object's
    // address: names in code are interned, the same object comes back, and
    // lib.f then costs no dict lookup (lib_obj.cpp).
    struct Recent {
        PyObject *name, *value;
    } recent[16];
};

extern PyTypeObject *FFI_Type;
extern PyTypeObject *Lib_Type;
int ffi_init_types(PyObject *module);
int lib_init_types(PyObject *module);
FFIObject *ffi_create(PyObject *module_name, TypeContext *ctx);
FFIObject *ffi_alloc(PyTypeObject *type, PyObject *module_name, TypeContext *ctx); // ffi_create for a subclass
LibObject *lib_create(FFIObject *ffi, PyObject *included_libs); // takes included_libs (may be NULL)
PyObject *global_names(const _ffigen_type_context *t); // a new list of the globals' names (lib_obj.cpp)
PyObject *lib_addressof(LibObject *lib, PyObject *name);
CType *lib_function_info(PyObject *o, void **direct); // borrowed; NULL: not a lib function
PyObject *buffer_new(CData *cd, Py_ssize_t size);      // buffer.cpp
int buffer_init_types(PyObject *module);
PyObject *cfield_new(const Field &f, bool later_union_field); // cfield.cpp: a CField of ffi.typeof(...).fields
int cfield_init_types(PyObject *module);
Py_ssize_t prepare_pointer_argument(CType *ptr, PyObject *obj, char **out); // exports.cpp
CType *ffi_resolve_type(FFIObject *ffi, PyObject *arg); // new ref: str or ctype or cdata
PyObject *new_owning(CType *ct, PyObject *init, bool clear); // ffi.new of a resolved ctype (ffi_obj.cpp)
// ffi_bytes.cpp: the methods behind ffi.string, ffi.unpack, ffi.buffer, ffi.memmove.
PyObject *ffi_string(PyObject *, PyObject *args, PyObject *kwargs);
PyObject *ffi_unpack(PyObject *, PyObject *args, PyObject *kwargs);
PyObject *ffi_buffer(PyObject *, PyObject *args, PyObject *kwargs);
PyObject *ffi_memmove(PyObject *, PyObject *args, PyObject *kwargs);

// ---- out-of-line ABI mode (abi_tables.cpp, dlopen_lib.cpp) ----------------
// FFI()'s table arguments, as an ABI-mode module passes them (NULL: not given).
struct AbiArgs {
    PyObject *version, *types, *globals, *struct_unions, *enums, *typenames, *includes;
};
// The realized context of those tables (kept for the process, as a C module's).
TypeContext *abi_context(PyObject *module_name, const AbiArgs &args);
PyObject *ffi_dlopen(PyObject *self, PyObject *args, PyObject *kwargs);
PyObject *ffi_dlclose(PyObject *self, PyObject *lib);
bool is_dlopen_lib(PyObject *o);
PyObject *dlopen_lib_addressof(PyObject *lib, PyObject *name); // ffi.addressof(lib, name) of such a lib
int add_rtld_constants(PyObject *dict);  // RTLD_* into a module's or type's dict
int dlopen_init_types(PyObject *module); // and RTLD_* on the runtime module

// ---- tables -> ctypes (realize.cpp) --------------------------------------
struct TypeContext {
    const _ffigen_type_context *tables;
    PyObject *realized;    // list: types[i] realized, keeps them alive
    std::vector<bool> bare_function; // types[i] was a FUNCTION entry (a pointer to it is itself)
    void *const *fastcall = nullptr; // by global index: the module's METH_FASTCALL wrapper or NULL
                                     // (ffigen extension, ffigen_abi.h); null: the module has none
    PyObject *included_ffis = nullptr;   // tuple of the included modules' ffis (strong), or NULL
    std::vector<TypeContext *> included{}; // their contexts, kept alive by included_ffis
    // Struct ctypes are created before their fields are filled in (pointer
    // cycles, by-value members of later rows): created, not yet filled -> row.
    std::unordered_map<CType *, int> unfilled{};
    std::vector<CType *> unfilled_order{}; // the same, to drain them in linear time
    bool fills_deferred = false;           // listed for fill_deferred (realize_function_type)
};
// Takes the reference to included_ffis (may be NULL), even on failure.
TypeContext *realize_context(const _ffigen_type_context *tables, PyObject *included_ffis);
void context_free(TypeContext *ctx);
CType *realize_index(TypeContext *ctx, int index);  // borrowed
// A lib function's type, the structs it reaches left unfilled until
// fill_deferred(): lib calls ensure_filled() before anything reads them.
CType *realize_function_type(TypeContext *ctx, int index); // borrowed
// A lib function's result and (decayed) parameter types, borrowed, as
// realize_function_type leaves them but without the function ctype, which
// is made only when asked for (a big lib has thousands of functions).
struct Signature {
    CType *result = nullptr;
    std::vector<CType *> args;
    bool variadic = false;
};
int realize_signature(TypeContext *ctx, int index, Signature &sig); // -1 + error
extern std::vector<TypeContext *> deferred_fills;  // the contexts fill_deferred() has left to fill
int fill_deferred();  // -1 + error
inline int ensure_filled() { return deferred_fills.empty() ? 0 : fill_deferred(); }
CType *realize_struct(TypeContext *ctx, int sindex); // borrowed: the struct_unions row's ctype
CType *lookup_struct(TypeContext *ctx, const char *kw, const char *name, size_t len); // borrowed, NULL: none
CType *lookup_enum(TypeContext *ctx, const char *name, size_t len);
// bare_function: the typedef names a function type (`typedef int f(int);`).
CType *lookup_typename(TypeContext *ctx, const char *name, size_t len, bool *bare_function);
int find_global(const _ffigen_type_context *t, const char *name);
// The value of a CONSTANT_INT or ENUM global; returns its getter's flags (bit 0: negative, 2: mismatch).
int read_int_constant(const _ffigen_type_context *t, int gindex, unsigned long long *value);

// ---- ffi.include() (include.cpp) ------------------------------------------
struct Includes {
    PyObject *ffis = nullptr, *libs = nullptr;  // tuples (new references), NULL when none
};
// Imports the modules `names` (NULL-terminated, or NULL) that `module` includes: -1 + ImportError.
int import_includes(const char *module, const char *const *names, Includes *out);
// The ctype of an _FFIGEN_F_EXTERNAL row: the same-named struct of an included module (borrowed).
CType *external_struct(TypeContext *ctx, const _ffigen_struct_union &s);

// ---- type strings (typeparse.cpp) ---------------------------------------
// allow_function: "int(int)" means the function pointer type (ffi.callback).
CType *parse_type_string(TypeContext *ctx, const char *text, bool allow_function = false); // new ref or NULL + ffi.error

// ---- the runtime module (module.cpp) -------------------------------------
// The thread's C-call state (ffigen_abi.h): ffi.errno and the pins that
// conversions took for the next call (call_pins.cpp). In static TLS, so that
// modules reach it inline, at a fixed offset from the thread pointer.
[[gnu::tls_model("initial-exec")]] extern thread_local _ffigen_call_state call_state;
void fill_fast_calls(_ffigen_fast_calls *fast);  // call_pins.cpp
int store_errno(PyObject *value);  // ffi.errno = value (ffi_obj.cpp): -1 + error unless a C int

// ---- part 2: calls into Python, ownership (one file each, see their tops) --
// A call target: (function ctype, callable, error bytes, onerror) tuple.
PyObject *call_target(CType *fn, PyObject *callable, PyObject *error, PyObject *onerror); // callback.cpp
void invoke_python(PyObject *target, void **args, char *result); // any thread; takes the GIL
// PyGILState_Ensure keeping a C thread's thread state, and skipped when the
// thread holds the GIL already (foreign_thread.cpp).
enum GilState : int { GilHeld = -1 };  // or a PyGILState_STATE
GilState foreign_gil_ensure();
void foreign_gil_release(GilState state);
void cdata_init_fields(CData *cd, CType *ct, char *data, int flags); // for cdata subclasses
ffi_cif *function_cif(CType *fn);                 // call.cpp: fn's cached cif (non-variadic)
void call_python(_ffigen_externpy *ext, char *args); // extern_python.cpp: the export
PyObject *gc_wrap(CType *ct, char *data, Py_ssize_t length, PyObject *origobj, PyObject *destructor); // gc.cpp
int callback_init_types(PyObject *module);
int gc_init_types(PyObject *module);
int from_buffer_init_types(PyObject *module);
extern PyTypeObject *FromBuffer_Type;
// Memory whose release the runtime defers while calls, writes or exported
// buffers use it (call_pins.cpp): ffi.new's and ffi.from_buffer's.
inline bool release_may_wait(PyObject *root) {
    return root && (Py_IS_TYPE(root, CData_Type) || Py_IS_TYPE(root, FromBuffer_Type));
}
// Not released, or released with its free deferred: it still holds its memory.
inline bool holds_memory(const CData *cd) { return !(cd->flags & CD_RELEASED) || (cd->flags & CD_FREE_LATER); }
// Freeing it now could pull memory from under a call, a write or an exported buffer.
inline bool release_must_defer(const CData *cd) { return calls_hold_memory() || cd->exports; }
int handle_init_types(PyObject *module);
// ffi methods (bound in ffi_obj.cpp's table)
PyObject *ffi_callback(PyObject *self, PyObject *args, PyObject *kwargs);
PyObject *ffi_def_extern(PyObject *self, PyObject *args, PyObject *kwargs);
PyObject *ffi_gc(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);
PyObject *ffi_from_buffer(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);
// A METH_FASTCALL | METH_KEYWORDS call parsed as PyArg_ParseTupleAndKeywords (fastcall_args.cpp);
// objects it stores are borrowed from args.
bool parse_fastcall_keywords(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, const char *format,
                             const char *const *kwlist, ...);
PyObject *ffi_new_handle(PyObject *self, PyObject *obj);
PyObject *ffi_from_handle(PyObject *self, PyObject *p);
PyObject *ffi_new_allocator(PyObject *self, PyObject *args, PyObject *kwargs);
PyObject *ffi_init_once(PyObject *self, PyObject *args, PyObject *kwargs);

}  // namespace ffigen_rt
