/* The cue parser's reader for the usual lines (fast_line in src/image/cue_parse.c) against its
 * general path: seeded random sheets written twice, once in the layout writers use (spaces,
 * one between words: read by the fast reader) and once with tabs and doubled blanks (read by
 * parse_line only), must give the same sheet, field by field; lines the fast reader declines
 * or a command refuses give the same error in both layouts, worded as parse_line words it;
 * keywords with a byte that folds onto a keyword letter stay unknown. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/cue.h"
#include "testutil.h"

/* ---- a sheet as text, every field the parser sets ---- */

typedef struct dump {
    char *s;
    size_t len, cap;
} dump;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(dump *d, const char *fmt, ...)
{
    va_list ap;
    int n;
    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(d->s + d->len, d->cap - d->len, fmt, ap);
        va_end(ap);
        assert_true(n >= 0);
        if ((size_t)n < d->cap - d->len)
            break;
        d->cap = 2 * d->cap + (size_t)n;
        d->s = realloc(d->s, d->cap);
        assert_non_null(d->s);
    }
    d->len += (size_t)n;
}

static const char *str(const char *s)
{
    return s != NULL ? s : "(none)";
}

static void describe(const tocex_cue_sheet *sh, dump *d)
{
    unsigned last = sh->track_count > 0 ? sh->tracks[sh->track_count - 1].session : 1;
    d->len = 0;
    d->s[0] = '\0';
    for (size_t i = 0; i < sh->file_count; i++)
        put(d, "FILE [%s] %d %s line %ld\n", sh->files[i].name, (int)sh->files[i].type, sh->files[i].type_word,
            sh->files[i].line);
    for (size_t k = 0; k < sh->track_count; k++) {
        const tocex_cue_track *t = &sh->tracks[k];
        put(d, "TRACK %u session %u mode %d/%u [%s] control %u placeholder %d scms %d isrc [%s] gaps %d %d line %ld "
               "file %u last %d\n",
            t->number, t->session, (int)t->mode, t->sector_size, t->mode_word, t->control, t->placeholder, t->scms,
            t->isrc, t->pregap, t->postgap, t->line, t->file, t->last_index);
        for (int i = 0; i <= (t->last_index > 1 ? t->last_index : 1); i++)
            put(d, "  INDEX %d set %d at %d file %u line %ld\n", i, t->index[i].set, t->index[i].frames,
                t->index[i].file, t->index[i].line);
    }
    for (unsigned n = 0; n <= last; n++)
        put(d, "after session %u: %d %d %d line %ld\n", n, sh->session_rem[n].lead_out, sh->session_rem[n].lead_in,
            sh->session_rem[n].pregap, sh->session_rem[n].lead_out_line);
    put(d, "sessions %d mcn [%s] %ld %d isrc0 %d cdtextfile [%s] %ld media %d %d texts %d binary %d\n",
        sh->sessions_given, sh->mcn, sh->mcn_line, sh->mcn_zero, sh->isrc_zero, str(sh->cdtextfile),
        sh->cdtextfile_line, (int)sh->media, sh->media_given, sh->text_any, sh->ignored_binary_text);
    put(d, "rem [%s] [%s] [%s] [%s] %s\n", str(sh->rem_genre), str(sh->rem_date), str(sh->rem_discid),
        str(sh->rem_comment), sh->encoding);
    for (int f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
        for (int t = 0; t < 100; t++)
            if (sh->text[f][t] != NULL)
                put(d, "text %d/%d [%s] line %ld\n", f, t, sh->text[f][t], sh->text_line[f][t]);
}

/* ---- sheets in two layouts ---- */

typedef struct sheet_text {
    char *s;
    size_t len, cap;
} sheet_text;

static void add(sheet_text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = 2 * (t->len + n + 1);
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->len, s, n + 1);
    t->len += n;
}

/* The two renderings of the same lines. "general" puts tabs and doubled blanks where the usual
 * layout has one space, which only parse_line reads. */
