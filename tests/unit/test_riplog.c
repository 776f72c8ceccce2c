/* Ripper logs: fixtures of every layout (tests/data/riplog, written by make_fixtures.py from the
 * shared test data's TOCs) checked against vectors/discids.csv read at test time; encodings;
 * hostile logs (truncation, garbage rows, huge lines, NULs, random mutations). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "tocex/disc.h"
#include "tocex/image.h"

/* ---- vectors/discids.csv ---- */

typedef struct csv_toc {
    unsigned first, last;
    long leadout;      /* LBA (CSV value - 150) */
    long starts[99];   /* LBA */
    unsigned data[99]; /* data track numbers */
    size_t data_count;
} csv_toc;

/* Split one CSV line (RFC 4180 quotes) into at most `max` fields, in place. */
static size_t csv_split(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *w = line, *r = line;
    while (n < max) {
        bool quoted = *r == '"';
        fields[n++] = w;
        if (quoted)
            r++;
        for (;;) {
            if (*r == '\0' || *r == '\n' || *r == '\r') {
                *w = '\0';
                return n;
            }
            if (quoted && *r == '"') {
                if (r[1] == '"') {
                    *w++ = '"';
                    r += 2;
                    continue;
                }
                quoted = false;
                r++;
                continue;
            }
            if (!quoted && *r == ',') {
                *w++ = '\0';
                r++;
                break;
            }
            *w++ = *r++;
        }
    }
    return n;
}

/* The row whose source contains `key` (and has `last` tracks when last != 0). */
static bool csv_find(const char *key, unsigned last, csv_toc *out)
{
    const char *path = tu_data_path("vectors/discids.csv");
    FILE *f;
    char line[8192];
    bool found = false;
    if (path == NULL || (f = fopen(path, "r")) == NULL)
        return false;
    while (!found && fgets(line, sizeof line, f) != NULL) {
        char *fld[12];
        char *p, *end;
        if (csv_split(line, fld, 12) < 11 || strstr(fld[0], key) == NULL)
            continue;
        if (last != 0 && strtoul(fld[2], NULL, 10) != last)
            continue;
        memset(out, 0, sizeof *out);
        out->first = (unsigned)strtoul(fld[1], NULL, 10);
        out->last = (unsigned)strtoul(fld[2], NULL, 10);
        out->leadout = strtol(fld[3], NULL, 10) - 150;
        p = fld[4];
        for (unsigned i = 0; i <= out->last - out->first && i < 99; i++) {
            out->starts[i] = strtol(p, &end, 10) - 150;
            p = end;
        }
        p = fld[9];
        while (*p != '\0' && out->data_count < 99) {
            long v = strtol(p, &end, 10);
            if (end == p)
                break;
            out->data[out->data_count++] = (unsigned)v;
            p = end;
        }
        found = true;
    }
    fclose(f);
    return found;
}

static bool csv_is_data(const csv_toc *t, unsigned number)
{
    for (size_t i = 0; i < t->data_count; i++)
        if (t->data[i] == number)
            return true;
    return false;
}

static const char *fixture(const char *name)
{
    static char buf[4][1024];
    static unsigned slot;
    char *b = buf[slot++ % 4];
    snprintf(b, sizeof buf[0], "%s", tu_src_path(name));
    return b;
}

static tocex_disc *read_fixture(const char *name)
{
    char rel[256];
    tocex_error err;
    tocex_disc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    snprintf(rel, sizeof rel, "tests/data/riplog/%s", name);
    if (tocex_image_read_riplog(fixture(rel), d, &err) != TOCEX_OK) {
        print_message("%s: %s\n", name, err.message);
        fail();
    }
    return d;
}

static void free_disc(tocex_disc *d)
{
    tocex_disc_free(d);
    free(d);
}

static bool has_note(const tocex_disc *d, const char *needle)
{
    for (size_t i = 0; i < d->note_count; i++)
        if (strstr(d->notes[i], needle) != NULL)
            return true;
    return false;
}

/* The disc must be exactly the CSV's TOC: an Enhanced CD's trailing data track in session 2
 * whose session 1 ends 11400 sectors before it (reference 2.1), else one audio session. */
static void assert_csv_toc(const tocex_disc *d, const csv_toc *t)
{
    size_t n = t->last - t->first + 1;
    bool cdextra = t->data_count == 1 && t->data[0] == t->last;
    assert_int_equal(d->track_count, n);
    for (size_t i = 0; i < n; i++) {
        unsigned number = t->first + (unsigned)i;
        bool data = csv_is_data(t, number);
        assert_int_equal(d->tracks[i].number, number);
        assert_int_equal(d->tracks[i].start, t->starts[i]);
        assert_int_equal((d->tracks[i].control & TOCEX_CONTROL_DATA) != 0, data);
        assert_int_equal(d->tracks[i].mode == TOCEX_MODE_AUDIO, !data);
        assert_int_equal(d->tracks[i].session, cdextra && number == t->last ? 2 : 1);
    }
    assert_int_equal(tocex_disc_leadout(d), t->leadout);
    if (cdextra) {
        assert_int_equal(d->session_count, 2);
        assert_int_equal(d->sessions[0].leadout, t->starts[n - 1] - 11400);
        assert_int_equal(d->sessions[1].leadout, t->leadout);
        assert_int_equal(d->sessions[1].first_track, t->last);
    } else {
        assert_int_equal(d->session_count, 1);
    }
    assert_true((d->known & TOCEX_KNOWN_LEADOUT) != 0);
    assert_true((d->known & TOCEX_KNOWN_SESSIONS) == 0);
    assert_true((d->known & TOCEX_KNOWN_CDTEXT) == 0);
    assert_int_equal(d->cdtext_packs, 0);
    assert_int_equal(d->atip_len, 0);
    assert_true(has_note(d, "only the TOC is recorded"));
    assert_true(has_note(d, "CONTROL bits of audio tracks"));
}

