/* shapes_scaled is in libscale.a (LIBRARIES scale, from LINK_DIRECTORIES). */
double shapes_scaled(double value);
