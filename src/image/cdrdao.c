/* cdrdao .toc reader.
 *
 * Grammar and meaning follow cdrdao (trackdb/TocParser.g, man page "TOC FILES"):
 *  - positions count from the start of the first track's data; that is LBA 0 (cdrdao writes the
 *    mandatory 2-second lead-in pre-gap itself, it never appears in a toc file);
 *  - a track is the concatenation of its data statements (SILENCE, ZERO, FILE/AUDIOFILE, DATAFILE,
 *    FIFO); PREGAP x is x of silence/zeros in front plus START x; START marks INDEX 01 inside the
 *    track, everything before it is the pre-gap (INDEX 00); INDEX adds index 2, 3, ... relative to
 *    START;
 *  - lengths are MM:SS:FF or a number: samples (4 bytes) in audio tracks, bytes in data tracks;
 *  - a missing (or zero) length of FILE/DATAFILE means "to the end of the file", so the file is
 *    opened (relative to the .toc) and a WAVE header skipped.
 * Like cdrdao 1.2.4, a start position beyond the end of a file is refused; libcdio's own .toc
 * reader accepts that (its test files t2..t10 and data7 rely on it). Unlike cdrdao, FILE is
 * accepted in data tracks (libcdio's test files use it; the length unit is then the sector).
 * The format has no sessions: the result is one session; that is noted on the disc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/cdrdao_lex.h"
#include "tocex/addr.h"
#include "tocex/cdtext.h"
#include "tocex/image.h"
#include "util/file.h"
#include "util/text.h"

#define CDRDAO_MAX_FILE (16u * 1024 * 1024) /* a .toc is text; anything larger is not one */
#define SAMPLES_PER_FRAME 588u             /* 2352 bytes of 16-bit stereo */

typedef enum toc_mode {
    TM_AUDIO,
    TM_MODE0,
    TM_MODE1,
    TM_MODE1_RAW,
    TM_MODE2,
    TM_MODE2_FORM1,
    TM_MODE2_FORM2,
    TM_MODE2_FORM_MIX,
    TM_MODE2_RAW,
    TM_COUNT
} toc_mode;

static const struct {
    const char *name;
    uint16_t sector; /* bytes per sector in a data file */
    tocex_track_mode mode;
} toc_modes[TM_COUNT] = {
    [TM_AUDIO] = {"AUDIO", 2352, TOCEX_MODE_AUDIO},
    [TM_MODE0] = {"MODE0", 2336, TOCEX_MODE_MODE1},
    [TM_MODE1] = {"MODE1", 2048, TOCEX_MODE_MODE1},
    [TM_MODE1_RAW] = {"MODE1_RAW", 2352, TOCEX_MODE_MODE1},
    [TM_MODE2] = {"MODE2", 2336, TOCEX_MODE_MODE2},
    [TM_MODE2_FORM1] = {"MODE2_FORM1", 2048, TOCEX_MODE_MODE2_FORM1},
    [TM_MODE2_FORM2] = {"MODE2_FORM2", 2324, TOCEX_MODE_MODE2_FORM2},
    [TM_MODE2_FORM_MIX] = {"MODE2_FORM_MIX", 2336, TOCEX_MODE_MODE2_MIXED},
    [TM_MODE2_RAW] = {"MODE2_RAW", 2352, TOCEX_MODE_MODE2_MIXED},
};

static const struct {
    const char *name;
    tocex_cdtext_field field;
    bool binary_ok;
} cdtext_items[] = {
    {"TITLE", TOCEX_CDTEXT_TITLE, false},       {"PERFORMER", TOCEX_CDTEXT_PERFORMER, false},
    {"SONGWRITER", TOCEX_CDTEXT_SONGWRITER, false}, {"COMPOSER", TOCEX_CDTEXT_COMPOSER, false},
    {"ARRANGER", TOCEX_CDTEXT_ARRANGER, false}, {"MESSAGE", TOCEX_CDTEXT_MESSAGE, false},
    {"DISC_ID", TOCEX_CDTEXT_DISC_ID, false},   {"GENRE", TOCEX_CDTEXT_GENRE, true},
    {"TOC_INFO1", TOCEX_CDTEXT_TOC_INFO, true}, {"TOC_INFO2", TOCEX_CDTEXT_TOC_INFO2, true},
    {"RESERVED1", TOCEX_CDTEXT_RESERVED_8A, true}, {"RESERVED2", TOCEX_CDTEXT_RESERVED_8B, true},
    {"RESERVED3", TOCEX_CDTEXT_RESERVED_8C, true}, {"RESERVED4", TOCEX_CDTEXT_RESERVED_8C, true},
    {"CLOSED", TOCEX_CDTEXT_CLOSED, false},     {"UPC_EAN", TOCEX_CDTEXT_UPC_ISRC, false},
    {"ISRC", TOCEX_CDTEXT_UPC_ISRC, false},     {"SIZE_INFO", TOCEX_CDTEXT_SIZE_INFO, true},
};

