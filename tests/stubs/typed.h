#include <stdarg.h>
#include <stdio.h>
#include <uchar.h>
#include <wchar.h>
#include <complex.h>

struct point { int x; int y; };
struct opaque { int id; };
typedef struct point point_t;
typedef enum { RED, GREEN = 5 } color;
enum flags { FLAG_A = 1, FLAG_B = 2 };
typedef int count_t;

static int add(int a, int b) { return a + b; }
static unsigned long long widen(signed char c) { return (unsigned long long)(c < 0 ? -c : c); }
static double half(double x) { return x / 2; }
static float halff(float x) { return x / 2; }
static _Bool negate(_Bool b) { return !b; }
static char first(const char *s) { return s[0]; }
static wchar_t wide_first(const wchar_t *s) { return s[0]; }
static char16_t same16(char16_t c) { return c; }
static char32_t same32(char32_t c) { return c; }
static int sum(const int *items, count_t n) { int s = 0; for (int i = 0; i < n; i++) s += items[i]; return s; }
static int sum_bytes(const unsigned char *items, int n) { int s = 0; for (int i = 0; i < n; i++) s += items[i]; return s; }
static long double widen_ld(long double x) { return x; }
static double _Complex conjugate(double _Complex z) { return conj(z); }
static int point_x(point_t p) { return p.x; }
static int point_y(const struct point *p) { return p->y; }
static struct point make_point(int x, int y) { struct point p = {x, y}; return p; }
static size_t is_set(void *p) { return p != 0; }
static int opaque_id(struct opaque *o) { return o ? o->id : -1; }
static color next_color(color c) { return c == RED ? GREEN : RED; }
static int sum_ints(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}
static void nothing(void) {}
static int fileno_of(FILE *f) { return fileno(f); }
static const char *greeting(void) { return "hello"; }
static int twice(int x) { return 2 * x; }
static int (*get_op(void))(int) { return twice; }
static int apply(int (*op)(int), int x) { return op(x); }
static int first_of(int rows[][2]) { return rows[0][0]; }
static int pick(int self, int other, int lambda) { return self ? other : lambda; }
static int count_true(const _Bool *flags, int n) { int s = 0; for (int i = 0; i < n; i++) s += flags[i]; return s; }

static int counter = 1;
static struct point origin = {0, 0};
static int table[3] = {1, 2, 3};
static long double precise = 0.5L;
static const char *message = "message";
static _Bool enabled = 1;

#define ANSWER 42
#define FROM_C 7
static const double PI = 3.14159;
static const char *const NAME = "typed";
static const char LETTER = 'L';

static int on_event(int);

static int lambda(int x) { return x; }
static int str = 3;
static int __call__(int x) { return x; }
