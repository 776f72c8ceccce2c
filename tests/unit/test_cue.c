/* CUE reader and exporter on hand-written sheets: commands, track types, errors with their
 * lines, limits, sessions, companion lengths, encodings, CD-TEXT. Expected numbers follow from
 * the sheets themselves and the rules cited in src/image/cue.h (Orange Book session gaps,
 * CDRWIN sector sizes, MMC CONTROL bits). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image/cue.h"
#include "testutil.h"
#include "tocex/bytes.h"
#include "tocex/cdtext.h"
#include "tocex/export.h"
#include "tocex/image.h"

/* Parse `text`, give FILE i `frames[i]` frames of 2352 bytes (0 = leave as measured), lay out,
 * build CD-TEXT and finish. */
static tocex_status lay(const char *text, const long *frames, tocex_disc *d, tocex_error *e)
{
    tocex_cue_sheet *sh;
    tocex_status st;
    tocex_disc_init(d);
    st = tocex_cue_parse("t.cue", (const uint8_t *)text, strlen(text), &sh, e);
    if (st != TOCEX_OK)
        return st;
    tocex_cue_measure(sh, NULL);
    for (size_t i = 0; frames != NULL && i < sh->file_count && frames[i] != 0; i++)
        sh->files[i].data_bytes = frames[i] * 2352LL;
    st = tocex_cue_layout(sh, d, e);
    if (st == TOCEX_OK)
        st = tocex_cue_cdtext(sh, NULL, d, e);
    if (st == TOCEX_OK)
        st = tocex_disc_finish(d, e);
    tocex_cue_sheet_free(sh);
    if (st != TOCEX_OK)
        tocex_disc_free(d);
    return st;
}

static void expect_error(const char *text, tocex_status status, const char *where, const char *reason)
{
    tocex_disc d;
    tocex_error e;
    long frames[2] = {100000, 0};
    tocex_error_clear(&e);
    assert_int_equal(lay(text, frames, &d, &e), status);
    if (strstr(e.message, where) == NULL || strstr(e.message, reason) == NULL)
        fail_msg("message \"%s\" lacks \"%s\" / \"%s\"", e.message, where, reason);
}

static void test_track_types(void **state)
{
    static const struct {
        const char *word;
        tocex_track_mode mode;
        unsigned size;
        bool data;
    } types[] = {
        {"AUDIO", TOCEX_MODE_AUDIO, 2352, false},          {"CDG", TOCEX_MODE_AUDIO, 2448, false},
        {"MODE1/2048", TOCEX_MODE_MODE1, 2048, true},      {"MODE1/2352", TOCEX_MODE_MODE1, 2352, true},
        {"MODE2/2048", TOCEX_MODE_MODE2_FORM1, 2048, true}, {"MODE2/2324", TOCEX_MODE_MODE2_FORM2, 2324, true},
        {"MODE2/2336", TOCEX_MODE_MODE2_MIXED, 2336, true}, {"MODE2/2352", TOCEX_MODE_MODE2_MIXED, 2352, true},
        {"CDI/2336", TOCEX_MODE_CDI, 2336, true},           {"CDI/2352", TOCEX_MODE_CDI, 2352, true},
    };
    (void)state;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char text[256];
        tocex_disc d;
        tocex_error e;
        tocex_cue_sheet *sh;
        snprintf(text, sizeof text, "FILE \"x.bin\" BINARY\n TRACK 01 %s\n  INDEX 01 00:00:00\n", types[i].word);
        assert_int_equal(tocex_cue_parse("t.cue", (const uint8_t *)text, strlen(text), &sh, &e), TOCEX_OK);
        /* 300 sectors of this type's size */
        sh->files[0].data_bytes = 300LL * types[i].size;
        assert_int_equal(tocex_cue_layout(sh, &d, &e), TOCEX_OK);
        assert_int_equal(tocex_disc_finish(&d, &e), TOCEX_OK);
        assert_int_equal(d.tracks[0].mode, types[i].mode);
        assert_int_equal(d.tracks[0].sector_size, types[i].size);
        assert_int_equal((d.tracks[0].control & TOCEX_CONTROL_DATA) != 0, types[i].data);
        assert_int_equal(tocex_disc_leadout(&d), 300);
        if (types[i].mode == TOCEX_MODE_CDI)
            assert_int_equal(d.sessions[0].disc_type, 0x10);
        else if (types[i].data && types[i].mode != TOCEX_MODE_MODE1)
            assert_int_equal(d.sessions[0].disc_type, 0x20);
        tocex_disc_free(&d);
        tocex_cue_sheet_free(sh);
    }
}

static void test_mixed_sector_sizes(void **state)
{
    /* one BINARY: 100 MODE1/2048 sectors, then 200 AUDIO sectors */
    const char *text = "FILE \"x.bin\" BINARY\nTRACK 01 MODE1/2048\nINDEX 01 00:00:00\n"
                       "TRACK 02 AUDIO\nINDEX 01 00:01:25\n";
    tocex_cue_sheet *sh;
    tocex_disc d;
    tocex_error e;
    (void)state;
    assert_int_equal(tocex_cue_parse("t.cue", (const uint8_t *)text, strlen(text), &sh, &e), TOCEX_OK);
    sh->files[0].data_bytes = 100LL * 2048 + 200LL * 2352;
    assert_int_equal(tocex_cue_layout(sh, &d, &e), TOCEX_OK);
    assert_int_equal(d.tracks[1].start, 100);
    assert_int_equal(tocex_disc_leadout(&d), 300);
    tocex_disc_free(&d);
    /* too short to reach track 2 */
    sh->files[0].data_bytes = 99LL * 2048;
    assert_int_equal(tocex_cue_layout(sh, &d, &e), TOCEX_E_PARSE);
    assert_non_null(strstr(e.message, "t.cue:5:"));
    tocex_disc_free(&d);
    tocex_cue_sheet_free(sh);
}

