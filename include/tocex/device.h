/* tocex — the device interface: everything is a device that executes CDBs.
 * An emulated drive over a disc model and a Linux SG_IO drive differ only in who answers. */
#ifndef TOCEX_DEVICE_H
#define TOCEX_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TOCEX_SENSE_MAX 252
#define TOCEX_SCSI_STATUS_GOOD 0x00
#define TOCEX_SCSI_STATUS_CHECK_CONDITION 0x02
#define TOCEX_SCSI_STATUS_BUSY 0x08

/** Sense key / additional sense code / qualifier, decoded from fixed or descriptor sense. */
typedef struct tocex_sense {
    uint8_t key, asc, ascq;
} tocex_sense;

/** One command: the CDB, a data-in buffer, and what came back. */
typedef struct tocex_cmd {
    const uint8_t *cdb;
    size_t cdb_len;
    uint8_t *data;      /**< data-in buffer (may be NULL when data_len is 0) */
    size_t data_len;    /**< buffer size; the transfer never exceeds it */
    unsigned timeout_ms; /**< 0 = device default */
    /* results */
    size_t transferred;  /**< bytes the device put in data (a device that cannot tell reports data_len) */
    bool transferred_known; /**< false when the transport cannot report a residual (QEMU IDE) */
    uint8_t status;      /**< SCSI status byte */
    uint8_t sense_raw[TOCEX_SENSE_MAX];
    size_t sense_len;
    tocex_sense sense;   /**< decoded from sense_raw when status is CHECK CONDITION */
} tocex_cmd;

/** Prepare a command over caller storage. */
void tocex_cmd_init(tocex_cmd *cmd, const uint8_t *cdb, size_t cdb_len, void *data, size_t data_len);

/** Decode fixed (70h/71h) or descriptor (72h/73h) sense into key/asc/ascq; false if not sense. */
bool tocex_sense_decode(const uint8_t *raw, size_t len, tocex_sense *out);

/** Build 18-byte fixed-format sense (70h) for key/asc/ascq. */
void tocex_sense_build_fixed(uint8_t out[18], tocex_sense sense);

/** The functions a device provides. */
typedef struct tocex_device_ops {
    const char *kind; /**< "emulated", "sg_io", ... */
    /**
     * Run one command. Return TOCEX_OK when the command reached the device and completed with
     * any SCSI status (CHECK CONDITION included: the sense is in cmd); another status for a
     * transport failure (with err filled).
     */
    tocex_status (*execute)(void *ctx, tocex_cmd *cmd, tocex_error *err);
    void (*close)(void *ctx);
} tocex_device_ops;

typedef struct tocex_device tocex_device;

/** Wrap an implementation. The device owns ctx and calls ops->close(ctx) when closed. */
tocex_device *tocex_device_new(const tocex_device_ops *ops, void *ctx);
tocex_status tocex_device_execute(tocex_device *dev, tocex_cmd *cmd, tocex_error *err);
const char *tocex_device_kind(const tocex_device *dev);
void *tocex_device_context(tocex_device *dev);
void tocex_device_close(tocex_device *dev);

/**
 * Name a source for messages ("disc.cue", "/dev/sr0"); copied. The device keeps a pointer to
 * nothing the caller owns.
 */
void tocex_device_set_name(tocex_device *dev, const char *name);
const char *tocex_device_name(const tocex_device *dev);

#ifdef __cplusplus
}
#endif
#endif
