/* A scripted device for tests: rules map a CDB prefix (with a mask) to an answer or a sense,
 * so that drive quirks can be injected and the commands a reader issues can be counted. */
#ifndef TOCEX_FAKEDEV_H
#define TOCEX_FAKEDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/device.h"

#define FD_MAX_RULES 32
#define FD_MAX_LOG 64

typedef struct fd_rule {
    uint8_t prefix[16];
    uint8_t mask[16];
    size_t prefix_len;
    uint8_t *answer;     /**< the complete answer; truncated to the allocation length */
    size_t answer_len;
    bool check_condition;
    tocex_sense sense;
    unsigned uses;       /**< 0 = any number of times; else the rule retires after this many */
    bool residual_unknown; /**< transferred_known = false, buffer zero-padded (QEMU IDE) */
} fd_rule;

typedef struct fakedev {
    fd_rule rules[FD_MAX_RULES];
    size_t rule_count;
    unsigned commands;   /**< commands executed */
    uint8_t log[FD_MAX_LOG][10];
    size_t log_alloc[FD_MAX_LOG];
} fakedev;

/** A device over a new fakedev (returned through *fd; owned by the device). */
tocex_device *fd_open(fakedev **fd);

/** Rule matching an exact CDB prefix. */
fd_rule *fd_add(fakedev *fd, const uint8_t *prefix, size_t prefix_len, const void *answer, size_t answer_len);
/** Rule matching READ TOC/PMA/ATIP with this format (byte 2 bits 3-0), any MSF/track/allocation. */
fd_rule *fd_toc(fakedev *fd, unsigned format, const void *answer, size_t answer_len);
/** Same, answering CHECK CONDITION key/asc/ascq. */
fd_rule *fd_toc_sense(fakedev *fd, unsigned format, uint8_t key, uint8_t asc, uint8_t ascq);
/** GET CONFIGURATION answering this current profile. */
fd_rule *fd_profile(fakedev *fd, uint16_t profile);
/** Any command: CHECK CONDITION (rules are tried in the order added; put this first with uses). */
fd_rule *fd_any_sense(fakedev *fd, uint8_t key, uint8_t asc, uint8_t ascq);
/** Count of logged commands with this opcode and (for 43h) format; format -1 = any. */
unsigned fd_count(const fakedev *fd, uint8_t opcode, int format);

#endif
