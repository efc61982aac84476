#include <stdio.h>
FILE *myfile;
int print_to_myfile(const char *text, int value) { return fprintf(myfile, text, value); }
int put(FILE *f, const char *text) { return fputs(text, f); }
