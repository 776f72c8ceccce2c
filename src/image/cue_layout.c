/* Sheet + companion lengths -> disc model (rules in image/cue.h). */
#include <stdio.h>
#include <string.h>

#include "image/cue.h"
#include "tocex/addr.h"

#define MAX_POSITION 0x3FFFFFFF /* far beyond any disc; keeps every sum inside int32 */

typedef struct layout {
    const tocex_cue_sheet *sh;
    tocex_disc *disc;
    tocex_error *err;
    int64_t frames_cache[TOCEX_CUE_MAX_FILES];
    bool frames_done[TOCEX_CUE_MAX_FILES];
} layout;

static const char *sheet_name(const tocex_cue_sheet *sh)
{
    return sh->name != NULL ? sh->name : "(input)";
}

static uint16_t file_sector_size(const tocex_cue_file *f, const tocex_cue_track *t)
{
    /* audio containers hold PCM only: one CD frame = 2352 bytes whatever the track type says */
    if (f->type != TOCEX_CUE_FILE_BINARY && f->type != TOCEX_CUE_FILE_MOTOROLA)
        return 2352;
    return t->sector_size;
}

/* First index (lowest number) of track t that lies in file f, or -1. */
static int first_index_in(const tocex_cue_track *t, size_t f)
{
    for (int i = 0; i <= t->last_index; i++)
        if (t->index[i].set && t->index[i].file == f)
            return i;
    return -1;
}

/* Frames of FILE f: earlier segments from the INDEX positions, the last from the bytes left,
 * each segment in its own track's sector size (a BINARY may mix 2048- and 2352-byte tracks). */
static tocex_status file_frames(layout *L, size_t f, const char *need, unsigned need_track, int64_t *out)
{
    const tocex_cue_sheet *sh = L->sh;
    const tocex_cue_file *cf = &sh->files[f];
    const tocex_cue_track *seg_track = NULL;
    int64_t seg_start = 0, bytes_left, frames;
    uint16_t ss;

    if (L->frames_done[f]) {
        *out = L->frames_cache[f];
        return TOCEX_OK;
    }
    if (cf->data_bytes < 0) {
        char need_buf[64]; /* "what ... (TRACK nn)", formatted only for the message */
        if (need_track != 0) {
            snprintf(need_buf, sizeof need_buf, "%s (TRACK %02u)", need, need_track);
            need = need_buf;
        }
        if (sh->name == NULL || cf->why[0] == '\0' || strstr(cf->why, "in-memory") != NULL)
            return tocex_error_at_line(L->err, TOCEX_E_PARSE, sheet_name(sh), cf->line,
                                       "FILE \"%s\": %s unknown: the in-memory sheet has no companion files",
                                       cf->name, need);
        return tocex_error_at_line(L->err, TOCEX_E_PARSE, sheet_name(sh), cf->line, "FILE \"%s\": %s; %s unknown",
                                   cf->name, cf->why, need);
    }
    bytes_left = cf->data_bytes;
    /* the track whose data runs at the file's start: the first one with an index at frame 0
     * here, else the one before the first track that starts here */
    for (size_t k = 0; k < sh->track_count; k++) {
        int i = first_index_in(&sh->tracks[k], f);
        if (i >= 0) {
            seg_track = (sh->tracks[k].index[i].frames == 0 || k == 0) ? &sh->tracks[k] : &sh->tracks[k - 1];
            break;
        }
    }
    if (seg_track == NULL)
        return tocex_error_at_line(L->err, TOCEX_E_PARSE, sheet_name(sh), cf->line, "FILE \"%s\" holds no INDEX",
                                   cf->name);
    for (size_t k = 0; k < sh->track_count; k++) {
        const tocex_cue_track *t = &sh->tracks[k];
        int i = first_index_in(t, f);
        int64_t start;
        if (i < 0 || t == seg_track)
            continue;
        start = t->index[i].frames;
        if (start < seg_start)
            continue;
        ss = file_sector_size(cf, seg_track);
        if ((start - seg_start) * ss > bytes_left)
            return tocex_error_at_line(L->err, TOCEX_E_PARSE, sheet_name(sh), t->index[i].line,
                                       "FILE \"%s\" holds %lld bytes, too few to reach INDEX %02d of TRACK %02u",
                                       cf->name, cf->data_bytes, i, t->number);
        bytes_left -= (start - seg_start) * ss;
        seg_start = start;
        seg_track = t;
    }
    ss = file_sector_size(cf, seg_track);
    frames = seg_start + bytes_left / ss;
    if (bytes_left % ss != 0)
        tocex_disc_note(L->disc, "FILE \"%s\": %lld trailing bytes are not a whole %u-byte sector; ignored",
                        cf->name, (long long)(bytes_left % ss), ss);
    if (frames > MAX_POSITION)
        return tocex_error_at_line(L->err, TOCEX_E_LIMIT, sheet_name(sh), cf->line,
                                   "FILE \"%s\" is too large for a disc", cf->name);
    /* every INDEX in this file must lie inside it */
    for (size_t k = 0; k < sh->track_count; k++)
        for (int i = 0; i <= sh->tracks[k].last_index; i++) {
            const tocex_cue_index *x = &sh->tracks[k].index[i];
            if (x->set && x->file == f && x->frames >= frames)
                return tocex_error_at_line(L->err, TOCEX_E_PARSE, sheet_name(sh), x->line,
                                           "INDEX %02d of TRACK %02u lies beyond the end of FILE \"%s\" (%lld frames)",
                                           i, sh->tracks[k].number, cf->name, (long long)frames);
        }
    if (cf->why[0] != '\0')
        tocex_disc_note(L->disc, "FILE \"%s\": %s", cf->name, cf->why);
    L->frames_cache[f] = frames;
    L->frames_done[f] = true;
    *out = frames;
    return TOCEX_OK;
}

