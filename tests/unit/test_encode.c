/* READ TOC/PMA/ATIP encoder (target side): golden bytes from the reference notes
 * (mmc-read-toc.md: §2.1/§2.2 tables, the HERONG real-drive full TOC of §2.3, the CD-TEXT packs
 * of §2.6, the negative-address examples of §4.1) and every CHECK CONDITION of §3. Expected
 * bytes are written from those sources by hand, never taken from the encoder's output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discs.h"
#include "testutil.h"
#include "tocex/emu.h"
#include "tocex/mmc.h"

/* ---- discs ---- */

static tocex_disc *dvd_disc(void)
{
    tocex_disc *d = malloc(sizeof *d);
    assert_non_null(d);
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_DVD_ROM;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 4, TOCEX_MODE_MODE1, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 2295104, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    return d;
}

static void free_disc(tocex_disc *d)
{
    tocex_disc_free(d);
    free(d);
}

/* ---- running the encoder ---- */

/* Encode `cdb_hex` and compare the whole answer with `expect_hex`. */
static void expect_answer(const tocex_disc *d, uint32_t quirks, const char *cdb_hex, const char *expect_hex)
{
    uint8_t cdb[16], expect[4096];
    long cdb_len = tu_hex(cdb_hex, cdb, sizeof cdb);
    long n = tu_hex(expect_hex, expect, sizeof expect);
    tocex_buf out;
    tocex_sense sense = {0, 0, 0};
    assert_true(cdb_len > 0 && n > 0);
    tocex_buf_init(&out);
    assert_int_equal(tocex_mmc_encode_read_toc(d, cdb, (size_t)cdb_len, quirks, &out, &sense), TOCEX_OK);
    if (out.len != (size_t)n || memcmp(out.data, expect, (size_t)n) != 0) {
        print_message("CDB %s: got %zu bytes:", cdb_hex, out.len);
        for (size_t i = 0; i < out.len; i++)
            print_message("%s%02x", i % 11 == 0 ? "\n  " : " ", out.data[i]);
        print_message("\n");
    }
    assert_int_equal(out.len, (size_t)n);
    assert_memory_equal(out.data, expect, (size_t)n);
    tocex_buf_free(&out);
}

static void expect_sense(const tocex_disc *d, uint32_t quirks, const char *cdb_hex, uint8_t key, uint8_t asc,
                         uint8_t ascq)
{
    uint8_t cdb[16];
    long cdb_len = tu_hex(cdb_hex, cdb, sizeof cdb);
    tocex_buf out;
    tocex_sense sense = {0, 0, 0};
    assert_true(cdb_len > 0);
    tocex_buf_init(&out);
    assert_int_equal(tocex_mmc_encode_read_toc(d, cdb, (size_t)cdb_len, quirks, &out, &sense),
                     TOCEX_E_CHECK_CONDITION);
    assert_int_equal(sense.key, key);
    assert_int_equal(sense.asc, asc);
    assert_int_equal(sense.ascq, ascq);
    tocex_buf_free(&out);
}

/* The 11 descriptors of HERONG's sample, verbatim from §2.3. */
#define HERONG_FULLTOC                                                                                      \
    "00 7b 01 02"                                                                                           \
    "01 14 00 A0 00 00 00 00 01 20 00"                                                                      \
    "01 14 00 A1 00 00 00 00 01 00 00"                                                                      \
    "01 14 00 A2 00 00 00 00 1A 18 41"                                                                      \
    "01 14 00 01 00 00 00 00 00 02 00"                                                                      \
    "01 54 00 B0 1C 36 41 02 4A 2B 00"                                                                      \
    "01 54 00 C0 80 00 00 00 61 22 15"                                                                      \
    "02 14 00 A0 00 00 00 00 02 20 00"                                                                      \
    "02 14 00 A1 00 00 00 00 02 00 00"                                                                      \
    "02 14 00 A2 00 00 00 00 1E 04 3C"                                                                      \
    "02 14 00 02 00 00 00 00 1C 38 41"                                                                      \
    "02 54 00 B0 1F 22 3C 01 4A 2B 00"

/* ---- format 2 ---- */

