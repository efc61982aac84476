int foo_add(int a, int b);
