/* Decoders for READ TOC/PMA/ATIP format 2 (full TOC) and format 3 (PMA): 11-byte descriptors,
 * BCD detection, interpretation into sessions/tracks, and the cross-check with format 0.
 * Layout and POINT meanings: mmc-read-toc.md 2.3 / 2.4; BCD: 4.2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tocex/bytes.h"
#include "tocex/decode.h"
#include "tocex/mmc.h"

#define WHERE "READ TOC answer"

static tocex_status decode_11(const uint8_t *data, size_t len, unsigned flags, bool pma, tocex_fulltoc_view *out,
                              tocex_error *err)
{
    const char *name = pma ? "PMA" : "full TOC";
    tocex_span s;
    uint16_t dl;
    size_t total, available;

    memset(out, 0, sizeof *out);
    tocex_span_init(&s, data, len);
    if (!tocex_span_get_u16be(&s, &dl) || !tocex_span_get_u8(&s, &out->first_session) ||
        !tocex_span_get_u8(&s, &out->last_session))
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                     "%s: %zu bytes, the 4-byte header is incomplete", name, len);
    out->data_length = dl;
    /* Entries = (Data Length - 2) / 11 (DiscImageCreator #42: subtracting 2 twice loses the last
     * descriptor). A length that is not 2 + 11 n is not a full TOC: QEMU IDE answers a formatted
     * TOC (8-byte descriptors) to every format. */
    if (dl < 2 || (dl - 2) % 11 != 0)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 0,
                                     "%s: Data Length %u is not 2 + 11 n (11-byte descriptors)%s", name, dl,
                                     !pma && dl >= 2 && (dl - 2) % 8 == 0
                                         ? "; it fits 8-byte formatted-TOC descriptors (a drive that answers "
                                           "every format with a formatted TOC, like QEMU IDE)"
                                         : "");
    out->expected = (size_t)(dl - 2) / 11;
    if (!pma) {
        if (out->expected == 0)
            return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 0,
                                         "full TOC: Data Length 2 gives no descriptor");
        if (out->first_session < 1 || out->last_session < out->first_session || out->last_session > 99)
            return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 2,
                                         "full TOC: sessions %u..%u are not a range within 1..99",
                                         out->first_session, out->last_session);
    }
    total = (size_t)dl + 2;
    if (len < total) {
        out->truncated = true;
        if (!(flags & TOCEX_DECODE_ALLOW_TRUNCATED))
            return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                         "%s truncated: %zu bytes, Data Length %u announces %zu", name, len, dl,
                                         total);
    }
    available = (len < total ? len : total) - 4;
    if (out->expected > 0) {
        out->entries = calloc(out->expected, sizeof *out->entries);
        if (out->entries == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for %zu %s descriptors", out->expected, name);
    }
    /* The loop bound keeps every descriptor inside the `available` bytes after the header, so
     * the bytes are read directly; the length check below guards that reasoning. */
    for (size_t i = 0; i < out->expected && (i + 1) * 11 <= available; i++) {
        tocex_toc_entry *e = &out->entries[i];
        size_t at = 4 + 11 * i;
        const uint8_t *p = data + at;
        uint8_t adr;
        if (at + 11 > len)
            return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)at, "%s: descriptor cut off",
                                         name);
        e->session = p[0];
        e->adr_control = p[1];
        e->tno = p[2];
        e->point = p[3];
        e->min = p[4];
        e->sec = p[5];
        e->frame = p[6];
        e->zero = p[7];
        e->pmin = p[8];
        e->psec = p[9];
        e->pframe = p[10];
        adr = (uint8_t)(e->adr_control >> 4);
        /* Q modes of the lead-in / PMA: 1-6 (mmc-read-toc.md 2.3, 2.4); 0 = no Q information */
        if (adr < 1 || adr > 6)
            return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)at + 1,
                                         "%s descriptor %zu: ADR %u is not a Q mode of the lead-in (1..6)", name,
                                         i + 1, adr);
        if (!pma && (e->session < out->first_session || e->session > out->last_session))
            return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)at,
                                         "full TOC descriptor %zu: session %u is outside the header's %u..%u",
                                         i + 1, e->session, out->first_session, out->last_session);
        out->count++;
    }
    return TOCEX_OK;
}