static int32_t default_gap(uint8_t ended_session, int32_t *lead_out, int32_t *lead_in, int32_t *pregap)
{
    /* Orange Book: lead-out 6750 after the first session, 2250 after later ones; lead-in
     * 4500; first track pre-gap 150 (disc.h TOCEX_FIRST/LATER_SESSION_GAP + 150). */
    *lead_out = ended_session == 1 ? TOCEX_FIRST_SESSION_GAP - 4500 : TOCEX_LATER_SESSION_GAP - 4500;
    *lead_in = 4500;
    *pregap = 150;
    return *lead_out + *lead_in + *pregap;
}

static tocex_status check_pos(layout *L, int64_t pos, long line)
{
    if (pos > MAX_POSITION || pos < -150)
        return tocex_error_at_line(L->err, TOCEX_E_LIMIT, sheet_name(L->sh), line,
                                   "position %lld is outside any disc", (long long)pos);
    return TOCEX_OK;
}

tocex_status tocex_cue_layout(const tocex_cue_sheet *sh, tocex_disc *disc, tocex_error *err)
{
    return tocex_cue_layout_positions(sh, disc, NULL, err);
}

tocex_status tocex_cue_layout_positions(const tocex_cue_sheet *sh, tocex_disc *disc, int32_t (*positions)[100],
                                        tocex_error *err)
{
    layout L;
    int64_t base = 0, frames;
    size_t cur_file = 0;
    tocex_status st;
    bool all_leadouts_given = true;

    memset(&L, 0, sizeof L);
    L.sh = sh;
    L.disc = disc;
    L.err = err;
    tocex_disc_init(disc);
    if (sh->track_count == 0)
        return tocex_error_set(err, TOCEX_E_PARSE, "%s: the sheet has no TRACK", sheet_name(sh));
    cur_file = sh->tracks[0].index[0].set ? sh->tracks[0].index[0].file : sh->tracks[0].index[1].file;

    for (size_t k = 0; k < sh->track_count; k++) {
        const tocex_cue_track *t = &sh->tracks[k];
        int64_t abs[100];
        int first = t->index[0].set ? 0 : 1;
        bool new_session = k > 0 && t->session != sh->tracks[k - 1].session;
        int32_t silence = t->pregap != TOCEX_CUE_NONE ? t->pregap : 0;
        int64_t leadout_prev = 0;
        tocex_track *dt;

        if (t->placeholder && !t->index[1].set)
            return tocex_error_at_line(err, TOCEX_E_UNSUPPORTED, sheet_name(sh), t->line,
                                       "TRACK %02u MODEx/2xxx: EAC did not extract this data track; its start is "
                                       "unknown (no INDEX 01)",
                                       t->number);
        if (new_session) {
            const tocex_cue_session_rem *r = &sh->session_rem[sh->tracks[k - 1].session];
            uint8_t ended = sh->tracks[k - 1].session;
            int32_t lo, li, pg, gap = default_gap(ended, &lo, &li, &pg);
            const tocex_cue_index *x1 = &t->index[1];
            if (t->index[first].file != cur_file) {
                /* redump: sessions in their own FILEs; REM LEAD-OUT/LEAD-IN/PREGAP are lengths */
                if ((st = file_frames(&L, cur_file, "the end of the session", 0, &frames)) != TOCEX_OK)
                    return st;
                leadout_prev = base + frames;
                if (r->lead_out != TOCEX_CUE_NONE || r->lead_in != TOCEX_CUE_NONE || r->pregap != TOCEX_CUE_NONE) {
                    gap = (r->lead_out != TOCEX_CUE_NONE ? r->lead_out : lo) + (r->lead_in != TOCEX_CUE_NONE ? r->lead_in : li) +
                          (r->pregap != TOCEX_CUE_NONE ? r->pregap : pg);
                } else {
                    tocex_disc_note(disc, "session %u starts %d frames after session %u's lead-out (Orange Book "
                                          "default; the sheet gives no gap)",
                                    t->session, gap, ended);
                }
                if (x1->file != t->index[first].file)
                    return tocex_error_at_line(err, TOCEX_E_UNSUPPORTED, sheet_name(sh), x1->line,
                                               "TRACK %02u opens session %u but its INDEX 00 and 01 lie in different "
                                               "FILEs",
                                               t->number, t->session);
                cur_file = x1->file;
                base = leadout_prev + gap - x1->frames;
                silence = 0;
                all_leadouts_given = false;
            } else {
                /* one FILE for the disc: positions are absolute, REM LEAD-OUT is a position */
                if (r->lead_out != TOCEX_CUE_NONE) {
                    leadout_prev = base + r->lead_out;
                } else {
                    leadout_prev = base + silence + x1->frames - gap;
                    all_leadouts_given = false;
                    tocex_disc_note(disc, "session %u's lead-out placed %d frames before track %u (Orange Book "
                                          "default; no REM LEAD-OUT)",
                                    ended, gap, t->number);
                }
            }
            if ((st = check_pos(&L, leadout_prev, t->line)) != TOCEX_OK)
                return st;
            if (leadout_prev <= disc->tracks[disc->track_count - 1].start)
                return tocex_error_at_line(err, TOCEX_E_PARSE, sheet_name(sh),
                                           r->lead_out != TOCEX_CUE_NONE ? r->lead_out_line : t->line,
                                           "session %u's lead-out (LBA %lld) is not after its last track (LBA %ld)",
                                           ended, (long long)leadout_prev,
                                           (long)disc->tracks[disc->track_count - 1].start);
            if ((st = tocex_disc_set_leadout(disc, ended, (int32_t)leadout_prev, err)) != TOCEX_OK)
                return st;
        }

        for (int i = first; i <= t->last_index; i++) {
            const tocex_cue_index *x = &t->index[i];
            if (!x->set)
                continue;
            while (cur_file < x->file) {
                if ((st = file_frames(&L, cur_file, "where the next FILE starts is", 0, &frames)) != TOCEX_OK)
                    return st;
                base += frames;
                cur_file++;
            }
            if (i == first) {
                base += silence; /* PREGAP: silence before the track's first index */
            }
            abs[i] = base + x->frames;
            if ((st = check_pos(&L, abs[i], x->line)) != TOCEX_OK)
                return st;
            if (positions != NULL)
                positions[k][i] = (int32_t)abs[i];
        }
        if (new_session && abs[first] < leadout_prev)
            return tocex_error_at_line(err, TOCEX_E_PARSE, sheet_name(sh), t->index[first].line,
                                       "TRACK %02u opens session %u inside the previous session (its lead-out is at "
                                       "LBA %lld)",
                                       t->number, t->session, (long long)leadout_prev);
        if (k > 0 && abs[1] <= disc->tracks[disc->track_count - 1].start)
            return tocex_error_at_line(err, TOCEX_E_PARSE, sheet_name(sh), t->index[1].line,
                                       "TRACK %02u starts at LBA %lld, not after TRACK %02u", t->number,
                                       (long long)abs[1], sh->tracks[k - 1].number);
        if (t->index[0].set && k > 0 && abs[0] < disc->tracks[disc->track_count - 1].start)
            return tocex_error_at_line(err, TOCEX_E_PARSE, sheet_name(sh), t->index[0].line,
                                       "INDEX 00 of TRACK %02u lies before the start of TRACK %02u", t->number,
                                       sh->tracks[k - 1].number);
        if ((st = tocex_disc_add_track(disc, t->session, t->number, 1, t->control, t->mode, (int32_t)abs[1], err)) !=
            TOCEX_OK)
            return st;
        dt = &disc->tracks[disc->track_count - 1];
        dt->sector_size = t->sector_size;
        dt->pregap = (int32_t)((t->index[0].set ? abs[1] - abs[0] : 0) + silence);
        memcpy(dt->isrc, t->isrc, sizeof dt->isrc);
        if (t->postgap != TOCEX_CUE_NONE)
            base += t->postgap; /* POSTGAP: silence after the track's data */
        if (t->scms)
            tocex_disc_note(disc, "TRACK %02u: FLAGS SCMS is sub-channel copy management, not a TOC bit", t->number);
    }

    /* lead-out of the last session */
    {
        uint8_t last = sh->tracks[sh->track_count - 1].session;
        const tocex_cue_session_rem *r = &sh->session_rem[last];
        int64_t leadout;
        if (r->lead_out != TOCEX_CUE_NONE && sh->file_count == 1) {
            /* single FILE: REM LEAD-OUT is the lead-out's position (CDRWIN/IsoBuster dialect) */
            leadout = base + r->lead_out;
            if (sh->files[cur_file].data_bytes < 0 && sh->files[cur_file].why[0] != '\0')
                tocex_disc_note(disc, "FILE \"%s\": %s; lead-out from REM LEAD-OUT", sh->files[cur_file].name,
                                sh->files[cur_file].why);
            L.err = NULL; /* only a cross-check: a bad FILE size is not an error here */
            if (sh->files[cur_file].data_bytes >= 0 && file_frames(&L, cur_file, "", 0, &frames) == TOCEX_OK &&
                base + frames != leadout)
                tocex_disc_note(disc, "REM LEAD-OUT %lld differs from the end of FILE \"%s\" (%lld); used REM LEAD-OUT",
                                (long long)leadout, sh->files[cur_file].name, (long long)(base + frames));
            L.err = err;
        } else {
            if ((st = file_frames(&L, cur_file, "length of last track", sh->tracks[sh->track_count - 1].number,
                                  &frames)) != TOCEX_OK)
                return st;
            leadout = base + frames;
            all_leadouts_given = false;
        }
        if ((st = check_pos(&L, leadout, sh->tracks[sh->track_count - 1].line)) != TOCEX_OK)
            return st;
        if (leadout <= disc->tracks[disc->track_count - 1].start)
            return tocex_error_at_line(err, TOCEX_E_PARSE, sheet_name(sh), sh->tracks[sh->track_count - 1].line,
                                       "TRACK %02u has no sectors: the lead-out is at LBA %lld",
                                       sh->tracks[sh->track_count - 1].number, (long long)leadout);
        if ((st = tocex_disc_set_leadout(disc, last, (int32_t)leadout, err)) != TOCEX_OK)
            return st;
    }

    /* what a cue sheet records and what it cannot */
    disc->media = sh->media;
    memcpy(disc->mcn, sh->mcn, sizeof disc->mcn);
    disc->known |= TOCEX_KNOWN_GAPS | TOCEX_KNOWN_MODES | TOCEX_KNOWN_MCN | TOCEX_KNOWN_ISRC;
    if (sh->sessions_given)
        disc->known |= TOCEX_KNOWN_SESSIONS;
    else
        tocex_disc_note(disc, "one session assumed (the sheet has no REM SESSION)");
    if (all_leadouts_given)
        disc->known |= TOCEX_KNOWN_LEADOUT;
    if (sh->media_given)
        disc->known |= TOCEX_KNOWN_MEDIA;
    else
        tocex_disc_note(disc, "media assumed CD-ROM (the sheet has no REM ORIGINAL MEDIA-TYPE)");
    if (sh->mcn_zero)
        tocex_disc_note(disc, "CATALOG 0000000000000 read as no MCN (what EAC writes when the disc has none)");
    if (sh->isrc_zero)
        tocex_disc_note(disc, "ISRC 000000000000 read as no ISRC (what EAC writes when a track has none)");
    tocex_disc_note(disc, "a cue sheet records no ATIP and no PMA");
    return TOCEX_OK;
}
