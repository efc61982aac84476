/* The C functions every column of bench/runtime_bench.py calls: the
 * preamble of the CFFI and ffigen modules and the body of the hand-written
 * extension (runtime_bench_ext.c), so all of them do the same C work. */
#include <stddef.h>
#include <string.h>

struct point { int x, y; };

static int nothing(void) { return 7; }
static int add(int a, int b) { return a + b; }
static double half(double x) { return x / 2; }
static size_t slen(const char *s) { return strlen(s); }
static int psum(struct point *p) { return p->x + p->y; }
static double mix6(int a, double b, struct point *p, const char *s, long c, double d)
{
    return a + b + p->x + (double)strlen(s) + (double)c + d;
}
static struct point mkpoint(int x, int y)
{
    struct point p = { x, y };
    return p;
}
/* Calls back into Python n times: the per-callback cost is the time over n. */
static long long call_n(int (*f)(int), int n)
{
    long long s = 0;
    for (int i = 0; i < n; i++) s += f(i);
    return s;
}
