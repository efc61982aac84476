#include <math.h>
struct point { double x, y; };
struct circle { struct point center; double radius; };
#pragma pack(push, 1)
struct wire { char tag; int length; };
#pragma pack(pop)
#pragma pack(push, 2)
struct half { char tag; int length; };
#pragma pack(pop)
double circle_area(const struct circle *c);
#ifndef SHAPES_FAST
#error "define_macros lost SHAPES_FAST"
#endif
static int shapes_version(void) { return SHAPES_VERSION; }
static double shapes_scaled(double x) { return x * SHAPES_SCALE; }
