// The cdef parser: the AST it builds, the syntax errors it reports, how it
// recovers, and the limits that keep hostile input harmless.
#include "parser/parse.hpp"

#include <doctest/doctest.h>

#include <string>

#include "parser/directives.hpp"

using namespace ffigen;

namespace {

struct Parsed {
    std::unique_ptr<SourceFile> file;
    DiagnosticEngine diags;
    ast::Unit unit;
};

std::unique_ptr<Parsed> parse(std::string text) {
    auto p = std::make_unique<Parsed>();
    p->file = std::make_unique<SourceFile>("t.cdef", std::move(text));
    p->unit = parser::parse_cdef(*p->file, p->diags);
    return p;
}

const ast::Declaration& decl(const Parsed& p, std::size_t i) {
    return std::get<ast::Declaration>(p.unit.items.at(i));
}

std::string text_of(const Parsed& p, ast::Range r) {
    return std::string(p.file->text().substr(r.begin, r.end - r.begin));
}

}  // namespace

TEST_CASE("a declaration parses into specifiers and declarators with byte ranges") {
    auto p = parse("  const unsigned long *names[3], (*fp)(int x, ...);");
    REQUIRE(p->diags.diagnostics().empty());
    REQUIRE(p->unit.items.size() == 1);
    const ast::Declaration& d = decl(*p, 0);
    CHECK(text_of(*p, d.range) == "const unsigned long *names[3], (*fp)(int x, ...);");
    REQUIRE(d.specs.items.size() == 3);
    CHECK(d.specs.items[2].word == "long");
    REQUIRE(d.declarators.size() == 2);
    const ast::Declarator& names = d.declarators[0];
    CHECK(names.name == "names");
    CHECK(text_of(*p, names.name_range) == "names");
    CHECK(names.pointers.size() == 1);
    REQUIRE(names.suffixes.size() == 1);
    CHECK(text_of(*p, names.suffixes[0].size.range) == "3");
    const ast::Declarator& fp = d.declarators[1];
    REQUIRE(fp.nested.size() == 1);
    CHECK(fp.nested[0].name == "fp");
    REQUIRE(fp.suffixes.size() == 1);
    CHECK(fp.suffixes[0].kind == ast::Suffix::Function);
    CHECK(fp.suffixes[0].variadic);
    CHECK(fp.suffixes[0].params[0].decl.name == "x");
}

TEST_CASE("typedef names are types only after their typedef, and only where a type may stand") {
    auto p = parse("typedef int T; T * x; void f(T T); int (T);");
    REQUIRE(p->diags.diagnostics().empty());
    CHECK(decl(*p, 1).specs.items[0].kind == ast::SpecItem::TypeName);
    CHECK(decl(*p, 1).declarators[0].name == "x");
    const auto& param = decl(*p, 2).declarators[0].suffixes[0].params[0];
    CHECK(param.specs.items[0].word == "T");
    CHECK(param.decl.name == "T");
    // `int (T)` with T a type: a function taking a T, not a variable T.
    CHECK(decl(*p, 3).declarators[0].suffixes[0].kind == ast::Suffix::Function);
}

TEST_CASE("comments, continuations and directives keep every offset") {
    std::string text =
        "/* a\n comment */ int a; // trailing\n#define N \\\n  42\nint b[N];\n"
        "#pragma pack(push, 2)\n#define D ...\n";
    auto p = parse(text);
    REQUIRE(p->diags.diagnostics().empty());
    REQUIRE(p->unit.items.size() == 5);
    CHECK(text_of(*p, decl(*p, 0).range) == "int a;");
    auto& def = std::get<ast::Define>(p->unit.items[1]);
    CHECK(def.name == "N");
    CHECK(def.value_text == "42");
    CHECK(text_of(*p, def.value_range) == "42");
    CHECK(text_of(*p, decl(*p, 2).range) == "int b[N];");
    auto& pack = std::get<ast::PragmaPack>(p->unit.items[3]);
    CHECK(pack.op == ast::PragmaPack::Push);
    CHECK(pack.value == 2);
    CHECK(std::get<ast::Define>(p->unit.items[4]).value_text == "...");
}

TEST_CASE("preprocessor lines other than #define and #pragma pack are errors") {
    auto p = parse("#include <stdio.h>\n#if 1\nint a;\n#endif\n");
    REQUIRE(p->diags.error_count() == 3);
    CHECK(p->diags.diagnostics()[0].message ==
          "'#include' is not supported: cdef files are not preprocessed (only '#define NAME "
          "value', '#pragma pack' and '#pragma ffigen' are accepted)");
    CHECK(p->diags.diagnostics()[1].message.find("'#if' is not supported") == 0);
    CHECK(parse("#define F(x) x\n")->diags.diagnostics()[0].message ==
          "function-like macros are not supported in cdef");
    CHECK(parse("/* open\nint a;")->diags.diagnostics()[0].message == "unterminated comment");
}

