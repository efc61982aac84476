/* Module A's types, shared with the includer (includer.h includes this
   with INCLUDED_GEO_TYPES_ONLY: the definitions below belong to A only). */
struct point { int x, y; };
union num { int i; float f; };
typedef struct point point_t;
typedef struct { double w, h; } size2_t;
enum color { RED, GREEN = 5, BLUE };
typedef int geo_int;
struct later;
#define GEO_N 4
#define GEO_ORIGIN_X (-3)

#ifndef INCLUDED_GEO_TYPES_ONLY
static point_t make_point(int x, int y) { point_t p = {x, y}; return p; }
static int norm1(struct point *p) { return (p->x < 0 ? -p->x : p->x) + (p->y < 0 ? -p->y : p->y); }
int geo_counter = 7;
#endif
