/* The set_source preamble of the bundled example: the library itself. */
#include <math.h>

#define GEOM_MAX_POINTS 64
#define GEOM_VERSION 3

typedef enum { GEOM_OK, GEOM_EMPTY, GEOM_FULL } geom_status;

struct point { double x, y; };

typedef struct {
    int count;
    struct point points[GEOM_MAX_POINTS];
    unsigned flags; /* not in the cdef: the "...;" lets the C compiler lay it out */
} polygon;

int geom_calls = 0;

static double point_distance(struct point a, struct point b) {
    geom_calls++;
    return hypot(a.x - b.x, a.y - b.y);
}

static void polygon_init(polygon *poly) { poly->count = 0; poly->flags = 0; }

static geom_status polygon_add(polygon *poly, double x, double y) {
    if (poly->count == GEOM_MAX_POINTS) return GEOM_FULL;
    poly->points[poly->count].x = x;
    poly->points[poly->count].y = y;
    poly->count++;
    return GEOM_OK;
}

static double polygon_perimeter(const polygon *poly) {
    double total = 0;
    for (int i = 0; i < poly->count; i++)
        total += point_distance(poly->points[i], poly->points[(i + 1) % poly->count]);
    return total;
}

static const char *geom_status_name(geom_status s) {
    switch (s) {
    case GEOM_OK: return "ok";
    case GEOM_EMPTY: return "empty";
    case GEOM_FULL: return "full";
    }
    return "?";
}

typedef int (*point_visitor)(const struct point *p, void *userdata);

static int polygon_visit(const polygon *poly, point_visitor visit, void *userdata) {
    for (int i = 0; i < poly->count; i++)
        if (visit(&poly->points[i], userdata) != 0) return i;
    return -1;
}
