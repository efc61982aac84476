#include <math.h>
struct point { double x, y; };
static double point_norm(const struct point *p) { return sqrt(p->x * p->x + p->y * p->y); }
