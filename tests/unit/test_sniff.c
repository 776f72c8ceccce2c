/* Content sniffing: every file of the shared test data is recognised as what MANIFEST.md says it
 * is, from its bytes alone (a neutral file name) as well as with its name; saved READ TOC
 * answers, .cdt packs, CloneCD files and ripper logs (also UTF-16) are told apart from cue sheets
 * and cdrdao .toc files; unknown files are refused naming the file and what was seen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_cdrdao_util.h"
#include "testutil.h"
#include "tocex/cdtext.h"
#include "tocex/image.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* What a test-data file is (MANIFEST.md): cue sheets, cdrdao .toc files, Nero images, ISO
 * images, CD-TEXT .cdt packs; libcdio's isofs-m1.bin is an ISO 9660 file system in raw 2352-byte
 * Mode 1 sectors (its .cue says MODE1/2352), the other .bin files are raw audio or AccurateRip
 * responses; everything else (expected outputs, CSVs, docs) is no disc description. */
static tocex_image_format expected_format(const char *path)
{
    if (ends_with(path, ".cue"))
        return TOCEX_IMAGE_CUE;
    if (ends_with(path, ".toc"))
        return TOCEX_IMAGE_CDRDAO_TOC;
    if (ends_with(path, ".nrg"))
        return TOCEX_IMAGE_NRG;
    if (ends_with(path, ".iso") || ends_with(path, "/isofs-m1.bin"))
        return TOCEX_IMAGE_ISO;
    if (ends_with(path, ".cdt"))
        return TOCEX_IMAGE_CDT;
    return TOCEX_IMAGE_UNKNOWN;
}

static void check_dir(const char *dir, size_t *count, size_t *recognised)
{
    char **files;
    size_t n = tcu_list(dir, "", &files);
    for (size_t i = 0; i < n; i++) {
        size_t len, head_len;
        uint8_t *data;
        tocex_image_format want = expected_format(files[i]), got_named, got_blind;
        struct stat st;
        assert_int_equal(stat(files[i], &st), 0);
        if (S_ISDIR(st.st_mode)) {
            size_t c2 = 0, r2 = 0;
            check_dir(files[i], &c2, &r2);
            *count += c2;
            *recognised += r2;
            continue;
        }
        data = tu_read_file(files[i], &len);
        assert_non_null(data);
        head_len = len < 72 * 1024 ? len : 72 * 1024;
        got_named = tocex_image_sniff(files[i], data, head_len);
        got_blind = tocex_image_sniff("/nowhere/file.dat", data, len);
        if (got_named != want || got_blind != want)
            fail_msg("%s: sniffed as %s (by name) / %s (content only), expected %s", files[i],
                     tocex_image_format_name(got_named), tocex_image_format_name(got_blind),
                     tocex_image_format_name(want));
        if (want == TOCEX_IMAGE_UNKNOWN) {
            tocex_disc *d = tcu_disc_new();
            tocex_error err;
            assert_int_equal(tocex_image_open(files[i], d, &err), TOCEX_E_UNSUPPORTED);
            assert_non_null(strstr(err.message, tcu_basename(files[i])));
            tcu_disc_drop(d);
        } else {
            (*recognised)++;
        }
        (*count)++;
        free(data);
    }
    tcu_list_free(files, n);
}

static void test_every_testdata_file(void **state)
{
    size_t count = 0, recognised = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    check_dir(tu_testdata(), &count, &recognised);
    print_message("sniffed %zu test-data files: %zu disc images/descriptions, %zu others refused\n", count,
                  recognised, count - recognised);
    assert_true(count >= 100);
}

/* ---- saved READ TOC answers ---- */

static const uint8_t format0[] = {
    0x00, 0x1A, 0x01, 0x02,                         /* Data Length 26, tracks 1..2 */
    0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, /* track 1 audio at LBA 0 */
    0x00, 0x14, 0x02, 0x00, 0x00, 0x00, 0x3A, 0x98, /* track 2 data at LBA 15000 */
    0x00, 0x14, 0xAA, 0x00, 0x00, 0x00, 0x75, 0x30, /* lead-out at LBA 30000 */
};

