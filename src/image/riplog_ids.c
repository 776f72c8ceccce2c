/* Ripper logs: the disc IDs they print, used to check the TOC read and to recover the data
 * track of an Enhanced CD that dBpoweramp and XLD leave out of their track lists.
 *
 * Formats printed: dBpoweramp per track "[DiscID: 008-000adae1-00473706-5407c408-1]" (audio
 * track count, AccurateRip id1, id2, CDDB ID, track); XLD "AccurateRip Summary (DiscID:
 * 000adae1-00473706-5407c408)"; whipper "CDDB Disc ID: 5407c408"; fre:ac "CDDB disc ID:  8d0ea00a".
 * The algorithms are those of reference 2.3 (standard CDDB1 over all tracks and the real lead-out)
 * and 2.4 (AccurateRip over audio tracks with the whole disc's lead-out).
 */
#include <string.h>

#include "image/riplog.h"
#include "tocex/addr.h"
#include "tocex/discid.h"

static bool get_hex8(tocex_span *s, uint32_t *out)
{
    uint32_t v = 0;
    uint8_t c;
    for (int i = 0; i < 8; i++) {
        unsigned d;
        if (!tocex_span_get_u8(s, &c))
            return false;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return false;
        v = v << 4 | d;
    }
    *out = v;
    return true;
}

/* 28 characters of MusicBrainz Base64 (A-Z a-z 0-9 . _ -), then `after` */
static bool get_mb_id_until(tocex_span *s, char out[29], const char *after)
{
    uint8_t c;
    for (int i = 0; i < 28; i++) {
        if (!tocex_span_get_u8(s, &c))
            return false;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-'))
            return false;
        out[i] = (char)c;
    }
    out[28] = '\0';
    return after != NULL ? riplog_match(s, after) : riplog_rest_blank(s);
}

static bool get_mb_id(tocex_span *s, char out[29])
{
    return get_mb_id_until(s, out, NULL);
}

/* "id1-id2-cddb" */
static bool get_ar_triple(tocex_span *s, uint32_t *id1, uint32_t *id2, uint32_t *cddb)
{
    return get_hex8(s, id1) && riplog_match(s, "-") && get_hex8(s, id2) && riplog_match(s, "-") && get_hex8(s, cddb);
}

void riplog_read_ids(riplog *log, const tocex_text *text)
{
    tocex_lines r;
    const char *p;
    size_t n;
    tocex_lines_init(&r, log->name, text, SIZE_MAX);
    while (tocex_lines_next(&r, &p, &n, NULL) == 1 && !(log->has_ar && log->has_cddb && log->has_mb && log->has_ctdb)) {
        tocex_span line, t;
        if (n > RIPLOG_MAX_ROW)
            continue;
        tocex_span_init(&line, p, n);
        t = line;
        if (!log->has_ctdb && riplog_find(&t, "[CTDB TOCID: ")) {
            if (get_mb_id_until(&t, log->ctdb, "]")) {
                log->has_ctdb = true;
                log->ctdb_line = r.line;
            }
            continue;
        }
        t = line;
        riplog_skip_ws(&t);
        /* whipper "  MusicBrainz Disc ID: X", cyanrip "DiscID: X" (both at a line's start) */
        if (!log->has_mb && (riplog_match(&t, "MusicBrainz Disc ID:") ||
                             (log->tool == RIPLOG_TOOL_CYANRIP && riplog_match(&t, "DiscID:")))) {
            riplog_skip_ws(&t);
            if (get_mb_id(&t, log->mb)) {
                log->has_mb = true;
                log->mb_line = r.line;
            }
            continue;
        }
        t = line;
        if (!log->has_ar && riplog_find(&t, "DiscID: ")) {
            tocex_span u = t;
            long count = -1;
            /* dBpoweramp puts the audio track count first ("012-") */
            if (riplog_get_uint(&u, &count) && riplog_match(&u, "-") && tocex_span_left(&u) >= 26)
                t = u;
            else
                count = -1;
            if (get_ar_triple(&t, &log->ar_id1, &log->ar_id2, &log->ar_cddb)) {
                log->has_ar = true;
                log->ar_tracks = count;
                log->ar_line = r.line;
            }
            continue;
        }
        t = line;
        if (!log->has_cddb && (riplog_find(&t, "CDDB Disc ID:") || riplog_find(&t, "CDDB disc ID:"))) {
            riplog_skip_ws(&t);
            if (get_hex8(&t, &log->cddb) && riplog_rest_blank(&t)) {
                log->has_cddb = true;
                log->cddb_line = r.line;
            }
        }
    }
}