typedef struct pair {
    sheet_text usual, general;
    bool crlf;
    uint64_t *rng;
} pair;

/* One line: indentation, keyword (letter case as given), then the words, each separated by one
 * space in the usual layout. */
static void line(pair *p, int indent, const char *keyword, const char *const *words, size_t count)
{
    static const char *const sep[] = {"\t", "  ", " \t", "\t "};
    static const char *const lead[] = {"\t", "\t\t", " \t", "         "};
    for (int i = 0; i < indent; i++)
        add(&p->usual, " ");
    if (indent > 0)
        add(&p->general, lead[tu_rand_range(p->rng, 0, 3)]);
    add(&p->usual, keyword);
    add(&p->general, keyword);
    for (size_t i = 0; i < count; i++) {
        add(&p->usual, " ");
        add(&p->usual, words[i]);
        add(&p->general, sep[tu_rand_range(p->rng, 0, 3)]);
        add(&p->general, words[i]);
    }
    add(&p->usual, p->crlf ? "\r\n" : "\n");
    add(&p->general, p->crlf ? "\r\n" : "\n");
}

/* The keyword in random letter case. */
static const char *kw(pair *p, const char *word, char *buf)
{
    size_t n = strlen(word);
    for (size_t i = 0; i <= n; i++) {
        char c = word[i];
        if (c >= 'A' && c <= 'Z' && tu_rand_range(p->rng, 0, 2) == 0)
            c = (char)(c | 0x20);
        buf[i] = c;
    }
    return buf;
}

static void quoted(uint64_t *rng, char *out, size_t cap)
{
    static const char *const texts[] = {"Song",     "A \"quoted\" word", "",       "Caf\xc3\xa9",
                                        "\xe6\x97\xa5\xe6\x9c\xac", "two  blanks", "x",   "tab\tinside"};
    snprintf(out, cap, "\"%s %ld\"", texts[tu_rand_range(rng, 0, 7)], tu_rand_range(rng, 0, 999));
}

/* A valid sheet of random content in both layouts. */
static void random_sheet(pair *p)
{
    static const char *const text_cmds[] = {"TITLE", "PERFORMER", "SONGWRITER", "COMPOSER", "ARRANGER", "MESSAGE"};
    static const char *const types[] = {"AUDIO", "MODE1/2352", "MODE2/2352", "MODE1/2048", "CDG", "CDI/2352", "audio"};
    static const char *const isrcs[] = {"GBXYZ2600001", "usabc9912345", "000000000000", "1a2B30000001"};
    uint64_t *rng = p->rng;
    long tracks = tu_rand_range(rng, 1, tu_rand_range(rng, 0, 3) == 0 ? 99 : 12);
    int32_t at = 0;
    char k[32], a[64], b[64], q[96];
    const char *w[2];
    p->usual.len = p->general.len = 0;
    p->crlf = tu_rand_range(rng, 0, 3) == 0;
    if (tu_rand_range(rng, 0, 1)) {
        quoted(rng, q, sizeof q);
        w[0] = q;
        line(p, 0, kw(p, "TITLE", k), w, 1);
    }
    if (tu_rand_range(rng, 0, 2) == 0) {
        quoted(rng, q, sizeof q);
        w[0] = q;
        line(p, 0, kw(p, "GENRE", k), w, 1);
    }
    w[0] = "\"a.bin\"";
    w[1] = "BINARY";
    line(p, 0, kw(p, "FILE", k), w, 2);
    for (long t = 1; t <= tracks; t++) {
        long extra = tu_rand_range(rng, 0, 4), first = tu_rand_range(rng, 0, 2) == 0 && t > 1 ? 0 : 1;
        long last = tu_rand_range(rng, 0, 7) == 0 ? tu_rand_range(rng, 2, 4) : 1;
        snprintf(a, sizeof a, "%02ld", t);
        w[0] = a;
        w[1] = types[tu_rand_range(rng, 0, tu_rand_range(rng, 0, 3) == 0 ? 6 : 0)];
        line(p, 2, kw(p, "TRACK", k), w, 2);
        for (long e = 0; e < extra; e++) {
            if (tu_rand_range(rng, 0, 3) == 0) {
                w[0] = isrcs[tu_rand_range(rng, 0, 3)];
                line(p, 4, kw(p, "ISRC", k), w, 1);
            } else {
                quoted(rng, q, sizeof q);
                w[0] = q;
                line(p, 4, kw(p, text_cmds[tu_rand_range(rng, 0, 5)], k), w, 1);
            }
        }
        for (long i = first; i <= last; i++) {
            at += (int32_t)tu_rand_range(rng, 1, 9000);
            snprintf(a, sizeof a, "%02ld", i);
            snprintf(b, sizeof b, "%02d:%02d:%02d", at / 4500, at / 75 % 60, at % 75);
            w[0] = a;
            w[1] = b;
            line(p, 4, kw(p, "INDEX", k), w, 2);
        }
    }
    if (tu_rand_range(rng, 0, 3) == 0) {
        /* no line end after the last line */
        while (p->usual.len > 0 && (p->usual.s[p->usual.len - 1] == '\n' || p->usual.s[p->usual.len - 1] == '\r'))
            p->usual.s[--p->usual.len] = '\0';
        while (p->general.len > 0 &&
               (p->general.s[p->general.len - 1] == '\n' || p->general.s[p->general.len - 1] == '\r'))
            p->general.s[--p->general.len] = '\0';
    }
}