static void check_against_csv(const char *file, const char *key, unsigned last)
{
    csv_toc t;
    tocex_disc *d;
    TU_REQUIRE_TESTDATA();
    assert_true(csv_find(key, last, &t));
    d = read_fixture(file);
    assert_csv_toc(d, &t);
    free_disc(d);
}

/* ---- each ripper's layout against the CSV ---- */

static void test_eac_english_utf16le(void **state)
{
    tocex_disc *d;
    (void)state;
    check_against_csv("eac-en-utf16le.log", "musicbrainz.org/doc/Disc_ID_Calculation", 6);
    d = read_fixture("eac-en-utf16le.log");
    /* "Pre-gap length  0:00:02.00" on track 1 is the 2 s before LBA 0: no INDEX 00 in the program area */
    for (size_t i = 0; i < d->track_count; i++)
        assert_int_equal(d->tracks[i].pregap, 0);
    assert_true((d->known & TOCEX_KNOWN_GAPS) != 0);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
    assert_true((d->known & TOCEX_KNOWN_MEDIA) == 0);
    assert_true(has_note(d, "EAC log"));
    free_disc(d);
}

static void test_eac_cp1252(void **state)
{
    (void)state;
    check_against_csv("eac-cp1252.log", "TOTBLTestCase", 11);
}

static void test_eac_cdextra_inferred(void **state)
{
    tocex_disc *d;
    (void)state;
    check_against_csv("eac-cdextra-utf16le.log", "LadyhawkeTestCase", 13);
    check_against_csv("eac-cdextra-utf8bom.log", "Blobfolio/cdtoc", 25);
    d = read_fixture("eac-cdextra-utf16le.log");
    assert_true(has_note(d, "Enhanced CD"));
    assert_true((d->known & TOCEX_KNOWN_GAPS) == 0);
    free_disc(d);
}

static void test_eac_localized_cp1251(void **state)
{
    (void)state;
    check_against_csv("eac-ru-cp1251.log", "Blobfolio/cdtoc", 4);
}

static void test_eac_unicode_encodings(void **state)
{
    static const char *const files[] = {"eac-utf32le-bom.log", "eac-utf32be-nobom.log", "eac-utf16le-nobom.log",
                                        "eac-utf16be-bom.log"};
    (void)state;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        check_against_csv(files[i], "cdcontrol example URL", 15);
}

static void test_xld_with_pregaps(void **state)
{
    tocex_disc *d, *toc;
    tocex_error err;
    (void)state;
    check_against_csv("xld-cure.log", "CureTestCase", 13);
    d = read_fixture("xld-cure.log");
    /* the fixture's "Pre-gap length" lines come from whipper's cure.toc START values: the cdrdao
     * reader must see the same pre-gaps in that file */
    toc = calloc(1, sizeof *toc);
    assert_non_null(toc);
    assert_int_equal(tocex_image_read_cdrdao(tu_data_path("whipper/cure.toc"), toc, &err), TOCEX_OK);
    assert_int_equal(toc->track_count, d->track_count);
    for (size_t i = 0; i < d->track_count; i++) {
        assert_int_equal(d->tracks[i].pregap, toc->tracks[i].pregap);
        assert_int_equal(d->tracks[i].start, toc->tracks[i].start);
    }
    assert_true(toc->tracks[1].pregap > 0); /* the comparison is not between zeros only */
    assert_true((d->known & TOCEX_KNOWN_GAPS) != 0);
    assert_true(has_note(d, "XLD log"));
    assert_true((d->known & TOCEX_KNOWN_MEDIA) != 0); /* "Media type : Pressed CD" */
    assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
    free_disc(toc);
    free_disc(d);
}

static void test_whipper_htoa(void **state)
{
    tocex_disc *d;
    csv_toc t;
    (void)state;
    check_against_csv("whipper-bloc-htoa.log", "BlocTestCase", 13);
    d = read_fixture("whipper-bloc-htoa.log");
    assert_true(csv_find("BlocTestCase", 13, &t));
    /* HTOA ("00") is track 1's INDEX 00 from LBA 0, not a track */
    assert_int_equal(tocex_disc_first_track(d), 1);
    assert_int_equal(d->tracks[0].pregap, t.starts[0]);
    assert_true(t.starts[0] > 0);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
    assert_true((d->known & TOCEX_KNOWN_MEDIA) != 0); /* "CD-R detected: No" */
    free_disc(d);
}

