/* CUE sheet syntax: text -> tocex_cue_sheet. Command set per the CDRWIN user's guide (cue
 * sheet appendix), with the extensions real sheets carry (reference notes §3.1): CD-TEXT
 * keywords beyond TITLE/PERFORMER/SONGWRITER, REM SESSION / LEAD-OUT / LEAD-IN / PREGAP,
 * REM ORIGINAL MEDIA-TYPE (CDRWin 10, Aaru), EAC's REM GENRE/DATE/DISCID/COMMENT,
 * libmirage's CDTEXMAIN alias of CDTEXTFILE. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image/cue.h"
#include "tocex/addr.h"
#include "util/text.h"

typedef struct parser {
    tocex_cue_sheet *sheet;
    const char *name;
    long line;
    tocex_error *err;
    int cur_file;           /* -1 before the first FILE */
    tocex_cue_track *track; /* NULL before the first TRACK */
    uint8_t session;        /* current REM SESSION (1 when none given) */
    bool file_since_track;  /* a FILE line came after the current TRACK's last INDEX */
    int last_index_file;    /* file of the last INDEX seen anywhere, -1 none */
    int32_t last_index_frames;
} parser;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static tocex_status fail(parser *p, tocex_status st, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tocex_error_at_line(p->err, st, p->name, p->line, "%s", msg);
}

static char *skip_space(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static void trim_end(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
}

/* Cut the next blank-separated word off *s (NUL-terminates it). */
static char *next_word(char **s)
{
    char *w = skip_space(*s), *e = w;
    if (*w == '\0')
        return NULL;
    while (*e != '\0' && *e != ' ' && *e != '\t')
        e++;
    if (*e != '\0')
        *e++ = '\0';
    *s = e;
    return w;
}

/* A string argument: "quoted" (up to the LAST quote of the line, so a title holding a quote
 * survives, the way CDRWIN-era writers left them unescaped) or the rest of the line. */
static tocex_status string_arg(parser *p, char *rest, const char *cmd, char **out)
{
    char *s = skip_space(rest);
    trim_end(s);
    if (*s == '"') {
        char *last = strrchr(s + 1, '"');
        if (last == NULL)
            return fail(p, TOCEX_E_PARSE, "%s: the quoted text has no closing quote", cmd);
        if (*skip_space(last + 1) != '\0')
            return fail(p, TOCEX_E_PARSE, "%s: unexpected text after the closing quote", cmd);
        *last = '\0';
        s++;
    }
    *out = s;
    return TOCEX_OK;
}

/* mm:ss:ff with frames < 75 and seconds < 60; minutes up to 3 digits. */
static tocex_status msf_arg(parser *p, const char *word, const char *cmd, int32_t *frames)
{
    long part[3];
    const char *s = word;
    if (word == NULL)
        return fail(p, TOCEX_E_PARSE, "%s: time mm:ss:ff missing", cmd);
    for (int i = 0; i < 3; i++) {
        int digits = 0;
        long v = 0;
        while (*s >= '0' && *s <= '9') {
            if (digits == 3)
                return fail(p, TOCEX_E_PARSE, "%s: bad time \"%s\" (a field has more than 3 digits)", cmd, word);
            v = v * 10 + (*s - '0');
            s++;
            digits++;
        }
        if (digits == 0)
            return fail(p, TOCEX_E_PARSE, "%s: bad time \"%s\" (mm:ss:ff expected)", cmd, word);
        part[i] = v;
        if (i < 2) {
            if (*s != ':')
                return fail(p, TOCEX_E_PARSE, "%s: bad time \"%s\" (mm:ss:ff expected)", cmd, word);
            s++;
        }
    }
    if (*s != '\0')
        return fail(p, TOCEX_E_PARSE, "%s: bad time \"%s\" (mm:ss:ff expected)", cmd, word);
    if (part[1] >= 60)
        return fail(p, TOCEX_E_PARSE, "%s: bad time \"%s\": seconds must be below 60", cmd, word);
    if (part[2] >= 75)
        return fail(p, TOCEX_E_PARSE, "%s: bad time \"%s\": frames must be below 75", cmd, word);
    *frames = (int32_t)(part[0] * 4500 + part[1] * 75 + part[2]);
    return TOCEX_OK;
}

static bool is_number(const char *w, long *v)
{
    char *end;
    if (w == NULL || !isdigit((unsigned char)w[0]))
        return false;
    *v = strtol(w, &end, 10);
    return *end == '\0';
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

static tocex_status keep_string(parser *p, char **slot, const char *value)
{
    char *d = dup_str(value);
    if (d == NULL)
        return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
    free(*slot);
    *slot = d;
    return TOCEX_OK;
}

/* ---- track types ---- */

typedef struct mode_entry {
    const char *word;
    tocex_track_mode mode;
    uint16_t sector_size;
} mode_entry;

/* Sector sizes: CDRWIN guide; MODE2/2048 and /2324 (form 1 / form 2 user data) per Aaru
 * CDRWin/Constants.cs and libmirage image-cue. MODE2/2336 and /2352 hold mode-2 sectors of
 * any form (libmirage: "mode 2 mixed"); CDI is mode 2 with the CD-i disc type. */
static const mode_entry modes[] = {
    {"AUDIO", TOCEX_MODE_AUDIO, 2352},           {"CDG", TOCEX_MODE_AUDIO, 2448},
    {"MODE1/2048", TOCEX_MODE_MODE1, 2048},      {"MODE1/2352", TOCEX_MODE_MODE1, 2352},
    {"MODE2/2048", TOCEX_MODE_MODE2_FORM1, 2048}, {"MODE2/2324", TOCEX_MODE_MODE2_FORM2, 2324},
    {"MODE2/2336", TOCEX_MODE_MODE2_MIXED, 2336}, {"MODE2/2352", TOCEX_MODE_MODE2_MIXED, 2352},
    {"CDI/2336", TOCEX_MODE_CDI, 2336},           {"CDI/2352", TOCEX_MODE_CDI, 2352},
};

bool tocex_cue_mode_lookup(const char *word, tocex_track_mode *mode, uint16_t *sector_size)
{
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        if (strcasecmp(word, modes[i].word) == 0) {
            *mode = modes[i].mode;
            *sector_size = modes[i].sector_size;
            return true;
        }
    }
    return false;
}

/* ---- commands ---- */

static tocex_status finish_track(parser *p)
{
    tocex_cue_track *t = p->track;
    if (t == NULL)
        return TOCEX_OK;
    if (!t->index[1].set && !t->placeholder)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, t->line,
                                   "TRACK %02u has no INDEX 01 (the track's start)", t->number);
    return TOCEX_OK;
}

