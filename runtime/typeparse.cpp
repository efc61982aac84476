// typeparse.cpp: C type strings ("struct foo *[4]", "int(*)(int)") to ctypes.
//
// A small hand-written recursive-descent parser. ffigen's front end has a
// full C grammar (Boost.Spirit X3, parser/), but the runtime is a Python
// extension that must build with nothing but the CPython headers and
// libffi, so it cannot depend on Boost; and type names are a tiny language.
// Names resolve in the module's tables (typedefs, structs, unions, enums)
// and then in the built-in primitive names. The parser owns nothing: it
// returns a new reference to a ctype, which ffi_obj.cpp caches per string.
// Errors raise ffi.error with the message, the string and a caret under the
// column, e.g. "expected ')'\nint (*x\n       ^".
//
// Grammar:
//   type       := qualifier* base qualifier* declarator
//   base       := primitive-word+ | ('struct'|'union'|'enum') IDENT | IDENT
//   declarator := ('*' qualifier*)* direct
//   direct     := '(' declarator ')' suffix* | suffix*
//   suffix     := '[' NUMBER? ']' | '(' params ')'
//   params     := ε | 'void' | type (',' type)* (',' '...')? | '...'
#include "runtime.hpp"

#include <cctype>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace ffigen_rt {

namespace {

struct Parser {
    TypeContext *ctx;
    const char *text;
    size_t pos = 0;
    bool bare_function = false;  // the last result is a function, not a pointer to one

