#include <errno.h>
#include <time.h>

/* Another Python thread calls tick() in a loop: while a call sleeps, the
   ticks it sees are those that thread made, which it can only make when
   the call has released the GIL. */
static volatile int ticks;
static void tick(void) { ticks++; }

static int ticks_during_sleep(int ms)
{
    int before = ticks;
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {}
    return ticks - before;
}
static int ticks_during_sleep_kept(int ms) { return ticks_during_sleep(ms); }
static int ticks_during_sleep_released(int ms) { return ticks_during_sleep(ms); }
static int ticks_during_sleep_kept_again(int ms) { return ticks_during_sleep(ms); }

static int set_errno_kept(int value) { errno = value; return -1; }
static int get_errno_kept(void) { return errno; }