static void test_flags_isrc_catalog(void **state)
{
    const char *text = "CATALOG 0123456789012\nFILE \"x.bin\" BINARY\n"
                       "TRACK 01 AUDIO\nFLAGS DCP 4CH PRE\nISRC usabc9912345\nINDEX 01 00:00:00\n"
                       "TRACK 02 AUDIO\nFLAGS SCMS\nINDEX 01 00:10:00\n"
                       "TRACK 03 MODE1/2352\nFLAGS DCP\nINDEX 01 00:20:00\n";
    long frames[] = {3000, 0};
    tocex_disc d;
    tocex_error e;
    (void)state;
    assert_int_equal(lay(text, frames, &d, &e), TOCEX_OK);
    assert_string_equal(d.mcn, "0123456789012");
    assert_int_equal(d.tracks[0].control, TOCEX_CONTROL_COPY | TOCEX_CONTROL_4CH | TOCEX_CONTROL_PREEMPHASIS);
    assert_string_equal(d.tracks[0].isrc, "USABC9912345");
    assert_int_equal(d.tracks[1].control, 0); /* SCMS is not a CONTROL bit */
    assert_int_equal(d.tracks[2].control, TOCEX_CONTROL_DATA | TOCEX_CONTROL_COPY);
    tocex_disc_free(&d);
    /* 12-digit UPC padded to 13; EAC's zeros mean none */
    assert_int_equal(lay("CATALOG 123456789012\nFILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", frames, &d,
                         &e),
                     TOCEX_OK);
    assert_string_equal(d.mcn, "0123456789012");
    tocex_disc_free(&d);
    assert_int_equal(lay("CATALOG 0000000000000\nFILE x.bin BINARY\nTRACK 01 AUDIO\nISRC 000000000000\n"
                         "INDEX 01 00:00:00\n",
                         frames, &d, &e),
                     TOCEX_OK);
    assert_string_equal(d.mcn, "");
    assert_string_equal(d.tracks[0].isrc, "");
    tocex_disc_free(&d);
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nISRC US-AB-99-12345\nINDEX 01 00:00:00\n", TOCEX_E_PARSE,
                 "t.cue:3:", "ISRC");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nFLAGS DATA COPY\nINDEX 01 00:00:00\n", TOCEX_E_PARSE, "t.cue:3:",
                 "unknown flag");
}

static void test_errors_name_lines(void **state)
{
    (void)state;
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nBOGUS 1\n", TOCEX_E_PARSE, "t.cue:4:",
                 "unknown command");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 00 00:00:00\nTRACK 02 AUDIO\nINDEX 01 00:01:00\n",
                 TOCEX_E_PARSE, "t.cue:2:", "no INDEX 01");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nINDEX 03 00:01:00\nINDEX 02 00:02:00\n",
                 TOCEX_E_PARSE, "t.cue:5:", "ascend");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:05:00\nTRACK 02 AUDIO\nINDEX 01 00:04:00\n",
                 TOCEX_E_PARSE, "t.cue:5:", "not after");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 03 AUDIO\nINDEX 01 00:04:00\n",
                 TOCEX_E_PARSE, "t.cue:4:", "go up by one");
    expect_error("TRACK 01 AUDIO\nINDEX 01 00:00:00\n", TOCEX_E_PARSE, "t.cue:1:", "before any FILE");
    expect_error("FILE x.bin BINARY\nINDEX 01 00:00:00\n", TOCEX_E_PARSE, "t.cue:2:", "before any TRACK");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 0:0\n", TOCEX_E_PARSE, "t.cue:3:", "bad time");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:75\n", TOCEX_E_PARSE, "t.cue:3:", "frames");
    expect_error("FILE x.bin BINARY\nTRACK 100 AUDIO\nINDEX 01 00:00:00\n", TOCEX_E_PARSE, "t.cue:2:", "1..99");
    expect_error("FILE x.bin\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", TOCEX_E_PARSE, "t.cue:1:", "file type");
    expect_error("FILE \"x.bin BINARY\n", TOCEX_E_PARSE, "t.cue:1:", "closing quote");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nPREGAP 00:02:00\n", TOCEX_E_PARSE,
                 "t.cue:4:", "PREGAP");
    expect_error("REM just a comment\n", TOCEX_E_PARSE, "t.cue:1:", "no TRACK");
    expect_error("FILE a.bin BINARY\nFILE b.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", TOCEX_E_PARSE,
                 "t.cue:2:", "holds no INDEX");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 AUDIO\nINDEX 01 30:00:00\n",
                 TOCEX_E_PARSE, "t.cue:5:", "too few to reach INDEX 01");
    expect_error("FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nINDEX 02 30:00:00\n", TOCEX_E_PARSE,
                 "t.cue:4:", "beyond the end");
}

