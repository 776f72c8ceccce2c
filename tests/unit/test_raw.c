/* Raw READ TOC answers (.toc .fulltoc .pma .atip .cdtext) and .cdt files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "tocex/addr.h"
#include "tocex/bytes.h"
#include "tocex/image.h"

/* HERONG's real two-session data CD-R full TOC (readcd -fulltoc), mmc-read-toc.md §2.3. */
static const char *const herong_entries =
    "01 14 00 A0 00 00 00 00 01 20 00"
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

/* Values stated in the reference notes next to that dump. */
#define HERONG_LEADOUT1 118715
#define HERONG_LEADOUT2 135210


static void write_file(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (len > 0)
        assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* An answer: 4-byte header (Data Length = 2 + body) + body. */
static size_t answer(uint8_t *out, uint8_t b2, uint8_t b3, const uint8_t *body, size_t n)
{
    out[0] = (uint8_t)((n + 2) >> 8);
    out[1] = (uint8_t)(n + 2);
    out[2] = b2;
    out[3] = b3;
    memcpy(out + 4, body, n);
    return n + 4;
}

static size_t herong_fulltoc(uint8_t *out)
{
    uint8_t body[200];
    long n = tu_hex(herong_entries, body, sizeof body);
    assert_int_equal(n, 11 * 11);
    return answer(out, 1, 2, body, (size_t)n);
}

/* Format-0 answer for the same disc: track 1 at 0, track 2 at 28:56:65, lead-out of session 2. */
static size_t herong_fmt0(uint8_t *out)
{
    uint8_t body[24] = {0};
    int32_t t2 = (28 * 60 + 56) * 75 + 65 - 150;
    body[1] = 0x14;
    body[2] = 1;
    body[9] = 0x14;
    body[10] = 2;
    tocex_put_be32(&body[12], (uint32_t)t2);
    body[17] = 0x14;
    body[18] = 0xAA;
    tocex_put_be32(&body[20], HERONG_LEADOUT2);
    return answer(out, 1, 2, body, sizeof body);
}

static void check_herong(const tocex_disc *d)
{
    int32_t t2 = (28 * 60 + 56) * 75 + 65 - 150;
    assert_int_equal(d->session_count, 2);
    assert_int_equal(d->track_count, 2);
    assert_int_equal(d->tracks[0].start, 0);
    assert_int_equal(d->tracks[0].session, 1);
    assert_int_equal(d->tracks[0].control, 4);
    assert_int_equal(d->tracks[1].start, t2);
    assert_int_equal(d->tracks[1].session, 2);
    assert_int_equal(d->sessions[0].leadout, HERONG_LEADOUT1);
    assert_int_equal(d->sessions[1].leadout, HERONG_LEADOUT2);
    assert_int_equal(d->sessions[0].disc_type, 0x20);
    /* track 2 = lead-out 1 + 11400, B0 = lead-out + 11250 / + 6750 (the dump's own arithmetic) */
    assert_int_equal(t2, HERONG_LEADOUT1 + 11400);
    assert_true(d->sessions[0].has_b0);
    assert_int_equal(d->sessions[0].b0_next_program, HERONG_LEADOUT1 + 11250);
    assert_int_equal(d->sessions[0].b0_pointers, 2);
    assert_int_equal(d->sessions[0].b0_max_leadout, (74 * 60 + 43) * 75 - 150);
    assert_true(d->sessions[1].has_b0);
    assert_int_equal(d->sessions[1].b0_next_program, HERONG_LEADOUT2 + 6750);
    assert_true(d->appendable);
    assert_true(d->sessions[0].has_c0);
    assert_int_equal(d->sessions[0].c0_atip[0], 0x80);
    assert_int_equal(d->sessions[0].c0_first_leadin, (97 * 60 + 34) * 75 + 21 - 450150);
    assert_false(d->sessions[1].has_c0);
    assert_int_equal(d->fulltoc_count, 11);
    assert_true(d->known & TOCEX_KNOWN_FULLTOC);
    assert_true(d->known & TOCEX_KNOWN_SESSIONS);
}

static void test_herong_fulltoc_alone(void **state)
{
    uint8_t buf[256];
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    write_file(tu_tmp_path("alone.fulltoc"), buf, herong_fulltoc(buf));
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("alone.fulltoc"), TOCEX_IMAGE_RAW_FULLTOC, d, &err), TOCEX_OK);
    check_herong(d);
    assert_false(d->known & TOCEX_KNOWN_CDTEXT);
    assert_false(d->known & TOCEX_KNOWN_ATIP);
    tocex_disc_free(d);
    free(d);
}