    void skip_space() {
        while (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n') pos++;
    }
    bool at_ident() {
        skip_space();
        return std::isalpha((unsigned char)text[pos]) || text[pos] == '_' || text[pos] == '$';
    }
    std::string peek_ident() {
        skip_space();
        size_t end = pos;
        while (std::isalnum((unsigned char)text[end]) || text[end] == '_' || text[end] == '$') end++;
        return std::string(text + pos, end - pos);
    }
    std::string take_ident() {
        std::string id = peek_ident();
        pos += id.size();
        return id;
    }
    bool accept(char c) {
        skip_space();
        if (text[pos] != c) return false;
        pos++;
        return true;
    }
    bool at(char c) {
        skip_space();
        return text[pos] == c;
    }

    CType *fail(const char *message, size_t column) {
        std::string caret(column, ' ');
        PyErr_Format(FFIError, "%s\n%s\n%s^", message, text, caret.c_str());
        return nullptr;
    }
    CType *fail_here(const char *message) {
        skip_space();
        return fail(message, pos);
    }

    static bool is_qualifier(const std::string &w) {
        return w == "const" || w == "volatile" || w == "restrict" || w == "__restrict" || w == "__restrict__"
            || w == "__const";
    }
    void skip_qualifiers() {
        while (at_ident() && is_qualifier(peek_ident())) take_ident();
    }

    // primitive-word+: counts the words, then names the one C type they spell.
    CType *primitive_words(size_t start) {
        int n_long = 0, n_short = 0, n_signed = 0, n_unsigned = 0;
        bool is_complex = false, after_base = false;
        std::string base;
        while (at_ident()) {
            std::string w = peek_ident();
            bool was_after_base = std::exchange(after_base, false);
            if (w == "_Complex" && was_after_base) is_complex = true;  // right after the base word, as in CFFI
            else if (w == "long") n_long++;
            else if (w == "short") n_short++;
            else if (w == "signed") n_signed++;
            else if (w == "unsigned") n_unsigned++;
            else if ((w == "int" || w == "char" || w == "void" || w == "float" || w == "double" || w == "_Bool")
                     && base.empty()) {
                base = w;
                after_base = true;
            }
            else if (is_qualifier(w)) {}
            else break;
            take_ident();
        }
        int prim = -1;
        bool sign_given = n_signed + n_unsigned > 0, unsig = n_unsigned > 0;
        if (n_signed + n_unsigned > 1 || n_short + n_long > 2 || (n_short && n_long)) prim = -1;
        else if (base == "void") prim = sign_given || n_long || n_short ? -1 : _FFIGEN_PRIM_VOID;
        else if (base == "_Bool") prim = sign_given || n_long || n_short ? -1 : _FFIGEN_PRIM_BOOL;
        else if (base == "float") prim = sign_given || n_long || n_short ? -1 : _FFIGEN_PRIM_FLOAT;
        else if (base == "double") prim = sign_given || n_short || n_long > 1 ? -1 : n_long ? _FFIGEN_PRIM_LONGDOUBLE : _FFIGEN_PRIM_DOUBLE;
        else if (base == "char") prim = n_long || n_short ? -1 : !sign_given ? _FFIGEN_PRIM_CHAR : unsig ? _FFIGEN_PRIM_UCHAR : _FFIGEN_PRIM_SCHAR;
        else if (n_short) prim = unsig ? _FFIGEN_PRIM_USHORT : _FFIGEN_PRIM_SHORT;
        else if (n_long == 1) prim = unsig ? _FFIGEN_PRIM_ULONG : _FFIGEN_PRIM_LONG;
        else if (n_long == 2) prim = unsig ? _FFIGEN_PRIM_ULONGLONG : _FFIGEN_PRIM_LONGLONG;
        else prim = unsig ? _FFIGEN_PRIM_UINT : _FFIGEN_PRIM_INT;
        if (is_complex)
            prim = prim == _FFIGEN_PRIM_FLOAT ? _FFIGEN_PRIM_FLOATCOMPLEX
                   : prim == _FFIGEN_PRIM_DOUBLE ? _FFIGEN_PRIM_DOUBLECOMPLEX : -1;
        if (prim < 0) return fail("invalid combination of type words", start);
        return (CType *)Py_NewRef(ctype_primitive(prim));
    }

    static bool is_primitive_word(const std::string &w) {
        static const char *words[] = {"long", "short", "signed", "unsigned", "int", "char", "void", "float", "double", "_Bool"};
        for (const char *x : words)
            if (w == x) return true;
        return false;
    }

    // base := primitive-word+ | ('struct'|'union'|'enum') IDENT | IDENT
    CType *base_type() {
        skip_qualifiers();
        skip_space();
        size_t start = pos;
        if (!at_ident()) return fail_here("expected a type name");
        std::string w = peek_ident();
        CType *t = nullptr;
        if (is_primitive_word(w)) {
            t = primitive_words(start);
        } else if (w == "struct" || w == "union" || w == "enum") {
            take_ident();
            if (!at_ident()) return fail_here("expected a name after 'struct', 'union' or 'enum'");
            size_t name_at = pos;
            std::string name = take_ident();
            CType *found = w == "enum" ? lookup_enum(ctx, name.data(), name.size())
                                       : lookup_struct(ctx, w.c_str(), name.data(), name.size());
            if (!found) {
                if (PyErr_Occurred()) return nullptr;
                return fail(w == "enum" ? "undefined enum name" : "undefined struct/union name", name_at);
            }
            t = (CType *)Py_NewRef(found);
        } else {
            take_ident();
            CType *found = lookup_typename(ctx, w.data(), w.size(), &bare_function);
            if (!found && PyErr_Occurred()) return nullptr;
            if (!found) {
                for (int p = 0; p < _FFIGEN_PRIM_COUNT && !found; p++) {
                    PyErr_Clear();
                    CType *prim = ctype_primitive(p);
                    if (prim && w == ctype_cname(prim)) found = prim;
                }
                PyErr_Clear();
            }
            if (!found) return fail("undefined type name", start);
            t = (CType *)Py_NewRef(found);
        }
        skip_qualifiers();
        return t;
    }

    struct Suffix {
        bool is_function;
        Py_ssize_t length;          // arrays: -1 when open
        std::vector<CType *> args;  // functions (new references)
        bool ellipsis;
        size_t column;
    };

    // params := ε | 'void' | type (',' type)* (',' '...')? | '...'
    bool params(Suffix &s) {
        if (accept(')')) return true;
        size_t save = pos;
        if (peek_ident() == "void") {
            take_ident();
            if (accept(')')) return true;
            pos = save;
        }
        for (;;) {
            skip_space();
            if (std::strncmp(text + pos, "...", 3) == 0) {
                pos += 3;
                s.ellipsis = true;
                if (!accept(')')) return fail_here("expected ')' after '...'"), false;
                return true;
            }
            CType *a = full_type();
            if (!a) return false;
            if (a->kind == Kind::Array) {  // decays
                CType *p = ctype_pointer_to(a->item);
                Py_DECREF(a);
                if (!(a = p)) return false;
            }
            s.args.push_back(a);
            if (accept(')')) return true;
            if (!accept(',')) return fail_here("expected ',' or ')'"), false;
        }
    }

    bool suffixes(std::vector<Suffix> &out) {
        for (;;) {
            skip_space();
            size_t column = pos;
            if (accept('[')) {
                Suffix s{false, -1, {}, false, column};
                skip_space();
                if (std::isdigit((unsigned char)text[pos])) {
                    char *end;
                    errno = 0;
                    unsigned long long n = std::strtoull(text + pos, &end, 0);
                    if (errno || n > (unsigned long long)PY_SSIZE_T_MAX) return fail_here("array length too large"), false;
                    s.length = (Py_ssize_t)n;
                    pos = end - text;
                } else if (!at(']')) {
                    return fail_here("expected a positive integer constant"), false;
                }
                if (!accept(']')) return fail_here("expected ']'"), false;
                out.push_back(std::move(s));
            } else if (accept('(')) {
                Suffix s{true, -1, {}, false, column};
                bool ok = params(s);
                out.push_back(std::move(s));
                if (!ok) return false;
            } else {
                return true;
            }
        }
    }

    // Applies suffixes right to left: int[2][3] is 2 arrays of int[3].
    CType *apply(CType *base, std::vector<Suffix> &list, bool bare) {
        CType *t = (CType *)Py_NewRef(base);
        for (size_t i = list.size(); i-- > 0;) {
            Suffix &s = list[i];
            CType *next;
            if (bare) {
                Py_DECREF(t);
                return fail("a function cannot return a function or be an array item", s.column);
            }
            if (s.is_function) {
                if (t->kind == Kind::Array) {
                    Py_DECREF(t);
                    return fail("a function cannot return an array", s.column);
                }
                PyObject *args = PyTuple_New((Py_ssize_t)s.args.size());
                if (!args) {
                    Py_DECREF(t);
                    return nullptr;
                }
                for (size_t k = 0; k < s.args.size(); k++) PyTuple_SET_ITEM(args, k, Py_NewRef(s.args[k]));
                next = ctype_function(t, args, s.ellipsis);
                Py_DECREF(args);
                bare = true;
            } else {
                if (s.length < 0 && i != 0) {
                    Py_DECREF(t);
                    return fail("only the outermost array may have no length", s.column);
                }
                next = ctype_array_of(t, s.length);
            }
            Py_DECREF(t);
            if (!(t = next)) return nullptr;
        }
        bare_function = bare;
        return t;
    }

    static void release(std::vector<Suffix> &list) {
        for (Suffix &s : list)
            for (CType *a : s.args) Py_DECREF(a);
    }

    // declarator := ('*' qualifier*)* direct
    CType *declarator(CType *base) {
        CType *t = (CType *)Py_NewRef(base);
        while (accept('*')) {
            if (bare_function) {  // '*' on a bare function: its ctype is the pointer type
                bare_function = false;
            } else {
                CType *p = ctype_pointer_to(t);
                Py_DECREF(t);
                if (!p) return nullptr;
                t = p;
            }
            skip_qualifiers();
        }
        bool bare = bare_function;  // params parsed below overwrite bare_function
        skip_space();
        size_t open = pos;
        if (text[pos] == '(') {
            size_t after = pos + 1;
            while (text[after] == ' ') after++;
            if (text[after] == '*' || text[after] == '(') {
                // direct := '(' declarator ')' suffix*: the suffixes apply first.
                int depth = 0;
                size_t close = pos;
                for (; text[close]; close++) {
                    if (text[close] == '(') depth++;
                    else if (text[close] == ')' && --depth == 0) break;
                }
                if (!text[close]) {
                    Py_DECREF(t);
                    pos = close;
                    return fail_here("expected ')'");
                }
                pos = close + 1;
                std::vector<Suffix> list;
                bool ok = suffixes(list);
                CType *outer = ok ? apply(t, list, bare) : nullptr;
                release(list);
                Py_DECREF(t);
                if (!outer) return nullptr;
                size_t end = pos;
                pos = open + 1;
                CType *inner = declarator(outer);
                Py_DECREF(outer);
                if (!inner) return nullptr;
                if (!accept(')')) {
                    Py_DECREF(inner);
                    return fail_here("expected ')'");
                }
                pos = end;
                return inner;
            }
        }
        std::vector<Suffix> list;
        bool ok = suffixes(list);
        CType *r = ok ? apply(t, list, bare) : nullptr;
        release(list);
        Py_DECREF(t);
        return r;
    }

    CType *full_type() {
        bare_function = false;
        CType *base = base_type();
        if (!base) return nullptr;
        CType *t = declarator(base);
        Py_DECREF(base);
        return t;
    }
};

}  // namespace

CType *parse_type_string(TypeContext *ctx, const char *text, bool allow_function) {
    Parser p{ctx, text};
    CType *t = p.full_type();
    if (!t) return nullptr;
    p.skip_space();
    if (text[p.pos] != 0) {
        Py_DECREF(t);
        return p.fail_here("unexpected text after the type");
    }
    if (ctype_check_layout(t) < 0) {
        Py_DECREF(t);
        return nullptr;
    }
    if (p.bare_function && !allow_function) {
        Py_DECREF(t);
        PyErr_Format(FFIError, "the type '%s' is a function type, not a pointer-to-function type", text);
        return nullptr;
    }
    return t;
}

}  // namespace ffigen_rt