static void test_missing_companion(void **state)
{
    char dir[] = "/tmp/tocex-cue-XXXXXX", path[256], bin[256];
    FILE *f;
    tocex_disc d;
    tocex_error e;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/disc.cue", dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs("FILE \"Sub\\Image.BIN\" BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", f);
    fclose(f);
    assert_int_equal(tocex_image_read_cue(path, &d, &e), TOCEX_E_PARSE);
    assert_non_null(strstr(e.message, "disc.cue:1:"));
    assert_non_null(strstr(e.message, "does not exist"));
    /* Windows path and letter case resolved: Sub\Image.BIN -> sub/image.bin */
    snprintf(bin, sizeof bin, "%s/sub", dir);
    assert_int_equal(mkdir(bin, 0700), 0);
    snprintf(bin, sizeof bin, "%s/sub/image.bin", dir);
    f = fopen(bin, "wb");
    assert_non_null(f);
    assert_int_equal(ftruncate(fileno(f), 2352 * 500), 0);
    fclose(f);
    assert_int_equal(tocex_image_read_cue(path, &d, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_leadout(&d), 500);
    tocex_disc_free(&d);
    /* devices and FIFOs are not companions (reading one could block) */
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs("FILE \"/dev/zero\" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", f);
    fclose(f);
    assert_int_equal(tocex_image_read_cue(path, &d, &e), TOCEX_E_PARSE);
    assert_non_null(strstr(e.message, "does not exist"));
    /* the in-memory entry point never looks for files */
    assert_int_equal(tocex_image_parse_cue(NULL, (const uint8_t *)"FILE x BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n",
                                           45, &d, &e),
                     TOCEX_E_PARSE);
    assert_non_null(strstr(e.message, "length of last track (TRACK 01) unknown"));
    unlink(bin);
    snprintf(bin, sizeof bin, "%s/sub", dir);
    rmdir(bin);
    unlink(path);
    rmdir(dir);
}

static void test_limits(void **state)
{
    tocex_buf b;
    tocex_disc d;
    tocex_error e;
    (void)state;
    /* 100 tracks */
    tocex_buf_init(&b);
    tocex_buf_put_bytes(&b, "FILE x.bin BINARY\n", 18);
    for (int t = 1; t <= 100; t++) {
        char line[64];
        int n = snprintf(line, sizeof line, "TRACK %02d AUDIO\nINDEX 01 %02d:00:00\n", t, t);
        tocex_buf_put_bytes(&b, line, (size_t)n);
    }
    assert_int_equal(tocex_image_parse_cue("many.cue", b.data, b.len, &d, &e), TOCEX_E_LIMIT);
    assert_non_null(strstr(e.message, "many.cue:200:"));
    tocex_buf_free(&b);
    /* a million TRACK lines: stops at the 100th, bounded time */
    tocex_buf_init(&b);
    tocex_buf_put_bytes(&b, "FILE x.bin BINARY\n", 18);
    for (int t = 1; t <= 1000000; t++) {
        char line[64];
        int n = snprintf(line, sizeof line, "TRACK %02d AUDIO\nINDEX 01 %02d:%02d:00\n", t, t / 60, t % 60);
        tocex_buf_put_bytes(&b, line, (size_t)n);
    }
    assert_false(b.failed);
    assert_int_equal(tocex_image_parse_cue("million.cue", b.data, b.len, &d, &e), TOCEX_E_LIMIT);
    assert_non_null(strstr(e.message, "million.cue:200:"));
    tocex_buf_free(&b);
    /* an absurd line */
    tocex_buf_init(&b);
    tocex_buf_put_bytes(&b, "FILE x.bin BINARY\nTITLE \"", 25);
    for (int i = 0; i < 100000; i++)
        tocex_buf_put_u8(&b, 'a');
    tocex_buf_put_bytes(&b, "\"\n", 2);
    assert_int_equal(tocex_image_parse_cue("long.cue", b.data, b.len, &d, &e), TOCEX_E_LIMIT);
    assert_non_null(strstr(e.message, "long.cue:2:"));
    tocex_buf_free(&b);
    /* too many FILE lines */
    tocex_buf_init(&b);
    tocex_buf_put_bytes(&b, "FILE x.bin BINARY\nTRACK 01 AUDIO\n", 33);
    for (int i = 0; i < 300; i++)
        tocex_buf_put_bytes(&b, "INDEX 01 00:00:00\nFILE x.bin BINARY\n", 36);
    assert_int_not_equal(tocex_image_parse_cue("files.cue", b.data, b.len, &d, &e), TOCEX_OK);
    tocex_buf_free(&b);
}

static void test_pregap_postgap(void **state)
{
    /* PREGAP/POSTGAP are silence not in the file: they move everything after them */
    const char *text = "FILE x.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nPOSTGAP 00:01:00\n"
                       "TRACK 02 AUDIO\nPREGAP 00:02:00\nINDEX 01 00:10:00\n"
                       "TRACK 03 AUDIO\nINDEX 00 00:20:00\nINDEX 01 00:22:00\n";
    long frames[] = {3000, 0};
    tocex_disc d;
    tocex_error e;
    (void)state;
    assert_int_equal(lay(text, frames, &d, &e), TOCEX_OK);
    assert_int_equal(d.tracks[0].start, 0);
    assert_int_equal(d.tracks[1].start, 750 + 75 + 150);
    assert_int_equal(d.tracks[1].pregap, 150);
    assert_int_equal(d.tracks[2].start, 1650 + 225);
    assert_int_equal(d.tracks[2].pregap, 150);
    assert_int_equal(tocex_disc_leadout(&d), 3000 + 225);
    tocex_disc_free(&d);
}

