/* Fuzz target: tocex_image_parse_riplog. */
#include "fuzz_image.h"

TOCEX_FUZZ_PARSER(tocex_image_parse_riplog)
