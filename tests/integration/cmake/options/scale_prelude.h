/* shapes_scaled is in libscale.a (LIBRARIES scale, from LINK_DIRECTORIES). */
#include <scale_limits.h>
double shapes_scaled(double value);
