#define INCLUDED_SHAPE_TYPES_ONLY
#include "included_shape.h"

struct poly { point_t pts[GEO_N]; enum color c; };
struct later { int v; };
static int poly_sum(struct poly *p) {
    int s = 0;
    for (int i = 0; i < GEO_N; i++) s += p->pts[i].x + p->pts[i].y;
    return s + (int)p->c;
}
static point_t mid(point_t a, struct point *b) { point_t r = {(a.x + b->x) / 2, (a.y + b->y) / 2}; return r; }
static struct point *first_pt(struct poly *p) { return &p->pts[0]; }
static size2_t doubled(size2_t s) { s.w *= 2; s.h *= 2; return s; }
static geo_int twice(geo_int x) { return 2 * x; }
static float num_as_float(union num n) { return n.f; }
static enum color next_color(enum color c) { return c == RED ? GREEN : BLUE; }
static int grow(struct circle *c, int by) { c->r += by; return c->r; }