tocex_status tocex_decode_fulltoc(const uint8_t *data, size_t len, unsigned flags, tocex_fulltoc_view *out,
                                  tocex_error *err)
{
    tocex_status st = decode_11(data, len, flags, false, out, err);
    if (st != TOCEX_OK)
        tocex_fulltoc_view_free(out);
    return st;
}

tocex_status tocex_decode_pma(const uint8_t *data, size_t len, unsigned flags, tocex_fulltoc_view *out,
                              tocex_error *err)
{
    tocex_status st = decode_11(data, len, flags, true, out, err);
    if (st != TOCEX_OK)
        tocex_fulltoc_view_free(out);
    return st;
}

void tocex_fulltoc_view_free(tocex_fulltoc_view *view)
{
    if (view == NULL)
        return;
    free(view->entries);
    memset(view, 0, sizeof *view);
}

/* ------------------------------------------------------------------ BCD */

static bool is_adr1(const tocex_toc_entry *e) { return (e->adr_control >> 4) == 1; }
static bool is_track_point(uint8_t point) { return point < 0xA0; }

static uint8_t as_bin(uint8_t v, bool bcd)
{
    uint8_t b;
    if (!bcd)
        return v;
    return tocex_bcd_to_bin(v, &b) ? b : 0xFF;
}

static int32_t pmsf_lba(const tocex_toc_entry *e, bool bcd)
{
    tocex_msf msf = {as_bin(e->pmin, bcd), as_bin(e->psec, bcd), as_bin(e->pframe, bcd)};
    return tocex_msf_to_lba_linear(msf);
}

/* Does this reading (binary or BCD) of the full TOC agree with the formatted TOC? cdrdao
 * compares every track start and the last A2 (dao/CdrDriver.cc). */
static bool agrees(const tocex_fulltoc_view *v, const tocex_toc_view *toc, bool bcd)
{
    const tocex_toc_descriptor *lo = tocex_toc_view_leadout(toc);
    const tocex_toc_entry *last_a2 = NULL;
    size_t matched = 0;
    for (size_t i = 0; i < v->count; i++) {
        const tocex_toc_entry *e = &v->entries[i];
        if (!is_adr1(e))
            continue;
        if (e->point == 0xA2 && (last_a2 == NULL || e->session >= last_a2->session))
            last_a2 = e;
        if (!is_track_point(e->point))
            continue;
        {
            uint8_t number = as_bin(e->point, bcd);
            bool found = false;
            for (size_t k = 0; k < toc->count; k++) {
                if (toc->entries[k].track == number) {
                    if (toc->entries[k].lba != pmsf_lba(e, bcd))
                        return false;
                    found = true;
                }
            }
            if (!found)
                return false;
            matched++;
        }
    }
    if (lo != NULL && last_a2 != NULL && pmsf_lba(last_a2, bcd) != lo->lba)
        return false;
    return matched > 0;
}

bool tocex_fulltoc_is_bcd(const tocex_fulltoc_view *view, const tocex_toc_view *toc)
{
    bool any = false, impossible_binary = false;
    for (size_t i = 0; i < view->count; i++) {
        const tocex_toc_entry *e = &view->entries[i];
        if (!is_adr1(e))
            continue;
        if (is_track_point(e->point)) {
            if (!tocex_is_bcd(e->point))
                return false;
            any = true;
        } else if (e->point != 0xA2) {
            continue;
        }
        if (!tocex_is_bcd(e->pmin) || !tocex_is_bcd(e->psec) || !tocex_is_bcd(e->pframe))
            return false;
        if (e->psec >= 60 || e->pframe >= 75)
            impossible_binary = true;
    }
    if (!any)
        return false;
    if (toc != NULL && toc->count > 0) {
        if (agrees(view, toc, false))
            return false;
        return agrees(view, toc, true);
    }
    return impossible_binary;
}

