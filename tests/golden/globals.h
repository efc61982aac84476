#include <stdio.h>
#define LIMIT 100
#define NEG -5
#define FROM_C (LIMIT * 2)
static const double SCALE = 0.5;
enum color { RED, GREEN = 4 };
typedef enum { A, B, C } partial_e;
int counter;
char buffer[32];
static int on_event(int code, void *data);
static int fire(int code) { return on_event(code, NULL); }
static int logf_(const char *fmt, ...) { (void)fmt; return 0; }