static void test_herong_dump_set(void **state)
{
    uint8_t buf[4096], body[64];
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    write_file(tu_tmp_path("disc.fulltoc"), buf, herong_fulltoc(buf));
    write_file(tu_tmp_path("disc.toc"), buf, herong_fmt0(buf));
    /* ATIP: byte 6 = 0x80|... (bit 6 clear = CD-R), lead-in 97:34:21, last lead-out 74:43:00 */
    memset(body, 0, sizeof body);
    body[0] = 0x80;
    body[2] = 0x80;
    body[4] = 97;
    body[5] = 34;
    body[6] = 21;
    body[8] = 74;
    body[9] = 43;
    write_file(tu_tmp_path("disc.atip"), buf, answer(buf, 0, 0, body, 24));
    /* PMA: one ADR-1 entry */
    memset(body, 0, sizeof body);
    body[1] = 0x14;
    body[3] = 0x01;
    body[8] = 0;
    body[9] = 2;
    write_file(tu_tmp_path("disc.pma"), buf, answer(buf, 0, 0, body, 11));
    /* CD-TEXT: two packs */
    memset(body, 0, sizeof body);
    body[0] = 0x80;
    memcpy(&body[4], "Title", 5);
    body[18] = 0x8F;
    write_file(tu_tmp_path("disc.cdtext"), buf, answer(buf, 0, 0, body, 36));

    assert_int_equal(tocex_image_read_raw(tu_tmp_path("disc.toc"), TOCEX_IMAGE_RAW_TOC, d, &err), TOCEX_OK);
    check_herong(d);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_R);
    assert_int_equal(d->atip_len, 24);
    assert_int_equal(d->atip[4], 97);
    assert_int_equal(d->pma_count, 1);
    assert_int_equal(d->cdtext_packs, 2);
    assert_true(d->known & TOCEX_KNOWN_ATIP);
    assert_true(d->known & TOCEX_KNOWN_PMA);
    assert_true(d->known & TOCEX_KNOWN_CDTEXT);
    tocex_disc_free(d);
    /* opening any member of the set gives the same disc */
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("disc.atip"), TOCEX_IMAGE_RAW_ATIP, d, &err), TOCEX_OK);
    check_herong(d);
    assert_int_equal(d->cdtext_packs, 2);
    tocex_disc_free(d);
    free(d);
}

static uint8_t bcd(unsigned v) { return (uint8_t)((v / 10) << 4 | (v % 10)); }

/* The same full TOC in BCD (NEC CDR-260 style): decided by cdrdao's heuristic against format 0. */
static void test_bcd_fulltoc(void **state)
{
    uint8_t ft[256], f0[64];
    size_t n = herong_fulltoc(ft), f0n = herong_fmt0(f0);
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    for (size_t i = 4; i + 11 <= n; i += 11) {
        uint8_t *e = &ft[i];
        if ((e[1] >> 4) != 1)
            continue;
        if (e[3] < 0xA0 || e[3] == 0xA2) {
            if (e[3] < 0xA0)
                e[3] = bcd(e[3]);
            e[8] = bcd(e[8]);
            e[9] = bcd(e[9]);
            e[10] = bcd(e[10]);
        }
    }
    write_file(tu_tmp_path("bcd.fulltoc"), ft, n);
    write_file(tu_tmp_path("bcd.toc"), f0, f0n);
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("bcd.fulltoc"), TOCEX_IMAGE_RAW_FULLTOC, d, &err), TOCEX_OK);
    check_herong(d);
    tocex_disc_free(d);
    free(d);
}

static void test_fmt0_only(void **state)
{
    uint8_t buf[64];
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    write_file(tu_tmp_path("single.toc"), buf, herong_fmt0(buf));
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("single.toc"), TOCEX_IMAGE_RAW_TOC, d, &err), TOCEX_OK);
    assert_int_equal(d->session_count, 1);
    assert_int_equal(d->track_count, 2);
    assert_int_equal(d->sessions[0].leadout, HERONG_LEADOUT2);
    assert_false(d->known & TOCEX_KNOWN_SESSIONS);
    assert_true(d->known & TOCEX_KNOWN_LEADOUT);
    tocex_disc_free(d);
    free(d);
}

