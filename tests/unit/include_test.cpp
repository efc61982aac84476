// --include across the stages: sema reads the included cdefs first and
// marks who owns each declaration; codegen emits the included structs as
// external rows and leaves the included lib-level names to their module.
#include <doctest/doctest.h>

#include <string>

#include "codegen/emit.hpp"
#include "model/sema.hpp"

using namespace ffigen;
using namespace ffigen::model;

namespace {

struct Included {
    SourceFile geo{"_geo.cdef",
                   "struct point { int x, y; };\n"
                   "typedef struct point point_t;\n"
                   "enum color { RED, GREEN };\n"
                   "#define GEO_N 3\n"
                   "point_t make_point(int x, int y);\n"
                   "extern int geo_counter;\n"};
    SourceFile user{"_user.cdef",
                    "struct poly { point_t pts[GEO_N]; enum color c; };\n"
                    "int area(struct poly *p);\n"};
    DiagnosticEngine diags;
    std::unique_ptr<Module> module =
        analyze_cdef(user, diags, {}, {IncludedCdef{"_geo", &geo}});
};

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("included declarations are owned by their module; the main cdef uses them") {
    Included in;
    REQUIRE_FALSE(in.diags.has_errors());
    const Module& m = *in.module;
    CHECK(m.includes == std::vector<std::string>{"_geo"});
    for (const RecordType* r : m.records) CHECK(r->owner == (r->tag == "point" ? "_geo" : ""));
    REQUIRE(m.enums.size() == 1);
    CHECK(m.enums[0]->owner == "_geo");
    REQUIRE(m.typedefs.size() == 1);
    CHECK(m.typedefs[0].owner == "_geo");
    for (const Function& f : m.functions) CHECK(f.owner == (f.name == "make_point" ? "_geo" : ""));
    REQUIRE(m.variables.size() == 1);
    CHECK(m.variables[0].owner == "_geo");
    REQUIRE(m.constants.size() == 1);
    CHECK(m.constants[0].owner == "_geo");
    const RecordType* poly = m.records.back();
    REQUIRE(poly->tag == "poly");
    CHECK(spell(poly->fields[0].type) == "point_t[3]");  // GEO_N from the included cdef
}

TEST_CASE("an includer's C: external struct rows, the includes table, no included wrappers") {
    Included in;
    REQUIRE(codegen::validate_module(*in.module, in.diags));
    codegen::EmitOptions options;
    options.module_name = "_user";
    std::string c = codegen::emit_module(*in.module, options);
    CHECK(contains(c, "{ \"point\", "));
    CHECK(contains(c, ", _FFIGEN_F_EXTERNAL, (size_t)-1, -1, -1, 0 },"));
    CHECK(contains(c, "static const char *const _ffigen_includes[] = { \"_geo\", NULL };"));
    CHECK(contains(c, "  _ffigen_includes, /* includes */"));
    CHECK(contains(c, "_ffigen_f_area"));
    CHECK_FALSE(contains(c, "make_point"));
    CHECK_FALSE(contains(c, "geo_counter"));
    CHECK_FALSE(contains(c, "_ffigen_const_GEO_N"));
    CHECK_FALSE(contains(c, "offsetof(struct point"));
    // As CFFI's recompiler does: the included enum and typedef are the includer's too.
    CHECK(contains(c, "_ffigen_const_GREEN"));
    CHECK(contains(c, "{ \"point_t\", "));
}

TEST_CASE("an included typedef of a pointer to an anonymous struct names it in the includer") {
    // CFFI's test_include_5: the struct has no C name of its own in either module.
    SourceFile parent{"_parent.cdef", "typedef struct { int x[2]; int y; } *mystruct_p;\n"};
    SourceFile user{"_user.cdef", "mystruct_p ff5(mystruct_p);\n"};
    DiagnosticEngine diags;
    auto module = analyze_cdef(user, diags, {}, {IncludedCdef{"_parent", &parent}});
    REQUIRE(codegen::validate_module(*module, diags));
    codegen::EmitOptions options;
    options.module_name = "_user";
    std::string c = codegen::emit_module(*module, options);
    CHECK(contains(c, "static mystruct_p _ffigen_d_ff5(mystruct_p x0)"));
    CHECK(contains(c, ", _FFIGEN_F_EXTERNAL, (size_t)-1, -1, -1, 0 },"));  // shared with _parent, by name
    CHECK(contains(c, "{ \"$1\", "));
}
