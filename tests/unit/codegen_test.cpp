// Code generation from hand-built models: type table snapshots, global
// sorting, naming of anonymous records, the module's fixed sections.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "codegen/emit.hpp"
#include "codegen/key_ids.hpp"
#include "codegen/spelling.hpp"
#include "codegen/text.hpp"
#include "codegen/support.hpp"
#include "codegen/type_table.hpp"

using namespace ffigen::model;
using ffigen::codegen::EmitOptions;
using ffigen::codegen::TypeTable;

namespace {

// The table as "OP arg" words separated by spaces (CFFI's check_type_table idea).
std::string snapshot(const TypeTable& t) {
    std::string s;
    for (const auto& slot : t.slots()) {
        ffigen::codegen::Text word;
        t.append_word(word, slot);
        std::string op = word.take();
        auto p = op.find("_FFIGEN_OP_");
        if (p != std::string::npos) op = op.substr(p + 11, op.size() - p - 12);
        if (!s.empty()) s += ' ';
        for (char& c : op) if (c == ',') c = ':';
        std::erase(op, ' ');
        s += op;
    }
    return s;
}

std::string word(const TypeTable& t, int i) {
    ffigen::codegen::Text w;
    t.append_word(w, t.slots()[i]);
    return w.take();
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

QualType q(const Type* t) { return QualType{t}; }

}  // namespace

TEST_CASE("a function type is a block with inline primitives and NOOP references") {
    TypeArena a;
    QualType i{a.primitive(Prim::Int)}, d{a.primitive(Prim::Double)};
    QualType pc{a.pointer({a.primitive(Prim::Char), Const})};
    ffigen::codegen::Spellings spellings;
    TypeTable t(spellings, {}, {});
    CHECK(t.index_of(q(a.function(i, {i, pc}, false))) == 0);
    CHECK(snapshot(t) == "FUNCTION:4 PRIMITIVE:7 NOOP:5 FUNCTION_END:0 PRIMITIVE:7 POINTER:6 PRIMITIVE:2");
    // Interned: the same type (through a typedef, without const) gives the same entry.
    auto td = a.new_typedef("myint", i, {});
    CHECK(t.index_of(QualType{td, Const}) == 4);
    CHECK(t.index_of(q(a.pointer({a.primitive(Prim::Char)}))) == 5);
    CHECK(t.index_of(q(a.function(d, {}, true))) == 7);
    CHECK(snapshot(t).ends_with("FUNCTION:9 FUNCTION_END:1 PRIMITIVE:14"));
}

TEST_CASE("arrays take two words; [...] lengths are C expressions") {
    TypeArena a;
    QualType i{a.primitive(Prim::Int)};
    ffigen::codegen::Spellings spellings;
    TypeTable t(spellings, {}, {});
    CHECK(t.index_of(q(a.array(i, ArrayLength::Known, 8))) == 0);
    CHECK(word(t, 1) == "(_ffigen_op)(8)");
    CHECK(t.index_of(q(a.array(i, ArrayLength::Open))) == 3);
    CHECK(snapshot(t) == "ARRAY:2 (_ffigen_op)(8) PRIMITIVE:7 OPEN_ARRAY:2");
    int sized = t.index_of_sized(q(a.array(i, ArrayLength::Dotdot)), "arr");
    CHECK(word(t, sized + 1) == "(_ffigen_op)(_FFIGEN_LEN(arr))");
}

TEST_CASE("int... typedefs are sized by the C compiler; char16_t needs ABI 0x2801") {
    TypeArena a;
    ffigen::codegen::Spellings spellings;
    TypeTable t(spellings, {}, {});
    t.index_of(q(a.new_unknown_int("myint", {})));
    CHECK(word(t, 0) == "_FFIGEN_OP(_FFIGEN_OP_PRIMITIVE, _FFIGEN_PRIM_INT_OF(sizeof(myint), (((myint)-1) | 0) <= 0))");
    // float...: an integer type of a float's size must not pass as a float.
    t.index_of(q(a.new_unknown_float("myreal", {})));
    CHECK(word(t, 1) == "_FFIGEN_OP(_FFIGEN_OP_PRIMITIVE, _FFIGEN_PRIM_FLOAT_OF_TYPE(myreal))");
    CHECK_FALSE(t.uses_char16_32());
    t.index_of(q(a.primitive(Prim::Char16)));
    CHECK(t.uses_char16_32());
}

TEST_CASE("the module: sorted globals, named anonymous records, init protocol") {
    Module m;
    TypeArena& a = m.types;
    QualType i{a.primitive(Prim::Int)};
    RecordType* anon = a.new_record(RecordKind::Struct, "", {});
    anon->typedef_name = "anon_t";
    anon->completeness = Completeness::Complete;
    anon->fields.push_back({"x", i, -1, {}});
    RecordType* unnamed = a.new_record(RecordKind::Union, "", {});
    unnamed->completeness = Completeness::Complete;
    unnamed->fields.push_back({"u", i, -1, {}});
    RecordType* point = a.new_record(RecordKind::Struct, "point", {});
    point->completeness = Completeness::Partial;
    point->fields.push_back({"y", i, -1, {}});
    point->fields.push_back({"v", q(unnamed), -1, {}});
    m.records = {anon, point, unnamed};
    m.typedefs.push_back({a.new_typedef("anon_t", q(anon), {})});
    m.functions.push_back({"zeta", a.function(i, {}, false), ExternPython::No, {}});
    m.functions.push_back({"alpha", a.function(i, {i, i}, false), ExternPython::No, {}});
    m.functions.push_back({"mid", a.function(i, {q(a.pointer(q(point)))}, false), ExternPython::No, {}});
    m.functions.push_back({"vf", a.function(i, {i}, true), ExternPython::No, {}});
    m.constants.push_back({"K", ConstantKind::Define, {}, IntValue{5, true}, {}});

    EmitOptions o;
    o.module_name = "pkg._mod";
    o.preamble = "struct point { int y; union { int u; } v; };\n";
    o.preamble_path = "pre.h";
    o.output_path = "_mod.c";
    std::string c = ffigen::codegen::emit_module(m, o);
    CHECK(c == ffigen::codegen::emit_module(m, o));  // deterministic
    // C has no name for the anonymous union: its type entry has no comment (not an empty one).
    CHECK(!contains(c, "/*  */"));
    auto pos = [&](const char* s) { return c.find(s); };
    // runtime/ffigen_abi.h, embedded verbatim at build time, then the helpers.
    CHECK(contains(ffigen::codegen::kAbiHeader, "#define FFIGEN_ABI_H"));
    CHECK(contains(c, ffigen::codegen::kAbiHeader));
    CHECK(pos(ffigen::codegen::kAbiHeader) < pos(ffigen::codegen::kModuleSupport));
    CHECK(pos("{ \"K\",") < pos("{ \"alpha\","));
    CHECK(pos("{ \"alpha\",") < pos("{ \"mid\","));
    CHECK(pos("{ \"mid\",") < pos("{ \"vf\","));
    CHECK(pos("{ \"vf\",") < pos("{ \"zeta\","));
    CHECK(contains(c, "_FFIGEN_OP(_FFIGEN_OP_CPYTHON_BLTN_N"));
    CHECK(contains(c, "_FFIGEN_OP(_FFIGEN_OP_CPYTHON_BLTN_O"));
    CHECK(contains(c, "_FFIGEN_OP(_FFIGEN_OP_CPYTHON_BLTN_V"));
    CHECK(contains(c, "{ \"vf\", (void *)_ffigen_const_vf, _FFIGEN_OP(_FFIGEN_OP_CONSTANT,"));
    // Struct table sorted by name: "$1" < "$anon_t" < "point".
    CHECK(pos("{ \"$1\",") < pos("{ \"$anon_t\","));
    CHECK(pos("{ \"$anon_t\",") < pos("{ \"point\","));
    CHECK(contains(c, "_FFIGEN_F_CHECK_FIELDS"));
    CHECK(contains(c, "(size_t)-2, -2"));  // the unnamed union: laid out by the runtime
    CHECK(contains(c, "_FFIGEN_INT_GETTER_CHECKED(K, 1, 0ULL - 5ULL)"));
    CHECK(contains(c, "#line 1 \"pre.h\"\n"));
    CHECK(contains(c, "PyInit__mod(void)"));
    CHECK(contains(c, "_ffigen_init(\"pkg._mod\", 0x2601,"));
    CHECK(contains(c, "\"_ffigen_runtime\", \"_cffi_backend\""));
    CHECK(contains(c, "#    define Py_LIMITED_API"));
    // The #line after the preamble names the next line of the output.
    auto after = c.find("#line ", pos("#line 1") + 1);
    std::size_t line = 1 + std::count(c.begin(), c.begin() + static_cast<long>(after), '\n');
    CHECK(c.substr(after, c.find('\n', after) - after) == "#line " + std::to_string(line + 1) + " \"_mod.c\"");

    o.limited_api = false;
    o.runtime = "_cffi_backend";
    std::string full = ffigen::codegen::emit_module(m, o);
    CHECK_FALSE(contains(full, "Py_LIMITED_API"));
    CHECK(contains(full, "{ \"_cffi_backend\", NULL }"));
}

TEST_CASE("external records: opaque only while the includer leaves them so") {
    Module m;
    TypeArena& a = m.types;
    RecordType* kept = a.new_record(RecordKind::Struct, "kept", {});
    RecordType* defined = a.new_record(RecordKind::Struct, "defined", {});
    kept->owner = defined->owner = "_base";
    defined->defined_by_includer = true;  // CFFI's NotImplementedError at use
    m.records = {kept, defined};
    m.includes.push_back("_base");
    EmitOptions o;
    o.module_name = "_mod";
    std::string c = ffigen::codegen::emit_module(m, o);
    CHECK(c.find("{ \"defined\", 0, _FFIGEN_F_EXTERNAL, ") != std::string::npos);
    CHECK(c.find("{ \"kept\", 1, _FFIGEN_F_OPAQUE|_FFIGEN_F_EXTERNAL, ") != std::string::npos);
}

TEST_CASE("FILE is the struct _IO_FILE of CFFI's tables, spelled FILE in C") {
    Module m;
    RecordType* file = m.types.new_record(RecordKind::Struct, "_IO_FILE", {});
    file->typedef_name = "FILE";
    file->from_dotdotdot_typedef = true;
    m.records = {file};
    m.functions.push_back({"f", m.types.function(q(m.types.pointer(q(file))), {}, false), ExternPython::No, {}});
    EmitOptions o;
    o.module_name = "_f";
    std::string c = ffigen::codegen::emit_module(m, o);
    CHECK(contains(c, "{ \"_IO_FILE\", "));
    CHECK(contains(c, "static FILE *_ffigen_d_f(void)"));
}

TEST_CASE("declarations C cannot express are reported before emission") {
    Module m;
    TypeArena& a = m.types;
    QualType i{a.primitive(Prim::Int)};
    RecordType* anon = a.new_record(RecordKind::Struct, "", {});
    anon->completeness = Completeness::Complete;
    anon->fields.push_back({"a", i, -1, {}});
    m.records = {anon};
    m.functions.push_back({"cb", a.function(i, {i}, true), ExternPython::Python, {}});
    m.functions.push_back({"take", a.function(i, {q(a.pointer(q(anon)))}, false), ExternPython::No, {}});
    m.functions.push_back({"fine", a.function(i, {i}, false), ExternPython::No, {}});
    ffigen::DiagnosticEngine diags;
    CHECK_FALSE(ffigen::codegen::validate_module(m, diags));
    CHECK(diags.error_count() == 2);
    CHECK(contains(diags.rendered(), "extern \"Python\" function 'cb' cannot be variadic"));
    CHECK(contains(diags.rendered(), "function 'take' uses an anonymous struct that C cannot name"));

    anon->typedef_name = "anon_t";  // now C can name it
    m.functions.erase(m.functions.begin());
    ffigen::DiagnosticEngine clean;
    CHECK(ffigen::codegen::validate_module(m, clean));
}

TEST_CASE("a typedef of a pointer to an anonymous struct names it, as CFFI's named pointers") {
    Module m;
    TypeArena& a = m.types;
    QualType i{a.primitive(Prim::Int)};
    RecordType* anon = a.new_record(RecordKind::Struct, "", {});
    anon->completeness = Completeness::Complete;
    anon->fields.push_back({"x", i, -1, {}});
    m.records = {anon};
    auto point_p = a.new_typedef("point_p", q(a.pointer(q(anon))), {});
    auto alias_p = a.new_typedef("alias_p", q(point_p), {});
    m.typedefs = {{point_p}, {alias_p}};
    // `typedef struct {...} *point_p; point_p bump(point_p, alias_p *);`: point_p is
    // C's only name for the struct, alias_p is spelled as what it stands for.
    m.functions.push_back({"bump", a.function(q(point_p), {q(point_p), q(a.pointer(q(alias_p)))}, false),
                           ExternPython::No, {}});
    ffigen::DiagnosticEngine diags;
    CHECK(ffigen::codegen::validate_module(m, diags));
    EmitOptions o;
    o.module_name = "_np";
    CHECK(contains(ffigen::codegen::emit_module(m, o), "static point_p _ffigen_d_bump(point_p x0, point_p *x1)"));
    // `typedef struct {...} **sp;`: CFFI has no C name for the struct, nor do we.
    auto sp = a.new_typedef("sp", q(a.pointer(q(a.pointer(q(anon))))), {});
    m.functions.push_back({"foo", a.function(i, {q(sp)}, false), ExternPython::No, {}});
    ffigen::DiagnosticEngine refused;
    CHECK_FALSE(ffigen::codegen::validate_module(m, refused));
    CHECK(contains(refused.rendered(), "function 'foo' uses an anonymous struct that C cannot name"));
}

TEST_CASE("cached spellings are model::spell's with typedefs resolved, byte for byte") {
    TypeArena a;
    QualType i{a.primitive(Prim::Int)}, c{a.primitive(Prim::Char), Const};
    auto td = a.new_typedef("handle_t", QualType{a.pointer(i)}, {});
    auto fn_td = a.new_typedef("fn_t", QualType{a.function(i, {i}, false)}, {});
    auto arr_td = a.new_typedef("row_t", QualType{a.array(c, ArrayLength::Known, 2)}, {});
    QualType pc{a.pointer(c)}, pcc{a.pointer(c), Const}, ppc{a.pointer(pc), Volatile};
    QualType arr{a.array(i, ArrayLength::Known, 4)}, fn{a.function(i, {pc, i}, true)};
    QualType fp{a.pointer(fn)}, pa{a.pointer(arr)}, ppf{a.pointer(fp)};
    QualType none{a.function(pcc, {}, false)}, dots{a.function(fp, {}, true)}, takes_fp{a.function(i, {fp, ppc}, false)};
    ffigen::codegen::Spellings cache;
    QualType p_fn_td{a.pointer(QualType{fn_td})}, p_arr_td{a.pointer(QualType{arr_td}), Const};
    for (QualType t : {i, c, QualType{td}, QualType{td, Const}, pc, pcc, ppc, arr, fn, fp, pa, ppf, none, dots, takes_fp,
                       QualType{fn_td}, p_fn_td, QualType{arr_td}, p_arr_td}) {
        for (const char* d : {"", "x0", "*", "(*p)", "[3]", "_ffigen_d_f(int x0)"}) {
            ffigen::codegen::Text got;
            cache.put(got, t, d);
            cache.put(got, t, d);  // the second time from the cache
            std::string expected = spell(t, d, Typedefs::Resolved);
            CHECK(got.take() == expected + expected);
        }
    }
}

TEST_CASE("C string literals escape quotes, backslashes and control characters") {
    CHECK(ffigen::codegen::c_string("plain_name") == "\"plain_name\"");
    CHECK(ffigen::codegen::c_string("a\"b\\c\nd\x7f") == "\"a\\\"b\\\\c\\012d\\177\"");
    CHECK(ffigen::codegen::c_string("") == "\"\"");
}

TEST_CASE("Text appends literals, views, characters and numbers, and grows past its reserve") {
    ffigen::codegen::Text t;
    std::string expected;
    t.reserve(10);  // far too small: the text must move and keep its bytes
    for (int i = 0; i < 20000; ++i) {
        std::string_view name = i % 2 ? std::string_view("odd") : std::string_view();
        ffigen::codegen::put(t, "x", name, ffigen::codegen::Number(-i), ';');
        expected += "x" + std::string(name) + std::to_string(-i) + ";";
    }
    CHECK(t.size() == expected.size());
    CHECK(t.view().back() == ';');
    std::string got = t.take();
    CHECK(got == expected);
    CHECK(t.empty());
    t += "again";  // usable after take()
    CHECK(t.view() == "again");
    t.clear();
    CHECK(t.empty());
}

TEST_CASE("KeyIds gives each distinct byte string one id, across growth") {
    ffigen::codegen::KeyIds ids;
    std::vector<std::string> keys;
    for (int i = 0; i < 5000; ++i) {
        std::string key(static_cast<std::size_t>(i % 37), '\0');  // binary keys, zero bytes included
        for (std::size_t j = 0; j < key.size(); ++j) key[j] = static_cast<char>((i * 31 + static_cast<int>(j)) % 251);
        key += std::to_string(i);
        keys.push_back(key);
        CHECK(ids.intern(key, i) == i);
    }
    for (int i = 0; i < 5000; ++i) CHECK(ids.intern(keys[static_cast<std::size_t>(i)], -7) == i);  // known: not renumbered
    CHECK(ids.intern("", 9000) == 9000);
    CHECK(ids.intern("", 9001) == 9000);
}
