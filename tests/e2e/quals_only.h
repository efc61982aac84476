#define z_const
typedef unsigned char Bytef;
struct stream {
    z_const Bytef *next_in;
    unsigned int avail_in;
    const char *const *names;
    void *__restrict scratch;
    int weights[3];
};
int ticks = 0;
static unsigned long sum_input(struct stream *s) {
    unsigned long sum = 0;
    for (unsigned int i = 0; i < s->avail_in; i++) sum += s->next_in[i];
    return sum;
}
static int count_names(struct stream *s) {
    int n = 0;
    while (s->names[n] != 0) n++;
    return n;
}
static int weight_total(struct stream *s) { return s->weights[0] + s->weights[1] + s->weights[2]; }