static void test_fulltoc_herong(void **state)
{
    tocex_disc *d = tu_herong_disc();
    (void)state;
    /* readcd -fulltoc sends 43 00 02 00 00 00 00 00 7D 00 (HERONG); session 0 = all. */
    expect_answer(d, 0, "43 00 02 00 00 00 00 00 7D 00", HERONG_FULLTOC);
    /* cdrdao asks session 1 (all), libburn sets MSF=1 (must not be rejected). */
    expect_answer(d, 0, "43 00 02 00 00 00 01 00 7D 00", HERONG_FULLTOC);
    expect_answer(d, 0, "43 02 02 00 00 00 00 FF FF 00", HERONG_FULLTOC);
    /* Starting session 2: session-2 descriptors only, header still first/last session. */
    expect_answer(d, 0, "43 00 02 00 00 00 02 00 7D 00",
                  "00 39 01 02"
                  "02 14 00 A0 00 00 00 00 02 20 00"
                  "02 14 00 A1 00 00 00 00 02 00 00"
                  "02 14 00 A2 00 00 00 00 1E 04 3C"
                  "02 14 00 02 00 00 00 00 1C 38 41"
                  "02 54 00 B0 1F 22 3C 01 4A 2B 00");
    /* Session 3 does not exist. */
    expect_sense(d, 0, "43 00 02 00 00 00 03 00 7D 00", 0x05, 0x24, 0x00);
    free_disc(d);
}

/* The BCD renderings of the same lead-in: times and track numbers in BCD, POINT codes, ADR/CTL,
 * disc type (20h), pointer count and C0's ATIP bits untouched (§4.2). */
#define HERONG_FULLTOC_BCD                                                                                  \
    "00 7b 01 02"                                                                                           \
    "01 14 00 A0 00 00 00 00 01 20 00"                                                                      \
    "01 14 00 A1 00 00 00 00 01 00 00"                                                                      \
    "01 14 00 A2 00 00 00 00 26 24 65"                                                                      \
    "01 14 00 01 00 00 00 00 00 02 00"                                                                      \
    "01 54 00 B0 28 54 65 02 74 43 00"                                                                      \
    "01 54 00 C0 80 00 00 00 97 34 21"                                                                      \
    "02 14 00 A0 00 00 00 00 02 20 00"                                                                      \
    "02 14 00 A1 00 00 00 00 02 00 00"                                                                      \
    "02 14 00 A2 00 00 00 00 30 04 60"                                                                      \
    "02 14 00 02 00 00 00 00 28 56 65"                                                                      \
    "02 54 00 B0 31 34 60 01 74 43 00"

static void test_fulltoc_bcd_quirks(void **state)
{
    tocex_disc *d = tu_herong_disc();
    (void)state;
    expect_answer(d, TOCEX_QUIRK_FULLTOC_BCD, "43 00 02 00 00 00 00 00 7D 00", HERONG_FULLTOC_BCD);
    expect_answer(d, TOCEX_QUIRK_FULLTOC_BCD, "43 02 00 00 00 00 00 FF FE 80", HERONG_FULLTOC_BCD);
    /* Legacy quirk: only the byte-9 80h form (Mac OS X sends 43 02 00 00 00 00 00 FF FE 80). */
    expect_answer(d, TOCEX_QUIRK_LEGACY_FULLTOC_BCD, "43 02 00 00 00 00 00 FF FE 80", HERONG_FULLTOC_BCD);
    expect_answer(d, TOCEX_QUIRK_LEGACY_FULLTOC_BCD, "43 00 02 00 00 00 00 00 7D 00", HERONG_FULLTOC);
    /* Default: the legacy form answers binary (modern drives, §1.2). */
    expect_answer(d, 0, "43 02 00 00 00 00 00 FF FE 80", HERONG_FULLTOC);
    free_disc(d);
}

