/* Hostile inputs found by fuzzing and by the bad-input suite, each with the rule it broke:
 * an image the readers accept must read back the same through the emulated drive (so recorded
 * full-TOC entries must be ones the initiator accepts); no signed overflow on absurd addresses;
 * every refusal names the file and a line or byte offset. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "tocex/tocex.h"

static tocex_disc disc_a, disc_b;

static char *tmp_write(const char *name, const uint8_t *data, size_t len)
{
    static char path[256];
    FILE *f;
    snprintf(path, sizeof path, "/tmp/tocex-test-hostile-%ld-%s", (long)getpid(), name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* The disc read back through an emulated drive holding `d` has its sessions and tracks. */
static void assert_reads_back(const tocex_disc *d)
{
    tocex_device *dev = tocex_emu_open(d, NULL, NULL);
    assert_non_null(dev);
    tocex_disc_init(&disc_b);
    assert_int_equal(tocex_read_disc(dev, NULL, &disc_b, NULL, NULL), TOCEX_OK);
    assert_int_equal(disc_b.session_count, d->session_count);
    assert_int_equal(disc_b.track_count, d->track_count);
    for (size_t i = 0; i < d->track_count; i++)
        assert_int_equal(disc_b.tracks[i].session, d->tracks[i].session);
    tocex_disc_free(&disc_b);
    tocex_device_close(dev);
}

static long line_of(const uint8_t *text, size_t at)
{
    long line = 1;
    for (size_t i = 0; i < at; i++)
        line += text[i] == '\n';
    return line;
}

/* CloneCD entry with ADR 0 (no Q mode): the drive would answer a full TOC the initiator refuses,
 * and the disc read back had one session instead of two. */
static void test_ccd_entry_adr0(void **state)
{
    size_t len;
    uint8_t *ccd = tu_read_file(tu_src_path("tests/data/ccd/multisession.ccd"), &len);
    char *entry, *adr;
    tocex_error err;
    (void)state;
    assert_non_null(ccd);
    tocex_disc_init(&disc_a);
    assert_int_equal(tocex_image_parse_ccd("multisession.ccd", ccd, len, &disc_a, &err), TOCEX_OK);
    assert_int_equal(disc_a.session_count, 2);
    assert_reads_back(&disc_a);
    tocex_disc_free(&disc_a);
    /* the first entry of session 2 loses its Q mode */
    entry = strstr((char *)ccd, "Session=2");
    assert_non_null(entry);
    adr = strstr(entry, "ADR=0x01");
    assert_non_null(adr);
    adr[7] = '0';
    tocex_disc_init(&disc_a);
    assert_int_equal(tocex_image_parse_ccd("multisession.ccd", ccd, len, &disc_a, &err), TOCEX_E_PARSE);
    assert_non_null(strstr(err.message, "multisession.ccd:"));
    assert_non_null(strstr(err.message, "ADR 0"));
    assert_true(err.line > 0 && err.line <= line_of(ccd, (size_t)(adr - (char *)ccd)));
    tocex_disc_free(&disc_a);
    free(ccd);
}

/* A saved full TOC whose B0 maximum lead-out is not an MSF time (frame 128). */
static void test_raw_fulltoc_b0_not_msf(void **state)
{
    size_t len, at = 0;
    const char *src = tu_src_path("tests/data/raw/herong.fulltoc");
    uint8_t *full = tu_read_file(src, &len);
    char *path;
    tocex_error err;
    (void)state;
    assert_non_null(full);
    tocex_disc_init(&disc_a);
    assert_int_equal(tocex_image_read_raw(src, TOCEX_IMAGE_RAW_FULLTOC, &disc_a, &err), TOCEX_OK);
    assert_int_equal(disc_a.session_count, 2);
    assert_reads_back(&disc_a);
    tocex_disc_free(&disc_a);
    for (size_t i = 4; i + 11 <= len; i += 11)
        if (full[i] == 2 && full[i + 3] == 0xB0)
            at = i;
    assert_true(at > 0);
    full[at + 10] = 128; /* PFRAME */
    path = tmp_write("b0.fulltoc", full, len);
    tocex_disc_init(&disc_a);
    assert_int_equal(tocex_image_read_raw(path, TOCEX_IMAGE_RAW_FULLTOC, &disc_a, &err), TOCEX_E_PARSE);
    assert_int_equal(err.offset, (long long)at);
    assert_non_null(strstr(err.message, "not an MSF time"));
    tocex_disc_free(&disc_a);
    remove(path);
    free(full);
}

/* Fuzz findings kept in fuzz/corpus/fuzz_image_raw/ (first byte: the dump kind, 01h = full
 * TOC): recorded entries that would read back as another disc through a drive. */