static const uint8_t fulltoc[] = {
    0x00, 0x35, 0x01, 0x01, /* 4 descriptors of 11 bytes + 2 = 46... see below */
    0x01, 0x10, 0x00, 0xA0, 0, 0, 0, 0, 0x01, 0x00, 0x00, 0x01, 0x10, 0x00, 0xA1, 0, 0, 0, 0, 0x01, 0x00, 0x00,
    0x01, 0x10, 0x00, 0xA2, 0, 0, 0, 0, 0x06, 0x42, 0x00, 0x01, 0x10, 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x02, 0x00,
    0x01, 0x10, 0x00, 0xB0, 0, 0, 0, 0, 0x00, 0x00, 0x00,
};

static const uint8_t pma[] = {
    0x00, 0x0D, 0x00, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00,
};

static const uint8_t atip[] = {
    0x00, 0x1A, 0x00, 0x00, 0x80, 0x00, 0x80, 0x00, 97,   26,   66,   0x00, 79,   59,
    74,   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void test_raw_answers(void **state)
{
    uint8_t ft[sizeof fulltoc];
    (void)state;
    memcpy(ft, fulltoc, sizeof ft);
    ft[1] = (uint8_t)(sizeof ft - 2); /* Data Length excludes itself */
    /* a .toc holding a binary format-0 answer (redumper), or a format-2 one (readcd -clone) */
    assert_int_equal(tocex_image_sniff("disc.toc", format0, sizeof format0), TOCEX_IMAGE_RAW_TOC);
    assert_int_equal(tocex_image_sniff("disc.toc", ft, sizeof ft), TOCEX_IMAGE_RAW_FULLTOC);
    assert_int_equal(tocex_image_sniff("disc.fulltoc", ft, sizeof ft), TOCEX_IMAGE_RAW_FULLTOC);
    assert_int_equal(tocex_image_sniff("x", pma, sizeof pma), TOCEX_IMAGE_RAW_PMA);
    assert_int_equal(tocex_image_sniff("x", atip, sizeof atip), TOCEX_IMAGE_RAW_ATIP);
    /* a Data Length that does not match the file is not an answer */
    assert_int_equal(tocex_image_sniff("x", format0, sizeof format0 - 1), TOCEX_IMAGE_UNKNOWN);
    /* a format-0 answer whose last descriptor is not the lead-out is not one either */
    {
        uint8_t bad[sizeof format0];
        memcpy(bad, format0, sizeof bad);
        bad[sizeof bad - 6] = 0x03;
        assert_int_equal(tocex_image_sniff("x.toc", bad, sizeof bad), TOCEX_IMAGE_UNKNOWN);
    }
}

static void test_cdtext_files(void **state)
{
    size_t len;
    uint8_t *cdt, *answer;
    (void)state;
    TU_REQUIRE_TESTDATA();
    cdt = tu_read_file(tu_data_path("libcdio/data/cdtext.cdt"), &len);
    assert_non_null(cdt);
    assert_int_equal(len % 18, 1); /* 96 packs + the NUL CDRWIN appends */
    /* the same packs behind a READ TOC format-5 header: a .cdtext answer (or a .cdt with header) */
    answer = malloc(len - 1 + 4);
    assert_non_null(answer);
    answer[0] = (uint8_t)((len - 1 + 2) >> 8);
    answer[1] = (uint8_t)(len - 1 + 2);
    answer[2] = answer[3] = 0;
    memcpy(answer + 4, cdt, len - 1);
    assert_int_equal(tocex_image_sniff("disc.cdtext", answer, len + 3), TOCEX_IMAGE_RAW_CDTEXT);
    assert_int_equal(tocex_image_sniff("x", answer, len + 3), TOCEX_IMAGE_RAW_CDTEXT);
    assert_int_equal(tocex_image_sniff("disc.cdt", answer, len + 3), TOCEX_IMAGE_CDT);
    assert_int_equal(tocex_image_sniff("x", cdt, len - 1), TOCEX_IMAGE_CDT);
    /* a wrong pack type is not CD-TEXT */
    cdt[0] = 0x7F;
    assert_int_not_equal(tocex_image_sniff("x", cdt, len), TOCEX_IMAGE_CDT);
    free(answer);
    free(cdt);
}

/* ---- text formats ---- */

static tocex_image_format sniff_str(const char *name, const char *text)
{
    return tocex_image_sniff(name, (const uint8_t *)text, strlen(text));
}

static uint8_t *utf16le(const char *ascii, bool bom, size_t *len)
{
    size_t n = strlen(ascii), k = 0;
    uint8_t *out = malloc(2 * n + 2);
    assert_non_null(out);
    if (bom) {
        out[k++] = 0xFF;
        out[k++] = 0xFE;
    }
    for (size_t i = 0; i < n; i++) {
        out[k++] = (uint8_t)ascii[i];
        out[k++] = 0;
    }
    *len = k;
    return out;
}

static void test_text_formats(void **state)
{
    static const char *const logs[] = {
        "Exact Audio Copy V1.0 beta 3 from 29. August 2011\r\n\r\nEAC extraction logfile from 1. May 2020\r\n",
        "X Lossless Decoder version 20191004 (152.2)\n\nXLD extraction logfile from 2020-05-01\n",
        "Log created by: whipper 0.9.0 (internal logger)\nLog creation date: 2020-05-01T10:00:00Z\n",
        "dBpoweramp Release 16.6 Digital Audio Extraction Log from 01 May 2020\n",
        "fre:ac version 1.1.2\nRipping log\n",
        "cyanrip 0.9.0 (Linux)\nDevice: /dev/sr0\n",
    };
    size_t len;
    uint8_t *u16;
    (void)state;
    for (size_t i = 0; i < sizeof logs / sizeof logs[0]; i++) {
        assert_int_equal(sniff_str("rip.log", logs[i]), TOCEX_IMAGE_RIPLOG);
        assert_int_equal(sniff_str("rip.txt", logs[i]), TOCEX_IMAGE_RIPLOG);
    }
    /* EAC writes UTF-16LE with a BOM; some editors drop the BOM */
    u16 = utf16le(logs[0], true, &len);
    assert_int_equal(tocex_image_sniff("rip.log", u16, len), TOCEX_IMAGE_RIPLOG);
    free(u16);
    u16 = utf16le(logs[0], false, &len);
    assert_int_equal(tocex_image_sniff("rip.log", u16, len), TOCEX_IMAGE_RIPLOG);
    free(u16);
    u16 = utf16le("REM GENRE Rock\r\nFILE \"a.wav\" WAVE\r\n  TRACK 01 AUDIO\r\n", true, &len);
    assert_int_equal(tocex_image_sniff("x", u16, len), TOCEX_IMAGE_CUE);
    free(u16);

    /* a cue sheet whose REM COMMENT names EAC is still a cue sheet */
    assert_int_equal(sniff_str("x", "REM COMMENT \"ExactAudioCopy v1.0b3\"\nREM X \"Exact Audio Copy\"\n"
                                    "FILE \"a.wav\" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n"),
                     TOCEX_IMAGE_CUE);
    assert_int_equal(sniff_str("x", "CATALOG 0724385356926\nFILE \"a.bin\" BINARY\n"), TOCEX_IMAGE_CUE);
    assert_int_equal(sniff_str("x", "FILE \"a.bin\" BINARY\r\n  TRACK 01 MODE1/2352\r\n"), TOCEX_IMAGE_CUE);
    assert_int_equal(sniff_str("x", "TITLE \"x\"\nPERFORMER \"y\"\n"), TOCEX_IMAGE_CUE);
    /* cdrdao: TRACK with a mode word, FILE with a start, // comments, the header keywords */
    assert_int_equal(sniff_str("x", "// comment\n\nTRACK AUDIO\nSILENCE 1:0:0\n"), TOCEX_IMAGE_CDRDAO_TOC);
    assert_int_equal(sniff_str("x", "CATALOG \"0724385356926\"\nTRACK MODE1\n"), TOCEX_IMAGE_CDRDAO_TOC);
    assert_int_equal(sniff_str("x", "FILE \"a.wav\" 0 1:0:0\n"), TOCEX_IMAGE_CDRDAO_TOC);
    assert_int_equal(sniff_str("x.cue", "CD_ROM_XA\n"), TOCEX_IMAGE_CDRDAO_TOC);
    /* CloneCD, with CRLF and a BOM */
    assert_int_equal(sniff_str("x.txt", "\xEF\xBB\xBF[CloneCD]\r\nVersion=3\r\n"), TOCEX_IMAGE_CCD);
    assert_int_equal(sniff_str("x", "[clonecd]\nVersion=3\n"), TOCEX_IMAGE_CCD);
    /* Alcohol */
    assert_int_equal(sniff_str("x", "MEDIA DESCRIPTOR\x01\x05"), TOCEX_IMAGE_MDS);
    /* prose is nothing */
    assert_int_equal(sniff_str("notes.toc", "This is a list of things to do.\n"), TOCEX_IMAGE_UNKNOWN);
    assert_int_equal(sniff_str("x", ""), TOCEX_IMAGE_UNKNOWN);
}

static void test_ccd_fixtures(void **state)
{
    static const char *const names[] = {"tests/data/ccd/multisession.ccd", "tests/data/ccd/mixedmode.ccd"};
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        uint8_t *data = tu_read_file(tu_src_path(names[i]), &len);
        tocex_disc *d = tcu_disc_new();
        tocex_error err;
        assert_non_null(data);
        assert_int_equal(tocex_image_sniff("x", data, len), TOCEX_IMAGE_CCD);
        assert_int_equal(tocex_image_open(tu_src_path(names[i]), d, &err), TOCEX_OK);
        assert_true(d->fulltoc_count > 0);
        tcu_disc_drop(d);
        free(data);
    }
}