static void test_fulltoc_bcd_track_points(void **state)
{
    /* Track 12 at LBA 100000 (22:15:25 = 100150 frames): POINT 12h, PMSF 22 15 25 in BCD. */
    tocex_disc *d = malloc(sizeof *d);
    (void)state;
    assert_non_null(d);
    tocex_disc_init(d);
    for (unsigned t = 1; t <= 12; t++)
        assert_int_equal(tocex_disc_add_track(d, 1, (uint8_t)t, 1, 0, TOCEX_MODE_AUDIO,
                                              t == 12 ? 100000 : (int32_t)(t - 1) * 1000, NULL),
                         TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 110000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    {
        uint8_t cdb[10] = {0x43, 0, 2, 0, 0, 0, 0, 0xFF, 0xFF, 0};
        tocex_buf out;
        tocex_sense sense;
        const uint8_t *a1, *t12;
        tocex_buf_init(&out);
        assert_int_equal(tocex_mmc_encode_read_toc(d, cdb, 10, TOCEX_QUIRK_FULLTOC_BCD, &out, &sense), TOCEX_OK);
        assert_int_equal(out.len, 4 + 15 * 11);
        a1 = out.data + 4 + 11;
        assert_int_equal(a1[3], 0xA1);
        assert_int_equal(a1[8], 0x12); /* last track 12 in BCD */
        t12 = out.data + 4 + 14 * 11;
        assert_int_equal(t12[3], 0x12);
        assert_int_equal(t12[8], 0x22);
        assert_int_equal(t12[9], 0x15);
        assert_int_equal(t12[10], 0x25);
        tocex_buf_free(&out);
    }
    free_disc(d);
}

static void test_fulltoc_recorded(void **state)
{
    /* A recorded full TOC is answered as recorded, filtered by starting session. */
    tocex_disc *d = tu_herong_disc();
    tocex_toc_entry e[2] = {
        {1, 0x14, 0, 0xA0, 0, 0, 0, 0, 1, 0x00, 0},
        {2, 0x14, 0, 0xA0, 0, 0, 0, 0, 2, 0x00, 0},
    };
    (void)state;
    assert_int_equal(tocex_disc_set_fulltoc(d, e, 2, NULL), TOCEX_OK);
    expect_answer(d, 0, "43 00 02 00 00 00 00 00 7D 00",
                  "00 18 01 02 01 14 00 A0 00 00 00 00 01 00 00 02 14 00 A0 00 00 00 00 02 00 00");
    expect_answer(d, 0, "43 00 02 00 00 00 02 00 7D 00", "00 0D 01 02 02 14 00 A0 00 00 00 00 02 00 00");
    free_disc(d);
}

/* ---- formats 0 and 1 (§2.1, §2.2) ---- */

static void test_formatted_toc_lba_msf(void **state)
{
    tocex_disc *d = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    (void)state;
    /* LBA: 15000 = 3A98h, 30000 = 7530h, 45000 = AFC8h; lead-out CONTROL = last track's (4). */
    expect_answer(d, 0, "43 00 00 00 00 00 00 03 24 00",
                  "00 22 01 03"
                  "00 10 01 00 00 00 00 00"
                  "00 10 02 00 00 00 3A 98"
                  "00 14 03 00 00 00 75 30"
                  "00 14 AA 00 00 00 AF C8");
    /* MSF: +150 → 00:02:00, 03:22:00, 06:42:00, 10:02:00. */
    expect_answer(d, 0, "43 02 00 00 00 00 00 03 24 00",
                  "00 22 01 03"
                  "00 10 01 00 00 00 02 00"
                  "00 10 02 00 00 03 16 00"
                  "00 14 03 00 00 06 2A 00"
                  "00 14 AA 00 00 0A 02 00");
    /* Start track 2: header keeps the disc's first/last track. */
    expect_answer(d, 0, "43 00 00 00 00 00 02 03 24 00",
                  "00 1A 01 03"
                  "00 10 02 00 00 00 3A 98"
                  "00 14 03 00 00 00 75 30"
                  "00 14 AA 00 00 00 AF C8");
    /* AAh: the lead-out alone (Linux CDROMREADTOCENTRY(CDROM_LEADOUT), in MSF). */
    expect_answer(d, 0, "43 02 00 00 00 00 AA 00 0C 00", "00 0A 01 03 00 14 AA 00 00 0A 02 00");
    /* Bad start tracks: 4 (> last) and 99. */
    expect_sense(d, 0, "43 00 00 00 00 00 04 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 00 00 00 00 63 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 00 00 00 00 AB 00 0C 00", 0x05, 0x24, 0x00);
    free_disc(d);
}

static void test_leadout_control_quirk(void **state)
{
    tocex_disc *d = malloc(sizeof *d);
    (void)state;
    assert_non_null(d);
    tocex_disc_init(d);
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 1000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    expect_answer(d, 0, "43 00 00 00 00 00 AA 00 0C 00", "00 0A 01 01 00 10 AA 00 00 00 03 E8");
    expect_answer(d, TOCEX_QUIRK_LEADOUT_CONTROL_DATA, "43 00 00 00 00 00 AA 00 0C 00",
                  "00 0A 01 01 00 14 AA 00 00 00 03 E8");
    free_disc(d);
}

static void test_first_track_not_one(void **state)
{
    /* Tracks 3-4 (track numbers need not start at 1, PIO-S2): start 1 → from track 3. */
    tocex_disc *d = malloc(sizeof *d);
    (void)state;
    assert_non_null(d);
    tocex_disc_init(d);
    assert_int_equal(tocex_disc_add_track(d, 1, 3, 1, 4, TOCEX_MODE_MODE1, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 4, 1, 4, TOCEX_MODE_MODE1, 100, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 200, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    expect_answer(d, 0, "43 00 00 00 00 00 01 00 FF 00",
                  "00 1A 03 04 00 14 03 00 00 00 00 00 00 14 04 00 00 00 00 64 00 14 AA 00 00 00 00 C8");
    expect_answer(d, 0, "43 00 00 00 00 00 04 00 FF 00",
                  "00 12 03 04 00 14 04 00 00 00 00 64 00 14 AA 00 00 00 00 C8");
    expect_sense(d, 0, "43 00 00 00 00 00 05 00 FF 00", 0x05, 0x24, 0x00);
    free_disc(d);
}

static void test_session_info(void **state)
{
    tocex_disc *d = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    tocex_disc *h = tu_herong_disc();
    (void)state;
    expect_answer(d, 0, "43 00 01 00 00 00 00 00 0C 00", "00 0A 01 01 00 10 01 00 00 00 00 00");
    expect_answer(d, 0, "43 02 01 00 00 00 00 00 0C 00", "00 0A 01 01 00 10 01 00 00 00 02 00");
    /* Track/Session Number is ignored for format 1. */
    expect_answer(d, 0, "43 00 01 00 00 00 63 00 0C 00", "00 0A 01 01 00 10 01 00 00 00 00 00");
    /* Two sessions: last complete session 2, its first track 2 at LBA 130115 = 1FC43h / 28:56:65. */
    expect_answer(h, 0, "43 00 01 00 00 00 00 00 0C 00", "00 0A 01 02 00 14 02 00 00 01 FC 43");
    expect_answer(h, 0, "43 02 01 00 00 00 00 00 0C 00", "00 0A 01 02 00 14 02 00 00 1C 38 41");
    /* Linux sr's multisession probe: byte 2 = 0, byte 9 = 40h (§1.2, §5.9). */
    expect_answer(h, 0, "43 00 00 00 00 00 00 00 0C 40", "00 0A 01 02 00 14 02 00 00 01 FC 43");
    free_disc(d);
    free_disc(h);
}

static void test_negative_addresses(void **state)
{
    /* §4.1: −150 = FF FF FF 6A in LBA form, 00:00:00 in MSF. A track in the pregap of the
     * first track is refused by the disc builder, so the model is filled by hand: the encoder
     * is a pure function over any model. */
    tocex_disc *d = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    (void)state;
    d->tracks[0].start = -150;
    expect_answer(d, 0, "43 00 00 00 00 00 01 00 0C 00",
                  "00 22 01 03 00 10 01 00 FF FF FF 6A 00 10 02 00 00 00 3A 98"
                  "00 14 03 00 00 00 75 30 00 14 AA 00 00 00 AF C8");
    expect_answer(d, 0, "43 02 00 00 00 00 01 00 0C 00",
                  "00 22 01 03 00 10 01 00 00 00 00 00 00 10 02 00 00 03 16 00"
                  "00 14 03 00 00 06 2A 00 00 14 AA 00 00 0A 02 00");
    free_disc(d);
}

/* ---- DVD: the made-up TOC (§3) ---- */

static void test_dvd(void **state)
{
    tocex_disc *d = dvd_disc();
    (void)state;
    /* 2295104 = 230540h; MSF 2295254 frames = 510:03:29 → minutes wrap to 254 (FEh). */
    expect_answer(d, 0, "43 00 00 00 00 00 00 00 14 00", "00 12 01 01 00 14 01 00 00 00 00 00 00 14 AA 00 00 23 05 40");
    expect_answer(d, 0, "43 02 00 00 00 00 00 00 14 00", "00 12 01 01 00 14 01 00 00 00 02 00 00 14 AA 00 00 FE 03 1D");
    expect_answer(d, 0, "43 00 01 00 00 00 00 00 0C 00", "00 0A 01 01 00 14 01 00 00 00 00 00");
    for (unsigned f = 2; f <= 5; f++) {
        char cdb[64];
        snprintf(cdb, sizeof cdb, "43 00 %02x 00 00 00 00 00 FF 00", f);
        expect_sense(d, 0, cdb, 0x05, 0x24, 0x00);
        expect_sense(d, TOCEX_QUIRK_NONCD_INCOMPATIBLE_FORMAT, cdb, 0x05, 0x30, 0x02);
    }
    free_disc(d);
}

static void test_dvd_two_sessions(void **state)
{
    /* Track n = session n (libburn's reading); lead-out = capacity. */
    tocex_disc *d = malloc(sizeof *d);
    (void)state;
    assert_non_null(d);
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_DVD_R;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 4, TOCEX_MODE_MODE1, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 1000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 2, 1, 4, TOCEX_MODE_MODE1, 2000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 2, 3000, NULL), TOCEX_OK);
    d->capacity = 4096;
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    expect_answer(d, 0, "43 00 00 00 00 00 00 00 FF 00",
                  "00 1A 01 02 00 14 01 00 00 00 00 00 00 14 02 00 00 00 07 D0 00 14 AA 00 00 00 10 00");
    expect_answer(d, 0, "43 00 01 00 00 00 00 00 FF 00", "00 0A 01 02 00 14 02 00 00 00 07 D0");
    expect_sense(d, 0, "43 00 00 00 00 00 03 00 FF 00", 0x05, 0x24, 0x00);
    free_disc(d);
}

static void test_dvd_blank_and_start(void **state)
{
    tocex_disc *d = malloc(sizeof *d);
    (void)state;
    assert_non_null(d);
    /* Blank DVD-R: no made-up TOC either. */
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_DVD_R;
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    expect_sense(d, 0, "43 00 00 00 00 00 00 00 FF 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 01 00 00 00 00 00 FF 00", 0x05, 0x24, 0x00);
    tocex_disc_free(d);
    /* Two sessions without a known capacity: start track 2 = session 2; lead-out = last
     * session's lead-out (3000 = BB8h). */
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_DVD_PLUS_R;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 4, TOCEX_MODE_MODE1, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 1000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 2, 1, 4, TOCEX_MODE_MODE1, 2000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 2, 3000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    expect_answer(d, 0, "43 00 00 00 00 00 02 00 FF 00", "00 12 01 02 00 14 02 00 00 00 07 D0 00 14 AA 00 00 00 0B B8");
    expect_answer(d, 0, "43 00 00 00 00 00 AA 00 FF 00", "00 0A 01 02 00 14 AA 00 00 00 0B B8");
    free_disc(d);
}

static void test_fulltoc_closed_b0(void **state)
{
    /* A recorded B0 with FF:FF:FF (no next program area: disc closed) stays FF:FF:FF, in BCD too. */
    tocex_disc *d = tu_herong_disc();
    (void)state;
    d->sessions[1].b0_given = true;
    d->sessions[1].has_b0 = true;
    d->sessions[1].b0_next_program = TOCEX_LBA_NONE;
    d->sessions[1].b0_pointers = 1;
    expect_answer(d, 0, "43 00 02 00 00 00 02 00 FF 00",
                  "00 39 01 02"
                  "02 14 00 A0 00 00 00 00 02 20 00"
                  "02 14 00 A1 00 00 00 00 02 00 00"
                  "02 14 00 A2 00 00 00 00 1E 04 3C"
                  "02 14 00 02 00 00 00 00 1C 38 41"
                  "02 54 00 B0 FF FF FF 01 4A 2B 00");
    expect_answer(d, TOCEX_QUIRK_FULLTOC_BCD, "43 00 02 00 00 00 02 00 FF 00",
                  "00 39 01 02"
                  "02 14 00 A0 00 00 00 00 02 20 00"
                  "02 14 00 A1 00 00 00 00 02 00 00"
                  "02 14 00 A2 00 00 00 00 30 04 60"
                  "02 14 00 02 00 00 00 00 28 56 65"
                  "02 54 00 B0 FF FF FF 01 74 43 00");
    free_disc(d);
}

/* ---- formats 3, 4, 5 ---- */

/* The four example packs of §2.6 (88h TOC pack and the three 8Fh size packs), CRCs included. */
#define SONY_PACKS                                                                                          \
    "88 00 23 00 01 0e 00 3f 02 12 00 00 00 00 00 00 12 00"                                                 \
    "8f 00 2a 00 01 01 03 00 06 05 04 05 07 06 01 02 48 65"                                                 \
    "8f 01 2b 00 00 00 00 00 00 00 06 03 2c 00 00 00 c0 20"                                                 \
    "8f 02 2c 00 00 00 00 00 09 00 00 00 00 00 00 00 11 45"

static void test_cdtext(void **state)
{
    tocex_disc *d = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    uint8_t packs[4 * 18];
    (void)state;
    /* No CD-TEXT: header with Data Length 2 by default; 05/24/00 with the quirk. */
    expect_answer(d, 0, "43 02 05 00 00 00 00 00 04 00", "00 02 00 00");
    expect_sense(d, TOCEX_QUIRK_CDTEXT_ABSENT_CHECK_CONDITION, "43 02 05 00 00 00 00 00 04 00", 0x05, 0x24, 0x00);
    assert_int_equal(tu_hex(SONY_PACKS, packs, sizeof packs), (long)sizeof packs);
    assert_int_equal(tocex_disc_set_cdtext(d, packs, 4, NULL), TOCEX_OK);
    /* Data Length 2 + 4 × 18 = 74 = 4Ah; MSF and track ignored. */
    expect_answer(d, 0, "43 02 05 00 00 00 00 FF FF 00", "00 4A 00 00" SONY_PACKS);
    expect_answer(d, 0, "43 00 05 00 00 00 07 FF FF 00", "00 4A 00 00" SONY_PACKS);
    expect_answer(d, TOCEX_QUIRK_CDTEXT_ABSENT_CHECK_CONDITION, "43 00 05 00 00 00 00 FF FF 00",
                  "00 4A 00 00" SONY_PACKS);
    free_disc(d);
}

/* The raw CD-TEXT pack files of the shared test data (libcdio test/data, counts from the
 * MANIFEST) answered as format 5: header with Data Length 2 + 18 * packs, then the packs. */
static void check_cdt(const char *rel, size_t packs)
{
    size_t len = 0;
    uint8_t *bytes = tu_read_file(tu_data_path(rel), &len);
    tocex_disc *d = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    tocex_buf out;
    tocex_sense sense;
    uint8_t cdb[10] = {0x43, 0x02, 0x05, 0, 0, 0, 0, 0xFF, 0xFF, 0};
    assert_non_null(bytes);
    assert_true(len >= packs * 18);
    assert_int_equal(tocex_disc_set_cdtext(d, bytes, packs, NULL), TOCEX_OK);
    tocex_buf_init(&out);
    assert_int_equal(tocex_mmc_encode_read_toc(d, cdb, 10, 0, &out, &sense), TOCEX_OK);
    assert_int_equal(out.len, 4 + packs * 18);
    assert_int_equal(out.data[0], (uint8_t)((2 + packs * 18) >> 8));
    assert_int_equal(out.data[1], (uint8_t)(2 + packs * 18));
    assert_int_equal(out.data[2], 0);
    assert_int_equal(out.data[3], 0);
    assert_memory_equal(out.data + 4, bytes, packs * 18);
    tocex_buf_free(&out);
    free(bytes);
    free_disc(d);
}

static void test_cdtext_shared_data(void **state)
{
    (void)state;
    TU_REQUIRE_TESTDATA();
    check_cdt("libcdio/data/cdtext.cdt", 96);
    check_cdt("libcdio/data/cdtext-libburnia.cdt", 91);
    check_cdt("libcdio/data/cdtext-krosis.cdt", 47);
}

static void test_atip_pma(void **state)
{
    tocex_disc *h = tu_herong_disc();
    tocex_disc *d = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    tocex_toc_entry pma[1] = {{7, 0x14, 0, 0x01, 0x00, 0x02, 0x00, 0, 0x1A, 0x18, 0x41}};
    (void)state;
    /* ATIP: Data Length 2 + 24 = 26 = 1Ah (§2.5); MSF=0 (cdrdao) and MSF=1 (libburn). */
    expect_answer(h, 0, "43 00 04 00 00 00 00 00 1C 00",
                  "00 1A 00 00 80 00 00 00 61 22 15 00 4A 2B 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
    expect_answer(h, 0, "43 02 04 00 00 00 00 00 1C 00",
                  "00 1A 00 00 80 00 00 00 61 22 15 00 4A 2B 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
    /* PMA: empty on this CD-R → header only; with an entry, byte 0 reserved (0). */
    expect_answer(h, 0, "43 00 03 00 00 00 00 00 FF 00", "00 02 00 00");
    assert_int_equal(tocex_disc_set_pma(h, pma, 1, NULL), TOCEX_OK);
    expect_answer(h, 0, "43 02 03 00 00 00 00 00 FF 00", "00 0D 00 00 00 14 00 01 00 02 00 00 1A 18 41");
    /* Pressed CD: no PMA, no ATIP. */
    expect_sense(d, 0, "43 00 03 00 00 00 00 00 FF 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 04 00 00 00 00 00 FF 00", 0x05, 0x24, 0x00);
    free_disc(h);
    free_disc(d);
}

/* ---- CHECK CONDITIONs of §3 at the encoder ---- */

static void test_cdb_validation(void **state)
{
    tocex_disc *d = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    (void)state;
    /* Reserved bits: byte 1 bits 0, 2-4; byte 2 bits 7-4; bytes 3-5. */
    expect_sense(d, 0, "43 01 00 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 04 00 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 10 00 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 10 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 00 01 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 00 00 01 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 00 00 00 01 00 00 0C 00", 0x05, 0x24, 0x00);
    /* SCSI-2 LUN bits (byte 1 bits 7-5) are ignored (f_mass_storage). */
    expect_answer(d, 0, "43 E0 00 00 00 00 AA 00 0C 00", "00 0A 01 03 00 14 AA 00 00 00 AF C8");
    /* Formats 6-15 and the reserved legacy C0h. */
    for (unsigned f = 6; f <= 15; f++) {
        char cdb[64];
        snprintf(cdb, sizeof cdb, "43 00 %02x 00 00 00 00 00 0C 00", f);
        expect_sense(d, 0, cdb, 0x05, 0x24, 0x00);
    }
    expect_sense(d, 0, "43 00 00 00 00 00 00 00 0C C0", 0x05, 0x24, 0x00);
    /* A CDB shorter than 10 bytes. */
    expect_sense(d, 0, "43 00 00 00 00 00", 0x05, 0x24, 0x00);
    /* Byte 9 is ignored when byte 2 names a format. */
    expect_answer(d, 0, "43 00 01 00 00 00 00 00 0C 80", "00 0A 01 01 00 10 01 00 00 00 00 00");
    free_disc(d);
}

static void test_no_medium_and_blank(void **state)
{
    tocex_disc *d = malloc(sizeof *d);
    (void)state;
    assert_non_null(d);
    expect_sense(NULL, 0, "43 00 00 00 00 00 00 00 0C 00", 0x02, 0x3A, 0x00);
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_NONE;
    expect_sense(d, 0, "43 00 00 00 00 00 00 00 0C 00", 0x02, 0x3A, 0x00);
    /* Blank CD-RW: formatted TOC → 05/24/00 (UDF33); so are formats 1 and 2 (no session);
     * CD-TEXT answers the empty header. */
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_CD_RW;
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    expect_sense(d, 0, "43 00 00 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 02 00 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 01 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_sense(d, 0, "43 00 02 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_answer(d, 0, "43 00 03 00 00 00 00 00 0C 00", "00 02 00 00");
    expect_answer(d, 0, "43 00 05 00 00 00 00 00 0C 00", "00 02 00 00");
    /* Blank with ATIP known: the ATIP is there (the very case that needs it). */
    {
        uint8_t atip[24] = {0xD0, 0x40, 0xC4, 0, 97, 26, 65, 0, 79, 59, 74, 0};
        assert_int_equal(tocex_disc_set_atip(d, atip, 24, NULL), TOCEX_OK);
        expect_answer(d, 0, "43 00 04 00 00 00 00 00 1C 00",
                      "00 1A 00 00 D0 40 C4 00 61 1A 41 00 4F 3B 4A 00 00 00 00 00 00 00 00 00 00 00 00 00");
    }
    free_disc(d);
}

static void test_quirk_names(void **state)
{
    (void)state;
    assert_int_equal(tocex_emu_quirk_from_name("leadout-control-data"), TOCEX_QUIRK_LEADOUT_CONTROL_DATA);
    assert_int_equal(tocex_emu_quirk_from_name("cdtext-absent-check-condition"),
                     TOCEX_QUIRK_CDTEXT_ABSENT_CHECK_CONDITION);
    assert_int_equal(tocex_emu_quirk_from_name("legacy-fulltoc-bcd"), TOCEX_QUIRK_LEGACY_FULLTOC_BCD);
    assert_int_equal(tocex_emu_quirk_from_name("data-length-truncated"), TOCEX_QUIRK_DATA_LENGTH_TRUNCATED);
    assert_int_equal(tocex_emu_quirk_from_name("noncd-incompatible-format"), TOCEX_QUIRK_NONCD_INCOMPATIBLE_FORMAT);
    assert_int_equal(tocex_emu_quirk_from_name("fulltoc-bcd"), TOCEX_QUIRK_FULLTOC_BCD);
    assert_int_equal(tocex_emu_quirk_from_name("no-such-quirk"), 0);
    assert_int_equal(tocex_emu_quirk_from_name(NULL), 0);
    assert_string_equal(tocex_emu_quirk_name(TOCEX_QUIRK_FULLTOC_BCD), "fulltoc-bcd");
    assert_string_equal(tocex_emu_quirk_name(TOCEX_QUIRK_DATA_LENGTH_TRUNCATED), "data-length-truncated");
    assert_null(tocex_emu_quirk_name(TOCEX_QUIRK_FULLTOC_BCD | TOCEX_QUIRK_LEADOUT_CONTROL_DATA));
    assert_null(tocex_emu_quirk_name(1u << 30));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fulltoc_herong),
        cmocka_unit_test(test_fulltoc_bcd_quirks),
        cmocka_unit_test(test_fulltoc_bcd_track_points),
        cmocka_unit_test(test_fulltoc_recorded),
        cmocka_unit_test(test_formatted_toc_lba_msf),
        cmocka_unit_test(test_leadout_control_quirk),
        cmocka_unit_test(test_first_track_not_one),
        cmocka_unit_test(test_session_info),
        cmocka_unit_test(test_negative_addresses),
        cmocka_unit_test(test_dvd),
        cmocka_unit_test(test_dvd_two_sessions),
        cmocka_unit_test(test_dvd_blank_and_start),
        cmocka_unit_test(test_fulltoc_closed_b0),
        cmocka_unit_test(test_cdtext),
        cmocka_unit_test(test_cdtext_shared_data),
        cmocka_unit_test(test_atip_pma),
        cmocka_unit_test(test_cdb_validation),
        cmocka_unit_test(test_no_medium_and_blank),
        cmocka_unit_test(test_quirk_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
