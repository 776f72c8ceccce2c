/* Plain ISO images: libcdio's ISOs, generated 2048/2352/2336-byte and UDF images, a sparse
 * DVD-sized image, files that are not ISO images. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "tocex/addr.h"
#include "tocex/image.h"


static long long rchar(void)
{
    FILE *f = fopen("/proc/self/io", "r");
    char line[128];
    long long v = -1;
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "rchar: %lld", &v) == 1)
            break;
    fclose(f);
    return v;
}

/* ECMA-119 volume descriptor: type, "CD001", version 1; PVD volume space size at 80 (both-endian). */
static void put_vd(uint8_t *sector, uint8_t type, const char *id, uint32_t space)
{
    memset(sector, 0, 2048);
    sector[0] = type;
    memcpy(sector + 1, id, 5);
    sector[6] = 1;
    if (type == 1 && strcmp(id, "CD001") == 0) {
        memcpy(sector + 40, "TEST", 4);
        memset(sector + 44, ' ', 28);
        for (int i = 0; i < 4; i++) {
            sector[80 + i] = (uint8_t)(space >> (8 * i));
            sector[87 - i] = (uint8_t)(space >> (8 * i));
        }
    }
}

/* Write an image of `sectors` sectors of `ssize` bytes (sparse), with descriptors from sector 16. */
static void write_image(const char *path, uint16_t ssize, uint64_t sectors, const char *const *ids, size_t nids,
                        uint64_t extra_bytes)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    uint8_t sector[2352];
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)(sectors * ssize + extra_bytes)), 0);
    for (size_t i = 0; i < nids; i++) {
        uint8_t vd[2048];
        size_t off = 0;
        put_vd(vd, strcmp(ids[i], "CD001") == 0 ? (i == 0 ? 1 : 255) : 0, ids[i], (uint32_t)sectors);
        memset(sector, 0, sizeof sector);
        if (ssize == 2352) {
            /* sync pattern, header, mode 1 */
            memset(sector + 1, 0xFF, 10);
            sector[15] = 1;
            off = 16;
        } else if (ssize == 2336)
            off = 8;
        memcpy(sector + off, vd, 2048);
        assert_int_equal(pwrite(fd, sector, ssize, (off_t)((16 + i) * ssize)), (ssize_t)ssize);
    }
    close(fd);
}

static void test_libcdio_isos(void **state)
{
    /* every file libcdio's isofuzzy finds an ISO 9660 file system in (toc_expected.csv) opens
     * as one data track whose lead-out is the number of whole 2048-byte sectors */
    static const char *const files[] = {"copying.iso", "malformed.iso", "malformed2.iso", "bad-dir.iso"};
    tocex_disc *d;
    (void)state;
    TU_REQUIRE_TESTDATA();
    d = calloc(1, sizeof *d);
    assert_non_null(d);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char rel[64];
        const char *p;
        struct stat sb;
        tocex_error err;
        snprintf(rel, sizeof rel, "libcdio/data/%s", files[i]);
        p = tu_data_path(rel);
        assert_int_equal(stat(p, &sb), 0);
        assert_int_equal(tocex_image_read_iso(p, d, &err), TOCEX_OK);
        assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
        assert_int_equal(d->track_count, 1);
        assert_int_equal(d->session_count, 1);
        assert_int_equal(d->tracks[0].start, 0);
        assert_int_equal(d->tracks[0].control, TOCEX_CONTROL_DATA);
        assert_int_equal(d->tracks[0].mode, TOCEX_MODE_MODE1);
        assert_int_equal(d->sessions[0].leadout, sb.st_size / 2048);
        assert_int_equal(d->sessions[0].disc_type, 0x00);
        assert_false(d->known & TOCEX_KNOWN_CDTEXT);
        assert_false(d->known & TOCEX_KNOWN_ATIP);
        /* malformed ones say what is odd about them */
        if (sb.st_size % 2048 != 0 || strcmp(files[i], "copying.iso") != 0)
            assert_true(d->note_count >= 2);
        tocex_disc_free(d);
    }
    free(d);
}

