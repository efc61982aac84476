static int add(int a, int b) { return a + b; }
static int answer(void) { return 42; }
static double half(double x) { return x / 2; }
static const char *name_of(int id) { return id ? "one" : "zero"; }
static void reset(void) {}
static long long span(unsigned char lo, unsigned long hi, float scale)
{ return (long long)((double)(hi - lo) * scale); }
static int count;
static int counted(int step) { return count += step; }
