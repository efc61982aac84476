/* Found through INCLUDE_DIRS only (not beside the preamble). */
#define SCALE_MAX 9
