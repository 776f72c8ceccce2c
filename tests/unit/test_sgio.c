/* The SG_IO drive over a scripted transport: sg_io_hdr filling, SCSI status and sense (fixed
 * and descriptor, SPC-4 4.5), host/driver status and errno mapping, residuals, timeouts, and the
 * drive list over a fake sysfs tree. Expected values come from SPC/MMC and Linux <scsi/sg.h>. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <scsi/sg.h>

#include "testutil.h"
#include "tocex/mmc.h"
#include "tocex/sgio.h"

#define FAKE_FD 42

/* One scripted answer to an SG_IO. */
typedef struct fake_reply {
    int ioctl_errno;      /* != 0: the ioctl fails with this errno */
    uint8_t status;       /* SCSI status */
    uint16_t host_status; /* DID_* */
    uint16_t driver_status;
    int resid;
    uint8_t sense[32];
    size_t sense_len;
    uint8_t data[64];
    size_t data_len; /* bytes written into the buffer (min with dxfer_len) */
} fake_reply;

typedef struct fake {
    int open_errno;
    int open_flags;
    unsigned opens, closes;
    int version_errno;
    int version;
    uint8_t inquiry_type; /* peripheral device type answered to INQUIRY */
    bool inquiry_short;   /* answer only 15 bytes (additional length 10), resid reported */
    bool excl_needs_write; /* like sg: O_EXCL with O_RDONLY is EPERM */
    int excl_rw_errno;     /* errno of the read-write exclusive open (0 = it works) */
    unsigned open_calls;
    fake_reply replies[8];
    size_t reply_count, next_reply;
    /* what the last SG_IO carried */
    struct sg_io_hdr last;
    uint8_t last_cdb[16];
    unsigned sg_io_calls;
} fake;

static int fake_open(void *user, const char *path, int flags)
{
    fake *f = user;
    (void)path;
    f->open_flags = flags;
    f->open_calls++;
    if ((flags & O_EXCL) != 0 && f->excl_needs_write) {
        if ((flags & O_ACCMODE) == O_RDONLY) {
            errno = EPERM;
            return -1;
        }
        if (f->excl_rw_errno != 0) {
            errno = f->excl_rw_errno;
            return -1;
        }
    }
    if (f->open_errno != 0) {
        errno = f->open_errno;
        return -1;
    }
    f->opens++;
    return FAKE_FD;
}

static int fake_close(void *user, int fd)
{
    fake *f = user;
    assert_int_equal(fd, FAKE_FD);
    f->closes++;
    return 0;
}

/* SPC INQUIRY standard data: type, removable, version, response format 2, additional length 31. */
static void answer_inquiry(fake *f, struct sg_io_hdr *h)
{
    uint8_t inq[36];
    size_t n;
    memset(inq, ' ', sizeof inq);
    inq[0] = f->inquiry_type;
    inq[1] = 0x80;
    inq[2] = 0x05;
    inq[3] = 0x02;
    inq[4] = 31;
    inq[5] = inq[6] = inq[7] = 0;
    memcpy(inq + 8, "QEMU", 4);
    memcpy(inq + 16, "QEMU DVD-ROM", 12);
    memcpy(inq + 32, "2.5+", 4);
    n = h->dxfer_len < sizeof inq ? h->dxfer_len : sizeof inq;
    memset(h->dxferp, 0, h->dxfer_len);
    memcpy(h->dxferp, inq, n);
    h->status = 0;
    h->host_status = 0;
    h->driver_status = 0;
    h->resid = 0; /* like libata ATAPI: never a residual */
    h->sb_len_wr = 0;
    if (f->inquiry_short) {
        ((uint8_t *)h->dxferp)[4] = 10;
        h->resid = (int)h->dxfer_len - 15;
    }
}