static tocex_status cmd_file(parser *p, char *rest)
{
    tocex_cue_sheet *sh = p->sheet;
    tocex_cue_file *f;
    char *s = skip_space(rest), *name, *type;
    trim_end(s);
    if (*s == '"') {
        char *last = strrchr(s + 1, '"');
        if (last == NULL)
            return fail(p, TOCEX_E_PARSE, "FILE: the file name has no closing quote");
        *last = '\0';
        name = s + 1;
        s = last + 1;
    } else {
        name = next_word(&s);
        if (name == NULL)
            return fail(p, TOCEX_E_PARSE, "FILE: file name missing");
    }
    type = next_word(&s);
    if (type == NULL)
        return fail(p, TOCEX_E_PARSE, "FILE \"%s\": file type (BINARY, MOTOROLA, WAVE, AIFF, MP3) missing", name);
    if (next_word(&s) != NULL)
        return fail(p, TOCEX_E_PARSE, "FILE \"%s\": unexpected text after the file type", name);
    if (*name == '\0')
        return fail(p, TOCEX_E_PARSE, "FILE: empty file name");
    if (sh->file_count >= TOCEX_CUE_MAX_FILES)
        return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, p->line, "more than %d FILE lines",
                                   TOCEX_CUE_MAX_FILES);
    /* a FILE that holds no INDEX would be silently skipped space: refuse it */
    if (p->cur_file >= 0 && p->last_index_file != p->cur_file)
        return fail(p, TOCEX_E_PARSE, "FILE \"%s\" follows a FILE that holds no INDEX", name);
    {
        char word[16];
        tocex_cue_file_type ft;
        snprintf(word, sizeof word, "%s", type);
        for (char *c = word; *c != '\0'; c++)
            *c = (char)toupper((unsigned char)*c);
        if (strcmp(word, "BINARY") == 0)
            ft = TOCEX_CUE_FILE_BINARY;
        else if (strcmp(word, "MOTOROLA") == 0)
            ft = TOCEX_CUE_FILE_MOTOROLA;
        else if (strcmp(word, "WAVE") == 0)
            ft = TOCEX_CUE_FILE_WAVE;
        else if (strcmp(word, "AIFF") == 0)
            ft = TOCEX_CUE_FILE_AIFF;
        else if (strcmp(word, "MP3") == 0)
            ft = TOCEX_CUE_FILE_MP3;
        else if (strcmp(word, "FLAC") == 0 || strcmp(word, "OGG") == 0 || strcmp(word, "APE") == 0 ||
                 strcmp(word, "WV") == 0)
            ft = TOCEX_CUE_FILE_OTHER; /* not CDRWIN, but written by some rippers (libcue noncompliant.c) */
        else
            return fail(p, TOCEX_E_PARSE, "FILE \"%s\": unknown file type \"%s\"", name, type);
        f = &sh->files[sh->file_count];
        memset(f, 0, sizeof *f);
        f->data_bytes = -1;
        f->line = p->line;
        f->type = ft;
        memcpy(f->type_word, word, sizeof f->type_word);
        if ((f->name = dup_str(name)) == NULL)
            return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
    }
    p->cur_file = (int)sh->file_count;
    sh->file_count++;
    return TOCEX_OK;
}