/* Lines whose end the parser left as it was in the text: the fast reader does not cut a line
 * at its end, parse_line does. */
static size_t lines_left_whole(const tocex_cue_sheet *sh, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += sh->storage[i] == '\n';
    return n;
}

static void test_layouts_agree(void **state)
{
    uint64_t rng = 0xfa57c0de;
    pair p;
    dump du = {malloc(256), 0, 256}, dg = {malloc(256), 0, 256};
    size_t lines = 0, whole = 0;
    (void)state;
    assert_non_null(du.s);
    assert_non_null(dg.s);
    memset(&p, 0, sizeof p);
    p.rng = &rng;
    for (int round = 0; round < 400; round++) {
        tocex_cue_sheet *a, *b;
        tocex_error ea, eb;
        random_sheet(&p);
        if (tocex_cue_parse("f.cue", (const uint8_t *)p.usual.s, p.usual.len, &a, &ea) != TOCEX_OK)
            fail_msg("round %d: %s\n%s", round, ea.message, p.usual.s);
        if (tocex_cue_parse("f.cue", (const uint8_t *)p.general.s, p.general.len, &b, &eb) != TOCEX_OK)
            fail_msg("round %d: %s\n%s", round, eb.message, p.general.s);
        describe(a, &du);
        describe(b, &dg);
        if (strcmp(du.s, dg.s) != 0)
            fail_msg("round %d: the layouts read differently\n--- usual\n%s--- general\n%s", round, du.s, dg.s);
        if (!p.crlf) {
            for (size_t i = 0; i < p.usual.len; i++)
                lines += p.usual.s[i] == '\n';
            whole += lines_left_whole(a, p.usual.len);
            assert_int_equal(lines_left_whole(b, p.general.len), 0);
        }
        tocex_cue_sheet_free(a);
        tocex_cue_sheet_free(b);
    }
    /* most lines of the usual layout are read by the fast reader (not FILE lines, INDEX 02 and
     * up, or the last lines of the text) */
    print_message("%zu of %zu lines read whole\n", whole, lines);
    assert_true(whole * 5 > lines * 4);
    free(du.s);
    free(dg.s);
    free(p.usual.s);
    free(p.general.s);
}

/* ---- refusals ---- */

static const char head[] = "FILE \"a.bin\" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n";