static int fake_ioctl(void *user, int fd, unsigned long request, void *arg)
{
    fake *f = user;
    assert_int_equal(fd, FAKE_FD);
    if (request == SG_GET_VERSION_NUM) {
        if (f->version_errno != 0) {
            errno = f->version_errno;
            return -1;
        }
        *(int *)arg = f->version;
        return 0;
    }
    if (request == SG_IO) {
        struct sg_io_hdr *h = arg;
        const fake_reply *r;
        f->sg_io_calls++;
        f->last = *h;
        assert_true(h->cmd_len <= sizeof f->last_cdb);
        memcpy(f->last_cdb, h->cmdp, h->cmd_len);
        if (h->cmdp[0] == TOCEX_OP_INQUIRY) {
            answer_inquiry(f, h);
            return 0;
        }
        assert_true(f->next_reply < f->reply_count);
        r = &f->replies[f->next_reply++];
        if (r->ioctl_errno != 0) {
            errno = r->ioctl_errno;
            return -1;
        }
        h->status = r->status;
        h->masked_status = (unsigned char)(r->status >> 1);
        h->host_status = r->host_status;
        h->driver_status = r->driver_status;
        h->resid = r->resid;
        if (h->dxfer_len > 0) {
            size_t n = r->data_len < h->dxfer_len ? r->data_len : h->dxfer_len;
            /* like the sg driver after CHECK CONDITION: stale bytes fill the buffer */
            memset(h->dxferp, 0xEE, h->dxfer_len);
            memcpy(h->dxferp, r->data, n);
        }
        h->sb_len_wr = (unsigned char)(r->sense_len < h->mx_sb_len ? r->sense_len : h->mx_sb_len);
        memcpy(h->sbp, r->sense, h->sb_len_wr);
        return 0;
    }
    errno = ENOTTY;
    return -1;
}

static void fake_init(fake *f, tocex_sgio_transport *tp)
{
    memset(f, 0, sizeof *f);
    f->version = 30536;
    f->inquiry_type = 0x05;
    tp->open = fake_open;
    tp->ioctl = fake_ioctl;
    tp->close = fake_close;
    tp->user = f;
}

static tocex_device *open_ok(fake *f, tocex_sgio_transport *tp)
{
    tocex_device *dev = NULL;
    tocex_error err;
    tocex_error_clear(&err);
    assert_int_equal(tocex_sgio_open_transport("/dev/sr0", false, tp, &dev, &err), TOCEX_OK);
    assert_non_null(dev);
    (void)f;
    return dev;
}

/* A READ TOC format 0 CDB with a 1024-byte allocation (MMC 43h). */
static void read_toc_cmd(tocex_cmd *cmd, uint8_t cdb[10], uint8_t *buf, size_t len)
{
    tocex_mmc_build_read_toc(cdb, 0, false, 0, (uint16_t)len);
    tocex_cmd_init(cmd, cdb, 10, buf, len);
}