static tocex_status conv(uint8_t *v, size_t index, const char *field, tocex_error *err)
{
    uint8_t b;
    if (!tocex_bcd_to_bin(*v, &b))
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)(4 + 11 * index),
                                     "full TOC descriptor %zu: %s %02Xh is not BCD", index + 1, field, *v);
    *v = b;
    return TOCEX_OK;
}

tocex_status tocex_fulltoc_bcd_to_binary(tocex_fulltoc_view *view, tocex_error *err)
{
    tocex_status st;
    for (size_t i = 0; i < view->count; i++) {
        tocex_toc_entry *e = &view->entries[i];
        unsigned adr = e->adr_control >> 4;
        if (adr == 1) {
            if (is_track_point(e->point) && (st = conv(&e->point, i, "POINT", err)) != TOCEX_OK)
                return st;
            if ((st = conv(&e->min, i, "Min", err)) != TOCEX_OK || (st = conv(&e->sec, i, "Sec", err)) != TOCEX_OK ||
                (st = conv(&e->frame, i, "Frame", err)) != TOCEX_OK)
                return st;
            /* A0/A1: PMIN is a track number; A0 PSEC is the disc type, never converted */
            if ((st = conv(&e->pmin, i, "PMIN", err)) != TOCEX_OK)
                return st;
            if (e->point == 0xA0 || e->point == 0xA1)
                continue;
            if ((st = conv(&e->psec, i, "PSEC", err)) != TOCEX_OK ||
                (st = conv(&e->pframe, i, "PFRAME", err)) != TOCEX_OK)
                return st;
        } else if (adr == 5 && (e->point == 0xB0 || e->point == 0xC0)) {
            /* B0 Min/Sec/Frame FF:FF:FF = closed disc; C0 Min/Sec/Frame are ATIP bits, not times */
            if (e->point == 0xB0 && !(e->min == 0xFF && e->sec == 0xFF && e->frame == 0xFF)) {
                if ((st = conv(&e->min, i, "Min", err)) != TOCEX_OK ||
                    (st = conv(&e->sec, i, "Sec", err)) != TOCEX_OK ||
                    (st = conv(&e->frame, i, "Frame", err)) != TOCEX_OK)
                    return st;
            }
            if ((st = conv(&e->pmin, i, "PMIN", err)) != TOCEX_OK ||
                (st = conv(&e->psec, i, "PSEC", err)) != TOCEX_OK ||
                (st = conv(&e->pframe, i, "PFRAME", err)) != TOCEX_OK)
                return st;
        }
    }
    return TOCEX_OK;
}

/* ------------------------------------------------------------------ interpretation */

static tocex_status check_msf(uint8_t m, uint8_t s, uint8_t f, size_t index, const char *what, tocex_error *err)
{
    (void)m;
    if (s >= 60 || f >= 75)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)(4 + 11 * index),
                                     "full TOC descriptor %zu: %s %u:%u:%u is not an MSF time", index + 1, what, m,
                                     s, f);
    return TOCEX_OK;
}

/* tocex_msf_to_lba_linear, written out: called for every descriptor */
static int32_t lin(uint8_t m, uint8_t s, uint8_t f)
{
    return (int32_t)m * TOCEX_FRAMES_PER_MINUTE + (int32_t)s * TOCEX_FRAMES_PER_SECOND + f - TOCEX_MSF_OFFSET;
}