static void test_whipper_cdextra(void **state)
{
    tocex_disc *d;
    (void)state;
    check_against_csv("whipper-capital-cdextra.log", "CapitalMergeTestCase", 12);
    d = read_fixture("whipper-capital-cdextra.log");
    assert_int_equal(d->media, TOCEX_MEDIA_CD_R); /* the fixture says "CD-R detected: Yes" */
    assert_true((d->known & TOCEX_KNOWN_MEDIA) != 0);
    /* the "Pre-gap length" lines come from capital.1.toc (the audio session): the cdrdao reader
     * must find the same pre-gaps there */
    {
        tocex_error err;
        tocex_disc *toc = calloc(1, sizeof *toc);
        assert_non_null(toc);
        assert_int_equal(tocex_image_read_cdrdao(tu_data_path("whipper/capital.1.toc"), toc, &err), TOCEX_OK);
        assert_int_equal(toc->track_count, 11);
        for (size_t i = 0; i < toc->track_count; i++)
            assert_int_equal(d->tracks[i].pregap, toc->tracks[i].pregap);
        assert_true(toc->tracks[0].pregap > 0 && toc->tracks[1].pregap > 0);
        assert_true(has_note(d, "pre-gaps logged for 11 of 12"));
        free_disc(toc);
    }
    free_disc(d);
}

static void test_dbpoweramp(void **state)
{
    (void)state;
    check_against_csv("dbpoweramp-gentlemen-utf8bom.txt", "GentlemenTestCase", 11);
    check_against_csv("dbpoweramp-99-utf16le.txt", "Blobfolio/cdtoc", 99);
}

static void test_freac_data_row(void **state)
{
    tocex_disc *a, *b;
    (void)state;
    check_against_csv("freac-ladyhawke-data.log", "LadyhawkeTestCase", 13);
    /* the marked DATA row and EAC's inferred data track give the same disc */
    a = read_fixture("freac-ladyhawke-data.log");
    b = read_fixture("eac-cdextra-utf16le.log");
    assert_true(has_note(a, "as the log marks them"));
    assert_false(has_note(a, "Enhanced CD"));
    assert_int_equal(a->track_count, b->track_count);
    assert_int_equal(a->session_count, b->session_count);
    for (size_t i = 0; i < a->track_count; i++) {
        assert_int_equal(a->tracks[i].start, b->tracks[i].start);
        assert_int_equal(a->tracks[i].control, b->tracks[i].control);
        assert_int_equal(a->tracks[i].session, b->tracks[i].session);
    }
    for (size_t s = 0; s < a->session_count; s++)
        assert_int_equal(a->sessions[s].leadout, b->sessions[s].leadout);
    free_disc(a);
    free_disc(b);
}

static void test_cyanrip(void **state)
{
    tocex_disc *d;
    csv_toc t;
    (void)state;
    check_against_csv("cyanrip-16.log", "Blobfolio/cdtoc", 16);
    d = read_fixture("cyanrip-16.log");
    assert_true(csv_find("Blobfolio/cdtoc", 16, &t));
    /* the fixture's track 1 has "Pregap LSN: 0": INDEX 00 from LBA 0 to the track's start */
    assert_int_equal(d->tracks[0].pregap, t.starts[0]);
    assert_int_equal(d->tracks[1].pregap, 0);
    assert_true(has_note(d, "pre-gaps logged for 1 of 16"));
    free_disc(d);
}

/* dBpoweramp and XLD list only the audio tracks of an Enhanced CD; their AccurateRip ID brings
 * the data track back (the CSV's TOC has it: exactly that disc must come out). */
static void test_recover_data_track(void **state)
{
    static const char *const files[] = {"dbpoweramp-ladyhawke-audio-only.txt", "xld-ladyhawke-audio-only.log"};
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        tocex_disc *d;
        check_against_csv(files[i], "LadyhawkeTestCase", 13);
        d = read_fixture(files[i]);
        assert_true(has_note(d, "recovered from the AccurateRip ID"));
        assert_false(has_note(d, "differs"));
        free_disc(d);
    }
}

