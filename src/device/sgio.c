/* The Linux SG_IO drive: one tocex_cmd = one SG_IO ioctl on /dev/srN (block-layer SG_IO) or
 * /dev/sgN (the sg driver). Both accept the same struct sg_io_hdr (interface 'S'). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <scsi/sg.h>

#include "tocex/bytes.h"
#include "tocex/mmc.h"
#include "tocex/sgio.h"

/* Linux include/scsi/scsi_status.h host bytes (DID_*), reported in sg_io_hdr.host_status. */
#define SGIO_DID_OK 0x00
#define SGIO_DID_TIME_OUT 0x03
/* Driver byte (sg_io_hdr.driver_status): low nibble DRIVER_*, high nibble SUGGEST_*.
 * DRIVER_SENSE (08h) only says that the sense buffer is valid. */
#define SGIO_DRIVER_MASK 0x0F
#define SGIO_DRIVER_SENSE 0x08
#define SGIO_DRIVER_TIMEOUT 0x06

typedef struct sgio_ctx {
    int fd;
    tocex_sgio_transport tp;
    char path[256];
    tocex_sgio_identity identity;
    /* Some transports never report a residual (libata ATAPI, QEMU's iSCSI SG_IO emulation:
     * resid is always 0). Only after a command reported resid > 0 do we know that resid 0
     * means "everything arrived". */
    bool resid_reported;
} sgio_ctx;


static int tp_open(const tocex_sgio_transport *tp, const char *path, int flags)
{
    if (tp->open != NULL)
        return tp->open(tp->user, path, flags);
    return open(path, flags);
}

static int tp_ioctl(const tocex_sgio_transport *tp, int fd, unsigned long request, void *arg)
{
    if (tp->ioctl != NULL)
        return tp->ioctl(tp->user, fd, request, arg);
    return ioctl(fd, request, arg);
}

static void tp_close(const tocex_sgio_transport *tp, int fd)
{
    if (tp->close != NULL)
        (void)tp->close(tp->user, fd);
    else
        (void)close(fd);
}

static const char *host_status_name(unsigned host)
{
    /* Linux include/scsi/scsi_status.h, enum host_status */
    static const char *const names[] = {
        "DID_OK",          "DID_NO_CONNECT (no device at this address)",
        "DID_BUS_BUSY",    "DID_TIME_OUT (the command timed out)",
        "DID_BAD_TARGET",  "DID_ABORT (the command was aborted)",
        "DID_PARITY",      "DID_ERROR (internal error of the host adapter)",
        "DID_RESET (the bus was reset)", "DID_BAD_INTR",
        "DID_PASSTHROUGH", "DID_SOFT_ERROR",
        "DID_IMM_RETRY",   "DID_REQUEUE",
        "DID_TRANSPORT_DISRUPTED", "DID_TRANSPORT_FAILFAST",
        "DID_TARGET_FAILURE", "DID_NEXUS_FAILURE",
        "DID_ALLOC_FAILURE", "DID_MEDIUM_ERROR",
        "DID_TRANSPORT_MARGINAL",
    };
    if (host < sizeof names / sizeof names[0])
        return names[host];
    return "unknown host status";
}

static const char *driver_status_name(unsigned drv)
{
    /* Linux drivers/scsi/sg.c (DRIVER_* values still reported in sg_io_hdr.driver_status) */
    static const char *const names[] = {
        "DRIVER_OK",  "DRIVER_BUSY",    "DRIVER_SOFT",    "DRIVER_MEDIA",
        "DRIVER_ERROR", "DRIVER_INVALID", "DRIVER_TIMEOUT", "DRIVER_HARD",
        "DRIVER_SENSE",
    };
    if (drv < sizeof names / sizeof names[0])
        return names[drv];
    return "unknown driver status";
}

/* errno of open(2)/ioctl(2) on a drive -> status and a message that says what to do. */
static tocex_status errno_status(int e, const char *path, const char *what, tocex_error *err)
{
    switch (e) {
    case EACCES:
    case EPERM:
        return tocex_error_set(err, TOCEX_E_PERMISSION,
                               "%s: %s: permission denied; the user needs read access to the device "
                               "(usually by membership in the 'cdrom' group: usermod -aG cdrom USER, "
                               "then log in again)",
                               path, what);
    case EBUSY:
        return tocex_error_set(err, TOCEX_E_BUSY,
                               "%s: %s: device is busy (another program holds it, possibly opened "
                               "exclusively); try again later or without --exclusive",
                               path, what);
    case ENOMEDIUM:
        return tocex_error_set(err, TOCEX_E_NO_MEDIUM, "%s: %s: no medium in the drive", path, what);
    case ETIMEDOUT:
        return tocex_error_set(err, TOCEX_E_TIMEOUT, "%s: %s: timed out", path, what);
    case ENOENT:
    case ENXIO:
    case ENODEV:
        return tocex_error_set(err, TOCEX_E_IO, "%s: %s: %s (is the drive connected and its driver loaded?)",
                               path, what, strerror(e));
    default:
        return tocex_error_set(err, TOCEX_E_IO, "%s: %s: %s", path, what, strerror(e));
    }
}

