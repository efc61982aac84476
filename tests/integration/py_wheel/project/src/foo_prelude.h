#include <math.h>
#include "foo.h"
struct point { double x, y; };
static int foo_scaled(int x) { return x * FOO_SCALE + FOO_OFFSET; }
static double foo_norm2(const struct point *p) { return p->x * p->x + p->y * p->y; }
