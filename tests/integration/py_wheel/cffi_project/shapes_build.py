# A CFFI build script: several cdef() calls, packed and pack=N structs,
# set_source() keywords, a dotted module name and ffi.include().
import cffi

from geo_build import ffibuilder as geo_ffi

ffi = cffi.FFI()
ffi.include(geo_ffi)
ffi.cdef("""
    struct circle { struct point center; double radius; };
    double circle_area(const struct circle *c);
""")
ffi.cdef("struct wire { char tag; int length; };", packed=True)
ffi.cdef("struct half { char tag; int length; };", pack=2)
ffi.cdef("""
    int shapes_version(void);
    double shapes_scaled(double x);
""")
ffi.set_source(
    "shapes._shapes",
    '#include "shapes.h"\n',
    sources=["csrc/shapes.c"],
    include_dirs=["csrc"],
    libraries=["m"],
    define_macros=[("SHAPES_VERSION", "7"), ("SHAPES_FAST", None)],
    extra_compile_args=["-O1", "-DSHAPES_SCALE=2.5"],
)

if __name__ == "__main__":
    ffi.compile(verbose=True)
