/* Text sniffing (src/image/open.c) against a plain reference over seeded random inputs: the
 * sniffer reads the head in place, word by word; the reference copies it into a C string
 * (UTF-16/32 folded to ASCII, bytes >= 80h as '?') and reads each line with sscanf, the way
 * the rules in open.c are written. And tocex_image_open: a cue sheet read in one go gives what
 * the cue reader gives, however large it is and whatever the head looks like. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "testutil.h"
#include "tocex/image.h"

/* ---- reference ---- */

static bool ref_utf32_without_bom(const uint8_t *head, size_t len, size_t *lo)
{
    size_t units = (len < 1024 ? len : 1024) / 4, le = 0, be = 0;
    for (size_t i = 0; i < units; i++) {
        const uint8_t *u = head + 4 * i;
        le += u[0] != 0 && u[1] == 0 && u[2] == 0 && u[3] == 0;
        be += u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] != 0;
    }
    if (le * 4 >= units * 3) {
        *lo = 0;
        return true;
    }
    if (be * 4 >= units * 3) {
        *lo = 3;
        return true;
    }
    return false;
}

static bool ref_ascii_view(const uint8_t *head, size_t len, char *out, size_t cap)
{
    size_t start = 0, step = 1, lo = 0, k = 0, ctrl = 0;
    if (len >= 4 && head[0] == 0xFF && head[1] == 0xFE && head[2] == 0 && head[3] == 0) {
        start = 4, step = 4, lo = 0;
    } else if (len >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0xFE && head[3] == 0xFF) {
        start = 4, step = 4, lo = 3;
    } else if (len >= 16 && ref_utf32_without_bom(head, len, &lo)) {
        step = 4;
    } else if (len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) {
        start = 3;
    } else if (len >= 2 && head[0] == 0xFF && head[1] == 0xFE) {
        start = 2, step = 2, lo = 0;
    } else if (len >= 2 && head[0] == 0xFE && head[1] == 0xFF) {
        start = 2, step = 2, lo = 1;
    } else if (len >= 8) {
        size_t zodd = 0, zeven = 0, pairs = (len < 512 ? len : 512) / 2;
        for (size_t i = 0; i < pairs; i++) {
            zeven += head[2 * i] == 0;
            zodd += head[2 * i + 1] == 0;
        }
        if (zodd * 4 >= pairs * 3 && zeven * 8 <= pairs)
            step = 2, lo = 0;
        else if (zeven * 4 >= pairs * 3 && zodd * 8 <= pairs)
            step = 2, lo = 1;
    }
    for (size_t i = start; i + step - 1 < len && k + 1 < cap; i += step) {
        uint8_t c = head[i + lo];
        for (size_t b = 0; b < step; b++)
            if (b != lo && head[i + b] != 0)
                c = '?';
        if (c == 0)
            return false;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
            ctrl++;
        out[k++] = c >= 0x80 ? '?' : (char)c;
    }
    out[k] = '\0';
    return k > 0 && ctrl * 100 <= k;
}