static tocex_status cmd_track(parser *p, char *rest)
{
    tocex_cue_sheet *sh = p->sheet;
    tocex_cue_track *t;
    char *s = rest, *num = next_word(&s), *type = next_word(&s);
    long n;
    tocex_status st;
    if (p->cur_file < 0)
        return fail(p, TOCEX_E_PARSE, "TRACK before any FILE");
    if (p->sheet->track_count >= TOCEX_MAX_TRACKS)
        return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, p->line, "more than %d tracks",
                                   TOCEX_MAX_TRACKS);
    if (!is_number(num, &n) || n < 1 || n > 99)
        return fail(p, TOCEX_E_PARSE, "TRACK: track number \"%s\" is not 1..99", num);
    if (type == NULL)
        return fail(p, TOCEX_E_PARSE, "TRACK %s: track type missing", num);
    if (next_word(&s) != NULL)
        return fail(p, TOCEX_E_PARSE, "TRACK %s: unexpected text after the track type", num);
    if ((st = finish_track(p)) != TOCEX_OK)
        return st;
    if (sh->track_count > 0 && n != sh->tracks[sh->track_count - 1].number + 1)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->line,
                                   "TRACK %02ld follows TRACK %02u: track numbers must go up by one", n,
                                   sh->tracks[sh->track_count - 1].number);
    t = &sh->tracks[sh->track_count];
    memset(t, 0, sizeof *t);
    if (strcasecmp(type, "MODEx/2xxx") == 0) {
        /* EAC writes this for a data track it did not extract (whipper test data kanye.cue):
         * a data track of unknown mode, usually with only an INDEX 00 */
        t->placeholder = true;
        t->mode = TOCEX_MODE_UNKNOWN;
        t->control = TOCEX_CONTROL_DATA;
        t->sector_size = 2352; /* EAC rips are raw 2352-byte frames */
    } else if (!tocex_cue_mode_lookup(type, &t->mode, &t->sector_size)) {
        return fail(p, TOCEX_E_PARSE, "TRACK %s: unknown track type \"%s\"", num, type);
    }
    snprintf(t->mode_word, sizeof t->mode_word, "%s", type);
    for (char *c = t->mode_word; *c != '\0'; c++)
        *c = (char)toupper((unsigned char)*c);
    t->number = (uint8_t)n;
    t->session = p->session;
    if (!t->placeholder)
        t->control = tocex_track_mode_is_data(t->mode) ? TOCEX_CONTROL_DATA : 0;
    t->pregap = TOCEX_CUE_NONE;
    t->postgap = TOCEX_CUE_NONE;
    t->line = p->line;
    t->file = (uint16_t)p->cur_file;
    sh->track_count++;
    p->track = t;
    return TOCEX_OK;
}

