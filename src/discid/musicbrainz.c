/* MusicBrainz disc ID and TOC string (https://musicbrainz.org/doc/Disc_ID_Calculation;
 * the checks mirror what libdiscid's discid_put() accepts). */
#include <stdio.h>
#include <string.h>

#include "discid/hash.h"
#include "tocex/discid.h"

/* Highest address libdiscid accepts in discid_put(): 90 minutes of frames (MAX_DISC_LENGTH). */
#define MB_MAX_DISC_LENGTH (90 * 60 * 75)

tocex_status tocex_discid_musicbrainz(const tocex_discid_toc *toc, char out[TOCEX_DISCID_B64_LEN + 1],
                                      tocex_error *err)
{
    /* 2 + 2 hex digits, 100 x 8 hex digits, NUL. */
    char text[4 + 100 * 8 + 1];
    size_t len = 0;

    out[0] = '\0';
    if (toc->first < 1 || toc->first > 99 || toc->last < toc->first || toc->last > 99)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "MusicBrainz: tracks %u..%u are not within 1..99",
                               toc->first, toc->last);
    if (toc->offsets[0] <= 0 || toc->offsets[0] > MB_MAX_DISC_LENGTH)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "MusicBrainz: lead-out %ld is outside 1..%d",
                               (long)toc->offsets[0], MB_MAX_DISC_LENGTH);
    for (unsigned i = toc->first; i <= toc->last; i++) {
        if (toc->offsets[i] <= 0)
            return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "MusicBrainz: track %u has no offset", i);
        if (i > toc->first && toc->offsets[i] <= toc->offsets[i - 1])
            return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT,
                                   "MusicBrainz: track %u starts at %ld, not after track %u", i,
                                   (long)toc->offsets[i], i - 1);
    }
    if (toc->offsets[0] <= toc->offsets[toc->last])
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT,
                               "MusicBrainz: lead-out %ld is not after track %u (%ld)", (long)toc->offsets[0],
                               toc->last, (long)toc->offsets[toc->last]);

    len += (size_t)snprintf(text + len, sizeof text - len, "%02X%02X", toc->first, toc->last);
    for (unsigned i = 0; i < 100; i++) {
        /* Unused entries (below first, above last) hash as 0, whatever the caller left there. */
        uint32_t v = (i == 0 || (i >= toc->first && i <= toc->last)) ? (uint32_t)toc->offsets[i] : 0;
        len += (size_t)snprintf(text + len, sizeof text - len, "%08X", (unsigned)v);
    }
    tocex_discid_sha1_b64(text, len, out);
    return TOCEX_OK;
}

char *tocex_discid_toc_string(const tocex_discid_toc *toc, char *buf, size_t size)
{
    size_t len;
    int n;
    if (size == 0)
        return buf;
    n = snprintf(buf, size, "%u %u %ld", toc->first, toc->last, (long)toc->offsets[0]);
    if (n < 0 || (size_t)n >= size)
        return buf;
    len = (size_t)n;
    for (unsigned i = toc->first; i <= toc->last && i < 100; i++) {
        n = snprintf(buf + len, size - len, " %ld", (long)toc->offsets[i]);
        if (n < 0 || (size_t)n >= size - len)
            break;
        len += (size_t)n;
    }
    return buf;
}

tocex_status tocex_discid_musicbrainz_url(const tocex_discid *ids, char *buf, size_t size, tocex_error *err)
{
    const tocex_discid_toc *toc = &ids->musicbrainz_toc;
    size_t len;
    int n;

    if (size > 0)
        buf[0] = '\0';
    if (!ids->has_musicbrainz)
        return tocex_error_set(err, TOCEX_E_NOT_PRESENT, "this disc has no MusicBrainz disc ID (no audio tracks)");
    /* Same layout as libdiscid's discid_get_submission_url(): tracks = last track number. */
    n = snprintf(buf, size, "https://musicbrainz.org/cdtoc/attach?id=%s&tracks=%u&toc=%u+%u+%ld", ids->musicbrainz,
                 toc->last, toc->first, toc->last, (long)toc->offsets[0]);
    if (n < 0 || (size_t)n >= size)
        goto too_small;
    len = (size_t)n;
    for (unsigned i = toc->first; i <= toc->last && i < 100; i++) {
        n = snprintf(buf + len, size - len, "+%ld", (long)toc->offsets[i]);
        if (n < 0 || (size_t)n >= size - len)
            goto too_small;
        len += (size_t)n;
    }
    return TOCEX_OK;
too_small:
    if (size > 0)
        buf[0] = '\0';
    return tocex_error_set(err, TOCEX_E_LIMIT, "MusicBrainz URL does not fit %zu bytes", size);
}