static tocex_image_format ref_cue_or_toc(const char *text)
{
    const char *p = text;
    int cue = 0, toc = 0;
    while (*p != '\0') {
        const char *eol = strchr(p, '\n');
        size_t n = eol != NULL ? (size_t)(eol - p) : strlen(p);
        char line[256], w1[32] = "", w2[64] = "", w3[32] = "";
        if (n >= sizeof line)
            n = sizeof line - 1;
        memcpy(line, p, n);
        line[n] = '\0';
        p = eol != NULL ? eol + 1 : p + strlen(p);
        if (sscanf(line, "%31s %63s %31s", w1, w2, w3) < 1)
            continue;
        if (strncmp(w1, "//", 2) == 0) {
            toc++;
            continue;
        }
        if (strcmp(w1, "CD_DA") == 0 || strcmp(w1, "CD_ROM") == 0 || strcmp(w1, "CD_ROM_XA") == 0 ||
            strcmp(w1, "CD_I") == 0 || strncmp(w1, "CD_TEXT", 7) == 0)
            return TOCEX_IMAGE_CDRDAO_TOC;
        if (strcasecmp(w1, "REM") == 0 || strcasecmp(w1, "PERFORMER") == 0 || strcasecmp(w1, "TITLE") == 0 ||
            strcasecmp(w1, "SONGWRITER") == 0 || strcasecmp(w1, "CDTEXTFILE") == 0 ||
            strcasecmp(w1, "FLAGS") == 0 || strcasecmp(w1, "POSTGAP") == 0)
            return TOCEX_IMAGE_CUE;
        if (strcasecmp(w1, "TRACK") == 0) {
            if (isdigit((unsigned char)w2[0]))
                return TOCEX_IMAGE_CUE;
            if (strcmp(w2, "AUDIO") == 0 || strncmp(w2, "MODE", 4) == 0)
                return TOCEX_IMAGE_CDRDAO_TOC;
        }
        if (strcasecmp(w1, "INDEX") == 0)
            return w3[0] != '\0' ? TOCEX_IMAGE_CUE : TOCEX_IMAGE_CDRDAO_TOC;
        if (strcasecmp(w1, "FILE") == 0) {
            const char *last = strrchr(line, '"');
            char type[32] = "";
            if (last != NULL && sscanf(last + 1, "%31s", type) == 1) {
                if (isalpha((unsigned char)type[0]) && strcasecmp(type, "SWAP") != 0)
                    return TOCEX_IMAGE_CUE;
                if (isdigit((unsigned char)type[0]) || type[0] == '#')
                    return TOCEX_IMAGE_CDRDAO_TOC;
            }
            cue++;
            continue;
        }
        if (strcasecmp(w1, "CATALOG") == 0 || strcasecmp(w1, "ISRC") == 0) {
            if (w2[0] == '"')
                toc++;
            else
                cue++;
            continue;
        }
        if (strcmp(w1, "SILENCE") == 0 || strcmp(w1, "ZERO") == 0 || strcmp(w1, "DATAFILE") == 0 ||
            strcmp(w1, "AUDIOFILE") == 0 || strcmp(w1, "START") == 0 || strcmp(w1, "NO") == 0 ||
            strcmp(w1, "COPY") == 0 || strcmp(w1, "TWO_CHANNEL_AUDIO") == 0 ||
            strcmp(w1, "FOUR_CHANNEL_AUDIO") == 0 || strcmp(w1, "PRE_EMPHASIS") == 0)
            return TOCEX_IMAGE_CDRDAO_TOC;
        if (strcasecmp(w1, "PREGAP") == 0)
            continue;
        break;
    }
    if (toc > cue)
        return TOCEX_IMAGE_CDRDAO_TOC;
    if (cue > toc)
        return TOCEX_IMAGE_CUE;
    return TOCEX_IMAGE_UNKNOWN;
}

static bool ref_is_riplog(const char *text)
{
    static const char *const banners[] = {
        "Exact Audio Copy", "EAC extraction logfile", "X Lossless Decoder", "Log created by: whipper",
        "dBpoweramp", "fre:ac", "cyanrip", "CUERipper",
    };
    const char *p = text;
    for (int lines = 0; lines < 8 && *p != '\0';) {
        const char *eol = strchr(p, '\n');
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (*p != '\n' && *p != '\0') {
            for (size_t i = 0; i < sizeof banners / sizeof banners[0]; i++)
                if (strncmp(p, banners[i], strlen(banners[i])) == 0)
                    return true;
            if (strncmp(p, "Client:", 7) == 0) {
                const char *q = p + 7;
                while (*q == ' ' || *q == '\t')
                    q++;
                if (strncmp(q, "fre:ac", 6) == 0)
                    return true;
            }
            lines++;
        }
        if (eol == NULL)
            break;
        p = eol + 1;
    }
    return false;
}

/* What the text rules say about a head no binary signature fits. */
static tocex_image_format ref_sniff_text(const uint8_t *head, size_t len)
{
    char *text = malloc(len + 1);
    const char *p;
    tocex_image_format f = TOCEX_IMAGE_UNKNOWN;
    assert_non_null(text);
    if (ref_ascii_view(head, len, text, len + 1)) {
        p = text;
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (strncasecmp(p, "[CloneCD]", 9) == 0)
            f = TOCEX_IMAGE_CCD;
        else if (ref_is_riplog(text))
            f = TOCEX_IMAGE_RIPLOG;
        else
            f = ref_cue_or_toc(text);
    }
    free(text);
    return f;
}

/* ---- random heads ---- */