static void test_sessions_own_files(void **state)
{
    /* redump: one FILE per track, the data session's file starting with its 150-frame pre-gap */
    const char *text = "REM SESSION 01\nFILE a.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n"
                       "REM SESSION 02\nFILE b.bin BINARY\nTRACK 02 MODE1/2352\nINDEX 00 00:00:00\nINDEX 01 00:02:00\n";
    const char *given = "REM SESSION 01\nFILE a.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n"
                        "REM LEAD-OUT 01:00:00\nREM SESSION 02\nREM LEAD-IN 00:40:00\nREM PREGAP 00:02:00\n"
                        "FILE b.bin BINARY\nTRACK 02 MODE1/2352\nINDEX 00 00:00:00\nINDEX 01 00:02:00\n";
    long frames[] = {1000, 700, 0};
    tocex_disc d;
    tocex_error e;
    (void)state;
    assert_int_equal(lay(text, frames, &d, &e), TOCEX_OK);
    assert_int_equal(d.session_count, 2);
    assert_int_equal(d.sessions[0].leadout, 1000);
    /* Orange Book: B0 = lead-out + 11250, first track of the next session at B0 + 150 */
    assert_int_equal(d.tracks[1].start, 1000 + 11400);
    assert_int_equal(d.sessions[0].b0_next_program, d.tracks[1].start - 150);
    assert_int_equal(d.tracks[1].pregap, 150);
    assert_int_equal(d.sessions[1].leadout, d.tracks[1].start - 150 + 700);
    assert_true(d.known & TOCEX_KNOWN_SESSIONS);
    tocex_disc_free(&d);
    /* the lengths the sheet gives replace the defaults: 4500 + 3000 + 150 */
    assert_int_equal(lay(given, frames, &d, &e), TOCEX_OK);
    assert_int_equal(d.tracks[1].start, 1000 + 4500 + 3000 + 150);
    tocex_disc_free(&d);
}

static void test_sessions_one_file(void **state)
{
    /* CDRWIN/IsoBuster: one FILE, absolute positions, REM LEAD-OUT = lead-out position */
    const char *with = "FILE d.bin BINARY\nREM SESSION 01\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n"
                       "REM LEAD-OUT 00:13:25\nREM SESSION 02\nTRACK 02 MODE1/2352\nINDEX 01 02:45:25\n"
                       "REM LEAD-OUT 03:00:00\n";
    const char *without = "FILE d.bin BINARY\nREM SESSION 01\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n"
                          "REM SESSION 02\nTRACK 02 MODE2/2352\nINDEX 01 02:45:25\n"
                          "REM SESSION 03\nTRACK 03 MODE2/2352\nINDEX 01 04:30:00\n";
    long frames[] = {30000, 0};
    tocex_disc d;
    tocex_error e;
    bool noted = false;
    (void)state;
    /* no image file: every lead-out comes from REM LEAD-OUT */
    assert_int_equal(tocex_image_parse_cue(NULL, (const uint8_t *)with, strlen(with), &d, &e), TOCEX_OK);
    assert_int_equal(d.sessions[0].leadout, 1000);
    assert_int_equal(d.tracks[1].start, 12400);
    assert_int_equal(d.sessions[1].leadout, 13500);
    assert_true(d.known & TOCEX_KNOWN_LEADOUT);
    tocex_disc_free(&d);
    /* without REM LEAD-OUT: 11400 before session 2's first track, 6900 before later ones */
    assert_int_equal(lay(without, frames, &d, &e), TOCEX_OK);
    assert_int_equal(d.sessions[0].leadout, 12400 - 11400);
    assert_int_equal(d.sessions[1].leadout, 20250 - 6900);
    assert_int_equal(d.sessions[1].b0_next_program, d.tracks[2].start - 150);
    for (size_t i = 0; i < d.note_count; i++)
        noted |= strstr(d.notes[i], "lead-out placed") != NULL;
    assert_true(noted);
    tocex_disc_free(&d);
    expect_error("FILE d.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nREM SESSION 03\n", TOCEX_E_PARSE, "t.cue:4:",
                 "out of order");
    expect_error("FILE d.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:10:00\nREM LEAD-OUT 00:05:00\nREM SESSION 02\n"
                 "TRACK 02 MODE1/2352\nINDEX 01 01:00:00\n",
                 TOCEX_E_PARSE, "t.cue:4:", "not after its last track");
    expect_error("FILE d.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nREM LEAD-OUT 00:20:00\nREM SESSION 02\n"
                 "TRACK 02 MODE1/2352\nINDEX 00 00:19:00\nINDEX 01 00:30:00\n",
                 TOCEX_E_PARSE, "t.cue:7:", "inside the previous session");
}

static void test_eac_data_placeholder(void **state)
{
    long frames[] = {1000, 0};
    tocex_disc d;
    tocex_error e;
    (void)state;
    /* EAC's "MODEx/2xxx": a data track of unknown mode; placed when it has an INDEX 01 */
    assert_int_equal(lay("FILE x BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 MODEx/2xxx\nINDEX 01 00:04:00\n",
                         frames, &d, &e),
                     TOCEX_OK);
    assert_int_equal(d.tracks[1].start, 300);
    assert_int_equal(d.tracks[1].control, TOCEX_CONTROL_DATA);
    assert_int_equal(tocex_disc_leadout(&d), 1000);
    tocex_disc_free(&d);
    expect_error("FILE x BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 MODEx/2xxx\nINDEX 00 00:04:00\n",
                 TOCEX_E_UNSUPPORTED, "t.cue:4:", "did not extract");
}

