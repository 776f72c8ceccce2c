/* CUE sheet syntax: text -> tocex_cue_sheet. Command set per the CDRWIN user's guide (cue
 * sheet appendix), with the extensions real sheets carry (reference notes §3.1): CD-TEXT
 * keywords beyond TITLE/PERFORMER/SONGWRITER, REM SESSION / LEAD-OUT / LEAD-IN / PREGAP,
 * REM ORIGINAL MEDIA-TYPE (CDRWin 10, Aaru), EAC's REM GENRE/DATE/DISCID/COMMENT,
 * libmirage's CDTEXMAIN alias of CDTEXTFILE. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cdtext/internal.h"
#include "image/cue.h"
#include "tocex/addr.h"
#include "util/swar.h"
#include "util/text.h"

typedef struct parser {
    tocex_cue_sheet *sheet;
    const char *name;
    long line;
    tocex_error *err;
    int cur_file;           /* -1 before the first FILE */
    tocex_cue_track *track; /* NULL before the first TRACK */
    uint8_t session;        /* current REM SESSION (1 when none given) */
    int last_index_file;    /* file of the last INDEX seen anywhere, -1 none */
    int32_t last_index_frames;
    char *eol;              /* the NUL that ends the current line */
    const char *limit;      /* one past the text's final NUL */
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

/* Cut blanks off the end of s, which runs to `end` (its NUL): returns the new end, a NUL. */
static char *trim_end(char *s, char *end)
{
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    *end = '\0';
    return end;
}

static char ascii_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - ('a' - 'A')) : c;
}

static bool ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* n bytes of w equal the upper-case keyword kw in any (ASCII) letter case. */
static bool caseeq(const char *w, const char *kw, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ascii_upper(w[i]) != kw[i])
            return false;
    return true;
}

/* The word (w, n) is the keyword `kw` (an upper-case string literal) in any letter case. */
#define WORD_IS(w, n, kw) ((n) == sizeof(kw) - 1 && caseeq((w), (kw), sizeof(kw) - 1))

/* Upper-case copy of at most cap-1 bytes of s (ASCII letters only, as toupper in C). */
static void copy_upper(char *dst, size_t cap, const char *s)
{
    size_t i = 0;
    for (; i + 1 < cap && s[i] != '\0'; i++)
        dst[i] = ascii_upper(s[i]);
    dst[i] = '\0';
}

/* ---- keywords ----
 * A word is compared as one or two 64-bit values: byte i in bits 8i..8i+7 (i < 8, then the
 * second value), ASCII letters folded to lower case, zero past the word's end. Keywords are
 * written the same way with K(). A few word operations replace a byte loop per keyword. */
#define KB(c, i) ((uint64_t)(unsigned char)(c) << (8 * (i)))
#define K(a, b, c, d, e, f, g, h) \
    (KB(a, 0) | KB(b, 1) | KB(c, 2) | KB(d, 3) | KB(e, 4) | KB(f, 5) | KB(g, 6) | KB(h, 7))

/* The folded value of n <= 16 bytes of w, gathered byte by byte. */
static void fold_gather(const char *w, size_t n, uint64_t v[2])
{
    v[0] = v[1] = 0;
    for (size_t i = 0; i < n; i++)
        v[i >> 3] |= KB(w[i], i & 7);
    v[0] = tocex_swar_fold_lower(v[0]);
    v[1] = tocex_swar_fold_lower(v[1]);
}

/* Commands by a hash of their folded value: (lo + hi) * COMMAND_HASH, top 5 bits. The
 * multiplier was found by trying odd constants until the 23 commands fell in distinct slots of
 * 32 (test_cue_keywords checks every command and words near them). A slot holds the value it
 * stands for: a word is that command exactly when its value equals the slot's. */
#define COMMAND_HASH 0x42c2accda6f5cef1ull
#define COMMAND_SLOT(lo, hi) ((size_t)(((lo) + (hi)) * COMMAND_HASH >> 59))

static const uint64_t command_values[32][2] = {
    [0] = {K('t', 'i', 't', 'l', 'e', 0, 0, 0), 0},
    [1] = {K('m', 'e', 's', 's', 'a', 'g', 'e', 0), 0},
    [2] = {K('c', 'a', 't', 'a', 'l', 'o', 'g', 0), 0},
    [3] = {K('r', 'e', 'm', 0, 0, 0, 0, 0), 0},
    [5] = {K('c', 'd', 't', 'e', 'x', 'm', 'a', 'i'), K('n', 0, 0, 0, 0, 0, 0, 0)},
    [6] = {K('c', 'd', 't', 'e', 'x', 't', 'f', 'i'), K('l', 'e', 0, 0, 0, 0, 0, 0)},
    [8] = {K('p', 'o', 's', 't', 'g', 'a', 'p', 0), 0},
    [10] = {K('i', 's', 'r', 'c', 0, 0, 0, 0), 0},
    [11] = {K('g', 'e', 'n', 'r', 'e', 0, 0, 0), 0},
    [14] = {K('a', 'r', 'r', 'a', 'n', 'g', 'e', 'r'), 0},
    [15] = {K('f', 'i', 'l', 'e', 0, 0, 0, 0), 0},
    [17] = {K('c', 'o', 'm', 'p', 'o', 's', 'e', 'r'), 0},
    [18] = {K('s', 'o', 'n', 'g', 'w', 'r', 'i', 't'), K('e', 'r', 0, 0, 0, 0, 0, 0)},
    [19] = {K('p', 'r', 'e', 'g', 'a', 'p', 0, 0), 0},
    [21] = {K('p', 'e', 'r', 'f', 'o', 'r', 'm', 'e'), K('r', 0, 0, 0, 0, 0, 0, 0)},
    [22] = {K('d', 'i', 's', 'c', '_', 'i', 'd', 0), 0},
    [23] = {K('t', 'r', 'a', 'c', 'k', 0, 0, 0), 0},
    [24] = {K('u', 'p', 'c', '_', 'e', 'a', 'n', 0), 0},
    [27] = {K('t', 'o', 'c', '_', 'i', 'n', 'f', 'o'), 0},
    [28] = {K('t', 'o', 'c', '_', 'i', 'n', 'f', 'o'), K('2', 0, 0, 0, 0, 0, 0, 0)},
    [29] = {K('i', 'n', 'd', 'e', 'x', 0, 0, 0), 0},
    [30] = {K('f', 'l', 'a', 'g', 's', 0, 0, 0), 0},
    [31] = {K('s', 'i', 'z', 'e', '_', 'i', 'n', 'f'), K('o', 0, 0, 0, 0, 0, 0, 0)},
};
static const uint8_t command_ids[32] = {
    [0] = TOCEX_CUE_CMD_TITLE,
    [1] = TOCEX_CUE_CMD_MESSAGE,
    [2] = TOCEX_CUE_CMD_CATALOG,
    [3] = TOCEX_CUE_CMD_REM,
    [5] = TOCEX_CUE_CMD_CDTEXMAIN,
    [6] = TOCEX_CUE_CMD_CDTEXTFILE,
    [8] = TOCEX_CUE_CMD_POSTGAP,
    [10] = TOCEX_CUE_CMD_ISRC,
    [11] = TOCEX_CUE_CMD_GENRE,
    [14] = TOCEX_CUE_CMD_ARRANGER,
    [15] = TOCEX_CUE_CMD_FILE,
    [17] = TOCEX_CUE_CMD_COMPOSER,
    [18] = TOCEX_CUE_CMD_SONGWRITER,
    [19] = TOCEX_CUE_CMD_PREGAP,
    [21] = TOCEX_CUE_CMD_PERFORMER,
    [22] = TOCEX_CUE_CMD_DISC_ID,
    [23] = TOCEX_CUE_CMD_TRACK,
    [24] = TOCEX_CUE_CMD_UPC_EAN,
    [27] = TOCEX_CUE_CMD_TOC_INFO,
    [28] = TOCEX_CUE_CMD_TOC_INFO2,
    [29] = TOCEX_CUE_CMD_INDEX,
    [30] = TOCEX_CUE_CMD_FLAGS,
    [31] = TOCEX_CUE_CMD_SIZE_INFO,
};

