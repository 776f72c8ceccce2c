/* The emulated drive as a device: readiness and UNIT ATTENTION, REQUEST SENSE, the other
 * commands (INQUIRY, READ CAPACITY, GET CONFIGURATION, READ DISC INFORMATION), and the
 * allocation-length property of READ TOC/PMA/ATIP for every format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discs.h"
#include "testutil.h"
#include "tocex/emu.h"
#include "tocex/mmc.h"

/* ---- discs (tu_herong_disc and tu_small_disc: tests/support/discs.h) ---- */

static tocex_disc *blank_disc(tocex_media media, bool with_atip)
{
    tocex_disc *d = malloc(sizeof *d);
    uint8_t atip[24] = {0xD0, 0x40, 0xC4, 0, 97, 26, 65, 0, 79, 59, 74, 0};
    assert_non_null(d);
    tocex_disc_init(d);
    d->media = media;
    if (with_atip)
        assert_int_equal(tocex_disc_set_atip(d, atip, sizeof atip, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    return d;
}

static void free_disc(tocex_disc *d)
{
    tocex_disc_free(d);
    free(d);
}

/* ---- running commands ---- */

typedef struct result {
    tocex_cmd cmd;
    uint8_t cdb[16];
    uint8_t data[65536];
} result;

static result *exec(tocex_device *dev, const char *cdb_hex, size_t buffer)
{
    static result r;
    long n;
    memset(&r, 0, sizeof r);
    n = tu_hex(cdb_hex, r.cdb, sizeof r.cdb);
    assert_true(n > 0);
    assert_true(buffer <= sizeof r.data);
    memset(r.data, 0xEE, sizeof r.data);
    tocex_cmd_init(&r.cmd, r.cdb, (size_t)n, r.data, buffer);
    assert_int_equal(tocex_device_execute(dev, &r.cmd, NULL), TOCEX_OK);
    return &r;
}

static void expect_ok(tocex_device *dev, const char *cdb_hex, const char *expect_hex)
{
    uint8_t expect[4096];
    long n = tu_hex(expect_hex, expect, sizeof expect);
    result *r = exec(dev, cdb_hex, 4096);
    assert_true(n >= 0);
    if (r->cmd.status != TOCEX_SCSI_STATUS_GOOD)
        print_message("CDB %s: CHECK CONDITION %02x/%02x/%02x\n", cdb_hex, r->cmd.sense.key, r->cmd.sense.asc,
                      r->cmd.sense.ascq);
    assert_int_equal(r->cmd.status, TOCEX_SCSI_STATUS_GOOD);
    assert_int_equal(r->cmd.transferred, (size_t)n);
    assert_memory_equal(r->data, expect, (size_t)n);
}

static void expect_cc(tocex_device *dev, const char *cdb_hex, uint8_t key, uint8_t asc, uint8_t ascq)
{
    result *r = exec(dev, cdb_hex, 4096);
    assert_int_equal(r->cmd.status, TOCEX_SCSI_STATUS_CHECK_CONDITION);
    assert_int_equal(r->cmd.transferred, 0);
    assert_int_equal(r->cmd.sense_len, 18);
    assert_int_equal(r->cmd.sense_raw[0], 0x70);
    assert_int_equal(r->cmd.sense_raw[2] & 0x0F, key);
    assert_int_equal(r->cmd.sense_raw[12], asc);
    assert_int_equal(r->cmd.sense_raw[13], ascq);
    assert_int_equal(r->cmd.sense.key, key);
    assert_int_equal(r->cmd.sense.asc, asc);
    assert_int_equal(r->cmd.sense.ascq, ascq);
}

static tocex_device *open_drive(const tocex_disc *d, uint32_t quirks)
{
    tocex_emu_options opts;
    tocex_device *dev;
    memset(&opts, 0, sizeof opts);
    opts.quirks = quirks;
    dev = tocex_emu_open(d, &opts, NULL);
    assert_non_null(dev);
    return dev;
}

/* ---- readiness, UNIT ATTENTION, REQUEST SENSE ---- */

static void test_no_medium(void **state)
{
    tocex_device *dev = tocex_emu_open(NULL, NULL, NULL);
    (void)state;
    assert_non_null(dev);
    assert_string_equal(tocex_device_kind(dev), "emulated");
    assert_null(tocex_emu_disc(dev));
    expect_cc(dev, "00 00 00 00 00 00", 0x02, 0x3A, 0x00);
    expect_cc(dev, "43 00 00 00 00 00 00 00 0C 00", 0x02, 0x3A, 0x00);
    expect_cc(dev, "25 00 00 00 00 00 00 00 00 00", 0x02, 0x3A, 0x00);
    expect_cc(dev, "51 00 00 00 00 00 00 00 22 00", 0x02, 0x3A, 0x00);
    /* REQUEST SENSE returns the pending sense once, fixed format, then the drive's condition
     * (still no medium). */
    expect_ok(dev, "03 00 00 00 12 00", "70 00 02 00 00 00 00 0A 00 00 00 00 3A 00 00 00 00 00");
    expect_ok(dev, "03 00 00 00 12 00", "70 00 02 00 00 00 00 0A 00 00 00 00 3A 00 00 00 00 00");
    /* GET CONFIGURATION works without a medium: current profile 0000h. */
    {
        result *r = exec(dev, "46 02 00 00 00 00 00 00 08 00", 4096);
        assert_int_equal(r->cmd.status, TOCEX_SCSI_STATUS_GOOD);
        assert_int_equal(r->cmd.transferred, 8);
        assert_int_equal(r->data[6], 0x00);
        assert_int_equal(r->data[7], 0x00);
    }
    tocex_device_close(dev);
}

static void test_medium_changed(void **state)
{
    tocex_disc *d = tu_herong_disc();
    tocex_device *dev = tocex_emu_open(NULL, NULL, NULL);
    (void)state;
    assert_int_equal(tocex_emu_insert(dev, d, NULL), TOCEX_OK);
    assert_non_null(tocex_emu_disc(dev));
    assert_ptr_not_equal(tocex_emu_disc(dev), d); /* a copy */
    /* INQUIRY does not report (nor consume) the UNIT ATTENTION. */
    expect_ok(dev, "12 00 00 00 05 00", "05 80 05 02 1F");
    expect_cc(dev, "43 00 00 00 00 00 00 00 0C 00", 0x06, 0x28, 0x00);
    expect_ok(dev, "00 00 00 00 00 00", "");
    expect_ok(dev, "43 00 00 00 00 00 AA 00 0C 00", "00 0A 01 02 00 14 AA 00 00 02 10 2A");
    /* Eject: NOT READY again, no UNIT ATTENTION. */
    tocex_emu_eject(dev);
    assert_null(tocex_emu_disc(dev));
    expect_cc(dev, "00 00 00 00 00 00", 0x02, 0x3A, 0x00);
    /* Insert again: REQUEST SENSE reports the UNIT ATTENTION (and clears it). */
    assert_int_equal(tocex_emu_insert(dev, d, NULL), TOCEX_OK);
    expect_ok(dev, "03 00 00 00 12 00", "70 00 06 00 00 00 00 0A 00 00 00 00 28 00 00 00 00 00");
    expect_ok(dev, "00 00 00 00 00 00", "");
    expect_ok(dev, "03 00 00 00 12 00", "70 00 00 00 00 00 00 0A 00 00 00 00 00 00 00 00 00 00");
    /* The UNIT ATTENTION comes before any other check, even an unknown opcode's. */
    assert_int_equal(tocex_emu_insert(dev, d, NULL), TOCEX_OK);
    expect_cc(dev, "BE 00 00 00 00 00 00 00 01 10 00 00", 0x06, 0x28, 0x00);
    expect_cc(dev, "BE 00 00 00 00 00 00 00 01 10 00 00", 0x05, 0x20, 0x00);
    tocex_device_close(dev);
    free_disc(d);
}

static void test_unknown_opcode(void **state)
{
    tocex_disc *d = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    tocex_device *dev = open_drive(d, 0);
    (void)state;
    expect_cc(dev, "BE 00 00 00 00 00 00 00 01 10 00 00", 0x05, 0x20, 0x00);
    expect_cc(dev, "5A 00 3F 00 00 00 00 00 FF 00", 0x05, 0x20, 0x00);
    /* The sense stays pending for REQUEST SENSE; an allocation of 14 cuts it. */
    expect_ok(dev, "03 00 00 00 0E 00", "70 00 05 00 00 00 00 0A 00 00 00 00 20 00");
    expect_ok(dev, "03 00 00 00 12 00", "70 00 00 00 00 00 00 0A 00 00 00 00 00 00 00 00 00 00");
    /* A GOOD command replaces a pending sense. */
    expect_cc(dev, "43 00 09 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_ok(dev, "00 00 00 00 00 00", "");
    expect_ok(dev, "03 00 00 00 12 00", "70 00 00 00 00 00 00 0A 00 00 00 00 00 00 00 00 00 00");
    /* REQUEST SENSE asking for descriptor format (DESC=1): not supported. */
    expect_cc(dev, "03 01 00 00 12 00", 0x05, 0x24, 0x00);
    /* A CDB too short for its opcode. */
    expect_cc(dev, "43 00 00 00 00 00", 0x05, 0x24, 0x00);
    tocex_device_close(dev);
    free_disc(d);
}

/* Every READ TOC CHECK CONDITION of §3, through the drive. */
static void test_read_toc_check_conditions(void **state)
{
    tocex_disc *cd = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    tocex_disc *h = tu_herong_disc();
    tocex_disc *dvd = tu_small_disc(TOCEX_MEDIA_DVD_ROM);
    tocex_disc *blank = blank_disc(TOCEX_MEDIA_CD_RW, false);
    tocex_device *dev = open_drive(cd, 0);
    (void)state;
    expect_cc(dev, "43 00 06 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00); /* bad format */
    expect_cc(dev, "43 00 0F 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_cc(dev, "43 08 00 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00); /* reserved bits */
    expect_cc(dev, "43 00 20 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_cc(dev, "43 00 00 00 00 80 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_cc(dev, "43 00 00 00 00 00 04 00 0C 00", 0x05, 0x24, 0x00); /* start track > last */
    expect_cc(dev, "43 00 00 00 00 00 A9 00 0C 00", 0x05, 0x24, 0x00);
    expect_cc(dev, "43 00 03 00 00 00 00 00 FF 00", 0x05, 0x24, 0x00); /* PMA on pressed CD */
    expect_cc(dev, "43 00 04 00 00 00 00 00 FF 00", 0x05, 0x24, 0x00); /* ATIP on pressed CD */
    expect_cc(dev, "43 00 02 00 00 00 02 00 FF 00", 0x05, 0x24, 0x00); /* session > last */
    tocex_device_close(dev);

    dev = open_drive(h, 0);
    expect_cc(dev, "43 00 02 00 00 00 03 00 FF 00", 0x05, 0x24, 0x00);
    expect_cc(dev, "43 00 02 00 00 00 FF 00 FF 00", 0x05, 0x24, 0x00);
    tocex_device_close(dev);

    dev = open_drive(dvd, 0);
    for (unsigned f = 2; f <= 5; f++) {
        char cdb[64];
        snprintf(cdb, sizeof cdb, "43 02 %02x 00 00 00 00 00 FF 00", f);
        expect_cc(dev, cdb, 0x05, 0x24, 0x00);
    }
    tocex_device_close(dev);
    dev = open_drive(dvd, TOCEX_QUIRK_NONCD_INCOMPATIBLE_FORMAT);
    for (unsigned f = 2; f <= 5; f++) {
        char cdb[64];
        snprintf(cdb, sizeof cdb, "43 02 %02x 00 00 00 00 00 FF 00", f);
        expect_cc(dev, cdb, 0x05, 0x30, 0x02);
    }
    /* Formats 0 and 1 still answer the made-up TOC. */
    expect_ok(dev, "43 00 01 00 00 00 00 00 0C 00", "00 0A 01 01 00 14 01 00 00 00 00 00");
    tocex_device_close(dev);

    dev = open_drive(blank, 0);
    expect_cc(dev, "43 00 00 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00); /* blank CD-RW (UDF33) */
    expect_cc(dev, "43 02 00 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    tocex_device_close(dev);

    free_disc(cd);
    free_disc(h);
    free_disc(dvd);
    free_disc(blank);
}

/* ---- allocation length ---- */

/* The recordable two-session disc with a PMA entry and CD-TEXT, so that every format answers. */
static tocex_disc *full_disc(void)
{
    tocex_disc *d = tu_herong_disc();
    tocex_toc_entry pma[2] = {{0, 0x14, 0, 0x01, 0x00, 0x02, 0x00, 0, 0x1A, 0x18, 0x41},
                              {0, 0x14, 0, 0x02, 0x1C, 0x38, 0x41, 0, 0x1E, 0x04, 0x3C}};
    uint8_t packs[3 * 18];
    assert_int_equal(tu_hex("8f 00 2a 00 01 01 03 00 06 05 04 05 07 06 01 02 48 65"
                            "8f 01 2b 00 00 00 00 00 00 00 06 03 2c 00 00 00 c0 20"
                            "8f 02 2c 00 00 00 00 00 09 00 00 00 00 00 00 00 11 45",
                            packs, sizeof packs),
                     (long)sizeof packs);
    assert_int_equal(tocex_disc_set_pma(d, pma, 2, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_cdtext(d, packs, 3, NULL), TOCEX_OK);
    return d;
}

/* CDBs (allocation in bytes 7-8 patched per request) covering formats 0-5, MSF, legacy byte 9. */
static const char *const alloc_cdbs[] = {
    "43 00 00 00 00 00 00 00 00 00", "43 02 00 00 00 00 00 00 00 00", "43 00 01 00 00 00 00 00 00 00",
    "43 02 02 00 00 00 00 00 00 00", "43 00 03 00 00 00 00 00 00 00", "43 00 04 00 00 00 00 00 00 00",
    "43 02 05 00 00 00 00 00 00 00", "43 00 00 00 00 00 00 00 00 40", "43 02 00 00 00 00 00 00 00 80",
};

static size_t full_answer(tocex_device *dev, const char *cdb_hex, uint8_t *out)
{
    uint8_t cdb[10];
    tocex_cmd cmd;
    assert_int_equal(tu_hex(cdb_hex, cdb, sizeof cdb), 10);
    cdb[7] = 0xFF;
    cdb[8] = 0xFF;
    tocex_cmd_init(&cmd, cdb, 10, out, 65536);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.status, TOCEX_SCSI_STATUS_GOOD);
    assert_true(cmd.transferred >= 4);
    /* Data Length = total − 2, always. */
    assert_int_equal(tocex_be16(out), cmd.transferred - 2);
    return cmd.transferred;
}

static void test_allocation_property(void **state)
{
    tocex_disc *d = full_disc();
    tocex_device *dev = open_drive(d, 0);
    static uint8_t full[65536], got[65536];
    (void)state;
    for (size_t c = 0; c < sizeof alloc_cdbs / sizeof alloc_cdbs[0]; c++) {
        size_t total = full_answer(dev, alloc_cdbs[c], full);
        for (size_t alloc = 0; alloc <= total + 5; alloc++) {
            uint8_t cdb[10];
            tocex_cmd cmd;
            size_t want = alloc < total ? alloc : total;
            assert_int_equal(tu_hex(alloc_cdbs[c], cdb, sizeof cdb), 10);
            cdb[7] = (uint8_t)(alloc >> 8);
            cdb[8] = (uint8_t)alloc;
            memset(got, 0xEE, total + 8);
            tocex_cmd_init(&cmd, cdb, 10, got, sizeof got);
            assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
            assert_int_equal(cmd.status, TOCEX_SCSI_STATUS_GOOD);
            assert_int_equal(cmd.transferred, want);
            assert_memory_equal(got, full, want); /* a prefix, same Data Length */
            assert_int_equal(got[want], 0xEE);     /* nothing written past the transfer */
            /* A buffer smaller than the allocation length also bounds the transfer. */
            tocex_cmd_init(&cmd, cdb, 10, got, alloc / 2);
            assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
            assert_int_equal(cmd.transferred, want < alloc / 2 ? want : alloc / 2);
        }
    }
    tocex_device_close(dev);
    free_disc(d);
}

/* TOCEX_QUIRK_DATA_LENGTH_TRUNCATED (DOSBox-X for OAKCDROM.SYS): only whole descriptors that fit,
 * Data Length = bytes produced − 2; the full answer when it fits. */
static void test_data_length_truncated(void **state)
{
    tocex_disc *d = full_disc();
    tocex_device *strict = open_drive(d, 0);
    tocex_device *dev = open_drive(d, TOCEX_QUIRK_DATA_LENGTH_TRUNCATED);
    static uint8_t full[65536], got[65536];
    /* descriptor sizes per CDB above (§2): 8, 8, 8, 11, 11, whole ATIP, 18, 8, 11 */
    static const size_t unit[] = {8, 8, 8, 11, 11, 0, 18, 8, 11};
    (void)state;
    for (size_t c = 0; c < sizeof alloc_cdbs / sizeof alloc_cdbs[0]; c++) {
        size_t total = full_answer(strict, alloc_cdbs[c], full);
        assert_int_equal(full_answer(dev, alloc_cdbs[c], got), total);
        for (size_t alloc = 0; alloc <= total + 5; alloc++) {
            uint8_t cdb[10];
            tocex_cmd cmd;
            size_t kept, want;
            if (alloc >= total)
                kept = total;
            else if (unit[c] == 0 || alloc <= 4)
                kept = 4;
            else
                kept = 4 + (alloc - 4) / unit[c] * unit[c];
            want = alloc < kept ? alloc : kept;
            assert_int_equal(tu_hex(alloc_cdbs[c], cdb, sizeof cdb), 10);
            cdb[7] = (uint8_t)(alloc >> 8);
            cdb[8] = (uint8_t)alloc;
            tocex_cmd_init(&cmd, cdb, 10, got, sizeof got);
            assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
            assert_int_equal(cmd.transferred, want);
            if (want >= 2)
                assert_int_equal(tocex_be16(got), kept - 2);
            if (want > 2)
                assert_memory_equal(got + 2, full + 2, want - 2);
        }
    }
    /* OAKCDROM.SYS-style: room for the header and one entry (12 bytes) of a 3-track TOC. */
    tocex_device_close(dev);
    tocex_device_close(strict);
    free_disc(d);
    d = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    dev = open_drive(d, TOCEX_QUIRK_DATA_LENGTH_TRUNCATED);
    expect_ok(dev, "43 00 00 00 00 00 00 00 0C 00", "00 0A 01 03 00 10 01 00 00 00 00 00");
    expect_ok(dev, "43 00 00 00 00 00 00 00 0F 00", "00 0A 01 03 00 10 01 00 00 00 00 00");
    tocex_device_close(dev);
    dev = open_drive(d, 0);
    expect_ok(dev, "43 00 00 00 00 00 00 00 0C 00", "00 22 01 03 00 10 01 00 00 00 00 00");
    tocex_device_close(dev);
    free_disc(d);
}

/* Linux sr's multisession probe (§5.9): 43 00 00 00 00 00 00 00 0C 40, alloc 12, into 12 bytes. */
static void test_linux_sr_probe(void **state)
{
    tocex_disc *d = tu_herong_disc();
    tocex_device *dev = open_drive(d, 0);
    result *r;
    (void)state;
    r = exec(dev, "43 00 00 00 00 00 00 00 0C 40", 12);
    assert_int_equal(r->cmd.status, TOCEX_SCSI_STATUS_GOOD);
    assert_int_equal(r->cmd.transferred, 12);
    assert_true(tocex_be16(r->data) >= 0x0A); /* sr: "< 0Ah → no multisession" */
    assert_int_equal(r->data[6], 2);         /* > 1: multisession */
    assert_int_equal(tocex_be32(r->data + 8), 130115);
    tocex_device_close(dev);
    free_disc(d);
}

/* ---- the other commands ---- */

static void test_inquiry(void **state)
{
    tocex_device *dev = tocex_emu_open(NULL, NULL, NULL);
    tocex_emu_options opts;
    result *r;
    (void)state;
    r = exec(dev, "12 00 00 00 FF 00", 4096);
    assert_int_equal(r->cmd.status, TOCEX_SCSI_STATUS_GOOD);
    assert_int_equal(r->cmd.transferred, 36);
    assert_memory_equal(r->data, "\x05\x80\x05\x02\x1F\x00\x00\x00", 8);
    assert_memory_equal(r->data + 8, "TOCEX   EMULATED DRIVE  ", 24);
    /* SCSI-2 hosts give the allocation in byte 4 only. */
    expect_ok(dev, "12 00 00 00 05 00", "05 80 05 02 1F");
    expect_ok(dev, "12 00 00 00 00 00", "");
    expect_ok(dev, "12 01 00 00 FF 00", "05 00 00 01 00"); /* EVPD page 00h */
    expect_cc(dev, "12 01 80 00 FF 00", 0x05, 0x24, 0x00);
    expect_cc(dev, "12 00 80 00 FF 00", 0x05, 0x24, 0x00);
    tocex_device_close(dev);

    memset(&opts, 0, sizeof opts);
    snprintf(opts.vendor, sizeof opts.vendor, "ACME");
    snprintf(opts.product, sizeof opts.product, "CD-ROM 4000");
    snprintf(opts.revision, sizeof opts.revision, "1.2");
    dev = tocex_emu_open(NULL, &opts, NULL);
    assert_non_null(dev);
    r = exec(dev, "12 00 00 00 24 00", 4096);
    assert_int_equal(r->cmd.transferred, 36);
    assert_memory_equal(r->data + 8, "ACME    CD-ROM 4000     1.2 ", 28);
    tocex_device_close(dev);
}

static void test_read_capacity(void **state)
{
    tocex_disc *cd = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    tocex_disc *h = tu_herong_disc();
    tocex_device *dev = open_drive(cd, 0);
    (void)state;
    /* last LBA = lead-out − 1 = 44999 = AFC7h; block 2048 */
    expect_ok(dev, "25 00 00 00 00 00 00 00 00 00", "00 00 AF C7 00 00 08 00");
    tocex_device_close(dev);
    dev = open_drive(h, 0);
    expect_ok(dev, "25 00 00 00 00 00 00 00 00 00", "00 02 10 29 00 00 08 00"); /* 135209 */
    tocex_device_close(dev);
    free_disc(cd);
    free_disc(h);
}

static void test_get_configuration(void **state)
{
    tocex_disc *d = tu_herong_disc();
    tocex_device *dev = open_drive(d, 0);
    static const char profiles[] = "00 00 03 34"
                                   "00 43 00 00 00 41 00 00 00 40 00 00 00 2B 00 00 00 1B 00 00 00 1A 00 00"
                                   "00 14 00 00 00 12 00 00 00 11 00 00 00 10 00 00 00 0A 00 00 00 09 01 00"
                                   "00 08 00 00";
    char expect[512];
    (void)state;
    snprintf(expect, sizeof expect, "00 00 00 3C 00 00 00 09 %s", profiles);
    expect_ok(dev, "46 00 00 00 00 00 00 01 00 00", expect);
    expect_ok(dev, "46 01 00 00 00 00 00 01 00 00", expect);
    expect_ok(dev, "46 02 00 00 00 00 00 01 00 00", expect);
    /* RT 2 for a feature we do not report: the header alone. */
    expect_ok(dev, "46 02 00 01 00 00 00 01 00 00", "00 00 00 04 00 00 00 09");
    expect_ok(dev, "46 00 00 1E 00 00 00 01 00 00", "00 00 00 04 00 00 00 09");
    expect_cc(dev, "46 03 00 00 00 00 00 01 00 00", 0x05, 0x24, 0x00);
    expect_ok(dev, "46 00 00 00 00 00 00 00 06 00", "00 00 00 3C 00 00");
    tocex_device_close(dev);
    free_disc(d);
}

static void test_disc_information(void **state)
{
    tocex_disc *h = tu_herong_disc();
    tocex_disc *cd = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    tocex_disc *blank = blank_disc(TOCEX_MEDIA_CD_RW, true);
    tocex_device *dev = open_drive(h, 0);
    (void)state;
    /* Appendable CD-R: status 01b, last (empty) session 00b; 3 sessions counting the empty one,
     * whose track is 3; disc type 20h; next lead-in 30:34:60 (B0 31:34:60 − 1 min), last
     * possible lead-out 74:43:00. */
    expect_ok(dev, "51 00 00 00 00 00 00 00 22 00",
                "00 20 01 01 03 03 03 00 20 00 00 00 00 00 00 00 00 1E 22 3C 00 4A 2B 00"
                "00 00 00 00 00 00 00 00 00 00");
    expect_cc(dev, "51 01 00 00 00 00 00 00 22 00", 0x05, 0x24, 0x00);
    tocex_device_close(dev);
    /* Pressed CD-ROM: complete, complete last session, addresses FFFFFFFFh. */
    dev = open_drive(cd, 0);
    expect_ok(dev, "51 00 00 00 00 00 00 00 22 00",
                "00 20 0E 01 01 01 03 00 00 00 00 00 00 00 00 00 FF FF FF FF FF FF FF FF"
                "00 00 00 00 00 00 00 00 00 00");
    expect_ok(dev, "51 00 00 00 00 00 00 00 04 00", "00 20 0E 01");
    tocex_device_close(dev);
    /* Blank CD-RW: erasable, empty; ATIP lead-in 97:26:65 (§4.1's −11635) and lead-out
     * 79:59:74; URU from ATIP byte 5 bit 6; disc type FFh. */
    dev = open_drive(blank, 0);
    expect_ok(dev, "51 00 00 00 00 00 00 00 22 00",
                "00 20 10 01 01 01 01 20 FF 00 00 00 00 00 00 00 00 61 1A 41 00 4F 3B 4A"
                "00 00 00 00 00 00 00 00 00 00");
    tocex_device_close(dev);
    /* DVD-ROM: complete, one track per session as in the made-up TOC, LBA fields FFFFFFFFh. */
    {
        tocex_disc *dvd = tu_small_disc(TOCEX_MEDIA_DVD_ROM);
        dev = open_drive(dvd, 0);
        expect_ok(dev, "51 00 00 00 00 00 00 00 22 00",
                  "00 20 0E 01 01 01 01 00 00 00 00 00 00 00 00 00 FF FF FF FF FF FF FF FF"
                  "00 00 00 00 00 00 00 00 00 00");
        tocex_device_close(dev);
        free_disc(dvd);
    }
    free_disc(h);
    free_disc(cd);
    free_disc(blank);
}

static tocex_status fake_execute(void *ctx, tocex_cmd *cmd, tocex_error *err)
{
    (void)ctx;
    (void)cmd;
    (void)err;
    return TOCEX_OK;
}

static void test_open_and_insert_errors(void **state)
{
    static const tocex_device_ops fake_ops = {"fake", fake_execute, NULL};
    tocex_disc *d = malloc(sizeof *d);
    tocex_disc *good = tu_small_disc(TOCEX_MEDIA_CD_ROM);
    tocex_device *fake = tocex_device_new(&fake_ops, NULL);
    tocex_device *dev;
    tocex_error err;
    (void)state;
    assert_non_null(d);
    /* A session without a lead-out is refused, with a message. */
    tocex_disc_init(d);
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 4, TOCEX_MODE_MODE1, 0, NULL), TOCEX_OK);
    tocex_error_clear(&err);
    assert_null(tocex_emu_open(d, NULL, &err));
    assert_int_equal(err.status, TOCEX_E_INVALID_DISC);
    assert_true(strlen(err.message) > 0);
    dev = tocex_emu_open(good, NULL, NULL);
    assert_non_null(dev);
    assert_int_equal(tocex_emu_insert(dev, d, &err), TOCEX_E_INVALID_DISC);
    assert_non_null(tocex_emu_disc(dev)); /* the old disc stays */
    assert_int_equal(tocex_emu_insert(dev, NULL, NULL), TOCEX_E_INVALID_ARGUMENT);
    /* Not an emulated drive. */
    assert_int_equal(tocex_emu_insert(fake, good, NULL), TOCEX_E_INVALID_ARGUMENT);
    assert_null(tocex_emu_disc(fake));
    tocex_emu_eject(fake);
    tocex_device_close(fake);
    tocex_device_close(dev);
    free_disc(d);
    free_disc(good);
}

/* A READ TOC asked again with another allocation length is answered from the answer already
 * built; anything else, or another disc, builds it anew. */
static void test_answer_reuse(void **state)
{
    tocex_disc *a = full_disc();
    tocex_disc *b = tu_small_disc(TOCEX_MEDIA_CD_R);
    tocex_device *dev = open_drive(a, 0);
    tocex_device *ref_a = open_drive(a, 0), *ref_b = open_drive(b, 0);
    static uint8_t want[65536], got[65536];
    (void)state;
    for (int pass = 0; pass < 2; pass++) {
        tocex_device *ref = pass == 0 ? ref_a : ref_b;
        for (size_t c = 0; c < sizeof alloc_cdbs / sizeof alloc_cdbs[0]; c++) {
            /* interleave the formats: each answer follows another format's (or its own) */
            for (size_t k = 0; k < 3; k++) {
                const char *cdb_hex = alloc_cdbs[(c + k * 4) % (sizeof alloc_cdbs / sizeof alloc_cdbs[0])];
                result *r;
                size_t total;
                uint8_t cdb[10];
                if (pass == 1 && strstr(cdb_hex, "43 00 04") != NULL)
                    continue; /* the second disc has no ATIP: a CHECK CONDITION, checked below */
                total = full_answer(ref, cdb_hex, want);
                assert_int_equal(tu_hex(cdb_hex, cdb, sizeof cdb), 10);
                for (size_t alloc = 4; alloc <= total; alloc += total / 3 + 1) {
                    tocex_cmd cmd;
                    cdb[7] = (uint8_t)(alloc >> 8);
                    cdb[8] = (uint8_t)alloc;
                    tocex_cmd_init(&cmd, cdb, 10, got, sizeof got);
                    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
                    assert_int_equal(cmd.status, TOCEX_SCSI_STATUS_GOOD);
                    assert_int_equal(cmd.transferred, alloc);
                    assert_memory_equal(got, want, alloc);
                }
                assert_int_equal(full_answer(dev, cdb_hex, got), total);
                assert_memory_equal(got, want, total);
                r = exec(dev, "00 00 00 00 00 00", 0); /* TEST UNIT READY in between */
                assert_int_equal(r->cmd.status, TOCEX_SCSI_STATUS_GOOD);
            }
        }
        if (pass == 0) {
            /* another disc: UNIT ATTENTION once, then its own answers */
            assert_int_equal(tocex_emu_insert(dev, b, NULL), TOCEX_OK);
            expect_cc(dev, "43 02 02 00 00 00 00 00 04 00", 0x06, 0x28, 0x00);
        }
    }
    expect_cc(dev, "43 00 04 00 00 00 00 FF FF 00", 0x05, 0x24, 0x00);
    /* ejected: no medium, even for the request just answered */
    (void)full_answer(dev, "43 02 02 00 00 00 00 00 00 00", got);
    tocex_emu_eject(dev);
    expect_cc(dev, "43 02 02 00 00 00 00 00 04 00", 0x02, 0x3A, 0x00);
    tocex_device_close(ref_a);
    tocex_device_close(ref_b);
    tocex_device_close(dev);
    free_disc(a);
    free_disc(b);
}

/* tocex_emu_open_owned: the same drive as tocex_emu_open over a copy; the disc is the drive's
 * (freed with it, or at once when refused; the leak checker of the sanitizer build watches). */
static void test_open_owned(void **state)
{
    tocex_disc *d = full_disc();
    tocex_disc *copy = malloc(sizeof *copy);
    tocex_disc *none = malloc(sizeof *none);
    tocex_disc *bad = malloc(sizeof *bad);
    tocex_device *ref = open_drive(d, 0), *dev;
    static uint8_t want[65536], got[65536];
    tocex_error err;
    (void)state;
    assert_non_null(copy);
    assert_non_null(none);
    assert_non_null(bad);
    assert_int_equal(tocex_disc_copy(copy, d, NULL), TOCEX_OK);
    dev = tocex_emu_open_owned(copy, NULL, NULL);
    assert_non_null(dev);
    assert_ptr_equal(tocex_emu_disc(dev), copy);
    for (size_t c = 0; c < sizeof alloc_cdbs / sizeof alloc_cdbs[0]; c++) {
        size_t total = full_answer(ref, alloc_cdbs[c], want);
        assert_int_equal(full_answer(dev, alloc_cdbs[c], got), total);
        assert_memory_equal(got, want, total);
    }
    tocex_device_close(dev);
    /* NULL and media NONE: a drive with no medium */
    dev = tocex_emu_open_owned(NULL, NULL, NULL);
    assert_non_null(dev);
    expect_cc(dev, "43 00 00 00 00 00 00 00 0C 00", 0x02, 0x3A, 0x00);
    tocex_device_close(dev);
    tocex_disc_init(none);
    none->media = TOCEX_MEDIA_NONE;
    dev = tocex_emu_open_owned(none, NULL, NULL);
    assert_non_null(dev);
    assert_null(tocex_emu_disc(dev));
    tocex_device_close(dev);
    /* refused by finish: NULL, the message, and the disc freed */
    tocex_disc_init(bad);
    assert_int_equal(tocex_disc_add_track(bad, 1, 1, 1, 4, TOCEX_MODE_MODE1, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_cdtext(bad, want, 2, NULL), TOCEX_OK);
    tocex_error_clear(&err);
    assert_null(tocex_emu_open_owned(bad, NULL, &err));
    assert_int_equal(err.status, TOCEX_E_INVALID_DISC);
    assert_non_null(strstr(err.message, "lead-out"));
    tocex_device_close(ref);
    free_disc(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_medium),
        cmocka_unit_test(test_medium_changed),
        cmocka_unit_test(test_unknown_opcode),
        cmocka_unit_test(test_read_toc_check_conditions),
        cmocka_unit_test(test_allocation_property),
        cmocka_unit_test(test_data_length_truncated),
        cmocka_unit_test(test_linux_sr_probe),
        cmocka_unit_test(test_inquiry),
        cmocka_unit_test(test_read_capacity),
        cmocka_unit_test(test_get_configuration),
        cmocka_unit_test(test_disc_information),
        cmocka_unit_test(test_open_and_insert_errors),
        cmocka_unit_test(test_answer_reuse),
        cmocka_unit_test(test_open_owned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