static void test_media_type(void **state)
{
    long frames[] = {300, 0};
    tocex_disc d;
    tocex_error e;
    (void)state;
    assert_int_equal(lay("REM ORIGINAL MEDIA-TYPE: CD-R\nFILE x BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", frames,
                         &d, &e),
                     TOCEX_OK);
    assert_int_equal(d.media, TOCEX_MEDIA_CD_R);
    assert_true(d.known & TOCEX_KNOWN_MEDIA);
    assert_false(d.known & (TOCEX_KNOWN_ATIP | TOCEX_KNOWN_PMA));
    tocex_disc_free(&d);
    assert_int_equal(lay("FILE x BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", frames, &d, &e), TOCEX_OK);
    assert_int_equal(d.media, TOCEX_MEDIA_CD_ROM);
    assert_false(d.known & TOCEX_KNOWN_MEDIA);
    tocex_disc_free(&d);
}

/* ---- companion audio formats ---- */

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static long read_with_companion(const char *type, const uint8_t *bytes, size_t len, const char *ext, char *msg,
                                size_t msg_len)
{
    char dir[] = "/tmp/tocex-cue-XXXXXX", cue[256], comp[256];
    FILE *f;
    tocex_disc d;
    tocex_error e;
    long leadout = -1;
    assert_non_null(mkdtemp(dir));
    snprintf(cue, sizeof cue, "%s/a.cue", dir);
    snprintf(comp, sizeof comp, "%s/a.%s", dir, ext);
    f = fopen(comp, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    fclose(f);
    f = fopen(cue, "wb");
    assert_non_null(f);
    fprintf(f, "FILE \"a.%s\" %s\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", ext, type);
    fclose(f);
    if (tocex_image_read_cue(cue, &d, &e) == TOCEX_OK) {
        leadout = tocex_disc_leadout(&d);
        tocex_disc_free(&d);
    } else {
        snprintf(msg, msg_len, "%s", e.message);
    }
    unlink(cue);
    unlink(comp);
    rmdir(dir);
    return leadout;
}

static void test_audio_companions(void **state)
{
    uint8_t *buf = calloc(1, 2352 * 10 + 200);
    size_t n = 0;
    char msg[512] = "";
    (void)state;
    assert_non_null(buf);
    /* RIFF WAVE with a LIST chunk before "data" (10 CD frames of audio) */
    memcpy(buf, "RIFF\0\0\0\0WAVEfmt ", 16);
    put_le32(buf + 16, 16);
    n = 20 + 16;
    memcpy(buf + n, "LIST", 4);
    put_le32(buf + n + 4, 5); /* odd size: padded to 6 */
    n += 8 + 6;
    memcpy(buf + n, "data", 4);
    put_le32(buf + n + 4, 2352 * 10);
    n += 8 + 2352 * 10;
    assert_int_equal(read_with_companion("WAVE", buf, n, "wav", msg, sizeof msg), 10);
    /* AIFF: SSND size = 8 + offset + data; offset 4 */
    memset(buf, 0, 2352 * 10 + 200);
    memcpy(buf, "FORM\0\0\0\0AIFFSSND", 16);
    buf[16] = 0, buf[17] = 0;
    {
        uint32_t size = 8 + 4 + 2352 * 7;
        buf[16] = (uint8_t)(size >> 24), buf[17] = (uint8_t)(size >> 16), buf[18] = (uint8_t)(size >> 8),
        buf[19] = (uint8_t)size;
        buf[23] = 4; /* offset (big-endian) */
        n = 20 + size;
    }
    assert_int_equal(read_with_companion("AIFF", buf, n, "aiff", msg, sizeof msg), 7);
    /* FLAC (written as WAVE by EAC): STREAMINFO, 44100 Hz, 2 ch, 16 bit, 588*12 samples */
    memset(buf, 0, 64);
    memcpy(buf, "fLaC", 4);
    buf[4] = 0x80; /* last block, STREAMINFO */
    buf[7] = 34;
    {
        uint64_t v = (uint64_t)44100 << 44 | (uint64_t)1 << 41 | (uint64_t)15 << 36 | (uint64_t)(588 * 12);
        for (int i = 0; i < 8; i++)
            buf[8 + 10 + i] = (uint8_t)(v >> (56 - 8 * i));
    }
    assert_int_equal(read_with_companion("WAVE", buf, 8 + 34, "flac", msg, sizeof msg), 12);
    /* MP3: length not read -> a clear error */
    memset(buf, 0, 64);
    memcpy(buf, "ID3\3", 4);
    assert_int_equal(read_with_companion("MP3", buf, 64, "mp3", msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "a.cue:1:"));
    assert_non_null(strstr(msg, "MP3"));
    free(buf);
}

/* ---- encodings and CD-TEXT ---- */

static const char *disc_title(const tocex_disc *d, tocex_cdtext **ct)
{
    tocex_error e;
    *ct = NULL;
    if (d->cdtext_packs == 0 || tocex_cdtext_decode(d->cdtext, d->cdtext_packs, ct, &e) != TOCEX_OK)
        return NULL;
    return tocex_cdtext_get(*ct, 0, TOCEX_CDTEXT_TITLE, 0);
}

static void test_encodings(void **state)
{
    const char *body = "TITLE \"Caf\xC3\xA9\"\rFILE \"x.bin\" BINARY\rTRACK 01 AUDIO\rINDEX 01 00:00:00\rREM LEAD-OUT 00:04:00\r";
    uint8_t buf[512];
    size_t n = 0;
    tocex_disc d;
    tocex_error e;
    tocex_cdtext *ct;
    (void)state;
    /* UTF-8 without BOM, CR-only line ends */
    assert_int_equal(tocex_image_parse_cue(NULL, (const uint8_t *)body, strlen(body), &d, &e), TOCEX_OK);
    assert_string_equal(disc_title(&d, &ct), "Caf\xC3\xA9");
    tocex_cdtext_free(ct);
    tocex_disc_free(&d);
    /* UTF-16LE with BOM */
    buf[n++] = 0xFF, buf[n++] = 0xFE;
    for (const char *p = body; *p != '\0'; p++) {
        if ((unsigned char)*p == 0xC3) {
            buf[n++] = 0xE9, buf[n++] = 0;
            p++;
            continue;
        }
        buf[n++] = (uint8_t)*p, buf[n++] = 0;
    }
    assert_int_equal(tocex_image_parse_cue(NULL, buf, n, &d, &e), TOCEX_OK);
    assert_string_equal(disc_title(&d, &ct), "Caf\xC3\xA9");
    tocex_cdtext_free(ct);
    tocex_disc_free(&d);
    /* Latin-1 (Windows "ANSI") */
    n = 0;
    for (const char *p = body; *p != '\0'; p++) {
        if ((unsigned char)*p == 0xC3) {
            buf[n++] = 0xE9;
            p++;
            continue;
        }
        buf[n++] = (uint8_t)*p;
    }
    assert_int_equal(tocex_image_parse_cue(NULL, buf, n, &d, &e), TOCEX_OK);
    assert_string_equal(disc_title(&d, &ct), "Caf\xC3\xA9");
    tocex_cdtext_free(ct);
    tocex_disc_free(&d);
}

static void test_cdtext_charsets(void **state)
{
    long frames[] = {1000, 0};
    tocex_disc d;
    tocex_error e;
    tocex_cdtext *ct;
    bool noted = false;
    (void)state;
    /* Japanese: no ISO-8859-1, so MS-JIS, language Japanese */
    assert_int_equal(lay("TITLE \"\xE6\x97\xA5\xE6\x9C\xAC\"\nPERFORMER \"X\"\nFILE x BINARY\nTRACK 01 AUDIO\n"
                         "TITLE \"T1\"\nCOMPOSER \"C\"\nINDEX 01 00:00:00\n",
                         frames, &d, &e),
                     TOCEX_OK);
    assert_string_equal(disc_title(&d, &ct), "\xE6\x97\xA5\xE6\x9C\xAC");
    assert_int_equal(ct->blocks[0].charset, TOCEX_CDTEXT_CHARSET_MS_JIS);
    assert_int_equal(ct->blocks[0].language, 0x69);
    assert_string_equal(tocex_cdtext_get(ct, 0, TOCEX_CDTEXT_COMPOSER, 1), "C");
    tocex_cdtext_free(ct);
    tocex_disc_free(&d);
    /* Thai fits neither: no CD-TEXT, a note, the TOC still read */
    assert_int_equal(lay("TITLE \"\xE0\xB8\x81\"\nFILE x BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", frames, &d, &e),
                     TOCEX_OK);
    assert_int_equal(d.cdtext_packs, 0);
    for (size_t i = 0; i < d.note_count; i++)
        noted |= strstr(d.notes[i], "no CD-TEXT built") != NULL;
    assert_true(noted);
    assert_false(d.known & TOCEX_KNOWN_CDTEXT);
    tocex_disc_free(&d);
    /* REM COMPOSER and the extra keywords */
    assert_int_equal(lay("REM COMPOSER \"Bach\"\nGENRE \"Classical\"\nMESSAGE \"hi\"\nFILE x BINARY\nTRACK 01 AUDIO\n"
                         "ARRANGER \"A\"\nINDEX 01 00:00:00\n",
                         frames, &d, &e),
                     TOCEX_OK);
    assert_int_equal(tocex_cdtext_decode(d.cdtext, d.cdtext_packs, &ct, &e), TOCEX_OK);
    assert_string_equal(tocex_cdtext_get(ct, 0, TOCEX_CDTEXT_COMPOSER, 0), "Bach");
    assert_string_equal(tocex_cdtext_get(ct, 0, TOCEX_CDTEXT_MESSAGE, 0), "hi");
    assert_string_equal(tocex_cdtext_get(ct, 0, TOCEX_CDTEXT_ARRANGER, 1), "A");
    assert_true(ct->blocks[0].genre != 0);
    tocex_cdtext_free(ct);
    tocex_disc_free(&d);
}

static void test_cdtextfile(void **state)
{
    char dir[] = "/tmp/tocex-cue-XXXXXX", cue[256], cdt[256];
    size_t len;
    uint8_t *packs;
    FILE *f;
    tocex_disc d;
    tocex_error e;
    (void)state;
    TU_REQUIRE_TESTDATA();
    packs = tu_read_file(tu_data_path("libcdio/data/cdtext.cdt"), &len);
    assert_non_null(packs);
    assert_non_null(mkdtemp(dir));
    snprintf(cue, sizeof cue, "%s/a.cue", dir);
    snprintf(cdt, sizeof cdt, "%s/a.cdt", dir);
    f = fopen(cdt, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(packs, 1, len, f), len);
    fclose(f);
    f = fopen(cue, "wb");
    assert_non_null(f);
    fputs("CDTEXTFILE \"a.cdt\"\nTITLE \"ignored\"\nFILE x BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n"
          "REM LEAD-OUT 00:10:00\n",
          f);
    fclose(f);
    assert_int_equal(tocex_image_read_cue(cue, &d, &e), TOCEX_OK);
    /* the file's packs as they are: 18-byte packs plus CDRWIN's trailing NUL */
    assert_int_equal(d.cdtext_packs, len / 18);
    assert_memory_equal(d.cdtext, packs, d.cdtext_packs * 18);
    tocex_disc_free(&d);
    unlink(cdt);
    /* absent: a note, and the sheet's own text is used */
    assert_int_equal(tocex_image_read_cue(cue, &d, &e), TOCEX_OK);
    assert_true(d.cdtext_packs > 0);
    tocex_disc_free(&d);
    unlink(cue);
    rmdir(dir);
    free(packs);
}

/* ---- export ---- */

static void check_roundtrip(const tocex_disc *d)
{
    tocex_buf out;
    tocex_disc back;
    tocex_error e;
    tocex_buf_init(&out);
    assert_int_equal(tocex_export_cue(d, "disc.bin", &out, &e), TOCEX_OK);
    if (tocex_image_parse_cue(NULL, out.data, out.len, &back, &e) != TOCEX_OK)
        fail_msg("%s\n%.*s", e.message, (int)out.len, (const char *)out.data);
    assert_int_equal(back.track_count, d->track_count);
    assert_int_equal(back.session_count, d->session_count);
    for (size_t k = 0; k < d->track_count; k++) {
        assert_int_equal(back.tracks[k].start, d->tracks[k].start);
        assert_int_equal(back.tracks[k].session, d->tracks[k].session);
        assert_int_equal(back.tracks[k].control, d->tracks[k].control);
        assert_int_equal(back.tracks[k].pregap, d->tracks[k].pregap);
        assert_string_equal(back.tracks[k].isrc, d->tracks[k].isrc);
    }
    for (size_t s = 0; s < d->session_count; s++)
        assert_int_equal(back.sessions[s].leadout, d->sessions[s].leadout);
    assert_string_equal(back.mcn, d->mcn);
    assert_int_equal(back.cdtext_packs, d->cdtext_packs);
    if (d->cdtext_packs)
        assert_memory_equal(back.cdtext, d->cdtext, d->cdtext_packs * 18);
    tocex_disc_free(&back);
    /* with the image next to it, REM LEAD-OUT removed: the file size gives the last lead-out
     * (the image holds LBA 0 .. lead-out, session gaps included, less PREGAP silence) */
    for (size_t k = 0; k < d->track_count; k++)
        if (d->tracks[k].sector_size != 0 && d->tracks[k].sector_size != 2352) {
            tocex_buf_free(&out); /* image size would need each track's sector size */
            return;
        }
    {
        char dir[] = "/tmp/tocex-cue-XXXXXX", cue[256], bin[256], *rem, *text;
        int32_t silence = 0;
        FILE *f;
        tocex_buf_put_u8(&out, 0);
        text = (char *)out.data;
        for (const char *p = text; (p = strstr(p, "PREGAP ")) != NULL; p += 7) {
            int m, s, fr;
            if (sscanf(p + 7, "%d:%d:%d", &m, &s, &fr) == 3)
                silence += m * 4500 + s * 75 + fr;
        }
        rem = strrchr(text, 'R'); /* the final "REM LEAD-OUT mm:ss:ff" line */
        assert_non_null(rem);
        assert_int_equal(strncmp(rem, "REM LEAD-OUT", 12), 0);
        *rem = '\0';
        assert_non_null(mkdtemp(dir));
        snprintf(cue, sizeof cue, "%s/disc.cue", dir);
        snprintf(bin, sizeof bin, "%s/disc.bin", dir);
        f = fopen(cue, "wb");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        f = fopen(bin, "wb");
        assert_non_null(f);
        assert_int_equal(ftruncate(fileno(f), (off_t)(tocex_disc_leadout(d) - silence) * 2352), 0);
        fclose(f);
        assert_int_equal(tocex_image_read_cue(cue, &back, &e), TOCEX_OK);
        for (size_t s = 0; s < d->session_count; s++)
            assert_int_equal(back.sessions[s].leadout, d->sessions[s].leadout);
        for (size_t k = 0; k < d->track_count; k++)
            assert_int_equal(back.tracks[k].start, d->tracks[k].start);
        tocex_disc_free(&back);
        unlink(bin);
        unlink(cue);
        rmdir(dir);
    }
    tocex_buf_free(&out);
}

static void test_export(void **state)
{
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error e;
    tocex_buf out;
    long frames[] = {20000, 0};
    (void)state;
    assert_non_null(d);
    /* Enhanced CD: audio session, data session (built through the disc API) */
    tocex_disc_init(d);
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, TOCEX_CONTROL_COPY, TOCEX_MODE_AUDIO, 0, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 2, 1, TOCEX_CONTROL_PREEMPHASIS, TOCEX_MODE_AUDIO, 5000, &e), TOCEX_OK);
    d->tracks[1].pregap = 150;
    memcpy(d->tracks[1].isrc, "GBAYE0000001", 13);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 9000, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 3, 1, TOCEX_CONTROL_DATA, TOCEX_MODE_MODE2_MIXED, 9000 + 11400, &e),
                     TOCEX_OK);
    d->tracks[2].pregap = 150;
    assert_int_equal(tocex_disc_set_leadout(d, 2, 30000, &e), TOCEX_OK);
    memcpy(d->mcn, "1234567890123", 14);
    assert_int_equal(tocex_disc_finish(d, &e), TOCEX_OK);
    check_roundtrip(d);
    tocex_buf_init(&out);
    assert_int_equal(tocex_export_cue(d, "disc.bin", &out, &e), TOCEX_OK);
    tocex_buf_put_u8(&out, 0);
    assert_non_null(strstr((const char *)out.data, "REM SESSION 02\n"));
    assert_non_null(strstr((const char *)out.data, "REM LEAD-OUT 02:00:00\n")); /* 9000 frames */
    assert_non_null(strstr((const char *)out.data, "FLAGS PRE\n"));
    tocex_buf_free(&out);
    tocex_disc_free(d);

    /* audio then data in one session: the pre-gap of the data track is written as PREGAP */
    assert_int_equal(lay("TITLE \"Album\"\nFILE x BINARY\nTRACK 01 AUDIO\nTITLE \"One\"\nINDEX 01 00:00:00\n"
                         "TRACK 02 MODE1/2352\nTITLE \"Data\"\nPREGAP 00:02:00\nINDEX 01 00:10:00\n"
                         "TRACK 03 AUDIO\nINDEX 00 00:20:00\nINDEX 01 00:21:00\n",
                         frames, d, &e),
                     TOCEX_OK);
    check_roundtrip(d);
    tocex_buf_init(&out);
    assert_int_equal(tocex_export_cue(d, "disc.bin", &out, &e), TOCEX_OK);
    tocex_buf_put_u8(&out, 0);
    assert_non_null(strstr((const char *)out.data, "TRACK 02 MODE1/2352\n"));
    assert_non_null(strstr((const char *)out.data, "PREGAP 00:02:00\n"));
    assert_non_null(strstr((const char *)out.data, "TITLE \"Album\"\n"));
    tocex_buf_free(&out);
    tocex_disc_free(d);
    /* 2048-byte sectors keep their type word */
    assert_int_equal(lay("FILE x BINARY\nTRACK 01 MODE1/2048\nINDEX 01 00:00:00\nTRACK 02 AUDIO\nINDEX 00 00:10:00\n"
                         "INDEX 01 00:12:00\n",
                         frames, d, &e),
                     TOCEX_OK);
    check_roundtrip(d);
    tocex_buf_init(&out);
    assert_int_equal(tocex_export_cue(d, "disc.bin", &out, &e), TOCEX_OK);
    tocex_buf_put_u8(&out, 0);
    assert_non_null(strstr((const char *)out.data, "TRACK 01 MODE1/2048\n"));
    assert_non_null(strstr((const char *)out.data, "PREGAP 00:02:00\n")); /* data -> audio */
    tocex_buf_free(&out);
    /* bad names */
    tocex_buf_init(&out);
    assert_int_equal(tocex_export_cue(d, "a\"b", &out, &e), TOCEX_E_INVALID_ARGUMENT);
    tocex_buf_free(&out);
    tocex_disc_free(d);
    free(d);
}