/* The IDs a log prints agree with the TOC read from it. */
static void test_printed_ids_agree(void **state)
{
    static const struct {
        const char *file, *note;
    } cases[] = {
        {"xld-cure.log", "gives the AccurateRip ID the log prints"},
        {"dbpoweramp-99-utf16le.txt", "gives the AccurateRip ID the log prints"},
        {"whipper-bloc-htoa.log", "gives the CDDB ID the log prints"},
        {"whipper-capital-cdextra.log", "gives the CDDB ID the log prints"},
        {"freac-ladyhawke-data.log", "gives the CDDB ID the log prints"},
        {"whipper-capital-cdextra.log", "gives the MusicBrainz disc ID the log prints"},
        {"cyanrip-16.log", "gives the MusicBrainz disc ID the log prints"},
        {"eac-cdextra-utf8bom.log", "gives the CTDB TOCID the log prints"},
        {"eac-ru-cp1251.log", "gives the CTDB TOCID the log prints"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tocex_disc *d = read_fixture(cases[i].file);
        if (!has_note(d, cases[i].note)) {
            print_message("%s: no note \"%s\"\n", cases[i].file, cases[i].note);
            fail();
        }
        assert_false(has_note(d, "differs"));
        free_disc(d);
    }
}

/* make_fixtures.py puts a data track of this many sectors in front of a CSV disc's audio tracks */
#define MIXED_DATA_SECTORS 15000

/* A data track before the audio: only the CTDB TOCID (cdtoc's published value for the audio
 * tracks, which keep their relative positions) tells that track 1 is data. */
static void test_mixed_mode_from_ctdb(void **state)
{
    csv_toc t;
    tocex_disc *d;
    (void)state;
    TU_REQUIRE_TESTDATA();
    assert_true(csv_find("Blobfolio/cdtoc", 4, &t));
    d = read_fixture("eac-mixedmode-ctdb.log");
    assert_int_equal(d->track_count, 5);
    assert_int_equal(d->session_count, 1);
    assert_int_equal(d->tracks[0].start, 0);
    assert_true((d->tracks[0].control & TOCEX_CONTROL_DATA) != 0);
    assert_int_equal(d->tracks[0].mode, TOCEX_MODE_UNKNOWN);
    for (size_t i = 1; i < 5; i++) {
        assert_int_equal(d->tracks[i].start, t.starts[i - 1] + MIXED_DATA_SECTORS);
        assert_int_equal(d->tracks[i].control, 0);
    }
    assert_int_equal(tocex_disc_leadout(d), t.leadout + MIXED_DATA_SECTORS);
    assert_true(has_note(d, "track 1 taken as data"));
    assert_false(has_note(d, "does not mark data tracks"));
    assert_false(has_note(d, "differs"));
    free_disc(d);
}

/* The content sniffer (src/image/open.c) hands these files to this reader. */
static void test_open_sniffs_logs(void **state)
{
    static const char *const files[] = {
        "eac-en-utf16le.log",          "eac-cp1252.log",           "eac-cdextra-utf16le.log",
        "eac-cdextra-utf8bom.log",     "eac-ru-cp1251.log",        "eac-utf32le-bom.log",
        "eac-utf32be-nobom.log",       "eac-utf16le-nobom.log",    "eac-utf16be-bom.log",
        "eac-mixedmode-ctdb.log",      "xld-cure.log",             "xld-ladyhawke-audio-only.log",
        "whipper-bloc-htoa.log",       "whipper-capital-cdextra.log", "dbpoweramp-gentlemen-utf8bom.txt",
        "dbpoweramp-99-utf16le.txt",   "dbpoweramp-ladyhawke-audio-only.txt", "freac-ladyhawke-data.log",
        "cyanrip-16.log",
    };
    (void)state;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char rel[256];
        tocex_error err;
        tocex_disc *d = calloc(1, sizeof *d);
        assert_non_null(d);
        snprintf(rel, sizeof rel, "tests/data/riplog/%s", files[i]);
        if (tocex_image_open(fixture(rel), d, &err) != TOCEX_OK) {
            print_message("%s: %s\n", files[i], err.message);
            fail();
        }
        assert_true(d->track_count > 0);
        assert_true(has_note(d, "only the TOC is recorded"));
        free_disc(d);
    }
}

/* ---- hostile and malformed logs ---- */

static tocex_status parse_str(const char *text, tocex_disc *d, tocex_error *err)
{
    return tocex_image_parse_riplog("t.log", (const uint8_t *)text, strlen(text), d, err);
}

#define EAC_HEAD                                                                                                    \
    "Exact Audio Copy V1.0 beta 3 from 29. August 2011\r\n\r\nEAC extraction logfile from 1. May 2020, 10:00\r\n\r\n" \
    "TOC of the extracted CD\r\n\r\n"                                                                               \
    "     Track |   Start  |  Length  | Start sector | End sector \r\n"                                             \
    "    ---------------------------------------------------------\r\n"
#define ROW1 "        1  |  0:00.00 |  5:32.14 |         0    |    24913   \r\n"
#define ROW2 "        2  |  5:32.14 |  4:07.22 |     24914    |    43460   \r\n"
#define ROW3 "        3  |  9:39.36 |  3:50.29 |     43461    |    60739   \r\n"
#define TAIL "\r\n\r\nTrack  1\r\n\r\n     Copy OK\r\n\r\nEnd of status report\r\n"

static void expect_error(const char *text, tocex_status want, const char *needle)
{
    tocex_disc d;
    tocex_error err;
    tocex_status st = parse_str(text, &d, &err);
    if (st != want || strstr(err.message, needle) == NULL) {
        print_message("got %d \"%s\", want %d with \"%s\"\n", (int)st, err.message, (int)want, needle);
        fail();
    }
    assert_int_equal(d.track_count, 0); /* nothing half-built is handed out */
}