static void test_open_flags_and_identity(void **state)
{
    fake f;
    tocex_sgio_transport tp;
    tocex_device *dev;
    const tocex_sgio_identity *id;
    (void)state;
    fake_init(&f, &tp);
    dev = open_ok(&f, &tp);
    assert_int_equal(f.open_flags & O_ACCMODE, O_RDONLY);
    assert_true((f.open_flags & O_NONBLOCK) != 0);
    assert_true((f.open_flags & O_EXCL) == 0);
    /* INQUIRY: 6-byte CDB, data in */
    assert_int_equal(f.last.interface_id, 'S');
    assert_int_equal(f.last.cmd_len, 6);
    assert_int_equal(f.last_cdb[0], 0x12);
    assert_int_equal(f.last.dxfer_direction, SG_DXFER_FROM_DEV);
    assert_true(f.last.dxfer_len >= 36);
    assert_string_equal(tocex_device_kind(dev), "sg_io");
    assert_string_equal(tocex_device_name(dev), "/dev/sr0");
    id = tocex_sgio_device_identity(dev);
    assert_non_null(id);
    assert_int_equal(id->peripheral_type, 5);
    assert_string_equal(id->vendor, "QEMU");
    assert_string_equal(id->model, "QEMU DVD-ROM");
    assert_string_equal(id->revision, "2.5+");
    tocex_device_close(dev);
    assert_int_equal(f.opens, 1);
    assert_int_equal(f.closes, 1);

    fake_init(&f, &tp);
    assert_int_equal(tocex_sgio_open_transport("/dev/sg0", true, &tp, &dev, NULL), TOCEX_OK);
    assert_true((f.open_flags & O_EXCL) != 0);
    assert_int_equal(f.open_flags & O_ACCMODE, O_RDONLY);
    tocex_device_close(dev);

    /* sg: exclusive needs a read-write open; EPERM for read-only is retried read-write */
    fake_init(&f, &tp);
    f.excl_needs_write = true;
    assert_int_equal(tocex_sgio_open_transport("/dev/sg0", true, &tp, &dev, NULL), TOCEX_OK);
    assert_int_equal(f.open_calls, 2);
    assert_int_equal(f.open_flags & O_ACCMODE, O_RDWR);
    assert_true((f.open_flags & O_EXCL) != 0);
    tocex_device_close(dev);
    assert_int_equal(f.opens, f.closes);

    /* ... held by another program: EBUSY */
    fake_init(&f, &tp);
    f.excl_needs_write = true;
    f.excl_rw_errno = EBUSY;
    assert_int_equal(tocex_sgio_open_transport("/dev/sg0", true, &tp, &dev, NULL), TOCEX_E_BUSY);

    /* ... no write access to the node */
    fake_init(&f, &tp);
    f.excl_needs_write = true;
    f.excl_rw_errno = EACCES;
    {
        tocex_error err;
        tocex_error_clear(&err);
        assert_int_equal(tocex_sgio_open_transport("/dev/sg0", true, &tp, &dev, &err), TOCEX_E_PERMISSION);
        assert_non_null(strstr(err.message, "exclusive"));
        assert_non_null(strstr(err.message, "/dev/sg0"));
    }
}

static void expect_open_errno(int e, tocex_status want, const char *needle)
{
    fake f;
    tocex_sgio_transport tp;
    tocex_device *dev = (tocex_device *)&f; /* must be reset to NULL */
    tocex_error err;
    fake_init(&f, &tp);
    f.open_errno = e;
    tocex_error_clear(&err);
    assert_int_equal(tocex_sgio_open_transport("/dev/sr1", false, &tp, &dev, &err), want);
    assert_null(dev);
    assert_int_equal(err.status, want);
    assert_non_null(strstr(err.message, "/dev/sr1"));
    if (needle != NULL)
        assert_non_null(strstr(err.message, needle));
}

static void test_open_errno_mapping(void **state)
{
    (void)state;
    expect_open_errno(EACCES, TOCEX_E_PERMISSION, "cdrom");
    expect_open_errno(EPERM, TOCEX_E_PERMISSION, "cdrom");
    expect_open_errno(EBUSY, TOCEX_E_BUSY, "busy");
    expect_open_errno(ENOMEDIUM, TOCEX_E_NO_MEDIUM, NULL);
    expect_open_errno(ENOENT, TOCEX_E_IO, NULL);
}

static void test_open_not_sg_or_not_mmc(void **state)
{
    fake f;
    tocex_sgio_transport tp;
    tocex_device *dev;
    tocex_error err;
    (void)state;

    fake_init(&f, &tp);
    f.version_errno = ENOTTY; /* /dev/null, a tty, ... */
    assert_int_equal(tocex_sgio_open_transport("/dev/tty0", false, &tp, &dev, &err), TOCEX_E_NOT_MMC);
    assert_int_equal(f.closes, f.opens);

    fake_init(&f, &tp);
    f.version = 20000; /* sg v2 has no SG_IO */
    assert_int_equal(tocex_sgio_open_transport("/dev/sg0", false, &tp, &dev, &err), TOCEX_E_UNSUPPORTED);
    assert_int_equal(f.closes, f.opens);

    fake_init(&f, &tp);
    f.inquiry_type = 0x00; /* a disk */
    assert_int_equal(tocex_sgio_open_transport("/dev/sg1", false, &tp, &dev, &err), TOCEX_E_NOT_MMC);
    assert_null(dev);
    assert_non_null(strstr(err.message, "00h"));
    assert_int_equal(f.closes, f.opens);

    fake_init(&f, &tp);
    f.inquiry_short = true; /* SPC: standard INQUIRY data is at least 36 bytes */
    assert_int_equal(tocex_sgio_open_transport("/dev/sg1", false, &tp, &dev, &err), TOCEX_E_BAD_ANSWER);
    assert_null(dev);
    assert_int_equal(f.closes, f.opens);

    fake_init(&f, &tp);
    f.inquiry_type = 0x7F; /* qualifier 011b: no device at this LUN */
    assert_int_equal(tocex_sgio_open_transport("/dev/sg1", false, &tp, &dev, &err), TOCEX_E_NOT_MMC);
    assert_int_equal(f.closes, f.opens);
}

