// The PyPy side of a generated module (codegen/emit_pypy.cpp): the entry
// point PyPy's built-in backend looks for, the functions it calls, and the
// CPython-only code compiled out under PYPY_VERSION.
#include <doctest/doctest.h>

#include <string>

#include "codegen/emit.hpp"
#include "codegen/support.hpp"

using namespace ffigen::model;

namespace {

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// point make(int, int); long sum(struct point, long); double _Complex twice(double _Complex);
// void tick(void); extern "Python" int cb(int).
std::string emit_sample() {
    Module m;
    TypeArena& a = m.types;
    QualType i{a.primitive(Prim::Int)}, l{a.primitive(Prim::Long)}, v{a.primitive(Prim::Void)};
    QualType z{a.primitive(Prim::DoubleComplex)};
    RecordType* point = a.new_record(RecordKind::Struct, "point", {});
    point->completeness = Completeness::Complete;
    point->fields.push_back({"x", i, -1, {}});
    QualType p{point};
    m.records = {point};
    m.functions.push_back({"make", a.function(p, {i, i}, false), ExternPython::No, {}});
    m.functions.push_back({"sum", a.function(l, {p, l}, false), ExternPython::No, {}});
    m.functions.push_back({"twice", a.function(z, {z}, false), ExternPython::No, {}});
    m.functions.push_back({"tick", a.function(v, {}, false), ExternPython::No, {}});
    m.functions.push_back({"cb", a.function(i, {i}, false), ExternPython::Python, {}});
    ffigen::codegen::EmitOptions o;
    o.module_name = "pkg._mod";
    return ffigen::codegen::emit_module(m, o);
}

}  // namespace

TEST_CASE("PyPy calls the C function itself, structs and complex numbers by pointer") {
    std::string c = emit_sample();
    CHECK(contains(c, "#ifndef PYPY_VERSION\nstatic PyObject *_ffigen_v_tick(PyObject *self, PyObject *const *a, Py_ssize_t nargs)"));
    CHECK(contains(c, "#else\n#  define _ffigen_f_tick _ffigen_d_tick\n#endif\n"));
    CHECK(contains(c, "#else\nstatic void _ffigen_f_make(struct point *result, int x0, int x1)"
                      " { *result = make(x0, x1); }\n#endif\n"));
    CHECK(contains(c, "#else\nstatic long _ffigen_f_sum(struct point *x0, long x1) { return sum(*x0, x1); }\n"));
    CHECK(contains(c, "static void _ffigen_f_twice(double _Complex *result, double _Complex *x0)"
                      " { *result = twice(*x0); }\n"));
    // The globals table is the same text for both: _ffigen_f_NAME, _ffigen_d_NAME.
    CHECK(contains(c, "{ \"make\", (void *)_ffigen_f_make, _FFIGEN_OP(_FFIGEN_OP_CPYTHON_BLTN_V,"));
}

TEST_CASE("PyPy's entry point fills the version and the context; PyInit and the extension are CPython's") {
    std::string c = emit_sample();
    CHECK(contains(c, "#ifdef PYPY_VERSION\nPyMODINIT_FUNC _cffi_pypyinit__mod(const void *p[])\n{\n"
                      "  if ((intptr_t)p[0] >= 0x0A03)\n"
                      "    _ffigen_exports[_FFIGEN_EXPORT_CALL_PYTHON] = (void *)p[1];\n"
                      "  p[0] = (const void *)0x2601;\n  p[1] = &_ffigen_context;\n  return NULL;\n}\n"
                      "#else\nPyMODINIT_FUNC PyInit__mod(void)\n"));
    CHECK(contains(c, "runtimes);\n}\n#endif\n"));
    CHECK(contains(c, "#ifndef PYPY_VERSION /* PyPy's backend calls the C functions */\n"
                      "static void *const _ffigen_fastcall[] = {"));
}

TEST_CASE("the support code PyPy compiles calls no CPython function") {
    std::string support = ffigen::codegen::kModuleSupport;
    auto cpython = support.find("#ifndef PYPY_VERSION");
    REQUIRE(cpython != std::string::npos);
    std::string pure = support.substr(0, cpython);
    CHECK(contains(pure, "_ffigen_call_python"));  // extern "Python" stubs work on PyPy
    CHECK(contains(pure, "_ffigen_int_const_checked"));
    for (const char* cpython_only : {"PyObject", "PyErr_", "PyThreadState", "Py_ssize_t", "_ffigen_ctypes"})
        CHECK_MESSAGE(!contains(pure, cpython_only), cpython_only);
    CHECK(support.find("#endif /* PYPY_VERSION */") > support.find("_ffigen_init("));
}