TEST_CASE("syntax errors say what was expected, and parsing goes on after them") {
    auto p = parse("int a\nint b;\nstruct s { int x int y; };\nint c[3;\nint ok;\n");
    const auto& ds = p->diags.diagnostics();
    REQUIRE(ds.size() == 3);
    CHECK(ds[0].message == "expected ';'");
    CHECK(ds[1].message == "expected ';'");
    CHECK(ds[2].message == "expected ']'");
    REQUIRE(!p->unit.items.empty());
    CHECK(decl(*p, p->unit.items.size() - 1).declarators[0].name == "ok");
}

TEST_CASE("function bodies, __attribute__ and nesting too deep get their own message") {
    auto body = parse("int f(int a) { return a; }\nint g(void);");
    REQUIRE(body->diags.diagnostics().size() == 1);
    CHECK(body->diags.diagnostics()[0].message.find("function bodies are not allowed in cdef") ==
          0);
    CHECK(decl(*body, 0).declarators[0].name == "g");
    auto attr = parse("int x __attribute__((aligned(8)));");
    CHECK(attr->diags.diagnostics()[0].message ==
          "'__attribute__' is not supported in cdef (CFFI does not accept it)");
    auto declspec = parse("__declspec(dllimport) int f(void);");
    CHECK(declspec->diags.diagnostics()[0].message ==
          "'__declspec' is not supported in cdef (CFFI does not accept it)");
    std::string deep = "int " + std::string(100000, '(') + "x" + std::string(100000, ')') + ";";
    auto d = parse(deep);
    REQUIRE(d->diags.error_count() >= 1);
    CHECK(d->diags.diagnostics()[0].message == "declaration nested too deeply");
    std::string deep_expr = "int a[" + std::string(5000, '(') + "1" + std::string(5000, ')') + "];";
    CHECK(parse(deep_expr)->diags.diagnostics()[0].message == "declaration nested too deeply");
    std::string deep_struct;
    for (int i = 0; i < 3000; ++i) deep_struct += "struct { ";
    CHECK(parse(deep_struct)->diags.diagnostics()[0].message == "declaration nested too deeply");
}

TEST_CASE("extern \"Python\" blocks") {
    auto p = parse("extern \"Python\" { int a(int); int b(void); }\nint c(void);");
    REQUIRE(p->diags.diagnostics().empty());
    REQUIRE(p->unit.items.size() == 3);
    CHECK(decl(*p, 0).block == ast::ExternBlock::Python);
    CHECK(decl(*p, 1).block == ast::ExternBlock::Python);
    CHECK(decl(*p, 2).block == ast::ExternBlock::None);
    CHECK(parse("extern \"Python\" { int a(int);")->diags.diagnostics()[0].message ==
          "'extern \"Python\" {' is not closed");
    CHECK(parse("extern \"Python\" { extern \"Python\" { int a(int); } }")
              ->diags.diagnostics()[0]
              .message == "'extern \"Python\" {' blocks cannot nest");
}

TEST_CASE("parse_type_name takes one whole type name") {
    parser::NameSet names;
    names.add("point_t");
    for (const char* ok : {"int", "struct foo *[5]", "int(*)(int)", "const char *", "point_t **",
                           "void (*(*)[3])(int, ...)", "unsigned long long const"}) {
        CAPTURE(ok);
        SourceFile f("<type>", ok);
        DiagnosticEngine diags;
        CHECK(parser::parse_type_name(f, names, diags));
        CHECK(diags.diagnostics().empty());
    }
    SourceFile bad("<type>", "int x y");
    DiagnosticEngine diags;
    CHECK_FALSE(parser::parse_type_name(bad, names, diags));
    CHECK(diags.diagnostics()[0].message == "unexpected text after the type name");
}

TEST_CASE("a syntax error renders with the caret under the offending token") {
    auto p = parse("struct s {\n    int x\n    int y;\n};\n");
    CHECK(p->diags.rendered() ==
          "t.cdef:3:5: error: expected ';'\n"
          "    3 |     int y;\n"
          "      |     ^~~\n");
}

TEST_CASE("characters no token takes are syntax errors at their column") {
    auto p = parse("int @x;\nchar c = ;\nint a[1 + ];\nextern \"Python {\nint ok;\n");
    const auto& ds = p->diags.diagnostics();
    REQUIRE(ds.size() == 4);
    CHECK(ds[0].message == "expected ';'");
    CHECK(p->diags.rendered().find("t.cdef:1:5: error: expected ';'") == 0);
    CHECK(ds[1].message == "expected an initializer");
    CHECK(ds[2].message == "expected an operand");
    CHECK(ds[3].message == "expected a declaration");
    CHECK(p->unit.items.empty());  // recovery went on to the ';' after `int ok`
}