static void test_good_inline(void **state)
{
    tocex_disc d;
    tocex_error err;
    (void)state;
    assert_int_equal(parse_str(EAC_HEAD ROW1 ROW2 ROW3 TAIL, &d, &err), TOCEX_OK);
    assert_int_equal(d.track_count, 3);
    assert_int_equal(d.tracks[2].start, 43461);
    assert_int_equal(tocex_disc_leadout(&d), 60740);
    assert_false(has_note(&d, "disagree"));
    tocex_disc_free(&d);
    /* a Start column that disagrees with the sectors is noted, the sectors win */
    assert_int_equal(parse_str(EAC_HEAD ROW1 "        2  |  5:32.15 |  4:07.22 |     24914    |    43460   \r\n" TAIL,
                               &d, &err),
                     TOCEX_OK);
    assert_true(has_note(&d, "disagree"));
    assert_int_equal(d.tracks[1].start, 24914);
    tocex_disc_free(&d);
    /* no banner (a log cut before its first lines): the table alone is enough */
    assert_int_equal(parse_str("     Track |   Start  |  Length  | Start sector | End sector \r\n"
                               "    ---------------------------------------------------------\r\n" ROW1 ROW2 TAIL,
                               &d, &err),
                     TOCEX_OK);
    assert_int_equal(d.track_count, 2);
    assert_true(has_note(&d, "unknown ripper log: only the TOC"));
    tocex_disc_free(&d);
}

static void test_sessions(void **state)
{
    tocex_disc d;
    tocex_error err;
    (void)state;
    /* gaps of 11400 (before session 2) and 6900 (later sessions): whipper's merge rule */
    assert_int_equal(parse_str(EAC_HEAD "        1  |  0:00.00 |  0:13.25 |         0    |      999   \r\n"
                                        "        2  |  2:45.25 |  0:08.00 |     12400    |    12999   \r\n"
                                        "        3  |  4:25.25 |  0:14.50 |     19900    |    20999   \r\n" TAIL,
                               &d, &err),
                     TOCEX_OK);
    assert_int_equal(d.session_count, 3);
    assert_int_equal(d.sessions[0].leadout, 1000);
    assert_int_equal(d.sessions[1].leadout, 13000);
    assert_int_equal(d.sessions[2].leadout, 21000);
    assert_int_equal(d.tracks[1].control, 0);                  /* audio in session 2 */
    assert_int_equal(d.tracks[2].control, TOCEX_CONTROL_DATA); /* the last row after a session gap */
    assert_true(has_note(&d, "3 sessions inferred"));
    tocex_disc_free(&d);
    /* fre:ac marks a data track in front: it is track 1, no inference needed */
    assert_int_equal(parse_str("Conversion #1 - 2 tracks\n\nClient:  fre:ac - free audio converter\n\n"
                               "00:00:00.080         Track |   Start  |  Length  | Start sector | End sector\n"
                               "00:00:00.081         -------------------------------------------------------\n"
                               "00:00:00.081          DATA |          |          |            0 |       11999\n"
                               "00:00:00.081             2 | 02:40.00 | 03:00.00 |        12000 |       25499\n"
                               "00:00:00.082 \n",
                               &d, &err),
                     TOCEX_OK);
    assert_int_equal(d.track_count, 2);
    assert_int_equal(d.tracks[0].number, 1);
    assert_int_equal(d.tracks[0].control, TOCEX_CONTROL_DATA);
    assert_int_equal(d.tracks[1].control, 0);
    assert_int_equal(d.session_count, 1);
    assert_true(has_note(&d, "fre:ac log"));
    tocex_disc_free(&d);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("", TOCEX_E_PARSE, "not a ripper log");
    expect_error("FILE \"a.wav\" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n", TOCEX_E_PARSE, "not a ripper log");
    expect_error("Exact Audio Copy V1.0\r\n\r\nRange status and errors\r\n", TOCEX_E_PARSE,
                 "no TOC table found");
    expect_error("X Lossless Decoder version 20230627\n\nno table\n", TOCEX_E_PARSE,
                 "t.log:3: no TOC table found up to the end of the log (XLD)");
    /* the file ends inside the table */
    expect_error(EAC_HEAD ROW1 ROW2, TOCEX_E_TRUNCATED, "t.log:10: the log ends inside the TOC table");
    /* a row cut short */
    expect_error(EAC_HEAD ROW1 "        2  |  5:32.14 |  4:0" TAIL, TOCEX_E_PARSE, "t.log:10: malformed TOC row");
    /* garbage in a row */
    expect_error(EAC_HEAD ROW1 "        2  |  5:32.14 |  4:07.22 |     24x14    |    43460   \r\n" TAIL, TOCEX_E_PARSE,
                 "t.log:10: malformed TOC row: the start sector");
    expect_error(EAC_HEAD ROW1 "        2  |  junk    |  4:07.22 |     24914    |    43460   \r\n" TAIL, TOCEX_E_PARSE,
                 "t.log:10: malformed TOC row: the start/length");
    /* rows not ascending */
    expect_error(EAC_HEAD ROW1 "        2  |  5:32.14 |  4:07.22 |     20000    |    43460   \r\n" TAIL, TOCEX_E_PARSE,
                 "t.log:10: rows not ascending");
    /* end before start */
    expect_error(EAC_HEAD ROW1 "        2  |  5:32.14 |  4:07.22 |     24914    |    24000   \r\n" TAIL, TOCEX_E_PARSE,
                 "t.log:10: track 2 ends (sector 24000) before it starts");
    /* track numbers skipping */
    expect_error(EAC_HEAD ROW1 "        3  |  5:32.14 |  4:07.22 |     24914    |    43460   \r\n" TAIL, TOCEX_E_PARSE,
                 "t.log:10: track 3 follows track 1");
    /* a hole that is not a session gap */
    expect_error(EAC_HEAD ROW1 "        2  |  5:32.15 |  4:07.22 |     24915    |    43460   \r\n" TAIL, TOCEX_E_PARSE,
                 "t.log:10: track 2 starts 1 sectors after track 1 ends");
    /* whipper entry without its end */
    expect_error("Log created by: whipper 0.10.0\n\nTOC:\n  01:\n    Start sector: 0\n    End sector: 99\n\n"
                 "  02:\n    Start sector: 100\n\nTracks:\n",
                 TOCEX_E_PARSE, "t.log:8: track 2: the TOC entry lacks");
    /* the same track twice with different sectors */
    expect_error(EAC_HEAD ROW1 ROW2 "        2  |  5:32.14 |  4:07.22 |     24914    |    43461   \r\n" TAIL,
                 TOCEX_E_PARSE, "t.log:11: track 2 follows track 2");
    /* dBpoweramp partial rip */
    expect_error("dBpoweramp Release 17.1 Digital Audio Extraction Log\r\n\r\n"
                 "Track 1:  Ripped LBA 0 to 100 (0:01) in 0:01.\r\nTrack 3:  Ripped LBA 200 to 300 (0:01) in 0:01.\r\n",
                 TOCEX_E_PARSE, "partial rip");
    /* cyanrip block without End LSN */
    expect_error("cyanrip 0.9.3 (c23f1c4)\nDisc tracks: 1\n\nTrack 1 ripped and encoded successfully!\n"
                 "    Start LSN: 0\n\nRipping errors: 0\n",
                 TOCEX_E_PARSE, "t.log:4: track 1: the track block lacks");
    /* beyond the last address a CD can have */
    expect_error(EAC_HEAD "        1  |  0:00.00 | 99:00.00 |         0    |   999999   \r\n" TAIL, TOCEX_E_LIMIT,
                 "beyond 89:59:74");
}

