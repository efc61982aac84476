/* libscale.a: the library the module links by name. */
double shapes_scaled(double value) { return 3 * value; }