static const struct {
    const char *line;  /* in the usual layout, after `head` (line 5) */
    const char *error; /* "f.cue:N: " is put in front */
} refusals[] = {
    {"  TRACK 04 AUDIO", "4: TRACK 02 has no INDEX 01 (the track's start)"},
    {"    INDEX 01 00:10:00\n  TRACK 04 AUDIO", "6: TRACK 04 follows TRACK 02: track numbers must go up by one"},
    {"    INDEX 01 00:10:00\n  TRACK 00 AUDIO", "6: TRACK: track number \"00\" is not 1..99"},
    {"    INDEX 01 00:10:00\n  TRACK 03 MODE3/2352", "6: TRACK 03: unknown track type \"MODE3/2352\""},
    {"    INDEX 01 00:10:00\n  TRACK 03 AUDIO X", "6: TRACK 03: unexpected text after the track type"},
    {"    INDEX 01 00:60:00", "5: INDEX: bad time \"00:60:00\": seconds must be below 60"},
    {"    INDEX 01 00:00:75", "5: INDEX: bad time \"00:00:75\": frames must be below 75"},
    {"    INDEX 02 00:10:00", "5: INDEX 02 is the track's first index: INDEX 00 or 01 must come first"},
    {"    INDEX 01 00:00:00", "5: INDEX 01 at 00:00:00 is not after the previous INDEX in this FILE"},
    {"    INDEX 01 00:10:00\n    INDEX 00 00:20:00", "6: INDEX 00 after INDEX 01: index numbers must ascend"},
    {"    INDEX 01 00:10:00 x", "5: INDEX 01: unexpected text after the time"},
    {"    ISRC GBXYZ260000", "5: ISRC \"GBXYZ260000\" is not 12 characters"},
    {"    ISRC GB-YZ2600001", "5: ISRC \"GB-YZ2600001\" is not CCOOOYYNNNNN (ISO 3901)"},
    {"    ISRC GBXYZ26000A1", "5: ISRC \"GBXYZ26000A1\" is not CCOOOYYNNNNN (ISO 3901)"},
    {"    GENRE \"Rock\"", "5: GENRE belongs to the disc, not to a track"},
    {"    TITLE \"no end", "5: TITLE: the quoted text has no closing quote"},
    {"    PERFORMER \"a\" b", "5: PERFORMER: unexpected text after the closing quote"},
    {"    TITEL \"x\"", "5: unknown command \"TITEL\""},
    {"    T\x7FTLE \"x\"", "5: unknown command \"T\x7FTLE\""},
    {"    DISC\x7FID \"x\"", "5: unknown command \"DISC\x7FID\""},
    {"    INDEX\x01 01 00:10:00", "5: unknown command \"INDEX\x01\""},
    {"    PERFORMER\x01 \"x\"", "5: unknown command \"PERFORMER\x01\""},
    {"    COMPOSER\x01 \"x\"", "5: unknown command \"COMPOSER\x01\""},
};

/* The usual layout of a line -> the general one: every single space after the indentation
 * becomes a tab and a space (inside quotes too: they are in the error texts only as words). */
static void to_general(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    bool indent = true;
    for (; *in != '\0' && o + 3 < cap; in++) {
        if (*in == '\n')
            indent = true;
        else if (*in != ' ')
            indent = false;
        if (*in == ' ' && !indent) {
            out[o++] = '\t';
            out[o++] = ' ';
        } else {
            out[o++] = *in;
        }
    }
    out[o] = '\0';
}

