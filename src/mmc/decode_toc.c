/* Decoders for READ TOC/PMA/ATIP format 0 (formatted TOC) and format 1 (session info).
 * Layouts: mmc-read-toc.md 2.1 and 2.2 (MMC-3 5.23.2.4 / 5.23.3.2). */
#include <stdio.h>
#include <string.h>

#include "tocex/bytes.h"
#include "tocex/decode.h"
#include "tocex/mmc.h"

#define WHERE "READ TOC answer"

/* A program-area address (track start, lead-out) is never in the lead-in, so MSF minutes 90-99
 * are an overburned disc's program area, not the lead-in rule's negative LBAs. */
static int32_t program_lba(tocex_msf msf) { return tocex_msf_to_lba_linear(msf); }

/* tocex_lba_to_msf, written out: called for every descriptor of an LBA answer */
static bool lba_msf(int32_t lba, tocex_msf *out)
{
    uint32_t frames;
    if (lba < TOCEX_LBA_MIN || lba > TOCEX_LBA_MAX_MSF)
        return false;
    frames = (uint32_t)(lba >= -TOCEX_MSF_OFFSET ? lba + TOCEX_MSF_OFFSET : lba + TOCEX_LEADIN_OFFSET);
    out->m = (uint8_t)(frames / TOCEX_FRAMES_PER_MINUTE);
    out->s = (uint8_t)(frames / TOCEX_FRAMES_PER_SECOND % TOCEX_SECONDS_PER_MINUTE);
    out->f = (uint8_t)(frames % TOCEX_FRAMES_PER_SECOND);
    return true;
}

/* Fill the address fields of a descriptor from bytes 4-7 (`raw`). Returns 0, or which check
 * failed: 1 = the MSF form's reserved byte is not 0, 2 = not an MSF address. */
static inline int set_address(uint32_t raw, bool msf, tocex_toc_descriptor *d)
{
    d->raw = raw;
    if (msf) {
        /* MMC: MSF form is byte 4 reserved (0), then binary M, S, F */
        d->msf.m = (uint8_t)(raw >> 16);
        d->msf.s = (uint8_t)(raw >> 8);
        d->msf.f = (uint8_t)raw;
        if ((raw >> 24) != 0)
            return 1;
        if (!tocex_msf_valid(d->msf))
            return 2;
        d->lba = program_lba(d->msf);
    } else {
        /* MMC: LBA is a 32-bit two's complement number */
        d->lba = (int32_t)raw;
        if (!lba_msf(d->lba, &d->msf))
            memset(&d->msf, 0, sizeof d->msf);
    }
    return 0;
}

static tocex_status address_error(tocex_error *err, int bad, size_t at, const char *what,
                                  const tocex_toc_descriptor *d)
{
    if (bad == 1)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)at,
                                     "%s: reserved byte before M/S/F is %02Xh, not 0", what,
                                     (unsigned)(d->raw >> 24));
    return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)at + 1,
                                 "%s: %u:%u:%u is not an MSF address (second < 60, frame < 75)", what, d->msf.m,
                                 d->msf.s, d->msf.f);
}

static tocex_status read_address(tocex_span *s, bool msf, size_t at, const char *what, tocex_toc_descriptor *d,
                                 tocex_error *err)
{
    uint32_t raw;
    int bad;
    if (!tocex_span_get_u32be(s, &raw))
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)at, "%s: address is cut off", what);
    if ((bad = set_address(raw, msf, d)) != 0)
        return address_error(err, bad, at, what, d);
    return TOCEX_OK;
}

/* "descriptor N (track XXh)", the name error messages give a descriptor; made only for an error. */
static const char *descriptor_name(char *buf, size_t size, size_t i, uint8_t track)
{
    snprintf(buf, size, "descriptor %zu (track %02Xh)", i + 1, track);
    return buf;
}

