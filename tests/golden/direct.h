#include <math.h>
static int twice(int x) { return 2 * x; }
static int (*maybe_missing)(int) = twice;
