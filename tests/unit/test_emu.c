/* The emulated drive as a device: readiness and UNIT ATTENTION, REQUEST SENSE, the other
 * commands (INQUIRY, READ CAPACITY, GET CONFIGURATION, READ DISC INFORMATION), and the
 * allocation-length property of READ TOC/PMA/ATIP for every format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/emu.h"
#include "tocex/mmc.h"

/* ---- discs (see test_encode.c for where the numbers come from) ---- */

static tocex_disc *herong_disc(void)
{
    tocex_disc *d = malloc(sizeof *d);
    uint8_t atip[24] = {0x80, 0x00, 0x00, 0x00, 97, 34, 21, 0x00, 74, 43, 0, 0};
    assert_non_null(d);
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_CD_R;
    d->appendable = true;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 4, TOCEX_MODE_MODE2_FORM1, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 118715, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 2, 1, 4, TOCEX_MODE_MODE2_FORM1, 130115, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 2, 135210, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_atip(d, atip, sizeof atip, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    return d;
}

static tocex_disc *small_disc(tocex_media media)
{
    tocex_disc *d = malloc(sizeof *d);
    assert_non_null(d);
    tocex_disc_init(d);
    d->media = media;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 15000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 3, 1, 4, TOCEX_MODE_MODE1, 30000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 45000, NULL), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    return d;
}

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

/* ---- command helpers ---- */

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

static void expect_good(tocex_device *dev, const char *cdb_hex, const char *expect_hex)
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

static void expect_check(tocex_device *dev, const char *cdb_hex, uint8_t key, uint8_t asc, uint8_t ascq)
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
    expect_check(dev, "00 00 00 00 00 00", 0x02, 0x3A, 0x00);
    expect_check(dev, "43 00 00 00 00 00 00 00 0C 00", 0x02, 0x3A, 0x00);
    expect_check(dev, "25 00 00 00 00 00 00 00 00 00", 0x02, 0x3A, 0x00);
    expect_check(dev, "51 00 00 00 00 00 00 00 22 00", 0x02, 0x3A, 0x00);
    /* REQUEST SENSE returns the pending sense once, fixed format, then the drive's condition
     * (still no medium). */
    expect_good(dev, "03 00 00 00 12 00", "70 00 02 00 00 00 00 0A 00 00 00 00 3A 00 00 00 00 00");
    expect_good(dev, "03 00 00 00 12 00", "70 00 02 00 00 00 00 0A 00 00 00 00 3A 00 00 00 00 00");
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
    tocex_disc *d = herong_disc();
    tocex_device *dev = tocex_emu_open(NULL, NULL, NULL);
    (void)state;
    assert_int_equal(tocex_emu_insert(dev, d, NULL), TOCEX_OK);
    assert_non_null(tocex_emu_disc(dev));
    assert_ptr_not_equal(tocex_emu_disc(dev), d); /* a copy */
    /* INQUIRY does not report (nor consume) the UNIT ATTENTION. */
    expect_good(dev, "12 00 00 00 05 00", "05 80 05 02 1F");
    expect_check(dev, "43 00 00 00 00 00 00 00 0C 00", 0x06, 0x28, 0x00);
    expect_good(dev, "00 00 00 00 00 00", "");
    expect_good(dev, "43 00 00 00 00 00 AA 00 0C 00", "00 0A 01 02 00 14 AA 00 00 02 10 2A");
    /* Eject: NOT READY again, no UNIT ATTENTION. */
    tocex_emu_eject(dev);
    assert_null(tocex_emu_disc(dev));
    expect_check(dev, "00 00 00 00 00 00", 0x02, 0x3A, 0x00);
    /* Insert again: REQUEST SENSE reports the UNIT ATTENTION (and clears it). */
    assert_int_equal(tocex_emu_insert(dev, d, NULL), TOCEX_OK);
    expect_good(dev, "03 00 00 00 12 00", "70 00 06 00 00 00 00 0A 00 00 00 00 28 00 00 00 00 00");
    expect_good(dev, "00 00 00 00 00 00", "");
    expect_good(dev, "03 00 00 00 12 00", "70 00 00 00 00 00 00 0A 00 00 00 00 00 00 00 00 00 00");
    tocex_device_close(dev);
    free_disc(d);
}

static void test_unknown_opcode(void **state)
{
    tocex_disc *d = small_disc(TOCEX_MEDIA_CD_ROM);
    tocex_device *dev = open_drive(d, 0);
    (void)state;
    expect_check(dev, "BE 00 00 00 00 00 00 00 01 10 00 00", 0x05, 0x20, 0x00);
    expect_check(dev, "5A 00 3F 00 00 00 00 00 FF 00", 0x05, 0x20, 0x00);
    /* The sense stays pending for REQUEST SENSE; an allocation of 14 cuts it. */
    expect_good(dev, "03 00 00 00 0E 00", "70 00 05 00 00 00 00 0A 00 00 00 00 20 00");
    expect_good(dev, "03 00 00 00 12 00", "70 00 00 00 00 00 00 0A 00 00 00 00 00 00 00 00 00 00");
    /* A GOOD command replaces a pending sense. */
    expect_check(dev, "43 00 09 00 00 00 00 00 0C 00", 0x05, 0x24, 0x00);
    expect_good(dev, "00 00 00 00 00 00", "");
    expect_good(dev, "03 00 00 00 12 00", "70 00 00 00 00 00 00 0A 00 00 00 00 00 00 00 00 00 00");
    /* A CDB too short for its opcode. */
    expect_check(dev, "43 00 00 00 00 00", 0x05, 0x24, 0x00);
    tocex_device_close(dev);
    free_disc(d);
}

