"""The cdef + preamble pairs the runtime tests build (with stock CFFI)."""

MAIN_DECLS = r"""
struct point { int x, y; };
struct rect { struct point tl, br; const char *label; };
union num { int i; float f; unsigned char bytes[4]; };
struct with_anon { int tag; union { int ival; double dval; }; };
struct bits { int a : 3; unsigned int b : 5; unsigned int c : 1; };
struct node;
struct list_s { struct node *head; int count; };
struct tail { int n; int items[]; };
enum color { RED, GREEN = 5, BLUE };
typedef enum { SMALL = -1, LARGE = 1000 } size_e;
typedef struct point point_t;
typedef int (*binop_t)(int, int);
typedef int unop_fn(int);
"""

MAIN_CDEF = MAIN_DECLS + r"""
typedef struct { double a; char c; ...; } partial_t;
#define ANSWER 42
#define BIG 0x7fffffffffffffff
#define NEG -17
static const double PI;
static const char *const GREETING;
int add(int, int);
double half(double);
float fhalf(float);
int nothing(void);
size_t slen(const char *);
struct point mkpt(int, int);
int dist2(struct point *);
int sum(int *, int);
void fill(int *, int, int);
char first(const char *);
long long neg64(long long);
unsigned long long maxu64(void);
signed char sc(signed char);
unsigned short us(unsigned short);
_Bool truth(int);
wchar_t wide(wchar_t);
long double ld(long double);
enum color next_color(enum color);
void *identity(void *);
int apply(binop_t, int, int);
int apply1(unop_fn *, int);
binop_t get_adder(void);
int set_errno_to(int);
int notb(_Bool);
int ord_of(char);
unsigned char uc(unsigned char);
unsigned int ui(unsigned int);
char16_t up16(char16_t);
int sum_pt(struct point);
double _Complex cmul(double _Complex, double _Complex);
int vsum(int, ...);
extern int counter;
extern int arr[4];
extern struct point origin;
extern char message[16];
extern binop_t adder_ptr;
extern const char *name_ptr;
"""

MAIN_SOURCE = r"""
#include <uchar.h>
""" + MAIN_DECLS + r"""
#include <string.h>
#include <errno.h>
#include <stddef.h>
typedef struct { double a; char c; int hidden; } partial_t;
#define ANSWER 42
#define BIG 0x7fffffffffffffff
#define NEG -17
static const double PI = 3.25;
static const char *const GREETING = "hello";
int add(int a, int b) { return a + b; }
double half(double x) { return x / 2; }
float fhalf(float x) { return x / 2; }
int nothing(void) { return 7; }
size_t slen(const char *s) { return strlen(s); }
struct point mkpt(int x, int y) { struct point p = {x, y}; return p; }
int dist2(struct point *p) { return p->x * p->x + p->y * p->y; }
int sum(int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
void fill(int *p, int n, int v) { for (int i = 0; i < n; i++) p[i] = v; }
char first(const char *s) { return s[0]; }
long long neg64(long long x) { return -x; }
unsigned long long maxu64(void) { return 18446744073709551615ULL; }
signed char sc(signed char c) { return c; }
unsigned short us(unsigned short c) { return c; }
_Bool truth(int x) { return x != 0; }
wchar_t wide(wchar_t c) { return c + 1; }
long double ld(long double x) { return x * 2; }
enum color next_color(enum color c) { return c == RED ? GREEN : BLUE; }
void *identity(void *p) { return p; }
int apply(binop_t f, int a, int b) { return f(a, b); }
int apply1(unop_fn *f, int a) { return f(a); }
static int adder(int a, int b) { return a + b; }
binop_t get_adder(void) { return adder; }
int set_errno_to(int e) { errno = e; return -1; }
int notb(_Bool b) { return !b; }
int ord_of(char c) { return (unsigned char)c; }
unsigned char uc(unsigned char c) { return c; }
unsigned int ui(unsigned int x) { return x; }
char16_t up16(char16_t c) { return c + 1; }
int sum_pt(struct point p) { return p.x + p.y; }
double _Complex cmul(double _Complex a, double _Complex b) { return a * b; }
#include <stdarg.h>
int vsum(int n, ...) { va_list ap; int s = 0; va_start(ap, n); for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }
int counter = 3;
int arr[4] = {1, 2, 3, 4};
struct point origin = {0, 0};
char message[16] = "hi";
binop_t adder_ptr = adder;
const char *name_ptr = "ffigen";
"""

LAYOUT_DECLS = r"""
struct loose { char c; int i; short s; };
struct wide_bits { unsigned long long lo : 40; unsigned long long hi : 24; };
struct mixed_bits { char tag; int a : 4; int b : 30; short s; };
struct zero_width { char a; int : 0; char b; };
struct char_pad { char : 1; char : 1; };
struct with_unnamed { struct { int v; } inner; union { short h; } *other; };
"""

PACKED_DECLS = r"""
struct packed_s { char c; int i; short s; };
struct packed_bits { char c; unsigned int a : 12; unsigned int b : 4; };
"""
PACKED_CDEF = PACKED_DECLS + "struct packed_s packed_v(int, ...);\n"
PACKED_SOURCE = ("#pragma pack(push, 1)\n" + PACKED_DECLS + "#pragma pack(pop)\n"
                 "struct packed_s packed_v(int n, ...) { struct packed_s s = {'p', n, 2}; return s; }\n")