static void test_repeated_record(void **state)
{
    tocex_disc d;
    tocex_error err;
    (void)state;
    /* a record logged twice word for word is one track */
    assert_int_equal(parse_str("dBpoweramp Release 17.1 Digital Audio Extraction Log\r\n\r\n"
                               "Track 1:  Ripped LBA 0 to 1000 (0:13) in 0:01.\r\n"
                               "Track 2:  Ripped LBA 1000 to 2000 (0:13) in 0:01.\r\n"
                               "Track 2:  Ripped LBA 1000 to 2000 (0:13) in 0:02.\r\n",
                               &d, &err),
                     TOCEX_OK);
    assert_int_equal(d.track_count, 2);
    assert_int_equal(tocex_disc_leadout(&d), 2000);
    tocex_disc_free(&d);
}

static void test_id_mismatch(void **state)
{
    tocex_disc d;
    tocex_error err;
    (void)state;
    /* CDDB low byte 03 but the AccurateRip ID does not fit a data track after track 2 */
    assert_int_equal(
        parse_str("dBpoweramp Release 17.1 Digital Audio Extraction Log\r\n\r\n"
                  "Track 1:  Ripped LBA 0 to 1000 (0:13) in 0:01. [DiscID: 002-00005208-00005678-0a000103-1]\r\n"
                  "Track 2:  Ripped LBA 1000 to 2000 (0:13) in 0:01. [DiscID: 002-00005208-00005678-0a000103-2]\r\n",
                  &d, &err),
        TOCEX_OK);
    assert_int_equal(d.track_count, 2);
    assert_true(has_note(&d, "does not fit its AccurateRip ID (line 3)"));
    tocex_disc_free(&d);
    /* id1 leaves no room for a data session after the audio */
    assert_int_equal(
        parse_str("dBpoweramp Release 17.1 Digital Audio Extraction Log\r\n\r\n"
                  "Track 1:  Ripped LBA 0 to 1000 (0:13) in 0:01. [DiscID: 001-00001234-00005678-0a000102-1]\r\n",
                  &d, &err),
        TOCEX_OK);
    assert_int_equal(d.track_count, 1);
    assert_true(has_note(&d, "could not be placed"));
    tocex_disc_free(&d);
    /* a rip of the first tracks only: the CDDB ID counts more */
    assert_int_equal(
        parse_str("dBpoweramp Release 17.1 Digital Audio Extraction Log\r\n\r\n"
                  "Track 1:  Ripped LBA 0 to 1000 (0:13) in 0:01. [DiscID: 001-00001234-00005678-0a000105-1]\r\n",
                  &d, &err),
        TOCEX_OK);
    assert_true(has_note(&d, "counts 5 tracks but 1 are listed (a partial rip?)"));
    tocex_disc_free(&d);
    /* a CDDB ID that is not this TOC's */
    assert_int_equal(parse_str("Log created by: whipper 0.10.0\n\nCD metadata:\n  CDDB Disc ID: 01020304\n\nTOC:\n"
                               "  01:\n    Start sector: 0\n    End sector: 99\n\nTracks:\n",
                               &d, &err),
                     TOCEX_OK);
    assert_true(has_note(&d, "the log's CDDB ID 01020304 (line 4) differs"));
    tocex_disc_free(&d);
    assert_int_equal(parse_str("cyanrip 0.9.3 (c23f1c4)\nDiscID: ANJa4DGYN_ktpzOwvVPtcjwP7mE-\n\n"
                               "Track 1 ripped and encoded successfully!\n    Pregap LSN: none\n    Start LSN: 0\n"
                               "    End LSN: 99\n\nRipping errors: 0\n",
                               &d, &err),
                     TOCEX_OK);
    assert_true(has_note(&d, "the log's MusicBrainz disc ID ANJa4DGYN_ktpzOwvVPtcjwP7mE- (line 2) differs"));
    tocex_disc_free(&d);
    /* a CTDB TOCID that fits neither reading: the tracks stay audio, the mismatch is noted */
    assert_int_equal(
        parse_str(EAC_HEAD ROW1 ROW2 TAIL "[CTDB TOCID: VukMWWItblELRM.CEFpXxw0FlME-] found\r\n", &d, &err), TOCEX_OK);
    assert_int_equal(d.tracks[0].control, 0);
    assert_true(has_note(&d, "the log's CTDB TOCID VukMWWItblELRM.CEFpXxw0FlME- (line 18) differs"));
    tocex_disc_free(&d);
}

