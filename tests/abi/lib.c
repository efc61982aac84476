/* The small C library the ABI-mode tests dlopen (built by abi_e2e.py). */
#include <stdarg.h>

struct point { int x, y; };
typedef struct { double a; char tag[4]; unsigned flag : 3; } rec_t;

int add(int a, int b) { return a + b; }
struct point mkpoint(int x, int y) { struct point p = {x, y}; return p; }
int sum_points(struct point *ps, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) s += ps[i].x + ps[i].y;
    return s;
}
int apply(int (*f)(int, int), int a, int b) { return f(a, b); }
int sumv(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}
int counter = 7;
const double pi_value = 3.25;
double dvals[3] = {1.5, 2.5, 3.5};
const char *name(void) { return "abi"; }
int point_sum(struct point p) { return p.x + p.y; }
const struct point origin = {-1, 2};
struct m { union { int i; float fl; }; int k; struct { char a, b; }; };
int m_sum(struct m *p) { return p->i + p->k + p->a + p->b; }
