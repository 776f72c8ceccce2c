/* Internal: ripper logs (EAC, XLD, whipper, dBpoweramp, fre:ac, cyanrip) as disc sources.
 *
 * A log records the TOC as the ripper saw it, in one of a few layouts:
 *   - the pipe table "Track | Start | Length | Start sector | End sector" (EAC, XLD, fre:ac,
 *     CUERipper; headings are translated in localized EAC, the structure is not);
 *   - whipper's YAML-like "TOC:" block with per-track "Start sector"/"End sector";
 *   - per-track records: dBpoweramp "Track N:  Ripped LBA S to E" (E exclusive), cyanrip
 *     "Track N ripped ..." blocks with "Pregap LSN / Start LSN / End LSN".
 * Each layout is read into rows (one per track, sectors inclusive); riplog.c turns the rows into
 * a disc. The line scanners read through tocex_span only.
 */
#ifndef TOCEX_IMAGE_RIPLOG_H
#define TOCEX_IMAGE_RIPLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/bytes.h"
#include "tocex/disc.h"
#include "tocex/status.h"
#include "util/text.h"

/* A log is text; the largest real ones are well under 1 MiB. */
#define RIPLOG_MAX_FILE (8u * 1024 * 1024)
/* A TOC row or key line is short; longer lines are never one (and are skipped, not refused). */
#define RIPLOG_MAX_ROW 512
/* Room for 99 tracks plus whipper's HTOA entry plus one row to detect "too many". */
#define RIPLOG_MAX_ROWS (TOCEX_MAX_TRACKS + 2)

typedef enum riplog_tool {
    RIPLOG_TOOL_UNKNOWN = 0, /**< no banner: a bare EAC-style table is still accepted */
    RIPLOG_TOOL_EAC,
    RIPLOG_TOOL_CUERIPPER,
    RIPLOG_TOOL_XLD,
    RIPLOG_TOOL_WHIPPER,
    RIPLOG_TOOL_DBPOWERAMP,
    RIPLOG_TOOL_FREAC,
    RIPLOG_TOOL_CYANRIP,
    RIPLOG_TOOL_COUNT
} riplog_tool;

typedef struct riplog_row {
    long line;      /**< where the row (or record) starts */
    unsigned number; /**< track number as logged; 0 for whipper's HTOA or a fre:ac DATA row */
    bool data;      /**< the log itself marks the track as data (fre:ac "DATA") */
    bool htoa;      /**< whipper's hidden-track-one-audio entry (track 1's INDEX 00 area) */
    long start;     /**< first sector (LBA) */
    long end;       /**< last sector (LBA), inclusive */
    long pregap;    /**< frames of INDEX 00 before start, -1 = not logged */
    bool has_start, has_end;
} riplog_row;

typedef struct riplog {
    const char *name;
    tocex_error *err;
    riplog_tool tool;
    riplog_row rows[RIPLOG_MAX_ROWS];
    size_t count;
    long logged_tracks;  /**< cyanrip "Disc tracks: N" (-1 if absent) */
    int cdr;             /**< whipper "CD-R detected": 1 yes, 0 no, -1 not logged */
    unsigned time_mismatch; /**< rows whose Start/Length columns disagree with the sectors */
    long time_mismatch_first;
    /* Disc IDs the log prints (XLD, dBpoweramp: AccurateRip "id1-id2-cddb"; whipper, fre:ac: CDDB) */
    bool has_ar;
    long ar_tracks;        /**< dBpoweramp's "NNN" (audio tracks), -1 if not given */
    uint32_t ar_id1, ar_id2, ar_cddb;
    long ar_line;
    bool has_cddb;
    uint32_t cddb;
    long cddb_line;
    bool recovered;        /**< the last row was recovered from the AccurateRip ID */
    bool has_ctdb;         /**< EAC's CTDB plugin "[CTDB TOCID: X] found" */
    char ctdb[29];
    long ctdb_line;
    bool mixed_mode;       /**< track 1 taken as data because the CTDB TOCID says so */
    bool has_mb;           /**< whipper "MusicBrainz Disc ID:", cyanrip "DiscID:" */
    char mb[29];
    long mb_line;
} riplog;