static tocex_status sgio_execute(void *vctx, tocex_cmd *cmd, tocex_error *err)
{
    sgio_ctx *ctx = vctx;
    struct sg_io_hdr hdr;
    unsigned host, drv;
    int rc;
    size_t resid;

    if (cmd->cdb_len == 0 || cmd->cdb_len > 16)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: CDB length %zu is not 1..16", ctx->path,
                               cmd->cdb_len);
    if (cmd->data_len > UINT_MAX)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: data buffer of %zu bytes is too large",
                               ctx->path, cmd->data_len);

    memset(&hdr, 0, sizeof hdr);
    hdr.interface_id = 'S';
    hdr.cmd_len = (unsigned char)cmd->cdb_len;
    /* sg_io_hdr.cmdp is not const in <scsi/sg.h>; the kernel only reads it. */
    hdr.cmdp = (unsigned char *)(uintptr_t)cmd->cdb;
    if (cmd->data_len > 0 && cmd->data != NULL) {
        hdr.dxfer_direction = SG_DXFER_FROM_DEV;
        hdr.dxferp = cmd->data;
        hdr.dxfer_len = (unsigned)cmd->data_len;
    } else {
        hdr.dxfer_direction = SG_DXFER_NONE;
    }
    hdr.sbp = cmd->sense_raw;
    hdr.mx_sb_len = (unsigned char)sizeof cmd->sense_raw;
    hdr.timeout = cmd->timeout_ms != 0 ? cmd->timeout_ms : TOCEX_SGIO_DEFAULT_TIMEOUT_MS;

    rc = tp_ioctl(&ctx->tp, ctx->fd, SG_IO, &hdr);
    if (rc < 0) {
        int e = errno;
        /* Linux block/scsi_ioctl.c and sg.c: commands outside the read-only list need a
         * read-write open or CAP_SYS_RAWIO; a refused command is EPERM, not a missing right
         * to the device node. */
        if (e == EPERM)
            return tocex_error_set(err, TOCEX_E_PERMISSION,
                                   "%s: SG_IO: the kernel did not allow command %02Xh on this open device "
                                   "(commands that can change the drive need write access or CAP_SYS_RAWIO; "
                                   "usually membership in the 'cdrom' group)",
                                   ctx->path, cmd->cdb[0]);
        return errno_status(e, ctx->path, "SG_IO", err);
    }

    host = hdr.host_status;
    drv = (unsigned)hdr.driver_status & SGIO_DRIVER_MASK;
    if (host != SGIO_DID_OK)
        return tocex_error_set(err, host == SGIO_DID_TIME_OUT ? TOCEX_E_TIMEOUT : TOCEX_E_IO,
                               "%s: command %02Xh failed in the host adapter: host status %02Xh %s", ctx->path,
                               cmd->cdb[0], host, host_status_name(host));
    if (drv != 0 && drv != SGIO_DRIVER_SENSE)
        return tocex_error_set(err, drv == SGIO_DRIVER_TIMEOUT ? TOCEX_E_TIMEOUT : TOCEX_E_IO,
                               "%s: command %02Xh failed in the driver: driver status %02Xh %s", ctx->path,
                               cmd->cdb[0], (unsigned)hdr.driver_status, driver_status_name(drv));

    cmd->status = hdr.status;
    cmd->sense_len = hdr.sb_len_wr <= sizeof cmd->sense_raw ? hdr.sb_len_wr : sizeof cmd->sense_raw;
    /* Old low-level drivers report CHECK CONDITION only as DRIVER_SENSE with sense bytes. */
    if (cmd->status == TOCEX_SCSI_STATUS_GOOD && drv == SGIO_DRIVER_SENSE && cmd->sense_len > 0)
        cmd->status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
    if (cmd->status == TOCEX_SCSI_STATUS_CHECK_CONDITION) {
        if (!tocex_sense_decode(cmd->sense_raw, cmd->sense_len, &cmd->sense))
            memset(&cmd->sense, 0, sizeof cmd->sense);
    } else {
        cmd->sense_len = 0;
    }

    /* transferred = dxfer_len - resid; a negative or oversized resid is a transport bug. */
    resid = hdr.resid > 0 ? (size_t)hdr.resid : 0;
    if (resid > hdr.dxfer_len)
        resid = hdr.dxfer_len;
    if (resid > 0)
        ctx->resid_reported = true;
    cmd->transferred = hdr.dxfer_len - resid;
    cmd->transferred_known = resid > 0 || ctx->resid_reported;

    /* After CHECK CONDITION the buffer may hold stale bytes: the sg driver copies its whole
     * reserve buffer back when resid is 0 (seen under QEMU: the previous command's TOC).
     * Only RECOVERED ERROR completes a command with valid data. */
    if (cmd->status != TOCEX_SCSI_STATUS_GOOD &&
        !(cmd->status == TOCEX_SCSI_STATUS_CHECK_CONDITION && cmd->sense.key == TOCEX_SK_RECOVERED_ERROR)) {
        cmd->transferred = 0;
        cmd->transferred_known = true;
    }
    return TOCEX_OK;
}