# Structs libffi cannot pass by value: variadic functions are called through
# libffi by both runtimes, so each raises NotImplementedError in CFFI's words.
BYVALUE_DECLS = r"""
struct bf { int x : 5; };
union un { int a; char b; };
struct zl { int a; int x[0]; };
struct anon { int a; union { int b, c; }; };
"""
BYVALUE_CDEF = BYVALUE_DECLS + r"""
struct part { int x; ...; };
struct bf bf_v(int, ...);
union un un_v(int, ...);
struct zl zl_v(int, ...);
struct anon anon_v(int, ...);
struct part part_v(int, ...);
int part_x(struct part);
"""
BYVALUE_SOURCE = BYVALUE_DECLS + r"""
struct part { int y, x; };
struct bf bf_v(int n, ...) { struct bf s = {n}; return s; }
union un un_v(int n, ...) { union un s = {n}; return s; }
struct zl zl_v(int n, ...) { struct zl s = {n}; return s; }
struct anon anon_v(int n, ...) { struct anon s = {n}; return s; }
struct part part_v(int n, ...) { struct part s = {0, n}; return s; }
int part_x(struct part p) { return p.x; }
"""

# Rows (sorted by name) that reach a struct before it can be filled: a
# pointer cycle back to a row being filled, by-value members of later rows.
ORDER_DECLS = r"""
struct a_node { struct b_holder *owner; int v; };
struct b_holder { struct a_node head; union c_cell cells[2]; };
union c_cell { struct b_holder *back; long long n; };
"""
ORDER_SOURCE = r"""
struct b_holder;
struct a_node { struct b_holder *owner; int v; };
union c_cell { struct b_holder *back; long long n; };
struct b_holder { struct a_node head; union c_cell cells[2]; };
"""

# Open and zero-length array fields; one not last, at the C compiler's offset.
VARSIZE_CDEF = "struct zl0 { int len; short data[0]; };\nstruct mid { int a[]; int y; ...; };\n"
VARSIZE_SOURCE = "struct zl0 { int len; short data[0]; };\nstruct mid { int x; int a[17]; int y; };\n"

# Function pointer fields taking by value an opaque type, or their own struct.
FNFIELDS_CDEF = "typedef ... foo_t;\nstruct fs { void (*x)(foo_t); };\nstruct tree { int (*cmp)(struct tree); };\n"
FNFIELDS_SOURCE = "typedef int foo_t;\nstruct fs { void (*x)(foo_t); };\nstruct tree { int (*cmp)(struct tree); };\n"

MISMATCH_CDEF = "struct pair { int first; int second; };\nint first_of(struct pair *);\n#define WRONG 5\n#define RIGHT 7\n#define WRONG_NEG -3\n"
MISMATCH_SOURCE = ("struct pair { int second; int first; };\nint first_of(struct pair *p) { return p->first; }\n"
                   "#define WRONG 6\n#define RIGHT 7\n#define WRONG_NEG (-4)\n")

# `double...` typedefs the C compiler says are no float (or a long double):
# CFFI refuses them when used, not at import.
UNKNOWN_PRIM_CDEF = ("typedef double... not_float_t; typedef double... ld_float_t; typedef float... fine_t;\n"
                     "not_float_t wneg(not_float_t); ld_float_t lneg(ld_float_t); fine_t fneg(fine_t);\n"
                     "struct holds_ld { ld_float_t v; };\n")
UNKNOWN_PRIM_SOURCE = ("typedef unsigned long not_float_t; typedef long double ld_float_t; typedef double fine_t;\n"
                       "not_float_t wneg(not_float_t x) { return -x; } ld_float_t lneg(ld_float_t x) { return -x; }\n"
                       "fine_t fneg(fine_t x) { return -x; }\nstruct holds_ld { ld_float_t v; };\n")

# A "variable" that is a macro through a function pointer the test sets.
MACRO_VAR_CDEF = "extern int my_value; extern int *(*get_my_value)(void);\n"
MACRO_VAR_SOURCE = "int *(*get_my_value)(void);\n#define my_value (*get_my_value())\n"

# FILE: Python file objects as FILE * arguments; one FILE type across modules.
FILE_CDEF = "int put(FILE *, const char *); FILE *file_id(FILE *);\n"
FILE_SOURCE = ("#include <stdio.h>\nint put(FILE *f, const char *s) { return fputs(s, f); }\n"
               "FILE *file_id(FILE *f) { return f; }\n")
FILE2_CDEF = "int is_null_file(FILE *);\n"
FILE2_SOURCE = "#include <stdio.h>\nint is_null_file(FILE *f) { return f == NULL; }\n"

MODULES = {
    "_rtfile": (FILE_CDEF, FILE_SOURCE),
    "_rtfile2": (FILE2_CDEF, FILE2_SOURCE),
    "_rtmacrovar": (MACRO_VAR_CDEF, MACRO_VAR_SOURCE),
    "_rtunknownprim": (UNKNOWN_PRIM_CDEF, UNKNOWN_PRIM_SOURCE),
    "_rtmismatch": (MISMATCH_CDEF, MISMATCH_SOURCE),
    "_rtmain": (MAIN_CDEF, MAIN_SOURCE),
    "_rtlayout": (LAYOUT_DECLS, LAYOUT_DECLS),
    "_rtorder": (ORDER_DECLS, ORDER_SOURCE),
    "_rtfnfields": (FNFIELDS_CDEF, FNFIELDS_SOURCE),
    "_rtvarsize": (VARSIZE_CDEF, VARSIZE_SOURCE),
    "_rtpacked": (PACKED_CDEF, PACKED_SOURCE, {"packed": True}),
    "_rtbyvalue": (BYVALUE_CDEF, BYVALUE_SOURCE),
}