static tocex_status cmd_index(parser *p, char *rest)
{
    tocex_cue_track *t = p->track;
    char *s = rest, *num = next_word(&s), *time = next_word(&s);
    long n;
    int32_t frames = 0;
    int prev = -1;
    tocex_status st;
    if (t == NULL)
        return fail(p, TOCEX_E_PARSE, "INDEX before any TRACK");
    if (!is_number(num, &n) || n > 99)
        return fail(p, TOCEX_E_PARSE, "INDEX: index number \"%s\" is not 0..99", num);
    if ((st = msf_arg(p, time, "INDEX", &frames)) != TOCEX_OK)
        return st;
    if (next_word(&s) != NULL)
        return fail(p, TOCEX_E_PARSE, "INDEX %s: unexpected text after the time", num);
    for (int i = 99; i >= 0; i--)
        if (t->index[i].set) {
            prev = i;
            break;
        }
    if (n <= prev)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->line,
                                   "INDEX %02ld after INDEX %02d: index numbers must ascend", n, prev);
    if (prev < 0 && n > 1)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->line,
                                   "INDEX %02ld is the track's first index: INDEX 00 or 01 must come first", n);
    if (p->last_index_file == p->cur_file && frames <= p->last_index_frames)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->line,
                                   "INDEX %02ld at %s is not after the previous INDEX in this FILE", n, time);
    t->index[n].set = true;
    t->index[n].frames = frames;
    t->index[n].file = (uint16_t)p->cur_file;
    t->index[n].line = p->line;
    p->last_index_file = p->cur_file;
    p->last_index_frames = frames;
    return TOCEX_OK;
}

static tocex_status cmd_gap(parser *p, char *rest, bool pre)
{
    const char *cmd = pre ? "PREGAP" : "POSTGAP";
    char *s = rest, *time = next_word(&s);
    int32_t frames = 0;
    tocex_status st;
    if (p->track == NULL)
        return fail(p, TOCEX_E_PARSE, "%s before any TRACK", cmd);
    if ((st = msf_arg(p, time, cmd, &frames)) != TOCEX_OK)
        return st;
    if (pre) {
        if (p->track->index[0].set || p->track->index[1].set)
            return fail(p, TOCEX_E_PARSE, "PREGAP after INDEX: it must come before the track's INDEX lines");
        p->track->pregap = frames;
    } else {
        if (!p->track->index[1].set)
            return fail(p, TOCEX_E_PARSE, "POSTGAP before INDEX 01: it must come after the track's INDEX lines");
        p->track->postgap = frames;
    }
    return TOCEX_OK;
}

static tocex_status cmd_flags(parser *p, char *rest)
{
    char *s = rest, *w;
    if (p->track == NULL)
        return fail(p, TOCEX_E_PARSE, "FLAGS before any TRACK");
    /* FLAGS replaces the flags but keeps the data bit the track type sets */
    p->track->control &= TOCEX_CONTROL_DATA;
    p->track->scms = false;
    while ((w = next_word(&s)) != NULL) {
        if (strcasecmp(w, "DCP") == 0)
            p->track->control |= TOCEX_CONTROL_COPY;
        else if (strcasecmp(w, "4CH") == 0)
            p->track->control |= TOCEX_CONTROL_4CH;
        else if (strcasecmp(w, "PRE") == 0)
            p->track->control |= TOCEX_CONTROL_PREEMPHASIS;
        else if (strcasecmp(w, "SCMS") == 0)
            p->track->scms = true; /* serial copy management lives in the sub-channel, not the CONTROL nibble */
        else if (strcasecmp(w, "DATA") == 0)
            continue; /* written by some tools; the data bit already comes from the track type */
        else
            return fail(p, TOCEX_E_PARSE, "FLAGS: unknown flag \"%s\" (DCP, 4CH, PRE, SCMS)", w);
    }
    return TOCEX_OK;
}