static void test_open_unknown(void **state)
{
    char path[] = "/tmp/tocex-sniff-XXXXXX";
    int fd = mkstemp(path);
    tocex_disc *d = tcu_disc_new();
    tocex_error err;
    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\x01\x02\x03\x04garbage", 11), 11);
    close(fd);
    assert_int_equal(tocex_image_open(path, d, &err), TOCEX_E_UNSUPPORTED);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "01 02 03 04")); /* what was seen */
    unlink(path);
    tcu_disc_drop(d);
}

/* Any bytes: the sniffer answers without reading outside the head (sanitizer build). */
static void test_random_heads(void **state)
{
    uint64_t rng = 0x5a1ffu;
    (void)state;
    for (int i = 0; i < 3000; i++) {
        size_t len = (size_t)tu_rand_range(&rng, 0, 600);
        uint8_t *buf = malloc(len + 1);
        tocex_image_format f;
        assert_non_null(buf);
        for (size_t k = 0; k < len; k++)
            buf[k] = (uint8_t)tu_rand_range(&rng, 0, (i & 1) ? 255 : 127);
        /* sometimes a plausible Data Length in front */
        if (len >= 2 && (i % 3) == 0) {
            buf[0] = (uint8_t)((len - 2) >> 8);
            buf[1] = (uint8_t)(len - 2);
        }
        f = tocex_image_sniff((i & 2) ? "x.toc" : "x", buf, len);
        assert_true((unsigned)f < TOCEX_IMAGE_FORMAT_COUNT);
        free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raw_answers),  cmocka_unit_test(test_cdtext_files),
        cmocka_unit_test(test_text_formats), cmocka_unit_test(test_ccd_fixtures),
        cmocka_unit_test(test_open_unknown), cmocka_unit_test(test_every_testdata_file),
        cmocka_unit_test(test_random_heads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
