"""float _Complex and double _Complex: ctypes, cdata, conversions, casts,
API-mode calls, and the libffi paths stock CFFI refuses (calls through
function pointers, callbacks), on both runtimes."""
import math

import pytest

DECLS = r"""
struct cplx { int tag; double _Complex z; float _Complex w; };
"""

CDEF = DECLS + r"""
double _Complex cadd(double _Complex, double _Complex);
float _Complex cfmul(float _Complex, float _Complex);
double creal_of(double _Complex);
struct cplx mkcplx(double _Complex);
double _Complex (*get_twice(void))(double _Complex);
int takes_cplx(double _Complex);
extern double _Complex gz;
extern "Python" float _Complex py_scale(float _Complex, float);
float _Complex run_scale(float _Complex, float);
"""

SOURCE = r"""
#include <complex.h>
""" + DECLS + r"""
double _Complex cadd(double _Complex a, double _Complex b) { return a + b; }
float _Complex cfmul(float _Complex a, float _Complex b) { return a * b; }
double creal_of(double _Complex z) { return creal(z); }
struct cplx mkcplx(double _Complex z) { struct cplx s = {7, z, 2.0f - 1.0f * I}; return s; }
static double _Complex twice(double _Complex z) { return 2 * z; }
double _Complex (*get_twice(void))(double _Complex) { return twice; }
int takes_cplx(double _Complex z) { return (int)creal(z) + 10 * (int)cimag(z); }
double _Complex gz = 3.0 + 4.0 * I;
static float _Complex py_scale(float _Complex, float);
float _Complex run_scale(float _Complex z, float k) { return py_scale(z, k); }
"""


@pytest.fixture
def cx(built, runtime):
    m = built.module("_rtcomplex", CDEF, SOURCE, runtime)
    return m.ffi, m.lib


def test_ctypes(cx):
    ffi, lib = cx
    for name, size, align in (("float _Complex", 8, 4), ("double _Complex", 16, 8)):
        t = ffi.typeof(name)
        assert repr(t) == "<ctype '%s'>" % name
        assert (t.kind, t.cname) == ("primitive", name)
        assert (ffi.sizeof(t), ffi.alignof(t)) == (size, align)
    assert ffi.typeof("double  _Complex") is ffi.typeof("double _Complex")
    assert ffi.typeof("const double _Complex") is ffi.typeof("double _Complex")
    assert ffi.typeof("double _Complex const") is ffi.typeof("double _Complex")
    assert ffi.typeof("double _Complex *").item is ffi.typeof("double _Complex")
    assert repr(ffi.typeof("double _Complex[3]")) == "<ctype 'double _Complex[3]'>"
    assert repr(ffi.typeof("double _Complex(*)(float _Complex)")) == "<ctype 'double _Complex(*)(float _Complex)'>"
    for bad in ("int _Complex", "long double _Complex", "_Complex", "_Complex double", "float _Complex _Complex",
                "double const _Complex", "_Bool _Complex", "char _Complex"):
        with pytest.raises(ffi.error):
            ffi.typeof(bad)


def test_new_and_read(cx):
    ffi, lib = cx
    p = ffi.new("double _Complex *", 1 + 2j)
    assert repr(p) == "<cdata 'double _Complex *' owning 16 bytes>"
    assert p[0] == 1 + 2j and type(p[0]) is complex
    assert ffi.new("double _Complex *")[0] == 0j
    assert ffi.new("float _Complex *", 1.5 + 2j)[0] == 1.5 + 2j
    assert ffi.new("float _Complex *", 0.1j)[0] == complex(0, float(ffi.cast("float", 0.1)))  # rounded to float
    for init, want in ((3, 3 + 0j), (3.5, 3.5 + 0j), (True, 1 + 0j), (2**100, complex(2**100))):
        assert ffi.new("double _Complex *", init)[0] == want
    assert ffi.new("double _Complex *", ffi.cast("double _Complex", 5.5 + 1j))[0] == 5.5 + 1j
    assert ffi.new("double _Complex *", ffi.cast("float _Complex", 0.5j))[0] == 0.5j
    p[0] = -1j
    assert p[0] == -1j
    assert ffi.new("float _Complex *", 1e300)[0] == complex(math.inf, 0)
    assert ffi.unpack(ffi.new("float _Complex[2]", [1, 2j]), 2) == [1, 2j]