tocex_status tocex_decode_toc(const uint8_t *data, size_t len, bool msf, unsigned flags, tocex_toc_view *out,
                              tocex_error *err)
{
    tocex_span s;
    uint16_t dl;
    size_t total, available;

    memset(out, 0, sizeof *out);
    out->msf = msf;
    tocex_span_init(&s, data, len);
    if (!tocex_span_get_u16be(&s, &dl) || !tocex_span_get_u8(&s, &out->first_track) ||
        !tocex_span_get_u8(&s, &out->last_track))
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                     "formatted TOC: %zu bytes, the 4-byte header is incomplete", len);
    out->data_length = dl;
    if (dl < 2 || (dl - 2) % 8 != 0)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 0,
                                     "formatted TOC: Data Length %u is not 2 + 8 n (8-byte descriptors)", dl);
    out->expected = (size_t)(dl - 2) / 8;
    if (out->expected == 0)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 0,
                                     "formatted TOC: Data Length 2 gives no descriptor; the lead-out (AAh) is "
                                     "always reported");
    if (out->expected > TOCEX_TOC_MAX_DESCRIPTORS)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 0,
                                     "formatted TOC: Data Length %u announces %zu descriptors, more than 99 "
                                     "tracks + lead-out",
                                     dl, out->expected);
    if (out->first_track < 1 || out->first_track > 99)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 2,
                                     "formatted TOC: first track number %u is outside 1..99", out->first_track);
    if (out->last_track < out->first_track || out->last_track > 99)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 3,
                                     "formatted TOC: last track number %u is outside %u..99", out->last_track,
                                     out->first_track);
    total = (size_t)dl + 2;
    if (len < total) {
        out->truncated = true;
        if (!(flags & TOCEX_DECODE_ALLOW_TRUNCATED))
            return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                         "formatted TOC truncated: %zu bytes, Data Length %u announces %zu", len,
                                         dl, total);
    }
    available = (len < total ? len : total) - 4;
    /* The loop bound keeps every descriptor inside the `available` bytes after the header, so
     * the bytes are read directly. */
    for (size_t i = 0; i < out->expected && (i + 1) * 8 <= available; i++) {
        tocex_toc_descriptor *d = &out->entries[i];
        size_t at = 4 + 8 * i;
        const uint8_t *p = data + at;
        char what[48];
        int bad;
        d->track = p[2];
        d->adr = (uint8_t)(p[1] >> 4);
        d->control = (uint8_t)(p[1] & 0x0F);
        if ((bad = set_address(tocex_be32(p + 4), msf, d)) != 0)
            return address_error(err, bad, at + 4, descriptor_name(what, sizeof what, i, d->track), d);
        if (d->track == TOCEX_TRACK_LEADOUT) {
            if (i + 1 != out->expected)
                return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)at + 2,
                                             "formatted TOC: lead-out (AAh) is descriptor %zu of %zu; it must "
                                             "be the last",
                                             i + 1, out->expected);
        } else {
            if (d->track < out->first_track || d->track > out->last_track)
                return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)at + 2,
                                             "formatted TOC: track number %02Xh is outside the header's %u..%u",
                                             d->track, out->first_track, out->last_track);
            if (i + 1 == out->expected)
                return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)at + 2,
                                             "formatted TOC: last descriptor is track %u, not the lead-out (AAh)",
                                             d->track);
        }
        if (i > 0) {
            const tocex_toc_descriptor *prev = &out->entries[i - 1];
            if (d->track != TOCEX_TRACK_LEADOUT && d->track <= prev->track)
                return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)at + 2,
                                             "formatted TOC: track %u follows track %u; numbers must ascend",
                                             d->track, prev->track);
            if (d->lba <= prev->lba)
                return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)at + 4,
                                             "formatted TOC: %s starts at LBA %ld, not after track %u (LBA %ld)",
                                             descriptor_name(what, sizeof what, i, d->track), (long)d->lba,
                                             prev->track, (long)prev->lba);
        }
        out->count++;
    }
    return TOCEX_OK;
}

const tocex_toc_descriptor *tocex_toc_view_leadout(const tocex_toc_view *view)
{
    if (view->count == 0 || view->count != view->expected)
        return NULL;
    if (view->entries[view->count - 1].track != TOCEX_TRACK_LEADOUT)
        return NULL;
    return &view->entries[view->count - 1];
}

tocex_status tocex_decode_session_info(const uint8_t *data, size_t len, bool msf, tocex_session_info_view *out,
                                       tocex_error *err)
{
    tocex_span s;
    uint8_t reserved, adr_control, reserved2;
    tocex_toc_descriptor d;
    tocex_status st;

    memset(out, 0, sizeof *out);
    tocex_span_init(&s, data, len);
    if (!tocex_span_get_u16be(&s, &out->data_length) || !tocex_span_get_u8(&s, &out->first_session) ||
        !tocex_span_get_u8(&s, &out->last_session))
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                     "session info: %zu bytes, the 4-byte header is incomplete", len);
    /* MMC: format 1 is always 12 bytes, Data Length 0Ah. A QEMU IDE drive answers a formatted
     * TOC here (it reads the format from byte 9 only), whose Data Length is 2 + 8 n. */
    if (out->data_length != 10)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 0,
                                     "session info: Data Length %u, 10 expected (a drive answering a "
                                     "formatted TOC for every format, like QEMU IDE, sends 2 + 8 n)",
                                     out->data_length);
    if (len < 12)
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                     "session info truncated: %zu of 12 bytes", len);
    (void)tocex_span_get_u8(&s, &reserved);
    (void)tocex_span_get_u8(&s, &adr_control);
    (void)tocex_span_get_u8(&s, &out->first_track_last_session);
    (void)tocex_span_get_u8(&s, &reserved2);
    memset(&d, 0, sizeof d);
    if ((st = read_address(&s, msf, 8, "session info descriptor", &d, err)) != TOCEX_OK)
        return st;
    out->adr = (uint8_t)(adr_control >> 4);
    out->control = (uint8_t)(adr_control & 0x0F);
    out->start = d.lba;
    out->msf = d.msf;
    /* QEMU hw/scsi/scsi-disk.c fills only the header: ADR/CONTROL 0, track 0, address 0. */
    if (adr_control == 0 && out->first_track_last_session == 0 && d.raw == 0) {
        out->zero_descriptor = true;
        return TOCEX_OK;
    }
    if (out->first_session < 1 || out->last_session < out->first_session || out->last_session > 99)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 2,
                                     "session info: sessions %u..%u are not a range within 1..99",
                                     out->first_session, out->last_session);
    if (out->first_track_last_session < 1 || out->first_track_last_session > 99)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 6,
                                     "session info: first track of the last session is %02Xh, outside 1..99",
                                     out->first_track_last_session);
    return TOCEX_OK;
}