static void test_header_timeout_and_direction(void **state)
{
    fake f;
    tocex_sgio_transport tp;
    tocex_device *dev;
    tocex_cmd cmd;
    uint8_t cdb[10], buf[1024];
    static const uint8_t tur[6] = {0, 0, 0, 0, 0, 0};
    (void)state;
    fake_init(&f, &tp);
    f.reply_count = 3;
    dev = open_ok(&f, &tp);

    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(f.last.timeout, 30000); /* default */
    assert_int_equal(f.last.cmd_len, 10);
    assert_memory_equal(f.last_cdb, cdb, 10);
    assert_int_equal(f.last.dxfer_direction, SG_DXFER_FROM_DEV);
    assert_int_equal(f.last.dxfer_len, 1024);
    assert_ptr_equal(f.last.dxferp, buf);
    assert_true(f.last.mx_sb_len >= 18);

    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    cmd.timeout_ms = 4500;
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(f.last.timeout, 4500);

    tocex_cmd_init(&cmd, tur, sizeof tur, NULL, 0); /* TEST UNIT READY: no data phase */
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(f.last.dxfer_direction, SG_DXFER_NONE);
    assert_int_equal(f.last.dxfer_len, 0);
    assert_int_equal(cmd.transferred, 0);
    tocex_device_close(dev);
}

static void test_resid(void **state)
{
    fake f;
    tocex_sgio_transport tp;
    tocex_device *dev;
    tocex_cmd cmd;
    uint8_t cdb[10], buf[1024];
    (void)state;

    /* A transport that never reports a residual: the count is the buffer, and unknown. */
    fake_init(&f, &tp);
    f.reply_count = 1;
    f.replies[0].data_len = 20;
    dev = open_ok(&f, &tp);
    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.status, 0);
    assert_int_equal(cmd.transferred, 1024);
    assert_false(cmd.transferred_known);
    tocex_device_close(dev);

    /* A transport with residuals: 1024 - 1004 = 20; afterwards resid 0 means all of it. */
    fake_init(&f, &tp);
    f.reply_count = 4;
    f.replies[0].resid = 1004;
    f.replies[1].resid = 0;
    f.replies[2].resid = -5;   /* nonsense from a broken driver: treated as 0 */
    f.replies[3].resid = 5000; /* more than asked for: clamped to nothing transferred */
    dev = open_ok(&f, &tp);
    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.transferred, 20);
    assert_true(cmd.transferred_known);
    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.transferred, 1024);
    assert_true(cmd.transferred_known);
    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.transferred, 1024);
    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.transferred, 0);
    tocex_device_close(dev);
}