def test_bad_values(cx):
    ffi, lib = cx
    p = ffi.new("double _Complex *")
    for bad in ("x", b"x", [1j], object(), ffi.NULL):
        with pytest.raises(TypeError):
            p[0] = bad
    with pytest.raises(OverflowError):
        p[0] = 2**2000
    # cdata that are not complex refuse complex(), so they cannot initialize one
    for other in (ffi.cast("int", 5), ffi.cast("double", 5.5), ffi.cast("long double", 5.5), ffi.new("int *")):
        with pytest.raises(TypeError, match="complex"):
            ffi.new("double _Complex *", other)
    assert p[0] == 0j


def test_value_cdata(cx):
    ffi, lib = cx
    z = ffi.cast("double _Complex", 1 + 2j)
    assert repr(z) == "<cdata 'double _Complex' (1+2j)>"
    assert repr(ffi.cast("float _Complex", -1.5 - 2j)) == "<cdata 'float _Complex' (-1.5-2j)>"
    assert complex(z) == 1 + 2j and complex(ffi.cast("float _Complex", 1.5 + 2j)) == 1.5 + 2j
    assert z == 1 + 2j and z == ffi.cast("float _Complex", 1 + 2j) and not z != ffi.cast("double _Complex", 1 + 2j)
    assert hash(z) == hash(1 + 2j)
    assert bool(z) and bool(ffi.cast("double _Complex", 1j)) and not bool(ffi.cast("double _Complex", 0))
    with pytest.raises(TypeError, match="not supported"):
        float(z)
    with pytest.raises(TypeError, match="not supported"):
        int(z)
    with pytest.raises(TypeError):
        z < z
    with pytest.raises(TypeError):
        z + 1
    for other in (ffi.cast("int", 3), ffi.cast("double", 3.5), ffi.cast("char", 3), ffi.new("int *")):
        with pytest.raises(TypeError, match=r"complex\(\) not supported"):
            complex(other)


def test_cast(cx):
    ffi, lib = cx
    cast = lambda v, t="double _Complex": complex(ffi.cast(t, v))
    assert cast(1 + 2j) == 1 + 2j and cast(3) == 3 and cast(3.25) == 3.25 and cast(True) == 1
    assert cast("x") == 120 and cast(b"x") == 120 and cast("\u1234") == 0x1234
    assert cast(-2**64) == -2.0**64
    assert cast(ffi.cast("int", 7)) == 7 and cast(ffi.cast("unsigned long long", -1)) == 2.0**64
    assert cast(ffi.cast("double", 1.5)) == 1.5 and cast(ffi.cast("float", 1.5)) == 1.5
    assert cast(ffi.cast("char", 65)) == 65 and cast(ffi.cast("_Bool", 1)) == 1
    assert cast(ffi.cast("float _Complex", 7j)) == 7j
    assert cast(1e300 + 1e300j, "float _Complex") == complex(math.inf, math.inf)
    z = cast(complex(math.inf, math.nan))
    assert math.isinf(z.real) and math.isnan(z.imag)
    for bad in ("xy", b"", None, object(), bytearray(b"x"), ffi.new("int *"), ffi.NULL,
                ffi.new("double _Complex[2]"), ffi.new("struct cplx *")[0], ffi.cast("long double", 7.5)):
        with pytest.raises(TypeError):
            ffi.cast("double _Complex", bad)
    with pytest.raises(OverflowError):
        ffi.cast("double _Complex", 2**2000)
    # and from complex to other types: refused, as complex() -> int/float is
    for target in ("int", "double", "long double", "char", "void *", "_Bool"):
        with pytest.raises(TypeError):
            ffi.cast(target, ffi.cast("double _Complex", 7 + 1j))