typedef struct toc_track {
    toc_mode mode;
    unsigned subchan; /* 0, or 96 bytes of RW / RW_RAW per sector in files */
    bool copy, preemphasis, four_channel;
    char isrc[13];
    uint64_t len;       /* units: samples (audio) or bytes (data) */
    bool has_start;
    uint64_t start;     /* units */
    long start_line;
    bool has_data;      /* a data statement was seen (PREGAP must come first) */
    uint64_t last_index; /* units relative to START of the last INDEX */
    unsigned index_count;
    long line;
    bool len_from_file;
} toc_track;

typedef struct toc_parser {
    cdrdao_lexer lx;
    cdrdao_tok tok;
    const char *name;
    tocex_error *err;
    bool companions; /* companion files may be opened (the input has a name) */
    tocex_disc *disc;
    int disc_type; /* -1: not given */
    unsigned first_track_no;
    char mcn[14];
    size_t track_count;
    toc_track tracks[TOCEX_MAX_TRACKS];
    tocex_cdtext *ct;
    long cdtext_line; /* first CD_TEXT statement, for encoding errors */
    bool lang_mapped[TOCEX_CDTEXT_MAX_BLOCKS];
    bool charset_given[TOCEX_CDTEXT_MAX_BLOCKS];
    unsigned rounded_tracks;
} toc_parser;

static tocex_status next(toc_parser *p) { return cdrdao_lex_next(&p->lx, &p->tok, p->err); }

/* Put file:line in front of an error another module reported (err->message is reused). */
static tocex_status rewrap(toc_parser *p, tocex_status st, long line, const char *what)
{
    char msg[sizeof p->err->message];
    snprintf(msg, sizeof msg, "%s", p->err->message);
    if (line > 0)
        return tocex_error_at_line(p->err, st, p->name, line, "%s%s", what, msg);
    return tocex_error_set(p->err, st, "%s: %s%s", p->name, what, msg);
}

static bool is_word(const toc_parser *p, const char *w)
{
    return p->tok.kind == CDRDAO_TOK_IDENT && strcmp(p->tok.text, w) == 0;
}

static tocex_status unexpected(toc_parser *p, const char *expected)
{
    char what[96];
    return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->tok.line, "%s expected, found %s", expected,
                               cdrdao_tok_describe(&p->tok, what, sizeof what));
}

static tocex_status expect(toc_parser *p, cdrdao_tok_kind kind, const char *what)
{
    if (p->tok.kind != kind)
        return unexpected(p, what);
    return next(p);
}

static uint64_t units_per_frame(const toc_track *t)
{
    if (t->mode == TM_AUDIO)
        return SAMPLES_PER_FRAME;
    return (uint64_t)toc_modes[t->mode].sector + t->subchan;
}

/* A length/position token in units of the track: MM:SS:FF (frames) or a plain number. */
static tocex_status get_length(toc_parser *p, const toc_track *t, uint64_t *units, const char *what)
{
    if (p->tok.kind == CDRDAO_TOK_MSF)
        *units = p->tok.value * units_per_frame(t);
    else if (p->tok.kind == CDRDAO_TOK_INT)
        *units = p->tok.value;
    else
        return unexpected(p, what);
    return next(p);
}

static tocex_status get_msf(toc_parser *p, uint64_t *frames, const char *what)
{
    if (p->tok.kind != CDRDAO_TOK_MSF)
        return unexpected(p, what);
    *frames = p->tok.value;
    return next(p);
}

/* ---- companion files ---- */

/* Bytes of audio data in a file: the whole file, or the "data" chunk of a RIFF/WAVE file
 * (cdrdao skips the WAVE header and requires 44.1 kHz 16-bit stereo PCM). */
static tocex_status audio_file_bytes(toc_parser *p, long line, const char *path, const char *shown,
                                     uint64_t *bytes)
{
    uint8_t head[4096];
    size_t got;
    long long size = tocex_file_size(path, NULL);
    FILE *f;
    tocex_span s, chunk;
    uint32_t riff_len, id, clen;
    if (size < 0)
        return tocex_error_at_line(p->err, TOCEX_E_IO, p->name, line, "cannot open \"%s\" to find the length", shown);
    f = fopen(path, "rb");
    if (f == NULL)
        return tocex_error_at_line(p->err, TOCEX_E_IO, p->name, line, "cannot open \"%s\" to find the length", shown);
    got = fread(head, 1, sizeof head, f);
    fclose(f);
    *bytes = (uint64_t)size;
    tocex_span_init(&s, head, got);
    if (got < 12 || memcmp(head, "RIFF", 4) != 0 || memcmp(head + 8, "WAVE", 4) != 0)
        return TOCEX_OK;
    tocex_span_skip(&s, 4);
    tocex_span_get_u32le(&s, &riff_len);
    tocex_span_skip(&s, 4);
    for (;;) {
        if (!tocex_span_get_u32be(&s, &id) || !tocex_span_get_u32le(&s, &clen))
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                       "\"%s\": no data chunk in the first %zu bytes of the WAVE header", shown, got);
        if (id == 0x64617461u) { /* "data" */
            uint64_t at = (uint64_t)tocex_span_offset(&s);
            uint64_t avail = (uint64_t)size > at ? (uint64_t)size - at : 0;
            *bytes = clen < avail ? clen : avail;
            return TOCEX_OK;
        }
        if (id == 0x666D7420u) { /* "fmt " */
            uint16_t fmt, channels, bits;
            uint32_t rate;
            if (!tocex_span_get_span(&s, &chunk, clen) || !tocex_span_get_u16le(&chunk, &fmt) ||
                !tocex_span_get_u16le(&chunk, &channels) || !tocex_span_get_u32le(&chunk, &rate) ||
                !tocex_span_skip(&chunk, 6) || !tocex_span_get_u16le(&chunk, &bits))
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "\"%s\": truncated WAVE format chunk",
                                           shown);
            if (fmt != 1 || channels != 2 || rate != 44100 || bits != 16)
                return tocex_error_at_line(p->err, TOCEX_E_UNSUPPORTED, p->name, line,
                                           "\"%s\" is not 44.1 kHz 16-bit stereo PCM (format %u, %u channels, %u Hz, "
                                           "%u bits)",
                                           shown, fmt, channels, rate, bits);
            if (clen & 1)
                tocex_span_skip(&s, 1);
            continue;
        }
        if (!tocex_span_skip(&s, clen + (clen & 1u)))
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                       "\"%s\": no data chunk in the first %zu bytes of the WAVE header", shown, got);
    }
}