static void test_sense_fixed_and_descriptor(void **state)
{
    fake f;
    tocex_sgio_transport tp;
    tocex_device *dev;
    tocex_cmd cmd;
    uint8_t cdb[10], buf[64];
    /* SPC fixed format: 70h, key in byte 2, additional length 0Ah, ASC/ASCQ in bytes 12/13 */
    static const uint8_t fixed[18] = {0x70, 0, 0x05, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x24, 0x00, 0, 0, 0, 0};
    /* SPC descriptor format: 72h, key/ASC/ASCQ in bytes 1-3, no descriptors */
    static const uint8_t desc[8] = {0x72, 0x02, 0x3A, 0x00, 0, 0, 0, 0};
    /* NOT READY, LOGICAL UNIT IS IN PROCESS OF BECOMING READY (04/01), deferred-error form 71h */
    static const uint8_t deferred[18] = {0x71, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x04, 0x01, 0, 0, 0, 0};
    static const uint8_t recovered[18] = {0xF0, 0, 0x01, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x17, 0x01, 0, 0, 0, 0};
    (void)state;

    fake_init(&f, &tp);
    f.reply_count = 5;
    f.replies[0].status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
    f.replies[0].driver_status = 0x08; /* DRIVER_SENSE */
    memcpy(f.replies[0].sense, fixed, sizeof fixed);
    f.replies[0].sense_len = sizeof fixed;
    f.replies[1].status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
    memcpy(f.replies[1].sense, desc, sizeof desc);
    f.replies[1].sense_len = sizeof desc;
    /* old low-level drivers: GOOD status byte, CHECK CONDITION only via DRIVER_SENSE */
    f.replies[2].status = 0;
    f.replies[2].driver_status = 0x08;
    memcpy(f.replies[2].sense, deferred, sizeof deferred);
    f.replies[2].sense_len = sizeof deferred;
    /* RECOVERED ERROR completes the command: the data is valid */
    f.replies[3].status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
    memcpy(f.replies[3].sense, recovered, sizeof recovered);
    f.replies[3].sense_len = sizeof recovered;
    f.replies[3].data[1] = 0x0A;
    f.replies[3].data_len = 12;
    f.replies[3].resid = 52;
    f.replies[4].status = TOCEX_SCSI_STATUS_BUSY;
    dev = open_ok(&f, &tp);

    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.status, TOCEX_SCSI_STATUS_CHECK_CONDITION);
    assert_int_equal(cmd.sense_len, 18);
    assert_memory_equal(cmd.sense_raw, fixed, 18);
    assert_int_equal(cmd.sense.key, TOCEX_SK_ILLEGAL_REQUEST);
    assert_int_equal(cmd.sense.asc, TOCEX_ASC_INVALID_FIELD_IN_CDB);
    assert_int_equal(cmd.sense.ascq, 0);
    assert_int_equal(cmd.transferred, 0); /* the 0xEE stale bytes are not data */

    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.status, TOCEX_SCSI_STATUS_CHECK_CONDITION);
    assert_int_equal(cmd.sense_len, 8);
    assert_int_equal(cmd.sense.key, TOCEX_SK_NOT_READY);
    assert_int_equal(cmd.sense.asc, TOCEX_ASC_MEDIUM_NOT_PRESENT);
    assert_int_equal(cmd.transferred, 0);

    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.status, TOCEX_SCSI_STATUS_CHECK_CONDITION);
    assert_int_equal(cmd.sense.key, TOCEX_SK_NOT_READY);
    assert_int_equal(cmd.sense.asc, TOCEX_ASC_LOGICAL_UNIT_NOT_READY);
    assert_int_equal(cmd.sense.ascq, 0x01);

    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.sense.key, TOCEX_SK_RECOVERED_ERROR);
    assert_int_equal(cmd.transferred, 12);
    assert_int_equal(buf[1], 0x0A);

    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.status, TOCEX_SCSI_STATUS_BUSY);
    assert_int_equal(cmd.sense_len, 0);
    assert_int_equal(cmd.transferred, 0);
    tocex_device_close(dev);
}

static void expect_transport_failure(fake_reply r, tocex_status want, const char *needle)
{
    fake f;
    tocex_sgio_transport tp;
    tocex_device *dev;
    tocex_cmd cmd;
    tocex_error err;
    uint8_t cdb[10], buf[64];
    fake_init(&f, &tp);
    f.replies[0] = r;
    f.reply_count = 1;
    dev = open_ok(&f, &tp);
    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    tocex_error_clear(&err);
    assert_int_equal(tocex_device_execute(dev, &cmd, &err), want);
    assert_int_equal(err.status, want);
    assert_non_null(strstr(err.message, "/dev/sr0"));
    if (needle != NULL)
        assert_non_null(strstr(err.message, needle));
    tocex_device_close(dev);
}

