#include "shapes.h"
double circle_area(const struct circle *c) { return M_PI * c->radius * c->radius; }
