#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
typedef int (*binop)(int, int);
struct handler { binop op; const char *name; };
struct point { int x, y; };

static int mul(int a, int b) { return a * b; }
static int sub(int a, int b) { return a - b; }
static int apply(binop op, int a, int b) { return op(a, b); }
static binop pick(int which) { return which ? mul : sub; }
static int run_handler(const struct handler *h, int a, int b) { return h->op(a, b); }

static int py_add(int, int);
static void py_log(const char *message, double value);
static struct point py_mirror(struct point p);
static int call_log(const char *message, double value) { py_log(message, value); return py_add(1, 2); }
static int call_mirror(int x, int y) { struct point p = {x, y}; struct point q = py_mirror(p); return q.x * 100 + q.y; }

static int format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static int sum_ints(int count, ...)
{
    va_list ap;
    int total = 0;
    va_start(ap, count);
    for (int i = 0; i < count; i++) total += va_arg(ap, int);
    va_end(ap);
    return total;
}

static int fail_with(int code) { errno = code; return -1; }
