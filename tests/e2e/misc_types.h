#define UMAX 0xFFFFFFFFFFFFFFFFULL
#define SMIN (-9223372036854775807LL)
#define ZERO 0
struct flex { int n; int data[]; };
struct grid { int cells[2][3]; };
enum small { S0, S1, S2 };
struct bits { enum small kind : 2; unsigned flag : 1; };
typedef int (*cmp_fn)(const void *, const void *);
static int cmp_ints(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
cmp_fn current_cmp = cmp_ints;
struct grid the_grid = {{{1, 2, 3}, {4, 5, 6}}};
char *message = "hi";
void *anything;
static const struct grid ORIGIN = {{{0, 0, 7}}};
static long double ld_twice(long double x) { return 2 * x; }
static struct bits make_bits(int k) { struct bits b; b.kind = (enum small)k; b.flag = 1; return b; }
static int flex_sum(struct flex *f) { int s = 0; for (int i = 0; i < f->n; i++) s += f->data[i]; return s; }
#include <complex.h>
struct polar { float _Complex f; double _Complex d; };
static double _Complex cx_mul(double _Complex a, double _Complex b) { return a * b; }
static float _Complex cx_conj(float _Complex z) { return conjf(z); }
static double cx_abs2(double _Complex z) { return creal(z) * creal(z) + cimag(z) * cimag(z); }
static struct polar cx_pair(double _Complex z) { struct polar p = {(float _Complex)z, z * 2}; return p; }
double _Complex cx_global = 1.0 - 1.0 * I;
static const float _Complex CX_HALF_I = 0.5f * I;
static double _Complex cx_py(float _Complex z, float k);
static double _Complex cx_call_py(float _Complex z, float k) { return cx_py(z, k); }