/* Units left in a file after `offset` bytes and `start` units. */
static tocex_status file_rest(toc_parser *p, toc_track *t, long line, const char *file, uint64_t offset,
                              uint64_t start, uint64_t *units)
{
    char *path = tocex_path_sibling(p->name, file);
    uint64_t bytes = 0, skip = 0;
    tocex_status st;
    if (path == NULL)
        return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
    if (!p->companions || tocex_file_size(path, NULL) < 0) {
        free(path);
        return tocex_error_at_line(p->err, TOCEX_E_IO, p->name, line,
                                   "no length given and \"%s\" cannot be opened to find it", file);
    }
    if (t->mode == TM_AUDIO) {
        st = audio_file_bytes(p, line, path, file, &bytes);
        skip = offset + start * 4;
    } else {
        long long size = tocex_file_size(path, NULL);
        bytes = (uint64_t)size;
        st = TOCEX_OK;
        skip = offset + start;
    }
    free(path);
    if (st != TOCEX_OK)
        return st;
    if (skip >= bytes)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                   "start position (byte %llu) is at or beyond the end of \"%s\" (%llu bytes)",
                                   (unsigned long long)skip, file, (unsigned long long)bytes);
    *units = t->mode == TM_AUDIO ? (bytes - skip) / 4 : bytes - skip;
    t->len_from_file = true;
    return TOCEX_OK;
}

/* ---- CD-TEXT ---- */

static tocex_status need_cdtext(toc_parser *p)
{
    if (p->ct == NULL) {
        p->ct = tocex_cdtext_new();
        if (p->ct == NULL)
            return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
    }
    return TOCEX_OK;
}

/* String bytes as UTF-8: cdrdao >= 1.2.5 writes UTF-8; older versions (and `cdrdao read-toc`
 * output such as whipper's jose.toc) write ISO-8859-1 bytes as octal escapes, which are not valid
 * UTF-8 and are converted here. Text in a double-byte block must be UTF-8. */
static char *string_to_utf8(const uint8_t *b, size_t n, bool latin1_ok)
{
    char *out;
    size_t k = 0;
    if (tocex_text_is_utf8(b, n)) {
        out = malloc(n + 1);
        if (out != NULL) {
            memcpy(out, b, n);
            out[n] = '\0';
        }
        return out;
    }
    if (!latin1_ok)
        return NULL;
    out = malloc(2 * n + 1);
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (b[i] < 0x80) {
            out[k++] = (char)b[i];
        } else {
            out[k++] = (char)(0xC0 | (b[i] >> 6));
            out[k++] = (char)(0x80 | (b[i] & 0x3F));
        }
    }
    out[k] = '\0';
    return out;
}

static tocex_status parse_binary(toc_parser *p, uint8_t *out, size_t cap, size_t *n)
{
    tocex_status st;
    *n = 0;
    if ((st = expect(p, CDRDAO_TOK_LBRACE, "'{'")) != TOCEX_OK)
        return st;
    while (p->tok.kind != CDRDAO_TOK_RBRACE) {
        if (*n > 0 && (st = expect(p, CDRDAO_TOK_COMMA, "',' or '}'")) != TOCEX_OK)
            return st;
        if (p->tok.kind != CDRDAO_TOK_INT || p->tok.value > 255)
            return unexpected(p, "a byte value 0..255");
        if (*n >= cap)
            return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, p->tok.line, "more than %zu bytes in { }", cap);
        out[(*n)++] = (uint8_t)p->tok.value;
        if ((st = next(p)) != TOCEX_OK)
            return st;
    }
    return next(p);
}

