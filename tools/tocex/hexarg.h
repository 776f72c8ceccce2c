/* tocex program: hex byte arguments ("43 00 0a", "43000a", "0x43"). */
#ifndef TOCEX_CLI_HEXARG_H
#define TOCEX_CLI_HEXARG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Append the bytes of one hex argument to out (at most cap bytes in total, *len updated).
 *  Spaces, ':' and '-' separate; "0x" prefixes are skipped. False on anything else. */
bool cli_hex_parse(const char *text, uint8_t *out, size_t cap, size_t *len);

#endif
