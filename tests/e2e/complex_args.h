#include <complex.h>
static float abs_f(float _Complex x) { return cabsf(x); }
static double abs_d(double _Complex x) { return cabs(x); }