def test_arrays_and_fields(cx):
    ffi, lib = cx
    a = ffi.new("double _Complex[2]", [1, 2j])
    assert repr(a) == "<cdata 'double _Complex[2]' owning 32 bytes>"
    assert list(a) == [1, 2j]
    assert ffi.new("double _Complex[]", [1, 2j, 3.5])[2] == 3.5
    assert ffi.new("float _Complex[3]", (1, 2j))[2] == 0j
    with pytest.raises(TypeError):
        ffi.new("double _Complex[2]", [1j, "x"])
    with pytest.raises(TypeError):
        ffi.new("double _Complex[2]", 1j)
    s = ffi.new("struct cplx *", [1, 2 + 3j, 4j])
    assert (s.tag, s.z, s.w) == (1, 2 + 3j, 4j)
    s.z = 1 + 1j
    assert s.z == 1 + 1j
    assert ffi.new("struct cplx *", {"w": 1 - 1j}).w == 1 - 1j
    with pytest.raises(TypeError):
        ffi.new("struct cplx *", {"w": "x"})
    fields = dict(ffi.typeof("struct cplx").fields)
    assert fields["z"].type is ffi.typeof("double _Complex")
    assert (ffi.offsetof("struct cplx", "z"), ffi.offsetof("struct cplx", "w"), ffi.sizeof("struct cplx")) == (8, 24, 32)


def test_buffer_bytes(cx):
    ffi, lib = cx
    import struct
    assert ffi.buffer(ffi.new("double _Complex *", 1 + 2j))[:] == struct.pack("dd", 1, 2)
    assert ffi.buffer(ffi.new("float _Complex *", 1 + 2j))[:] == struct.pack("ff", 1, 2)


def test_api_calls(cx):
    ffi, lib = cx
    assert lib.cadd(1 + 2j, 3 - 1j) == 4 + 1j and type(lib.cadd(0, 0)) is complex
    assert lib.cadd(1, 2.5) == 3.5
    assert lib.cfmul(1 + 2j, 3 - 1j) == 5 + 5j
    assert lib.creal_of(ffi.cast("double _Complex", 6 - 1j)) == 6.0
    assert lib.takes_cplx(3 + 4j) == 43
    s = lib.mkcplx(5j)
    assert (s.tag, s.z, s.w) == (7, 5j, 2 - 1j)
    assert lib.gz == 3 + 4j
    lib.gz = 1j
    assert lib.gz == 1j
    for bad in ("a", None, ffi.cast("int", 2)):
        with pytest.raises(TypeError):
            lib.cadd(bad, 1)


def test_extern_python_float_complex(cx):
    ffi, lib = cx
    seen = []

    @ffi.def_extern()
    def py_scale(z, k):
        seen.append((z, k))
        return z * k

    assert lib.run_scale(1 + 2j, 2.0) == 2 + 4j
    assert seen == [(1 + 2j, 2.0)]


def test_libffi_paths_refused(cx):
    # libffi's complex support is partial: calls through function pointers
    # and callbacks with complex arguments or results are NotImplementedError
    ffi, lib = cx
    with pytest.raises(NotImplementedError, match="double _Complex"):
        lib.get_twice()(3j)
    with pytest.raises(NotImplementedError, match="double _Complex"):
        ffi.addressof(lib, "takes_cplx")(3 + 4j)
    with pytest.raises(NotImplementedError):
        ffi.addressof(lib, "mkcplx")(1j)  # a struct holding complex fields too
    with pytest.raises(NotImplementedError):
        ffi.cast("int(*)(struct cplx)", ffi.addressof(lib, "takes_cplx"))(ffi.new("struct cplx *")[0])
    for sig in ("double _Complex(double _Complex)", "int(float _Complex)", "float _Complex(int)", "int(struct cplx)"):
        with pytest.raises(NotImplementedError):
            ffi.callback(sig, lambda *a: 0)