static tocex_status parse_language_block(toc_parser *p, unsigned track)
{
    tocex_status st;
    unsigned block;
    tocex_cdtext_block *b;
    if ((st = next(p)) != TOCEX_OK) /* LANGUAGE */
        return st;
    if (p->tok.kind != CDRDAO_TOK_INT || p->tok.value >= TOCEX_CDTEXT_MAX_BLOCKS)
        return unexpected(p, "a language number 0..7");
    block = (unsigned)p->tok.value;
    if ((st = next(p)) != TOCEX_OK || (st = expect(p, CDRDAO_TOK_LBRACE, "'{'")) != TOCEX_OK)
        return st;
    if ((st = need_cdtext(p)) != TOCEX_OK)
        return st;
    b = tocex_cdtext_block_get(p->ct, block, true);
    if (b == NULL)
        return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
    while (p->tok.kind != CDRDAO_TOK_RBRACE) {
        size_t i;
        long line = p->tok.line;
        if (p->tok.kind != CDRDAO_TOK_IDENT)
            return unexpected(p, "a CD-TEXT item");
        if (strncmp(p->tok.text, "ENCODING_", 9) == 0) {
            static const struct {
                const char *name;
                uint8_t code;
            } enc[] = {{"ENCODING_ISO_8859_1", TOCEX_CDTEXT_CHARSET_ISO8859_1},
                       {"ENCODING_ASCII", TOCEX_CDTEXT_CHARSET_ASCII},
                       {"ENCODING_MS_JIS", TOCEX_CDTEXT_CHARSET_MS_JIS},
                       {"ENCODING_KOREAN", TOCEX_CDTEXT_CHARSET_KOREAN},
                       {"ENCODING_MANDARIN", TOCEX_CDTEXT_CHARSET_MANDARIN}};
            for (i = 0; i < sizeof enc / sizeof enc[0]; i++)
                if (strcmp(p->tok.text, enc[i].name) == 0)
                    break;
            if (i == sizeof enc / sizeof enc[0])
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "unknown CD-TEXT encoding %s",
                                           p->tok.text);
            b->charset = enc[i].code;
            p->charset_given[block] = true;
            if ((st = next(p)) != TOCEX_OK)
                return st;
            continue;
        }
        for (i = 0; i < sizeof cdtext_items / sizeof cdtext_items[0]; i++)
            if (strcmp(p->tok.text, cdtext_items[i].name) == 0)
                break;
        if (i == sizeof cdtext_items / sizeof cdtext_items[0])
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "unknown CD-TEXT item %s", p->tok.text);
        if ((st = next(p)) != TOCEX_OK)
            return st;
        if (p->tok.kind == CDRDAO_TOK_STRING) {
            bool latin1_ok = b->charset == TOCEX_CDTEXT_CHARSET_ISO8859_1 || b->charset == TOCEX_CDTEXT_CHARSET_ASCII;
            char *utf8;
            if (cdtext_items[i].field == TOCEX_CDTEXT_SIZE_INFO)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "SIZE_INFO takes { bytes }");
            utf8 = string_to_utf8((const uint8_t *)p->tok.text, p->tok.text_len, latin1_ok);
            if (utf8 == NULL)
                return tocex_error_at_line(p->err, TOCEX_E_CHARSET, p->name, line,
                                           "CD-TEXT string is not UTF-8 (block %u is %s)", block,
                                           tocex_cdtext_charset_name(b->charset));
            if (b->charset == TOCEX_CDTEXT_CHARSET_ASCII && !p->charset_given[block]) {
                /* `cdrdao read-toc` copies the disc's size info, which may claim ASCII while the
                 * texts hold ISO-8859-1 bytes (whipper's jose.toc: SIZE_INFO { 1, ... } with
                 * "Jos\351"); the bytes are what the disc has, so the block is ISO-8859-1 */
                for (const char *c = utf8; *c != '\0'; c++)
                    if ((unsigned char)*c >= 0x80) {
                        b->charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
                        tocex_disc_note(p->disc, "CD-TEXT block %u: size info says ASCII but the texts are not; "
                                                 "ISO-8859-1 used", block);
                        break;
                    }
            }
            st = tocex_cdtext_set(p->ct, block, cdtext_items[i].field, track, utf8, p->err);
            free(utf8);
            if (st != TOCEX_OK)
                return rewrap(p, st, line, "CD-TEXT: ");
            if ((st = next(p)) != TOCEX_OK)
                return st;
        } else if (p->tok.kind == CDRDAO_TOK_LBRACE && cdtext_items[i].binary_ok) {
            uint8_t bytes[256];
            size_t n;
            if ((st = parse_binary(p, bytes, sizeof bytes, &n)) != TOCEX_OK)
                return st;
            if (cdtext_items[i].field == TOCEX_CDTEXT_SIZE_INFO) {
                /* 8Fh block: charset, first/last track, copyright, 16 pack counts, last sequence
                 * numbers, language codes (MMC-3 Annex J). The packs are recomputed when encoding;
                 * the charset and language are what the block was recorded with. */
                if (n != 36)
                    return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                               "SIZE_INFO has %zu bytes, 36 expected", n);
                if (!p->charset_given[block])
                    b->charset = bytes[0];
                b->copyright = bytes[3] != 0;
                if (!p->lang_mapped[block])
                    b->language = bytes[28 + block];
            } else if (cdtext_items[i].field == TOCEX_CDTEXT_GENRE) {
                /* 87h: two bytes genre code, then an optional supplementary text */
                if (n >= 2)
                    b->genre = (uint16_t)(bytes[0] << 8 | bytes[1]);
                if (n > 2 && bytes[2] != 0) {
                    size_t tl = strnlen((const char *)bytes + 2, n - 2);
                    char *utf8 = string_to_utf8(bytes + 2, tl, true);
                    if (utf8 == NULL)
                        return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
                    free(b->genre_text);
                    b->genre_text = utf8;
                }
            } else {
                tocex_disc_note(p->disc, "CD-TEXT %s given as binary data is not carried over",
                                cdtext_items[i].name);
            }
        } else {
            return unexpected(p, cdtext_items[i].binary_ok ? "a string or { bytes }" : "a string");
        }
    }
    return next(p);
}

