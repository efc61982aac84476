/* shapes._shapes (examples/cmake, examples/make): included by its preamble
   after geometry.h, whose polygon it needs. */
double shapes_scaled(double value); /* in shapes.c */

static double shapes_area(const polygon *poly) {
    double twice = 0;
    for (int i = 0; i < poly->count; i++) {
        const struct point *a = &poly->points[i], *b = &poly->points[(i + 1) % poly->count];
        twice += a->x * b->y - b->x * a->y;
    }
    return shapes_scaled((twice < 0 ? -twice : twice) / 2);
}