/* The command whose folded value is v (zero past the word, see K()); NONE for any other. */
static inline tocex_cue_command command_of(const uint64_t v[2])
{
    size_t i = COMMAND_SLOT(v[0], v[1]);
    return command_values[i][0] == v[0] && command_values[i][1] == v[1] ? (tocex_cue_command)command_ids[i]
                                                                          : TOCEX_CUE_CMD_NONE;
}

tocex_cue_command tocex_cue_command_lookup(const char *word, size_t len)
{
    uint64_t v[2];
    if (len < 3 || len > 10)
        return TOCEX_CUE_CMD_NONE;
    fold_gather(word, len, v);
    return command_of(v);
}

#if TOCEX_SWAR_LE
/* Index of the first blank, tab or NUL among the 8 bytes of x; 8 if none; -1 if another
 * control byte comes first (a word goes on past it: read byte by byte). */
static int word_end8(uint64_t x)
{
    uint64_t m = tocex_swar_below(x, 0x21);
    size_t b;
    uint8_t c;
    if (m == 0)
        return 8;
    b = tocex_swar_first(m);
    c = (uint8_t)(x >> (8 * b));
    return c == ' ' || c == '\t' || c == 0 ? (int)b : -1;
}
#endif

/* Length of the word at w (not blank, not NUL): it ends at a blank, tab or NUL. */
static size_t word_len(const parser *p, const char *w)
{
    size_t n = 0;
#if TOCEX_SWAR_LE
    if (p->limit - w >= 16) { /* both loads stay inside the text */
        int e = word_end8(tocex_swar_load(w));
        if (e >= 0 && e < 8)
            return (size_t)e;
        if (e == 8 && (e = word_end8(tocex_swar_load(w + 8))) >= 0 && e < 8)
            return 8 + (size_t)e;
    }
#else
    (void)p;
#endif
    while (w[n] != '\0' && w[n] != ' ' && w[n] != '\t')
        n++;
    return n;
}

/* scan_word() where 16 bytes may not be read, or for a word of 16 bytes or more. */
static size_t scan_word_slow(const parser *p, const char *w, uint64_t v[2])
{
    size_t n = word_len(p, w);
    v[0] = v[1] = 0;
    if (n <= 16)
        fold_gather(w, n, v);
    return n;
}

/* The word at w as word_len(), and its folded value when it is at most 16 bytes long: one or
 * two loads, inline, for the words of a sheet. */
static inline size_t scan_word(const parser *p, const char *w, uint64_t v[2])
{
#if TOCEX_SWAR_LE
    if (p->limit - w >= 16) {
        uint64_t x = tocex_swar_load(w);
        int e = word_end8(x);
        if (e >= 0 && e < 8) {
            v[0] = tocex_swar_fold_lower(x) & ((1ull << (8 * e)) - 1);
            v[1] = 0;
            return (size_t)e;
        }
        if (e == 8) {
            uint64_t x2 = tocex_swar_load(w + 8);
            e = word_end8(x2);
            if (e >= 0 && e < 8) {
                v[0] = tocex_swar_fold_lower(x);
                v[1] = tocex_swar_fold_lower(x2) & ((1ull << (8 * e)) - 1);
                return 8 + (size_t)e;
            }
        }
    }
#endif
    return scan_word_slow(p, w, v);
}

/* The word of `len` bytes at w, NUL-terminated; *s moves past it (and the blank after it). */
static char *cut_word(char **s, char *w, size_t len)
{
    char *e = w + len;
    if (*e != '\0')
        *e++ = '\0';
    *s = e;
    return w;
}

/* Cut the next blank-separated word off *s (NUL-terminates it); *len gets its length. */
static char *next_word_len(const parser *p, char **s, size_t *len)
{
    char *w = skip_space(*s);
    *len = *w == '\0' ? 0 : word_len(p, w);
    return *len == 0 ? NULL : cut_word(s, w, *len);
}

/* next_word_len(), also giving the word's folded value (zero past 16 bytes). */
static char *next_word_fold(const parser *p, char **s, size_t *len, uint64_t v[2])
{
    char *w = skip_space(*s);
    *len = *w == '\0' ? 0 : scan_word(p, w, v);
    return *len == 0 ? NULL : cut_word(s, w, *len);
}

static char *next_word(const parser *p, char **s)
{
    size_t len;
    return next_word_len(p, s, &len);
}

/* A string argument: "quoted" (up to the LAST quote of the line, so a title holding a quote
 * survives, the way CDRWIN-era writers left them unescaped) or the rest of the line. */
static tocex_status string_arg_len(parser *p, char *rest, const char *cmd, char **out, size_t *len)
{
    char *s, *end;
    if (*rest == '"' && p->eol - rest >= 2 && p->eol[-1] == '"') {
        /* the usual "text" right to the line end: nothing to trim, the last quote is there */
        p->eol[-1] = '\0';
        *out = rest + 1;
        *len = (size_t)(p->eol - rest - 2);
        return TOCEX_OK;
    }
    s = skip_space(rest);
    end = trim_end(s, p->eol);
    if (*s == '"') {
        char *last = end - 1;
        while (last > s && *last != '"')
            last--;
        if (last == s)
            return fail(p, TOCEX_E_PARSE, "%s: the quoted text has no closing quote", cmd);
        if (*skip_space(last + 1) != '\0')
            return fail(p, TOCEX_E_PARSE, "%s: unexpected text after the closing quote", cmd);
        *last = '\0';
        end = last;
        s++;
    }
    *out = s;
    *len = (size_t)(end - s);
    return TOCEX_OK;
}

