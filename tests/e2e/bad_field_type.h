struct sample { int count; float value; };
static int count_of(struct sample *s) { return s->count; }
