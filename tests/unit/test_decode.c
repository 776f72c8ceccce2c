/* Decoders for READ TOC formats 0-5: layouts and examples from mmc-read-toc.md (section named at
 * each test), every malformation refused with the byte offset named. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/decode.h"
#include "tocex/mmc.h"

/* ---- answers built from the standard's layouts */

static size_t toc_desc(uint8_t *p, uint8_t adr_control, uint8_t track, uint32_t addr)
{
    p[0] = 0;
    p[1] = adr_control;
    p[2] = track;
    p[3] = 0;
    p[4] = (uint8_t)(addr >> 24);
    p[5] = (uint8_t)(addr >> 16);
    p[6] = (uint8_t)(addr >> 8);
    p[7] = (uint8_t)addr;
    return 8;
}

static void header(uint8_t *p, size_t total, uint8_t b2, uint8_t b3)
{
    p[0] = (uint8_t)((total - 2) >> 8);
    p[1] = (uint8_t)(total - 2);
    p[2] = b2;
    p[3] = b3;
}

/* Real two-session CD-R full TOC (readcd -fulltoc, mmc-read-toc.md 2.3 "HERONG"). */
static const char *herong_hex = "01 14 00 A0 00 00 00 00 01 20 00"
                                "01 14 00 A1 00 00 00 00 01 00 00"
                                "01 14 00 A2 00 00 00 00 1A 18 41"
                                "01 14 00 01 00 00 00 00 00 02 00"
                                "01 54 00 B0 1C 36 41 02 4A 2B 00"
                                "01 54 00 C0 80 00 00 00 61 22 15"
                                "02 14 00 A0 00 00 00 00 02 20 00"
                                "02 14 00 A1 00 00 00 00 02 00 00"
                                "02 14 00 A2 00 00 00 00 1E 04 3C"
                                "02 14 00 02 00 00 00 00 1C 38 41"
                                "02 54 00 B0 1F 22 3C 01 4A 2B 00";

static size_t herong_answer(uint8_t *buf)
{
    long n = tu_hex(herong_hex, buf + 4, 200);
    assert_int_equal(n, 121);
    header(buf, 4 + (size_t)n, 1, 2);
    return 4 + (size_t)n;
}

/* Its formatted TOC: track 1 at LBA 0, track 2 at 28:56:65, lead-out 30:04:60 (LBA 135210). */
static size_t herong_toc(uint8_t *buf)
{
    size_t n = 4;
    n += toc_desc(buf + n, 0x14, 1, 0);
    n += toc_desc(buf + n, 0x14, 2, 130115);
    n += toc_desc(buf + n, 0x14, 0xAA, 135210);
    header(buf, n, 1, 2);
    return n;
}

static void expect_error(tocex_status st, tocex_status want, const tocex_error *e, const char *needle)
{
    assert_int_equal(st, want);
    if (needle != NULL && strstr(e->message, needle) == NULL) {
        print_message("message \"%s\" lacks \"%s\"\n", e->message, needle);
        fail();
    }
}

/* ---- format 0 */

static void test_toc_lba(void **state)
{
    uint8_t buf[64];
    tocex_toc_view v;
    tocex_error e;
    size_t n = 4;
    (void)state;
    n += toc_desc(buf + n, 0x14, 1, 0);
    n += toc_desc(buf + n, 0x10, 2, 1000);
    n += toc_desc(buf + n, 0x10, 0xAA, 0x12345);
    header(buf, n, 1, 2);
    assert_int_equal(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_OK);
    assert_int_equal(v.data_length, 26);
    assert_int_equal(v.first_track, 1);
    assert_int_equal(v.last_track, 2);
    assert_int_equal(v.count, 3);
    assert_int_equal(v.entries[0].adr, 1);
    assert_int_equal(v.entries[0].control, 4);
    assert_int_equal(v.entries[1].lba, 1000);
    assert_int_equal(v.entries[2].track, 0xAA);
    assert_int_equal(v.entries[2].lba, 0x12345);
    /* LBA 0 = 00:02:00 */
    assert_int_equal(v.entries[0].msf.s, 2);
    assert_non_null(tocex_toc_view_leadout(&v));
}

