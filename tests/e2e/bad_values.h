#define WIDTH 800
enum mode { OFF, ON };
struct pair { int second; int first; };
static int first_of(struct pair *p) { return p->first; }
