struct names { int count; char *first; };
static int count_of(struct names *n) { return n->count; }