static const char *const words[] = {
    "REM", "rem", "PERFORMER", "Title", "SONGWRITER", "CDTEXTFILE", "flags", "POSTGAP", "TRACK", "track", "INDEX",
    "FILE", "file", "CATALOG", "isrc", "PREGAP", "pregap", "SILENCE", "ZERO", "DATAFILE", "AUDIOFILE", "START",
    "NO", "COPY", "TWO_CHANNEL_AUDIO", "FOUR_CHANNEL_AUDIO", "PRE_EMPHASIS", "CD_DA", "CD_ROM", "CD_ROM_XA",
    "CD_I", "CD_TEXT", "CD_TEXTX", "cd_da", "//", "//x", "AUDIO", "MODE1", "MODE2_RAW", "01", "1", "00:00:00",
    "\"x.bin\"", "\"a b\"", "\"", "BINARY", "binary", "WAVE", "SWAP", "swap", "#0", "0", "#", "[CloneCD]",
    "[clonecd]", "Exact Audio Copy", "EAC extraction logfile", "X Lossless Decoder", "Log created by: whipper",
    "dBpoweramp", "fre:ac", "cyanrip", "CUERipper", "Client:", "Client:  fre:ac", "Conversion", "bogus",
    "\xC3\xA9t\xC3\xA9", "\xFF\xFE", "caf\xE9",
};

static size_t random_text(uint64_t *rng, char *out, size_t cap)
{
    size_t n = 0;
    long lines = tu_rand_range(rng, 0, 12);
    for (long l = 0; l < lines && n + 400 < cap; l++) {
        long count = tu_rand_range(rng, 0, 5);
        if (tu_rand_range(rng, 0, 6) == 0) {
            /* a statement whose second word is about as long as sscanf reads (63 bytes) */
            static const char *const first[] = {"INDEX", "TRACK", "index", "CATALOG", "ISRC", "FILE"};
            long len = tu_rand_range(rng, 61, 65);
            n += (size_t)snprintf(out + n, cap - n, "%s ", first[tu_rand_range(rng, 0, 5)]);
            for (long i = 0; i < len; i++)
                out[n++] = (char)("MA0\"x"[tu_rand_range(rng, 0, 4)]);
            n += (size_t)snprintf(out + n, cap - n, "%s\n", tu_rand_range(rng, 0, 1) ? "" : " 00:00:00");
            continue;
        }
        if (tu_rand_range(rng, 0, 15) == 0) {
            /* FILE "name" TYPE with the type about where a line is cut (255 bytes) */
            static const char *const types[] = {"BINARY", "0", "SWAP", "swap", "#1", "WAVE 1"};
            long pad = tu_rand_range(rng, 238, 252);
            n += (size_t)snprintf(out + n, cap - n, "FILE \"");
            for (long i = 0; i < pad; i++)
                out[n++] = 'n';
            n += (size_t)snprintf(out + n, cap - n, "\" %s\n", types[tu_rand_range(rng, 0, 5)]);
            continue;
        }
        /* mostly spaces and tabs; now and then the other blanks of isspace() */
        static const char *const blanks[] = {" ", "  ", "\t", " \t", " ", " ", " ", " ", "\v", "\f", "\r"};
        if (tu_rand_range(rng, 0, 3) == 0)
            n += (size_t)snprintf(out + n, cap - n, "%s", blanks[tu_rand_range(rng, 0, 10)]);
        for (long w = 0; w < count; w++) {
            long kind = tu_rand_range(rng, 0, 20);
            if (kind == 0) { /* a long word: around sscanf's 31 and 63 bytes, or the 255 of a line */
                static const long edges[] = {30, 31, 32, 62, 63, 64};
                long len = tu_rand_range(rng, 0, 1) ? edges[tu_rand_range(rng, 0, 5)] : tu_rand_range(rng, 25, 300);
                for (long i = 0; i < len && n + 1 < cap; i++)
                    out[n++] = (char)("AB\"0_/x"[tu_rand_range(rng, 0, 6)]);
            } else {
                n += (size_t)snprintf(out + n, cap - n, "%s", words[tu_rand_range(rng, 0, sizeof words / sizeof words[0] - 1)]);
            }
            if (w + 1 < count)
                n += (size_t)snprintf(out + n, cap - n, "%s", blanks[tu_rand_range(rng, 0, 10)]);
        }
        n += (size_t)snprintf(out + n, cap - n, "%s", tu_rand_range(rng, 0, 3) ? "\n" : "\r\n");
    }
    if (n > 0 && tu_rand_range(rng, 0, 9) == 0)
        out[tu_rand_range(rng, 0, (long)n - 1)] = (char)tu_rand_range(rng, 0, 31); /* control bytes, NUL */
    return n;
}