static void test_too_many_tracks(void **state)
{
    size_t cap = 64 * 1024, k;
    char *text = malloc(cap);
    (void)state;
    assert_non_null(text);
    /* track 100 (line 8 + 100) cannot exist */
    k = (size_t)snprintf(text, cap, "%s", EAC_HEAD);
    for (int i = 0; i < 100; i++)
        k += (size_t)snprintf(text + k, cap - k, "  %3d  |  0:00.00 |  0:01.00 |  %8d    |  %8d   \r\n", i + 1,
                              i * 75, i * 75 + 74);
    snprintf(text + k, cap - k, "%s", TAIL);
    expect_error(text, TOCEX_E_PARSE, "t.log:108: malformed TOC row: track number outside 0..99");
    /* more rows than any disc has tracks */
    k = (size_t)snprintf(text, cap, "%s", EAC_HEAD);
    for (int i = 0; i < 120; i++)
        k += (size_t)snprintf(text + k, cap - k, "    5  |  0:00.00 |  0:01.00 |  %8d    |  %8d   \r\n", i * 75,
                              i * 75 + 74);
    snprintf(text + k, cap - k, "%s", TAIL);
    expect_error(text, TOCEX_E_LIMIT, "more than 99 tracks");
    free(text);
}

static void test_huge_line(void **state)
{
    static const char head[] = "Exact Audio Copy V1.0 beta 3 from 29. August 2011\r\n\r\nUsed drive  : ";
    static const char rest[] = "\r\n\r\nTOC of the extracted CD\r\n\r\n"
                               "     Track |   Start  |  Length  | Start sector | End sector \r\n"
                               "    ---------------------------------------------------------\r\n" ROW1 ROW2 TAIL;
    size_t big = 3u * 1024 * 1024, len = sizeof head - 1 + big + sizeof rest - 1;
    uint8_t *text = malloc(len);
    tocex_disc d;
    tocex_error err;
    (void)state;
    assert_non_null(text);
    memcpy(text, head, sizeof head - 1);
    memset(text + sizeof head - 1, 'A', big);
    memcpy(text + sizeof head - 1 + big, rest, sizeof rest - 1);
    assert_int_equal(tocex_image_parse_riplog("big.log", text, len, &d, &err), TOCEX_OK);
    assert_int_equal(d.track_count, 2);
    assert_int_equal(tocex_disc_leadout(&d), 43461);
    tocex_disc_free(&d);
    /* the same multi-megabyte run of '|' columns is not a row either */
    memset(text + sizeof head - 1, '|', big);
    assert_int_equal(tocex_image_parse_riplog("big.log", text, len, &d, &err), TOCEX_OK);
    assert_int_equal(d.track_count, 2);
    tocex_disc_free(&d);
    free(text);
}

