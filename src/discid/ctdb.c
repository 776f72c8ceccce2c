/* CUETools DB TOC ID (cuetools.net CUETools.CDImage/CDImage.cs TOCID). */
#include <string.h>

#include "discid/digits.h"
#include "discid/hash.h"
#include "tocex/discid.h"

tocex_status tocex_discid_ctdb_value(const int32_t *audio_lbas, size_t count, int32_t audio_leadout,
                                     char out[TOCEX_DISCID_B64_LEN + 1], tocex_error *err)
{
    char text[100 * 8 + 1];
    size_t len = 0;

    out[0] = '\0';
    if (count == 0 || count > 99)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CTDB: %zu audio tracks (need 1..99)", count);
    if (audio_leadout <= audio_lbas[count - 1])
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CTDB: audio lead-out %ld is not after the last track",
                               (long)audio_leadout);
    /* Positions are relative to the first audio track, so the first track's pregap and a data
     * track in front do not change the ID. */
    for (size_t i = 1; i < count; i++)
        len += tocex_digits_hex8(text + len, (uint32_t)(audio_lbas[i] - audio_lbas[0]), 1);
    len += tocex_digits_hex8(text + len, (uint32_t)(audio_leadout - audio_lbas[0]), 1);
    memset(text + len, '0', 800 - len);
    text[800] = '\0';
    tocex_discid_sha1_b64(text, 800, out);
    return TOCEX_OK;
}
