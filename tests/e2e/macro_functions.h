#define twice(x) ((x) * 2)
static double half(double v) { return v / 2; }
