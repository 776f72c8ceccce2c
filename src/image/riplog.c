/* Ripper logs as disc sources: the TOC a ripper recorded, as a finished disc.
 *
 * What a log can tell: track numbers, start and end sectors (so the lead-out: last end + 1),
 * sometimes pre-gaps, and for fre:ac which tracks are data. What it cannot: ATIP, PMA, CD-TEXT,
 * MCN/ISRC, session boundaries, track modes and the CONTROL bits of audio tracks. Sessions and
 * data tracks are inferred as CUETools' LogToTocParser does (reference 1.8): a row that starts
 * 152 x 75 = 11400 sectors after the previous row's end + 1 is the first track of session 2, the
 * gap being lead-out 6750 + lead-in 4500 + pre-gap 150 of an Enhanced CD (reference 2.1); later
 * sessions cost 6900 (whipper _getSessionGap). Every such inference is written into the notes.
 */
#include <stdlib.h>
#include <string.h>

#include "image/riplog.h"
#include "tocex/addr.h"
#include "tocex/image.h"
#include "util/file.h"

#define FIRST_SESSION_GAP (152L * 75L) /* 11400: CUETools LogToTocParser, libdiscid XA_INTERVAL */
#define LATER_SESSION_GAP 6900L        /* 2250 + 4500 + 150: whipper _getSessionGap */

/* The rippers whose logs mark data tracks themselves (so no inference is applied). */
static bool marks_data_tracks(riplog_tool tool)
{
    return tool == RIPLOG_TOOL_FREAC;
}

/* The last line of the text: where a search through the whole log gave up (for messages). */
static long last_line(const tocex_text *text)
{
    long n = 1;
    for (size_t i = 0; i + 1 < text->len; i++)
        n += text->utf8[i] == '\n';
    return n;
}

static tocex_status read_rows(riplog *log, const tocex_text *text)
{
    tocex_status st;
    switch (log->tool) {
    case RIPLOG_TOOL_WHIPPER: st = riplog_read_whipper(log, text); break;
    case RIPLOG_TOOL_DBPOWERAMP: st = riplog_read_dbpoweramp(log, text); break;
    case RIPLOG_TOOL_CYANRIP: st = riplog_read_cyanrip(log, text); break;
    default: st = riplog_read_table(log, text); break;
    }
    if (st != TOCEX_E_NOT_PRESENT)
        return st;
    switch (log->tool) {
    case RIPLOG_TOOL_WHIPPER:
    case RIPLOG_TOOL_DBPOWERAMP:
    case RIPLOG_TOOL_CYANRIP:
        /* an EAC-style table under another ripper's banner (edited or merged logs) */
        st = riplog_read_table(log, text);
        break;
    case RIPLOG_TOOL_UNKNOWN:
        /* no banner: a whipper TOC block without its first lines */
        if ((st = riplog_read_whipper(log, text)) == TOCEX_E_NOT_PRESENT)
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, last_line(text),
                                       "not a ripper log: no banner of EAC, XLD, whipper, dBpoweramp, fre:ac or "
                                       "cyanrip and no TOC table found up to the end of the log");
        break;
    default: break;
    }
    if (st != TOCEX_E_NOT_PRESENT)
        return st;
    return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, last_line(text),
                               "no TOC table found up to the end of the log (%s)", riplog_tool_name(log->tool));
}