static const struct {
    const char *name;
    uint8_t code;
} language_names[] = {
    /* cdrdao accepts EN as the one symbolic language code (EBU Tech 3264: 09h English) */
    {"EN", 0x09},
};

static tocex_status parse_cdtext(toc_parser *p, unsigned track)
{
    tocex_status st;
    if (p->cdtext_line == 0)
        p->cdtext_line = p->tok.line;
    if ((st = next(p)) != TOCEX_OK || (st = expect(p, CDRDAO_TOK_LBRACE, "'{'")) != TOCEX_OK)
        return st;
    if ((st = need_cdtext(p)) != TOCEX_OK)
        return st;
    while (p->tok.kind != CDRDAO_TOK_RBRACE) {
        if (is_word(p, "LANGUAGE_MAP")) {
            if (track != 0)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->tok.line,
                                           "LANGUAGE_MAP belongs in the disc's CD_TEXT block");
            if ((st = next(p)) != TOCEX_OK || (st = expect(p, CDRDAO_TOK_LBRACE, "'{'")) != TOCEX_OK)
                return st;
            while (p->tok.kind != CDRDAO_TOK_RBRACE) {
                unsigned block, code = 0;
                tocex_cdtext_block *b;
                if (p->tok.kind != CDRDAO_TOK_INT || p->tok.value >= TOCEX_CDTEXT_MAX_BLOCKS)
                    return unexpected(p, "a language number 0..7");
                block = (unsigned)p->tok.value;
                if ((st = next(p)) != TOCEX_OK || (st = expect(p, CDRDAO_TOK_COLON, "':'")) != TOCEX_OK)
                    return st;
                if (p->tok.kind == CDRDAO_TOK_INT && p->tok.value <= 255) {
                    code = (unsigned)p->tok.value;
                } else if (p->tok.kind == CDRDAO_TOK_IDENT) {
                    size_t i;
                    for (i = 0; i < sizeof language_names / sizeof language_names[0]; i++)
                        if (strcmp(p->tok.text, language_names[i].name) == 0)
                            break;
                    if (i == sizeof language_names / sizeof language_names[0])
                        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->tok.line,
                                                   "unknown language %s (a number 0..255 or EN)", p->tok.text);
                    code = language_names[i].code;
                } else {
                    return unexpected(p, "a language code");
                }
                b = tocex_cdtext_block_get(p->ct, block, true);
                if (b == NULL)
                    return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
                b->language = (uint8_t)code;
                p->lang_mapped[block] = true;
                if ((st = next(p)) != TOCEX_OK)
                    return st;
            }
            if ((st = next(p)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "LANGUAGE")) {
            if ((st = parse_language_block(p, track)) != TOCEX_OK)
                return st;
        } else {
            return unexpected(p, "LANGUAGE_MAP, LANGUAGE or '}'");
        }
    }
    return next(p);
}

/* ---- tracks ---- */

static tocex_status add_units(toc_parser *p, toc_track *t, uint64_t units, long line)
{
    t->len += units;
    t->has_data = true;
    /* far beyond any CD; keeps every later sum in range */
    if (t->len / units_per_frame(t) > 100u * 4500u)
        return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, line, "track is longer than 100 minutes");
    return TOCEX_OK;
}

static tocex_status parse_file(toc_parser *p, toc_track *t, bool datafile)
{
    tocex_status st;
    long line = p->tok.line;
    char file[CDRDAO_MAX_STRING + 1];
    uint64_t offset = 0, start = 0, len = 0;
    bool have_len = false;
    if ((st = next(p)) != TOCEX_OK)
        return st;
    if (p->tok.kind != CDRDAO_TOK_STRING)
        return unexpected(p, "a file name in quotes");
    memcpy(file, p->tok.text, p->tok.text_len + 1);
    if ((st = next(p)) != TOCEX_OK)
        return st;
    if (!datafile && is_word(p, "SWAP") && (st = next(p)) != TOCEX_OK)
        return st;
    if (p->tok.kind == CDRDAO_TOK_OFFSET) {
        offset = p->tok.value;
        if ((st = next(p)) != TOCEX_OK)
            return st;
    }
    if (!datafile) {
        if ((st = get_length(p, t, &start, "a start position (MM:SS:FF or samples)")) != TOCEX_OK)
            return st;
        /* a FILE in a data track counts sectors of the track's mode */
        if (t->mode != TM_AUDIO && start % units_per_frame(t) != 0)
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "start is not a whole number of sectors");
    }
    if (p->tok.kind == CDRDAO_TOK_MSF || p->tok.kind == CDRDAO_TOK_INT) {
        if ((st = get_length(p, t, &len, "a length")) != TOCEX_OK)
            return st;
        have_len = len != 0; /* cdrdao: a zero length means "up to the end of the file" */
    }
    if (!have_len && (st = file_rest(p, t, line, file, offset, start, &len)) != TOCEX_OK)
        return st;
    return add_units(p, t, len, line);
}