/* --- riplog_text.c: decoding and line scanning --- */

/** tocex_text_decode plus UTF-32 without a byte order mark (which it would refuse as NULs). */
tocex_status riplog_decode(const char *name, const uint8_t *data, size_t len, tocex_text *out, tocex_error *err);
/** Skip blanks (space, tab). */
void riplog_skip_ws(tocex_span *s);
/** True if only blanks remain. */
bool riplog_rest_blank(const tocex_span *s);
/** Consume `lit` if the span starts with it (case-sensitive). */
bool riplog_match(tocex_span *s, const char *lit);
/** Advance past the first occurrence of `lit`; false (span unchanged) if absent. */
bool riplog_find(tocex_span *s, const char *lit);
/** Unsigned decimal, 1..9 digits (no sign); false if none or too long. */
bool riplog_get_uint(tocex_span *s, long *out);
/** A time of 2..4 numeric fields separated by ':' or '.', read as frames: M:S.F / MM:SS:FF
 *  (3 fields) or H:MM:SS.FF (4 fields). False if malformed (nothing consumed is promised). */
bool riplog_get_time(tocex_span *s, long *frames);
/** Trim blanks at both ends of a field. */
void riplog_trim(tocex_span *s);

/* --- riplog_formats.c: the layouts, rows out --- */

/** Which ripper wrote the log, from its banner lines. */
riplog_tool riplog_detect_tool(const tocex_text *text);
const char *riplog_tool_name(riplog_tool tool);
/** Pipe table (EAC, XLD, fre:ac, CUERipper, unknown). TOCEX_E_NOT_PRESENT if no table. */
tocex_status riplog_read_table(riplog *log, const tocex_text *text);
/** whipper "TOC:" block. TOCEX_E_NOT_PRESENT if absent. */
tocex_status riplog_read_whipper(riplog *log, const tocex_text *text);
/** dBpoweramp "Ripped LBA" records. TOCEX_E_NOT_PRESENT if none. */
tocex_status riplog_read_dbpoweramp(riplog *log, const tocex_text *text);
/** cyanrip per-track LSN blocks. TOCEX_E_NOT_PRESENT if none. */
tocex_status riplog_read_cyanrip(riplog *log, const tocex_text *text);
/** What the log says of the medium: whipper "CD-R detected:", XLD "Media type : Pressed CD". */
void riplog_read_media(riplog *log, const tocex_text *text);
/** "Pre-gap length" lines of EAC/XLD/whipper track sections, into rows already read. */
void riplog_read_pregaps(riplog *log, const tocex_text *text);

/* --- riplog_ids.c: the disc IDs a log prints, as a check and a source --- */

/** Find the AccurateRip and CDDB disc IDs the log prints (first of each). */
void riplog_read_ids(riplog *log, const tocex_text *text);
/**
 * dBpoweramp and XLD list only the tracks they rip, so an Enhanced CD's data track is missing;
 * their AccurateRip disc ID still covers it (id1 = audio starts + the whole disc's lead-out,
 * CDDB low byte = all tracks). When the CDDB ID counts exactly one track more than the rows, the
 * lead-out is taken from id1, the data track placed 11400 sectors after the audio lead-out, and
 * the result kept only if the CDDB ID and id2 computed from it equal the printed ones.
 */
void riplog_recover_data_track(riplog *log, tocex_disc *notes);
/** True if the finished disc's CTDB TOCID is the one the log prints. */
bool riplog_ctdb_matches(const riplog *log, const tocex_disc *disc);
/** Compare the printed IDs with the ones of the finished disc (notes say agree / disagree). */
void riplog_verify_ids(const riplog *log, tocex_disc *disc);

#endif