tocex_status tocex_fulltoc_interpret(const tocex_fulltoc_view *view, tocex_fulltoc_layout *out, tocex_error *err)
{
    tocex_status st;
    bool listed[0x64] = {false}; /* track numbers 01h-63h seen so far */
    size_t cleared = 0;          /* sessions[0..cleared) are zeroed */
    out->session_count = 0;
    out->track_count = 0;
    for (size_t i = 0; i < view->count; i++) {
        const tocex_toc_entry *e = &view->entries[i];
        unsigned adr = e->adr_control >> 4;
        long long at = (long long)(4 + 11 * i);
        tocex_fulltoc_session *s;
        if (e->session < 1 || e->session > TOCEX_MAX_SESSIONS)
            return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, at,
                                         "full TOC descriptor %zu: session %u is outside 1..99", i + 1, e->session);
        if (e->session > cleared) {
            /* sessions are cleared as the entries reach them, not all 99 up front */
            memset(&out->sessions[cleared], 0, (e->session - cleared) * sizeof out->sessions[0]);
            cleared = e->session;
        }
        s = &out->sessions[e->session - 1];
        if (adr == 1) {
            if (e->point >= 0x01 && e->point <= 0x63) {
                tocex_fulltoc_track *t;
                if ((st = check_msf(e->pmin, e->psec, e->pframe, i, "track start", err)) != TOCEX_OK)
                    return st;
                if (listed[e->point])
                    return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, at + 3,
                                                 "full TOC descriptor %zu: track %u listed twice", i + 1,
                                                 e->point);
                if (out->track_count >= TOCEX_MAX_TRACKS)
                    return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, at, "more than 99 tracks");
                /* keep tracks sorted by number */
                {
                    size_t k = out->track_count;
                    while (k > 0 && out->tracks[k - 1].number > e->point) {
                        out->tracks[k] = out->tracks[k - 1];
                        k--;
                    }
                    t = &out->tracks[k];
                }
                out->track_count++;
                listed[e->point] = true;
                t->number = e->point;
                t->session = e->session;
                t->adr = 1;
                t->control = (uint8_t)(e->adr_control & 0x0F);
                t->start = lin(e->pmin, e->psec, e->pframe);
            } else if (e->point == 0xA0 || e->point == 0xA1) {
                if (e->pmin < 1 || e->pmin > 99)
                    return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, at + 8,
                                                 "full TOC descriptor %zu: POINT %02Xh names track %u, outside "
                                                 "1..99",
                                                 i + 1, e->point, e->pmin);
                if (e->point == 0xA0) {
                    s->have_a0 = true;
                    s->first_track = e->pmin;
                    s->disc_type = e->psec;
                } else {
                    s->have_a1 = true;
                    s->last_track = e->pmin;
                }
            } else if (e->point == 0xA2) {
                if ((st = check_msf(e->pmin, e->psec, e->pframe, i, "lead-out start", err)) != TOCEX_OK)
                    return st;
                s->have_a2 = true;
                s->leadout_adr = 1;
                s->leadout_control = (uint8_t)(e->adr_control & 0x0F);
                s->leadout = lin(e->pmin, e->psec, e->pframe);
            } else {
                return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, at + 3,
                                             "full TOC descriptor %zu: ADR 1 with POINT %02Xh (tracks 01h-63h or "
                                             "A0h-A2h expected)",
                                             i + 1, e->point);
            }
        } else if (adr == 5) {
            if (e->point == 0xB0) {
                s->has_b0 = true;
                if (e->min == 0xFF && e->sec == 0xFF && e->frame == 0xFF) {
                    s->b0_next_program = TOCEX_LBA_NONE; /* disc closed */
                } else {
                    if ((st = check_msf(e->min, e->sec, e->frame, i, "B0 next program area", err)) != TOCEX_OK)
                        return st;
                    s->b0_next_program = lin(e->min, e->sec, e->frame);
                }
                if ((st = check_msf(e->pmin, e->psec, e->pframe, i, "B0 maximum lead-out", err)) != TOCEX_OK)
                    return st;
                s->b0_pointers = e->zero;
                s->b0_max_leadout = lin(e->pmin, e->psec, e->pframe);
            } else if (e->point == 0xC0) {
                tocex_msf msf = {e->pmin, e->psec, e->pframe};
                if ((st = check_msf(e->pmin, e->psec, e->pframe, i, "C0 first lead-in", err)) != TOCEX_OK)
                    return st;
                s->has_c0 = true;
                s->c0_atip[0] = e->min;
                s->c0_atip[1] = e->sec;
                s->c0_atip[2] = e->frame;
                /* the first lead-in is in the lead-in area: minutes >= 90 are negative LBAs */
                s->c0_first_leadin = tocex_msf_to_lba(msf);
            } else if (!((e->point >= 0xB1 && e->point <= 0xB4) || e->point == 0xC1 ||
                         (e->point >= 0x01 && e->point <= 0x40))) {
                return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, at + 3,
                                             "full TOC descriptor %zu: ADR 5 with POINT %02Xh (B0h-B4h, C0h, C1h or "
                                             "skip intervals 01h-40h expected)",
                                             i + 1, e->point);
            }
            /* B1-B4, C1 and skip intervals carry nothing the disc model keeps */
        }
        /* ADR 2, 3, 4, 6: MCN/ISRC/CD-V/disc ID entries; nothing the disc model keeps */
        if (adr >= 1 && adr <= 6) {
            s->present = true;
            if (e->session > out->session_count)
                out->session_count = e->session;
        }
    }
    return TOCEX_OK;
}

