typedef struct { long long id; } record;
static int id_of(record *r) { return (int)r->id; }
struct prec { int pad; long long id; };