/* As UTF-16 (either order, BOM or not) or UTF-32 some of the time. */
static size_t widen(uint64_t *rng, const char *in, size_t n, uint8_t *out)
{
    long how = tu_rand_range(rng, 0, 9);
    size_t k = 0, width = how < 6 ? 1 : how < 9 ? 2 : 4;
    bool big = tu_rand_range(rng, 0, 1), bom = width > 1 && tu_rand_range(rng, 0, 1);
    if (bom) {
        static const uint8_t b16le[] = {0xFF, 0xFE}, b16be[] = {0xFE, 0xFF}, b32le[] = {0xFF, 0xFE, 0, 0},
                             b32be[] = {0, 0, 0xFE, 0xFF};
        const uint8_t *b = width == 2 ? (big ? b16be : b16le) : (big ? b32be : b32le);
        k = width == 2 ? 2 : 4;
        memcpy(out, b, k);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t b = 0; b < width; b++)
            out[k++] = (uint8_t)((big ? b == width - 1 : b == 0) ? in[i] : 0);
    return k;
}

#define T(lit) (const uint8_t *)(lit), sizeof(lit) - 1

static void test_text_rules_against_reference(void **state)
{
    static const char *const names[] = {"/x/file.dat", "/x/a.cue", "/x/a.toc", "/x/a.ccd", "/x/a.log"};
    uint64_t rng = 0x51ff0001;
    size_t counts[TOCEX_IMAGE_FORMAT_COUNT] = {0};
    char text[6000];
    uint8_t head[6000 * 4 + 8];
    (void)state;
    for (int round = 0; round < 20000; round++) {
        size_t n = random_text(&rng, text, sizeof text), len = widen(&rng, text, n, head);
        uint8_t *b = malloc(len > 0 ? len : 1);
        tocex_image_format want, got;
        assert_non_null(b);
        if (len > 0)
            memcpy(b, head, len);
        /* heads of text never fit a binary signature here: a READ TOC answer would need its first
         * two bytes to give the length; keep clear of the few lengths where they could */
        if (len >= 2 && (size_t)((b[0] << 8 | b[1]) + 2) == len) {
            free(b);
            continue;
        }
        want = ref_sniff_text(b, len);
        got = tocex_image_sniff(names[round % 5], b, len);
        if (len == 0)
            want = got; /* no head: the name decides (another rule) */
        if (got != want)
            fail_msg("round %d (%zu bytes, name %s): sniffed %s, reference %s", round, len, names[round % 5],
                     tocex_image_format_name(got), tocex_image_format_name(want));
        counts[got]++;
        free(b);
    }
    /* the short ends */
    assert_int_equal(tocex_image_sniff("/x/f.dat", T("[CloneCD]")), TOCEX_IMAGE_CCD);
    assert_int_equal(tocex_image_sniff("/x/f.dat", T("[CloneCD")), TOCEX_IMAGE_UNKNOWN);
    assert_int_equal(tocex_image_sniff("/x/f.dat", T("FILE \"a\" SWAP")), TOCEX_IMAGE_CUE);
    assert_int_equal(tocex_image_sniff("/x/f.dat", T("FILE \"a\" 0")), TOCEX_IMAGE_CDRDAO_TOC);
    assert_int_equal(tocex_image_sniff("/x/f.dat", T("INDEX 1")), TOCEX_IMAGE_CDRDAO_TOC);
    assert_int_equal(tocex_image_sniff("/x/f.dat", T("INDEX 1 2")), TOCEX_IMAGE_CUE);
    assert_int_equal(tocex_image_sniff("/x/f.dat", T("cyanrip")), TOCEX_IMAGE_RIPLOG);
    assert_int_equal(tocex_image_sniff("/x/f.dat", T("cyanri")), TOCEX_IMAGE_UNKNOWN);
    print_message("cue %zu, cdrdao %zu, ccd %zu, riplog %zu, unknown %zu\n", counts[TOCEX_IMAGE_CUE],
                  counts[TOCEX_IMAGE_CDRDAO_TOC], counts[TOCEX_IMAGE_CCD], counts[TOCEX_IMAGE_RIPLOG],
                  counts[TOCEX_IMAGE_UNKNOWN]);
    assert_true(counts[TOCEX_IMAGE_CUE] > 1000 && counts[TOCEX_IMAGE_CDRDAO_TOC] > 1000);
    /* (the many unknowns: heads with control bytes, or whose first statement neither has) */
    assert_true(counts[TOCEX_IMAGE_CCD] > 100 && counts[TOCEX_IMAGE_RIPLOG] > 100 && counts[TOCEX_IMAGE_UNKNOWN] > 100);
}

