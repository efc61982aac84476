#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <uchar.h>
#include <wchar.h>
#define ID(name, type) static type name(type x) { return x; }
ID(id_schar, signed char) ID(id_uchar, unsigned char) ID(id_short, short)
ID(id_ushort, unsigned short) ID(id_int, int) ID(id_uint, unsigned int)
ID(id_long, long) ID(id_ulong, unsigned long) ID(id_llong, long long)
ID(id_ullong, unsigned long long) ID(id_i8, int8_t) ID(id_u8, uint8_t)
ID(id_i16, int16_t) ID(id_u16, uint16_t) ID(id_i32, int32_t) ID(id_u32, uint32_t)
ID(id_i64, int64_t) ID(id_u64, uint64_t) ID(id_size, size_t) ID(id_ssize, ssize_t)
ID(id_intptr, intptr_t) ID(id_uintptr, uintptr_t) ID(id_ptrdiff, ptrdiff_t)
ID(id_bool, _Bool) ID(id_char, char) ID(id_wchar, wchar_t) ID(id_char16, char16_t)
ID(id_char32, char32_t) ID(id_float, float) ID(id_double, double)
ID(id_ldouble, long double)
static long sum10(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j)
{ return a + b + c + d + e + f + g + h + i + j; }
static double mix(int a, double b, unsigned char c, long long d, float e)
{ return a + b + c + (double)d + e; }
static void nothing(void) {}