static void test_sg_io_errno(void **state)
{
    fake_reply r;
    (void)state;
    memset(&r, 0, sizeof r);
    r.ioctl_errno = EACCES; /* sr refuses SG_IO of commands not on the read-only list */
    expect_transport_failure(r, TOCEX_E_PERMISSION, "cdrom");
    r.ioctl_errno = EPERM; /* the kernel's command filter refused the opcode */
    expect_transport_failure(r, TOCEX_E_PERMISSION, "43h");
    r.ioctl_errno = EBUSY;
    expect_transport_failure(r, TOCEX_E_BUSY, NULL);
    r.ioctl_errno = ENOMEDIUM;
    expect_transport_failure(r, TOCEX_E_NO_MEDIUM, NULL);
    r.ioctl_errno = ETIMEDOUT;
    expect_transport_failure(r, TOCEX_E_TIMEOUT, NULL);
    r.ioctl_errno = EIO;
    expect_transport_failure(r, TOCEX_E_IO, NULL);
    r.ioctl_errno = ENODEV; /* drive unplugged */
    expect_transport_failure(r, TOCEX_E_IO, NULL);
}

static void test_host_and_driver_status(void **state)
{
    fake_reply r;
    (void)state;
    memset(&r, 0, sizeof r);
    r.host_status = 0x01; /* DID_NO_CONNECT */
    expect_transport_failure(r, TOCEX_E_IO, "DID_NO_CONNECT");
    r.host_status = 0x03; /* DID_TIME_OUT */
    expect_transport_failure(r, TOCEX_E_TIMEOUT, "DID_TIME_OUT");
    r.host_status = 0x07; /* DID_ERROR */
    expect_transport_failure(r, TOCEX_E_IO, "DID_ERROR");
    r.host_status = 0x99; /* unknown */
    expect_transport_failure(r, TOCEX_E_IO, "99h");
    r.host_status = 0;
    r.driver_status = 0x06; /* DRIVER_TIMEOUT */
    expect_transport_failure(r, TOCEX_E_TIMEOUT, "DRIVER_TIMEOUT");
    r.driver_status = 0x24; /* SUGGEST_ABORT | DRIVER_ERROR */
    expect_transport_failure(r, TOCEX_E_IO, "DRIVER_ERROR");
}

static void test_sense_truncated_or_garbage(void **state)
{
    fake f;
    tocex_sgio_transport tp;
    tocex_device *dev;
    tocex_cmd cmd;
    uint8_t cdb[10], buf[64];
    (void)state;
    fake_init(&f, &tp);
    f.reply_count = 2;
    f.replies[0].status = TOCEX_SCSI_STATUS_CHECK_CONDITION; /* no sense bytes at all */
    f.replies[1].status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
    f.replies[1].sense[0] = 0x00; /* not a sense response code */
    f.replies[1].sense[2] = 0x05;
    f.replies[1].sense_len = 18;
    dev = open_ok(&f, &tp);
    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.status, TOCEX_SCSI_STATUS_CHECK_CONDITION);
    assert_int_equal(cmd.sense_len, 0);
    assert_int_equal(cmd.sense.key, 0);
    read_toc_cmd(&cmd, cdb, buf, sizeof buf);
    assert_int_equal(tocex_device_execute(dev, &cmd, NULL), TOCEX_OK);
    assert_int_equal(cmd.sense.key, 0); /* undecodable: nothing invented */
    tocex_device_close(dev);
}

/* ---- drive list over a fake sysfs tree ---- */

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void mkdirs(const char *root, const char *rel)
{
    char path[1024], *p;
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (p = path + strlen(root) + 1; *p != '\0'; p++) {
        if (*p == '/') {
            *p = '\0';
            (void)mkdir(path, 0755);
            *p = '/';
        }
    }
    (void)mkdir(path, 0755);
}

static void symlink_at(const char *root, const char *target, const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    assert_int_equal(symlink(target, path), 0);
}

