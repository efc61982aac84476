/* More C linked into shapes._shapes (SOURCES); SHAPES_SCALE comes from DEFINES. */
double shapes_scaled(double value) { return SHAPES_SCALE * value; }
