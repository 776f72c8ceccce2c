/* tocex — IOCTL_CDROM_READ_TOC_EX, IOCTL_CDROM_READ_TOC and IOCTL_CDROM_GET_LAST_SESSION as
 * Microsoft's cdrom.sys carries them out (KMDF class driver: validation order, CDB, retries,
 * sense -> NTSTATUS, Information), over any tocex device. */
#ifndef TOCEX_WIN_H
#define TOCEX_WIN_H

#include <stdbool.h>
#include <stdint.h>

#include "tocex/device.h"
#include "tocex/ntddcdrm.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tocex_win_options {
    /** Adapter AlignmentMask: OutputBufferLength & mask must be 0 (storahci reports 1). Default 0. */
    uint32_t alignment_mask;
    /** No volume mounted: medium-changed becomes STATUS_IO_DEVICE_ERROR and is retried instead of
     *  STATUS_VERIFY_REQUIRED. */
    bool no_volume_mounted;
    /** Retries after the first attempt for retryable conditions (cdrom.sys: 5). */
    unsigned max_retries;
    bool max_retries_set; /**< false: use 5 */
} tocex_win_options;

/**
 * DeviceIoControl, the driver's way: returns the NTSTATUS and sets *information (bytes
 * returned, or the required size for STATUS_BUFFER_TOO_SMALL). Unknown codes give
 * STATUS_INVALID_DEVICE_REQUEST. `opts` may be NULL.
 */
NTSTATUS tocex_win_device_io_control(tocex_device *dev, uint32_t code, const void *in, uint32_t in_len, void *out,
                                     uint32_t out_len, uint32_t *information, const tocex_win_options *opts);

/** "STATUS_INVALID_PARAMETER" etc.; NULL for values tocex does not name. */
const char *tocex_win_status_name(NTSTATUS status);
/** "READ_TOC_EX" / "IOCTL_CDROM_READ_TOC_EX" / "READ_TOC" / "GET_LAST_SESSION" -> code; 0 if unknown. */
uint32_t tocex_win_ioctl_from_name(const char *name);
/** Name of a code ("IOCTL_CDROM_READ_TOC_EX"), NULL if unknown. */
const char *tocex_win_ioctl_name(uint32_t code);

/** How cdrom.sys maps one command's outcome (MS-KMDF sense.c): status and whether it retries. */
NTSTATUS tocex_win_status_from_command(const tocex_cmd *cmd, bool volume_mounted, bool *retry);

#ifdef __cplusplus
}
#endif
#endif