/* ------------------------------------------------------------------ cross-check */

#define MISMATCH(...)                                                                                        \
    do {                                                                                                     \
        if (out->count < TOCEX_CROSSCHECK_MAX)                                                               \
            snprintf(out->messages[out->count], sizeof out->messages[0], __VA_ARGS__);                      \
        out->count++;                                                                                        \
    } while (0)

/* Linear: the track numbers are bytes, so each side is indexed by number once. */
size_t tocex_fulltoc_crosscheck(const tocex_fulltoc_layout *layout, const tocex_toc_view *toc, tocex_crosscheck *out)
{
    const tocex_toc_descriptor *lo = tocex_toc_view_leadout(toc);
    uint8_t full_index[256]; /* 1 + index of the (last) layout track with that number; 0 = none */
    bool in_toc[256];
    size_t tracks = layout->track_count < TOCEX_MAX_TRACKS ? layout->track_count : TOCEX_MAX_TRACKS;
    size_t entries = toc->count < TOCEX_TOC_MAX_DESCRIPTORS ? toc->count : TOCEX_TOC_MAX_DESCRIPTORS;
    out->count = 0;
    for (size_t i = 0; i < TOCEX_CROSSCHECK_MAX; i++)
        out->messages[i][0] = '\0';
    memset(full_index, 0, sizeof full_index);
    memset(in_toc, 0, sizeof in_toc);
    for (size_t i = 0; i < tracks; i++)
        full_index[layout->tracks[i].number] = (uint8_t)(i + 1);
    for (size_t k = 0; k < entries; k++)
        in_toc[toc->entries[k].track] = true;
    for (size_t k = 0; k < entries; k++) {
        const tocex_toc_descriptor *d = &toc->entries[k];
        const tocex_fulltoc_track *t;
        if (d->track == TOCEX_TRACK_LEADOUT)
            continue;
        if (full_index[d->track] == 0) {
            MISMATCH("track %u of the formatted TOC is missing from the full TOC", d->track);
            continue;
        }
        t = &layout->tracks[full_index[d->track] - 1];
        if (t->start != d->lba)
            MISMATCH("track %u starts at LBA %ld in the full TOC but LBA %ld in the formatted TOC", d->track,
                     (long)t->start, (long)d->lba);
        if (t->control != d->control)
            MISMATCH("track %u: CONTROL %Xh in the full TOC, %Xh in the formatted TOC", d->track, t->control,
                     d->control);
    }
    for (size_t i = 0; i < tracks; i++)
        if (!in_toc[layout->tracks[i].number])
            MISMATCH("track %u of the full TOC is missing from the formatted TOC", layout->tracks[i].number);
    if (lo != NULL && layout->session_count > 0) {
        const tocex_fulltoc_session *s = &layout->sessions[layout->session_count - 1];
        if (s->have_a2 && s->leadout != lo->lba)
            MISMATCH("lead-out of session %zu (A2) is LBA %ld in the full TOC but LBA %ld in the formatted TOC",
                     layout->session_count, (long)s->leadout, (long)lo->lba);
    }
    return out->count;
}
