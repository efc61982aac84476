struct point { int x, y; };
struct rect { struct point min, max; };
typedef struct { double re, im; } cplx;
union num { int i; float f; unsigned char bytes[4]; };
struct tagged {
    int kind;
    union { int i; double d; };
    struct { short lo, hi; };
};
struct big { long a, b, c, d, e; };

static struct point make_point(int x, int y) { struct point p = {x, y}; return p; }
static int area(const struct rect *r) { return (r->max.x - r->min.x) * (r->max.y - r->min.y); }
static struct rect grow(struct rect r, int by)
{ r.min.x -= by; r.min.y -= by; r.max.x += by; r.max.y += by; return r; }
static cplx cmul(cplx a, cplx b)
{ cplx r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; return r; }
static union num as_num(int i) { union num n; n.i = i; return n; }
static int tagged_sum(struct tagged t) { return t.kind + t.i + t.lo + t.hi; }
static struct big make_big(long start)
{ struct big b = {start, start + 1, start + 2, start + 3, start + 4}; return b; }
static long big_sum(struct big b) { return b.a + b.b + b.c + b.d + b.e; }
struct nested { struct { int a, b; } inner; union { int i; float f; } slots[2]; int after; };
static int nested_sum(const struct nested *n) { return n->inner.a + n->inner.b + n->slots[1].i + n->after; }
