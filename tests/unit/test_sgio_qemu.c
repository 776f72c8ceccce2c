/* The whole initiator over the SG_IO device, with a transport that answers the way QEMU's
 * emulated CD drives do (reference/qemu-guest.md: bytes recorded in a guest with real SG_IO;
 * mmc-read-toc.md 5.1). tests/cli/qemu_guest.sh checks the same against real QEMU; this test
 * keeps the detection of QEMU's wrong answers covered where QEMU cannot run.
 * Disc: a 915-sector ISO 9660 image = one data track at LBA 0, lead-out 915 (0393h, 00:14:15). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <scsi/sg.h>

#include "testutil.h"
#include "tocex/disc.h"
#include "tocex/mmc.h"
#include "tocex/read.h"
#include "tocex/sgio.h"

#define FAKE_FD 7

typedef enum qemu_bus { QEMU_IDE, QEMU_SCSI } qemu_bus;

typedef struct qemu_fake {
    qemu_bus bus;
    unsigned read_toc_commands;
} qemu_fake;

/* QEMU hw/block/cdrom.c cdrom_read_toc, track 1 at 0, lead-out 915: header, track 1 ADR/CTL 14h,
 * lead-out ADR/CTL 16h (as QEMU writes it). */
static const uint8_t toc_lba[20] = {0x00, 0x12, 0x01, 0x01, 0x00, 0x14, 0x01, 0x00, 0x00, 0x00,
                                    0x00, 0x00, 0x00, 0x16, 0xAA, 0x00, 0x00, 0x00, 0x03, 0x93};
static const uint8_t toc_msf[20] = {0x00, 0x12, 0x01, 0x01, 0x00, 0x14, 0x01, 0x00, 0x00, 0x00,
                                    0x02, 0x00, 0x00, 0x16, 0xAA, 0x00, 0x00, 0x00, 0x0E, 0x0F};
/* format 1: only Data Length and first/last session written, descriptor left zero */
static const uint8_t session_info[12] = {0x00, 0x0A, 0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 0};
/* format 2 (cdrom_read_toc_raw), MSF=1 and MSF=0 (a 4-byte LBA in A2 bytes 7-10, track 1 zero) */
static const uint8_t raw_msf[48] = {
    0x00, 0x2E, 0x01, 0x01, 0x01, 0x14, 0x00, 0xA0, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x01,
    0x14, 0x00, 0xA1, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x01, 0x14, 0x00, 0xA2, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x0E, 0x0F, 0x01, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00};