static bool isrc_valid(const char *s)
{
    /* ISO 3901: CC OOO YY NNNNN: country and owner alphanumeric, year and designation digits */
    if (strlen(s) != 12)
        return false;
    for (int i = 0; i < 12; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i < 5 ? !(isdigit(c) || (c >= 'A' && c <= 'Z')) : !isdigit(c))
            return false;
    }
    return true;
}

static tocex_status cmd_isrc(parser *p, char *rest)
{
    char *s, upper[16];
    tocex_status st;
    if (p->track == NULL)
        return fail(p, TOCEX_E_PARSE, "ISRC before any TRACK");
    if ((st = string_arg(p, rest, "ISRC", &s)) != TOCEX_OK)
        return st;
    if (strlen(s) != 12)
        return fail(p, TOCEX_E_PARSE, "ISRC \"%s\" is not 12 characters", s);
    for (int i = 0; i < 12; i++)
        upper[i] = (char)toupper((unsigned char)s[i]);
    upper[12] = '\0';
    if (!isrc_valid(upper))
        return fail(p, TOCEX_E_PARSE, "ISRC \"%s\" is not CCOOOYYNNNNN (ISO 3901)", s);
    if (strcmp(upper, "000000000000") == 0) {
        p->sheet->isrc_zero = true; /* EAC writes zeros when the disc had none */
        return TOCEX_OK;
    }
    memcpy(p->track->isrc, upper, 13);
    return TOCEX_OK;
}

static tocex_status cmd_catalog(parser *p, char *rest)
{
    char *s, buf[16];
    size_t n;
    tocex_status st;
    if ((st = string_arg(p, rest, "CATALOG", &s)) != TOCEX_OK)
        return st;
    n = strlen(s);
    if (n == 0)
        return fail(p, TOCEX_E_PARSE, "CATALOG: the 13-digit catalog number is missing");
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return fail(p, TOCEX_E_PARSE, "CATALOG \"%s\": only digits are allowed", s);
    if (n == 12) {
        /* a 12-digit UPC is the 13-digit EAN with a leading 0 (redumper pads the same way) */
        buf[0] = '0';
        memcpy(buf + 1, s, 13);
        s = buf;
        n = 13;
    }
    if (n != 13)
        return fail(p, TOCEX_E_PARSE, "CATALOG \"%s\": 13 digits expected", s);
    if (p->sheet->mcn[0] != '\0' || p->sheet->mcn_zero)
        return fail(p, TOCEX_E_PARSE, "CATALOG given twice");
    if (strcmp(s, "0000000000000") == 0) {
        p->sheet->mcn_zero = true; /* EAC: no MCN on the disc */
        return TOCEX_OK;
    }
    memcpy(p->sheet->mcn, s, 14);
    p->sheet->mcn_line = p->line;
    return TOCEX_OK;
}

static tocex_status set_text(parser *p, tocex_cdtext_field field, const char *cmd, char *rest)
{
    char *s;
    unsigned slot = p->track != NULL ? p->track->number : 0;
    tocex_status st;
    if ((st = string_arg(p, rest, cmd, &s)) != TOCEX_OK)
        return st;
    if ((field == TOCEX_CDTEXT_DISC_ID || field == TOCEX_CDTEXT_GENRE) && slot != 0)
        return fail(p, TOCEX_E_PARSE, "%s belongs to the disc, not to a track", cmd);
    if ((st = keep_string(p, &p->sheet->text[field][slot], s)) != TOCEX_OK)
        return st;
    p->sheet->text_line[field][slot] = p->line;
    p->sheet->text_any = true;
    return TOCEX_OK;
}

