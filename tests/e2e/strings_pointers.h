#include <ctype.h>
#include <stddef.h>
static size_t count_chars(const char *s, char c)
{ size_t n = 0; for (; *s; s++) n += *s == c; return n; }
static const char *greeting(void) { return "hello"; }
static void upcase(char *buf) { for (; *buf; buf++) *buf = (char)toupper((unsigned char)*buf); }
static int sum(const int *values, int n) { int t = 0; for (int i = 0; i < n; i++) t += values[i]; return t; }
static void fill(int *out, int n, int value) { for (int i = 0; i < n; i++) out[i] = value; }
static void swap(int **a, int **b) { int *t = *a; *a = *b; *b = t; }
static void *echo_ptr(void *p) { return p; }
static int *null_ptr(void) { return NULL; }