static void sgio_close(void *vctx)
{
    sgio_ctx *ctx = vctx;
    if (ctx == NULL)
        return;
    if (ctx->fd >= 0)
        tp_close(&ctx->tp, ctx->fd);
    free(ctx);
}

static const tocex_device_ops sgio_ops = {"sg_io", sgio_execute, sgio_close};

static void copy_trimmed(char *dst, size_t cap, const uint8_t *src, size_t n)
{
    size_t i, len = 0;
    for (i = 0; i < n && len + 1 < cap; i++) {
        uint8_t c = src[i];
        dst[len++] = (c >= 0x20 && c < 0x7F) ? (char)c : '?';
    }
    while (len > 0 && dst[len - 1] == ' ')
        len--;
    dst[len] = '\0';
}

static const char *peripheral_type_name(unsigned type)
{
    /* SPC peripheral device types */
    switch (type) {
    case 0x00: return "a direct-access block device (disk)";
    case 0x01: return "a sequential-access device (tape)";
    case 0x03: return "a processor device";
    case 0x04: return "a write-once device";
    case 0x05: return "an MMC device";
    case 0x07: return "an optical memory device";
    case 0x08: return "a medium changer";
    case 0x0C: return "a storage array controller";
    case 0x0D: return "an enclosure services device";
    case 0x0E: return "a simplified direct-access device";
    case 0x1F: return "an unknown device type";
    default: return "a non-MMC device";
    }
}

/* INQUIRY (SPC): byte 0 = qualifier/type, 8-15 vendor, 16-31 product, 32-35 revision. */
static tocex_status sgio_inquiry(tocex_device *dev, sgio_ctx *ctx, tocex_error *err)
{
    static const uint8_t cdb[6] = {TOCEX_OP_INQUIRY, 0, 0, 0, 96, 0};
    uint8_t data[96];
    tocex_cmd cmd;
    tocex_status st;
    int attempt;
    unsigned qualifier;

    for (attempt = 0;; attempt++) {
        memset(data, 0, sizeof data);
        tocex_cmd_init(&cmd, cdb, sizeof cdb, data, sizeof data);
        st = tocex_device_execute(dev, &cmd, err);
        if (st != TOCEX_OK)
            return st;
        if (cmd.status == TOCEX_SCSI_STATUS_GOOD)
            break;
        /* SPC exempts INQUIRY from UNIT ATTENTION, but some bridges report it anyway. */
        if (attempt < 2 && cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION &&
            cmd.sense.key == TOCEX_SK_UNIT_ATTENTION)
            continue;
        return tocex_error_set(err, TOCEX_E_CHECK_CONDITION,
                               "%s: INQUIRY failed: status %02Xh, sense %X/%02X/%02X %s", ctx->path, cmd.status,
                               cmd.sense.key, cmd.sense.asc, cmd.sense.ascq,
                               tocex_sense_asc_name(cmd.sense.asc, cmd.sense.ascq));
    }
    /* transferred may be the whole buffer on transports without residuals; the additional
     * length (byte 4) tells what is real. The identity fields need 36 bytes. */
    {
        tocex_span in, fields;
        uint8_t byte0, additional, vendor[8], model[16], revision[4];
        tocex_span_init(&in, data, cmd.transferred);
        if (!tocex_span_get_u8(&in, &byte0) || !tocex_span_skip(&in, 3) || !tocex_span_get_u8(&in, &additional) ||
            (size_t)additional + 5 < 36)
            return tocex_error_set(err, TOCEX_E_BAD_ANSWER,
                                   "%s: INQUIRY answer too short (%zu bytes, additional length %u)", ctx->path,
                                   cmd.transferred, cmd.transferred > 4 ? data[4] : 0u);
        tocex_span_init(&in, data, cmd.transferred);
        if (!tocex_span_skip(&in, 8) || !tocex_span_get_span(&in, &fields, 28) ||
            !tocex_span_copy(&fields, vendor, sizeof vendor) || !tocex_span_copy(&fields, model, sizeof model) ||
            !tocex_span_copy(&fields, revision, sizeof revision))
            return tocex_error_set(err, TOCEX_E_BAD_ANSWER, "%s: INQUIRY answer too short (%zu bytes)", ctx->path,
                                   cmd.transferred);
        qualifier = (unsigned)byte0 >> 5;
        ctx->identity.peripheral_type = byte0 & 0x1F;
        copy_trimmed(ctx->identity.vendor, sizeof ctx->identity.vendor, vendor, sizeof vendor);
        copy_trimmed(ctx->identity.model, sizeof ctx->identity.model, model, sizeof model);
        copy_trimmed(ctx->identity.revision, sizeof ctx->identity.revision, revision, sizeof revision);
    }
    if (qualifier != 0)
        return tocex_error_set(err, TOCEX_E_NOT_MMC, "%s: INQUIRY peripheral qualifier %u: no device connected here",
                               ctx->path, qualifier);
    if (ctx->identity.peripheral_type != 0x05)
        return tocex_error_set(err, TOCEX_E_NOT_MMC,
                               "%s: %s %s is %s (peripheral device type %02Xh), not an optical drive (05h)",
                               ctx->path, ctx->identity.vendor, ctx->identity.model,
                               peripheral_type_name(ctx->identity.peripheral_type), ctx->identity.peripheral_type);
    return TOCEX_OK;
}

