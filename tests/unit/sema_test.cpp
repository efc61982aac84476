// Sema: every construct of the cdef language resolves into the model, and
// each misuse is reported with a message that names the offending thing.
#include <doctest/doctest.h>

#include "tests/unit/frontend_util.hpp"

using namespace ffigen;
using namespace ffigen::model;
using ffigen::testing::analyze;
using ffigen::testing::spelled;

namespace {

const RecordType* record_named(const Module& m, const std::string& tag_or_typedef) {
    for (auto* r : m.records)
        if (r->tag == tag_or_typedef || r->typedef_name == tag_or_typedef) return r;
    return nullptr;
}

const Constant* constant_named(const Module& m, const std::string& name) {
    for (auto& c : m.constants)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("every spelling of the primitive types resolves to the canonical primitive") {
    struct Case {
        const char* decl;
        const char* spelling;
    };
    const Case cases[] = {
        {"unsigned x;", "unsigned int"},
        {"signed x;", "int"},
        {"short unsigned x;", "unsigned short"},
        {"unsigned short int x;", "unsigned short"},
        {"long int x;", "long"},
        {"int long unsigned x;", "unsigned long"},
        {"long long int x;", "long long"},
        {"unsigned long long x;", "unsigned long long"},
        {"signed char x;", "signed char"},
        {"char unsigned x;", "unsigned char"},
        {"char x;", "char"},
        {"long double x;", "long double"},
        {"_Bool x;", "_Bool"},
        {"bool x;", "_Bool"},
        {"float _Complex x;", "float _Complex"},
        {"double _Complex x;", "double _Complex"},
        {"wchar_t x;", "wchar_t"},
        {"char16_t x;", "char16_t"},
        {"char32_t x;", "char32_t"},
        {"uint64_t x;", "uint64_t"},
        {"int_least16_t x;", "int_least16_t"},
        {"uint_fast32_t x;", "uint_fast32_t"},
        {"intptr_t x;", "intptr_t"},
        {"ssize_t x;", "ssize_t"},
        {"uintmax_t x;", "uintmax_t"},
        {"DWORD x;", "unsigned long"},
        {"LPCSTR x;", "const char *"},
        {"HANDLE x;", "void *"},
        {"BOOL x;", "int"},
        {"UINT64 x;", "unsigned long long"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.decl);
        auto a = analyze(c.decl);
        REQUIRE(a->ok());
        CHECK(spelled(*a->module, "x") == c.spelling);
    }
}

TEST_CASE("invalid combinations of type words are errors") {
    for (const char* decl :
         {"long short x;", "signed unsigned x;", "long long long x;", "int int x;",
          "unsigned float x;", "long double _Complex x;", "short char x;"}) {
        CAPTURE(decl);
        auto a = analyze(decl);
        CHECK(a->error().find("unsupported or invalid type") == 0);
    }
    CHECK(analyze("const x;")->error() == "type specifier missing");
    CHECK(analyze("typedef int T; T unsigned x;")->error() ==
          "cannot combine 'unsigned' with a type name");
    CHECK(analyze("struct *p;")->error() == "expected a tag or '{' after 'struct'");
}

TEST_CASE("FILE is an opaque struct known by its typedef name; a cdef's own typedef wins") {
    auto a = analyze("FILE *open_it(const char *path);");
    REQUIRE(a->ok());
    CHECK(spelled(*a->module, "open_it") == "FILE *(const char *)");
    auto r = record_named(*a->module, "FILE");
    REQUIRE(r);
    CHECK(r->completeness == Completeness::Opaque);
    CHECK(r->tag == "_IO_FILE");  // CFFI's name, by which runtimes share one FILE ctype
    CHECK(analyze("struct s { FILE f; };")->error() ==
          "field 'f' has opaque type 'FILE' ('typedef ...'): its layout is not in the cdef, so it "
          "may be held only through a pointer");
    auto own = analyze("typedef int DWORD; DWORD x;");
    REQUIRE(own->ok());
    CHECK(spelled(*own->module, "x") == "DWORD");
}

TEST_CASE("unknown type names are reported by name") {
    auto a = analyze("typedef uint32 handle_t;");
    CHECK(a->error() == "unknown type name 'uint32'");
    CHECK(analyze("void f(foo_t);")->error() == "unknown type name 'foo_t'");
    CHECK(analyze("struct s { mytype *p; };")->error() == "unknown type name 'mytype'");
}

TEST_CASE("qualifiers and calling conventions") {
    auto a = analyze(
        "char *const volatile p; const char *restrict q; char *__restrict__ r;"
        "int __stdcall sf(int); int (__cdecl *cfp)(int); int WINAPI wf(void);");
    REQUIRE(a->ok());
    CHECK(spelled(*a->module, "p") == "char *const volatile");
    CHECK(spelled(*a->module, "q") == "const char *__restrict");
    CHECK(a->module->functions[0].type->callconv == CallConv::Stdcall);
    CHECK(a->module->functions[1].type->callconv == CallConv::Stdcall);
    CHECK(a->module->constants[0].name == "p");  // const-qualified: a constant, as in CFFI
    auto fp = a->module->variables[2].type.type->as<PointerType>();
    REQUIRE(fp);
    CHECK(fp->pointee.type->as<FunctionType>()->callconv == CallConv::Cdecl);
}

TEST_CASE("declarators: pointers, arrays, function pointers, nesting") {
    auto a = analyze(
        "#define N 4\nenum { M = 2 };\n"
        "int (*fp)(int); int (*table[3])(int); int (*pa)[4]; int grid[N][M * 3];"
        "int open_arr[]; int dots[...]; void (*signal(int sig, void (*h)(int)))(int);"
        "int dots2[...][...]; int dots3[][...]; struct s { int f[2][...]; };"
        "int *(*(*deep)[2])(char);");
    REQUIRE(a->ok());
    const Module& m = *a->module;
    CHECK(spelled(m, "fp") == "int(*)(int)");
    CHECK(spelled(m, "table") == "int(*[3])(int)");
    CHECK(spelled(m, "pa") == "int(*)[4]");
    CHECK(spelled(m, "grid") == "int[4][6]");
    CHECK(spelled(m, "open_arr") == "int[]");
    CHECK(m.variables[5].type.type->as<ArrayType>()->length_kind == ArrayLength::Dotdot);
    CHECK(spelled(m, "signal") == "void(*(int, void(*)(int)))(int)");
    CHECK(spelled(m, "deep") == "int *(*(*)[2])(char)");
    CHECK(spelled(m, "dots2") == "int[][]");  // lengths from the C compiler
    // The C compiler lays out a struct whose field has a `[...]` length.
    CHECK(record_named(m, "s")->completeness == Completeness::Partial);
    auto dots3 = m.variables[7].type.type->as<ArrayType>();
    REQUIRE(dots3);
    CHECK(dots3->length_kind == ArrayLength::Open);
    CHECK(dots3->element.type->as<ArrayType>()->length_kind == ArrayLength::Dotdot);
}

TEST_CASE("parameters decay: arrays and functions become pointers, qualifiers go") {
    auto a = analyze("void f(int a[3], int g(int), const int c, int m[][4], void);");
    CHECK(a->error() == "'void' must be the only parameter");
    auto b = analyze(
        "void f(int a[3], int g(int), const int c, int m[][4], char *const s);"
        "int v(void); int w(); int p(const char *, ...); void st(int a[static 3]);");
    REQUIRE(b->ok());
    CHECK(spelled(*b->module, "f") == "void(int *, int(*)(int), int, int(*)[4], char *)");
    CHECK(spelled(*b->module, "v") == "int(void)");
    CHECK(spelled(*b->module, "w") == "int(void)");
    CHECK(b->module->functions[2].type->params.empty());
    CHECK(b->module->functions[3].type->variadic);
    CHECK(analyze("void f(int a, char *a);")->error() == "redefinition of parameter 'a'");
}

TEST_CASE("misplaced array and function forms are errors") {
    CHECK(analyze("void f(int a[...]);")->error().find("'[...]' is allowed only") == 0);
    CHECK(analyze("int (*p)[...];")->error().find("'[...]' is allowed only") == 0);
    CHECK(analyze("int (*p[2])[...];")->error().find("'[...]' is allowed only") == 0);
    CHECK(analyze("typedef int t[][];")->error() == "array has an element type of unknown size");
    CHECK(analyze("int a[-2];")->error() == "array size is negative (-2)");
    CHECK(analyze("int a[X];")->error() == "unknown identifier 'X' in a constant expression");
    CHECK(analyze("int a[sizeof(int)];")->error() == "'sizeof' is not supported in cdef");
    CHECK(analyze("void a[3];")->error() == "array of 'void'");
    CHECK(analyze("int f(int)[3];")->error() == "a function cannot return an array");
    CHECK(analyze("int a[1/0];")->error() == "division by zero in a constant expression");
    CHECK(analyze("int a[0x10000000000000000];")->error() ==
          "integer literal '0x10000000000000000' is too large");
    CHECK(analyze("int a[09];")->error() == "invalid digit '9' in octal constant");
    CHECK(analyze("void v;")->error() == "variable 'v' has type 'void'");
}

TEST_CASE("structs and unions: nested, anonymous, forward, bitfields, partial") {
    auto a = analyze(
        "struct fwd;\n"
        "struct s { int a, *b; struct { int c; } named; union { int d; float e; };"
        "  unsigned f:3; int :0; struct fwd *link; };\n"
        "struct fwd { int x; };\n"
        "struct p { int a; ...; };\n"
        "typedef struct { int x; } anon_t;\n"
        "typedef struct tagged tagged_t;\n"
        "typedef struct { ...; } opaque_fields_t;\n"
        "union u { char c; double d; };\n");
    REQUIRE(a->ok());
    const Module& m = *a->module;
    auto s = record_named(m, "s");
    REQUIRE(s);
    REQUIRE(s->fields.size() == 7);
    CHECK(s->fields[0].name == "a");
    CHECK(spell(s->fields[1].type) == "int *");
    CHECK(s->fields[3].name.empty());  // the anonymous union
    CHECK(s->fields[4].bit_width == 3);
    CHECK(s->fields[5].bit_width == 0);
    CHECK(record_named(m, "fwd")->completeness == Completeness::Complete);
    CHECK(record_named(m, "p")->completeness == Completeness::Partial);
    CHECK(record_named(m, "anon_t")->tag.empty());
    CHECK(record_named(m, "tagged")->completeness == Completeness::Opaque);
    CHECK(record_named(m, "opaque_fields_t")->completeness == Completeness::Partial);
    CHECK(record_named(m, "opaque_fields_t")->fields.empty());
    CHECK(record_named(m, "u")->record_kind == RecordKind::Union);
}

TEST_CASE("struct errors name the struct or the field") {
    CHECK(analyze("struct s; struct t { struct s in; };")->error() ==
          "field 'in' has incomplete type 'struct s': its layout is not in the cdef, so it may be "
          "held only through a pointer");
    CHECK(analyze("struct s { int a:40; };")->error() ==
          "width of bit-field 'a' (40 bits) exceeds the width of its type (32 bits)");
    CHECK(analyze("struct s { char c:9; };")->error() ==
          "width of bit-field 'c' (9 bits) exceeds the width of its type (8 bits)");
    CHECK(analyze("struct s { float f:3; };")->error() == "bit-field 'f' has a non-integer type");
    CHECK(analyze("struct s { int a:0; };")->error() == "named bit-field 'a' has zero width");
    CHECK(analyze("struct s { int a; int a; };")->error() == "duplicate member 'a'");
    CHECK(analyze("struct s { void v; };")->error() == "field 'v' has type 'void'");
    CHECK(analyze("struct s { ...; int a; };")->error() == "'...;' must be the last member");
    CHECK(analyze("struct s { int a:1; ...; };")->error() ==
          "using both bitfields and '...;' in one struct is not supported");
    CHECK(analyze("struct s { int x; }; union s u;")->error() ==
          "'s' was declared as another kind of tag");
    // Used by value before its definition: fine once defined.
    CHECK(analyze("struct s; struct s f(struct s); struct s { int a; };")->ok());
}

TEST_CASE("opaque records by value: an error only where generation needs the layout") {
    // As CFFI: a field (the outer layout is made of it) and the result of a
    // wrapped function (the wrapper builds it), arrays and typedefs seen through.
    const char* refused[][2] = {
        {"struct b; struct a { struct b b; };", "field 'b' has incomplete type 'struct b'"},
        {"struct b; struct a { struct b b[2]; };", "field 'b' has type 'struct b[2]' of incomplete 'struct b'"},
        {"struct b; struct a { struct b b[]; };", "field 'b' has type 'struct b[]' of incomplete 'struct b'"},
        {"typedef ... t; typedef t pair[2]; union u { pair p; };",
         "field 'p' has type 'pair' of opaque 't' ('typedef ...')"},
        {"struct a foo(int);", "function 'foo' returns incomplete type 'struct a'"},
        {"typedef struct a fn_t(int); fn_t foo;", "function 'foo' returns incomplete type 'struct a'"},
    };
    for (auto& [cdef, message] : refused) {
        CAPTURE(cdef);
        CHECK(analyze(cdef)->error().starts_with(message));
    }
    // The runtime refuses these when they are used (reading the global,
    // calling the function, building the type), as CFFI's does.
    const char* accepted[] = {
        "typedef ... t; const t CONSTANT;",
        "typedef ... t; extern t globvar;",
        "struct b; extern struct b g, arr[2];",
        "typedef ... t; struct s { void (*x)(t); t (*make)(int); t *p; };",
        "struct b; int take(struct b, struct b[]);",
        "struct b; struct b dots(int, ...);",
        "struct b; extern \"Python\" struct b cb(int);",
        "struct b; typedef struct b pair[2]; typedef struct b fn_t(struct b);",
        "struct b; struct b (*maker)(int);",
    };
    for (const char* cdef : accepted) {
        CAPTURE(cdef);
        CHECK(analyze(cdef)->error() == "");
    }
    // Defined by the end of the file: a layout after all.
    CHECK(analyze("struct b; struct a { struct b b; }; struct b foo(void); struct b { int x; };")->ok());
}

TEST_CASE("enums: values, constant expressions, trailing comma, partial") {
    auto a = analyze(
        "#define BASE 0x10\n"
        "enum e { A, B = 5, C, D = B << 2 | 1, E = ~0, F = -(3 + 1) * 2, G = BASE % 7,"
        " H = A + C, };\n"
        "enum partial { P1, P2 = 4, ... };\n"
        "typedef enum { T1 = 1 } anon_e;\n"
        "int arr[C];\n");
    REQUIRE(a->ok());
    const Module& m = *a->module;
    REQUIRE(m.enums.size() == 3);
    std::vector<std::int64_t> values;
    for (auto& en : m.enums[0]->enumerators) values.push_back(*en.value);
    CHECK(values == std::vector<std::int64_t>{0, 5, 6, 21, -1, -8, 2, 6});
    CHECK(m.enums[1]->partial);
    CHECK_FALSE(m.enums[1]->enumerators[1].value.has_value());
    CHECK(m.enums[2]->typedef_name == "anon_e");
    auto dots = analyze("enum ee { EE1, EE2 = ..., EE3 }; int arr[EE1];");
    CHECK(dots->error() == "the value of 'EE1' is not known here (it comes from the C compiler)");
    CHECK(spelled(m, "arr") == "int[6]");
}

TEST_CASE("character literals in constant expressions have C's value") {
    auto a = analyze(
        "enum etypes { A5='!', B5='\\'', C5=0x10, D5=010, E5=- 0x10, F5=-010,"
        " N='\\n', Z='\\0', O='\\101', X='\\x41', Q='\\\\', S='a' + 1 };");
    REQUIRE(a->ok());
    std::vector<std::int64_t> values;
    for (auto& en : a->module->enums[0]->enumerators) values.push_back(*en.value);
    CHECK(values == std::vector<std::int64_t>{33, 39, 16, 8, -16, -8, 10, 0, 65, 65, 92, 98});
    CHECK(analyze("enum e { A = 'ab' };")->error() ==
          "a character literal holds one character, not 'ab'");
    CHECK(analyze("enum e { A = '\\q' };")->error() ==
          "unknown escape sequence in character literal '\\q'");
    CHECK(analyze("enum e { A = '\\xff' };")->error().find("is past 0x7f") != std::string::npos);
    CHECK(analyze("enum e { A = '' };")->error() == "expected a constant expression");
}

TEST_CASE("enum errors") {
    CHECK(analyze("enum e { A, A };")->error() == "conflicting redefinition of 'A'");
    CHECK(analyze("enum e { A, ..., B };")->error() == "'...' must be the last item of an enum");
    CHECK(analyze("enum e { A = 1 << 64 };")->error() ==
          "shift count out of range in a constant expression");
    CHECK(analyze("enum e { A = Q };")->error() ==
          "unknown identifier 'Q' in a constant expression");
    CHECK(analyze("#define Q ...\nenum e { A = Q };")->error() ==
          "the value of 'Q' is not known here (it comes from the C compiler)");
}

TEST_CASE("opaque and unknown-size typedefs") {
    auto a = analyze(
        "typedef ... handle_t; typedef int... count_t; typedef float... real_t;"
        "handle_t *make(void); count_t n; real_t r;");
    REQUIRE(a->ok());
    const Module& m = *a->module;
    auto h = record_named(m, "handle_t");
    REQUIRE(h);
    CHECK(h->from_dotdotdot_typedef);
    auto p = analyze("typedef ... *p_t; p_t make(void); void use(p_t, p_t *);");
    REQUIRE(p->ok());
    auto pointee = record_named(*p->module, "$p_t");
    REQUIRE(pointee);
    CHECK(pointee->completeness == Completeness::Opaque);
    CHECK(p->module->typedefs[0].type->target.type->as<PointerType>()->pointee.type == pointee);
    CHECK(m.typedefs[1].type->target.type->kind == TypeKind::UnknownInt);
    CHECK(m.typedefs[2].type->target.type->kind == TypeKind::UnknownFloat);
    CHECK(analyze("typedef ... h_t; h_t f(void);")->error() ==
          "function 'f' returns opaque type 'h_t' ('typedef ...'): its layout is not in the cdef, "
          "so it may be returned only through a pointer");
    CHECK(analyze("typedef ... **p_t;")->error().find("unsupported usage of '...' in typedef") == 0);
    CHECK(analyze("typedef char *... p_t;")->error() == "expected ';'");
    CHECK(analyze("int ... x;")->error().find("unsupported usage of '...'") == 0);
}

TEST_CASE("functions, globals, constants and extern \"Python\"") {
    auto a = analyze(
        "int f(int, char *name);\n"
        "extern int counter; static double ratio; int table[...];\n"
        "static const int LIMIT; const char *const GREETING; const int ARR[2];\n"
        "static const long BIG = -42; int plain = 7;\n"
        "#define MAXLEN 0x10ULL\n#define NEG (-1)\n#define LATER ...\n"
        "extern \"Python\" int on_event(int);\n"
        "extern \"Python+C\" void on_done(void);\n"
        "extern \"Python\" { int cb_a(void *); void cb_b(int); }\n"
        "typedef int handler_t(int); handler_t handle_it;\n"
        "inline int quick(int);\n");
    REQUIRE(a->ok());
    const Module& m = *a->module;
    CHECK(m.functions.size() == 7);
    CHECK(m.functions[1].extern_python == ExternPython::Python);
    CHECK(m.functions[2].extern_python == ExternPython::PythonPlusC);
    CHECK(m.functions[3].extern_python == ExternPython::Python);
    CHECK(m.functions[4].extern_python == ExternPython::Python);
    CHECK(m.functions[5].name == "handle_it");
    CHECK(m.functions[5].extern_python == ExternPython::No);
    CHECK(m.variables.size() == 4);  // counter, ratio, table, ARR (arrays are variables)
    CHECK(constant_named(m, "LIMIT")->kind == ConstantKind::StaticConst);
    CHECK(constant_named(m, "GREETING")->kind == ConstantKind::StaticConst);
    CHECK(constant_named(m, "BIG")->value->to_string() == "-42");
    CHECK(constant_named(m, "plain")->value->to_string() == "7");
    CHECK(constant_named(m, "MAXLEN")->value->to_string() == "16");
    CHECK(constant_named(m, "NEG")->value->to_string() == "-1");
    CHECK_FALSE(constant_named(m, "LATER")->value.has_value());
}

TEST_CASE("a global const through a typedef is a constant, as in CFFI") {
    auto a = analyze(
        "typedef const int const_t; typedef const_t again_t; typedef const int row_t[2];\n"
        "const_t aaa; again_t bbb; volatile const_t ccc; row_t ddd;\n");
    REQUIRE(a->ok());
    const Module& m = *a->module;
    CHECK(constant_named(m, "aaa")->kind == ConstantKind::StaticConst);
    CHECK(constant_named(m, "bbb")->kind == ConstantKind::StaticConst);
    CHECK(constant_named(m, "ccc")->kind == ConstantKind::StaticConst);
    REQUIRE(m.variables.size() == 1);  // arrays stay variables
    CHECK(m.variables[0].name == "ddd");
}

TEST_CASE("bad #define, extern and initializer forms") {
    CHECK(analyze("#define X 1.5\n")->error() ==
          "'#define X' must be followed by an integer literal or '...' (cdef does not expand "
          "macros)");
    CHECK(analyze("#define X\n")->error().find("'#define X' must be followed") == 0);
    CHECK(analyze("#define X \"s\"\n")->error().find("'#define X' must be followed") == 0);
    CHECK(analyze("#define X 1uu\n")->error() == "invalid suffix 'uu' on an integer literal");
    CHECK(analyze("extern \"C\" int f(int);")->error() ==
          "unknown 'extern \"C\"': expected \"Python\" or \"Python+C\"");
    CHECK(analyze("extern \"Python\" int x;")->error() ==
          "extern \"Python\" applies only to function declarations");
    // As in CFFI, an initializer is ignored on anything but an integer.
    auto init = analyze(
        "static const double d = 1.5; static const char c = 'x'; char *s = 0;"
        "typedef unsigned long... u_t; static const u_t mu = -20; static const _Bool b = 1;");
    REQUIRE(init->ok());
    CHECK(init->module->constants.size() == 4);  // d, c, mu, b
    CHECK(init->module->variables.size() == 1);  // s
    CHECK(constant_named(*init->module, "mu")->value->to_string() == "-20");
    CHECK_FALSE(constant_named(*init->module, "d")->value.has_value());
}

TEST_CASE(
    "redefinitions: identical is fine, conflicting is an error with a note, --override wins") {
    CHECK(analyze("int f(int); int f(int); typedef int T; typedef int T; struct s { int a; };"
                  "struct s { int a; };\n#define X 1\n#define X 1\n enum e { A }; enum e { A };")
              ->ok());
    auto a = analyze("int f(int);\nint f(long);");
    REQUIRE(a->diags.diagnostics().size() == 1);
    const Diagnostic& d = a->diags.diagnostics()[0];
    CHECK(d.message == "conflicting redefinition of 'f'");
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].message == "previous definition is here");
    CHECK(d.notes[0].loc.offset == 4);
    CHECK(analyze("typedef int T; typedef long T;")->error() ==
          "conflicting redefinition of typedef 'T'");
    CHECK(analyze("struct s { int a; }; struct s { long a; };")->error() ==
          "conflicting redefinition of 'struct s'");
    CHECK(analyze("#define X 1\n#define X 2\n")->error() == "conflicting redefinition of 'X'");
    CHECK(analyze("int x; double x;")->error() == "conflicting redefinition of 'x'");

