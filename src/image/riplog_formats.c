/* Ripper logs: the TOC layouts of each ripper, read into rows.
 *
 * Layouts (from the rippers' own logs and writers; see reference/tools-formats-discids.md 1.6-1.8):
 *   EAC        "TOC of the extracted CD", header "Track |   Start  |  Length  | Start sector | End sector",
 *              a dash rule, rows "    1  |  0:00.00 |  5:32.14 |         0    |    24913" (M:SS.FF).
 *   XLD        the same table with MM:SS:FF times.
 *   fre:ac     "Disc TOC:" with the same five columns, every line prefixed by a "hh:mm:ss.fff"
 *              timestamp; data tracks are rows whose first column is "DATA" with empty times.
 *   CUERipper  re-emits EAC's table (CUETools CUESheetLogWriter).
 *   whipper    "TOC:" then per track "  NN:" with "Start sector:" / "End sector:"; HTOA is "  00:".
 *   dBpoweramp "Track N:  Ripped LBA S to E (m:ss) ..." where E is the first sector after the track.
 *   cyanrip    "Track N ripped ..." blocks with "Pregap LSN:", "Start LSN:", "End LSN:".
 * Localized EAC translates the headings but keeps the table's structure, so the table is found by
 * its shape (five '|'-separated columns, numbers where sectors belong), not by its words.
 */
#include <stdint.h>
#include <string.h>

#include "image/riplog.h"

static const char *const tool_names[RIPLOG_TOOL_COUNT] = {
    [RIPLOG_TOOL_UNKNOWN] = "unknown ripper",  [RIPLOG_TOOL_EAC] = "EAC",
    [RIPLOG_TOOL_CUERIPPER] = "CUERipper",  [RIPLOG_TOOL_XLD] = "XLD",
    [RIPLOG_TOOL_WHIPPER] = "whipper",      [RIPLOG_TOOL_DBPOWERAMP] = "dBpoweramp",
    [RIPLOG_TOOL_FREAC] = "fre:ac",         [RIPLOG_TOOL_CYANRIP] = "cyanrip",
};

const char *riplog_tool_name(riplog_tool tool)
{
    if ((unsigned)tool < RIPLOG_TOOL_COUNT)
        return tool_names[tool];
    return "unknown ripper";
}

/* Lines of decoded text; no length limit here (a multi-megabyte line is skipped, not refused). */
static void lines_begin(tocex_lines *r, const riplog *log, const tocex_text *text)
{
    tocex_lines_init(r, log->name, text, SIZE_MAX);
}

static bool lines_next(tocex_lines *r, tocex_span *line)
{
    const char *p;
    size_t n;
    if (tocex_lines_next(r, &p, &n, NULL) != 1)
        return false;
    tocex_span_init(line, p, n);
    return true;
}

/* True if the span contains `lit` anywhere. */
static bool contains(const tocex_span *s, const char *lit)
{
    tocex_span t = *s;
    return riplog_find(&t, lit);
}

riplog_tool riplog_detect_tool(const tocex_text *text)
{
    static const struct {
        const char *banner;
        riplog_tool tool;
        bool at_start; /* must open the line */
    } banners[] = {
        {"Exact Audio Copy", RIPLOG_TOOL_EAC, true},
        {"EAC extraction logfile", RIPLOG_TOOL_EAC, true},
        {"CUERipper", RIPLOG_TOOL_CUERIPPER, true},
        {"X Lossless Decoder", RIPLOG_TOOL_XLD, true},
        {"XLD extraction logfile", RIPLOG_TOOL_XLD, true},
        {"Log created by: whipper", RIPLOG_TOOL_WHIPPER, true},
        {"dBpoweramp", RIPLOG_TOOL_DBPOWERAMP, true},
        {"fre:ac", RIPLOG_TOOL_FREAC, false}, /* "Client:  fre:ac - free audio converter" */
        {"cyanrip ", RIPLOG_TOOL_CYANRIP, true},
    };
    tocex_lines r;
    tocex_span line;
    riplog log_for_name = {.name = "(log)"};
    unsigned n = 0;
    lines_begin(&r, &log_for_name, text);
    /* Banners sit in the first lines; 40 is generous for every ripper above. */
    while (n++ < 40 && lines_next(&r, &line)) {
        if (tocex_span_left(&line) > RIPLOG_MAX_ROW)
            continue;
        riplog_skip_ws(&line);
        for (size_t i = 0; i < sizeof banners / sizeof banners[0]; i++) {
            tocex_span t = line;
            if (banners[i].at_start ? riplog_match(&t, banners[i].banner) : contains(&t, banners[i].banner))
                return banners[i].tool;
        }
    }
    return RIPLOG_TOOL_UNKNOWN;
}

