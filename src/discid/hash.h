/* Internal: SHA-1 + the MusicBrainz Base64 alphabet shared by the MusicBrainz and CTDB IDs. */
#ifndef TOCEX_DISCID_HASH_H
#define TOCEX_DISCID_HASH_H

#include <stddef.h>

#include "tocex/discid.h"

/** SHA-1 of `len` ASCII bytes, Base64-encoded with '.', '_', '-' for '+', '/', '=' (28 chars + NUL). */
void tocex_discid_sha1_b64(const char *text, size_t len, char out[TOCEX_DISCID_B64_LEN + 1]);

#endif
