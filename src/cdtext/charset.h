/* Internal: CD-TEXT character codes <-> UTF-8. */
#ifndef TOCEX_CDTEXT_CHARSET_H
#define TOCEX_CDTEXT_CHARSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/status.h"

/** True when `s` is well-formed UTF-8 (no overlongs, surrogates or values above 10FFFFh). */
bool tocex_cdtext_utf8_valid(const char *s);

/** Bytes in `charset` -> malloc'd NUL-terminated UTF-8. Undecodable bytes become U+FFFD and
 *  are counted in *bad. Unknown codes are read as ISO-8859-1 (counted in *bad once).
 *  TOCEX_E_CHARSET when the converter for a double-byte code is not available. */
tocex_status tocex_cdtext_to_utf8(uint8_t charset, const uint8_t *in, size_t len, char **out, size_t *bad,
                                  tocex_error *err);

/** UTF-8 -> malloc'd bytes in `charset` (no terminator). TOCEX_E_CHARSET when a character is
 *  not representable (message names `what`, e.g. "block 1 TITLE track 3"). */
tocex_status tocex_cdtext_from_utf8(uint8_t charset, const char *utf8, uint8_t **out, size_t *out_len,
                                    const char *what, tocex_error *err);

#endif
