enum color { RED, GREEN = 5, BLUE };
typedef enum { SMALL = -1, LARGE = 1000000 } size_class;
enum level { LOW = 10, MIDDLE, HIGH };
#define ANSWER 42
#define NEGATIVE -7
#define BIG 0xFFFFFFFFFFFF
#define FROM_C (6 * 7 + 1)
static const int LIMIT = 99;
static const double PI_ISH = 3.25;
static const char *const NAME = "ffigen";

int counter = 1;
double ratio = 0.5;
const int read_only = 11;
int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
char label[16] = "start";

static enum color next_color(enum color c) { return c == RED ? GREEN : c == GREEN ? BLUE : RED; }
static size_class classify(int n) { return n < 0 ? SMALL : LARGE; }
static int level_value(enum level l) { return (int)l; }
static int bump(void) { return ++counter; }
/* Generated modules define _CFFI_ before Python.h, as CFFI's do. */
#ifdef _CFFI_
#  define SEES_CFFI_MACRO 1
#endif