tocex_status tocex_sgio_open_transport(const char *path, bool exclusive, const tocex_sgio_transport *transport,
                                       tocex_device **out, tocex_error *err)
{
    sgio_ctx *ctx;
    tocex_device *dev;
    tocex_status st;
    int flags, version = 0, e;

    if (out == NULL || path == NULL || path[0] == '\0')
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "no device path given");
    *out = NULL;
    ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", path);
    if (transport != NULL)
        ctx->tp = *transport;
    ctx->fd = -1;
    snprintf(ctx->path, sizeof ctx->path, "%s", path);

    /* O_NONBLOCK: sr opens without a disc (and does not wait for the tray); O_RDONLY is enough
     * for SG_IO on both sr and sg for the read-only commands tocex sends. */
    flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC;
    if (exclusive)
        flags |= O_EXCL;
    ctx->fd = tp_open(&ctx->tp, path, flags);
    if (ctx->fd < 0 && exclusive && errno == EPERM) {
        /* Linux drivers/scsi/sg.c sg_open: O_EXCL with O_RDONLY is EPERM ("can't lock it with
         * read only access"); the sg driver's exclusive mode needs a read-write open. */
        ctx->fd = tp_open(&ctx->tp, path, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_EXCL);
        if (ctx->fd < 0 && (errno == EACCES || errno == EPERM)) {
            free(ctx);
            return tocex_error_set(err, TOCEX_E_PERMISSION,
                                   "%s: cannot open exclusively: the sg driver locks a device only for a "
                                   "read-write open and the user has no write access (membership in the "
                                   "'cdrom' group usually gives it); or open without exclusive access",
                                   path);
        }
    }
    if (ctx->fd < 0) {
        e = errno;
        free(ctx);
        return errno_status(e, path, "cannot open", err);
    }
    if (tp_ioctl(&ctx->tp, ctx->fd, SG_GET_VERSION_NUM, &version) < 0) {
        e = errno;
        tp_close(&ctx->tp, ctx->fd);
        free(ctx);
        if (e == EACCES || e == EPERM || e == EBUSY)
            return errno_status(e, path, "SG_GET_VERSION_NUM", err);
        return tocex_error_set(err, TOCEX_E_NOT_MMC, "%s: not a SCSI device (SG_GET_VERSION_NUM: %s)", path,
                               strerror(e));
    }
    if (version < 30000) {
        tp_close(&ctx->tp, ctx->fd);
        free(ctx);
        return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "%s: SG driver version %d has no SG_IO (3.0 needed)", path,
                               version);
    }
    dev = tocex_device_new(&sgio_ops, ctx);
    if (dev == NULL) {
        sgio_close(ctx);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", path);
    }
    tocex_device_set_name(dev, path);
    st = sgio_inquiry(dev, ctx, err);
    if (st != TOCEX_OK) {
        tocex_device_close(dev);
        return st;
    }
    *out = dev;
    return TOCEX_OK;
}

tocex_status tocex_sgio_open(const char *path, bool exclusive, tocex_device **out, tocex_error *err)
{
    return tocex_sgio_open_transport(path, exclusive, NULL, out, err);
}

const tocex_sgio_identity *tocex_sgio_device_identity(tocex_device *dev)
{
    sgio_ctx *ctx;
    if (dev == NULL || tocex_device_kind(dev) != sgio_ops.kind)
        return NULL;
    ctx = tocex_device_context(dev);
    return ctx != NULL ? &ctx->identity : NULL;
}