void riplog_recover_data_track(riplog *log, tocex_disc *notes)
{
    int32_t lbas[TOCEX_MAX_TRACKS + 1];
    uint32_t sum = 0, id1, id2, leadout, cddb;
    long data_start;
    const riplog_row *last;
    size_t count = log->count;
    if (!log->has_ar || count == 0 || count >= TOCEX_MAX_TRACKS || (log->ar_cddb & 0xFFu) == count)
        return;
    if ((log->ar_cddb & 0xFFu) != count + 1) {
        tocex_disc_note(notes, "the log's CDDB ID counts %u tracks but %zu are listed (a partial rip?): the TOC "
                               "is incomplete",
                        (unsigned)(log->ar_cddb & 0xFFu), count);
        return;
    }
    if (log->ar_tracks >= 0 && (size_t)log->ar_tracks != count)
        return; /* dBpoweramp's count is of audio tracks: it must be the rows we have */
    for (size_t i = 0; i < count; i++) {
        if (log->rows[i].data)
            return;
        lbas[i] = (int32_t)log->rows[i].start;
        sum += (uint32_t)log->rows[i].start;
    }
    last = &log->rows[count - 1];
    leadout = log->ar_id1 - sum; /* id1 = sum of audio starts + lead-out, modulo 2^32 */
    data_start = last->end + 1 + 152L * 75L;
    if (leadout > (uint32_t)TOCEX_LBA_MAX_MSF || (long)leadout <= data_start) {
        tocex_disc_note(notes, "the log's CDDB ID counts %u tracks but %zu are listed; the missing one could not be "
                               "placed from the AccurateRip ID",
                        (unsigned)(log->ar_cddb & 0xFFu), count);
        return;
    }
    tocex_discid_accuraterip_values(lbas, count, (int32_t)leadout, &id1, &id2);
    lbas[count] = (int32_t)data_start;
    cddb = tocex_discid_freedb_value(lbas, count + 1, (int32_t)leadout);
    if (id1 != log->ar_id1 || id2 != log->ar_id2 || cddb != log->ar_cddb) {
        tocex_disc_note(notes, "the log's CDDB ID counts %u tracks but %zu are listed; an Enhanced CD data track "
                               "does not fit its AccurateRip ID (line %ld): not added",
                        (unsigned)(log->ar_cddb & 0xFFu), count, log->ar_line);
        return;
    }
    memset(&log->rows[count], 0, sizeof log->rows[count]);
    log->rows[count].line = log->ar_line;
    log->rows[count].number = last->number + 1;
    log->rows[count].data = true;
    log->rows[count].start = data_start;
    log->rows[count].end = (long)leadout - 1;
    log->rows[count].has_start = log->rows[count].has_end = true;
    log->rows[count].pregap = -1;
    log->count = count + 1;
    log->recovered = true;
    tocex_disc_note(notes, "data track %u is not listed: recovered from the AccurateRip ID %08x-%08x-%08x (line %ld): "
                           "lead-out from id1, start 11400 after the audio lead-out; id2 and CDDB ID agree",
                    last->number + 1, log->ar_id1, log->ar_id2, log->ar_cddb, log->ar_line);
}

bool riplog_ctdb_matches(const riplog *log, const tocex_disc *disc)
{
    tocex_discid ids;
    return log->has_ctdb && tocex_discid_compute(disc, &ids, NULL) == TOCEX_OK && ids.has_ctdb &&
           strcmp(ids.ctdb, log->ctdb) == 0;
}

void riplog_verify_ids(const riplog *log, tocex_disc *disc)
{
    int32_t all[TOCEX_MAX_TRACKS], audio[TOCEX_MAX_TRACKS];
    size_t n_all = 0, n_audio = 0;
    int32_t leadout = tocex_disc_leadout(disc);
    for (size_t i = 0; i < disc->track_count && i < TOCEX_MAX_TRACKS; i++) {
        all[n_all++] = disc->tracks[i].start;
        if ((disc->tracks[i].control & TOCEX_CONTROL_DATA) == 0)
            audio[n_audio++] = disc->tracks[i].start;
    }
    if (log->has_ar && !log->recovered && n_audio > 0) {
        uint32_t id1, id2, cddb = tocex_discid_freedb_value(all, n_all, leadout);
        tocex_discid_accuraterip_values(audio, n_audio, leadout, &id1, &id2);
        if (id1 == log->ar_id1 && id2 == log->ar_id2 && cddb == log->ar_cddb)
            tocex_disc_note(disc, "the TOC gives the AccurateRip ID the log prints (line %ld)", log->ar_line);
        else
            tocex_disc_note(disc, "the log's AccurateRip ID %08x-%08x-%08x (line %ld) differs from this TOC's "
                                  "%08x-%08x-%08x",
                            log->ar_id1, log->ar_id2, log->ar_cddb, log->ar_line, id1, id2, cddb);
    }
    if (log->has_ctdb && !log->mixed_mode) {
        tocex_discid ids;
        if (tocex_discid_compute(disc, &ids, NULL) == TOCEX_OK && ids.has_ctdb) {
            if (strcmp(ids.ctdb, log->ctdb) == 0)
                tocex_disc_note(disc, "the TOC gives the CTDB TOCID the log prints (line %ld)", log->ctdb_line);
            else
                tocex_disc_note(disc, "the log's CTDB TOCID %s (line %ld) differs from this TOC's %s", log->ctdb,
                                log->ctdb_line, ids.ctdb);
        }
    }
    if (log->has_mb) {
        tocex_discid ids;
        if (tocex_discid_compute(disc, &ids, NULL) == TOCEX_OK && ids.has_musicbrainz) {
            if (strcmp(ids.musicbrainz, log->mb) == 0)
                tocex_disc_note(disc, "the TOC gives the MusicBrainz disc ID the log prints (line %ld)", log->mb_line);
            else
                tocex_disc_note(disc, "the log's MusicBrainz disc ID %s (line %ld) differs from this TOC's %s", log->mb,
                                log->mb_line, ids.musicbrainz);
        }
    }
    if (log->has_cddb && n_all > 0) {
        uint32_t cddb = tocex_discid_freedb_value(all, n_all, leadout);
        if (cddb == log->cddb)
            tocex_disc_note(disc, "the TOC gives the CDDB ID the log prints (line %ld)", log->cddb_line);
        else
            tocex_disc_note(disc, "the log's CDDB ID %08x (line %ld) differs from this TOC's %08x", log->cddb,
                            log->cddb_line, cddb);
    }
}