static void rm_rf(const char *path)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    assert_int_equal(system(cmd), 0);
}

static void test_list_drives(void **state)
{
    char root[] = "/tmp/tocex-sgio-XXXXXX";
    char path[1200];
    fake f;
    tocex_sgio_transport tp;
    tocex_drive_info *drives = NULL;
    size_t count = 99;
    (void)state;
    assert_non_null(mkdtemp(root));
    /* 0:0:0:0 = CD drive with sr0 and sg0; 1:0:0:0 = disk with sg1; 2:0:0:0 = CD with sg2 only */
    mkdirs(root, "devices/h0/0:0:0:0");
    mkdirs(root, "devices/h1/1:0:0:0");
    mkdirs(root, "devices/h2/2:0:0:0");
    mkdirs(root, "class/block/sr0");
    mkdirs(root, "class/block/sr10"); /* no device link: listed by name only, after sr0 */
    mkdirs(root, "class/block/sda");
    mkdirs(root, "class/scsi_generic/sg0");
    mkdirs(root, "class/scsi_generic/sg1");
    mkdirs(root, "class/scsi_generic/sg2");
    symlink_at(root, "../../../devices/h0/0:0:0:0", "class/block/sr0/device");
    symlink_at(root, "../../../devices/h1/1:0:0:0", "class/block/sda/device");
    symlink_at(root, "../../../devices/h0/0:0:0:0", "class/scsi_generic/sg0/device");
    symlink_at(root, "../../../devices/h1/1:0:0:0", "class/scsi_generic/sg1/device");
    symlink_at(root, "../../../devices/h2/2:0:0:0", "class/scsi_generic/sg2/device");
    snprintf(path, sizeof path, "%s/devices/h0/0:0:0:0/type", root);
    write_file(path, "5\n");
    snprintf(path, sizeof path, "%s/devices/h0/0:0:0:0/vendor", root);
    write_file(path, "HL-DT-ST\n");
    snprintf(path, sizeof path, "%s/devices/h0/0:0:0:0/model", root);
    write_file(path, "DVDRAM GH24NSD1 \n");
    snprintf(path, sizeof path, "%s/devices/h0/0:0:0:0/rev", root);
    write_file(path, "LG00\n");
    snprintf(path, sizeof path, "%s/devices/h1/1:0:0:0/type", root);
    write_file(path, "0\n");
    snprintf(path, sizeof path, "%s/devices/h2/2:0:0:0/type", root);
    write_file(path, "5\n"); /* no vendor/model files: identity comes from INQUIRY */

    fake_init(&f, &tp);
    /* GET CONFIGURATION header for each opened drive: /dev/sg2 (no disc: profile 0), /dev/sr0 */
    f.reply_count = 3;
    f.replies[2].data[7] = 0x10; /* 0010h DVD-ROM */
    f.replies[2].data_len = 8;
    f.replies[0].data[7] = 0x08; /* 0008h CD-ROM (MMC profile list) */
    f.replies[0].data_len = 8;
    f.replies[1].status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
    f.replies[1].sense[0] = 0x70;
    f.replies[1].sense[2] = 0x02;
    f.replies[1].sense[7] = 10;
    f.replies[1].sense[12] = 0x3A; /* MEDIUM NOT PRESENT */
    f.replies[1].sense_len = 18;
    snprintf(path, sizeof path, "%s/dev", root);
    assert_int_equal(tocex_sgio_list_drives_at(root, path, &tp, &drives, &count, NULL), TOCEX_OK);
    assert_int_equal(count, 3);
    /* sorted by path, numbers as numbers: .../dev/sg2, .../dev/sr0, .../dev/sr10 */
    assert_non_null(strstr(drives[0].path, "/dev/sg2"));
    assert_non_null(strstr(drives[0].sg_path, "/dev/sg2"));
    assert_non_null(strstr(drives[1].path, "/dev/sr0"));
    assert_non_null(strstr(drives[1].sg_path, "/dev/sg0"));
    assert_non_null(strstr(drives[2].path, "/dev/sr10"));
    assert_string_equal(drives[2].sg_path, "");
    assert_string_equal(drives[1].vendor, "HL-DT-ST");
    assert_string_equal(drives[1].model, "DVDRAM GH24NSD1");
    assert_string_equal(drives[1].revision, "LG00");
    assert_string_equal(drives[0].vendor, "QEMU");
    assert_string_equal(drives[0].model, "QEMU DVD-ROM");
    /* the opening order is the directory order; check each media against its own reply */
    {
        size_t i, cd = 0, none = 0, dvd = 0;
        for (i = 0; i < count; i++) {
            assert_true(drives[i].media_known);
            if (drives[i].media == TOCEX_MEDIA_CD_ROM && drives[i].profile == 0x0008)
                cd++;
            if (drives[i].media == TOCEX_MEDIA_NONE && drives[i].profile == 0)
                none++;
            if (drives[i].media == TOCEX_MEDIA_DVD_ROM && drives[i].profile == 0x0010)
                dvd++;
        }
        assert_int_equal(cd, 1);
        assert_int_equal(none, 1);
        assert_int_equal(dvd, 1);
    }
    assert_int_equal(f.opens, f.closes);
    tocex_sgio_free_drives(drives);

    /* No permission: listed anyway, media unknown with the reason. */
    fake_init(&f, &tp);
    f.open_errno = EACCES;
    assert_int_equal(tocex_sgio_list_drives_at(root, path, &tp, &drives, &count, NULL), TOCEX_OK);
    assert_int_equal(count, 3);
    assert_false(drives[1].media_known);
    assert_non_null(strstr(drives[1].note, "permission"));
    assert_string_equal(drives[1].vendor, "HL-DT-ST");
    tocex_sgio_free_drives(drives);
    rm_rf(root);

    /* No sysfs at all: zero drives, not an error. */
    assert_int_equal(tocex_sgio_list_drives_at("/nonexistent-sys", "/dev", &tp, &drives, &count, NULL), TOCEX_OK);
    assert_int_equal(count, 0);
    tocex_sgio_free_drives(drives);
}

