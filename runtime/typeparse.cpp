// typeparse.cpp: C type strings ("struct foo *[4]", "int(*)(int)") to ctypes.
//
// A small hand-written parser. ffigen's front end has a full C grammar
// (Boost.Spirit X3, parser/), but the runtime is a Python extension that
// must build with nothing but the CPython headers and libffi, so it cannot
// depend on Boost; and type names are a tiny language. It takes exactly the
// strings CFFI's ffi.typeof takes: a declarator may name what it declares
// ("int f(int a[])"), `__cdecl`/`__stdcall` may precede a function's '(' or a
// grouping's '*' (both mean the default convention on this platform), an
// array length may be a number or an integer constant or enumerator of the
// module. Names resolve in the module's tables (typedefs, structs, unions,
// enums), then in the standard primitive names, then FILE.
//
// Two passes, as in CFFI: parsing writes the type as a list of parts (a
// pointer, an array, a function and its parameters, parentheses), each
// linked to the part it applies to; building then walks the links from the
// outermost part down to the base and makes the ctypes. Both passes have
// CFFI's limits, so an absurd string fails fast and with CFFI's exception:
// more than 1200 parts is ffi.error, nesting 1000 deep while building is
// RuntimeError; the recursion of either pass is bounded by the part count.
//
// Errors raise ffi.error with the message, the string and a caret under the
// column, e.g. "expected ')'\nint (*x\n       ^" (strings over 500 bytes:
// the message alone).
//
// Grammar (CFFI's):
//   type     := ('const'|'volatile')* base '_Complex'? sequel
//   base     := ('short'|'long'|'signed'|'unsigned')* primitive-word? | 'struct' NAME
//               | 'union' NAME | 'enum' NAME | NAME
//   sequel   := ('*' | 'const' | 'volatile' | conv)* NAME? paren* ('[' length? ']')*
//   paren    := '(' conv? (sequel, the first paren only, if it starts with '*' 'const'
//               'volatile' or '[' and no NAME came before | params) ')'
//   params   := 'void' | (type (',' type)*)? (',' '...')? | '...'
//   conv     := '__cdecl' | '__stdcall'
#include "runtime.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace ffigen_rt {