static tocex_status cmd_session(parser *p, char *rest)
{
    char *s = rest, *num = next_word(&s);
    long n;
    tocex_status st;
    if (!is_number(num, &n) || n < 1 || n > 99)
        return fail(p, TOCEX_E_PARSE, "REM SESSION: session number \"%s\" is not 1..99", num);
    if (n == p->session && p->sheet->sessions_given)
        return fail(p, TOCEX_E_PARSE, "REM SESSION %s given twice", num);
    if (p->sheet->track_count == 0 ? n != 1 : n != p->session + 1)
        return fail(p, TOCEX_E_PARSE, "REM SESSION %s out of order: sessions are numbered 1, 2, ... in turn", num);
    if (p->sheet->track_count > 0 && p->sheet->tracks[p->sheet->track_count - 1].session != p->session)
        return fail(p, TOCEX_E_PARSE, "REM SESSION %s: the previous session has no tracks", num);
    if ((st = finish_track(p)) != TOCEX_OK)
        return st;
    p->track = NULL; /* text lines after REM SESSION and before TRACK are not the last track's */
    p->session = (uint8_t)n;
    p->sheet->sessions_given = true;
    return TOCEX_OK;
}

/* REM LEAD-OUT / LEAD-IN / PREGAP: belong to the boundary after the last track's session. */
static tocex_status cmd_session_gap(parser *p, char *rest, const char *what)
{
    tocex_cue_sheet *sh = p->sheet;
    char *s = rest, *time = next_word(&s);
    int32_t frames = 0;
    tocex_cue_session_rem *r;
    tocex_status st;
    if ((st = msf_arg(p, time, what, &frames)) != TOCEX_OK)
        return st;
    if (sh->track_count == 0)
        return fail(p, TOCEX_E_PARSE, "%s before any TRACK: it describes the gap after a session", what);
    r = &sh->session_rem[sh->tracks[sh->track_count - 1].session];
    if (strcmp(what, "REM LEAD-OUT") == 0) {
        r->lead_out = frames;
        r->lead_out_line = p->line;
    } else if (strcmp(what, "REM LEAD-IN") == 0) {
        r->lead_in = frames;
    } else {
        r->pregap = frames;
    }
    return TOCEX_OK;
}

static tocex_status cmd_rem(parser *p, char *rest)
{
    static const struct {
        const char *word;
        tocex_cdtext_field field;
    } rem_text[] = {
        /* CD-TEXT fields some writers keep in REM lines (foobar2000 style "REM COMPOSER") */
        {"COMPOSER", TOCEX_CDTEXT_COMPOSER},
        {"ARRANGER", TOCEX_CDTEXT_ARRANGER},
        {"SONGWRITER", TOCEX_CDTEXT_SONGWRITER},
        {"MESSAGE", TOCEX_CDTEXT_MESSAGE},
    };
    tocex_cue_sheet *sh = p->sheet;
    char *s = rest, *w = next_word(&s), *v;
    tocex_status st;
    if (w == NULL)
        return TOCEX_OK;
    if (strcasecmp(w, "SESSION") == 0)
        return cmd_session(p, s);
    if (strcasecmp(w, "LEAD-OUT") == 0)
        return cmd_session_gap(p, s, "REM LEAD-OUT");
    if (strcasecmp(w, "LEAD-IN") == 0)
        return cmd_session_gap(p, s, "REM LEAD-IN");
    if (strcasecmp(w, "PREGAP") == 0)
        return cmd_session_gap(p, s, "REM PREGAP");
    if (strcasecmp(w, "ORIGINAL") == 0) {
        /* CDRWin 10: "REM ORIGINAL MEDIA-TYPE: CD" (Aaru CDRWin/Constants.cs) */
        char *key = next_word(&s);
        if (key != NULL && strncasecmp(key, "MEDIA-TYPE", 10) == 0) {
            tocex_media m;
            char *val = key[10] == ':' && key[11] != '\0' ? key + 11 : next_word(&s);
            if (val == NULL)
                return fail(p, TOCEX_E_PARSE, "REM ORIGINAL MEDIA-TYPE: media name missing");
            trim_end(val);
            m = strcasecmp(val, "CD") == 0 ? TOCEX_MEDIA_CD_ROM
                : strcasecmp(val, "DVD") == 0 ? TOCEX_MEDIA_DVD_ROM
                : strcasecmp(val, "BD") == 0 ? TOCEX_MEDIA_BD_ROM
                                            : tocex_media_from_name(val);
            if (m == TOCEX_MEDIA_UNKNOWN || m == TOCEX_MEDIA_NONE)
                return fail(p, TOCEX_E_PARSE, "REM ORIGINAL MEDIA-TYPE: unknown media \"%s\"", val);
            sh->media = m;
            sh->media_given = true;
        }
        return TOCEX_OK;
    }
    for (size_t i = 0; i < sizeof rem_text / sizeof rem_text[0]; i++)
        if (strcasecmp(w, rem_text[i].word) == 0)
            return set_text(p, rem_text[i].field, w, s);
    /* EAC / foobar2000 metadata: kept for callers, not part of the disc */
    {
        char **slot = strcasecmp(w, "GENRE") == 0     ? &sh->rem_genre
                      : strcasecmp(w, "DATE") == 0    ? &sh->rem_date
                      : strcasecmp(w, "DISCID") == 0  ? &sh->rem_discid
                      : strcasecmp(w, "COMMENT") == 0 ? &sh->rem_comment
                                                      : NULL;
        if (slot == NULL || p->track != NULL)
            return TOCEX_OK; /* any other REM is a comment */
        if ((st = string_arg(p, s, w, &v)) != TOCEX_OK)
            return TOCEX_OK; /* a malformed comment is still a comment */
        return keep_string(p, slot, v);
    }
}