/* fre:ac prefixes every line with "hh:mm:ss.fff " (time since the conversion started). */
static void skip_timestamp(tocex_span *line)
{
    static const char shape[] = "dd:dd:dd.ddd";
    uint8_t c;
    for (size_t i = 0; i < sizeof shape - 1; i++) {
        if (!tocex_span_peek_u8(line, i, &c))
            return;
        if (shape[i] == 'd' ? (c < '0' || c > '9') : c != (uint8_t)shape[i])
            return;
    }
    tocex_span_skip(line, sizeof shape - 1);
}

typedef enum row_kind { ROW_NONE, ROW_RULE, ROW_HEADER, ROW_OK, ROW_BAD } row_kind;

static bool is_number_field(tocex_span f, long *v)
{
    riplog_trim(&f);
    return riplog_get_uint(&f, v) && tocex_span_left(&f) == 0;
}

static bool is_word_field(tocex_span f, const char *word)
{
    riplog_trim(&f);
    return riplog_match(&f, word) && tocex_span_left(&f) == 0;
}

static bool is_blank_field(tocex_span f)
{
    return riplog_rest_blank(&f);
}

static bool time_field(tocex_span f, long *frames)
{
    riplog_trim(&f);
    return riplog_get_time(&f, frames) && tocex_span_left(&f) == 0;
}

/* A line made of dashes (the table's rule). */
static bool is_rule(tocex_span line)
{
    uint8_t c;
    unsigned dashes = 0;
    while (tocex_span_get_u8(&line, &c)) {
        if (c == '-' || c == '=')
            dashes++;
        else if (c != ' ' && c != '\t')
            return false;
    }
    return dashes >= 3;
}

/* Split at '|' into at most 6 fields (the count returned may be larger). */
static size_t split_pipes(tocex_span line, tocex_span f[6])
{
    tocex_span begin = line;
    size_t nf = 0, flen = 0;
    uint8_t c;
    while (tocex_span_get_u8(&line, &c)) {
        if (c != '|') {
            flen++;
            continue;
        }
        if (nf < 6)
            tocex_span_get_span(&begin, &f[nf], flen);
        else
            tocex_span_skip(&begin, flen);
        tocex_span_skip(&begin, 1);
        nf++;
        flen = 0;
    }
    if (nf < 6)
        tocex_span_get_span(&begin, &f[nf], flen);
    return nf + 1;
}

/*
 * One line of a pipe table. `why` gets the reason for ROW_BAD. `start_time`/`length_time` are -1
 * when the columns are empty (fre:ac DATA rows).
 */
static row_kind classify_row(tocex_span line, riplog_row *row, long *start_time, long *length_time,
                             const char **why)
{
    tocex_span f[6];
    size_t nf;
    long num;
    if (tocex_span_left(&line) > RIPLOG_MAX_ROW)
        return ROW_NONE;
    skip_timestamp(&line);
    nf = split_pipes(line, f);
    if (nf == 1)
        return is_rule(line) ? ROW_RULE : ROW_NONE;
    memset(row, 0, sizeof *row);
    row->pregap = -1;
    *start_time = *length_time = -1;
    if (nf != 5) {
        if (is_number_field(f[0], &num)) {
            *why = "a TOC row needs 5 columns (track | start | length | start sector | end sector)";
            return ROW_BAD;
        }
        return ROW_NONE;
    }
    if (is_number_field(f[0], &num)) {
        if (num < 0 || num > 99) {
            *why = "track number outside 0..99";
            return ROW_BAD;
        }
        row->number = (unsigned)num;
    } else if (is_word_field(f[0], "DATA")) {
        row->data = true; /* fre:ac: a data track, numbered by its place */
    } else {
        long sector;
        /* sector columns that are numbers make this a row whose track column is damaged: ending
         * the table here would silently drop the tracks that follow */
        if (!is_blank_field(f[0]) && is_number_field(f[3], &sector) && is_number_field(f[4], &sector)) {
            *why = "the track column is not a number";
            return ROW_BAD;
        }
        return is_blank_field(f[0]) ? ROW_NONE : ROW_HEADER;
    }
    if (!is_number_field(f[3], &row->start)) {
        *why = "the start sector column is not a number";
        return ROW_BAD;
    }
    if (!is_number_field(f[4], &row->end)) {
        *why = "the end sector column is not a number";
        return ROW_BAD;
    }
    row->has_start = row->has_end = true;
    if (row->data && is_blank_field(f[1]) && is_blank_field(f[2]))
        return ROW_OK;
    if (!time_field(f[1], start_time) || !time_field(f[2], length_time)) {
        *why = "the start/length columns are not times (M:SS.FF or MM:SS:FF)";
        return ROW_BAD;
    }
    return ROW_OK;
}