/* The system transport on things that are not SCSI devices (no drive needed). */
static void test_system_transport_non_scsi(void **state)
{
    tocex_device *dev = NULL;
    tocex_error err;
    (void)state;
    tocex_error_clear(&err);
    /* /dev/null: open works, SG_GET_VERSION_NUM fails (ENOTTY) */
    assert_int_equal(tocex_sgio_open("/dev/null", false, &dev, &err), TOCEX_E_NOT_MMC);
    assert_null(dev);
    assert_non_null(strstr(err.message, "/dev/null"));
    assert_int_equal(tocex_sgio_open("/nonexistent/sr9", false, &dev, &err), TOCEX_E_IO);
    assert_non_null(strstr(err.message, "/nonexistent/sr9"));
    assert_int_equal(tocex_sgio_open("", false, &dev, &err), TOCEX_E_INVALID_ARGUMENT);
    assert_int_equal(tocex_sgio_open("/dev/null", false, NULL, &err), TOCEX_E_INVALID_ARGUMENT);
    assert_null(tocex_sgio_device_identity(NULL));
    {
        /* this machine's real sysfs: any number of drives, never an error */
        tocex_drive_info *drives = NULL;
        size_t count = 0;
        assert_int_equal(tocex_sgio_list_drives(&drives, &count, &err), TOCEX_OK);
        assert_non_null(drives);
        tocex_sgio_free_drives(drives);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_flags_and_identity),
        cmocka_unit_test(test_open_errno_mapping),
        cmocka_unit_test(test_open_not_sg_or_not_mmc),
        cmocka_unit_test(test_header_timeout_and_direction),
        cmocka_unit_test(test_resid),
        cmocka_unit_test(test_sense_fixed_and_descriptor),
        cmocka_unit_test(test_sg_io_errno),
        cmocka_unit_test(test_host_and_driver_status),
        cmocka_unit_test(test_sense_truncated_or_garbage),
        cmocka_unit_test(test_list_drives),
        cmocka_unit_test(test_system_transport_non_scsi),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