static tocex_status parse_track_body(toc_parser *p, toc_track *t, unsigned number)
{
    tocex_status st;
    for (;;) {
        long line = p->tok.line;
        if (p->tok.kind == CDRDAO_TOK_EOF || is_word(p, "TRACK"))
            return TOCEX_OK;
        if (p->tok.kind != CDRDAO_TOK_IDENT)
            return unexpected(p, "a track statement");
        if (is_word(p, "NO")) {
            if ((st = next(p)) != TOCEX_OK)
                return st;
            if (is_word(p, "COPY"))
                t->copy = false;
            else if (is_word(p, "PRE_EMPHASIS"))
                t->preemphasis = false;
            else
                return unexpected(p, "COPY or PRE_EMPHASIS after NO");
            if ((st = next(p)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "COPY") || is_word(p, "PRE_EMPHASIS") || is_word(p, "TWO_CHANNEL_AUDIO") ||
                   is_word(p, "FOUR_CHANNEL_AUDIO")) {
            if (is_word(p, "COPY"))
                t->copy = true;
            else if (is_word(p, "PRE_EMPHASIS"))
                t->preemphasis = true;
            else
                t->four_channel = is_word(p, "FOUR_CHANNEL_AUDIO");
            if ((st = next(p)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "ISRC")) {
            if ((st = next(p)) != TOCEX_OK)
                return st;
            if (p->tok.kind != CDRDAO_TOK_STRING)
                return unexpected(p, "an ISRC in quotes");
            /* ISRC: CC OOO YY SSSSS — 5 letters/digits then 7 digits (ISO 3901) */
            if (p->tok.text_len != 12)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                           "ISRC \"%s\" must have 12 characters", p->tok.text);
            for (size_t i = 0; i < 12; i++) {
                char c = p->tok.text[i];
                bool ok = i < 5 ? ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) : (c >= '0' && c <= '9');
                if (!ok)
                    return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                               "ISRC \"%s\": character %zu is not allowed there", p->tok.text, i + 1);
            }
            memcpy(t->isrc, p->tok.text, 13);
            if ((st = next(p)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "CD_TEXT")) {
            if ((st = parse_cdtext(p, number)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "SILENCE") || is_word(p, "ZERO")) {
            uint64_t len = 0;
            bool zero = is_word(p, "ZERO");
            if ((st = next(p)) != TOCEX_OK)
                return st;
            if (zero && p->tok.kind == CDRDAO_TOK_IDENT) {
                size_t m;
                for (m = 0; m < TM_COUNT; m++)
                    if (strcmp(p->tok.text, toc_modes[m].name) == 0)
                        break;
                if (m == TM_COUNT)
                    return unexpected(p, "a data mode or a length");
                if ((st = next(p)) != TOCEX_OK)
                    return st;
                if ((is_word(p, "RW") || is_word(p, "RW_RAW")) && (st = next(p)) != TOCEX_OK)
                    return st;
            }
            if ((st = get_length(p, t, &len, "a length")) != TOCEX_OK)
                return st;
            if ((st = add_units(p, t, len, line)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "FILE") || is_word(p, "AUDIOFILE")) {
            if ((st = parse_file(p, t, false)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "DATAFILE")) {
            if ((st = parse_file(p, t, true)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "FIFO")) {
            uint64_t len = 0;
            if ((st = next(p)) != TOCEX_OK)
                return st;
            if (p->tok.kind != CDRDAO_TOK_STRING)
                return unexpected(p, "a FIFO path in quotes");
            if ((st = next(p)) != TOCEX_OK || (st = get_length(p, t, &len, "a length")) != TOCEX_OK)
                return st;
            if ((st = add_units(p, t, len, line)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "PREGAP")) {
            uint64_t frames = 0;
            if ((st = next(p)) != TOCEX_OK || (st = get_msf(p, &frames, "a pre-gap length MM:SS:FF")) != TOCEX_OK)
                return st;
            if (t->has_data || t->has_start)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                           "PREGAP must come before the track's data and START");
            if ((st = add_units(p, t, frames * units_per_frame(t), line)) != TOCEX_OK)
                return st;
            t->has_start = true;
            t->start = frames * units_per_frame(t);
            t->start_line = line;
        } else if (is_word(p, "START")) {
            uint64_t frames = 0;
            if (t->has_start)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "second START/PREGAP in one track");
            if ((st = next(p)) != TOCEX_OK)
                return st;
            if (p->tok.kind == CDRDAO_TOK_MSF) {
                if ((st = get_msf(p, &frames, "MM:SS:FF")) != TOCEX_OK)
                    return st;
                t->start = frames * units_per_frame(t);
            } else {
                t->start = t->len; /* START alone: here */
            }
            t->has_start = true;
            t->start_line = line;
        } else if (is_word(p, "END")) {
            /* post-gap start: nothing of it reaches the TOC */
            if ((st = next(p)) != TOCEX_OK)
                return st;
            if (p->tok.kind == CDRDAO_TOK_MSF && (st = next(p)) != TOCEX_OK)
                return st;
        } else if (is_word(p, "INDEX")) {
            uint64_t frames = 0, pos;
            if ((st = next(p)) != TOCEX_OK || (st = get_msf(p, &frames, "an index position MM:SS:FF")) != TOCEX_OK)
                return st;
            pos = frames * units_per_frame(t);
            if (frames == 0 || (t->index_count > 0 && pos <= t->last_index))
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                           "INDEX positions must increase and be after the track start");
            if (t->index_count >= 98)
                return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, line, "more than 99 indexes");
            t->last_index = pos;
            t->index_count++;
        } else {
            char what[96];
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "unknown track statement %s",
                                       cdrdao_tok_describe(&p->tok, what, sizeof what));
        }
    }
}

