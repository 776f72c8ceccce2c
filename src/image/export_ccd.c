/* CloneCD .ccd writer.
 *
 * [Entry N] sections are the READ TOC format-2 descriptors: the recorded full TOC when the disc
 * has one (a .ccd or a raw dump read earlier), otherwise the answer of our emulated drive for
 * this disc (tocex_mmc_encode_read_toc, format 2, all sessions) — the entries a drive would
 * report: A0/A1/A2 and the tracks per session, then B0/C0 on multi-session discs. ALBA/PLBA are
 * the MSF fields as LBAs (MSF - 150; at 90 minutes and above, the lead-in rule, as
 * DiscImageCreator writes them). Lines end in CRLF like CloneCD's own files. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tocex/addr.h"
#include "tocex/cdtext.h"
#include "tocex/emu.h"
#include "tocex/export.h"
#include "tocex/mmc.h"

static void put_line(tocex_buf *out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* One line of the control file; CloneCD writes CRLF line ends. */
static void put_line(tocex_buf *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)tocex_buf_vprintf(out, fmt, ap);
    va_end(ap);
    (void)tocex_buf_put_bytes(out, "\r\n", 2);
}

static int32_t field_lba(uint8_t m, uint8_t s, uint8_t f)
{
    tocex_msf msf = {m, s, f};
    return tocex_msf_to_lba(msf);
}

/* The full-TOC entries to write: recorded, or what the emulated drive answers. */
static tocex_status entries_of(const tocex_disc *disc, tocex_buf *answer, tocex_error *err)
{
    static const uint8_t cdb[10] = {TOCEX_OP_READ_TOC_PMA_ATIP, 0x00, 0x02, 0, 0, 0, 0x01, 0xFF, 0xFF, 0x00};
    tocex_sense sense;
    tocex_status st;
    memset(&sense, 0, sizeof sense);
    st = tocex_mmc_encode_read_toc(disc, cdb, sizeof cdb, 0, answer, &sense);
    if (st != TOCEX_OK || answer->failed || answer->len < 4 || (answer->len - 4) % 11 != 0)
        return tocex_error_set(err, st != TOCEX_OK ? st : TOCEX_E_INVALID_DISC,
                               "ccd export: the disc has no full TOC to describe");
    return TOCEX_OK;
}

static unsigned ccd_mode(tocex_track_mode mode, uint8_t control)
{
    switch (mode) {
    case TOCEX_MODE_AUDIO: return 0;
    case TOCEX_MODE_MODE1: return 1;
    case TOCEX_MODE_UNKNOWN: return (control & TOCEX_CONTROL_DATA) ? 1 : 0;
    default: return 2;
    }
}