namespace {

constexpr size_t kMaxParts = 1200;  // as CFFI: the parts one type string may have
constexpr int kMaxDepth = 1000;     // as CFFI: how deep building may nest

enum class Tok : unsigned char {
    End, Star, LParen, RParen, LBracket, RBracket, Comma, Ellipsis, Integer, Name, Other,
    Bool, Char, Complex, Const, Double, Enum, Float, Int, Long, Short, Signed, Struct, Union,
    Unsigned, Void, Volatile, Cdecl, Stdcall,
};

struct Keyword {
    const char *word;
    Tok tok;
};
const Keyword keywords[] = {
    {"_Bool", Tok::Bool}, {"char", Tok::Char}, {"_Complex", Tok::Complex}, {"const", Tok::Const},
    {"double", Tok::Double}, {"enum", Tok::Enum}, {"float", Tok::Float}, {"int", Tok::Int},
    {"long", Tok::Long}, {"short", Tok::Short}, {"signed", Tok::Signed}, {"struct", Tok::Struct},
    {"union", Tok::Union}, {"unsigned", Tok::Unsigned}, {"void", Tok::Void}, {"volatile", Tok::Volatile},
    {"__cdecl", Tok::Cdecl}, {"__stdcall", Tok::Stdcall},
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The token at `pos`, `len` bytes long.
struct Lexer {
    const char *text;
    size_t pos = 0, len = 0;
    Tok tok = Tok::End;

    void next() {
        size_t p = pos + len;
        while (is_space(text[p])) p++;
        pos = p;
        len = 1;
        char c = text[p];
        if (is_name_start(c)) {
            while (is_name_start(text[p + len]) || is_digit(text[p + len])) len++;
            tok = Tok::Name;
            for (const Keyword &k : keywords)
                if (std::strlen(k.word) == len && std::memcmp(k.word, text + p, len) == 0) tok = k.tok;
        } else if (is_digit(c)) {  // the whole number, even "08" or "1e5", which then fail as one
            if (text[p + 1] == 'x' || text[p + 1] == 'X') len = 2;
            while (is_hex_digit(text[p + len])) len++;
            tok = Tok::Integer;
        } else if (std::strncmp(text + p, "...", 3) == 0) {
            len = 3;
            tok = Tok::Ellipsis;
        } else {
            len = c ? 1 : 0;
            tok = c == '*' ? Tok::Star : c == '(' ? Tok::LParen : c == ')' ? Tok::RParen : c == '[' ? Tok::LBracket
                : c == ']' ? Tok::RBracket : c == ',' ? Tok::Comma : c ? Tok::Other : Tok::End;
        }
    }
    bool at(Tok t) const { return tok == t; }
    bool at_qualifier() const { return tok == Tok::Const || tok == Tok::Volatile; }
    bool at_convention() const { return tok == Tok::Cdecl || tok == Tok::Stdcall; }
    char following() const {  // the first character after this token
        size_t p = pos + len;
        while (is_space(text[p])) p++;
        return text[p];
    }
};

// One part of a parsed type. `next` is the part it applies to (a pointer's
// or array's item, a function's result); `sibling` chains a function's
// parameters, each a Pointer (a decayed array or function) or a Paren part.
enum class Part : unsigned char { Base, Pointer, Array, Paren, Function };
struct Node {
    Part part;
    int next = -1;
    int sibling = -1;        // Function: its first parameter; parameter: the following one
    Py_ssize_t length = -1;  // Array: -1 when open
    CType *base = nullptr;   // Base: borrowed (module tables and primitives live until exit)
    bool flag = false;       // Base: a typedef of a function type; Function: variadic
};

struct Parser {
    TypeContext *ctx;
    const char *text;
    Lexer lex{text};
    std::vector<Node> nodes{};
    size_t parts = 0;  // the nodes plus the slots CFFI's encoding adds (array lengths, parameter lists)

    // ffi.error at the current token: returns -1.
    int fail(const char *message) {
        if (std::strlen(text) > 500) {
            PyErr_SetString(FFIError, message);
            return -1;
        }
        std::string shown;
        for (const char *p = text; *p; p++)
            shown += (*p == '\t' || *p == '\n') ? ' ' : (*p >= ' ' && *p < 0x7f) ? *p : '?';
        PyErr_Format(FFIError, "%s\n%s\n%s^", message, shown.c_str(), std::string(lex.pos, ' ').c_str());
        return -1;
    }
    bool charge(size_t n) {
        parts += n;
        if (parts <= kMaxParts) return true;
        fail("the type is too complex (more than 1200 parts)");
        return false;
    }
    int emit(Node n) {
        if (!charge(1)) return -1;
        nodes.push_back(n);
        return (int)nodes.size() - 1;
    }

    // The primitive the words short/long/signed/unsigned (counted in
    // `length`, `sign`) and the current token spell, or -1 after an error.
    int modified_primitive(int length, int sign) {
        switch (lex.tok) {
        case Tok::Double:
            if (sign || length != 1) return fail("invalid combination of types");
            lex.next();
            return _FFIGEN_PRIM_LONGDOUBLE;
        case Tok::Char:
            if (length) return fail("invalid combination of types");
            lex.next();
            return sign > 0 ? _FFIGEN_PRIM_SCHAR : _FFIGEN_PRIM_UCHAR;
        case Tok::Void: case Tok::Bool: case Tok::Float: case Tok::Struct: case Tok::Union: case Tok::Enum:
        case Tok::Complex:
            return fail("invalid combination of types");
        case Tok::Int: lex.next(); break;
        default: break;
        }
        bool u = sign < 0;
        switch (length) {
        case -1: return u ? _FFIGEN_PRIM_USHORT : _FFIGEN_PRIM_SHORT;
        case 1: return u ? _FFIGEN_PRIM_ULONG : _FFIGEN_PRIM_LONG;
        case 2: return u ? _FFIGEN_PRIM_ULONGLONG : _FFIGEN_PRIM_LONGLONG;
        default: return u ? _FFIGEN_PRIM_UINT : _FFIGEN_PRIM_INT;
        }
    }

    // A NAME as a type: a typedef of the module, a standard name, FILE.
    CType *named_type(bool *bare) {
        const char *name = text + lex.pos;
        CType *t = lookup_typename(ctx, name, lex.len, bare);
        if (t || PyErr_Occurred()) return t;
        std::string word(name, lex.len);
        for (int p = 0; p < _FFIGEN_PRIM_COUNT; p++)
            if (word == ctype_cname(ctype_primitive(p))) return ctype_primitive(p);
        if (word == "FILE") return ctype_file();
        return fail("undefined type name"), nullptr;
    }

    CType *tagged_type() {
        Tok kw = lex.tok;
        lex.next();
        if (!lex.at(Tok::Name))
            return fail(kw == Tok::Enum ? "enum name expected" : "struct or union name expected"), nullptr;
        const char *name = text + lex.pos;
        if (kw == Tok::Enum) {
            CType *e = lookup_enum(ctx, name, lex.len);
            return e || PyErr_Occurred() ? e : (fail("undefined enum name"), nullptr);
        }
        std::string keyword = kw == Tok::Union ? "union" : "struct", other = kw == Tok::Union ? "struct" : "union";
        CType *t = lookup_struct(ctx, keyword.c_str(), name, lex.len);
        if (t || PyErr_Occurred()) return t;
        if (lookup_struct(ctx, other.c_str(), name, lex.len))
            return fail(("'" + std::string(name, lex.len) + "' is a " + other + ", not a " + keyword).c_str()), nullptr;
        if (PyErr_Occurred()) return nullptr;
        if (kw == Tok::Struct && std::string(name, lex.len) == "_IO_FILE") return ctype_file();
        return fail("undefined struct/union name"), nullptr;
    }

    // type := qualifier* base '_Complex'? sequel; returns its first part's index.
    int type() {
        while (lex.at_qualifier()) lex.next();
        int length = 0, sign = 0;  // short: -1, long: 1 or 2; signed: 1, unsigned: -1
        for (;; lex.next()) {
            if (lex.at(Tok::Short) && length != 0) return fail("'short' after 'short' or 'long'");
            if (lex.at(Tok::Long) && length < 0) return fail("'long' after 'short'");
            if (lex.at(Tok::Long) && length >= 2) return fail("'long long long' is too long");
            if ((lex.at(Tok::Signed) || lex.at(Tok::Unsigned)) && sign) return fail("more than one 'signed' or 'unsigned'");
            if (lex.at(Tok::Short)) length--;
            else if (lex.at(Tok::Long)) length++;
            else if (lex.at(Tok::Signed)) sign = 1;
            else if (lex.at(Tok::Unsigned)) sign = -1;
            else break;
        }
        CType *base = nullptr;
        bool bare = false;
        int complex_prim = -1;  // the _Complex primitive of float and double
        if (length || sign) {
            int prim = modified_primitive(length, sign);
            if (prim < 0) return -1;
            base = ctype_primitive(prim);
        } else {
            switch (lex.tok) {
            case Tok::Int: base = ctype_primitive(_FFIGEN_PRIM_INT); break;
            case Tok::Char: base = ctype_primitive(_FFIGEN_PRIM_CHAR); break;
            case Tok::Void: base = ctype_primitive(_FFIGEN_PRIM_VOID); break;
            case Tok::Bool: base = ctype_primitive(_FFIGEN_PRIM_BOOL); break;
            case Tok::Float:
                base = ctype_primitive(_FFIGEN_PRIM_FLOAT);
                complex_prim = _FFIGEN_PRIM_FLOATCOMPLEX;
                break;
            case Tok::Double:
                base = ctype_primitive(_FFIGEN_PRIM_DOUBLE);
                complex_prim = _FFIGEN_PRIM_DOUBLECOMPLEX;
                break;
            case Tok::Name: base = named_type(&bare); break;
            case Tok::Struct: case Tok::Union: case Tok::Enum: base = tagged_type(); break;
            default: return fail("identifier expected");
            }
            if (!base) return -1;
            lex.next();
        }
        if (lex.at(Tok::Complex)) {
            if (complex_prim < 0) return fail("_Complex goes only after float or double");
            base = ctype_primitive(complex_prim);
            lex.next();
        }
        Node n{Part::Base};
        n.base = base;
        n.flag = bare;
        int b = emit(n);
        return b < 0 ? -1 : sequel(b);
    }

    // An array length: a number or an integer constant of the module; -1 after an error.
    Py_ssize_t array_length() {
        if (lex.at(Tok::Integer)) {
            char *end;
            errno = 0;
            unsigned long long n = std::strtoull(text + lex.pos, &end, 0);
            if (end != text + lex.pos + lex.len) return fail("invalid number");
            if (errno == ERANGE || n > (unsigned long long)PY_SSIZE_T_MAX) return fail("number too large");
            return (Py_ssize_t)n;
        }
        int g = lex.at(Tok::Name) ? find_global(ctx->tables, std::string(text + lex.pos, lex.len).c_str()) : -1;
        int code = g >= 0 ? _FFIGEN_OP_CODE(ctx->tables->globals[g].type_op) : -1;
        if (code == _FFIGEN_OP_CONSTANT_INT || code == _FFIGEN_OP_ENUM) {
            unsigned long long v = 0;
            // flags: 1 when <= 0, 2 when the C compiler disagrees with the cdef
            int flags = read_int_constant(ctx->tables, g, &v);
            if (flags == 0 && v > (unsigned long long)PY_SSIZE_T_MAX) return fail("integer constant too large");
            if (flags == 0 || v == 0) return (Py_ssize_t)v;
            if (flags != 1) return fail("the C compiler disagrees with the cdef about this constant's value");
        }
        return fail("expected a positive integer constant");
    }

    // params, after '(': emits the Function part and its parameters.
    int params() {
        if (lex.at(Tok::Void) && lex.following() == ')') lex.next();
        int f = emit(Node{Part::Function});
        if (f < 0) return -1;
        int last = f, count = 0;
        bool variadic = false;
        while (!lex.at(Tok::RParen) || count) {  // after a ',' a parameter must follow
            if (lex.at(Tok::Ellipsis)) {
                variadic = true;
                lex.next();
                break;
            }
            int a = type();
            if (a < 0) return -1;
            Node slot{Part::Paren};  // arrays and functions decay to pointers
            slot.next = a;
            if (nodes[a].part == Part::Array) slot = Node{Part::Pointer, nodes[a].next};
            else if (nodes[a].part == Part::Function) slot.part = Part::Pointer;
            int s = emit(slot);
            if (s < 0) return -1;
            nodes[last].sibling = s;
            last = s;
            count++;
            if (!lex.at(Tok::Comma)) break;
            lex.next();
        }
        nodes[f].flag = variadic;
        // CFFI's slots: at least one for the parameters, one for '...', one for the end
        return charge(1 + (count + variadic == 0) + variadic) ? f : -1;
    }

    // sequel: what follows the base, applied to the part `outer`. Returns
    // the index of the type's outermost part.
    int sequel(int outer) {
        bool convention = false;
        for (;; lex.next()) {
            if (lex.at(Tok::Star) && (outer = emit(Node{Part::Pointer, outer})) < 0) return -1;
            if (lex.at_convention()) convention = true;
            else if (!lex.at(Tok::Star) && !lex.at_qualifier()) break;
        }
        bool may_group = !lex.at(Tok::Name);
        if (!may_group) lex.next();  // the declared name: ignored
        int head = -1, link = -1;    // link: the part whose `next` the following part fills
        auto attach = [&](int part) {
            (link < 0 ? head : nodes[link].next) = part;
            link = part;
        };
        for (bool first = true; lex.at(Tok::LParen); first = false) {
            lex.next();
            if (lex.at_convention()) {
                convention = true;
                lex.next();
            }
            if (first && may_group && (lex.at(Tok::Star) || lex.at_qualifier() || lex.at(Tok::LBracket))) {
                int paren = emit(Node{Part::Paren});
                if (paren < 0 || (head = sequel(paren)) < 0) return -1;
                link = paren;
            } else {
                int f = params();
                if (f < 0) return -1;
                attach(f);
                convention = false;
            }
            if (!lex.at(Tok::RParen)) return fail("expected ')'");
            lex.next();
        }
        if (convention) return fail("expected '('");
        while (lex.at(Tok::LBracket)) {
            lex.next();
            Node array{Part::Array};
            if (!lex.at(Tok::RBracket)) {
                if ((array.length = array_length()) < 0) return -1;
                lex.next();
            }
            int a = emit(array);
            if (a < 0 || (array.length >= 0 && !charge(1))) return -1;  // CFFI stores a length apart
            attach(a);
            if (!lex.at(Tok::RBracket)) return fail("expected ']'");
            lex.next();
        }
        attach(outer);
        return head;
    }
};

// "int(int)" from the function ctype "int(*)(int)".
PyObject *bare_function_error(CType *fn) {
    PyObject *head = PyUnicode_Substring(fn->name, 0, fn->name_pos - 2);
    PyObject *tail = PyUnicode_Substring(fn->name, fn->name_pos + 1, PY_SSIZE_T_MAX);
    if (head && tail)
        PyErr_Format(FFIError, "the type '%U%U' is a function type, not a pointer-to-function type", head, tail);
    Py_XDECREF(head);
    Py_XDECREF(tail);
    return nullptr;
}

// Building: the ctype of part `index` (new reference); *bare: it is a
// function type (its ctype is the pointer to it).
struct Builder {
    const std::vector<Node> &nodes;

    CType *build(int index, int depth, bool *bare) {
        *bare = false;
        if (depth >= kMaxDepth) {
            PyErr_SetString(PyExc_RuntimeError, "the type nests too deep to be built (1000 levels)");
            return nullptr;
        }
        const Node &n = nodes[index];
        switch (n.part) {
        case Part::Base:
            *bare = n.flag;
            return (CType *)Py_NewRef(n.base);
        case Part::Paren: return build(n.next, depth + 1, bare);
        case Part::Pointer: {
            bool to_function;
            CType *item = build(n.next, depth + 1, &to_function);
            if (!item || to_function) return item;
            CType *p = ctype_pointer_to(item);
            Py_DECREF(item);
            return p;
        }
        case Part::Array: {
            CType *item = value(n.next, depth + 1);
            CType *a = item ? ctype_array_of(item, n.length) : nullptr;
            Py_XDECREF(item);
            return a;
        }
        case Part::Function: *bare = true; return function(n, depth);
        }
        return nullptr;
    }

    // A part that must not be a function type (a function pointer is fine).
    CType *value(int index, int depth) {
        bool bare;
        CType *t = build(index, depth, &bare);
        if (t && bare) {
            bare_function_error(t);
            Py_CLEAR(t);
        }
        return t;
    }

    // As libffi needs: a result of known size or void, parameters of known size.
    static bool usable(CType *t, bool result) {
        bool unknown = t->size < 0 || (ctype_is_struct(t) && !t->complete);
        if (result && (t->kind == Kind::Array || (unknown && t->kind != Kind::Void))) {
            PyErr_Format(PyExc_TypeError, unknown && ctype_is_struct(t) ? "result type '%U' is opaque"
                                                                      : "invalid result type: '%U'", t->name);
            return false;
        }
        if (!result && unknown) {
            PyErr_Format(PyExc_TypeError, "ctype '%U' has incomplete type", t->name);
            return false;
        }
        return true;
    }

    CType *function(const Node &f, int depth) {
        CType *result = value(f.next, depth + 1);
        if (!result || !usable(result, true)) {
            Py_XDECREF(result);
            return nullptr;
        }
        PyObject *args = PyList_New(0);
        for (int s = f.sibling; args && s >= 0; s = nodes[s].sibling) {
            CType *a = value(s, depth + 1);
            CType *p = a && usable(a, false) ? ctype_parameter(a) : nullptr;  // a typedef'd array decays here
            if (!p || PyList_Append(args, (PyObject *)p) < 0) Py_CLEAR(args);
            Py_XDECREF(a);
            Py_XDECREF(p);
        }
        PyObject *tuple = args ? PyList_AsTuple(args) : nullptr;
        Py_XDECREF(args);
        CType *fn = tuple ? ctype_function(result, tuple, f.flag) : nullptr;
        Py_XDECREF(tuple);
        Py_DECREF(result);
        return fn;
    }
};

}  // namespace

CType *parse_type_string(TypeContext *ctx, const char *text, bool allow_function) {
    Parser p{ctx, text};
    p.lex.next();
    int top = p.type();
    if (top < 0) return nullptr;
    if (!p.lex.at(Tok::End)) return p.fail("unexpected text after the type"), nullptr;
    bool bare;
    CType *t = Builder{p.nodes}.build(top, 0, &bare);
    if (!t) return nullptr;
    if (ctype_check_layout(t) < 0 || (bare && !allow_function)) {
        if (!PyErr_Occurred()) bare_function_error(t);
        Py_DECREF(t);
        return nullptr;
    }
    return t;
}

}  // namespace ffigen_rt