/* Rows -> checked track list: HTOA folded into track 1, DATA rows numbered, order and gaps checked. */
static tocex_status check_rows(riplog *log, long *htoa_start)
{
    size_t w = 0, read = log->count;
    *htoa_start = -1;
    for (size_t i = 0; i < log->count; i++) {
        riplog_row *r = &log->rows[i];
        if (r->htoa) {
            /* whipper lists the hidden track (INDEX 00 of track 1) as "00"; it is not a track */
            if (w != 0)
                return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r->line,
                                           "hidden track (00) listed after other tracks");
            *htoa_start = r->start;
            continue;
        }
        if (r->data && r->number == 0)
            r->number = w == 0 ? 1u : log->rows[w - 1].number + 1u;
        /* a record repeated word for word (a re-read track logged twice) says nothing new */
        if (w > 0 && log->rows[w - 1].number == r->number && log->rows[w - 1].start == r->start &&
            log->rows[w - 1].end == r->end && log->rows[w - 1].data == r->data)
            continue;
        log->rows[w++] = *r;
    }
    log->count = w;
    if (w == 0)
        return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, read > 0 ? log->rows[read - 1].line : 1,
                                   "no TOC table found in this log (%s: no tracks)", riplog_tool_name(log->tool));
    if (w > TOCEX_MAX_TRACKS)
        return tocex_error_at_line(log->err, TOCEX_E_LIMIT, log->name, log->rows[w - 1].line,
                                   "more than %d tracks in the TOC", TOCEX_MAX_TRACKS);
    for (size_t i = 0; i < w; i++) {
        const riplog_row *r = &log->rows[i], *p = i > 0 ? &log->rows[i - 1] : NULL;
        if (r->number < 1 || r->number > 99)
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r->line, "track number %u outside 1..99",
                                       r->number);
        if (p != NULL && r->number != p->number + 1)
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r->line,
                                       "track %u follows track %u: track numbers must ascend by one%s", r->number,
                                       p->number,
                                       log->tool == RIPLOG_TOOL_DBPOWERAMP || log->tool == RIPLOG_TOOL_CYANRIP
                                           ? " (a partial rip does not record the whole TOC)"
                                           : "");
        if (r->end < r->start)
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r->line,
                                       "track %u ends (sector %ld) before it starts (sector %ld)", r->number, r->end,
                                       r->start);
        if (r->end + 1 > TOCEX_LBA_MAX_MSF)
            return tocex_error_at_line(log->err, TOCEX_E_LIMIT, log->name, r->line,
                                       "track %u ends at sector %ld, beyond 89:59:74, the last address a CD can have",
                                       r->number, r->end);
        if (p != NULL && r->start <= p->end)
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r->line,
                                       "rows not ascending: track %u starts at sector %ld, not after the end of "
                                       "track %u (sector %ld)",
                                       r->number, r->start, p->number, p->end);
    }
    if (*htoa_start >= 0 && *htoa_start > log->rows[0].start)
        *htoa_start = -1;
    return TOCEX_OK;
}

