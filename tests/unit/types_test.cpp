#include <doctest/doctest.h>

#include "model/types.hpp"

using namespace ffigen::model;

TEST_CASE("structural types are interned: equal types are the same object") {
    TypeArena arena;
    QualType i{arena.primitive(Prim::Int)};
    CHECK(arena.pointer(i) == arena.pointer(i));
    CHECK(arena.pointer(i) != arena.pointer({i.type, Const}));
    CHECK(arena.array(i, ArrayLength::Known, 3) == arena.array(i, ArrayLength::Known, 3));
    CHECK(arena.array(i, ArrayLength::Known, 3) != arena.array(i, ArrayLength::Known, 4));
    CHECK(arena.function(i, {i}, false) == arena.function(i, {i}, false));
    CHECK(arena.function(i, {i}, false) != arena.function(i, {i}, true));
}

TEST_CASE("spell writes C declarations inside out") {
    TypeArena arena;
    QualType i{arena.primitive(Prim::Int)};
    QualType c{arena.primitive(Prim::Char)};
    QualType ptr_i{arena.pointer(i)};
    CHECK(spell(i) == "int");
    CHECK(spell(ptr_i, "p") == "int *p");
    CHECK(spell(QualType{arena.pointer({c.type, Const})}) == "const char *");
    CHECK(spell(QualType{arena.pointer(c), Const}, "p") == "char *const p");
    QualType arr{arena.array(i, ArrayLength::Known, 3)};
    CHECK(spell(QualType{arena.pointer(arr)}) == "int(*)[3]");
    QualType fn{arena.function(i, {i}, false)};
    CHECK(spell(QualType{arena.pointer(fn)}, "cb") == "int(*cb)(int)");
    CHECK(spell(QualType{arena.array(QualType{arena.pointer(fn)}, ArrayLength::Known, 2)}) ==
          "int(*[2])(int)");
    CHECK(spell(QualType{arena.function(QualType{arena.primitive(Prim::Void)}, {}, false)}, "f") ==
          "void f(void)");
    CHECK(spell(QualType{arena.function(i, {ptr_i}, true)}, "g") == "int g(int *, ...)");
}

TEST_CASE("spell names typedefs, or resolves them as generated C needs") {
    TypeArena arena;
    QualType i{arena.primitive(Prim::Int)};
    auto cb = arena.new_typedef("cb_t", QualType{arena.pointer(QualType{arena.function(i, {i}, false)})}, {});
    auto cint = arena.new_typedef("cint_t", QualType{i.type, Const}, {});
    QualType p_cb{arena.pointer(QualType{cb})};
    CHECK(spell(p_cb, "x") == "cb_t *x");
    CHECK(spell(p_cb, "x", Typedefs::Resolved) == "int(**x)(int)");
    CHECK(spell(QualType{cint, Volatile}, "v", Typedefs::Resolved) == "const volatile int v");
    // `typedef ... *h_t;`: the pointee has no C name, so h_t stays.
    auto* hidden = new RecordType(RecordKind::Struct, "", {});
    hidden->typedef_name = "$h_t";
    hidden->from_dotdotdot_typedef = true;
    auto h = arena.new_typedef("h_t", QualType{arena.pointer(QualType{hidden})}, {});
    CHECK(spell(QualType{arena.pointer(QualType{h})}, "p", Typedefs::Resolved) == "h_t *p");
    delete hidden;
}

TEST_CASE("every primitive has a canonical name that maps back to it") {
    for (int k = 0; k < kPrimCount; ++k) {
        auto p = static_cast<Prim>(k);
        CHECK(prim_by_name(prim_info(p).c_name) == p);
    }
    CHECK_FALSE(prim_by_name("unsigned").has_value());
}
