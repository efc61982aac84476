# A CFFI build script (as its project has it): the module others include.
from cffi import FFI

ffibuilder = FFI()
ffibuilder.cdef("struct point { double x, y; };")
ffibuilder.cdef("double point_norm(const struct point *p);")
ffibuilder.set_source("shapes._geo", """
#include <math.h>
struct point { double x, y; };
static double point_norm(const struct point *p) { return sqrt(p->x * p->x + p->y * p->y); }
""", libraries=["m"])

if __name__ == "__main__":
    ffibuilder.compile(verbose=True)
