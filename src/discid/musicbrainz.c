/* MusicBrainz disc ID and TOC string (https://musicbrainz.org/doc/Disc_ID_Calculation;
 * the checks mirror what libdiscid's discid_put() accepts). */
#include <stdio.h>
#include <string.h>

#include "discid/digits.h"
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

    len += tocex_digits_hex2(text + len, toc->first);
    len += tocex_digits_hex2(text + len, toc->last);
    for (unsigned i = 0; i < 100; i++) {
        /* Unused entries (below first, above last) hash as 0, whatever the caller left there. */
        uint32_t v = (i == 0 || (i >= toc->first && i <= toc->last)) ? (uint32_t)toc->offsets[i] : 0;
        len += tocex_digits_hex8(text + len, v, 1);
    }
    text[len] = '\0';
    tocex_discid_sha1_b64(text, len, out);
    return TOCEX_OK;
}

char *tocex_discid_toc_string(const tocex_discid_toc *toc, char *buf, size_t size)
{
    char piece[3 * (TOCEX_DIGITS_MAX + 1)];
    size_t len = 0, n;
    if (size == 0)
        return buf;
    /* "%u %u %ld", then " %ld" per track; a piece that does not fit is cut and ends the string */
    n = tocex_digits_uint(piece, toc->first);
    piece[n++] = ' ';
    n += tocex_digits_uint(piece + n, toc->last);
    piece[n++] = ' ';
    n += tocex_digits_int(piece + n, (long)toc->offsets[0]);
    if (!tocex_digits_append(buf, size, &len, piece, n))
        return buf;
    for (unsigned i = toc->first; i <= toc->last && i < 100; i++)
        if (!tocex_digits_append_long(buf, size, &len, ' ', (long)toc->offsets[i]))
            break;
    return buf;
}

tocex_status tocex_discid_musicbrainz_url(const tocex_discid *ids, char *buf, size_t size, tocex_error *err)
{
    static const char prefix[] = "https://musicbrainz.org/cdtoc/attach?id=";
    const tocex_discid_toc *toc = &ids->musicbrainz_toc;
    char head[sizeof prefix + sizeof ids->musicbrainz + 8 + 5 + 3 * (TOCEX_DIGITS_MAX + 1)];
    size_t len = 0, n, id_len;

    if (size > 0)
        buf[0] = '\0';
    if (!ids->has_musicbrainz)
        return tocex_error_set(err, TOCEX_E_NOT_PRESENT, "this disc has no MusicBrainz disc ID (no audio tracks)");
    /* Same layout as libdiscid's discid_get_submission_url(): tracks = last track number.
     * "...?id=%s&tracks=%u&toc=%u+%u+%ld", then "+%ld" per track. */
    id_len = strnlen(ids->musicbrainz, sizeof ids->musicbrainz);
    n = sizeof prefix - 1;
    memcpy(head, prefix, n);
    memcpy(head + n, ids->musicbrainz, id_len);
    n += id_len;
    memcpy(head + n, "&tracks=", 8);
    n += 8;
    n += tocex_digits_uint(head + n, toc->last);
    memcpy(head + n, "&toc=", 5);
    n += 5;
    n += tocex_digits_uint(head + n, toc->first);
    head[n++] = '+';
    n += tocex_digits_uint(head + n, toc->last);
    head[n++] = '+';
    n += tocex_digits_int(head + n, (long)toc->offsets[0]);
    if (!tocex_digits_append(buf, size, &len, head, n))
        goto too_small;
    for (unsigned i = toc->first; i <= toc->last && i < 100; i++)
        if (!tocex_digits_append_long(buf, size, &len, '+', (long)toc->offsets[i]))
            goto too_small;
    return TOCEX_OK;
too_small:
    if (size > 0)
        buf[0] = '\0';
    return tocex_error_set(err, TOCEX_E_LIMIT, "MusicBrainz URL does not fit %zu bytes", size);
}