    SemaOptions over;
    over.allow_override = true;
    auto b = analyze(
        "int f(int); int f(long); typedef int T; typedef long T; int x; long x;"
        "struct s { int a; }; struct s { long b; };",
        over);
    REQUIRE(b->ok());
    CHECK(spelled(*b->module, "f") == "int(long)");
    CHECK(spelled(*b->module, "T") == "long");
    CHECK(spelled(*b->module, "x") == "long");
    CHECK(record_named(*b->module, "s")->fields[0].name == "b");
}

TEST_CASE("#pragma pack and --pack set the packing of the structs that follow") {
    SemaOptions o;
    o.pack = 4;
    auto a = analyze(
        "struct a { char c; };\n"
        "#pragma pack(push, 1)\nstruct b { char c; int i; };\n"
        "#pragma pack(2)\nstruct c { char c; };\n"
        "#pragma pack(pop)\nstruct d { char c; };\n"
        "#pragma pack()\nstruct e { char c; };\n",
        o);
    REQUIRE(a->ok());
    const Module& m = *a->module;
    CHECK(record_named(m, "a")->pack == 4);
    CHECK(record_named(m, "b")->pack == 1);
    CHECK(record_named(m, "c")->pack == 2);
    CHECK(record_named(m, "d")->pack == 4);
    CHECK(record_named(m, "e")->pack == 4);
    CHECK(analyze("#pragma pack(3)\n")->error() == "'#pragma pack' takes 1, 2, 4, 8 or 16");
    CHECK(analyze("#pragma once\n")->error() == "only '#pragma pack' and '#pragma ffigen' are supported in cdef");
}

