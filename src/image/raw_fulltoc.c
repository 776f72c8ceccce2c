/* Recorded full-TOC entries -> disc model (shared by the raw dump and .mds readers).
 * POINT meanings: MMC READ TOC format 2 (reference mmc-read-toc.md §2.3): ADR 1 POINT 01..99 =
 * track start in PMSF, A0 PMIN = first track / PSEC = disc type, A1 PMIN = last track,
 * A2 PMSF = lead-out; ADR 5 B0 = next program area (MSF, FF:FF:FF when closed) / pointer count
 * (ZERO) / maximum lead-out (PMSF), C0 = ATIP special information 1 copy (MSF) / first lead-in
 * (PMSF). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/raw_fulltoc.h"
#include "tocex/addr.h"
#include "tocex/decode.h"

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static tocex_status
entry_error(tocex_error *err, tocex_status st, const char *name, const uint64_t *offsets, size_t i,
            const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (offsets != NULL)
        return tocex_error_at_offset(err, st, name, (long long)offsets[i], "%s", msg);
    return tocex_error_set(err, st, "%s: full-TOC entry %zu: %s", name, i, msg);
}

static bool bcd_ok(uint8_t v) { return tocex_is_bcd(v); }

static uint8_t from_bcd(uint8_t v)
{
    uint8_t out = v;
    tocex_bcd_to_bin(v, &out);
    return out;
}

static int32_t msf_lba(uint8_t m, uint8_t s, uint8_t f)
{
    tocex_msf msf = {m, s, f};
    return tocex_msf_to_lba(msf);
}

bool tocex_image_fulltoc_is_bcd(const tocex_toc_entry *e, size_t n, const tocex_fmt0_view *fmt0)
{
    bool differs = false;
    int32_t last_a2 = TOCEX_LBA_NONE;
    for (size_t i = 0; i < n; i++) {
        const tocex_toc_entry *t = &e[i];
        if ((t->adr_control >> 4) != 1)
            continue;
        if (t->point < 0xA0 || t->point == 0xA2) {
            if (t->point < 0xA0 && !bcd_ok(t->point))
                return false;
            if (!bcd_ok(t->pmin) || !bcd_ok(t->psec) || !bcd_ok(t->pframe))
                return false;
            if (t->pmin >= 10 || t->psec >= 10 || t->pframe >= 10 || (t->point < 0xA0 && t->point >= 10))
                differs = true;
        }
    }
    if (!differs)
        return false;
    if (fmt0 == NULL || fmt0->count == 0)
        return false; /* ambiguous: keep the standard's binary */
    for (size_t i = 0; i < n; i++) {
        const tocex_toc_entry *t = &e[i];
        if ((t->adr_control >> 4) != 1)
            continue;
        if (t->point < 0xA0) {
            uint8_t number = from_bcd(t->point);
            int32_t lba = msf_lba(from_bcd(t->pmin), from_bcd(t->psec), from_bcd(t->pframe));
            bool found = false;
            for (size_t k = 0; k < fmt0->count; k++)
                if (fmt0->number[k] == number) {
                    found = true;
                    if (fmt0->start[k] != lba)
                        return false;
                }
            if (!found)
                return false;
        } else if (t->point == 0xA2)
            last_a2 = msf_lba(from_bcd(t->pmin), from_bcd(t->psec), from_bcd(t->pframe));
    }
    if (fmt0->leadout != TOCEX_LBA_NONE && last_a2 != fmt0->leadout)
        return false;
    return true;
}

