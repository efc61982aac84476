const char *labels[3][2];