static tocex_status string_arg(parser *p, char *rest, const char *cmd, char **out)
{
    size_t len;
    return string_arg_len(p, rest, cmd, out, &len);
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

/* A word of digits only; the value saturates far above any limit checked. */
static bool is_number(const char *w, long *v)
{
    long n = 0;
    if (w == NULL || !ascii_digit(w[0]))
        return false;
    for (; ascii_digit(*w); w++)
        if (n < 100000000L)
            n = n * 10 + (*w - '0');
    *v = n;
    return *w == '\0';
}

/* Strings stay where they are in the sheet's storage: a later line of the same kind replaces
 * the pointer. */
static void keep_string(char **slot, char *value)
{
    *slot = value;
}

/* ---- track types ---- */

typedef struct mode_entry {
    char word[16];        /* upper case */
    uint64_t lo, hi;      /* folded, as K() */
    tocex_track_mode mode;
    uint16_t sector_size;
} mode_entry;

/* Sector sizes: CDRWIN guide; MODE2/2048 and /2324 (form 1 / form 2 user data) per Aaru
 * CDRWin/Constants.cs and libmirage image-cue. MODE2/2336 and /2352 hold mode-2 sectors of
 * any form (libmirage: "mode 2 mixed"); CDI is mode 2 with the CD-i disc type. */
static const mode_entry modes[] = {
    {"AUDIO", K('a', 'u', 'd', 'i', 'o', 0, 0, 0), 0, TOCEX_MODE_AUDIO, 2352},
    {"CDG", K('c', 'd', 'g', 0, 0, 0, 0, 0), 0, TOCEX_MODE_AUDIO, 2448},
    {"MODE1/2048", K('m', 'o', 'd', 'e', '1', '/', '2', '0'), K('4', '8', 0, 0, 0, 0, 0, 0), TOCEX_MODE_MODE1, 2048},
    {"MODE1/2352", K('m', 'o', 'd', 'e', '1', '/', '2', '3'), K('5', '2', 0, 0, 0, 0, 0, 0), TOCEX_MODE_MODE1, 2352},
    {"MODE2/2048", K('m', 'o', 'd', 'e', '2', '/', '2', '0'), K('4', '8', 0, 0, 0, 0, 0, 0), TOCEX_MODE_MODE2_FORM1,
     2048},
    {"MODE2/2324", K('m', 'o', 'd', 'e', '2', '/', '2', '3'), K('2', '4', 0, 0, 0, 0, 0, 0), TOCEX_MODE_MODE2_FORM2,
     2324},
    {"MODE2/2336", K('m', 'o', 'd', 'e', '2', '/', '2', '3'), K('3', '6', 0, 0, 0, 0, 0, 0), TOCEX_MODE_MODE2_MIXED,
     2336},
    {"MODE2/2352", K('m', 'o', 'd', 'e', '2', '/', '2', '3'), K('5', '2', 0, 0, 0, 0, 0, 0), TOCEX_MODE_MODE2_MIXED,
     2352},
    {"CDI/2336", K('c', 'd', 'i', '/', '2', '3', '3', '6'), 0, TOCEX_MODE_CDI, 2336},
    {"CDI/2352", K('c', 'd', 'i', '/', '2', '3', '5', '2'), 0, TOCEX_MODE_CDI, 2352},
};

/* Index in modes[] of the folded value v of a track-type word of n bytes, -1 if none. */
static int mode_index(const uint64_t v[2], size_t n)
{
    if (n < 3 || n > 10)
        return -1;
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
        if (modes[i].lo == v[0] && modes[i].hi == v[1])
            return (int)i; /* equal values: equal lengths, as no keyword byte is zero */
    return -1;
}

bool tocex_cue_mode_lookup(const char *word, tocex_track_mode *mode, uint16_t *sector_size)
{
    size_t n = strlen(word);
    uint64_t v[2] = {0, 0};
    int i;
    if (n <= 16)
        fold_gather(word, n, v);
    i = mode_index(v, n);
    if (i < 0)
        return false;
    *mode = modes[i].mode;
    *sector_size = modes[i].sector_size;
    return true;
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
    char *s = skip_space(rest), *end = trim_end(s, p->eol), *name, *type;
    if (*s == '"') {
        char *last = end - 1;
        while (last > s && *last != '"')
            last--;
        if (last == s)
            return fail(p, TOCEX_E_PARSE, "FILE: the file name has no closing quote");
        *last = '\0';
        name = s + 1;
        s = last + 1;
    } else {
        name = next_word(p, &s);
        if (name == NULL)
            return fail(p, TOCEX_E_PARSE, "FILE: file name missing");
    }
    type = next_word(p, &s);
    if (type == NULL)
        return fail(p, TOCEX_E_PARSE, "FILE \"%s\": file type (BINARY, MOTOROLA, WAVE, AIFF, MP3) missing", name);
    if (next_word(p, &s) != NULL)
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
        size_t n;
        tocex_cue_file_type ft;
        copy_upper(word, sizeof word, type);
        n = strlen(word);
        if (WORD_IS(word, n, "BINARY"))
            ft = TOCEX_CUE_FILE_BINARY;
        else if (WORD_IS(word, n, "MOTOROLA"))
            ft = TOCEX_CUE_FILE_MOTOROLA;
        else if (WORD_IS(word, n, "WAVE"))
            ft = TOCEX_CUE_FILE_WAVE;
        else if (WORD_IS(word, n, "AIFF"))
            ft = TOCEX_CUE_FILE_AIFF;
        else if (WORD_IS(word, n, "MP3"))
            ft = TOCEX_CUE_FILE_MP3;
        else if (WORD_IS(word, n, "FLAC") || WORD_IS(word, n, "OGG") || WORD_IS(word, n, "APE") ||
                 WORD_IS(word, n, "WV"))
            ft = TOCEX_CUE_FILE_OTHER; /* not CDRWIN, but written by some rippers (libcue noncompliant.c) */
        else
            return fail(p, TOCEX_E_PARSE, "FILE \"%s\": unknown file type \"%s\"", name, type);
        if (sh->file_count == sh->file_cap) {
            size_t cap = sh->file_cap == 0 ? 4 : 2 * sh->file_cap;
            tocex_cue_file *more;
            if (cap > TOCEX_CUE_MAX_FILES)
                cap = TOCEX_CUE_MAX_FILES;
            more = realloc(sh->files, cap * sizeof *more);
            if (more == NULL)
                return fail(p, TOCEX_E_NOMEM, "out of memory");
            sh->files = more;
            sh->file_cap = cap;
        }
        f = &sh->files[sh->file_count];
        memset(f, 0, sizeof *f);
        f->data_bytes = -1;
        f->line = p->line;
        f->type = ft;
        memcpy(f->type_word, word, sizeof f->type_word);
        f->name = name;
    }
    p->cur_file = (int)sh->file_count;
    sh->file_count++;
    return TOCEX_OK;
}

/* A TRACK line that passed every check takes the next slot: mi is its entry in modes[], -1 for
 * EAC's MODEx/2xxx. Slots past track_count hold anything: this one is cleared here. */
static inline void take_track(parser *p, long n, int mi)
{
    tocex_cue_sheet *sh = p->sheet;
    tocex_cue_track *t = &sh->tracks[sh->track_count];
    /* field by field: cheaper than clearing the whole slot first */
    t->number = (uint8_t)n;
    t->session = p->session;
    t->placeholder = false;
    t->scms = false;
    memset(t->isrc, 0, sizeof t->isrc);
    t->pregap = TOCEX_CUE_NONE;
    t->postgap = TOCEX_CUE_NONE;
    t->line = p->line;
    t->file = (uint16_t)p->cur_file;
    t->last_index = -1;
    t->index_01[0] = (tocex_cue_index){.set = false};
    t->index_01[1] = (tocex_cue_index){.set = false};
    t->index = t->index_01;
    if (mi < 0) {
        /* EAC writes this for a data track it did not extract (whipper test data kanye.cue):
         * a data track of unknown mode, usually with only an INDEX 00 */
        t->placeholder = true;
        t->mode = TOCEX_MODE_UNKNOWN;
        t->control = TOCEX_CONTROL_DATA;
        t->sector_size = 2352; /* EAC rips are raw 2352-byte frames */
        memcpy(t->mode_word, "MODEX/2XXX", sizeof "MODEX/2XXX");
        memset(t->mode_word + sizeof "MODEX/2XXX", 0, sizeof t->mode_word - sizeof "MODEX/2XXX");
    } else {
        t->mode = modes[mi].mode;
        t->sector_size = modes[mi].sector_size;
        memcpy(t->mode_word, modes[mi].word, sizeof t->mode_word); /* the type word in upper case */
        t->control = modes[mi].mode != TOCEX_MODE_AUDIO ? TOCEX_CONTROL_DATA : 0; /* every other is data */
    }
    sh->track_count++;
    p->track = t;
}