static tocex_status build_disc(riplog *log, tocex_disc *d, long htoa_start)
{
    uint8_t session = 1;
    size_t pregaps = 0, data_inferred = 0, bad_pregaps = 0;
    unsigned first_data = 0;
    tocex_status st;
    const char *tool = riplog_tool_name(log->tool);

    for (size_t i = 0; i < log->count; i++) {
        riplog_row *r = &log->rows[i];
        const riplog_row *p = i > 0 ? &log->rows[i - 1] : NULL;
        bool data = r->data, new_session = false;
        if (p != NULL) {
            long gap = r->start - (p->end + 1);
            if (gap == FIRST_SESSION_GAP && session == 1)
                new_session = true;
            else if (gap == LATER_SESSION_GAP && session > 1)
                new_session = true;
            else if (gap != 0)
                return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r->line,
                                           "track %u starts %ld sectors after track %u ends; a TOC has no holes "
                                           "except a session gap (%ld before session 2, %ld later)",
                                           r->number, gap, p->number, FIRST_SESSION_GAP, LATER_SESSION_GAP);
        }
        if (new_session) {
            if ((st = tocex_disc_set_leadout(d, session, (int32_t)(p->end + 1), log->err)) != TOCEX_OK)
                return st;
            session++;
            /* CUETools' rule: a row after the Enhanced CD gap is the data session's track. Only
             * the last row: earlier rows in later sessions are audio of a multi-session disc. */
            if (!marks_data_tracks(log->tool) && i + 1 == log->count && !data) {
                data = true;
                data_inferred++;
            }
        }
        if (data && first_data == 0)
            first_data = r->number;
        st = tocex_disc_add_track(d, session, (uint8_t)r->number, 1, data ? TOCEX_CONTROL_DATA : 0,
                                  data ? TOCEX_MODE_UNKNOWN : TOCEX_MODE_AUDIO, (int32_t)r->start, log->err);
        if (st != TOCEX_OK)
            return st;
        if (i == 0 && htoa_start >= 0 && r->pregap < 0)
            r->pregap = r->start - htoa_start;
        if (r->pregap >= 0) {
            /* INDEX 00 lies after the previous track's start (or at/after LBA 0 for track 1) */
            long room = p != NULL ? r->start - p->start - 1 : r->start;
            if (new_session)
                room = 150; /* a session's first pre-gap is the 150 frames ending its session gap */
            if (r->pregap <= room) {
                d->tracks[d->track_count - 1].pregap = (int32_t)r->pregap;
                pregaps++;
            } else {
                bad_pregaps++;
            }
        }
    }
    if ((st = tocex_disc_set_leadout(d, session, (int32_t)(log->rows[log->count - 1].end + 1), log->err)) != TOCEX_OK)
        return st;

    d->known |= TOCEX_KNOWN_LEADOUT;
    if (log->cdr >= 0) {
        d->media = log->cdr ? TOCEX_MEDIA_CD_R : TOCEX_MEDIA_CD_ROM;
        d->known |= TOCEX_KNOWN_MEDIA;
    }
    if (pregaps == log->count)
        d->known |= TOCEX_KNOWN_GAPS;

    tocex_disc_note(d, "%s log: only the TOC is recorded (no ATIP, PMA, CD-TEXT, MCN or ISRC); lead-out = last end "
                       "sector + 1",
                    tool);
    tocex_disc_note(d,
                    "CONTROL bits of audio tracks are not logged (pre-emphasis, copy permit, 4 channels): 0 assumed");
    if (data_inferred > 0)
        tocex_disc_note(d,
                        "track %u starts %ld sectors after the previous track's end + 1: taken as the data track "
                        "of an Enhanced CD in session 2 (CUETools' log rule); its mode is not logged",
                        log->rows[log->count - 1].number, FIRST_SESSION_GAP);
    else if (log->mixed_mode)
        tocex_disc_note(d, "track 1 taken as data: the log's CTDB TOCID (line %ld) matches only with it left out of "
                           "the audio tracks (a mixed-mode disc); its mode is not logged",
                        log->ctdb_line);
    else if (first_data != 0 && !log->recovered)
        tocex_disc_note(d, "data track(s) from track %u as the log marks them; their mode is not logged", first_data);
    if (session > 1)
        tocex_disc_note(d, "%u sessions inferred from the session gaps between rows; the log has no session column",
                        session);
    else if (!marks_data_tracks(log->tool) && !log->mixed_mode)
        tocex_disc_note(d, "the log does not mark data tracks: all taken as audio in one session (a data track "
                           "before the audio cannot be told apart)");
    if (pregaps > 0 && pregaps < log->count)
        tocex_disc_note(d, "pre-gaps logged for %zu of %zu tracks; the others assumed none", pregaps, log->count);
    if (bad_pregaps > 0)
        tocex_disc_note(d, "%zu logged pre-gap(s) longer than the space before the track: ignored", bad_pregaps);
    if (log->time_mismatch > 0)
        tocex_disc_note(d, "%u row(s) from line %ld: the Start/Length columns disagree with the sector columns; the "
                           "sectors were used",
                        log->time_mismatch, log->time_mismatch_first);
    if (log->logged_tracks > 0 && (size_t)log->logged_tracks != log->count)
        tocex_disc_note(d, "the log says the disc has %ld tracks but records %zu: tracks it did not rip (data "
                           "tracks?) are missing from this TOC",
                        log->logged_tracks, log->count);
    return tocex_disc_finish(d, log->err);
}

