/* Pack type 88h (TOC information, Sony CD-TEXT spec via libburn doc/cdtext.txt): the first
 * pack (ID2 0) holds first track, last track, 0, lead-out M S F; each following pack holds
 * the start M S F of four tracks beginning with track ID2. Values are binary, not BCD. */
#include <string.h>

#include "tocex/cdtext.h"

tocex_status tocex_cdtext_toc_info_decode(const uint8_t *packs, size_t pack_count, unsigned block,
                                          tocex_cdtext_toc_info *out, tocex_error *err)
{
    tocex_span span;
    if (out == NULL || (packs == NULL && pack_count != 0))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT TOC information: missing argument");
    memset(out, 0, sizeof *out);
    tocex_span_init(&span, packs, pack_count * TOCEX_CDTEXT_PACK_SIZE);
    for (size_t i = 0; i < pack_count; i++) {
        uint8_t p[TOCEX_CDTEXT_PACK_SIZE];
        unsigned id2;
        if (!tocex_span_copy(&span, p, sizeof p))
            return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, "CD-TEXT", (long long)(i * sizeof p),
                                         "pack %zu is incomplete", i);
        if (p[0] != 0x88 || ((p[3] >> 4) & 7u) != block || (p[1] & 0x80) != 0)
            continue;
        id2 = p[1];
        if (id2 == 0) {
            if (p[4] < 1 || p[4] > p[5] || p[5] > 99)
                return tocex_error_at_offset(err, TOCEX_E_PARSE, "CD-TEXT", (long long)(i * sizeof p),
                                             "pack %zu: TOC information gives tracks %u..%u", i, p[4], p[5]);
            out->present = true;
            out->first_track = p[4];
            out->last_track = p[5];
            memcpy(out->leadout, p + 7, 3);
        } else {
            if (id2 > 99)
                return tocex_error_at_offset(err, TOCEX_E_PARSE, "CD-TEXT", (long long)(i * sizeof p),
                                             "pack %zu: TOC information for track %u", i, id2);
            for (unsigned k = 0; k < 4 && id2 + k <= 99; k++)
                memcpy(out->start[id2 + k], p + 4 + 3 * k, 3);
        }
    }
    /* Starts beyond the last track are padding (zeros) in the last pack. */
    if (out->present)
        for (unsigned t = (unsigned)out->last_track + 1; t <= 99; t++)
            memset(out->start[t], 0, 3);
    return TOCEX_OK;
}