static tocex_status parse_track(toc_parser *p)
{
    tocex_status st;
    toc_track *t;
    size_t m;
    unsigned number = p->first_track_no + (unsigned)p->track_count;
    long line = p->tok.line;
    if (p->track_count >= TOCEX_MAX_TRACKS || number > 99)
        return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, line, "more than 99 tracks");
    if ((st = next(p)) != TOCEX_OK)
        return st;
    if (p->tok.kind != CDRDAO_TOK_IDENT)
        return unexpected(p, "a track mode");
    for (m = 0; m < TM_COUNT; m++)
        if (strcmp(p->tok.text, toc_modes[m].name) == 0)
            break;
    if (m == TM_COUNT)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->tok.line,
                                   "\"%s\" is not a track mode (AUDIO, MODE0, MODE1, MODE1_RAW, MODE2, MODE2_FORM1, "
                                   "MODE2_FORM2, MODE2_FORM_MIX, MODE2_RAW)",
                                   p->tok.text);
    t = &p->tracks[p->track_count++];
    memset(t, 0, sizeof *t);
    t->mode = (toc_mode)m;
    t->line = line;
    if ((st = next(p)) != TOCEX_OK)
        return st;
    if (is_word(p, "RW") || is_word(p, "RW_RAW")) {
        t->subchan = 96;
        if ((st = next(p)) != TOCEX_OK)
            return st;
    }
    if ((st = parse_track_body(p, t, number)) != TOCEX_OK)
        return st;
    if (t->len == 0)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "track %u has no data", number);
    if (t->has_start && t->start >= t->len)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, t->start_line,
                                   "START is at or behind the end of track %u", number);
    if (t->index_count > 0 && (t->has_start ? t->start : 0) + t->last_index >= t->len)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "track %u: an INDEX is behind the track's end",
                                   number);
    return TOCEX_OK;
}

static tocex_status parse_header(toc_parser *p)
{
    tocex_status st;
    for (;;) {
        long line = p->tok.line;
        if (p->tok.kind == CDRDAO_TOK_EOF || is_word(p, "TRACK"))
            return TOCEX_OK;
        if (is_word(p, "CD_DA") || is_word(p, "CD_ROM")) {
            p->disc_type = 0x00;
        } else if (is_word(p, "CD_ROM_XA")) {
            p->disc_type = 0x20;
        } else if (is_word(p, "CD_I")) {
            p->disc_type = 0x10;
        } else if (is_word(p, "CATALOG")) {
            if ((st = next(p)) != TOCEX_OK)
                return st;
            if (p->tok.kind != CDRDAO_TOK_STRING)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                           "CATALOG needs a 13-digit number in quotes");
            if (p->tok.text_len != 13 || strspn(p->tok.text, "0123456789") != 13)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                           "CATALOG \"%s\" is not 13 digits", p->tok.text);
            memcpy(p->mcn, p->tok.text, 14);
        } else if (is_word(p, "FIRST_TRACK_NO")) {
            if ((st = next(p)) != TOCEX_OK)
                return st;
            if (p->tok.kind != CDRDAO_TOK_INT || p->tok.value < 1 || p->tok.value > 99)
                return unexpected(p, "a track number 1..99");
            p->first_track_no = (unsigned)p->tok.value;
        } else if (is_word(p, "CD_TEXT")) {
            if ((st = parse_cdtext(p, 0)) != TOCEX_OK)
                return st;
            continue;
        } else {
            return unexpected(p, "CD_DA, CD_ROM, CD_ROM_XA, CD_I, CATALOG, CD_TEXT or TRACK");
        }
        if ((st = next(p)) != TOCEX_OK)
            return st;
    }
}