/*
 * A log table cannot show a data track in front of the audio (mixed mode, e.g. game CDs), but
 * EAC's CTDB plugin prints the CTDB TOCID, which covers the audio tracks only (reference 2.5):
 * when it fits the disc with track 1 as data and not as read, track 1 is data.
 */
static tocex_status try_mixed_mode(riplog *log, tocex_disc *d, long htoa_start, size_t early_notes)
{
    tocex_disc *alt;
    tocex_error local;
    tocex_error *saved = log->err;
    if (!log->has_ctdb || log->count < 2 || log->rows[0].data || riplog_ctdb_matches(log, d))
        return TOCEX_OK;
    alt = malloc(sizeof *alt);
    if (alt == NULL)
        return tocex_error_set(log->err, TOCEX_E_NOMEM, "%s: out of memory", log->name);
    tocex_disc_init(alt);
    /* notes written before the disc was built (a recovered track) carry over */
    for (size_t i = 0; i < early_notes && i < d->note_count; i++)
        tocex_disc_note(alt, "%s", d->notes[i]);
    log->rows[0].data = true;
    log->mixed_mode = true;
    log->err = &local;
    if (build_disc(log, alt, htoa_start) == TOCEX_OK && riplog_ctdb_matches(log, alt)) {
        tocex_disc_free(d);
        *d = *alt; /* the owned arrays move with it */
    } else {
        log->rows[0].data = false;
        log->mixed_mode = false;
        tocex_disc_free(alt);
    }
    log->err = saved;
    free(alt);
    return TOCEX_OK;
}

tocex_status tocex_image_parse_riplog(const char *name, const uint8_t *data, size_t len, tocex_disc *out,
                                      tocex_error *err)
{
    riplog *log;
    tocex_text text;
    tocex_status st;
    tocex_error local;
    long htoa_start;
    if (err == NULL)
        err = &local;
    tocex_error_clear(err);
    if (name == NULL)
        name = "(input)";
    if (out == NULL || (data == NULL && len > 0))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "ripper log reader: no input or output");
    tocex_disc_init(out);
    st = riplog_decode(name, data != NULL ? data : (const uint8_t *)"", len, &text, err);
    if (st != TOCEX_OK)
        return st;
    log = calloc(1, sizeof *log);
    if (log == NULL) {
        tocex_text_free(&text);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", name);
    }
    log->name = name;
    log->err = err;
    log->cdr = -1;
    log->logged_tracks = -1;
    log->tool = riplog_detect_tool(&text);
    st = read_rows(log, &text);
    if (st == TOCEX_OK) {
        riplog_read_pregaps(log, &text);
        riplog_read_ids(log, &text);
        riplog_read_media(log, &text);
        st = check_rows(log, &htoa_start);
    }
    if (st == TOCEX_OK)
        riplog_recover_data_track(log, out);
    if (st == TOCEX_OK) {
        size_t early_notes = out->note_count;
        st = build_disc(log, out, htoa_start);
        if (st == TOCEX_OK)
            st = try_mixed_mode(log, out, htoa_start, early_notes);
        if (st == TOCEX_OK)
            riplog_verify_ids(log, out);
        if (st != TOCEX_OK && strncmp(err->message, name, strlen(name)) != 0) {
            /* the disc builder's messages name tracks, not the file */
            char msg[sizeof err->message];
            memcpy(msg, err->message, sizeof msg);
            tocex_error_set(err, st, "%s: %s", name, msg);
        }
    }
    free(log);
    tocex_text_free(&text);
    if (st != TOCEX_OK)
        tocex_disc_free(out);
    return st;
}

tocex_status tocex_image_read_riplog(const char *path, tocex_disc *out, tocex_error *err)
{
    return tocex_file_parse(path, RIPLOG_MAX_FILE, tocex_image_parse_riplog, out, err);
}
