"""Modules for the part-2 runtime tests (callbacks, extern "Python", threads),
built with stock CFFI and loaded on both runtimes through conftest's `built`."""
import pytest

CB_DECLS = r"""
struct pair { int a; double b; };
struct big { long long x[4]; };
"""

CB_CDEF = CB_DECLS + r"""
int call_int(int (*f)(int), int x);
long long call_n(int (*f)(int), int n);
double call_dd(double (*f)(double, float), double x);
signed char call_sc(signed char (*f)(signed char), signed char x);
unsigned short call_us(unsigned short (*f)(unsigned short), unsigned short x);
long long call_ll(long long (*f)(long long), long long x);
unsigned long long call_ull(unsigned long long (*f)(void));
_Bool call_bool(_Bool (*f)(int), int x);
char call_char(char (*f)(char), char x);
wchar_t call_wchar(wchar_t (*f)(wchar_t), wchar_t x);
float call_float(float (*f)(float), float x);
long double call_ld(long double (*f)(long double), long double x);
void *call_ptr(void *(*f)(void *), void *p);
struct pair call_pair(struct pair (*f)(struct pair), struct pair p);
long long call_big(struct big (*f)(struct big, int), int k);
void call_void(void (*f)(int *), int *p);
int call_str(int (*f)(const char *), const char *s);
int call_errno(int (*f)(int), int e);
long long call_in_threads(int (*f)(int), int nthreads, int calls);
int sleep_ms(int ms);
long long fill_after_ms(int *p, int n, int ms);
int (*get_sleep_ms(void))(int);
int (*get_sum_ints(void))(int, ...);
double (*get_sum_doubles(void))(int, ...);

extern "Python" int py_add(int, int);
extern "Python" double py_scale(double, struct pair);
extern "Python" void py_note(const char *);
extern "Python" struct pair py_make(int);
extern "Python" long double py_twice_ld(long double);
extern "Python" int py_unattached(int);
extern "Python+C" int py_plus_c(int);
int use_add(int a, int b);
double use_scale(double x, int a, double b);
void use_note(const char *s);
struct pair use_make(int n);
long double use_twice_ld(long double x);
int use_unattached(int x);
int use_plus_c(int x);
long long extern_in_threads(int nthreads, int calls);
void start_thread(int (*f)(int), int x);
void wait_thread_called(void);
int join_thread(void);
"""

