struct __attribute__((packed)) wire { char tag; int value; short port; };
static int wire_value(const struct wire *w) { return w->value; }
static struct wire make_wire(int value) { struct wire w = {'w', value, 80}; return w; }
