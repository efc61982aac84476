int grid[3][4];
int rows[2][5];
struct board { int head; int cells[2][3]; int tail; };
typedef int vec_t[6];
typedef int mat_t[4][7];
typedef int vmat_t[][8];
static int sum_vec(vec_t v) { int s = 0; for (int i = 0; i < 6; i++) s += v[i]; return s; }
static int corner(mat_t m, mat_t *pm) { return m[3][6] + (*pm)[0][0]; }