tocex_status tocex_fulltoc_entries_check(const tocex_toc_entry *e, size_t n, size_t *bad, tocex_error *why)
{
    /* The emulated drive answers format 2 with recorded entries verbatim, so they must be an
     * answer the initiator accepts (decoder + interpreter), or the disc read back through a drive
     * would silently differ from the image (e.g. one session instead of two). */
    uint8_t *answer;
    tocex_fulltoc_view view;
    tocex_fulltoc_layout *layout;
    tocex_status st;
    uint8_t first = 99, last = 1;
    size_t len = 4 + 11 * n;
    *bad = 0;
    if (n == 0 || n > (0xFFFFu - 2) / 11)
        return tocex_error_set(why, TOCEX_E_LIMIT, "%zu full-TOC entries do not fit one READ TOC answer", n);
    answer = malloc(len);
    layout = malloc(sizeof *layout);
    if (answer == NULL || layout == NULL) {
        free(answer);
        free(layout);
        return tocex_error_set(why, TOCEX_E_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t *d = answer + 4 + 11 * i;
        first = e[i].session < first ? e[i].session : first;
        last = e[i].session > last ? e[i].session : last;
        d[0] = e[i].session, d[1] = e[i].adr_control, d[2] = e[i].tno, d[3] = e[i].point;
        d[4] = e[i].min, d[5] = e[i].sec, d[6] = e[i].frame, d[7] = e[i].zero;
        d[8] = e[i].pmin, d[9] = e[i].psec, d[10] = e[i].pframe;
    }
    answer[0] = (uint8_t)((len - 2) >> 8);
    answer[1] = (uint8_t)(len - 2);
    answer[2] = first;
    answer[3] = last;
    tocex_error_clear(why);
    st = tocex_decode_fulltoc(answer, len, 0, &view, why);
    if (st == TOCEX_OK) {
        st = tocex_fulltoc_interpret(&view, layout, why);
        tocex_fulltoc_view_free(&view);
    }
    if (st == TOCEX_OK) {
        /* Readers turn times of 90:00:00 and on into lead-in LBAs (MMC); the interpreter reads
         * them linearly. No track or lead-out starts in the lead-in; one recorded there would be
         * read back elsewhere.
         * A session the entries name without a track would be dropped on the way back. */
        bool has_track[TOCEX_MAX_SESSIONS + 1] = {false};
        for (size_t i = 0; i < n; i++)
            if ((e[i].adr_control >> 4) == 1 && e[i].point >= 1 && e[i].point <= 99)
                has_track[e[i].session] = true;
        for (size_t i = 0; i < n && st == TOCEX_OK; i++) {
            if ((e[i].adr_control >> 4) == 1 && (e[i].point == 0xA2 || (e[i].point >= 1 && e[i].point <= 99)) &&
                e[i].pmin >= 90) {
                st = tocex_error_at_offset(why, TOCEX_E_PARSE, NULL, (long long)(4 + 11 * i),
                                           "full TOC descriptor %zu: %s %u:%02u:%02u lies in the lead-in area "
                                           "(90:00:00 and on)",
                                           i + 1, e[i].point == 0xA2 ? "lead-out" : "track start", e[i].pmin,
                                           e[i].psec, e[i].pframe);
            } else if (!has_track[e[i].session]) {
                st = tocex_error_at_offset(why, TOCEX_E_PARSE, NULL, (long long)(4 + 11 * i),
                                           "full TOC descriptor %zu: session %u has no track entry", i + 1,
                                           e[i].session);
            }
        }
    }
    if (st != TOCEX_OK) {
        /* keep the description, drop the decoder's "READ TOC answer: byte N: ... descriptor N: " */
        const char *what = strstr(why->message, "descriptor ");
        if (what != NULL && strstr(what, ": ") != NULL)
            what = strstr(what, ": ") + 2;
        char msg[sizeof why->message];
        *bad = why->offset >= 4 ? (size_t)(why->offset - 4) / 11 : 0;
        if (*bad >= n)
            *bad = n - 1;
        snprintf(msg, sizeof msg, "%s", what != NULL ? what : why->message);
        snprintf(why->message, sizeof why->message, "%s", msg);
        why->status = TOCEX_E_PARSE;
        st = TOCEX_E_PARSE;
    }
    free(answer);
    free(layout);
    return st;
}

typedef struct pending_track {
    bool present;
    uint8_t session, adr, control;
    int32_t start;
    size_t entry;
} pending_track;

tocex_status tocex_fulltoc_apply(tocex_disc *disc, const tocex_toc_entry *in, size_t n, bool bcd,
                                 const char *name, const uint64_t *offsets, int32_t fallback_leadout,
                                 tocex_error *err)
{
    tocex_toc_entry *e;
    pending_track tracks[100];
    int32_t leadout[TOCEX_MAX_SESSIONS + 1];
    uint8_t disc_type[TOCEX_MAX_SESSIONS + 1];
    uint8_t a0_first[TOCEX_MAX_SESSIONS + 1], a1_last[TOCEX_MAX_SESSIONS + 1];
    int b0_entry[TOCEX_MAX_SESSIONS + 1], c0_entry[TOCEX_MAX_SESSIONS + 1];
    uint8_t max_session = 0;
    tocex_status st = TOCEX_OK;

    if (n == 0)
        return tocex_error_set(err, TOCEX_E_PARSE, "%s: the full TOC has no entries", name);
    e = malloc(n * sizeof *e);
    if (e == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", name);
    memcpy(e, in, n * sizeof *e);
    memset(tracks, 0, sizeof tracks);
    for (size_t i = 0; i <= TOCEX_MAX_SESSIONS; i++) {
        leadout[i] = TOCEX_LBA_NONE;
        disc_type[i] = TOCEX_DISC_TYPE_AUTO;
        a0_first[i] = a1_last[i] = 0;
        b0_entry[i] = c0_entry[i] = -1;
    }
    if (bcd) {
        /* POINT codes A0h.., the A0 disc type and ADR/CONTROL are never BCD (reference §4.2) */
        for (size_t i = 0; i < n; i++) {
            tocex_toc_entry *t = &e[i];
            if ((t->adr_control >> 4) != 1)
                continue;
            if (t->point < 0xA0)
                t->point = from_bcd(t->point);
            if (t->point < 0xA0 || t->point == 0xA2) {
                t->pmin = from_bcd(t->pmin);
                t->psec = from_bcd(t->psec);
                t->pframe = from_bcd(t->pframe);
            } else if (t->point == 0xA0 || t->point == 0xA1)
                t->pmin = from_bcd(t->pmin);
        }
        tocex_disc_note(disc, "full TOC addresses were BCD (drive quirk): converted to binary");
    }
    {
        tocex_error why;
        size_t bad;
        if (tocex_fulltoc_entries_check(e, n, &bad, &why) != TOCEX_OK) {
            st = entry_error(err, TOCEX_E_PARSE, name, offsets, bad, "%s", why.message);
            goto done;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const tocex_toc_entry *t = &e[i];
        uint8_t adr = (uint8_t)(t->adr_control >> 4);
        if (t->session == 0 || t->session > TOCEX_MAX_SESSIONS) {
            st = entry_error(err, TOCEX_E_PARSE, name, offsets, i, "session number %u is outside 1..99", t->session);
            goto done;
        }
        if (t->session > max_session)
            max_session = t->session;
        if (adr == 1 && t->point >= 1 && t->point <= 99) {
            tocex_msf msf = {t->pmin, t->psec, t->pframe};
            pending_track *p = &tracks[t->point];
            if (!tocex_msf_valid(msf)) {
                st = entry_error(err, TOCEX_E_PARSE, name, offsets, i, "track %u: start %u:%u:%u is not a valid MSF",
                                 t->point, t->pmin, t->psec, t->pframe);
                goto done;
            }
            if (p->present) {
                st = entry_error(err, TOCEX_E_PARSE, name, offsets, i, "track %u appears twice", t->point);
                goto done;
            }
            p->present = true;
            p->session = t->session;
            p->adr = adr;
            p->control = (uint8_t)(t->adr_control & 0x0F);
            p->start = tocex_msf_to_lba(msf);
            p->entry = i;
        } else if (adr == 1 && t->point == 0xA0) {
            a0_first[t->session] = t->pmin;
            disc_type[t->session] = t->psec;
        } else if (adr == 1 && t->point == 0xA1) {
            a1_last[t->session] = t->pmin;
        } else if (adr == 1 && t->point == 0xA2) {
            tocex_msf msf = {t->pmin, t->psec, t->pframe};
            if (!tocex_msf_valid(msf)) {
                st = entry_error(err, TOCEX_E_PARSE, name, offsets, i, "lead-out %u:%u:%u is not a valid MSF", t->pmin,
                                 t->psec, t->pframe);
                goto done;
            }
            leadout[t->session] = tocex_msf_to_lba(msf);
        } else if (adr == 5 && t->point == 0xB0) {
            b0_entry[t->session] = (int)i;
        } else if (adr == 5 && t->point == 0xC0) {
            c0_entry[t->session] = (int)i;
        }
    }
    for (unsigned number = 1; number <= 99; number++) {
        pending_track *p = &tracks[number];
        if (!p->present)
            continue;
        st = tocex_disc_add_track(disc, p->session, (uint8_t)number, p->adr, p->control,
                                  (p->control & TOCEX_CONTROL_DATA) ? TOCEX_MODE_UNKNOWN : TOCEX_MODE_AUDIO, p->start,
                                  err);
        if (st != TOCEX_OK) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", err != NULL ? err->message : "");
            st = entry_error(err, st, name, offsets, p->entry, "%s", msg);
            goto done;
        }
    }
    if (disc->track_count == 0) {
        st = tocex_error_set(err, TOCEX_E_PARSE, "%s: the full TOC lists no tracks", name);
        goto done;
    }
    if (disc->session_count != max_session)
        tocex_disc_note(disc, "full TOC names session %u but only %zu sessions hold tracks", max_session,
                        disc->session_count);
    for (size_t si = 0; si < disc->session_count; si++) {
        tocex_session *s = &disc->sessions[si];
        uint8_t num = s->number;
        bool last = si + 1 == disc->session_count;
        if (leadout[num] == TOCEX_LBA_NONE) {
            if (last && fallback_leadout != TOCEX_LBA_NONE) {
                leadout[num] = fallback_leadout;
                tocex_disc_note(disc, "session %u has no A2 entry: lead-out taken from the format-0 TOC", num);
            } else {
                st = tocex_error_set(err, TOCEX_E_PARSE, "%s: session %u has no lead-out (A2) entry", name, num);
                goto done;
            }
        }
        s->leadout = leadout[num];
        s->disc_type = disc_type[num];
        if (a0_first[num] != 0 || a1_last[num] != 0) {
            uint8_t first = 0, lastt = 0;
            for (size_t k = 0; k < disc->track_count; k++)
                if (disc->tracks[k].session == num) {
                    if (first == 0)
                        first = disc->tracks[k].number;
                    lastt = disc->tracks[k].number;
                }
            if ((a0_first[num] != 0 && a0_first[num] != first) || (a1_last[num] != 0 && a1_last[num] != lastt))
                tocex_disc_note(disc, "session %u: A0/A1 say tracks %u-%u, the track entries %u-%u", num,
                                a0_first[num], a1_last[num], first, lastt);
        }
        /* the recorded TOC says whether B0/C0 exist: absence is a fact, not an omission */
        s->b0_given = true;
        s->c0_given = true;
        if (b0_entry[num] >= 0) {
            const tocex_toc_entry *b = &e[b0_entry[num]];
            s->has_b0 = true;
            if (b->min == 0xFF && b->sec == 0xFF && b->frame == 0xFF)
                s->b0_next_program = TOCEX_LBA_NONE;
            else
                s->b0_next_program = msf_lba(b->min, b->sec, b->frame);
            s->b0_pointers = b->zero;
            s->b0_max_leadout = msf_lba(b->pmin, b->psec, b->pframe);
            if (last && s->b0_next_program != TOCEX_LBA_NONE)
                disc->appendable = true;
        }
        if (c0_entry[num] >= 0) {
            const tocex_toc_entry *c = &e[c0_entry[num]];
            s->has_c0 = true;
            s->c0_atip[0] = c->min;
            s->c0_atip[1] = c->sec;
            s->c0_atip[2] = c->frame;
            s->c0_first_leadin = msf_lba(c->pmin, c->psec, c->pframe);
        }
    }
    st = tocex_disc_set_fulltoc(disc, e, n, err);
    if (st == TOCEX_OK)
        disc->known |= TOCEX_KNOWN_FULLTOC | TOCEX_KNOWN_SESSIONS | TOCEX_KNOWN_LEADOUT;
done:
    free(e);
    return st;
}
