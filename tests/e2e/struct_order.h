struct b_holder;
struct d_wrap;
struct a_node { struct b_holder *owner; struct a_node *next; int v; };
union c_cell { struct b_holder *back; long long n; };
struct b_holder { struct a_node head; union c_cell cells[2]; };
struct e_leaf { struct d_wrap *up; short s; };
typedef struct d_wrap { struct e_leaf leaf; struct d_wrap *self; } d_wrap_t;

static int holder_sum(struct b_holder h) { return h.head.v + (int)h.cells[0].n + (int)h.cells[1].n; }
static struct b_holder make_holder(int v) {
    struct b_holder h = {{0, 0, v}, {{0}, {0}}};
    h.cells[1].n = 2 * v;
    return h;
}