static void test_nul_and_bad_bytes(void **state)
{
    static const char good[] = EAC_HEAD ROW1 ROW2 TAIL;
    uint8_t buf[sizeof good + 8];
    tocex_disc d;
    tocex_error err;
    size_t at;
    (void)state;
    /* a NUL inside a row */
    memcpy(buf, good, sizeof good - 1);
    at = (size_t)(strstr(good, ROW2) - good) + 3;
    buf[at] = 0;
    assert_int_not_equal(tocex_image_parse_riplog("nul.log", buf, sizeof good - 1, &d, &err), TOCEX_OK);
    assert_non_null(strstr(err.message, "nul.log"));
    assert_non_null(strstr(err.message, "NUL"));
    /* bytes that are not UTF-8 in the title: read as Windows-1252/Latin-1, the table is intact */
    memcpy(buf, good, sizeof good - 1);
    at = (size_t)(strstr(good, "EAC extraction") - good);
    buf[at] = 0x81;
    buf[at + 1] = 0xFF;
    assert_int_equal(tocex_image_parse_riplog("bad.log", buf, sizeof good - 1, &d, &err), TOCEX_OK);
    assert_int_equal(d.track_count, 2);
    tocex_disc_free(&d);
    /* UTF-16 with a BOM and an odd byte count */
    {
        static const uint8_t odd[] = {0xFF, 0xFE, 'E', 0, 'A', 0, 'C'};
        assert_int_not_equal(tocex_image_parse_riplog("odd.log", odd, sizeof odd, &d, &err), TOCEX_OK);
        assert_true(err.message[0] != '\0');
    }
    /* NULL data with zero length is an empty log */
    assert_int_equal(tocex_image_parse_riplog(NULL, NULL, 0, &d, &err), TOCEX_E_PARSE);
    assert_int_equal(tocex_image_parse_riplog("x", NULL, 5, &d, &err), TOCEX_E_INVALID_ARGUMENT);
}

static void test_file_limits(void **state)
{
    char path[] = "/tmp/tocex-riplog-XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    tocex_disc d;
    tocex_error err;
    (void)state;
    assert_true(fd >= 0);
    f = fdopen(fd, "wb");
    assert_non_null(f);
    fputs(EAC_HEAD ROW1 ROW2 TAIL, f);
    for (int i = 0; i < 9 * 1024; i++) /* past the 8 MiB a log may have */
        for (int k = 0; k < 16; k++)
            fputs("padding padding padding padding padding padding padding padding\n", f);
    fclose(f);
    assert_int_equal(tocex_image_read_riplog(path, &d, &err), TOCEX_E_LIMIT);
    assert_non_null(strstr(err.message, path));
    unlink(path);
    assert_int_equal(tocex_image_read_riplog("/nonexistent/dir/rip.log", &d, &err), TOCEX_E_IO);
}

/* Random truncations and byte changes of every fixture: a clean answer or a clean error. */
static void test_mutations(void **state)
{
    static const char *const files[] = {
        "eac-en-utf16le.log",       "eac-cp1252.log",         "eac-cdextra-utf8bom.log", "xld-cure.log",
        "whipper-bloc-htoa.log",    "whipper-capital-cdextra.log", "dbpoweramp-gentlemen-utf8bom.txt",
        "freac-ladyhawke-data.log", "cyanrip-16.log",         "eac-utf32be-nobom.log",
        "dbpoweramp-ladyhawke-audio-only.txt", "xld-ladyhawke-audio-only.log", "eac-mixedmode-ctdb.log",
    };
    static const uint8_t interesting[] = {'|', ':', '.', '-', '0', '9', ' ', '\n', '\r', 0, 0xFF, 'D'};
    uint64_t rng = 0x5eed1234ULL;
    (void)state;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char rel[256];
        size_t len;
        uint8_t *orig, *buf;
        snprintf(rel, sizeof rel, "tests/data/riplog/%s", files[f]);
        orig = tu_read_file(fixture(rel), &len);
        assert_non_null(orig);
        buf = malloc(len + 1);
        assert_non_null(buf);
        for (int iter = 0; iter < 150; iter++) {
            size_t n = len;
            tocex_disc d;
            tocex_error err;
            tocex_status st;
            memcpy(buf, orig, len);
            if (iter % 3 == 0) {
                n = (size_t)tu_rand_range(&rng, 0, (long)len);
            } else {
                int edits = (int)tu_rand_range(&rng, 1, 8);
                for (int e = 0; e < edits; e++)
                    buf[tu_rand_range(&rng, 0, (long)len - 1)] =
                        interesting[tu_rand_range(&rng, 0, (long)sizeof interesting - 1)];
            }
            st = tocex_image_parse_riplog(files[f], buf, n, &d, &err);
            if (st == TOCEX_OK) {
                assert_true(d.track_count >= 1 && d.track_count <= 99);
                tocex_disc_free(&d);
            } else {
                assert_true(err.message[0] != '\0');
            }
        }
        free(buf);
        free(orig);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eac_english_utf16le), cmocka_unit_test(test_eac_cp1252),
        cmocka_unit_test(test_eac_cdextra_inferred), cmocka_unit_test(test_eac_localized_cp1251),
        cmocka_unit_test(test_eac_unicode_encodings), cmocka_unit_test(test_xld_with_pregaps),
        cmocka_unit_test(test_whipper_htoa),        cmocka_unit_test(test_whipper_cdextra),
        cmocka_unit_test(test_dbpoweramp),          cmocka_unit_test(test_freac_data_row),
        cmocka_unit_test(test_cyanrip),             cmocka_unit_test(test_open_sniffs_logs),
        cmocka_unit_test(test_recover_data_track),  cmocka_unit_test(test_printed_ids_agree),
        cmocka_unit_test(test_mixed_mode_from_ctdb),
        cmocka_unit_test(test_id_mismatch),         cmocka_unit_test(test_repeated_record),
        cmocka_unit_test(test_good_inline),         cmocka_unit_test(test_errors),
        cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_too_many_tracks),     cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_nul_and_bad_bytes),   cmocka_unit_test(test_file_limits),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