/* ---- tocex_image_open on cue sheets ---- */

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* tocex_image_open and tocex_image_read_cue agree: status, message, and the disc. */
static void open_like_read_cue(const char *path)
{
    tocex_disc *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    tocex_error ea, eb;
    tocex_status sa, sb;
    assert_non_null(a);
    assert_non_null(b);
    memset(&ea, 0, sizeof ea);
    memset(&eb, 0, sizeof eb);
    sa = tocex_image_open(path, a, &ea);
    sb = tocex_image_read_cue(path, b, &eb);
    assert_int_equal(sa, sb);
    assert_string_equal(ea.message, eb.message);
    if (sa == TOCEX_OK) {
        assert_int_equal(a->track_count, b->track_count);
        /* slots past the counts are not cleared (tocex_disc_init): compare those in use */
        assert_memory_equal(a->tracks, b->tracks, a->track_count * sizeof a->tracks[0]);
        assert_int_equal(a->note_count, b->note_count);
        for (size_t i = 0; i < a->note_count; i++)
            assert_string_equal(a->notes[i], b->notes[i]);
        assert_int_equal(a->cdtext_packs, b->cdtext_packs);
        if (a->cdtext_packs > 0)
            assert_memory_equal(a->cdtext, b->cdtext, a->cdtext_packs * 18);
        tocex_disc_free(a);
        tocex_disc_free(b);
    }
    free(a);
    free(b);
}

static void test_open_reads_sheet_once(void **state)
{
    /* sizes around the 72 KiB the sniffer reads: in one go below, read again above */
    static const size_t sizes[] = {100, 4000, 72 * 1024 - 1, 72 * 1024, 72 * 1024 + 1, 200000};
    const char *bin = tu_tmp_path("once.bin"), *cue = tu_tmp_path("once.cue");
    char *text = malloc(250000);
    (void)state;
    assert_non_null(text);
    write_file(bin, "", 0);
    assert_int_equal(truncate(bin, 2352L * 75 * 600), 0);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = (size_t)snprintf(text, 250000, "FILE \"once.bin\" BINARY\n  TRACK 01 AUDIO\n    TITLE \"One\"\n"
                                                  "    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    INDEX 01 05:00:00\n");
        /* fill with comment lines up to the size */
        while (n < sizes[s]) {
            size_t room = sizes[s] - n, line = room > 80 ? 80 : room;
            if (line < 5) {
                memset(text + n, '\n', room);
                n += room;
                break;
            }
            memcpy(text + n, "REM ", 4);
            memset(text + n + 4, 'c', line - 5);
            text[n + line - 1] = '\n';
            n += line;
        }
        write_file(cue, text, n);
        open_like_read_cue(cue);
        /* and a broken one: the error names the same line */
        text[n / 2] = '\0';
        write_file(cue, text, n);
        open_like_read_cue(cue);
    }
    free(text);
}

/* A head that starts like a cue sheet but is not text (a NUL): named .cue it is still read as a
 * cue sheet (whose reader says what is wrong); named otherwise it is refused as unknown. */
static void test_open_cue_start_not_text(void **state)
{
    static const char bytes[] = "REM x\nFILE \"a.bin\" BINARY\n\0\n";
    tocex_disc *d = malloc(sizeof *d);
    tocex_error e;
    const char *cue = tu_tmp_path("nul.cue"), *dat = tu_tmp_path("nul.dat");
    (void)state;
    assert_non_null(d);
    write_file(cue, bytes, sizeof bytes - 1);
    write_file(dat, bytes, sizeof bytes - 1);
    assert_int_equal(tocex_image_sniff(cue, (const uint8_t *)bytes, sizeof bytes - 1), TOCEX_IMAGE_UNKNOWN);
    assert_int_equal(tocex_image_open(cue, d, &e), TOCEX_E_PARSE);
    assert_non_null(strstr(e.message, "nul.cue:3: NUL character in UTF-8 text"));
    tocex_disc_free(d);
    assert_int_equal(tocex_image_open(dat, d, &e), TOCEX_E_UNSUPPORTED);
    assert_non_null(strstr(e.message, "not a disc image or description"));
    tocex_disc_free(d);
    open_like_read_cue(cue);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_rules_against_reference),
        cmocka_unit_test(test_open_reads_sheet_once),
        cmocka_unit_test(test_open_cue_start_not_text),
    };
    return cmocka_run_group_tests(tests, tu_tmpdir_setup, tu_tmpdir_teardown);
}