/* A TIME=1 (MSF) format-0 answer reads the same as the LBA one; a disagreeing full TOC is noted. */
static void test_fmt0_msf_and_mismatch(void **state)
{
    uint8_t buf[256], body[24];
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    bool noted = false;
    (void)state;
    memset(body, 0, sizeof body);
    body[1] = 0x14;
    body[2] = 1;
    body[6] = 2; /* 00:02:00 */
    body[9] = 0x14;
    body[10] = 2;
    body[13] = 28;
    body[14] = 56;
    body[15] = 65;
    body[17] = 0x14;
    body[18] = 0xAA;
    body[21] = 30;
    body[22] = 4;
    body[23] = 60;
    write_file(tu_tmp_path("msf.toc"), buf, answer(buf, 1, 2, body, sizeof body));
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("msf.toc"), TOCEX_IMAGE_RAW_TOC, d, &err), TOCEX_OK);
    assert_int_equal(d->tracks[0].start, 0);
    assert_int_equal(d->tracks[1].start, HERONG_LEADOUT1 + 11400);
    assert_int_equal(d->sessions[0].leadout, HERONG_LEADOUT2);
    tocex_disc_free(d);
    /* full TOC + a format-0 TOC whose track 2 is one frame later */
    write_file(tu_tmp_path("mm.fulltoc"), buf, herong_fulltoc(buf));
    body[15] = 66;
    write_file(tu_tmp_path("mm.toc"), buf, answer(buf, 1, 2, body, sizeof body));
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("mm.fulltoc"), TOCEX_IMAGE_RAW_FULLTOC, d, &err), TOCEX_OK);
    check_herong(d);
    for (size_t i = 0; i < d->note_count; i++)
        if (strstr(d->notes[i], "format-0") != NULL)
            noted = true;
    assert_true(noted);
    tocex_disc_free(d);
    free(d);
}

/* The checked-in dump (tests/data/raw) holds the same bytes and reads to the same disc. */
static void test_fixture_files(void **state)
{
    uint8_t ref[256];
    size_t n = herong_fulltoc(ref), len = 0;
    uint8_t *file = tu_read_file(tu_src_path("tests/data/raw/herong.fulltoc"), &len);
    tocex_disc *d;
    tocex_error err;
    (void)state;
    if (file == NULL)
        skip();
    assert_int_equal(len, n);
    assert_memory_equal(file, ref, n);
    free(file);
    n = herong_fmt0(ref);
    file = tu_read_file(tu_src_path("tests/data/raw/herong.toc"), &len);
    assert_non_null(file);
    assert_int_equal(len, n);
    assert_memory_equal(file, ref, n);
    free(file);
    d = calloc(1, sizeof *d);
    assert_non_null(d);
    assert_int_equal(tocex_image_read_raw(tu_src_path("tests/data/raw/herong.toc"), TOCEX_IMAGE_RAW_TOC, d, &err),
                     TOCEX_OK);
    check_herong(d);
    tocex_disc_free(d);
    free(d);
}

static void test_errors(void **state)
{
    uint8_t buf[256];
    size_t n = herong_fulltoc(buf);
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    /* shorter than Data Length + 2: error naming where the file ends */
    write_file(tu_tmp_path("short.fulltoc"), buf, n - 5);
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("short.fulltoc"), TOCEX_IMAGE_RAW_FULLTOC, d, &err),
                     TOCEX_E_TRUNCATED);
    assert_int_equal(err.offset, (long long)(n - 5));
    assert_non_null(strstr(err.message, "byte"));
    /* longer: opens, with a note */
    memset(buf + n, 0xEE, 7);
    write_file(tu_tmp_path("long.fulltoc"), buf, n + 7);
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("long.fulltoc"), TOCEX_IMAGE_RAW_FULLTOC, d, &err), TOCEX_OK);
    assert_true(d->note_count > 0);
    tocex_disc_free(d);
    /* absurd Data Length */
    buf[0] = 0xFF;
    buf[1] = 0xFF;
    write_file(tu_tmp_path("absurd.fulltoc"), buf, n);
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("absurd.fulltoc"), TOCEX_IMAGE_RAW_FULLTOC, d, &err),
                     TOCEX_E_TRUNCATED);
    assert_true(err.offset >= 0);
    /* not a multiple of 11 */
    n = herong_fulltoc(buf);
    buf[1] = (uint8_t)(buf[1] - 1);
    write_file(tu_tmp_path("odd.fulltoc"), buf, n - 1);
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("odd.fulltoc"), TOCEX_IMAGE_RAW_FULLTOC, d, &err), TOCEX_E_PARSE);
    assert_int_equal(err.offset, 0);
    /* header only */
    write_file(tu_tmp_path("tiny.toc"), buf, 3);
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("tiny.toc"), TOCEX_IMAGE_RAW_TOC, d, &err), TOCEX_E_TRUNCATED);
    /* session byte 0 */
    n = herong_fulltoc(buf);
    buf[4] = 0;
    write_file(tu_tmp_path("sess0.fulltoc"), buf, n);
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("sess0.fulltoc"), TOCEX_IMAGE_RAW_FULLTOC, d, &err), TOCEX_E_PARSE);
    assert_int_equal(err.offset, 4);
    /* ATIP of a wrong size */
    memset(buf, 0, sizeof buf);
    write_file(tu_tmp_path("bad.atip"), buf, answer(buf, 0, 0, buf + 100, 20));
    assert_int_equal(tocex_image_read_raw(tu_tmp_path("bad.atip"), TOCEX_IMAGE_RAW_ATIP, d, &err), TOCEX_E_PARSE);
    /* random bytes never crash */
    {
        uint64_t rng = 42;
        for (int round = 0; round < 200; round++) {
            size_t len = (size_t)tu_rand_range(&rng, 0, 200);
            for (size_t i = 0; i < len; i++)
                buf[i] = (uint8_t)tu_rand(&rng);
            if (len >= 2 && round % 2 == 0) {
                buf[0] = (uint8_t)((len - 2) >> 8);
                buf[1] = (uint8_t)(len - 2);
            }
            write_file(tu_tmp_path("rand.fulltoc"), buf, len);
            if (tocex_image_read_raw(tu_tmp_path("rand.fulltoc"), TOCEX_IMAGE_RAW_FULLTOC, d, &err) == TOCEX_OK)
                tocex_disc_free(d);
        }
    }
    free(d);
}

