/* tocex — Linux SG_IO drives (/dev/sr*, /dev/sg*) as devices, and the list of this machine's
 * optical drives. The system calls go through a replaceable transport so that the whole SG_IO
 * path (header filling, sense, status and errno mapping, residuals) can be exercised without
 * a drive. */
#ifndef TOCEX_SGIO_H
#define TOCEX_SGIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/device.h"
#include "tocex/disc.h"
#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Default per-command timeout when tocex_cmd.timeout_ms is 0. */
#define TOCEX_SGIO_DEFAULT_TIMEOUT_MS 30000u

/**
 * The system calls an SG_IO device makes. Every hook behaves like its namesake: on failure it
 * returns -1 and sets errno. For SG_IO, `arg` points to a Linux `struct sg_io_hdr`
 * (<scsi/sg.h>); for SG_GET_VERSION_NUM to an int. A NULL hook means the real system call.
 */
typedef struct tocex_sgio_transport {
    int (*open)(void *user, const char *path, int flags);
    int (*ioctl)(void *user, int fd, unsigned long request, void *arg);
    int (*close)(void *user, int fd);
    void *user;
} tocex_sgio_transport;

/** What the drive said about itself (INQUIRY, trailing blanks removed). */
typedef struct tocex_sgio_identity {
    uint8_t peripheral_type; /**< INQUIRY byte 0 bits 4-0; 05h = MMC */
    char vendor[9];
    char model[17];
    char revision[5];
} tocex_sgio_identity;

/**
 * Open a Linux SCSI device as a drive: open(2) O_RDONLY|O_NONBLOCK (plus O_EXCL when
 * `exclusive`; the sg driver locks only read-write opens, so /dev/sgN is then reopened O_RDWR),
 * check that it speaks SG_IO (SG_GET_VERSION_NUM) and that INQUIRY reports an MMC device
 * (peripheral device type 05h, else TOCEX_E_NOT_MMC). Permission problems give
 * TOCEX_E_PERMISSION naming the device, a device in use TOCEX_E_BUSY.
 *
 * Commands then run with SG_IO, data in, cmd->timeout_ms (default 30 s). A completed command
 * returns TOCEX_OK with the SCSI status and decoded sense in cmd (no medium = 02/3A/xx, not ready
 * = 02/04/xx; retrying UNIT ATTENTION is the caller's business); host-adapter or driver failures
 * return TOCEX_E_IO / TOCEX_E_TIMEOUT with the Linux status name. cmd->transferred is dxfer_len
 * minus resid; cmd->transferred_known stays false until the transport has once reported a
 * nonzero resid (libata ATAPI and QEMU never do: size answers by their own Data Length).
 */
tocex_status tocex_sgio_open(const char *path, bool exclusive, tocex_device **out, tocex_error *err);

/** tocex_sgio_open over another transport (NULL = the system calls). The transport is copied. */
tocex_status tocex_sgio_open_transport(const char *path, bool exclusive, const tocex_sgio_transport *transport,
                                       tocex_device **out, tocex_error *err);

/** The INQUIRY identity of a device opened by tocex_sgio_open*; NULL for any other device. */
const tocex_sgio_identity *tocex_sgio_device_identity(tocex_device *dev);

/** One optical drive of this machine. */
typedef struct tocex_drive_info {
    char path[256];      /**< the device to open: /dev/srN, or /dev/sgN when no sr node exists */
    char sg_path[256];   /**< the matching /dev/sgN, "" when sg is not loaded */
    char vendor[9];
    char model[17];
    char revision[5];    /**< firmware revision */
    bool media_known;    /**< the drive could be opened and answered GET CONFIGURATION */
    uint16_t profile;    /**< current profile (0000h = no medium) when media_known */
    tocex_media media;   /**< from the profile; TOCEX_MEDIA_NONE without a disc */
    char note[160];      /**< why media is unknown ("permission denied ..."), "" otherwise */
} tocex_drive_info;

/**
 * List the optical drives: /sys/class/block/sr* and the /dev/sg* whose SCSI device type is 05h.
 * Identity comes from sysfs (INQUIRY when sysfs lacks it); media from GET CONFIGURATION when the
 * device can be opened. *out is malloc'd (free with tocex_sgio_free_drives); zero drives is not
 * an error.
 */
tocex_status tocex_sgio_list_drives(tocex_drive_info **out, size_t *count, tocex_error *err);

/** tocex_sgio_list_drives with another sysfs root ("/sys"), /dev root ("/dev") and transport. */
tocex_status tocex_sgio_list_drives_at(const char *sys_root, const char *dev_root,
                                       const tocex_sgio_transport *transport, tocex_drive_info **out,
                                       size_t *count, tocex_error *err);

void tocex_sgio_free_drives(tocex_drive_info *drives);

#ifdef __cplusplus
}
#endif
#endif