CB_SOURCE = CB_DECLS + r"""
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <time.h>
#include <wchar.h>
static int py_add(int, int);
static double py_scale(double, struct pair);
static void py_note(const char *);
static struct pair py_make(int);
static long double py_twice_ld(long double);
static int py_unattached(int);
int py_plus_c(int);
int call_int(int (*f)(int), int x) { return f(x); }
long long call_n(int (*f)(int), int n) { long long s = 0; for (int i = 0; i < n; i++) s += f(i); return s; }
double call_dd(double (*f)(double, float), double x) { return f(x, 0.5f); }
signed char call_sc(signed char (*f)(signed char), signed char x) { return f(x); }
unsigned short call_us(unsigned short (*f)(unsigned short), unsigned short x) { return f(x); }
long long call_ll(long long (*f)(long long), long long x) { return f(x); }
unsigned long long call_ull(unsigned long long (*f)(void)) { return f(); }
_Bool call_bool(_Bool (*f)(int), int x) { return f(x); }
char call_char(char (*f)(char), char x) { return f(x); }
wchar_t call_wchar(wchar_t (*f)(wchar_t), wchar_t x) { return f(x); }
float call_float(float (*f)(float), float x) { return f(x); }
long double call_ld(long double (*f)(long double), long double x) { return f(x); }
void *call_ptr(void *(*f)(void *), void *p) { return f(p); }
struct pair call_pair(struct pair (*f)(struct pair), struct pair p) { return f(p); }
long long call_big(struct big (*f)(struct big, int), int k) {
    struct big b = {{1, 2, 3, 4}};
    struct big r = f(b, k);
    return r.x[0] + r.x[1] + r.x[2] + r.x[3];
}
void call_void(void (*f)(int *), int *p) { f(p); }
int call_str(int (*f)(const char *), const char *s) { return f(s); }
int call_errno(int (*f)(int), int e) { errno = e; int r = f(0); return r * 1000 + errno; }

struct job { int (*f)(int); int calls; long long sum; int (*g)(int, int); };
static void *run_job(void *arg) {
    struct job *j = arg;
    for (int i = 0; i < j->calls; i++) j->sum += j->f ? j->f(i) : j->g(i, 1);
    return 0;
}
static long long run_threads(int (*f)(int), int (*g)(int, int), int nthreads, int calls) {
    pthread_t t[16];
    struct job jobs[16];
    long long total = 0;
    if (nthreads > 16) return -1;
    for (int i = 0; i < nthreads; i++) {
        jobs[i].f = f; jobs[i].g = g; jobs[i].calls = calls; jobs[i].sum = 0;
        pthread_create(&t[i], 0, run_job, &jobs[i]);
    }
    for (int i = 0; i < nthreads; i++) { pthread_join(t[i], 0); total += jobs[i].sum; }
    return total;
}
long long call_in_threads(int (*f)(int), int nthreads, int calls) { return run_threads(f, 0, nthreads, calls); }
long long extern_in_threads(int nthreads, int calls) { return run_threads(0, py_add, nthreads, calls); }
int sleep_ms(int ms) { struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L}; nanosleep(&ts, 0); return ms; }
int (*get_sleep_ms(void))(int) { return sleep_ms; }
/* one C thread calling back once, then exiting only once join_thread
   (called holding the GIL) waits for it */
static pthread_t lone_thread;
static struct { int (*f)(int); int x, result, called, joining; } lone;
static void *lone_run(void *arg) {
    lone.result = lone.f(lone.x);
    __atomic_store_n(&lone.called, 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&lone.joining, __ATOMIC_ACQUIRE)) sleep_ms(1);
    return arg;
}
void start_thread(int (*f)(int), int x) {
    lone.f = f; lone.x = x; lone.called = 0; lone.joining = 0;
    pthread_create(&lone_thread, 0, lone_run, 0);
}
void wait_thread_called(void) { while (!__atomic_load_n(&lone.called, __ATOMIC_ACQUIRE)) sleep_ms(1); }
int join_thread(void) {
    __atomic_store_n(&lone.joining, 1, __ATOMIC_RELEASE);
    pthread_join(lone_thread, 0);
    return lone.result;
}
long long fill_after_ms(int *p, int n, int ms) {
    long long s = 0;
    sleep_ms(ms);
    for (int i = 0; i < n; i++) { p[i] = i; s += p[i]; }
    return s;
}
static int sum_ints(int n, ...) { va_list ap; va_start(ap, n); int s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }
static double sum_doubles(int n, ...) { va_list ap; va_start(ap, n); double s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, double); va_end(ap); return s; }
int (*get_sum_ints(void))(int, ...) { return sum_ints; }
double (*get_sum_doubles(void))(int, ...) { return sum_doubles; }

int use_add(int a, int b) { return py_add(a, b); }
double use_scale(double x, int a, double b) { struct pair p = {a, b}; return py_scale(x, p); }
void use_note(const char *s) { py_note(s); }
struct pair use_make(int n) { return py_make(n); }
long double use_twice_ld(long double x) { return py_twice_ld(x); }
int use_unattached(int x) { return py_unattached(x); }
int use_plus_c(int x) { return py_plus_c(x); }
"""

MODULES = {
    "_rtcb": (CB_CDEF, CB_SOURCE),
}


def load2(built, runtime, name):
    cdef, source = MODULES[name]
    m = built.module(name, cdef, source, runtime)
    return m.ffi, m.lib


@pytest.fixture
def cb(built, runtime):
    return load2(built, runtime, "_rtcb")