/* Random damage to a valid sheet: never a crash, always a status (run under ASan/UBSan). */
static void test_mutations(void **state)
{
    const char *seed = "REM SESSION 01\nCATALOG 0123456789012\nTITLE \"A\"\nFILE \"x.bin\" BINARY\n"
                       "TRACK 01 AUDIO\nFLAGS DCP\nISRC USABC9912345\nINDEX 00 00:00:00\nINDEX 01 00:02:00\n"
                       "REM LEAD-OUT 00:10:00\nREM SESSION 02\nTRACK 02 MODE1/2352\nPREGAP 00:02:00\n"
                       "INDEX 01 02:45:25\nPOSTGAP 00:01:00\nREM LEAD-OUT 03:00:00\n";
    uint64_t rng = 12345;
    size_t len = strlen(seed), ok = 0;
    uint8_t buf[1024];
    (void)state;
    for (int it = 0; it < 3000; it++) {
        tocex_disc d;
        tocex_error e;
        size_t n = len;
        memcpy(buf, seed, len);
        for (int k = 0; k < 4; k++) {
            size_t at = (size_t)tu_rand_range(&rng, 0, (long)n - 1);
            switch (tu_rand_range(&rng, 0, 2)) {
            case 0: buf[at] = (uint8_t)tu_rand_range(&rng, 0, 255); break;
            case 1: buf[at] = (uint8_t)"0123456789:\"\n \r"[tu_rand_range(&rng, 0, 15)]; break;
            default:
                if (n > 10) {
                    memmove(buf + at, buf + at + 1, n - at - 1);
                    n--;
                }
            }
        }
        if (tocex_image_parse_cue(NULL, buf, n, &d, &e) == TOCEX_OK) {
            ok++;
            tocex_disc_free(&d);
        } else {
            assert_true(e.message[0] != '\0');
        }
    }
    print_message("mutated sheets still accepted: %zu of 3000\n", ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_track_types),      cmocka_unit_test(test_mixed_sector_sizes),
        cmocka_unit_test(test_flags_isrc_catalog), cmocka_unit_test(test_errors_name_lines),
        cmocka_unit_test(test_missing_companion), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_pregap_postgap),   cmocka_unit_test(test_sessions_own_files),
        cmocka_unit_test(test_sessions_one_file), cmocka_unit_test(test_media_type), cmocka_unit_test(test_eac_data_placeholder),
        cmocka_unit_test(test_audio_companions), cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_cdtext_charsets),  cmocka_unit_test(test_cdtextfile),
        cmocka_unit_test(test_export),           cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
