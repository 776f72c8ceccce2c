#include <stdlib.h>
#include <string.h>

#include "fakedev.h"
#include "tocex/mmc.h"

static tocex_status fd_execute(void *ctx, tocex_cmd *cmd, tocex_error *err)
{
    fakedev *fd = ctx;
    (void)err;
    if (fd->commands < FD_MAX_LOG) {
        memset(fd->log[fd->commands], 0, 10);
        memcpy(fd->log[fd->commands], cmd->cdb, cmd->cdb_len < 10 ? cmd->cdb_len : 10);
        fd->log_alloc[fd->commands] = cmd->data_len;
    }
    fd->commands++;
    for (size_t i = 0; i < fd->rule_count; i++) {
        fd_rule *r = &fd->rules[i];
        bool match = cmd->cdb_len >= r->prefix_len;
        for (size_t k = 0; match && k < r->prefix_len; k++)
            if ((cmd->cdb[k] & r->mask[k]) != (r->prefix[k] & r->mask[k]))
                match = false;
        if (!match || r->uses == (unsigned)-1)
            continue;
        if (r->uses > 0 && --r->uses == 0)
            r->uses = (unsigned)-1; /* retired after this use */
        if (r->check_condition) {
            cmd->status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
            tocex_sense_build_fixed(cmd->sense_raw, r->sense);
            cmd->sense_len = 18;
            cmd->transferred = 0;
            return TOCEX_OK;
        }
        {
            size_t n = r->answer_len < cmd->data_len ? r->answer_len : cmd->data_len;
            if (n > 0)
                memcpy(cmd->data, r->answer, n);
            if (r->residual_unknown) {
                if (cmd->data_len > n)
                    memset(cmd->data + n, 0, cmd->data_len - n);
                cmd->transferred = cmd->data_len;
                cmd->transferred_known = false;
            } else {
                cmd->transferred = n;
            }
        }
        cmd->status = TOCEX_SCSI_STATUS_GOOD;
        return TOCEX_OK;
    }
    /* no rule: an MMC drive refuses an unknown command */
    cmd->status = TOCEX_SCSI_STATUS_CHECK_CONDITION;
    tocex_sense_build_fixed(cmd->sense_raw, TOCEX_SENSE_INVALID_OPCODE);
    cmd->sense_len = 18;
    return TOCEX_OK;
}

static void fd_close(void *ctx)
{
    fakedev *fd = ctx;
    for (size_t i = 0; i < fd->rule_count; i++)
        free(fd->rules[i].answer);
    free(fd);
}

static const tocex_device_ops fd_ops = {"fake", fd_execute, fd_close};

tocex_device *fd_open(fakedev **out)
{
    fakedev *fd = calloc(1, sizeof *fd);
    tocex_device *dev;
    if (fd == NULL)
        return NULL;
    dev = tocex_device_new(&fd_ops, fd);
    if (dev == NULL) {
        free(fd);
        return NULL;
    }
    *out = fd;
    return dev;
}

static fd_rule *new_rule(fakedev *fd)
{
    fd_rule *r;
    if (fd->rule_count >= FD_MAX_RULES)
        abort();
    r = &fd->rules[fd->rule_count++];
    memset(r, 0, sizeof *r);
    return r;
}

fd_rule *fd_add(fakedev *fd, const uint8_t *prefix, size_t prefix_len, const void *answer, size_t answer_len)
{
    fd_rule *r = new_rule(fd);
    if (prefix_len > sizeof r->prefix)
        prefix_len = sizeof r->prefix;
    memcpy(r->prefix, prefix, prefix_len);
    memset(r->mask, 0xFF, prefix_len);
    r->prefix_len = prefix_len;
    if (answer_len > 0) {
        r->answer = malloc(answer_len);
        if (r->answer == NULL)
            abort();
        memcpy(r->answer, answer, answer_len);
    }
    r->answer_len = answer_len;
    return r;
}

fd_rule *fd_toc(fakedev *fd, unsigned format, const void *answer, size_t answer_len)
{
    uint8_t prefix[3] = {TOCEX_OP_READ_TOC_PMA_ATIP, 0, (uint8_t)format};
    fd_rule *r = fd_add(fd, prefix, 3, answer, answer_len);
    r->mask[1] = 0x00;
    r->mask[2] = 0x0F;
    return r;
}

fd_rule *fd_toc_sense(fakedev *fd, unsigned format, uint8_t key, uint8_t asc, uint8_t ascq)
{
    fd_rule *r = fd_toc(fd, format, NULL, 0);
    r->check_condition = true;
    r->sense = (tocex_sense){key, asc, ascq};
    return r;
}

fd_rule *fd_profile(fakedev *fd, uint16_t profile)
{
    uint8_t prefix[1] = {TOCEX_OP_GET_CONFIGURATION};
    uint8_t answer[8] = {0, 0, 0, 4, 0, 0, (uint8_t)(profile >> 8), (uint8_t)profile};
    return fd_add(fd, prefix, 1, answer, sizeof answer);
}

fd_rule *fd_any_sense(fakedev *fd, uint8_t key, uint8_t asc, uint8_t ascq)
{
    fd_rule *r = new_rule(fd);
    r->prefix_len = 0;
    r->check_condition = true;
    r->sense = (tocex_sense){key, asc, ascq};
    return r;
}

unsigned fd_count(const fakedev *fd, uint8_t opcode, int format)
{
    unsigned n = 0;
    for (size_t i = 0; i < fd->commands && i < FD_MAX_LOG; i++) {
        if (fd->log[i][0] != opcode)
            continue;
        if (format >= 0 && (fd->log[i][2] & 0x0F) != (unsigned)format)
            continue;
        n++;
    }
    return n;
}