static tocex_status add_row(riplog *log, const riplog_row *row)
{
    if (log->count >= RIPLOG_MAX_ROWS)
        return tocex_error_at_line(log->err, TOCEX_E_LIMIT, log->name, row->line,
                                   "more than %d tracks in the TOC", TOCEX_MAX_TRACKS);
    log->rows[log->count++] = *row;
    return TOCEX_OK;
}

tocex_status riplog_read_table(riplog *log, const tocex_text *text)
{
    enum { SEARCH, HEADER, TABLE } state = SEARCH;
    tocex_lines r;
    tocex_span line;
    riplog_row row;
    long st_time, len_time;
    const char *why = "";
    tocex_status st;
    lines_begin(&r, log, text);
    while (lines_next(&r, &line)) {
        row_kind k = classify_row(line, &row, &st_time, &len_time, &why);
        row.line = r.line;
        if (state == SEARCH) {
            if (k == ROW_HEADER)
                state = HEADER;
            continue;
        }
        if (state == HEADER) {
            if (k == ROW_RULE)
                continue;
            if (k != ROW_OK && k != ROW_BAD) {
                state = k == ROW_HEADER ? HEADER : SEARCH;
                continue;
            }
            state = TABLE;
        }
        /* in the table (its first row included) */
        if (k == ROW_BAD)
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r.line, "malformed TOC row: %s", why);
        if (k != ROW_OK)
            return TOCEX_OK; /* the first other line ends the table */
        if (st_time >= 0 && (st_time != row.start || len_time != row.end - row.start + 1)) {
            if (log->time_mismatch++ == 0)
                log->time_mismatch_first = r.line;
        }
        if ((st = add_row(log, &row)) != TOCEX_OK)
            return st;
    }
    if (state == TABLE)
        return tocex_error_at_line(log->err, TOCEX_E_TRUNCATED, log->name, r.line,
                                   "the log ends inside the TOC table (truncated file?)");
    return TOCEX_E_NOT_PRESENT;
}

/* "Key: value" with the key at the current position (after indentation). */
static bool key_number(tocex_span line, const char *key, long *v)
{
    riplog_skip_ws(&line);
    if (!riplog_match(&line, key))
        return false;
    riplog_skip_ws(&line);
    if (!riplog_get_uint(&line, v))
        return false;
    return riplog_rest_blank(&line);
}

/* whipper's "  NN:" entry line (indented, digits, colon, nothing else). */
static bool whipper_entry(tocex_span line, long *number)
{
    uint8_t c;
    if (!tocex_span_peek_u8(&line, 0, &c) || (c != ' ' && c != '\t'))
        return false;
    riplog_skip_ws(&line);
    if (!riplog_get_uint(&line, number) || !riplog_match(&line, ":"))
        return false;
    return riplog_rest_blank(&line);
}

static bool at_column0(const tocex_span *line)
{
    uint8_t c;
    return tocex_span_peek_u8(line, 0, &c) && c != ' ' && c != '\t';
}

static tocex_status finish_record(riplog *log, riplog_row *cur, bool *open, const char *what)
{
    tocex_status st;
    if (!*open)
        return TOCEX_OK;
    *open = false;
    if (!cur->has_start && !cur->has_end)
        return TOCEX_OK; /* a mention of the track without a TOC record */
    if (!cur->has_start || !cur->has_end)
        return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, cur->line, "track %u: %s", cur->number, what);
    if ((st = add_row(log, cur)) != TOCEX_OK)
        return st;
    return TOCEX_OK;
}

