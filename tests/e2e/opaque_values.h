/* The C side knows every type the cdef leaves opaque. */
#include <stdlib.h>
typedef char opaque_t[6];
typedef int boxed_t;
struct secret { int v; };
static const boxed_t CONSTANT = 42;
opaque_t globvar = "hello";
struct secret hidden = { 7 };
struct holder { void (*cb)(opaque_t); int n; };
typedef struct secret make_secret_fn(int);
static int secret_value(struct secret s) { return s.v; }
static int opaque_first(opaque_t v) { return v[0]; }
static struct secret *secret_new(int v) { struct secret *s = malloc(sizeof *s); s->v = v; return s; }
static int secret_read(struct secret *s) { int v = s->v; free(s); return v; }
static struct secret secret_sum(int n, ...) { struct secret s = { n }; return s; }
static struct secret make_it(int v) { struct secret s = { v }; return s; }
static make_secret_fn *maker = make_it;
static struct secret py_secret(int);
typedef struct { int x[2]; int y; } *point_p;
static point_p point_bump(point_p p) { p->x[1] += 42; return p; }