/* The type word (v, n as scan_word gives them) of a TRACK line: the modes[] entry, -1 for
 * MODEx/2xxx, -2 if unknown. */
static int track_type(const char *type, const uint64_t v[2], size_t n)
{
    if (n == 10 && caseeq(type, "MODEX/2XXX", 10))
        return -1;
    return mode_index(v, n) >= 0 ? mode_index(v, n) : -2;
}

static tocex_status cmd_track(parser *p, char *rest)
{
    tocex_cue_sheet *sh = p->sheet;
    size_t type_len;
    uint64_t v[2];
    char *s = rest, *num = next_word(p, &s), *type = next_word_fold(p, &s, &type_len, v);
    long n;
    int mi;
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
    if (next_word(p, &s) != NULL)
        return fail(p, TOCEX_E_PARSE, "TRACK %s: unexpected text after the track type", num);
    if ((st = finish_track(p)) != TOCEX_OK)
        return st;
    if (sh->track_count > 0 && n != sh->tracks[sh->track_count - 1].number + 1)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->line,
                                   "TRACK %02ld follows TRACK %02u: track numbers must go up by one", n,
                                   sh->tracks[sh->track_count - 1].number);
    if ((mi = track_type(type, v, type_len)) < -1)
        return fail(p, TOCEX_E_PARSE, "TRACK %s: unknown track type \"%s\"", num, type);
    take_track(p, n, mi);
    return TOCEX_OK;
}

/* Two decimal digits at s (the second byte is read only when the first is a digit). */
static bool two_digits(const char *s, int *v)
{
    unsigned a = (unsigned)(unsigned char)s[0] - '0', b;
    if (a > 9)
        return false;
    b = (unsigned)(unsigned char)s[1] - '0';
    if (b > 9)
        return false;
    *v = (int)(a * 10 + b);
    return true;
}

/* "nn mm:ss:ff" with nothing after, as nearly every writer puts INDEX: read in one go. False
 * for anything else (and for an out-of-range time), which the general path then reads and
 * reports. Every byte is read only after the one before it matched, so none past the NUL. */
static bool index_canonical(const char *r, long *n, int32_t *frames)
{
    int number, m, sec, f;
    if (!two_digits(r, &number) || r[2] != ' ' || !two_digits(r + 3, &m) || r[5] != ':' || !two_digits(r + 6, &sec) ||
        r[8] != ':' || !two_digits(r + 9, &f) || r[11] != '\0' || sec >= 60 || f >= 75)
        return false;
    *n = number;
    *frames = (int32_t)(m * 4500 + sec * 75 + f);
    return true;
}

/* INDEX n at `frames` into the current track, all checks passed. */
static tocex_status set_index(parser *p, long n, int32_t frames)
{
    tocex_cue_track *t = p->track;
    if (n >= 2 && t->index == t->index_01) {
        tocex_cue_index *all = calloc(100, sizeof *all);
        if (all == NULL)
            return fail(p, TOCEX_E_NOMEM, "out of memory");
        memcpy(all, t->index_01, sizeof t->index_01);
        t->index = all;
    }
    t->index[n].set = true;
    t->index[n].frames = frames;
    t->index[n].file = (uint16_t)p->cur_file;
    t->index[n].line = p->line;
    t->last_index = (int8_t)n;
    p->last_index_file = p->cur_file;
    p->last_index_frames = frames;
    return TOCEX_OK;
}

/* The checks cmd_index makes once the line is read: true if INDEX n at `frames` may follow. */
static bool index_fits(const parser *p, long n, int32_t frames)
{
    const tocex_cue_track *t = p->track;
    return n > t->last_index && !(t->last_index < 0 && n > 1) &&
           !(p->last_index_file == p->cur_file && frames <= p->last_index_frames);
}

static tocex_status cmd_index(parser *p, char *rest)
{
    tocex_cue_track *t = p->track;
    char *s = rest, *num, *time;
    long n;
    int32_t frames = 0;
    int prev = -1;
    tocex_status st;
    if (t != NULL && index_canonical(rest, &n, &frames) && index_fits(p, n, frames))
        return set_index(p, n, frames); /* the checks below, all passed */
    num = next_word(p, &s);
    time = next_word(p, &s);
    if (t == NULL)
        return fail(p, TOCEX_E_PARSE, "INDEX before any TRACK");
    if (!is_number(num, &n) || n > 99)
        return fail(p, TOCEX_E_PARSE, "INDEX: index number \"%s\" is not 0..99", num);
    if ((st = msf_arg(p, time, "INDEX", &frames)) != TOCEX_OK)
        return st;
    if (next_word(p, &s) != NULL)
        return fail(p, TOCEX_E_PARSE, "INDEX %s: unexpected text after the time", num);
    prev = t->last_index;
    if (n <= prev)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->line,
                                   "INDEX %02ld after INDEX %02d: index numbers must ascend", n, prev);
    if (prev < 0 && n > 1)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->line,
                                   "INDEX %02ld is the track's first index: INDEX 00 or 01 must come first", n);
    if (p->last_index_file == p->cur_file && frames <= p->last_index_frames)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->line,
                                   "INDEX %02ld at %s is not after the previous INDEX in this FILE", n, time);
    return set_index(p, n, frames);
}

static tocex_status cmd_gap(parser *p, char *rest, bool pre)
{
    const char *cmd = pre ? "PREGAP" : "POSTGAP";
    char *s = rest, *time = next_word(p, &s);
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
    size_t n;
    if (p->track == NULL)
        return fail(p, TOCEX_E_PARSE, "FLAGS before any TRACK");
    /* FLAGS replaces the flags but keeps the data bit the track type sets */
    p->track->control &= TOCEX_CONTROL_DATA;
    p->track->scms = false;
    while ((w = next_word_len(p, &s, &n)) != NULL) {
        if (WORD_IS(w, n, "DCP"))
            p->track->control |= TOCEX_CONTROL_COPY;
        else if (WORD_IS(w, n, "4CH"))
            p->track->control |= TOCEX_CONTROL_4CH;
        else if (WORD_IS(w, n, "PRE"))
            p->track->control |= TOCEX_CONTROL_PREEMPHASIS;
        else if (WORD_IS(w, n, "SCMS"))
            p->track->scms = true; /* serial copy management lives in the sub-channel, not the CONTROL nibble */
        else if (WORD_IS(w, n, "DATA"))
            continue; /* written by some tools; the data bit already comes from the track type */
        else
            return fail(p, TOCEX_E_PARSE, "FLAGS: unknown flag \"%s\" (DCP, 4CH, PRE, SCMS)", w);
    }
    return TOCEX_OK;
}

#if TOCEX_SWAR_LE
/* The high bit of every byte of x in lo..hi (both below 80h). */
static inline uint64_t bytes_in(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t t = x & TOCEX_SWAR_LOWS;
    return (t + TOCEX_SWAR_ONES * (0x80 - lo)) & ~(t + TOCEX_SWAR_ONES * (0x7F - hi)) & ~x & TOCEX_SWAR_HIGHS;
}
#endif

/* ISO 3901: CC OOO YY NNNNN: country and owner alphanumeric, year and designation digits.
 * s holds 12 bytes; upper gets them in upper case (13 bytes with the NUL). */
