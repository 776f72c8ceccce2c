#include <stdlib.h>
#include <string.h>

#include "tocex/device.h"

struct tocex_device {
    const tocex_device_ops *ops;
    void *ctx;
    char name[256];
};

void tocex_cmd_init(tocex_cmd *cmd, const uint8_t *cdb, size_t cdb_len, void *data, size_t data_len)
{
    memset(cmd, 0, sizeof *cmd);
    cmd->cdb = cdb;
    cmd->cdb_len = cdb_len;
    cmd->data = data;
    cmd->data_len = data != NULL ? data_len : 0;
    cmd->transferred_known = true;
}

bool tocex_sense_decode(const uint8_t *raw, size_t len, tocex_sense *out)
{
    uint8_t code;
    if (raw == NULL || len < 1)
        return false;
    code = raw[0] & 0x7F;
    if (code == 0x70 || code == 0x71) {
        if (len < 3)
            return false;
        out->key = raw[2] & 0x0F;
        out->asc = len > 12 ? raw[12] : 0;
        out->ascq = len > 13 ? raw[13] : 0;
        return true;
    }
    if (code == 0x72 || code == 0x73) {
        if (len < 2)
            return false;
        out->key = raw[1] & 0x0F;
        out->asc = len > 2 ? raw[2] : 0;
        out->ascq = len > 3 ? raw[3] : 0;
        return true;
    }
    return false;
}

void tocex_sense_build_fixed(uint8_t out[18], tocex_sense sense)
{
    memset(out, 0, 18);
    out[0] = 0x70;
    out[2] = sense.key & 0x0F;
    out[7] = 10; /* additional sense length */
    out[12] = sense.asc;
    out[13] = sense.ascq;
}

tocex_device *tocex_device_new(const tocex_device_ops *ops, void *ctx)
{
    tocex_device *dev;
    if (ops == NULL || ops->execute == NULL)
        return NULL;
    dev = calloc(1, sizeof *dev);
    if (dev == NULL)
        return NULL;
    dev->ops = ops;
    dev->ctx = ctx;
    return dev;
}

tocex_status tocex_device_execute(tocex_device *dev, tocex_cmd *cmd, tocex_error *err)
{
    tocex_status st;
    if (dev == NULL || cmd == NULL || cmd->cdb == NULL || cmd->cdb_len == 0 || cmd->cdb_len > 16)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "invalid command");
    cmd->transferred = 0;
    cmd->transferred_known = true;
    cmd->status = TOCEX_SCSI_STATUS_GOOD;
    cmd->sense_len = 0;
    memset(&cmd->sense, 0, sizeof cmd->sense);
    st = dev->ops->execute(dev->ctx, cmd, err);
    if (st != TOCEX_OK)
        return st;
    if (cmd->transferred > cmd->data_len) /* a device never overruns the buffer it was given */
        cmd->transferred = cmd->data_len;
    if (cmd->status == TOCEX_SCSI_STATUS_CHECK_CONDITION)
        (void)tocex_sense_decode(cmd->sense_raw, cmd->sense_len, &cmd->sense);
    return TOCEX_OK;
}

const char *tocex_device_kind(const tocex_device *dev) { return dev != NULL ? dev->ops->kind : NULL; }

void *tocex_device_context(tocex_device *dev) { return dev != NULL ? dev->ctx : NULL; }

void tocex_device_set_name(tocex_device *dev, const char *name)
{
    if (dev == NULL)
        return;
    strncpy(dev->name, name != NULL ? name : "", sizeof dev->name - 1);
    dev->name[sizeof dev->name - 1] = '\0';
}

const char *tocex_device_name(const tocex_device *dev) { return dev != NULL ? dev->name : ""; }

void tocex_device_close(tocex_device *dev)
{
    if (dev == NULL)
        return;
    if (dev->ops->close != NULL)
        dev->ops->close(dev->ctx);
    free(dev);
}