static void test_refusals_worded_alike(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        for (int layout = 0; layout < 2; layout++) {
            char text[512], general[256], want[256];
            tocex_cue_sheet *sh = NULL;
            tocex_error e;
            tocex_status st;
            if (layout == 0) {
                snprintf(text, sizeof text, "%s%s\n    INDEX 01 09:00:00\n", head, refusals[i].line);
            } else {
                to_general(refusals[i].line, general, sizeof general);
                snprintf(text, sizeof text, "%s%s\n    INDEX 01 09:00:00\n", head, general);
            }
            memset(&e, 0, sizeof e);
            st = tocex_cue_parse("f.cue", (const uint8_t *)text, strlen(text), &sh, &e);
            assert_null(sh);
            assert_int_equal(st, TOCEX_E_PARSE);
            snprintf(want, sizeof want, "f.cue:%s", refusals[i].error);
            assert_string_equal(e.message, want);
        }
    }
}

/* A line at the length limit is read; one byte more is refused, in either layout. */
static void test_longest_line(void **state)
{
    (void)state;
    for (int over = 0; over < 2; over++)
        for (int layout = 0; layout < 2; layout++) {
            size_t room = TOCEX_CUE_MAX_LINE - strlen("    TITLE \"\"") + (size_t)over, n;
            char *text = malloc(TOCEX_CUE_MAX_LINE + 256);
            tocex_cue_sheet *sh = NULL;
            tocex_error e;
            tocex_status st;
            assert_non_null(text);
            n = (size_t)snprintf(text, 256, "%s    TITLE%s\"", head, layout == 0 ? " " : "\t");
            memset(text + n, 'a', room);
            n += room;
            n += (size_t)snprintf(text + n, 64, "\"\n    INDEX 01 00:10:00\n");
            memset(&e, 0, sizeof e);
            st = tocex_cue_parse("f.cue", (const uint8_t *)text, n, &sh, &e);
            if (over) {
                assert_int_equal(st, TOCEX_E_LIMIT);
                assert_string_equal(e.message, "f.cue:5: line is longer than 4096 bytes");
            } else {
                assert_int_equal(st, TOCEX_OK);
                assert_int_equal(strlen(sh->text[TOCEX_CDTEXT_TITLE][2]), TOCEX_CUE_MAX_LINE - strlen("    TITLE \"\""));
                tocex_cue_sheet_free(sh);
            }
            free(text);
        }
}

/* Rows of fields the sheet does not give read as NULL; a row is set up on its first text. */
static void test_text_rows(void **state)
{
    static const char text[] = "PERFORMER \"P\"\nFILE \"a.bin\" BINARY\n  TRACK 01 AUDIO\n    TITLE \"T1\"\n"
                               "    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    INDEX 01 00:10:00\n    TITLE \"T2\"\n";
    tocex_cue_sheet *sh;
    tocex_error e;
    (void)state;
    assert_int_equal(tocex_cue_parse("f.cue", (const uint8_t *)text, sizeof text - 1, &sh, &e), TOCEX_OK);
    for (int f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
        for (int t = 0; t < 100; t++) {
            bool want = (f == TOCEX_CDTEXT_PERFORMER && t == 0) || (f == TOCEX_CDTEXT_TITLE && (t == 1 || t == 2));
            assert_int_equal(sh->text[f][t] != NULL, want);
        }
    assert_string_equal(sh->text[TOCEX_CDTEXT_TITLE][2], "T2");
    assert_int_equal(sh->text_line[TOCEX_CDTEXT_TITLE][2], 8);
    assert_int_equal(sh->text_line[TOCEX_CDTEXT_PERFORMER][0], 1);
    /* a text put in later, in a row not used before */
    tocex_cue_sheet_set_text(sh, TOCEX_CDTEXT_ARRANGER, 2, "A2", 99);
    assert_string_equal(sh->text[TOCEX_CDTEXT_ARRANGER][2], "A2");
    assert_null(sh->text[TOCEX_CDTEXT_ARRANGER][1]);
    assert_int_equal(sh->text_line[TOCEX_CDTEXT_ARRANGER][2], 99);
    tocex_cue_sheet_free(sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layouts_agree),
        cmocka_unit_test(test_refusals_worded_alike),
        cmocka_unit_test(test_longest_line),
        cmocka_unit_test(test_text_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