tocex_status riplog_read_whipper(riplog *log, const tocex_text *text)
{
    tocex_lines r;
    tocex_span line;
    riplog_row cur;
    bool in_toc = false, found = false, open = false;
    long v;
    tocex_status st;
    lines_begin(&r, log, text);
    while (lines_next(&r, &line)) {
        if (tocex_span_left(&line) > RIPLOG_MAX_ROW)
            continue;
        if (!in_toc) {
            tocex_span t = line;
            if (riplog_match(&t, "TOC:") && riplog_rest_blank(&t)) {
                in_toc = found = true;
            }
            continue;
        }
        if (riplog_rest_blank(&line))
            continue;
        if (at_column0(&line))
            break; /* the next top-level key ("Tracks:") ends the block */
        if (whipper_entry(line, &v)) {
            if ((st = finish_record(log, &cur, &open, "the TOC entry lacks \"Start sector\" or \"End sector\"")) !=
                TOCEX_OK)
                return st;
            memset(&cur, 0, sizeof cur);
            if (v > 99)
                return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r.line, "track number %ld outside 0..99",
                                           v);
            cur.line = r.line;
            cur.number = (unsigned)v;
            cur.htoa = v == 0;
            cur.pregap = -1;
            open = true;
            continue;
        }
        if (!open)
            continue;
        if (key_number(line, "Start sector:", &v)) {
            cur.start = v;
            cur.has_start = true;
        } else if (key_number(line, "End sector:", &v)) {
            cur.end = v;
            cur.has_end = true;
        }
    }
    if ((st = finish_record(log, &cur, &open, "the TOC entry lacks \"Start sector\" or \"End sector\"")) != TOCEX_OK)
        return st;
    if (!found || log->count == 0)
        return TOCEX_E_NOT_PRESENT;
    return TOCEX_OK;
}

tocex_status riplog_read_dbpoweramp(riplog *log, const tocex_text *text)
{
    tocex_lines r;
    tocex_span line;
    riplog_row row;
    long num, s, e;
    tocex_status st;
    lines_begin(&r, log, text);
    while (lines_next(&r, &line)) {
        tocex_span t = line;
        if (tocex_span_left(&line) > RIPLOG_MAX_ROW)
            continue;
        if (!riplog_match(&t, "Track "))
            continue;
        riplog_skip_ws(&t);
        if (!riplog_get_uint(&t, &num) || !riplog_match(&t, ":"))
            continue;
        riplog_skip_ws(&t);
        if (!riplog_match(&t, "Ripped LBA "))
            continue;
        riplog_skip_ws(&t);
        if (!riplog_get_uint(&t, &s))
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r.line,
                                       "\"Ripped LBA\" without a start sector");
        riplog_skip_ws(&t);
        if (!riplog_match(&t, "to"))
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r.line, "\"Ripped LBA %ld\" without \"to\"",
                                       s);
        riplog_skip_ws(&t);
        if (!riplog_get_uint(&t, &e))
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r.line,
                                       "\"Ripped LBA %ld to\" without an end sector", s);
        if (num > 99)
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r.line, "track number %ld outside 1..99",
                                       num);
        if (e <= s)
            return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r.line,
                                       "track %ld: ripped range %ld to %ld is empty or reversed", num, s, e);
        memset(&row, 0, sizeof row);
        row.line = r.line;
        row.number = (unsigned)num;
        row.start = s;
        row.end = e - 1; /* dBpoweramp's "to" is the first sector after the track */
        row.has_start = row.has_end = true;
        row.pregap = -1;
        if ((st = add_row(log, &row)) != TOCEX_OK)
            return st;
    }
    return log->count > 0 ? TOCEX_OK : TOCEX_E_NOT_PRESENT;
}

tocex_status riplog_read_cyanrip(riplog *log, const tocex_text *text)
{
    tocex_lines r;
    tocex_span line;
    riplog_row cur;
    bool open = false;
    long v, pregap_lsn = -1;
    tocex_status st;
    const char *what = "the track block lacks \"Start LSN\" or \"End LSN\"";
    memset(&cur, 0, sizeof cur);
    lines_begin(&r, log, text);
    while (lines_next(&r, &line)) {
        tocex_span t = line;
        if (tocex_span_left(&line) > RIPLOG_MAX_ROW)
            continue;
        if (riplog_match(&t, "Disc tracks:")) {
            riplog_skip_ws(&t);
            if (riplog_get_uint(&t, &v))
                log->logged_tracks = v;
            continue;
        }
        t = line;
        if (riplog_match(&t, "Track ") && riplog_get_uint(&t, &v) &&
            (riplog_match(&t, " ") || tocex_span_left(&t) == 0)) {
            if (open && cur.has_start && pregap_lsn >= 0 && pregap_lsn <= cur.start)
                cur.pregap = cur.start - pregap_lsn;
            if ((st = finish_record(log, &cur, &open, what)) != TOCEX_OK)
                return st;
            if (v > 99)
                return tocex_error_at_line(log->err, TOCEX_E_PARSE, log->name, r.line, "track number %ld outside 1..99",
                                           v);
            memset(&cur, 0, sizeof cur);
            cur.line = r.line;
            cur.number = (unsigned)v;
            cur.pregap = -1;
            pregap_lsn = -1;
            open = true;
            continue;
        }
        if (!open)
            continue;
        if (key_number(line, "Start LSN:", &v)) {
            cur.start = v;
            cur.has_start = true;
        } else if (key_number(line, "End LSN:", &v)) {
            cur.end = v;
            cur.has_end = true;
        } else if (key_number(line, "Pregap LSN:", &v)) {
            pregap_lsn = v;
        }
    }
    if (open && cur.has_start && pregap_lsn >= 0 && pregap_lsn <= cur.start)
        cur.pregap = cur.start - pregap_lsn;
    if ((st = finish_record(log, &cur, &open, what)) != TOCEX_OK)
        return st;
    return log->count > 0 ? TOCEX_OK : TOCEX_E_NOT_PRESENT;
}