TEST_CASE("#pragma ffigen gil and --keep-gil say which functions keep the GIL") {
    auto keeps = [](const Module& m, std::string_view name) {
        for (const Function& f : m.functions)
            if (f.name == name) return f.keep_gil;
        FAIL("no function " << name);
        return false;
    };
    const char* text =
        "int a(void);\n#pragma ffigen gil(keep)\nint b(void), c(int);\n"
        "#pragma ffigen gil(release)\nint d(void);\n";
    auto released = analyze(text);
    REQUIRE(released->ok());
    CHECK_FALSE(keeps(*released->module, "a"));
    CHECK(keeps(*released->module, "b"));
    CHECK(keeps(*released->module, "c"));
    CHECK_FALSE(keeps(*released->module, "d"));
    SemaOptions o;
    o.keep_gil = true;  // --keep-gil: as if the file began with gil(keep)
    auto kept = analyze(text, o);
    REQUIRE(kept->ok());
    CHECK(keeps(*kept->module, "a"));
    CHECK_FALSE(keeps(*kept->module, "d"));
}

TEST_CASE("resolve_type_name parses type strings against a module's names") {
    auto a = analyze("typedef struct point { int x, y; } point_t; struct node;");
    REQUIRE(a->ok());
    struct Case {
        const char* text;
        const char* spelling;
    };
    for (Case c :
         {Case{"struct point *[5]", "struct point *[5]"}, Case{"int(*)(int)", "int(*)(int)"},
          Case{"const char *", "const char *"}, Case{"point_t **", "point_t **"},
          Case{"unsigned long long", "unsigned long long"}, Case{"uint8_t[]", "uint8_t[]"},
          Case{"struct node *", "struct node *"}}) {
        CAPTURE(c.text);
        SourceFile text("<type>", c.text);
        DiagnosticEngine diags;
        auto t = resolve_type_name(*a->module, text, diags);
        REQUIRE(t);
        CHECK(spell(*t) == c.spelling);
    }
    for (const char* bad : {"int x", "foo_t", "int (", "struct", "int[3"}) {
        CAPTURE(bad);
        SourceFile text("<type>", bad);
        DiagnosticEngine diags;
        CHECK_FALSE(resolve_type_name(*a->module, text, diags));
        CHECK(diags.has_errors());
    }
}

TEST_CASE("very long declarators and expressions resolve (work stays linear in their length)") {
    std::string dims;
    for (int i = 0; i < 100000; ++i) dims += "[1]";
    // Deeper than kMaxTypeDepth: refused, once, in linear time.
    CHECK(analyze("int grid" + dims + ";")->error().starts_with("type nested too deeply"));
    CHECK(analyze("int " + std::string(200000, '*') + "p;")->error().starts_with("type nested too deeply"));
    std::string sum = "1";
    for (int i = 0; i < 100000; ++i) sum += "+1";
    auto a = analyze("int a[" + sum + "];");
    REQUIRE(a->ok());
    CHECK(a->module->variables[0].type.type->as<ArrayType>()->length == 100001);
}