static void test_raw_fulltoc_findings(void **state)
{
    static const struct {
        const char *file, *says;
    } cases[] = {
        {"finding-session-without-track", "has no track entry"},
        {"finding-leadout-in-leadin", "lead-out"},
        {"finding-track-start-in-leadin", "track start"},
        {"finding-b0-not-msf", "not an MSF time"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char rel[128];
        size_t len;
        uint8_t *in;
        char *path;
        tocex_error err;
        snprintf(rel, sizeof rel, "fuzz/corpus/fuzz_image_raw/%s", cases[i].file);
        in = tu_read_file(tu_src_path(rel), &len);
        assert_non_null(in);
        assert_true(len > 1 && in[0] == 1);
        path = tmp_write("finding.fulltoc", in + 1, len - 1);
        tocex_disc_init(&disc_a);
        assert_int_equal(tocex_image_read_raw(path, TOCEX_IMAGE_RAW_FULLTOC, &disc_a, &err), TOCEX_E_PARSE);
        assert_true(err.offset >= 4);
        if (strstr(err.message, cases[i].says) == NULL)
            fail_msg("%s: \"%s\" does not say \"%s\"", cases[i].file, err.message, cases[i].says);
        tocex_disc_free(&disc_a);
        remove(path);
        free(in);
    }
}

/* MMC: a formatted TOC header names tracks 1..99; FEh is no track number. */
static void test_raw_toc_header_range(void **state)
{
    size_t len;
    uint8_t *toc = tu_read_file(tu_src_path("tests/data/raw/herong.toc"), &len);
    char *path;
    tocex_error err;
    (void)state;
    assert_non_null(toc);
    toc[3] = 0xFE;
    path = tmp_write("range.toc", toc, len);
    tocex_disc_init(&disc_a);
    assert_int_equal(tocex_image_read_raw(path, TOCEX_IMAGE_RAW_TOC, &disc_a, &err), TOCEX_E_PARSE);
    assert_int_equal(err.offset, 2);
    tocex_disc_free(&disc_a);
    remove(path);
    free(toc);
}

/* A TOC row of a ripper log whose track column is damaged: refused at its line, where the
 * table used to end silently (one track instead of eleven). */
static void test_riplog_damaged_track_column(void **state)
{
    size_t len;
    uint8_t *log = tu_read_file(tu_src_path("tests/data/riplog/xld-cure.log"), &len);
    char *row;
    tocex_error err;
    (void)state;
    assert_non_null(log);
    row = strstr((char *)log, "        2  | 06:17:49");
    assert_non_null(row);
    row[8] = (char)0xFF;
    tocex_disc_init(&disc_a);
    assert_int_equal(tocex_image_parse_riplog("cure.log", log, len, &disc_a, &err), TOCEX_E_PARSE);
    assert_int_equal(err.line, line_of(log, (size_t)(row - (char *)log)));
    assert_non_null(strstr(err.message, "track column"));
    tocex_disc_free(&disc_a);
    free(log);
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

/* NER5 image with a CUEX chunk: INDEX 00 near INT32_MIN, INDEX 01 near INT32_MAX (the pregap
 * INDEX 01 - INDEX 00 overflowed int32). */
static void test_nrg_cuex_extreme_addresses(void **state)
{
    uint8_t img[64 + 8 + 40 + 8 + 12];
    size_t at = 64;
    static const int32_t addr[5] = {-150, INT32_MIN + 5, 0x7FFFFF00, 0x7FFFFF00, 0x7FFFFF10};
    static const uint8_t tno[5] = {0x00, 0x01, 0x01, 0xAA, 0xAA};
    static const uint8_t idx[5] = {0x00, 0x00, 0x01, 0x01, 0x01};
    tocex_error err;
    (void)state;
    memset(img, 0, sizeof img);
    memcpy(img + at, "CUEX", 4);
    put_be32(img + at + 4, 32);
    for (size_t i = 0; i < 4; i++) {
        uint8_t *e = img + at + 8 + 8 * i;
        e[0] = 0x01, e[1] = tno[i], e[2] = idx[i];
        put_be32(e + 4, (uint32_t)addr[i]);
    }
    at += 8 + 32;
    memcpy(img + at, "END!", 4);
    at += 8;
    memcpy(img + at, "NER5", 4);
    img[at + 11] = 64;
    tocex_disc_init(&disc_a);
    assert_int_equal(tocex_image_parse_nrg("x.nrg", img, at + 12, &disc_a, &err), TOCEX_E_PARSE);
    assert_true(err.offset > 64 && err.offset < (long long)at);
    assert_non_null(strstr(err.message, "outside any disc"));
    tocex_disc_free(&disc_a);
}

/* A file whose content no format claims, named like a cue sheet: the cue reader says where. */
static void test_open_nul_in_cue(void **state)
{
    static const char cue[] = "FILE \"a.bin\" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n  TRACK 02\0AUDIO\n";
    char *path = tmp_write("nul.cue", (const uint8_t *)cue, sizeof cue - 1);
    tocex_error err;
    (void)state;
    tocex_disc_init(&disc_a);
    assert_int_not_equal(tocex_image_open(path, &disc_a, &err), TOCEX_OK);
    assert_non_null(strstr(err.message, path));
    assert_int_equal(err.line, 4); /* the line with the NUL byte */
    tocex_disc_free(&disc_a);
    remove(path);
}

/* Fuzz finding (fuzz_read_device): a drive answering 0 bytes made the reader append 0 bytes to an
 * empty writer, i.e. NULL + 0 (undefined behaviour, reported by UBSan). */
static void test_buf_put_nothing(void **state)
{
    tocex_buf b;
    uint8_t byte = 7;
    (void)state;
    tocex_buf_init(&b);
    assert_true(tocex_buf_put_bytes(&b, &byte, 0));
    assert_true(tocex_buf_put_zeros(&b, 0));
    assert_int_equal(b.len, 0);
    assert_true(tocex_buf_put_bytes(&b, &byte, 1));
    assert_int_equal(b.len, 1);
    assert_int_equal(b.data[0], 7);
    tocex_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ccd_entry_adr0),
        cmocka_unit_test(test_raw_fulltoc_b0_not_msf),
        cmocka_unit_test(test_raw_fulltoc_findings),
        cmocka_unit_test(test_raw_toc_header_range),
        cmocka_unit_test(test_riplog_damaged_track_column),
        cmocka_unit_test(test_nrg_cuex_extreme_addresses),
        cmocka_unit_test(test_open_nul_in_cue),
        cmocka_unit_test(test_buf_put_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