static tocex_status cmd_cdtextfile(parser *p, char *rest)
{
    char *s;
    tocex_status st;
    if ((st = string_arg(p, rest, "CDTEXTFILE", &s)) != TOCEX_OK)
        return st;
    if (*s == '\0')
        return fail(p, TOCEX_E_PARSE, "CDTEXTFILE: file name missing");
    p->sheet->cdtextfile_line = p->line;
    return keep_string(p, &p->sheet->cdtextfile, s);
}

static tocex_status parse_line(parser *p, char *line)
{
    static const struct {
        const char *word;
        tocex_cdtext_field field;
    } text_cmds[] = {
        {"TITLE", TOCEX_CDTEXT_TITLE},       {"PERFORMER", TOCEX_CDTEXT_PERFORMER},
        {"SONGWRITER", TOCEX_CDTEXT_SONGWRITER}, {"COMPOSER", TOCEX_CDTEXT_COMPOSER},
        {"ARRANGER", TOCEX_CDTEXT_ARRANGER}, {"MESSAGE", TOCEX_CDTEXT_MESSAGE},
        {"DISC_ID", TOCEX_CDTEXT_DISC_ID},   {"GENRE", TOCEX_CDTEXT_GENRE},
        {"UPC_EAN", TOCEX_CDTEXT_UPC_ISRC},
    };
    char *s = line, *cmd = next_word(&s);
    if (cmd == NULL)
        return TOCEX_OK;
    if (strcasecmp(cmd, "REM") == 0)
        return cmd_rem(p, s);
    if (strcasecmp(cmd, "FILE") == 0)
        return cmd_file(p, s);
    if (strcasecmp(cmd, "TRACK") == 0)
        return cmd_track(p, s);
    if (strcasecmp(cmd, "INDEX") == 0)
        return cmd_index(p, s);
    if (strcasecmp(cmd, "PREGAP") == 0)
        return cmd_gap(p, s, true);
    if (strcasecmp(cmd, "POSTGAP") == 0)
        return cmd_gap(p, s, false);
    if (strcasecmp(cmd, "FLAGS") == 0)
        return cmd_flags(p, s);
    if (strcasecmp(cmd, "ISRC") == 0)
        return cmd_isrc(p, s);
    if (strcasecmp(cmd, "CATALOG") == 0)
        return cmd_catalog(p, s);
    if (strcasecmp(cmd, "CDTEXTFILE") == 0 || strcasecmp(cmd, "CDTEXMAIN") == 0)
        return cmd_cdtextfile(p, s);
    for (size_t i = 0; i < sizeof text_cmds / sizeof text_cmds[0]; i++)
        if (strcasecmp(cmd, text_cmds[i].word) == 0)
            return set_text(p, text_cmds[i].field, text_cmds[i].word, s);
    if (strcasecmp(cmd, "TOC_INFO") == 0 || strcasecmp(cmd, "TOC_INFO2") == 0 || strcasecmp(cmd, "SIZE_INFO") == 0) {
        /* binary CD-TEXT packs 88h/89h/8Fh: the encoder derives them from the TOC and texts */
        p->sheet->ignored_binary_text = true;
        return TOCEX_OK;
    }
    return fail(p, TOCEX_E_PARSE, "unknown command \"%s\"", cmd);
}