static void test_generated(void **state)
{
    static const char *const iso[] = {"CD001", "CD001"};
    static const char *const udf[] = {"CD001", "CD001", "BEA01", "NSR02", "TEA01"};
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    write_image(tu_tmp_path("a.iso"), 2048, 300, iso, 2, 0);
    assert_int_equal(tocex_image_read_iso(tu_tmp_path("a.iso"), d, &err), TOCEX_OK);
    assert_int_equal(d->sessions[0].leadout, 300);
    assert_int_equal(d->tracks[0].sector_size, 2048);
    assert_int_equal(d->note_count, 1);
    tocex_disc_free(d);

    write_image(tu_tmp_path("raw.iso"), 2352, 200, iso, 2, 0);
    assert_int_equal(tocex_image_read_iso(tu_tmp_path("raw.iso"), d, &err), TOCEX_OK);
    assert_int_equal(d->sessions[0].leadout, 200);
    assert_int_equal(d->tracks[0].sector_size, 2352);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
    tocex_disc_free(d);

    write_image(tu_tmp_path("m2.iso"), 2336, 100, iso, 2, 0);
    assert_int_equal(tocex_image_read_iso(tu_tmp_path("m2.iso"), d, &err), TOCEX_OK);
    assert_int_equal(d->sessions[0].leadout, 100);
    assert_int_equal(d->tracks[0].sector_size, 2336);
    assert_int_equal(d->sessions[0].disc_type, 0x20);
    tocex_disc_free(d);

    write_image(tu_tmp_path("udf.iso"), 2048, 5000, udf, 5, 0);
    assert_int_equal(tocex_image_read_iso(tu_tmp_path("udf.iso"), d, &err), TOCEX_OK);
    assert_int_equal(d->media, TOCEX_MEDIA_DVD_ROM);
    assert_int_equal(d->capacity, 5000);
    assert_int_equal(tocex_disc_leadout(d), 5000);
    tocex_disc_free(d);

    /* UDF only (no ISO 9660 bridge) */
    write_image(tu_tmp_path("udfonly.iso"), 2048, 5000, udf + 2, 3, 0);
    assert_int_equal(tocex_image_read_iso(tu_tmp_path("udfonly.iso"), d, &err), TOCEX_OK);
    assert_int_equal(d->media, TOCEX_MEDIA_DVD_ROM);
    tocex_disc_free(d);
    free(d);
}

/* Threshold: 404850 sectors (lead-out 89:59:74, the last CD MSF before the lead-in range). */
static void test_cd_dvd_threshold(void **state)
{
    static const char *const iso[] = {"CD001", "CD001"};
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    long long before, after;
    (void)state;
    write_image(tu_tmp_path("cd.iso"), 2048, TOCEX_LBA_MAX_MSF + 1, iso, 2, 0);
    assert_int_equal(tocex_image_read_iso(tu_tmp_path("cd.iso"), d, &err), TOCEX_OK);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
    tocex_disc_free(d);
    /* a 4.7 GB DVD image, sparse: opens without reading the data area */
    write_image(tu_tmp_path("dvd.iso"), 2048, 2295104, iso, 2, 0);
    before = rchar();
    assert_int_equal(tocex_image_read_iso(tu_tmp_path("dvd.iso"), d, &err), TOCEX_OK);
    after = rchar();
    assert_int_equal(d->media, TOCEX_MEDIA_DVD_ROM);
    assert_int_equal(d->capacity, 2295104);
    assert_int_equal(tocex_disc_leadout(d), 2295104);
    if (before >= 0 && after >= 0) {
        print_message("read %lld bytes of a 4.7 GB image\n", after - before);
        assert_true(after - before <= 32 * 2352);
    }
    tocex_disc_free(d);
    free(d);
}

static void test_not_iso(void **state)
{
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    FILE *f;
    (void)state;
    write_image(tu_tmp_path("zero.iso"), 2048, 100, NULL, 0, 0);
    assert_int_equal(tocex_image_read_iso(tu_tmp_path("zero.iso"), d, &err), TOCEX_E_PARSE);
    assert_int_equal(err.offset, 32768);
    assert_non_null(strstr(err.message, "not an ISO"));
    f = fopen(tu_tmp_path("small.iso"), "wb");
    assert_non_null(f);
    fputs("hello", f);
    fclose(f);
    assert_int_equal(tocex_image_read_iso(tu_tmp_path("small.iso"), d, &err), TOCEX_E_TRUNCATED);
    assert_int_equal(err.offset, 5);
    assert_int_not_equal(tocex_image_read_iso(tu_tmp_path("missing.iso"), d, &err), TOCEX_OK);
    assert_int_not_equal(tocex_image_read_iso(tu_tmp_path("."), d, &err), TOCEX_OK);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_libcdio_isos),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_cd_dvd_threshold),
        cmocka_unit_test(test_not_iso),
    };
    return cmocka_run_group_tests(tests, tu_tmpdir_setup, tu_tmpdir_teardown);
}
