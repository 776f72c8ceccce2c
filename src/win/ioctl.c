/* IOCTL_CDROM_READ_TOC_EX and its siblings with the semantics of Microsoft's KMDF cdrom.sys
 * (Windows-driver-samples storage/class/cdrom: ioctl.c RequestValidateReadTocEx,
 * RequestHandleReadTocEx, RequestHandleReadTOC; sense.c; common.c RequestCompletion). */
#include <string.h>
#include <strings.h>

#include "tocex/mmc.h"
#include "tocex/win.h"

#define READ_TOC_EX_INPUT_SIZE 4 /* sizeof(CDROM_READ_TOC_EX) */
#define SESSION_DATA_SIZE 12     /* sizeof(CDROM_TOC_SESSION_DATA) */
#define DEFAULT_RETRIES 5        /* sense.c: no retry once RetriedCount > 4 */

static const struct {
    NTSTATUS status;
    const char *name;
} status_names[] = {
    {STATUS_SUCCESS, "STATUS_SUCCESS"},
    {STATUS_DEVICE_BUSY, "STATUS_DEVICE_BUSY"},
    {STATUS_VERIFY_REQUIRED, "STATUS_VERIFY_REQUIRED"},
    {STATUS_NO_DATA_DETECTED, "STATUS_NO_DATA_DETECTED"},
    {STATUS_INFO_LENGTH_MISMATCH, "STATUS_INFO_LENGTH_MISMATCH"},
    {STATUS_INVALID_PARAMETER, "STATUS_INVALID_PARAMETER"},
    {STATUS_INVALID_DEVICE_REQUEST, "STATUS_INVALID_DEVICE_REQUEST"},
    {STATUS_NO_MEDIA_IN_DEVICE, "STATUS_NO_MEDIA_IN_DEVICE"},
    {STATUS_UNRECOGNIZED_MEDIA, "STATUS_UNRECOGNIZED_MEDIA"},
    {STATUS_NONEXISTENT_SECTOR, "STATUS_NONEXISTENT_SECTOR"},
    {STATUS_ACCESS_DENIED, "STATUS_ACCESS_DENIED"},
    {STATUS_BUFFER_TOO_SMALL, "STATUS_BUFFER_TOO_SMALL"},
    {STATUS_DATA_OVERRUN, "STATUS_DATA_OVERRUN"},
    {STATUS_INSUFFICIENT_RESOURCES, "STATUS_INSUFFICIENT_RESOURCES"},
    {STATUS_DEVICE_DATA_ERROR, "STATUS_DEVICE_DATA_ERROR"},
    {STATUS_DEVICE_NOT_CONNECTED, "STATUS_DEVICE_NOT_CONNECTED"},
    {STATUS_DEVICE_NOT_READY, "STATUS_DEVICE_NOT_READY"},
    {STATUS_IO_TIMEOUT, "STATUS_IO_TIMEOUT"},
    {STATUS_NOT_SUPPORTED, "STATUS_NOT_SUPPORTED"},
    {STATUS_DEVICE_DOES_NOT_EXIST, "STATUS_DEVICE_DOES_NOT_EXIST"},
    {STATUS_CANCELLED, "STATUS_CANCELLED"},
    {STATUS_IO_DEVICE_ERROR, "STATUS_IO_DEVICE_ERROR"},
};

const char *tocex_win_status_name(NTSTATUS status)
{
    for (size_t i = 0; i < sizeof status_names / sizeof status_names[0]; i++)
        if (status_names[i].status == status)
            return status_names[i].name;
    return NULL;
}

static const struct {
    uint32_t code;
    const char *name;
} ioctl_names[] = {
    {IOCTL_CDROM_READ_TOC_EX, "IOCTL_CDROM_READ_TOC_EX"},
    {IOCTL_CDROM_READ_TOC, "IOCTL_CDROM_READ_TOC"},
    {IOCTL_CDROM_GET_LAST_SESSION, "IOCTL_CDROM_GET_LAST_SESSION"},
};

uint32_t tocex_win_ioctl_from_name(const char *name)
{
    if (name == NULL)
        return 0;
    for (size_t i = 0; i < sizeof ioctl_names / sizeof ioctl_names[0]; i++) {
        const char *full = ioctl_names[i].name;
        if (strcasecmp(name, full) == 0 || strcasecmp(name, full + strlen("IOCTL_CDROM_")) == 0)
            return ioctl_names[i].code;
    }
    return 0;
}

const char *tocex_win_ioctl_name(uint32_t code)
{
    for (size_t i = 0; i < sizeof ioctl_names / sizeof ioctl_names[0]; i++)
        if (ioctl_names[i].code == code)
            return ioctl_names[i].name;
    return NULL;
}