static tocex_status build_disc(toc_parser *p)
{
    tocex_disc *d = p->disc;
    tocex_status st;
    int64_t pos = 0;
    bool exact = true;
    for (size_t i = 0; i < p->track_count; i++) {
        const toc_track *t = &p->tracks[i];
        uint64_t upf = units_per_frame(t);
        uint64_t frames = (t->len + upf - 1) / upf;
        uint64_t start = t->has_start ? t->start / upf : 0;
        uint8_t control;
        unsigned number = p->first_track_no + (unsigned)i;
        if (t->len % upf != 0)
            p->rounded_tracks++;
        if (t->len_from_file)
            exact = false;
        if (toc_modes[t->mode].mode == TOCEX_MODE_AUDIO)
            control = (uint8_t)((t->copy ? TOCEX_CONTROL_COPY : 0) | (t->preemphasis ? TOCEX_CONTROL_PREEMPHASIS : 0) |
                                (t->four_channel ? TOCEX_CONTROL_4CH : 0));
        else
            control = (uint8_t)(TOCEX_CONTROL_DATA | (t->copy ? TOCEX_CONTROL_COPY : 0));
        if (pos + (int64_t)frames > TOCEX_LBA_MAX_MSF)
            return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, t->line,
                                       "track %u ends beyond 89:59:74, the last address a CD can have", number);
        st = tocex_disc_add_track(d, 1, (uint8_t)number, 1, control, toc_modes[t->mode].mode,
                                  (int32_t)(pos + (int64_t)start), p->err);
        if (st != TOCEX_OK)
            return rewrap(p, st, t->line, "");
        d->tracks[d->track_count - 1].pregap = (int32_t)start;
        d->tracks[d->track_count - 1].sector_size = (uint16_t)(toc_modes[t->mode].sector + t->subchan);
        memcpy(d->tracks[d->track_count - 1].isrc, t->isrc, sizeof t->isrc);
        pos += (int64_t)frames;
    }
    if ((st = tocex_disc_set_leadout(d, 1, (int32_t)pos, p->err)) != TOCEX_OK)
        return rewrap(p, st, 0, "");
    d->sessions[0].disc_type = p->disc_type >= 0 ? (uint8_t)p->disc_type : 0x00;
    memcpy(d->mcn, p->mcn, sizeof p->mcn);
    d->known |= TOCEX_KNOWN_GAPS | TOCEX_KNOWN_MCN | TOCEX_KNOWN_ISRC | TOCEX_KNOWN_MODES | TOCEX_KNOWN_CDTEXT;
    if (exact)
        d->known |= TOCEX_KNOWN_LEADOUT;
    tocex_disc_note(d, "a cdrdao .toc has no sessions or absolute addresses: one session starting at LBA 0 assumed");
    if (p->rounded_tracks > 0)
        tocex_disc_note(d, "%u track(s) not a whole number of sectors: rounded up", p->rounded_tracks);
    if (p->ct != NULL) {
        tocex_buf packs;
        tocex_buf_init(&packs);
        st = tocex_cdtext_encode(p->ct, &packs, p->err);
        if (st == TOCEX_OK && packs.failed)
            st = tocex_error_set(p->err, TOCEX_E_NOMEM, "out of memory");
        if (st == TOCEX_OK)
            st = tocex_disc_set_cdtext(d, packs.data, packs.len / TOCEX_CDTEXT_PACK_SIZE, p->err);
        tocex_buf_free(&packs);
        if (st != TOCEX_OK)
            return rewrap(p, st, p->cdtext_line, "CD-TEXT: ");
    }
    st = tocex_disc_finish(d, p->err);
    if (st != TOCEX_OK)
        return rewrap(p, st, 0, "");
    return TOCEX_OK;
}

tocex_status tocex_image_parse_cdrdao(const char *name, const uint8_t *data, size_t len, tocex_disc *out,
                                      tocex_error *err)
{
    toc_parser *p;
    tocex_text text;
    tocex_status st;
    tocex_error local;
    if (err == NULL)
        err = &local; /* messages are composed from earlier ones */
    tocex_error_clear(err);
    if (out == NULL || (data == NULL && len > 0))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "cdrdao reader: no input or output");
    tocex_disc_init(out);
    st = tocex_text_decode(name, data != NULL ? data : (const uint8_t *)"", len, &text, err);
    if (st != TOCEX_OK)
        return st;
    p = calloc(1, sizeof *p);
    if (p == NULL) {
        tocex_text_free(&text);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", name != NULL ? name : "(input)");
    }
    p->name = name != NULL ? name : "(input)";
    p->companions = name != NULL;
    p->err = err;
    p->disc = out;
    p->disc_type = -1;
    p->first_track_no = 1;
    cdrdao_lex_init(&p->lx, p->name, (const uint8_t *)text.utf8, text.len);
    st = next(p);
    if (st == TOCEX_OK)
        st = parse_header(p);
    while (st == TOCEX_OK && is_word(p, "TRACK"))
        st = parse_track(p);
    if (st == TOCEX_OK && p->tok.kind != CDRDAO_TOK_EOF)
        st = unexpected(p, "TRACK");
    if (st == TOCEX_OK && p->track_count == 0)
        st = tocex_error_at_line(err, TOCEX_E_PARSE, p->name, p->tok.line, "no TRACK in the file");
    if (st == TOCEX_OK)
        st = build_disc(p);
    tocex_cdtext_free(p->ct);
    free(p);
    tocex_text_free(&text);
    if (st != TOCEX_OK)
        tocex_disc_free(out);
    return st;
}

tocex_status tocex_image_read_cdrdao(const char *path, tocex_disc *out, tocex_error *err)
{
    return tocex_file_parse(path, CDRDAO_MAX_FILE, tocex_image_parse_cdrdao, out, err);
}
