/* The preamble of shapes._shapes: the C declarations its cdef names. */
#include "geometry.h"
#include "shapes.h"