/* libcdio's .cdt files: pack counts from the test-data manifest (96 + trailing NUL, 91, 47). */
static void test_libcdio_cdt(void **state)
{
    static const struct {
        const char *file;
        size_t packs;
    } cases[] = {{"libcdio/data/cdtext.cdt", 96}, {"libcdio/data/cdtext-libburnia.cdt", 91},
                 {"libcdio/data/cdtext-krosis.cdt", 47}};
    tocex_disc *d;
    tocex_error err;
    (void)state;
    TU_REQUIRE_TESTDATA();
    d = calloc(1, sizeof *d);
    assert_non_null(d);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = tu_data_path(cases[i].file);
        size_t len;
        uint8_t *data = tu_read_file(p, &len), *hdr;
        assert_non_null(data);
        assert_int_equal(tocex_image_read_raw(p, TOCEX_IMAGE_CDT, d, &err), TOCEX_OK);
        assert_int_equal(d->cdtext_packs, cases[i].packs);
        assert_memory_equal(d->cdtext, data, cases[i].packs * 18);
        assert_true(d->known & TOCEX_KNOWN_CDTEXT);
        assert_int_equal(d->track_count, 0);
        tocex_disc_free(d);
        /* the same packs behind a 4-byte READ TOC header */
        hdr = malloc(cases[i].packs * 18 + 4);
        assert_non_null(hdr);
        answer(hdr, 0, 0, data, cases[i].packs * 18);
        write_file(tu_tmp_path("hdr.cdt"), hdr, cases[i].packs * 18 + 4);
        assert_int_equal(tocex_image_read_raw(tu_tmp_path("hdr.cdt"), TOCEX_IMAGE_CDT, d, &err), TOCEX_OK);
        assert_int_equal(d->cdtext_packs, cases[i].packs);
        assert_memory_equal(d->cdtext, data, cases[i].packs * 18);
        tocex_disc_free(d);
        /* cut in the middle of a pack: error with the offset of the partial pack */
        write_file(tu_tmp_path("cut.cdt"), data, 18 * 3 + 5);
        assert_int_equal(tocex_image_read_raw(tu_tmp_path("cut.cdt"), TOCEX_IMAGE_CDT, d, &err), TOCEX_E_PARSE);
        assert_int_equal(err.offset, 18 * 3);
        free(hdr);
        free(data);
    }
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_herong_fulltoc_alone), cmocka_unit_test(test_herong_dump_set),
        cmocka_unit_test(test_bcd_fulltoc),          cmocka_unit_test(test_fmt0_only),
        cmocka_unit_test(test_fmt0_msf_and_mismatch), cmocka_unit_test(test_fixture_files),
        cmocka_unit_test(test_errors),               cmocka_unit_test(test_libcdio_cdt),
    };
    return cmocka_run_group_tests(tests, tu_tmpdir_setup, tu_tmpdir_teardown);
}