static void test_toc_msf(void **state)
{
    uint8_t buf[64];
    tocex_toc_view v;
    tocex_error e;
    size_t n = 4;
    (void)state;
    n += toc_desc(buf + n, 0x14, 1, 0x00000200);      /* 00:02:00 */
    n += toc_desc(buf + n, 0x14, 0xAA, 0x001A1841);   /* 26:24:65 = LBA 118715 */
    header(buf, n, 1, 1);
    assert_int_equal(tocex_decode_toc(buf, n, true, 0, &v, &e), TOCEX_OK);
    assert_int_equal(v.entries[0].lba, 0);
    assert_int_equal(v.entries[1].lba, 118715);
    assert_int_equal(v.entries[1].msf.m, 26);
    /* reserved byte before M/S/F set */
    buf[4 + 8 + 4] = 1;
    expect_error(tocex_decode_toc(buf, n, true, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "byte 16");
    buf[4 + 8 + 4] = 0;
    buf[4 + 8 + 6] = 60; /* second 60 */
    expect_error(tocex_decode_toc(buf, n, true, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "not an MSF");
}

static void test_toc_truncated(void **state)
{
    uint8_t buf[64];
    tocex_toc_view v;
    tocex_error e;
    size_t n = 4;
    (void)state;
    n += toc_desc(buf + n, 0x14, 1, 0);
    n += toc_desc(buf + n, 0x14, 2, 500);
    n += toc_desc(buf + n, 0x14, 0xAA, 900);
    header(buf, n, 1, 2);
    expect_error(tocex_decode_toc(buf, n - 1, false, 0, &v, &e), TOCEX_E_TRUNCATED, &e, "byte 27");
    assert_int_equal(tocex_decode_toc(buf, n - 1, false, TOCEX_DECODE_ALLOW_TRUNCATED, &v, &e), TOCEX_OK);
    assert_true(v.truncated);
    assert_int_equal(v.expected, 3);
    assert_int_equal(v.count, 2);
    assert_null(tocex_toc_view_leadout(&v));
    for (size_t len = 0; len < 4; len++)
        expect_error(tocex_decode_toc(buf, len, false, TOCEX_DECODE_ALLOW_TRUNCATED, &v, &e), TOCEX_E_TRUNCATED,
                     &e, "header");
    /* bytes beyond Data Length + 2 (zero padding of a transport without residual) are ignored */
    memset(buf + n, 0, 16);
    assert_int_equal(tocex_decode_toc(buf, n + 16, false, 0, &v, &e), TOCEX_OK);
    assert_int_equal(v.count, 3);
}

static void test_toc_malformed(void **state)
{
    uint8_t buf[64];
    tocex_toc_view v;
    tocex_error e;
    size_t n = 4;
    (void)state;
    n += toc_desc(buf + n, 0x14, 1, 0);
    n += toc_desc(buf + n, 0x14, 2, 500);
    n += toc_desc(buf + n, 0x14, 0xAA, 900);
    header(buf, n, 1, 2);
    /* Data Length not 2 + 8 n */
    buf[1] = 25;
    expect_error(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "byte 0");
    /* Data Length 2: no lead-out */
    header(buf, 4, 1, 2);
    expect_error(tocex_decode_toc(buf, 4, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "lead-out");
    header(buf, n, 1, 2);
    /* last descriptor is not AAh */
    buf[4 + 16 + 2] = 3;
    expect_error(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "outside");
    header(buf, n, 1, 3);
    expect_error(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "not the lead-out");
    /* lead-out in the middle */
    buf[4 + 16 + 2] = 0xAA;
    buf[4 + 8 + 2] = 0xAA;
    expect_error(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "must be the last");
    /* track numbers descending */
    header(buf, n, 1, 2);
    buf[4 + 2] = 2;
    buf[4 + 8 + 2] = 1;
    expect_error(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "ascend");
    /* addresses not ascending */
    buf[4 + 2] = 1;
    buf[4 + 8 + 2] = 2;
    buf[4 + 8 + 7] = 0;
    buf[4 + 8 + 6] = 0;
    expect_error(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "byte 16");
    /* first track 0 */
    header(buf, n, 0, 2);
    expect_error(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "byte 2");
    /* more than 100 descriptors announced */
    buf[0] = 0x03;
    buf[1] = 0x2A; /* 810 = 2 + 8 x 101 */
    header(buf, 812, 1, 2);
    expect_error(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "more than 99");
}

static void test_toc_leadout_only(void **state)
{
    /* start track AAh: the lead-out alone (Linux CDROM_LEADOUT, mmc-read-toc.md 1.3) */
    uint8_t buf[16];
    tocex_toc_view v;
    tocex_error e;
    size_t n = 4 + toc_desc(buf + 4, 0x14, 0xAA, 135210);
    (void)state;
    header(buf, n, 1, 2);
    assert_int_equal(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_OK);
    assert_int_equal(v.count, 1);
    assert_int_equal(tocex_toc_view_leadout(&v)->lba, 135210);
}

/* ---- format 1 */

static void test_session_info(void **state)
{
    uint8_t buf[12];
    tocex_session_info_view v;
    tocex_error e;
    (void)state;
    header(buf, 12, 1, 2);
    toc_desc(buf + 4, 0x14, 2, 130115);
    assert_int_equal(tocex_decode_session_info(buf, 12, false, &v, &e), TOCEX_OK);
    assert_int_equal(v.first_session, 1);
    assert_int_equal(v.last_session, 2);
    assert_int_equal(v.first_track_last_session, 2);
    assert_int_equal(v.start, 130115);
    assert_false(v.zero_descriptor);
    expect_error(tocex_decode_session_info(buf, 11, false, &v, &e), TOCEX_E_TRUNCATED, &e, "byte 11");
    /* QEMU hw/scsi: only the header filled in (mmc-read-toc.md 5.1) */
    memset(buf + 4, 0, 8);
    header(buf, 12, 1, 1);
    assert_int_equal(tocex_decode_session_info(buf, 12, false, &v, &e), TOCEX_OK);
    assert_true(v.zero_descriptor);
    /* QEMU IDE: a formatted TOC (Data Length 18) answered for format 1 */
    header(buf, 20, 1, 1);
    expect_error(tocex_decode_session_info(buf, 12, false, &v, &e), TOCEX_E_BAD_ANSWER, &e, "QEMU");
}

/* ---- format 2 */

static void test_fulltoc_herong(void **state)
{
    uint8_t buf[256], tbuf[64];
    tocex_fulltoc_view v;
    tocex_fulltoc_layout l;
    tocex_toc_view toc;
    tocex_crosscheck cc;
    tocex_error e;
    size_t n = herong_answer(buf), tn = herong_toc(tbuf);
    (void)state;
    assert_int_equal(tocex_decode_fulltoc(buf, n, 0, &v, &e), TOCEX_OK);
    assert_int_equal(v.count, 11);
    assert_int_equal(v.first_session, 1);
    assert_int_equal(v.last_session, 2);
    assert_int_equal(v.entries[4].point, 0xB0);
    assert_int_equal(tocex_decode_toc(tbuf, tn, false, 0, &toc, &e), TOCEX_OK);
    assert_false(tocex_fulltoc_is_bcd(&v, &toc));
    assert_false(tocex_fulltoc_is_bcd(&v, NULL));
    assert_int_equal(tocex_fulltoc_interpret(&v, &l, &e), TOCEX_OK);
    assert_int_equal(l.session_count, 2);
    assert_int_equal(l.track_count, 2);
    assert_int_equal(l.tracks[1].number, 2);
    assert_int_equal(l.tracks[1].session, 2);
    assert_int_equal(l.tracks[1].start, 130115);
    assert_int_equal(l.sessions[0].disc_type, 0x20);
    assert_int_equal(l.sessions[0].leadout, 118715);
    assert_int_equal(l.sessions[1].leadout, 135210);
    /* B0 of session 1: 28:54:65 = lead-out + 11250, 2 pointers, max lead-out 74:43:00 */
    assert_true(l.sessions[0].has_b0);
    assert_int_equal(l.sessions[0].b0_next_program, 118715 + 11250);
    assert_int_equal(l.sessions[0].b0_pointers, 2);
    assert_int_equal(l.sessions[0].b0_max_leadout, (74 * 60 + 43) * 75 - 150);
    /* C0: ATIP copy 80 00 00, first lead-in 97:34:21 */
    assert_true(l.sessions[0].has_c0);
    assert_int_equal(l.sessions[0].c0_atip[0], 0x80);
    assert_int_equal(l.sessions[0].c0_first_leadin, (97 * 60 + 34) * 75 + 21 - 450150);
    assert_int_equal(l.sessions[1].b0_next_program, 135210 + 6750);
    assert_false(l.sessions[1].has_c0);
    assert_int_equal(tocex_fulltoc_crosscheck(&l, &toc, &cc), 0);
    /* a formatted TOC that disagrees: each mismatch reported */
    toc.entries[1].lba += 1;
    toc.entries[2].lba += 1;
    assert_int_equal(tocex_fulltoc_crosscheck(&l, &toc, &cc), 2);
    assert_non_null(strstr(cc.messages[0], "track 2"));
    assert_non_null(strstr(cc.messages[1], "lead-out"));
    tocex_fulltoc_view_free(&v);
}

static void test_fulltoc_malformed(void **state)
{
    uint8_t buf[256], toc[64];
    tocex_fulltoc_view v;
    tocex_fulltoc_layout l;
    tocex_error e;
    size_t n = herong_answer(buf), tn = herong_toc(toc);
    (void)state;
    /* a formatted TOC answered for format 2 (QEMU IDE reads the format from byte 9 only) */
    expect_error(tocex_decode_fulltoc(toc, tn, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "QEMU");
    /* truncated: decode the complete descriptors only when asked */
    expect_error(tocex_decode_fulltoc(buf, n - 1, 0, &v, &e), TOCEX_E_TRUNCATED, &e, "truncated");
    assert_int_equal(tocex_decode_fulltoc(buf, n - 1, TOCEX_DECODE_ALLOW_TRUNCATED, &v, &e), TOCEX_OK);
    assert_int_equal(v.count, 10);
    assert_true(v.truncated);
    tocex_fulltoc_view_free(&v);
    /* ADR 0 in descriptor 2 (byte 15 + 1) */
    buf[4 + 11 + 1] = 0x04;
    expect_error(tocex_decode_fulltoc(buf, n, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "byte 16");
    buf[4 + 11 + 1] = 0x14;
    /* session outside the header's range */
    buf[4] = 3;
    expect_error(tocex_decode_fulltoc(buf, n, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "byte 4");
    buf[4] = 1;
    /* ADR 1 with POINT B0h: ADR checked before POINT is interpreted */
    buf[4 + 3] = 0xB0;
    assert_int_equal(tocex_decode_fulltoc(buf, n, 0, &v, &e), TOCEX_OK);
    expect_error(tocex_fulltoc_interpret(&v, &l, &e), TOCEX_E_BAD_ANSWER, &e, "byte 7");
    tocex_fulltoc_view_free(&v);
    buf[4 + 3] = 0xA0;
    /* the same track twice */
    buf[4 + 9 * 11 + 3] = 0x01;
    assert_int_equal(tocex_decode_fulltoc(buf, n, 0, &v, &e), TOCEX_OK);
    expect_error(tocex_fulltoc_interpret(&v, &l, &e), TOCEX_E_BAD_ANSWER, &e, "twice");
    tocex_fulltoc_view_free(&v);
}

static size_t entry(uint8_t *p, uint8_t s, uint8_t adrctl, uint8_t point, uint8_t pm, uint8_t ps, uint8_t pf)
{
    uint8_t e[11] = {s, adrctl, 0, point, 0, 0, 0, 0, pm, ps, pf};
    memcpy(p, e, 11);
    return 11;
}

static void test_fulltoc_bcd(void **state)
{
    /* NEC CDR-260 / Matshita style BCD full TOC (mmc-read-toc.md 4.2): 12 tracks so that POINT
     * and times above 9 differ between BCD and binary. Track t starts at (t+10):(t+20):(t+30). */
    uint8_t full[256], tbuf[256];
    tocex_fulltoc_view v;
    tocex_fulltoc_layout l;
    tocex_toc_view toc;
    tocex_error e;
    size_t n = 4, tn = 4;
    (void)state;
    n += entry(full + n, 1, 0x14, 0xA0, 0x01, 0x00, 0);
    n += entry(full + n, 1, 0x14, 0xA1, 0x12, 0x00, 0);
    n += entry(full + n, 1, 0x14, 0xA2, 0x45, 0x43, 0x21);
    for (unsigned t = 1; t <= 12; t++) {
        n += entry(full + n, 1, 0x14, tocex_bin_to_bcd((uint8_t)t), tocex_bin_to_bcd((uint8_t)(t + 10)),
                   tocex_bin_to_bcd((uint8_t)(t + 20)), tocex_bin_to_bcd((uint8_t)(t + 30)));
        tn += toc_desc(tbuf + tn, 0x14, (uint8_t)t,
                       (uint32_t)(((t + 10) * 60 + t + 20) * 75 + t + 30 - 150));
    }
    tn += toc_desc(tbuf + tn, 0x14, 0xAA, (45 * 60 + 43) * 75 + 21 - 150);
    header(full, n, 1, 1);
    header(tbuf, tn, 1, 12);
    assert_int_equal(tocex_decode_toc(tbuf, tn, false, 0, &toc, &e), TOCEX_OK);
    assert_int_equal(tocex_decode_fulltoc(full, n, 0, &v, &e), TOCEX_OK);
    assert_true(tocex_fulltoc_is_bcd(&v, &toc));
    assert_int_equal(tocex_fulltoc_bcd_to_binary(&v, &e), TOCEX_OK);
    assert_int_equal(tocex_fulltoc_interpret(&v, &l, &e), TOCEX_OK);
    assert_int_equal(l.track_count, 12);
    assert_int_equal(l.sessions[0].last_track, 12);
    assert_int_equal(l.sessions[0].disc_type, 0x00);
    assert_int_equal(l.tracks[11].number, 12);
    assert_int_equal(l.tracks[11].start, toc.entries[11].lba);
    assert_int_equal(l.sessions[0].leadout, toc.entries[12].lba);
    tocex_fulltoc_view_free(&v);

    /* the same numbers in binary are valid BCD bytes too (all digits <= 9 here), but binary agrees
     * with the formatted TOC, so binary wins */
    n = 4;
    n += entry(full + n, 1, 0x14, 0xA0, 1, 0x00, 0);
    n += entry(full + n, 1, 0x14, 0xA1, 1, 0x00, 0);
    n += entry(full + n, 1, 0x14, 0xA2, 0x12, 0x34, 0x38);
    n += entry(full + n, 1, 0x14, 0x01, 0, 2, 0);
    header(full, n, 1, 1);
    tn = 4;
    tn += toc_desc(tbuf + tn, 0x14, 1, 0);
    tn += toc_desc(tbuf + tn, 0x14, 0xAA, (0x12 * 60 + 0x34) * 75 + 0x38 - 150);
    header(tbuf, tn, 1, 1);
    assert_int_equal(tocex_decode_toc(tbuf, tn, false, 0, &toc, &e), TOCEX_OK);
    assert_int_equal(tocex_decode_fulltoc(full, n, 0, &v, &e), TOCEX_OK);
    assert_false(tocex_fulltoc_is_bcd(&v, &toc));
    /* without a formatted TOC: binary unless a value is impossible in binary */
    assert_false(tocex_fulltoc_is_bcd(&v, NULL));
    v.entries[2].pframe = 0x74; /* frame 116 cannot be binary */
    assert_true(tocex_fulltoc_is_bcd(&v, NULL));
    v.entries[2].pframe = 0x7A; /* not BCD either */
    assert_false(tocex_fulltoc_is_bcd(&v, NULL));
    v.entries[2].pframe = 0x38;
    v.entries[2].psec = 0x3A;
    expect_error(tocex_fulltoc_bcd_to_binary(&v, &e), TOCEX_E_BAD_ANSWER, &e, "byte 26");
    tocex_fulltoc_view_free(&v);
}

/* ---- format 3 */

static void test_pma(void **state)
{
    uint8_t buf[64];
    tocex_fulltoc_view v;
    tocex_error e;
    size_t n = 4;
    (void)state;
    n += entry(buf + n, 0, 0x14, 0x01, 0, 2, 0);
    n += entry(buf + n, 0, 0x24, 0x00, 0, 0, 0); /* ADR 2: disc ID */
    header(buf, n, 0, 0);
    assert_int_equal(tocex_decode_pma(buf, n, 0, &v, &e), TOCEX_OK);
    assert_int_equal(v.count, 2);
    assert_int_equal(v.entries[1].adr_control, 0x24);
    tocex_fulltoc_view_free(&v);
    buf[4 + 11 + 1] = 0x74; /* ADR 7 */
    expect_error(tocex_decode_pma(buf, n, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e, "byte 16");
    header(buf, 4, 0, 0);
    assert_int_equal(tocex_decode_pma(buf, 4, 0, &v, &e), TOCEX_OK);
    assert_int_equal(v.count, 0);
    tocex_fulltoc_view_free(&v);
}

/* ---- format 4 */

static size_t atip_answer(uint8_t *buf, uint8_t b6, const uint8_t leadin[3], const uint8_t leadout[3])
{
    memset(buf, 0, 28);
    header(buf, 28, 0, 0);
    buf[4] = 0xD1;
    buf[5] = 0x40;
    buf[6] = b6;
    memcpy(buf + 8, leadin, 3);
    memcpy(buf + 12, leadout, 3);
    return 28;
}

static void test_atip_answer(void **state)
{
    uint8_t buf[40];
    tocex_atip_answer a;
    tocex_error e;
    const uint8_t in[3] = {97, 34, 21}, out[3] = {74, 43, 0};
    const uint8_t in_bcd[3] = {0x97, 0x34, 0x21}, out_bcd[3] = {0x74, 0x43, 0x00};
    size_t n = atip_answer(buf, 0xCC, in, out);
    (void)state;
    assert_int_equal(tocex_decode_atip_answer(buf, n, &a, &e), TOCEX_OK);
    assert_int_equal(a.len, 24);
    assert_int_equal(a.bytes[0], 0xD1);
    assert_int_equal(a.bytes[4], 97);
    assert_false(a.ricoh_bcd);
    expect_error(tocex_decode_atip_answer(buf, n - 1, &a, &e), TOCEX_E_TRUNCATED, &e, "truncated");
    /* byte 6 bit 7 must be 1 */
    n = atip_answer(buf, 0x4C, in, out);
    expect_error(tocex_decode_atip_answer(buf, n, &a, &e), TOCEX_E_BAD_ANSWER, &e, "byte 6");
    /* Ricoh firmware: lead-in/out in BCD, converted (cdrecord drv_mmc.c) */
    n = atip_answer(buf, 0xCC, in_bcd, out_bcd);
    assert_int_equal(tocex_decode_atip_answer(buf, n, &a, &e), TOCEX_OK);
    assert_true(a.ricoh_bcd);
    assert_int_equal(a.bytes[4], 97);
    assert_int_equal(a.bytes[5], 34);
    assert_int_equal(a.bytes[8], 74);
    assert_int_equal(a.bytes[9], 43);
    /* Yamaha: all-zero ATIP for a disc without one */
    memset(buf, 0, sizeof buf);
    header(buf, 28, 0, 0);
    expect_error(tocex_decode_atip_answer(buf, 28, &a, &e), TOCEX_E_NOT_PRESENT, &e, "Yamaha");
    /* LITE-ON LTR-48125S: garbage with lead-in not before lead-out */
    {
        const uint8_t gin[3] = {10, 0, 0}, gout[3] = {5, 0, 0};
        n = atip_answer(buf, 0x80, gin, gout);
        expect_error(tocex_decode_atip_answer(buf, n, &a, &e), TOCEX_E_NOT_PRESENT, &e, "LITE-ON");
    }
    /* 28-byte descriptor with S4 */
    n = atip_answer(buf, 0xCC, in, out);
    memset(buf + 28, 0, 4);
    header(buf, 32, 0, 0);
    assert_int_equal(tocex_decode_atip_answer(buf, 32, &a, &e), TOCEX_OK);
    assert_int_equal(a.len, 28);
    header(buf, 30, 0, 0);
    expect_error(tocex_decode_atip_answer(buf, 32, &a, &e), TOCEX_E_BAD_ANSWER, &e, "26 or 30");
}

/* ---- format 5 */

/* Sony/libburn example packs with CRCs (mmc-read-toc.md 2.6) */
static const char *sony_packs = "88 00 23 00 01 0e 00 3f 02 12 00 00 00 00 00 00 12 00"
                                "8f 00 2a 00 01 01 03 00 06 05 04 05 07 06 01 02 48 65"
                                "8f 01 2b 00 00 00 00 00 00 00 06 03 2c 00 00 00 c0 20"
                                "8f 02 2c 00 00 00 00 00 09 00 00 00 00 00 00 00 11 45";

static void test_cdtext_answer(void **state)
{
    uint8_t buf[128];
    tocex_cdtext_answer c;
    tocex_error e;
    long n = tu_hex(sony_packs, buf + 4, sizeof buf - 4);
    (void)state;
    assert_int_equal(n, 72);
    header(buf, 76, 0, 0);
    assert_int_equal(tocex_decode_cdtext_answer(buf, 76, 0, &c, &e), TOCEX_OK);
    assert_int_equal(c.pack_count, 4);
    assert_ptr_equal(c.packs, buf + 4);
    assert_false(c.last_pack_zero_crc);
    expect_error(tocex_decode_cdtext_answer(buf, 75, 0, &c, &e), TOCEX_E_TRUNCATED, &e, "byte 75");
    assert_int_equal(tocex_decode_cdtext_answer(buf, 75, TOCEX_DECODE_ALLOW_TRUNCATED, &c, &e), TOCEX_OK);
    assert_int_equal(c.pack_count, 3);
    /* zero CRC on the last pack: a drive quirk, accepted and flagged */
    buf[4 + 3 * 18 + 16] = 0;
    buf[4 + 3 * 18 + 17] = 0;
    assert_int_equal(tocex_decode_cdtext_answer(buf, 76, 0, &c, &e), TOCEX_OK);
    assert_true(c.last_pack_zero_crc);
    /* pack type outside 80h-8Fh */
    buf[4 + 18] = 0x7F;
    expect_error(tocex_decode_cdtext_answer(buf, 76, 0, &c, &e), TOCEX_E_BAD_ANSWER, &e, "byte 22");
    /* header only: no CD-TEXT */
    header(buf, 4, 0, 0);
    assert_int_equal(tocex_decode_cdtext_answer(buf, 4, 0, &c, &e), TOCEX_OK);
    assert_int_equal(c.pack_count, 0);
    assert_null(c.packs);
    /* Data Length not 2 + 18 n */
    header(buf, 10, 0, 0);
    expect_error(tocex_decode_cdtext_answer(buf, 10, 0, &c, &e), TOCEX_E_BAD_ANSWER, &e, "2 + 18 n");
}

/* ---- robustness: random bytes never crash or read out of bounds (run under ASan) */

static void test_random_inputs(void **state)
{
    uint64_t seed = 0x5eed0001;
    uint8_t *buf = malloc(1024);
    (void)state;
    assert_non_null(buf);
    for (int i = 0; i < 20000; i++) {
        size_t len = (size_t)tu_rand_range(&seed, 0, 1024);
        uint8_t *p = buf + (1024 - len); /* end exactly at the allocation */
        tocex_toc_view toc;
        tocex_session_info_view si;
        tocex_fulltoc_view fv;
        tocex_fulltoc_layout l;
        tocex_atip_answer a;
        tocex_cdtext_answer c;
        tocex_error e;
        for (size_t k = 0; k < len; k++)
            p[k] = (uint8_t)tu_rand(&seed);
        if (len >= 2 && (i & 1)) { /* plausible lengths reach deeper */
            p[0] = (uint8_t)((len - 2) >> 8);
            p[1] = (uint8_t)(len - 2);
        }
        (void)tocex_decode_toc(p, len, i & 2, TOCEX_DECODE_ALLOW_TRUNCATED, &toc, &e);
        (void)tocex_decode_session_info(p, len, i & 4, &si, &e);
        if (tocex_decode_fulltoc(p, len, TOCEX_DECODE_ALLOW_TRUNCATED, &fv, &e) == TOCEX_OK) {
            (void)tocex_fulltoc_is_bcd(&fv, NULL);
            (void)tocex_fulltoc_interpret(&fv, &l, &e);
            tocex_fulltoc_view_free(&fv);
        }
        if (tocex_decode_pma(p, len, 0, &fv, &e) == TOCEX_OK)
            tocex_fulltoc_view_free(&fv);
        (void)tocex_decode_atip_answer(p, len, &a, &e);
        (void)tocex_decode_cdtext_answer(p, len, TOCEX_DECODE_ALLOW_TRUNCATED, &c, &e);
    }
    free(buf);
}

/* The descriptor a message names ("descriptor N (track XXh)") is worded only for an error; the
 * words are the same as ever. */
static void test_toc_messages_name_the_descriptor(void **state)
{
    uint8_t buf[64];
    tocex_toc_view v;
    tocex_error e;
    size_t n = 4;
    (void)state;
    n += toc_desc(buf + n, 0x14, 1, 0x00000200);
    n += toc_desc(buf + n, 0x14, 2, 0x00000500);
    n += toc_desc(buf + n, 0x14, 0xAA, 0x00000900);
    header(buf, n, 1, 2);
    /* MSF answer: reserved byte before M/S/F of descriptor 2 */
    buf[4 + 8 + 4] = 0x01;
    expect_error(tocex_decode_toc(buf, n, true, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e,
                 "descriptor 2 (track 02h): reserved byte before M/S/F is 01h, not 0");
    assert_int_equal(e.offset, 16);
    /* MSF answer: second 60 in the lead-out descriptor */
    buf[4 + 8 + 4] = 0x00;
    buf[4 + 16 + 6] = 60;
    expect_error(tocex_decode_toc(buf, n, true, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e,
                 "descriptor 3 (track AAh): 0:60:0 is not an MSF address (second < 60, frame < 75)");
    assert_int_equal(e.offset, 25);
    /* LBA answer: track 2 not after track 1 */
    buf[4 + 16 + 6] = 0x09;
    buf[4 + 8 + 6] = 0x01;
    expect_error(tocex_decode_toc(buf, n, false, 0, &v, &e), TOCEX_E_BAD_ANSWER, &e,
                 "formatted TOC: descriptor 2 (track 02h) starts at LBA 256, not after track 1 (LBA 512)");
    assert_int_equal(v.count, 1);
}

/* The cross-check in its former quadratic form, the reference for the indexed one. */
static size_t crosscheck_reference(const tocex_fulltoc_layout *layout, const tocex_toc_view *toc,
                                   char messages[][160], size_t cap)
{
    size_t count = 0;
#define REF_MISMATCH(...)                                                                                    \
    do {                                                                                                     \
        if (count < cap)                                                                                     \
            snprintf(messages[count], 160, __VA_ARGS__);                                                     \
        count++;                                                                                             \
    } while (0)
    const tocex_toc_descriptor *lo = tocex_toc_view_leadout(toc);
    for (size_t k = 0; k < toc->count; k++) {
        const tocex_toc_descriptor *d = &toc->entries[k];
        const tocex_fulltoc_track *t = NULL;
        if (d->track == TOCEX_TRACK_LEADOUT)
            continue;
        for (size_t i = 0; i < layout->track_count; i++)
            if (layout->tracks[i].number == d->track)
                t = &layout->tracks[i];
        if (t == NULL) {
            REF_MISMATCH("track %u of the formatted TOC is missing from the full TOC", d->track);
            continue;
        }
        if (t->start != d->lba)
            REF_MISMATCH("track %u starts at LBA %ld in the full TOC but LBA %ld in the formatted TOC", d->track,
                         (long)t->start, (long)d->lba);
        if (t->control != d->control)
            REF_MISMATCH("track %u: CONTROL %Xh in the full TOC, %Xh in the formatted TOC", d->track, t->control,
                         d->control);
    }
    for (size_t i = 0; i < layout->track_count; i++) {
        bool found = false;
        for (size_t k = 0; k < toc->count; k++)
            if (toc->entries[k].track == layout->tracks[i].number)
                found = true;
        if (!found)
            REF_MISMATCH("track %u of the full TOC is missing from the formatted TOC", layout->tracks[i].number);
    }
    if (lo != NULL && layout->session_count > 0) {
        const tocex_fulltoc_session *s = &layout->sessions[layout->session_count - 1];
        if (s->have_a2 && s->leadout != lo->lba)
            REF_MISMATCH("lead-out of session %zu (A2) is LBA %ld in the full TOC but LBA %ld in the formatted TOC",
                         layout->session_count, (long)s->leadout, (long)lo->lba);
    }
#undef REF_MISMATCH
    return count;
}

static void test_crosscheck_against_reference(void **state)
{
    static tocex_fulltoc_layout l;
    static tocex_toc_view toc;
    tocex_crosscheck cc;
    char want[TOCEX_CROSSCHECK_MAX][160];
    uint64_t rng = 0xC2055C4Eu;
    size_t mismatching = 0;
    (void)state;
    for (int round = 0; round < 3000; round++) {
        size_t tracks = (size_t)tu_rand_range(&rng, 0, 99);
        size_t n;
        /* a layout of `tracks` distinct numbers (sometimes a duplicate), in ascending order */
        memset(&l, 0, sizeof l);
        memset(&toc, 0, sizeof toc);
        l.session_count = (size_t)tu_rand_range(&rng, 0, 3);
        for (size_t i = 0; i < tracks; i++) {
            tocex_fulltoc_track *t = &l.tracks[l.track_count++];
            t->number = (uint8_t)(i + 1 + (tu_rand(&rng) % 8 == 0 ? 1 : 0));
            t->session = 1;
            t->control = (uint8_t)(tu_rand(&rng) % 16 == 0 ? 4 : 0);
            t->start = (int32_t)(i * 1000 + (tu_rand(&rng) % 16 == 0 ? 1 : 0));
        }
        for (size_t s = 0; s < l.session_count; s++) {
            l.sessions[s].have_a2 = tu_rand(&rng) % 2 == 0;
            l.sessions[s].leadout = (int32_t)(tracks * 1000 + (tu_rand(&rng) % 4 == 0 ? 7 : 0));
        }
        /* a formatted TOC mostly agreeing with it: tracks dropped, added, moved */
        for (size_t i = 1; i <= tracks + 1 && toc.count < TOCEX_TOC_MAX_DESCRIPTORS - 1; i++) {
            tocex_toc_descriptor *d;
            if (tu_rand(&rng) % 10 == 0 || i > 99)
                continue;
            d = &toc.entries[toc.count++];
            d->track = (uint8_t)i;
            d->control = (uint8_t)(tu_rand(&rng) % 16 == 0 ? 4 : 0);
            d->lba = (int32_t)((i - 1) * 1000 + (tu_rand(&rng) % 16 == 0 ? 2 : 0));
        }
        toc.entries[toc.count].track = TOCEX_TRACK_LEADOUT;
        toc.entries[toc.count].lba = (int32_t)(tracks * 1000);
        toc.count++;
        toc.expected = tu_rand(&rng) % 8 == 0 ? toc.count + 1 : toc.count; /* sometimes no usable lead-out */
        n = crosscheck_reference(&l, &toc, want, TOCEX_CROSSCHECK_MAX);
        memset(&cc, 0x5A, sizeof cc);
        assert_int_equal(tocex_fulltoc_crosscheck(&l, &toc, &cc), n);
        assert_int_equal(cc.count, n);
        for (size_t i = 0; i < TOCEX_CROSSCHECK_MAX; i++) {
            if (i < n)
                assert_string_equal(cc.messages[i], want[i]);
            else
                assert_string_equal(cc.messages[i], "");
        }
        mismatching += n > 0;
    }
    assert_true(mismatching > 100); /* the rounds did exercise the messages */
}

/* The interpreter clears only the sessions its entries reach: the layout it leaves in memory
 * that held garbage has the same meaning as one made in cleared memory. */
static void test_interpret_in_dirty_memory(void **state)
{
    static tocex_fulltoc_layout clean, dirty;
    uint64_t rng = 0x1A7E4B2Du;
    size_t accepted = 0;
    (void)state;
    for (int round = 0; round < 5000; round++) {
        tocex_toc_entry entries[40];
        tocex_fulltoc_view v;
        tocex_error e1, e2;
        tocex_status s1, s2;
        memset(&v, 0, sizeof v);
        v.count = (size_t)tu_rand_range(&rng, 0, 40);
        v.entries = entries;
        for (size_t i = 0; i < v.count; i++) {
            tocex_toc_entry *e = &entries[i];
            static const uint8_t adrs[] = {1, 1, 1, 5, 2, 3, 0};
            static const uint8_t points[] = {0xA0, 0xA1, 0xA2, 0xB0, 0xC0, 0xB1, 0x05};
            memset(e, 0, sizeof *e);
            e->session = (uint8_t)tu_rand_range(&rng, tu_rand(&rng) % 50 == 0 ? 0 : 1, 4);
            e->adr_control = (uint8_t)((unsigned)adrs[tu_rand(&rng) % sizeof adrs] << 4 | (unsigned)(tu_rand(&rng) % 16));
            e->point = tu_rand(&rng) % 2 == 0 ? (uint8_t)tu_rand_range(&rng, 1, 99)
                                              : points[tu_rand(&rng) % sizeof points];
            e->min = (uint8_t)tu_rand_range(&rng, 0, 99);
            e->sec = (uint8_t)tu_rand_range(&rng, 0, 59);
            e->frame = (uint8_t)tu_rand_range(&rng, 0, 74);
            e->pmin = (uint8_t)tu_rand_range(&rng, 0, 99);
            e->psec = (uint8_t)tu_rand_range(&rng, 0, tu_rand(&rng) % 30 == 0 ? 99 : 59);
            e->pframe = (uint8_t)tu_rand_range(&rng, 0, 74);
        }
        memset(&clean, 0, sizeof clean);
        memset(&dirty, 0xA5, sizeof dirty);
        s1 = tocex_fulltoc_interpret(&v, &clean, &e1);
        s2 = tocex_fulltoc_interpret(&v, &dirty, &e2);
        assert_int_equal(s1, s2);
        if (s1 != TOCEX_OK) {
            assert_string_equal(e1.message, e2.message);
            continue;
        }
        accepted++;
        assert_int_equal(clean.session_count, dirty.session_count);
        assert_int_equal(clean.track_count, dirty.track_count);
        assert_memory_equal(clean.sessions, dirty.sessions, clean.session_count * sizeof clean.sessions[0]);
        assert_memory_equal(clean.tracks, dirty.tracks, clean.track_count * sizeof clean.tracks[0]);
    }
    assert_true(accepted > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_toc_lba),          cmocka_unit_test(test_toc_msf),
        cmocka_unit_test(test_toc_truncated),    cmocka_unit_test(test_toc_malformed),
        cmocka_unit_test(test_toc_leadout_only), cmocka_unit_test(test_session_info),
        cmocka_unit_test(test_fulltoc_herong),   cmocka_unit_test(test_fulltoc_malformed),
        cmocka_unit_test(test_fulltoc_bcd),      cmocka_unit_test(test_pma),
        cmocka_unit_test(test_atip_answer),      cmocka_unit_test(test_cdtext_answer),
        cmocka_unit_test(test_random_inputs),
        cmocka_unit_test(test_toc_messages_name_the_descriptor),
        cmocka_unit_test(test_crosscheck_against_reference),
        cmocka_unit_test(test_interpret_in_dirty_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