tocex_status tocex_export_ccd(const tocex_disc *disc, tocex_buf *out, tocex_error *err)
{
    tocex_buf answer;
    tocex_span s;
    tocex_status st;
    size_t count;
    unsigned sessions = 0;
    if (disc == NULL || out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "ccd export: no disc or output");
    if (!tocex_media_is_cd(disc->media) || disc->track_count == 0)
        return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "ccd export: a CloneCD file describes a recorded CD (this is %s%s)",
                               tocex_media_name(disc->media), disc->track_count == 0 ? ", blank" : "");
    tocex_buf_init(&answer);
    st = entries_of(disc, &answer, err);
    if (st != TOCEX_OK) {
        tocex_buf_free(&answer);
        return st;
    }
    count = (answer.len - 4) / 11;
    tocex_span_init(&s, answer.data, answer.len);
    tocex_span_skip(&s, 4);
    for (size_t i = 0; i < count; i++) {
        uint8_t session;
        if (tocex_span_peek_u8(&s, i * 11, &session) && session > sessions)
            sessions = session;
    }

    put_line(out, "[CloneCD]");
    put_line(out, "Version=3");
    put_line(out, "[Disc]");
    put_line(out, "TocEntries=%zu", count);
    put_line(out, "Sessions=%u", sessions);
    put_line(out, "DataTracksScrambled=0");
    put_line(out, "CDTextLength=%zu", disc->cdtext_packs * TOCEX_CDTEXT_PACK_SIZE);
    if (disc->mcn[0] != '\0')
        put_line(out, "CATALOG=%.13s", disc->mcn);
    if (disc->cdtext_packs > 0 && disc->cdtext != NULL) {
        put_line(out, "[CDText]");
        put_line(out, "Entries=%zu", disc->cdtext_packs);
        for (size_t k = 0; k < disc->cdtext_packs; k++) {
            const uint8_t *pk = disc->cdtext + k * TOCEX_CDTEXT_PACK_SIZE;
            char hex[16 * 3 + 1];
            for (size_t b = 0; b < 16; b++)
                snprintf(hex + b * 3, 4, "%02x%s", pk[b], b + 1 < 16 ? " " : "");
            put_line(out, "Entry %zu=%s", k, hex);
        }
    }
    for (unsigned n = 1; n <= sessions; n++) {
        unsigned mode = 0;
        for (size_t t = 0; t < disc->track_count; t++)
            if (disc->tracks[t].session == n) {
                mode = ccd_mode(disc->tracks[t].mode, disc->tracks[t].control);
                break;
            }
        put_line(out, "[Session %u]", n);
        put_line(out, "PreGapMode=%u", mode);
        put_line(out, "PreGapSubC=0");
    }
    for (size_t i = 0; i < count; i++) {
        uint8_t e[11];
        if (!tocex_span_copy(&s, e, sizeof e)) {
            tocex_buf_free(&answer);
            return tocex_error_set(err, TOCEX_E_INVALID_DISC, "ccd export: short full-TOC answer");
        }
        put_line(out, "[Entry %zu]", i);
        put_line(out, "Session=%u", e[0]);
        put_line(out, "Point=0x%02x", e[3]);
        put_line(out, "ADR=0x%02x", e[1] >> 4);
        put_line(out, "Control=0x%02x", e[1] & 0x0F);
        put_line(out, "TrackNo=%u", e[2]);
        put_line(out, "AMin=%u", e[4]);
        put_line(out, "ASec=%u", e[5]);
        put_line(out, "AFrame=%u", e[6]);
        put_line(out, "ALBA=%ld", (long)field_lba(e[4], e[5], e[6]));
        put_line(out, "Zero=%u", e[7]);
        put_line(out, "PMin=%u", e[8]);
        put_line(out, "PSec=%u", e[9]);
        put_line(out, "PFrame=%u", e[10]);
        put_line(out, "PLBA=%ld", (long)field_lba(e[8], e[9], e[10]));
    }
    tocex_buf_free(&answer);
    for (size_t t = 0; t < disc->track_count; t++) {
        const tocex_track *tr = &disc->tracks[t];
        char flags[16] = "";
        put_line(out, "[TRACK %u]", tr->number);
        put_line(out, "MODE=%u", ccd_mode(tr->mode, tr->control));
        if (tr->isrc[0] != '\0')
            put_line(out, "ISRC=%.12s", tr->isrc);
        if (!(tr->control & TOCEX_CONTROL_DATA)) {
            /* FLAGS as DiscImageCreator writes them: the audio CONTROL bits by cue names */
            if (tr->control & TOCEX_CONTROL_COPY)
                strcat(flags, " DCP");
            if (tr->control & TOCEX_CONTROL_PREEMPHASIS)
                strcat(flags, " PRE");
            if (tr->control & TOCEX_CONTROL_4CH)
                strcat(flags, " 4CH");
            if (flags[0] != '\0')
                put_line(out, "FLAGS=%s", flags + 1);
        }
        if (tr->pregap > 0)
            put_line(out, "INDEX 0=%ld", (long)(tr->start - tr->pregap));
        put_line(out, "INDEX 1=%ld", (long)tr->start);
    }
    if (out->failed)
        return tocex_error_set(err, TOCEX_E_NOMEM, "ccd export: output buffer full or out of memory");
    return TOCEX_OK;
}