void tocex_cue_sheet_free(tocex_cue_sheet *sheet)
{
    if (sheet == NULL)
        return;
    for (size_t i = 0; i < sheet->file_count; i++)
        free(sheet->files[i].name);
    for (size_t f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
        for (size_t t = 0; t < 100; t++)
            free(sheet->text[f][t]);
    free(sheet->cdtextfile);
    free(sheet->rem_genre);
    free(sheet->rem_date);
    free(sheet->rem_discid);
    free(sheet->rem_comment);
    free(sheet);
}

tocex_status tocex_cue_parse(const char *name, const uint8_t *data, size_t len, tocex_cue_sheet **out,
                             tocex_error *err)
{
    tocex_cue_sheet *sh;
    tocex_text text;
    tocex_lines lines;
    parser p;
    tocex_status st;
    const char *line;
    size_t line_len;
    int r;
    char buf[TOCEX_CUE_MAX_LINE + 1];

    *out = NULL;
    if (name == NULL)
        name = "(input)";
    if (data == NULL && len > 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no data", name);
    if ((st = tocex_text_decode(name, data != NULL ? data : (const uint8_t *)"", len, &text, err)) != TOCEX_OK)
        return st;
    sh = calloc(1, sizeof *sh);
    if (sh == NULL) {
        tocex_text_free(&text);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", name);
    }
    sh->name = name;
    sh->encoding = tocex_text_encoding_name(text.encoding);
    sh->media = TOCEX_MEDIA_CD_ROM;
    for (size_t i = 0; i <= TOCEX_MAX_SESSIONS; i++) {
        sh->session_rem[i].lead_out = TOCEX_CUE_NONE;
        sh->session_rem[i].lead_in = TOCEX_CUE_NONE;
        sh->session_rem[i].pregap = TOCEX_CUE_NONE;
    }
    memset(&p, 0, sizeof p);
    p.sheet = sh;
    p.name = name;
    p.err = err;
    p.cur_file = -1;
    p.session = 1;
    p.last_index_file = -1;
    tocex_lines_init(&lines, name, &text, TOCEX_CUE_MAX_LINE);
    st = TOCEX_OK;
    while ((r = tocex_lines_next(&lines, &line, &line_len, err)) == 1) {
        p.line = lines.line;
        memcpy(buf, line, line_len);
        buf[line_len] = '\0';
        if ((st = parse_line(&p, buf)) != TOCEX_OK)
            break;
    }
    if (r < 0)
        st = err != NULL ? err->status : TOCEX_E_LIMIT;
    p.line = lines.line;
    if (st == TOCEX_OK)
        st = finish_track(&p);
    if (st == TOCEX_OK && sh->track_count == 0)
        st = tocex_error_at_line(err, TOCEX_E_PARSE, name, lines.line > 0 ? lines.line : 1,
                                 "the sheet has no TRACK");
    if (st == TOCEX_OK && p.cur_file >= 0 && p.last_index_file != p.cur_file)
        st = tocex_error_at_line(err, TOCEX_E_PARSE, name, sh->files[p.cur_file].line,
                                 "FILE \"%s\" holds no INDEX", sh->files[p.cur_file].name);
    tocex_text_free(&text);
    if (st != TOCEX_OK) {
        tocex_cue_sheet_free(sh);
        return st;
    }
    *out = sh;
    return TOCEX_OK;
}