/* MS-KMDF sense.c, for READ TOC requests (windows-ioctl.md §3.5). */
NTSTATUS tocex_win_status_from_command(const tocex_cmd *cmd, bool volume_mounted, bool *retry)
{
    uint8_t key, asc, ascq;
    *retry = false;
    if (cmd->status == TOCEX_SCSI_STATUS_GOOD)
        return STATUS_SUCCESS;
    if (cmd->status == TOCEX_SCSI_STATUS_BUSY) {
        *retry = true;
        return STATUS_DEVICE_NOT_READY;
    }
    if (cmd->status != TOCEX_SCSI_STATUS_CHECK_CONDITION) {
        *retry = true;
        return STATUS_IO_DEVICE_ERROR;
    }
    key = cmd->sense.key;
    asc = cmd->sense.asc;
    ascq = cmd->sense.ascq;
    /* Additional-sense-code rules first: they apply whatever the sense key. */
    switch (asc) {
    case TOCEX_ASC_MEDIUM_NOT_PRESENT:
        return STATUS_NO_MEDIA_IN_DEVICE;
    case TOCEX_ASC_LOGICAL_UNIT_NOT_READY:
        if (key != TOCEX_SK_NOT_READY)
            break;
        switch (ascq) {
        case 0x01: /* becoming ready: retried after NOT_READY_RETRY_INTERVAL */
            *retry = true;
            return STATUS_DEVICE_NOT_READY;
        case 0x03: /* manual intervention required */
            return STATUS_NO_MEDIA_IN_DEVICE;
        case 0x04: /* format in progress */
            return STATUS_DEVICE_NOT_READY;
        case 0x07: /* operation in progress: DeviceErrorHandlerForMmc turns it into DEVICE_BUSY */
        case 0x08: /* long write in progress: likewise */
            *retry = true;
            return STATUS_DEVICE_BUSY;
        default:
            *retry = true;
            return STATUS_DEVICE_NOT_READY;
        }
    case TOCEX_ASC_INVALID_FIELD_IN_CDB:
        return STATUS_INVALID_DEVICE_REQUEST;
    case TOCEX_ASC_LBA_OUT_OF_RANGE:
        return STATUS_NONEXISTENT_SECTOR;
    case TOCEX_ASC_INCOMPATIBLE_MEDIUM:
        if (ascq == 0x01 || ascq == 0x02)
            return STATUS_UNRECOGNIZED_MEDIA;
        break;
    case TOCEX_ASC_NOT_READY_TO_READY_CHANGE:
        if (volume_mounted)
            return STATUS_VERIFY_REQUIRED;
        *retry = true;
        return STATUS_IO_DEVICE_ERROR;
    default:
        break;
    }
    switch (key) {
    case TOCEX_SK_RECOVERED_ERROR:
        return STATUS_SUCCESS;
    case TOCEX_SK_NOT_READY:
        *retry = true;
        return STATUS_DEVICE_NOT_READY;
    case TOCEX_SK_MEDIUM_ERROR:
        return STATUS_DEVICE_DATA_ERROR;
    case TOCEX_SK_HARDWARE_ERROR:
        *retry = true;
        return STATUS_IO_DEVICE_ERROR;
    case TOCEX_SK_ILLEGAL_REQUEST:
        return STATUS_INVALID_DEVICE_REQUEST;
    case TOCEX_SK_UNIT_ATTENTION:
        if (volume_mounted)
            return STATUS_VERIFY_REQUIRED;
        *retry = true;
        return STATUS_IO_DEVICE_ERROR;
    case 0x8: /* BLANK CHECK */
        return STATUS_NO_DATA_DETECTED;
    case TOCEX_SK_ABORTED_COMMAND:
        *retry = true;
        return STATUS_IO_DEVICE_ERROR;
    default:
        *retry = true;
        return STATUS_IO_DEVICE_ERROR;
    }
}

/* Run the CDB with cdrom.sys' retry loop. On success *transferred = bytes moved. */
static NTSTATUS run_cdb(tocex_device *dev, const uint8_t cdb[10], uint8_t *data, uint32_t alloc,
                        const tocex_win_options *opts, size_t *transferred)
{
    unsigned retries = opts != NULL && opts->max_retries_set ? opts->max_retries : DEFAULT_RETRIES;
    bool mounted = !(opts != NULL && opts->no_volume_mounted);
    for (unsigned attempt = 0;; attempt++) {
        tocex_cmd cmd;
        tocex_error err;
        tocex_status st;
        NTSTATUS status;
        bool retry;
        tocex_cmd_init(&cmd, cdb, 10, data, alloc);
        cmd.timeout_ms = 10000; /* SCSI_CDROM_TIMEOUT */
        st = tocex_device_execute(dev, &cmd, &err);
        if (st == TOCEX_E_TIMEOUT) {
            status = STATUS_IO_TIMEOUT;
            retry = true;
        } else if (st == TOCEX_E_NOMEM) {
            return STATUS_INSUFFICIENT_RESOURCES;
        } else if (st != TOCEX_OK) {
            status = STATUS_IO_DEVICE_ERROR;
            retry = true;
        } else {
            /* A short transfer (SRB DATA_OVERRUN) is success for these requests
             * (SenseInfoInterpretRefineByIoControl): only the byte count matters. */
            status = tocex_win_status_from_command(&cmd, mounted, &retry);
            if (status == STATUS_SUCCESS) {
                *transferred = cmd.transferred;
                return STATUS_SUCCESS;
            }
        }
        if (!retry || attempt >= retries)
            return status;
    }
}

