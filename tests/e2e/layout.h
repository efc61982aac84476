#include <stdlib.h>
struct flags { unsigned a : 1; unsigned b : 3; int c : 4; unsigned : 0; unsigned d : 5; };
struct partial { long hidden_before; int visible; double hidden_after; };
struct sized { int n; int items[6]; };
struct handle { int id; };
typedef struct handle handle_t;
typedef struct { char secret[3]; } cookie_t;
int table[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};

static struct flags make_flags(void) { struct flags f = {1, 5, -3, 17}; return f; }
static int flags_sum(struct flags f) { return (int)f.a + (int)f.b + f.c + (int)f.d; }
static void partial_init(struct partial *p, int v) { p->hidden_before = 1; p->visible = v; p->hidden_after = 2; }
static int partial_hidden(const struct partial *p) { return (int)(p->hidden_before + (long)p->hidden_after); }
static handle_t *handle_open(int id) { handle_t *h = (handle_t *)malloc(sizeof *h); h->id = id; return h; }
static int handle_id(handle_t *h) { return h->id; }
static void handle_close(handle_t *h) { free(h); }
static cookie_t *cookie_new(void) { return (cookie_t *)calloc(1, sizeof(cookie_t)); }
static int cookie_eat(cookie_t *c) { free(c); return 3; }
