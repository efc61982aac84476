// Input that `check` accepts must not crash or stall the stages after it:
// deep types are capped in sema (kMaxTypeDepth), typedef chains are looked
// through in one step, endless inputs are refused when read.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "codegen/emit.hpp"
#include "frontend_util.hpp"

using namespace ffigen;
using ffigen::testing::analyze;

namespace {

// The C source of the module, or "" when the front end or validation refused it.
std::string generate(const testing::Analyzed& a) {
    DiagnosticEngine diags;
    if (!a.ok() || !codegen::validate_module(*a.module, diags)) return "";
    codegen::EmitOptions options;
    options.module_name = "_t";
    return codegen::emit_module(*a.module, options);
}

std::string stars(std::uint32_t n) { return std::string(n, '*'); }

std::string dims(std::uint32_t n) {
    std::string s;
    for (std::uint32_t i = 0; i < n; ++i) s += "[1]";
    return s;
}

}  // namespace

TEST_CASE("types as deep as kMaxTypeDepth generate; one level more is an error in sema") {
    auto ok = analyze("int " + stars(model::kMaxTypeDepth) + "p; int a" + dims(model::kMaxTypeDepth) + ";");
    CHECK(ok->ok());
    // Linear in the depth: the table's comments and C's type checks do not
    // spell the whole type again at each level (that was 1000 * 1000 bytes).
    std::string c = generate(*ok);
    CHECK(!c.empty());
    CHECK(c.size() < 200000);
    for (std::string decl : {"int " + stars(model::kMaxTypeDepth + 1) + "p;",
                             "int a" + dims(model::kMaxTypeDepth + 1) + ";",
                             "int a" + dims(50000) + ";",
                             "void f(int " + stars(50000) + ");",
                             // depth adds up through typedefs
                             "typedef int " + stars(model::kMaxTypeDepth) + "t; t *p;",
                             "typedef int " + stars(model::kMaxTypeDepth) + "t; struct s { t f[2]; };"}) {
        CAPTURE(decl.substr(0, 40));
        auto a = analyze(decl);
        CHECK(a->error().find("type nested too deeply") == 0);
    }
}

TEST_CASE("a chain of 100,000 typedefs is looked through in one step") {
    std::string text = "typedef const int t0;";
    for (int i = 1; i < 100000; ++i)
        text += "typedef t" + std::to_string(i - 1) + (i == 7 ? " volatile" : "") + " t" + std::to_string(i) + ";";
    text += "t99999 *f(t99999, t5);";
    auto a = analyze(text);
    REQUIRE(a->ok());
    const model::TypedefType* last = a->module->typedefs.back().type;
    CHECK(last->canonical() == a->module->typedefs.front().type->target.type);
    CHECK(model::effective_quals({last}) == (model::Const | model::Volatile));
    CHECK(model::spell({last}, "x", model::Typedefs::Resolved) == "const volatile int x");
    CHECK(model::spell({a->module->typedefs[5].type}, "", model::Typedefs::Resolved) == "const int");
    CHECK(!generate(*a).empty());
}

TEST_CASE("an endless input is refused once past kMaxSourceBytes") {
    try {
        read_source_file("/dev/zero");
        FAIL("/dev/zero was read");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "cannot read '/dev/zero': longer than 256 MiB, the limit for an input");
    }
}
