#include "foo.h"
int foo_add(int a, int b) { return a + b; }
