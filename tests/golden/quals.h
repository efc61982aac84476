struct buffer {
    const unsigned char *data;
    char *const *names;
    const volatile int *const status;
    void *__restrict scratch;
    const int weights[3];
    const char *labels[];
};
volatile int ticks;
const char *const messages[] = {"a", "b"};
int grid[4][5];
typedef const int const_t;
#define LIMIT 42
typedef const double ratio_t;
static ratio_t RATIO = 0.5;
