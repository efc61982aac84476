#include <stdlib.h>
struct point { int x, y; };
typedef struct { struct point corner; unsigned w : 12, h : 12; } box;
union value { int i; double d; };
struct event { int kind; union { int key; struct point at; }; };
struct hidden { double secret; int known; };
struct list { int len; char name[20]; };
struct opaque { int id; };
typedef struct opaque opaque_t;
typedef unsigned short handle_id;

static struct point move(struct point p, int dx) { p.x += dx; return p; }
static int box_area(const box *b) { return (int)(b->w * b->h); }
static opaque_t *opaque_new(handle_id id) { opaque_t *o = (opaque_t *)malloc(sizeof *o); o->id = id; return o; }