static bool aligned(uint32_t out_len, const tocex_win_options *opts)
{
    return opts == NULL || (out_len & opts->alignment_mask) == 0;
}

/* RequestValidateReadTocEx (V1..V8), then RequestHandleReadTocEx. */
static NTSTATUS read_toc_ex(tocex_device *dev, const uint8_t *in, uint32_t in_len, uint8_t *out, uint32_t out_len,
                            uint32_t *information, const tocex_win_options *opts)
{
    unsigned format, msf, reserved1;
    uint8_t session_track, cdb[10];
    size_t moved = 0;
    NTSTATUS status;

    if (in_len < READ_TOC_EX_INPUT_SIZE)
        return STATUS_INFO_LENGTH_MISMATCH;
    if (out_len < MINIMUM_CDROM_READ_TOC_EX_SIZE) {
        *information = MINIMUM_CDROM_READ_TOC_EX_SIZE;
        return STATUS_BUFFER_TOO_SMALL;
    }
    if (out_len > 0xFFFF || !aligned(out_len, opts))
        return STATUS_INVALID_PARAMETER;
    format = in[0] & 0x0F;
    reserved1 = (in[0] >> 4) & 0x07;
    msf = in[0] >> 7;
    session_track = in[1];
    if (reserved1 != 0 || in[2] != 0 || in[3] != 0)
        return STATUS_INVALID_PARAMETER;
    switch (format) {
    case CDROM_READ_TOC_EX_FORMAT_TOC:
    case CDROM_READ_TOC_EX_FORMAT_FULL_TOC:
    case CDROM_READ_TOC_EX_FORMAT_CDTEXT:
        break; /* SessionTrack used and not range-checked */
    case CDROM_READ_TOC_EX_FORMAT_SESSION:
    case CDROM_READ_TOC_EX_FORMAT_PMA:
    case CDROM_READ_TOC_EX_FORMAT_ATIP:
        if (session_track != 0)
            return STATUS_INVALID_PARAMETER;
        break;
    default:
        return STATUS_INVALID_PARAMETER;
    }
    /* Msf is never validated: it goes into the CDB as given. Byte 9 stays 0. */
    tocex_mmc_build_read_toc(cdb, format, msf != 0, session_track, (uint16_t)out_len);
    status = run_cdb(dev, cdb, out, out_len, opts, &moved);
    if (status != STATUS_SUCCESS)
        return status;
    if (moved < 2)
        return STATUS_INVALID_DEVICE_REQUEST;
    *information = (uint32_t)moved;
    return STATUS_SUCCESS;
}

/* RequestHandleReadTOC, shared by READ_TOC (format 0, MSF) and GET_LAST_SESSION (format 1, LBA). */
static NTSTATUS read_toc_legacy(tocex_device *dev, bool last_session, uint8_t *out, uint32_t out_len,
                                uint32_t *information, const tocex_win_options *opts)
{
    uint32_t minimum = last_session ? SESSION_DATA_SIZE : MAXIMUM_CDROM_SIZE;
    uint32_t alloc;
    uint8_t cdb[10];
    size_t moved = 0;
    NTSTATUS status;
    if (out_len < minimum) {
        *information = minimum;
        return STATUS_BUFFER_TOO_SMALL;
    }
    if (!aligned(out_len, opts))
        return STATUS_INVALID_PARAMETER;
    alloc = out_len < MAXIMUM_CDROM_SIZE ? out_len : MAXIMUM_CDROM_SIZE;
    memset(out, 0, alloc); /* the driver zeroes the transfer area first */
    if (last_session)
        tocex_mmc_build_read_toc(cdb, TOCEX_TOC_FORMAT_SESSION, false, 0, (uint16_t)alloc);
    else
        tocex_mmc_build_read_toc(cdb, TOCEX_TOC_FORMAT_TOC, true, 0, (uint16_t)alloc);
    status = run_cdb(dev, cdb, out, alloc, opts, &moved);
    if (status != STATUS_SUCCESS)
        return status;
    *information = (uint32_t)moved;
    return STATUS_SUCCESS;
}

NTSTATUS tocex_win_device_io_control(tocex_device *dev, uint32_t code, const void *in, uint32_t in_len, void *out,
                                     uint32_t out_len, uint32_t *information, const tocex_win_options *opts)
{
    uint32_t info = 0;
    NTSTATUS status;
    if (in == NULL)
        in_len = 0;
    if (out == NULL)
        out_len = 0;
    if (dev == NULL)
        status = STATUS_DEVICE_DOES_NOT_EXIST;
    else if (code == IOCTL_CDROM_READ_TOC_EX)
        status = read_toc_ex(dev, in, in_len, out, out_len, &info, opts);
    else if (code == IOCTL_CDROM_READ_TOC)
        status = read_toc_legacy(dev, false, out, out_len, &info, opts);
    else if (code == IOCTL_CDROM_GET_LAST_SESSION)
        status = read_toc_legacy(dev, true, out, out_len, &info, opts);
    else
        status = STATUS_INVALID_DEVICE_REQUEST;
    if (information != NULL)
        *information = info;
    return status;
}