static const uint8_t raw_lba[48] = {
    0x00, 0x2E, 0x01, 0x01, 0x01, 0x14, 0x00, 0xA0, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x01,
    0x14, 0x00, 0xA1, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x01, 0x14, 0x00, 0xA2, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x03, 0x93, 0x01, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

static int fake_open(void *user, const char *path, int flags)
{
    (void)user;
    (void)path;
    (void)flags;
    return FAKE_FD;
}

static int fake_close(void *user, int fd)
{
    (void)user;
    (void)fd;
    return 0;
}

static void check_condition(struct sg_io_hdr *h, uint8_t key, uint8_t asc)
{
    uint8_t sense[18];
    tocex_sense s = {key, asc, 0};
    tocex_sense_build_fixed(sense, s);
    h->status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
    h->driver_status = 0x08; /* DRIVER_SENSE */
    h->sb_len_wr = (unsigned char)(h->mx_sb_len < sizeof sense ? h->mx_sb_len : sizeof sense);
    memcpy(h->sbp, sense, h->sb_len_wr);
}

/* QEMU pads every emulated answer with zeros up to the allocation length; resid stays 0. */
static void answer(struct sg_io_hdr *h, const uint8_t *data, size_t len)
{
    memset(h->dxferp, 0, h->dxfer_len);
    memcpy(h->dxferp, data, len < h->dxfer_len ? len : h->dxfer_len);
    h->status = 0;
}

static void inquiry(struct sg_io_hdr *h)
{
    uint8_t inq[36];
    memset(inq, ' ', sizeof inq);
    inq[0] = 0x05;
    inq[1] = 0x80;
    inq[2] = 0x05;
    inq[3] = 0x02;
    inq[4] = 31;
    inq[5] = inq[6] = inq[7] = 0;
    memcpy(inq + 8, "QEMU", 4);
    memcpy(inq + 16, "QEMU DVD-ROM", 12);
    memcpy(inq + 32, "2.5+", 4);
    answer(h, inq, sizeof inq);
}

static int fake_ioctl(void *user, int fd, unsigned long request, void *arg)
{
    qemu_fake *q = user;
    struct sg_io_hdr *h = arg;
    const uint8_t *cdb;
    (void)fd;
    if (request == SG_GET_VERSION_NUM) {
        *(int *)arg = 30536;
        return 0;
    }
    if (request != SG_IO) {
        errno = ENOTTY;
        return -1;
    }
    cdb = h->cmdp;
    h->resid = 0;
    h->host_status = 0;
    h->driver_status = 0;
    h->sb_len_wr = 0;
    switch (cdb[0]) {
    case TOCEX_OP_INQUIRY:
        inquiry(h);
        break;
    case TOCEX_OP_GET_CONFIGURATION: {
        /* feature header: data length 4 (header only), current profile 0008h CD-ROM */
        static const uint8_t hdr[8] = {0, 0, 0, 4, 0, 0, 0x00, 0x08};
        answer(h, hdr, sizeof hdr);
        break;
    }
    case TOCEX_OP_READ_TOC_PMA_ATIP: {
        /* IDE (hw/ide/atapi.c) reads the format from byte 9 only; scsi-disk from byte 2 only */
        unsigned format = q->bus == QEMU_IDE ? (unsigned)cdb[9] >> 6 : cdb[2] & 0x0Fu;
        bool msf = (cdb[1] & 0x02) != 0;
        q->read_toc_commands++;
        if (format == 0 && cdb[6] > 1 && cdb[6] != 0xAA) {
            check_condition(h, TOCEX_SK_ILLEGAL_REQUEST, TOCEX_ASC_INVALID_FIELD_IN_CDB);
        } else if (format == 0 && cdb[6] == 0xAA) {
            uint8_t lo[12] = {0x00, 0x0A, 0x01, 0x01};
            memcpy(lo + 4, (msf ? toc_msf : toc_lba) + 12, 8);
            answer(h, lo, sizeof lo);
        } else if (format == 0) {
            answer(h, msf ? toc_msf : toc_lba, 20);
        } else if (format == 1) {
            answer(h, session_info, sizeof session_info);
        } else if (format == 2) {
            answer(h, msf ? raw_msf : raw_lba, 48);
        } else {
            check_condition(h, TOCEX_SK_ILLEGAL_REQUEST, TOCEX_ASC_INVALID_FIELD_IN_CDB);
        }
        break;
    }
    default:
        check_condition(h, TOCEX_SK_ILLEGAL_REQUEST, TOCEX_ASC_INVALID_COMMAND_OPERATION_CODE);
        break;
    }
    return 0;
}

static bool has_warning(const tocex_read_report *rep, const char *needle)
{
    size_t i;
    for (i = 0; i < rep->warning_count; i++)
        if (strstr(rep->warnings[i], needle) != NULL)
            return true;
    return false;
}

static void read_through(qemu_bus bus)
{
    qemu_fake q = {bus, 0};
    tocex_sgio_transport tp = {fake_open, fake_ioctl, fake_close, &q};
    tocex_device *dev = NULL;
    tocex_disc *disc = calloc(1, sizeof *disc);
    tocex_read_report rep;
    tocex_error err;

    assert_non_null(disc);
    memset(&rep, 0, sizeof rep);
    tocex_error_clear(&err);
    assert_int_equal(tocex_sgio_open_transport("/dev/sr0", false, &tp, &dev, &err), TOCEX_OK);
    tocex_disc_init(disc);
    if (tocex_read_disc(dev, NULL, disc, &rep, &err) != TOCEX_OK)
        fail_msg("tocex_read_disc: %s", err.message);
    assert_true(q.read_toc_commands > 0);
    /* the right TOC in spite of the wrong answers */
    assert_int_equal(disc->media, TOCEX_MEDIA_CD_ROM);
    assert_int_equal(disc->track_count, 1);
    assert_int_equal(disc->tracks[0].number, 1);
    assert_int_equal(disc->tracks[0].start, 0);
    assert_true((disc->tracks[0].control & TOCEX_CONTROL_DATA) != 0);
    assert_int_equal(disc->session_count, 1);
    assert_int_equal(disc->sessions[0].leadout, 915);
    /* and the wrong answers named, not decoded as right */
    assert_true(has_warning(&rep, "format 1"));
    assert_true(has_warning(&rep, "format 2"));
    if (bus == QEMU_IDE) /* no full TOC can come out of a drive that never sends one */
        assert_false(rep.have_fulltoc);
    tocex_disc_free(disc);
    free(disc);
    tocex_device_close(dev);
}

static void test_qemu_ide(void **state)
{
    (void)state;
    read_through(QEMU_IDE);
}

static void test_qemu_scsi_cd(void **state)
{
    (void)state;
    read_through(QEMU_SCSI);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qemu_ide),
        cmocka_unit_test(test_qemu_scsi_cd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