static riplog_row *row_by_number(riplog *log, long number)
{
    for (size_t i = 0; i < log->count; i++)
        if (!log->rows[i].htoa && !log->rows[i].data && (long)log->rows[i].number == number)
            return &log->rows[i];
    return NULL;
}

void riplog_read_pregaps(riplog *log, const tocex_text *text)
{
    tocex_lines r;
    tocex_span line;
    long current = -1, v, frames;
    bool whipper = log->tool == RIPLOG_TOOL_WHIPPER, in_tracks = false;
    if (log->tool != RIPLOG_TOOL_EAC && log->tool != RIPLOG_TOOL_XLD && !whipper)
        return;
    lines_begin(&r, log, text);
    while (lines_next(&r, &line)) {
        tocex_span t = line;
        riplog_row *row;
        if (tocex_span_left(&line) > RIPLOG_MAX_ROW)
            continue;
        if (whipper) {
            if (at_column0(&line)) {
                in_tracks = riplog_match(&t, "Tracks:");
                current = -1;
                continue;
            }
            if (!in_tracks)
                continue;
            if (whipper_entry(line, &v)) {
                current = v;
                continue;
            }
        } else if (riplog_match(&t, "Track")) {
            /* EAC "Track  1", XLD "Track 01": the heading of a track's section */
            riplog_skip_ws(&t);
            if (riplog_get_uint(&t, &v) && riplog_rest_blank(&t))
                current = v;
            continue;
        }
        if (current < 0)
            continue;
        t = line;
        if (!riplog_find(&t, "Pre-gap length"))
            continue;
        riplog_skip_ws(&t);
        riplog_match(&t, ":");
        riplog_skip_ws(&t);
        if (!riplog_get_time(&t, &frames) || !riplog_rest_blank(&t))
            continue;
        row = row_by_number(log, current);
        if (row == NULL)
            continue;
        /* EAC and XLD count track 1's pre-gap from 00:00:00, i.e. including the 150 frames
         * before LBA 0 (CUETools LogToTocParser subtracts them the same way); whipper gives
         * INDEX 01 - INDEX 00 of the program area. */
        if (!whipper && current == 1)
            frames = frames >= 150 ? frames - 150 : 0;
        row->pregap = frames;
    }
}

void riplog_read_media(riplog *log, const tocex_text *text)
{
    tocex_lines r;
    tocex_span line;
    if (log->tool != RIPLOG_TOOL_WHIPPER && log->tool != RIPLOG_TOOL_XLD)
        return;
    lines_begin(&r, log, text);
    while (lines_next(&r, &line)) {
        tocex_span t = line;
        if (tocex_span_left(&line) > RIPLOG_MAX_ROW)
            continue;
        riplog_skip_ws(&t);
        if (log->tool == RIPLOG_TOOL_WHIPPER && riplog_match(&t, "CD-R detected:")) {
            /* whipper's cdrdao disk-info check; "Yes"/"No" (older versions: true/false) */
            riplog_skip_ws(&t);
            if (riplog_match(&t, "Yes") || riplog_match(&t, "true") || riplog_match(&t, "True"))
                log->cdr = 1;
            else if (riplog_match(&t, "No") || riplog_match(&t, "false") || riplog_match(&t, "False"))
                log->cdr = 0;
            return;
        }
        if (log->tool == RIPLOG_TOOL_XLD && riplog_match(&t, "Media type :")) {
            /* only "Pressed CD" is a value seen in real XLD logs; anything else stays unknown */
            riplog_skip_ws(&t);
            if (riplog_match(&t, "Pressed CD") && riplog_rest_blank(&t))
                log->cdr = 0;
            return;
        }
    }
}
