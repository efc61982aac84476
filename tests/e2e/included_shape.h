/* Module A2's types (includes A's), shared with the includer like
   included_geo.h (INCLUDED_SHAPE_TYPES_ONLY keeps the definitions here). */
#define INCLUDED_GEO_TYPES_ONLY
#include "included_geo.h"
struct circle { struct point centre; geo_int r; };

#ifndef INCLUDED_SHAPE_TYPES_ONLY
static struct circle make_circle(point_t centre, int r) { struct circle c = {centre, r}; return c; }
static int circle_width(struct circle *c) { return 2 * c->r; }
#endif
