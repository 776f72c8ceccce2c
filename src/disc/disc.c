#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tocex/addr.h"
#include "tocex/disc.h"

/* The track, session and note arrays are most of the model's 10 KB and are not cleared here:
 * a slot is initialised when add_track / add_track's new session / note takes it, and nothing
 * reads a slot past its count. Everything else is reset field by field. */
void tocex_disc_init(tocex_disc *disc)
{
    disc->media = TOCEX_MEDIA_CD_ROM;
    disc->track_count = 0;
    disc->session_count = 0;
    disc->appendable = false;
    memset(disc->mcn, 0, sizeof disc->mcn);
    disc->capacity = 0;
    disc->fulltoc = NULL;
    disc->fulltoc_count = 0;
    disc->pma = NULL;
    disc->pma_count = 0;
    memset(disc->atip, 0, sizeof disc->atip);
    disc->atip_len = 0;
    disc->cdtext = NULL;
    disc->cdtext_packs = 0;
    disc->known = 0;
    disc->note_count = 0;
}

void tocex_disc_free(tocex_disc *disc)
{
    free(disc->fulltoc);
    free(disc->pma);
    free(disc->cdtext);
    tocex_disc_init(disc);
}

static tocex_status dup_array(void **dst, const void *src, size_t count, size_t size, tocex_error *err)
{
    *dst = NULL;
    if (count == 0)
        return TOCEX_OK;
    *dst = malloc(count * size);
    if (*dst == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory copying %zu entries", count);
    memcpy(*dst, src, count * size);
    return TOCEX_OK;
}

tocex_status tocex_disc_copy(tocex_disc *dst, const tocex_disc *src, tocex_error *err)
{
    tocex_status st;
    void *p;
    /* Only the slots in use: the arrays' tails are not part of the model (see tocex_disc_init).
     * Counts are copied as they are (finish refuses impossible ones); the copies are bounded. */
    size_t tracks = src->track_count < TOCEX_MAX_TRACKS ? src->track_count : TOCEX_MAX_TRACKS;
    size_t sessions = src->session_count < TOCEX_MAX_SESSIONS ? src->session_count : TOCEX_MAX_SESSIONS;
    size_t notes = src->note_count < TOCEX_MAX_NOTES ? src->note_count : TOCEX_MAX_NOTES;
    dst->media = src->media;
    dst->track_count = src->track_count;
    memcpy(dst->tracks, src->tracks, tracks * sizeof src->tracks[0]);
    dst->session_count = src->session_count;
    memcpy(dst->sessions, src->sessions, sessions * sizeof src->sessions[0]);
    dst->appendable = src->appendable;
    memcpy(dst->mcn, src->mcn, sizeof dst->mcn);
    dst->capacity = src->capacity;
    dst->fulltoc_count = src->fulltoc_count;
    dst->pma_count = src->pma_count;
    memcpy(dst->atip, src->atip, sizeof dst->atip);
    dst->atip_len = src->atip_len;
    dst->cdtext_packs = src->cdtext_packs;
    dst->known = src->known;
    dst->note_count = src->note_count;
    memcpy(dst->notes, src->notes, notes * sizeof src->notes[0]);
    dst->fulltoc = NULL;
    dst->pma = NULL;
    dst->cdtext = NULL;
    if ((st = dup_array(&p, src->fulltoc, src->fulltoc_count, sizeof(tocex_toc_entry), err)) != TOCEX_OK)
        goto fail;
    dst->fulltoc = p;
    if ((st = dup_array(&p, src->pma, src->pma_count, sizeof(tocex_toc_entry), err)) != TOCEX_OK)
        goto fail;
    dst->pma = p;
    if ((st = dup_array(&p, src->cdtext, src->cdtext_packs, 18, err)) != TOCEX_OK)
        goto fail;
    dst->cdtext = p;
    return TOCEX_OK;
fail:
    tocex_disc_free(dst);
    return st;
}

static void init_session(tocex_session *s, uint8_t number)
{
    memset(s, 0, sizeof *s);
    s->number = number;
    s->disc_type = TOCEX_DISC_TYPE_AUTO;
    s->leadout = TOCEX_LBA_NONE;
    s->b0_next_program = TOCEX_LBA_NONE;
    s->c0_first_leadin = TOCEX_LBA_NONE;
}

tocex_status tocex_disc_add_track(tocex_disc *disc, uint8_t session, uint8_t number, uint8_t adr,
                                  uint8_t control, tocex_track_mode mode, int32_t start, tocex_error *err)
{
    tocex_track *t;
    if (disc->track_count >= TOCEX_MAX_TRACKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "track %u: a CD holds at most 99 tracks", number);
    if (session == 0 || session > TOCEX_MAX_SESSIONS)
        return tocex_error_set(err, TOCEX_E_INVALID_DISC, "track %u: session %u is outside 1..99", number,
                               session);
    if (session > disc->session_count + 1 || (disc->session_count > 0 && session < disc->session_count))
        return tocex_error_set(err, TOCEX_E_INVALID_DISC,
                               "track %u: session %u does not follow session %zu", number, session,
                               disc->session_count);
    if (session == disc->session_count + 1) {
        init_session(&disc->sessions[disc->session_count], session);
        disc->session_count++;
    }
    t = &disc->tracks[disc->track_count++];
    memset(t, 0, sizeof *t);
    t->number = number;
    t->session = session;
    t->adr = adr;
    t->control = (uint8_t)(control & 0x0F);
    t->mode = mode;
    t->start = start;
    return TOCEX_OK;
}

tocex_status tocex_disc_set_leadout(tocex_disc *disc, uint8_t session, int32_t leadout, tocex_error *err)
{
    if (session == 0 || session > disc->session_count)
        return tocex_error_set(err, TOCEX_E_INVALID_DISC, "lead-out for session %u, which has no tracks",
                               session);
    disc->sessions[session - 1].leadout = leadout;
    return TOCEX_OK;
}

static tocex_status set_entries(tocex_toc_entry **dst, size_t *dst_count, const tocex_toc_entry *src,
                                size_t count, tocex_error *err)
{
    void *p;
    tocex_status st = dup_array(&p, src, count, sizeof *src, err);
    if (st != TOCEX_OK)
        return st;
    free(*dst);
    *dst = p;
    *dst_count = count;
    return TOCEX_OK;
}

tocex_status tocex_disc_set_fulltoc(tocex_disc *disc, const tocex_toc_entry *entries, size_t count,
                                    tocex_error *err)
{
    if (count > (0xFFFF - 2) / 11)
        return tocex_error_set(err, TOCEX_E_LIMIT, "%zu full-TOC entries do not fit one answer", count);
    return set_entries(&disc->fulltoc, &disc->fulltoc_count, entries, count, err);
}

tocex_status tocex_disc_set_pma(tocex_disc *disc, const tocex_toc_entry *entries, size_t count, tocex_error *err)
{
    if (count > (0xFFFF - 2) / 11)
        return tocex_error_set(err, TOCEX_E_LIMIT, "%zu PMA entries do not fit one answer", count);
    return set_entries(&disc->pma, &disc->pma_count, entries, count, err);
}

tocex_status tocex_disc_set_cdtext(tocex_disc *disc, const uint8_t *packs, size_t pack_count, tocex_error *err)
{
    void *p;
    tocex_status st;
    if (pack_count > TOCEX_MAX_CDTEXT_PACKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "%zu CD-TEXT packs: at most %d fit in the lead-in",
                               pack_count, TOCEX_MAX_CDTEXT_PACKS);
    st = dup_array(&p, packs, pack_count, 18, err);
    if (st != TOCEX_OK)
        return st;
    free(disc->cdtext);
    disc->cdtext = p;
    disc->cdtext_packs = pack_count;
    disc->known |= TOCEX_KNOWN_CDTEXT;
    return TOCEX_OK;
}

tocex_status tocex_disc_set_atip(tocex_disc *disc, const uint8_t *bytes, size_t len, tocex_error *err)
{
    if (len != 24 && len != 28)
        return tocex_error_set(err, TOCEX_E_INVALID_DISC, "ATIP descriptor of %zu bytes (24 or 28 expected)", len);
    memset(disc->atip, 0, sizeof disc->atip);
    memcpy(disc->atip, bytes, len);
    disc->atip_len = len;
    disc->known |= TOCEX_KNOWN_ATIP;
    return TOCEX_OK;
}

void tocex_disc_note(tocex_disc *disc, const char *fmt, ...)
{
    va_list ap;
    if (disc->note_count >= TOCEX_MAX_NOTES)
        return;
    if (strchr(fmt, '%') == NULL) { /* a fixed sentence: copied as vsnprintf would (cut, terminated) */
        size_t n = strlen(fmt);
        if (n >= sizeof disc->notes[0])
            n = sizeof disc->notes[0] - 1;
        memcpy(disc->notes[disc->note_count], fmt, n);
        disc->notes[disc->note_count][n] = '\0';
    } else {
        va_start(ap, fmt);
        vsnprintf(disc->notes[disc->note_count], sizeof disc->notes[0], fmt, ap);
        va_end(ap);
    }
    /* the same assumption once is enough */
    for (size_t i = 0; i < disc->note_count; i++)
        if (strcmp(disc->notes[i], disc->notes[disc->note_count]) == 0)
            return;
    disc->note_count++;
}

int tocex_disc_track_index(const tocex_disc *disc, unsigned number)
{
    for (size_t i = 0; i < disc->track_count; i++)
        if (disc->tracks[i].number == number)
            return (int)i;
    return -1;
}

int32_t tocex_disc_track_length(const tocex_disc *disc, size_t index)
{
    const tocex_track *t;
    if (index >= disc->track_count)
        return 0;
    t = &disc->tracks[index];
    if (index + 1 < disc->track_count && disc->tracks[index + 1].session == t->session)
        return disc->tracks[index + 1].start - t->start;
    if (t->session >= 1 && t->session <= disc->session_count &&
        disc->sessions[t->session - 1].leadout != TOCEX_LBA_NONE)
        return disc->sessions[t->session - 1].leadout - t->start;
    return 0;
}

int32_t tocex_disc_leadout(const tocex_disc *disc)
{
    if (disc->session_count == 0)
        return TOCEX_LBA_NONE;
    return disc->sessions[disc->session_count - 1].leadout;
}

uint8_t tocex_disc_first_track(const tocex_disc *disc)
{
    return disc->track_count > 0 ? disc->tracks[0].number : 0;
}

uint8_t tocex_disc_last_track(const tocex_disc *disc)
{
    return disc->track_count > 0 ? disc->tracks[disc->track_count - 1].number : 0;
}

/* After check_sessions: the session's tracks are the run from its first to its last track, and
 * track numbers are contiguous, so the run is found from the numbers. */
static uint8_t derive_disc_type(const tocex_disc *disc, const tocex_session *s)
{
    uint8_t type = 0x00;
    size_t from = (size_t)(s->first_track - disc->tracks[0].number);
    size_t to = (size_t)(s->last_track - disc->tracks[0].number) + 1;
    for (size_t i = from; i < to && i < disc->track_count; i++) {
        const tocex_track *t = &disc->tracks[i];
        if (t->session != s->number)
            continue;
        if (t->mode == TOCEX_MODE_CDI)
            return 0x10;
        if (t->mode == TOCEX_MODE_MODE2 || t->mode == TOCEX_MODE_MODE2_FORM1 ||
            t->mode == TOCEX_MODE_MODE2_FORM2 || t->mode == TOCEX_MODE_MODE2_MIXED)
            type = 0x20;
    }
    return type;
}

static tocex_status check_tracks(const tocex_disc *disc, tocex_error *err)
{
    for (size_t i = 0; i < disc->track_count; i++) {
        const tocex_track *t = &disc->tracks[i];
        /* every rule at once for the usual good track; the checks below name the broken one */
        if (t->number >= 1 && t->number <= 99 && t->start >= -150 && t->adr <= 15 &&
            t->isrc[sizeof t->isrc - 1] == '\0' &&
            (i == 0 || (t->number == disc->tracks[i - 1].number + 1 && t->start > disc->tracks[i - 1].start &&
                        t->session >= disc->tracks[i - 1].session)))
            continue;
        if (t->number < 1 || t->number > 99)
            return tocex_error_set(err, TOCEX_E_INVALID_DISC, "track number %u is outside 1..99", t->number);
        if (i > 0) {
            const tocex_track *p = &disc->tracks[i - 1];
            if (t->number != p->number + 1)
                return tocex_error_set(err, TOCEX_E_INVALID_DISC,
                                       "track %u follows track %u: track numbers must be contiguous",
                                       t->number, p->number);
            if (t->start <= p->start)
                return tocex_error_set(err, TOCEX_E_INVALID_DISC,
                                       "track %u starts at LBA %ld, not after track %u (LBA %ld)", t->number,
                                       (long)t->start, p->number, (long)p->start);
            if (t->session < p->session)
                return tocex_error_set(err, TOCEX_E_INVALID_DISC, "track %u is in session %u, before track %u's %u",
                                       t->number, t->session, p->number, p->session);
        }
        if (t->start < -150)
            return tocex_error_set(err, TOCEX_E_INVALID_DISC, "track %u starts in the lead-in (LBA %ld)",
                                   t->number, (long)t->start);
        if (t->adr > 15)
            return tocex_error_set(err, TOCEX_E_INVALID_DISC, "track %u: ADR %u does not fit 4 bits", t->number,
                                   t->adr);
        if (t->isrc[sizeof t->isrc - 1] != '\0')
            return tocex_error_set(err, TOCEX_E_INVALID_DISC, "track %u: ISRC is not terminated", t->number);
    }
    return TOCEX_OK;
}

/* Runs after check_tracks, so track sessions never decrease: each session's tracks are one run
 * of the list, found by a single walk. */
static tocex_status check_sessions(tocex_disc *disc, tocex_error *err)
{
    size_t k = 0;
    if (disc->session_count > TOCEX_MAX_SESSIONS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "%zu sessions: at most 99", disc->session_count);
    if (disc->track_count == 0 && disc->session_count != 0)
        return tocex_error_set(err, TOCEX_E_INVALID_DISC, "session 1 has no tracks");
    for (size_t i = 0; i < disc->session_count; i++) {
        tocex_session *s = &disc->sessions[i];
        size_t first, last;
        if (s->number != i + 1)
            return tocex_error_set(err, TOCEX_E_INVALID_DISC, "session %u stands where session %zu should be",
                                   s->number, i + 1);
        while (k < disc->track_count && disc->tracks[k].session < s->number)
            k++;
        first = k;
        while (k < disc->track_count && disc->tracks[k].session == s->number)
            k++;
        if (k == first)
            return tocex_error_set(err, TOCEX_E_INVALID_DISC, "session %u has no tracks", s->number);
        last = k - 1;
        s->first_track = disc->tracks[first].number;
        s->last_track = disc->tracks[last].number;
        if (s->leadout == TOCEX_LBA_NONE)
            return tocex_error_set(err, TOCEX_E_INVALID_DISC, "session %u has no lead-out", s->number);
        if (s->leadout <= disc->tracks[last].start)
            return tocex_error_set(err, TOCEX_E_INVALID_DISC,
                                   "session %u: lead-out at LBA %ld is not after track %u (LBA %ld)", s->number,
                                   (long)s->leadout, disc->tracks[last].number, (long)disc->tracks[last].start);
        /* the next session's first track, if it has one, comes right after this run; it must
         * come after this lead-out */
        if (i + 1 < disc->session_count && k < disc->track_count &&
            disc->tracks[k].session == s->number + 1 && disc->tracks[k].start <= s->leadout)
            return tocex_error_set(err, TOCEX_E_INVALID_DISC,
                                   "session %u overlaps session %u: track %u at LBA %ld is not "
                                   "after lead-out LBA %ld",
                                   s->number + 1, s->number, disc->tracks[k].number, (long)disc->tracks[k].start,
                                   (long)s->leadout);
    }
    /* sessions never decrease: only the first and the last track can be out of range, and the
     * first track out of range is the one named */
    if (disc->track_count > 0 && (disc->tracks[0].session < 1 ||
                                  disc->tracks[disc->track_count - 1].session > disc->session_count)) {
        for (size_t t = 0; t < disc->track_count; t++)
            if (disc->tracks[t].session < 1 || disc->tracks[t].session > disc->session_count)
                return tocex_error_set(err, TOCEX_E_INVALID_DISC,
                                       "track %u names session %u, which does not exist", disc->tracks[t].number,
                                       disc->tracks[t].session);
    }
    return TOCEX_OK;
}

static int32_t atip_lba(const uint8_t *p)
{
    tocex_msf msf = {p[0], p[1], p[2]};
    return tocex_msf_to_lba(msf);
}

static void derive_mode5(tocex_disc *disc)
{
    bool multi = disc->session_count > 1 || disc->appendable;
    bool have_atip = disc->atip_len >= 24;
    if (!tocex_media_is_cd(disc->media))
        return;
    for (size_t i = 0; i < disc->session_count; i++) {
        tocex_session *s = &disc->sessions[i];
        bool last = i + 1 == disc->session_count;
        if (!s->b0_given) {
            s->has_b0 = multi && (!last || disc->appendable);
            if (s->has_b0) {
                s->b0_next_program =
                    s->leadout + (i == 0 ? TOCEX_FIRST_SESSION_GAP : TOCEX_LATER_SESSION_GAP);
                if (have_atip) {
                    s->b0_max_leadout = atip_lba(&disc->atip[8]);
                } else {
                    s->b0_max_leadout = TOCEX_DEFAULT_MAX_LEADOUT;
                    tocex_disc_note(disc, "B0 maximum lead-out start assumed 79:59:74 (no ATIP)");
                }
            }
        }
        if (!s->c0_given) {
            s->has_c0 = multi && i == 0;
            if (s->has_c0) {
                if (have_atip) {
                    s->c0_atip[0] = disc->atip[0];
                    s->c0_atip[1] = disc->atip[1];
                    s->c0_atip[2] = disc->atip[2];
                    s->c0_first_leadin = atip_lba(&disc->atip[4]);
                } else {
                    memset(s->c0_atip, 0, sizeof s->c0_atip);
                    s->c0_first_leadin = TOCEX_DEFAULT_FIRST_LEADIN;
                    tocex_disc_note(disc, "C0 first lead-in start assumed 95:00:00 (no ATIP)");
                }
            }
        }
        if (!s->b0_given && s->has_b0)
            s->b0_pointers = (uint8_t)((s->has_b0 ? 1 : 0) + (s->has_c0 ? 1 : 0));
    }
}

tocex_status tocex_disc_finish(tocex_disc *disc, tocex_error *err)
{
    tocex_status st;
    if (disc->media == TOCEX_MEDIA_NONE)
        return TOCEX_OK;
    if (disc->track_count > TOCEX_MAX_TRACKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "%zu tracks: a CD holds at most 99", disc->track_count);
    if (disc->cdtext_packs > TOCEX_MAX_CDTEXT_PACKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "%zu CD-TEXT packs: at most %d", disc->cdtext_packs,
                               TOCEX_MAX_CDTEXT_PACKS);
    if (disc->atip_len != 0 && disc->atip_len != 24 && disc->atip_len != 28)
        return tocex_error_set(err, TOCEX_E_INVALID_DISC, "ATIP of %zu bytes (24 or 28 expected)", disc->atip_len);
    if ((st = check_tracks(disc, err)) != TOCEX_OK)
        return st;
    if ((st = check_sessions(disc, err)) != TOCEX_OK)
        return st;
    for (size_t i = 0; i < disc->session_count; i++)
        if (disc->sessions[i].disc_type == TOCEX_DISC_TYPE_AUTO)
            disc->sessions[i].disc_type = derive_disc_type(disc, &disc->sessions[i]);
    derive_mode5(disc);
    if (!tocex_media_is_cd(disc->media) && disc->capacity == 0 && disc->session_count > 0)
        disc->capacity = tocex_disc_leadout(disc);
    return TOCEX_OK;
}