static inline bool isrc_upper(const char *s, char *upper)
{
#if TOCEX_SWAR_LE
    /* twelve bytes as one word and a half, every byte's class tested at once: with bit 5 set,
     * exactly the letters of either case are 'a'..'z'; clearing it makes them upper case */
    uint64_t x = tocex_swar_load(s), letters = bytes_in(x | TOCEX_SWAR_ONES * 0x20, 'a', 'z'),
             digits = bytes_in(x, '0', '9');
    uint32_t tail;
    memcpy(&tail, s + 8, sizeof tail);
    x &= ~(letters >> 2);
    memcpy(upper, &x, 8);
    memcpy(upper + 8, &tail, 4);
    upper[12] = '\0';
    /* bytes 0-4 a digit or a letter, 5-11 digits */
    return ((letters & 0x8080808080ull) | digits) == TOCEX_SWAR_HIGHS && bytes_in(tail, '0', '9') == 0x80808080ull;
#else
    for (int i = 0; i < 12; i++) {
        char c = ascii_upper(s[i]);
        if (!(ascii_digit(c) || (i < 5 && c >= 'A' && c <= 'Z')))
            return false;
        upper[i] = c;
    }
    upper[12] = '\0';
    return true;
#endif
}

static tocex_status cmd_isrc(parser *p, char *rest)
{
    char *s, upper[16];
    size_t n;
    tocex_status st;
    if (p->track == NULL)
        return fail(p, TOCEX_E_PARSE, "ISRC before any TRACK");
    if ((st = string_arg_len(p, rest, "ISRC", &s, &n)) != TOCEX_OK)
        return st;
    if (n != 12)
        return fail(p, TOCEX_E_PARSE, "ISRC \"%s\" is not 12 characters", s);
    if (!isrc_upper(s, upper))
        return fail(p, TOCEX_E_PARSE, "ISRC \"%s\" is not CCOOOYYNNNNN (ISO 3901)", s);
    if (memcmp(upper, "000000000000", 12) == 0) {
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
        if (!ascii_digit(s[i]))
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

/* A field's row is cleared when it is first used; until then the sheet points it at a shared
 * row of NULLs. */
static inline void text_put(tocex_cue_sheet *sh, tocex_cdtext_field field, unsigned slot, char *text, long line)
{
    tocex_cue_text_row *row = &sh->text_rows[field];
    if (sh->text[field] != row->text) {
        memset(row->text, 0, sizeof row->text);
        sh->text[field] = row->text;
    }
    row->text[slot] = text;
    row->line[slot] = line;
    sh->text_any = true;
}

void tocex_cue_sheet_set_text(tocex_cue_sheet *sh, tocex_cdtext_field field, unsigned slot, char *text, long line)
{
    if ((unsigned)field < TOCEX_CDTEXT_FIELD_COUNT && slot < 100)
        text_put(sh, field, slot, text, line);
}

static void put_text(parser *p, tocex_cdtext_field field, unsigned slot, char *s)
{
    text_put(p->sheet, field, slot, s, p->line);
}

/* Fields that belong to the disc only. */
static bool disc_field(tocex_cdtext_field field)
{
    return field == TOCEX_CDTEXT_DISC_ID || field == TOCEX_CDTEXT_GENRE;
}

static tocex_status set_text(parser *p, tocex_cdtext_field field, const char *cmd, char *rest)
{
    char *s;
    unsigned slot = p->track != NULL ? p->track->number : 0;
    tocex_status st;
    if ((st = string_arg(p, rest, cmd, &s)) != TOCEX_OK)
        return st;
    if (disc_field(field) && slot != 0)
        return fail(p, TOCEX_E_PARSE, "%s belongs to the disc, not to a track", cmd);
    put_text(p, field, slot, s);
    return TOCEX_OK;
}

static void session_rem_init(tocex_cue_session_rem *r)
{
    r->lead_out = TOCEX_CUE_NONE;
    r->lead_in = TOCEX_CUE_NONE;
    r->pregap = TOCEX_CUE_NONE;
    r->lead_out_line = 0;
}

static tocex_status cmd_session(parser *p, char *rest)
{
    char *s = rest, *num = next_word(p, &s);
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
    session_rem_init(&p->sheet->session_rem[n]);
    p->sheet->sessions_given = true;
    return TOCEX_OK;
}

/* REM LEAD-OUT / LEAD-IN / PREGAP: belong to the boundary after the last track's session. */
static tocex_status cmd_session_gap(parser *p, char *rest, const char *what)
{
    tocex_cue_sheet *sh = p->sheet;
    char *s = rest, *time = next_word(p, &s);
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

/* Words after REM that mean something (the folded value of a word of n bytes). */
typedef enum rem_word {
    REM_OTHER = 0,
    REM_SESSION,
    REM_LEAD_OUT,
    REM_LEAD_IN,
    REM_PREGAP,
    REM_ORIGINAL,
    REM_COMPOSER,
    REM_ARRANGER,
    REM_SONGWRITER,
    REM_MESSAGE,
    REM_GENRE,
    REM_DATE,
    REM_DISCID,
    REM_COMMENT
} rem_word;

static rem_word rem_word_of(const uint64_t v[2], size_t n)
{
    uint64_t lo = v[0], hi = v[1];
    switch (n) {
    case 4:
        if (lo == K('d', 'a', 't', 'e', 0, 0, 0, 0))
            return REM_DATE;
        break;
    case 5:
        if (lo == K('g', 'e', 'n', 'r', 'e', 0, 0, 0))
            return REM_GENRE;
        break;
    case 6:
        if (lo == K('p', 'r', 'e', 'g', 'a', 'p', 0, 0))
            return REM_PREGAP;
        if (lo == K('d', 'i', 's', 'c', 'i', 'd', 0, 0))
            return REM_DISCID;
        break;
    case 7:
        if (lo == K('s', 'e', 's', 's', 'i', 'o', 'n', 0))
            return REM_SESSION;
        if (lo == K('l', 'e', 'a', 'd', '-', 'i', 'n', 0))
            return REM_LEAD_IN;
        if (lo == K('m', 'e', 's', 's', 'a', 'g', 'e', 0))
            return REM_MESSAGE;
        if (lo == K('c', 'o', 'm', 'm', 'e', 'n', 't', 0))
            return REM_COMMENT;
        break;
    case 8:
        if (lo == K('l', 'e', 'a', 'd', '-', 'o', 'u', 't'))
            return REM_LEAD_OUT;
        if (lo == K('o', 'r', 'i', 'g', 'i', 'n', 'a', 'l'))
            return REM_ORIGINAL;
        if (lo == K('c', 'o', 'm', 'p', 'o', 's', 'e', 'r'))
            return REM_COMPOSER;
        if (lo == K('a', 'r', 'r', 'a', 'n', 'g', 'e', 'r'))
            return REM_ARRANGER;
        break;
    case 10:
        if (lo == K('s', 'o', 'n', 'g', 'w', 'r', 'i', 't') && hi == K('e', 'r', 0, 0, 0, 0, 0, 0))
            return REM_SONGWRITER;
        break;
    default: break;
    }
    return REM_OTHER;
}

static tocex_status cmd_rem(parser *p, char *rest)
{
    tocex_cue_sheet *sh = p->sheet;
    size_t n;
    uint64_t fv[2];
    char *s = rest, *w = next_word_fold(p, &s, &n, fv), *v, **slot = NULL;
    if (w == NULL)
        return TOCEX_OK;
    switch (rem_word_of(fv, n)) {
    case REM_SESSION: return cmd_session(p, s);
    case REM_LEAD_OUT: return cmd_session_gap(p, s, "REM LEAD-OUT");
    case REM_LEAD_IN: return cmd_session_gap(p, s, "REM LEAD-IN");
    case REM_PREGAP: return cmd_session_gap(p, s, "REM PREGAP");
    case REM_ORIGINAL: {
        /* CDRWin 10: "REM ORIGINAL MEDIA-TYPE: CD" (Aaru CDRWin/Constants.cs) */
        char *key = next_word(p, &s);
        if (key != NULL && strncasecmp(key, "MEDIA-TYPE", 10) == 0) {
            tocex_media m;
            char *val = key[10] == ':' && key[11] != '\0' ? key + 11 : next_word(p, &s);
            if (val == NULL)
                return fail(p, TOCEX_E_PARSE, "REM ORIGINAL MEDIA-TYPE: media name missing");
            trim_end(val, val + strlen(val));
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
    /* CD-TEXT fields some writers keep in REM lines (foobar2000 style "REM COMPOSER") */
    case REM_COMPOSER: return set_text(p, TOCEX_CDTEXT_COMPOSER, w, s);
    case REM_ARRANGER: return set_text(p, TOCEX_CDTEXT_ARRANGER, w, s);
    case REM_SONGWRITER: return set_text(p, TOCEX_CDTEXT_SONGWRITER, w, s);
    case REM_MESSAGE: return set_text(p, TOCEX_CDTEXT_MESSAGE, w, s);
    /* EAC / foobar2000 metadata: kept for callers, not part of the disc */
    case REM_GENRE: slot = &sh->rem_genre; break;
    case REM_DATE: slot = &sh->rem_date; break;
    case REM_DISCID: slot = &sh->rem_discid; break;
    case REM_COMMENT: slot = &sh->rem_comment; break;
    default: break;
    }
    if (slot == NULL || p->track != NULL)
        return TOCEX_OK; /* any other REM is a comment */
    if (string_arg(p, s, w, &v) != TOCEX_OK)
        return TOCEX_OK; /* a malformed comment is still a comment */
    keep_string(slot, v);
    return TOCEX_OK;
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
    keep_string(&p->sheet->cdtextfile, s);
    return TOCEX_OK;
}

static tocex_status parse_line(parser *p, char *line)
{
    uint64_t v[2];
    size_t n;
    char *cmd = line, *s;
#if TOCEX_SWAR_LE
    if (p->limit - line >= 8) {
        /* indentation: up to 8 blanks at once */
        uint64_t x = tocex_swar_load(line);
        uint64_t other = ~(tocex_swar_zero_bytes(x ^ (TOCEX_SWAR_ONES * ' ')) |
                           tocex_swar_zero_bytes(x ^ (TOCEX_SWAR_ONES * '\t'))) &
                         TOCEX_SWAR_HIGHS;
        if (other != 0)
            cmd += tocex_swar_first(other);
        else
            cmd += 8;
    }
#endif
    cmd = skip_space(cmd);
    if (*cmd == '\0')
        return TOCEX_OK;
    n = scan_word(p, cmd, v);
    s = cmd + n;
    if (*s != '\0')
        *s++ = '\0'; /* cut the word off, as next_word() */
    switch (n >= 3 && n <= 10 ? command_of(v) : TOCEX_CUE_CMD_NONE) {
    case TOCEX_CUE_CMD_REM: return cmd_rem(p, s);
    case TOCEX_CUE_CMD_FILE: return cmd_file(p, s);
    case TOCEX_CUE_CMD_TRACK: return cmd_track(p, s);
    case TOCEX_CUE_CMD_INDEX: return cmd_index(p, s);
    case TOCEX_CUE_CMD_PREGAP: return cmd_gap(p, s, true);
    case TOCEX_CUE_CMD_POSTGAP: return cmd_gap(p, s, false);
    case TOCEX_CUE_CMD_FLAGS: return cmd_flags(p, s);
    case TOCEX_CUE_CMD_ISRC: return cmd_isrc(p, s);
    case TOCEX_CUE_CMD_CATALOG: return cmd_catalog(p, s);
    case TOCEX_CUE_CMD_CDTEXTFILE:
    case TOCEX_CUE_CMD_CDTEXMAIN: return cmd_cdtextfile(p, s);
    case TOCEX_CUE_CMD_TITLE: return set_text(p, TOCEX_CDTEXT_TITLE, "TITLE", s);
    case TOCEX_CUE_CMD_PERFORMER: return set_text(p, TOCEX_CDTEXT_PERFORMER, "PERFORMER", s);
    case TOCEX_CUE_CMD_SONGWRITER: return set_text(p, TOCEX_CDTEXT_SONGWRITER, "SONGWRITER", s);
    case TOCEX_CUE_CMD_COMPOSER: return set_text(p, TOCEX_CDTEXT_COMPOSER, "COMPOSER", s);
    case TOCEX_CUE_CMD_ARRANGER: return set_text(p, TOCEX_CDTEXT_ARRANGER, "ARRANGER", s);
    case TOCEX_CUE_CMD_MESSAGE: return set_text(p, TOCEX_CDTEXT_MESSAGE, "MESSAGE", s);
    case TOCEX_CUE_CMD_DISC_ID: return set_text(p, TOCEX_CDTEXT_DISC_ID, "DISC_ID", s);
    case TOCEX_CUE_CMD_GENRE: return set_text(p, TOCEX_CDTEXT_GENRE, "GENRE", s);
    case TOCEX_CUE_CMD_UPC_EAN: return set_text(p, TOCEX_CDTEXT_UPC_ISRC, "UPC_EAN", s);
    case TOCEX_CUE_CMD_TOC_INFO:
    case TOCEX_CUE_CMD_TOC_INFO2:
    case TOCEX_CUE_CMD_SIZE_INFO:
        /* binary CD-TEXT packs 88h/89h/8Fh: the encoder derives them from the TOC and texts */
        p->sheet->ignored_binary_text = true;
        return TOCEX_OK;
    default: break;
    }
    return fail(p, TOCEX_E_PARSE, "unknown command \"%s\"", cmd);
}

/* ---- the usual lines, read in one go ----
 * Nearly every line of a sheet is "TRACK nn TYPE", "INDEX nn mm:ss:ff", "ISRC code" or
 * "TITLE \"text\"" (or another CD-TEXT keyword) in the form writers use: indented by spaces,
 * one space after each word, nothing after the last. fast_line() reads such a line
 * straight from the text, without finding its end and cutting it into words first, and
 * returns where the next line starts. For any other line, and for one its command would refuse,
 * it returns NULL having changed nothing: parse_line() then reads the line and words the error. */
#if TOCEX_SWAR_LE

/* Bytes fast_line() may read from the start of a line: indentation (< 8) and 16 bytes of the
 * keyword; then at most "INDEX nn mm:ss:ff" and its line end, or "TRACK nn " and 16 bytes of
 * the type (7 + 6 + 3 + 16). A text is read up to its line end, which lies in the text. */
#define FAST_ROOM 32

/* Where the line after a line end at q starts (q: LF, CR of CR or CRLF, or the text's end). */
static inline char *after_eol(char *q, const char *end)
{
    if (q == end)
        return q;
    return q + 1 + (q[0] == '\r' && q + 1 < end && q[1] == '\n');
}

/* A line ends at c (the decoded text holds no NUL but its final one). */
static inline bool eol_char(char c)
{
    return c == '\n' || c == '\r' || c == '\0';
}

/* The word at w (16 bytes may be read there): its length when a byte up to 20h (blank, control
 * byte) ends it within 16 bytes, else 0. v gets its value with bit 5 of every byte set, zero past
 * the word: for letters and digits the folded value of K() (a letter in either case gives its
 * lower case, and no other byte does), so a word of letters and digits has the value of
 * the keyword it spells; '_' (5Fh) gives 7Fh like DEL and so matches no keyword value. */
static inline size_t fast_word(const char *w, uint64_t v[2])
{
    const uint64_t bit5 = TOCEX_SWAR_ONES * 0x20;
    uint64_t x = tocex_swar_load(w), x2, m = tocex_swar_below(x, 0x21);
    /* m ^ (m - 1): the bits up to the end mark, the high bit of the ending byte; >> 8 leaves
     * the bytes before it */
    if (m != 0) {
        v[0] = (x | bit5) & ((m ^ (m - 1)) >> 8);
        v[1] = 0;
        return tocex_swar_first(m);
    }
    x2 = tocex_swar_load(w + 8);
    m = tocex_swar_below(x2, 0x21);
    if (m == 0)
        return 0;
    v[0] = x | bit5;
    v[1] = (x2 | bit5) & ((m ^ (m - 1)) >> 8);
    return 8 + tocex_swar_first(m);
}

/* rest = "nn mm:ss:ff" and the line end, INDEX 00 or 01: index_canonical() on eight bytes at
 * once. */
static inline char *fast_index(parser *p, char *rest, const char *end)
{
    uint64_t x, y, w;
    uint32_t tail;
    unsigned n, sec, f;
    int32_t frames;
    /* bytes minus the pattern: the digits give 0..9, the separators 0 (x + 76h sets the high
     * bit of a byte from 10 up, y + 7Fh of a byte from 1 up; the low 7 bits carry no further) */
    x = tocex_swar_load(rest) ^ K('0', '0', ' ', '0', '0', ':', '0', '0');
    memcpy(&tail, rest + 8, sizeof tail);
    y = (uint64_t)tail ^ K(':', '0', '0', 0, 0, 0, 0, 0);
    if (((((x & TOCEX_SWAR_LOWS) + TOCEX_SWAR_ONES * (0x80 - 10)) | x) & TOCEX_SWAR_HIGHS) != 0 ||
        (x & 0x0000FF0000FF0000ull) != 0 || ((((y & 0x7F7F7F) + 0x76767F) | y) & 0x808080) != 0 || !eol_char(rest[11]))
        return NULL;
    /* byte i of w: digit i * 10 + digit i+1 (at most 99: no carry between bytes) */
    w = x * 10 + (x >> 8);
    n = (unsigned)w & 0xFF;
    sec = (unsigned)(w >> 48) & 0xFF;
    f = (unsigned)((y * 10 + (y >> 8)) >> 8) & 0xFF;
    if (n > 1 || sec >= 60 || f >= 75 || p->track == NULL)
        return NULL;
    frames = (int32_t)(((unsigned)(w >> 24) & 0xFF) * 4500 + sec * 75 + f);
    if (!index_fits(p, n, frames))
        return NULL;
    (void)set_index(p, n, frames); /* INDEX 00 and 01 are inline: nothing to allocate */
    return after_eol(rest + 11, end);
}

/* rest = "nn TYPE" and the line end. */
static inline char *fast_track(parser *p, char *rest, const char *end)
{
    tocex_cue_sheet *sh = p->sheet;
    const tocex_cue_track *cur = p->track, *last = sh->track_count > 0 ? &sh->tracks[sh->track_count - 1] : NULL;
    char *type = rest + 3;
    uint64_t v[2];
    size_t n;
    int num, mi;
    if (!two_digits(rest, &num) || (rest[2] != ' ' && rest[2] != '\t'))
        return NULL;
    n = fast_word(type, v);
    if (n == 0 || !eol_char(type[n]))
        return NULL;
    /* cmd_track's checks: a failing one is worded there */
    if (p->cur_file < 0 || sh->track_count >= TOCEX_MAX_TRACKS || num < 1 ||
        (cur != NULL && !cur->index[1].set && !cur->placeholder) || (last != NULL && num != last->number + 1) ||
        (mi = track_type(type, v, n)) < -1)
        return NULL;
    take_track(p, num, mi);
    return after_eol(type + n, end);
}

/* rest = the 12 characters and the line end. */
static inline char *fast_isrc(parser *p, char *rest, const char *end)
{
    char upper[16];
    if (p->track == NULL || !eol_char(rest[12]) || !isrc_upper(rest, upper))
        return NULL;
    if (memcmp(upper, "000000000000", 12) == 0)
        p->sheet->isrc_zero = true; /* as cmd_isrc */
    else
        memcpy(p->track->isrc, upper, 13);
    return after_eol(rest + 12, end);
}

/* rest = "\"text\"" ending the line, as string_arg_len() reads it. */
static inline char *fast_text(parser *p, tocex_cdtext_field field, const char *line, char *rest, const char *end)
{
    char *s = rest + 1, *q;
    size_t most, n;
    unsigned slot = p->track != NULL ? p->track->number : 0;
    if (*rest != '"' || (disc_field(field) && slot != 0))
        return NULL;
    /* the line end, looked for no further than the longest line allowed */
    most = TOCEX_CUE_MAX_LINE - (size_t)(s - line);
    n = tocex_swar_find_eol(s, (size_t)(end - s) <= most ? (size_t)(end - s) : most + 1);
    if (n > most)
        return NULL;
    q = s + n;
    if (q - rest < 2 || q[-1] != '"')
        return NULL;
    q[-1] = '\0';
    text_put(p->sheet, field, slot, s, p->line);
    return after_eol(q, end);
}

/* The low n bytes of y equal those of the keyword value k (n < 8). */
#define LOW_BYTES_ARE(y, k, n) (((y) << (64 - 8 * (n))) == ((uint64_t)(k) << (64 - 8 * (n))))

static inline char *fast_line(parser *p, char *line, const char *end)
{
    const uint64_t bit5 = TOCEX_SWAR_ONES * 0x20;
    uint64_t x, blank, y, y2;
    char *cmd;
    tocex_cdtext_field field;
    if (p->limit - line < FAST_ROOM)
        return NULL;
    /* indentation: the first byte that is not a space (x ^ spaces is not zero there) */
    x = tocex_swar_load(line) ^ (TOCEX_SWAR_ONES * ' ');
    blank = (((x & TOCEX_SWAR_LOWS) + TOCEX_SWAR_LOWS) | x) & TOCEX_SWAR_HIGHS;
    if (blank == 0)
        return NULL;
    cmd = line + tocex_swar_first(blank);
    /* the keyword and the space after it, with bit 5 of every byte set as in fast_word(): a
     * letter in either case matches, and a space only a space (a NUL, the other byte that gives
     * 20h, ends the text, which is further on) */
    y = tocex_swar_load(cmd) | bit5;
    y2 = tocex_swar_load(cmd + 8) | bit5;
    switch ((char)y) {
    case 'i':
        if (LOW_BYTES_ARE(y, K('i', 'n', 'd', 'e', 'x', ' ', 0, 0), 6))
            return fast_index(p, cmd + 6, end);
        if (LOW_BYTES_ARE(y, K('i', 's', 'r', 'c', ' ', 0, 0, 0), 5))
            return fast_isrc(p, cmd + 5, end);
        return NULL;
    case 't':
        if (LOW_BYTES_ARE(y, K('t', 'r', 'a', 'c', 'k', ' ', 0, 0), 6))
            return fast_track(p, cmd + 6, end);
        if (!LOW_BYTES_ARE(y, K('t', 'i', 't', 'l', 'e', ' ', 0, 0), 6))
            return NULL;
        field = TOCEX_CDTEXT_TITLE;
        cmd += 6;
        break;
    case 'p':
        if (y != K('p', 'e', 'r', 'f', 'o', 'r', 'm', 'e') || !LOW_BYTES_ARE(y2, K('r', ' ', 0, 0, 0, 0, 0, 0), 2))
            return NULL;
        field = TOCEX_CDTEXT_PERFORMER;
        cmd += 10;
        break;
    case 's':
        if (y != K('s', 'o', 'n', 'g', 'w', 'r', 'i', 't') || !LOW_BYTES_ARE(y2, K('e', 'r', ' ', 0, 0, 0, 0, 0), 3))
            return NULL;
        field = TOCEX_CDTEXT_SONGWRITER;
        cmd += 11;
        break;
    case 'c':
        if (y != K('c', 'o', 'm', 'p', 'o', 's', 'e', 'r') || (char)y2 != ' ')
            return NULL;
        field = TOCEX_CDTEXT_COMPOSER;
        cmd += 9;
        break;
    case 'a':
        if (y != K('a', 'r', 'r', 'a', 'n', 'g', 'e', 'r') || (char)y2 != ' ')
            return NULL;
        field = TOCEX_CDTEXT_ARRANGER;
        cmd += 9;
        break;
    case 'm':
        if (y != K('m', 'e', 's', 's', 'a', 'g', 'e', ' '))
            return NULL;
        field = TOCEX_CDTEXT_MESSAGE;
        cmd += 8;
        break;
    case 'g':
        if (!LOW_BYTES_ARE(y, K('g', 'e', 'n', 'r', 'e', ' ', 0, 0), 6))
            return NULL;
        field = TOCEX_CDTEXT_GENRE;
        cmd += 6;
        break;
    default: return NULL; /* DISC_ID and UPC_EAN hold a '_': parse_line() reads them */
    }
    return fast_text(p, field, line, cmd, end);
}

#else
static char *fast_line(parser *p, char *line, const char *end)
{
    (void)p;
    (void)line;
    (void)end;
    return NULL;
}
#endif

void tocex_cue_sheet_free(tocex_cue_sheet *sheet)
{
    if (sheet == NULL)
        return;
    for (size_t k = 0; k < sheet->track_count; k++)
        if (sheet->tracks[k].index != sheet->tracks[k].index_01)
            free(sheet->tracks[k].index);
    free(sheet->files);
    free(sheet->storage); /* every string of the sheet lives there */
    free(sheet);
}

static tocex_status parse_text(const char *name, tocex_text text, tocex_cue_sheet **out, tocex_error *err);

tocex_status tocex_cue_parse(const char *name, const uint8_t *data, size_t len, tocex_cue_sheet **out,
                             tocex_error *err)
{
    tocex_text text;
    tocex_status st;

    *out = NULL;
    if (name == NULL)
        name = "(input)";
    if (data == NULL && len > 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no data", name);
    if ((st = tocex_text_decode(name, data != NULL ? data : (const uint8_t *)"", len, &text, err)) != TOCEX_OK)
        return st;
    return parse_text(name, text, out, err);
}

tocex_status tocex_cue_parse_buffer(const char *name, uint8_t *buf, size_t len, size_t cap, tocex_cue_sheet **out,
                                    tocex_error *err)
{
    tocex_text text;
    tocex_status st;

    *out = NULL;
    if (name == NULL)
        name = "(input)";
    if (buf == NULL && len > 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no data", name);
    if ((st = tocex_text_decode_buffer(name, buf, len, cap, &text, err)) != TOCEX_OK)
        return st;
    return parse_text(name, text, out, err);
}

/* Parse decoded text; the sheet takes text.utf8 over (freed here on failure). */
static tocex_status parse_text(const char *name, tocex_text text, tocex_cue_sheet **out, tocex_error *err)
{
    tocex_cue_sheet *sh;
    parser p;
    tocex_status st;
    char *pos, *end;

    /* Not cleared as a whole: the header is, the rest as it is used (see cue.h). */
    sh = malloc(sizeof *sh);
    if (sh == NULL) {
        tocex_text_free(&text);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", name);
    }
    memset(sh, 0, offsetof(tocex_cue_sheet, session_rem));
    sh->storage = text.utf8; /* the sheet's strings stay in the decoded text */
    sh->name = name;
    sh->encoding = tocex_text_encoding_name(text.encoding);
    sh->media = TOCEX_MEDIA_CD_ROM;
    for (size_t f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
        sh->text[f] = tocex_cdtext_no_texts;
        sh->text_line[f] = sh->text_rows[f].line;
    }
    session_rem_init(&sh->session_rem[0]);
    session_rem_init(&sh->session_rem[1]);
    memset(&p, 0, sizeof p);
    p.sheet = sh;
    p.name = name;
    p.err = err;
    p.cur_file = -1;
    p.session = 1;
    p.last_index_file = -1;
    /* Lines as tocex_lines_next() cuts them (LF, CRLF or a lone CR; longer than
     * TOCEX_CUE_MAX_LINE is refused), parsed in place: the line end becomes the line's NUL
     * (after the last line, the text's own NUL). */
    st = TOCEX_OK;
    pos = text.utf8;
    end = text.utf8 + text.len;
    p.limit = end + 1;
    while (pos < end) {
        size_t left, n;
        char *next;
        p.line++;
        if ((next = fast_line(&p, pos, end)) != NULL) {
            pos = next;
            continue;
        }
        left = (size_t)(end - pos);
        n = tocex_swar_find_eol(pos, left <= TOCEX_CUE_MAX_LINE ? left : TOCEX_CUE_MAX_LINE + 1);
        if (n > TOCEX_CUE_MAX_LINE) {
            st = tocex_error_at_line(err, TOCEX_E_LIMIT, name, p.line, "line is longer than %zu bytes",
                                     (size_t)TOCEX_CUE_MAX_LINE);
            break;
        }
        next = pos + n;
        if (next < end) {
            next++;
            if (pos[n] == '\r' && next < end && *next == '\n')
                next++;
        }
        pos[n] = '\0';
        p.eol = pos + n;
        if ((st = parse_line(&p, pos)) != TOCEX_OK)
            break;
        pos = next;
    }
    if (st == TOCEX_OK)
        st = finish_track(&p);
    if (st == TOCEX_OK && sh->track_count == 0)
        st = tocex_error_at_line(err, TOCEX_E_PARSE, name, p.line > 0 ? p.line : 1,
                                 "the sheet has no TRACK");
    if (st == TOCEX_OK && p.cur_file >= 0 && p.last_index_file != p.cur_file)
        st = tocex_error_at_line(err, TOCEX_E_PARSE, name, sh->files[p.cur_file].line,
                                 "FILE \"%s\" holds no INDEX", sh->files[p.cur_file].name);
    if (st != TOCEX_OK) {
        tocex_cue_sheet_free(sh);
        return st;
    }
    *out = sh;
    return TOCEX_OK;
}
