/* tocex — the initiator: read a disc's lead-in from any device into a disc model.
 * The same code reads a real drive and an emulated one (everything is a device). */
#ifndef TOCEX_READ_H
#define TOCEX_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/bytes.h"
#include "tocex/device.h"
#include "tocex/disc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tocex_read_options {
    bool skip_cdtext; /**< do not ask for CD-TEXT (drives that hang on multi-session discs) */
    bool skip_pma;
    bool skip_atip;
    unsigned unit_attention_retries; /**< default 3 when 0 */
} tocex_read_options;

#define TOCEX_READ_MAX_WARNINGS 16

/** What reading found along the way. */
typedef struct tocex_read_report {
    unsigned commands;         /**< commands issued */
    bool fulltoc_bcd;          /**< the drive answered the full TOC in BCD (converted) */
    bool have_fulltoc, have_pma, have_atip, have_cdtext;
    size_t warning_count;
    char warnings[TOCEX_READ_MAX_WARNINGS][192];
} tocex_read_report;

/**
 * Read everything: current profile, formatted TOC, session info, full TOC, PMA, ATIP, CD-TEXT
 * (as the media has them), cross-check, and fill `out` (finished). `opts` and `report` may be NULL.
 */
tocex_status tocex_read_disc(tocex_device *dev, const tocex_read_options *opts, tocex_disc *out,
                             tocex_read_report *report, tocex_error *err);

/**
 * One READ TOC/PMA/ATIP answer in full: a 4-byte probe when the answer may be longer than one
 * guess, then one command with allocation = Data Length + 2. `out` receives exactly the bytes
 * transferred. A CHECK CONDITION returns TOCEX_E_CHECK_CONDITION with *sense set.
 */
tocex_status tocex_read_toc_answer(tocex_device *dev, unsigned format, bool msf, uint8_t track_session,
                                   tocex_buf *out, tocex_sense *sense, unsigned *commands, tocex_error *err);

/* ---- Notes on the reading strategy (added; the declarations above are unchanged) ----------
 *
 * tocex_read_toc_answer keeps at most Data Length + 2 bytes of what came back (and at least the
 * 4-byte header): a transport that cannot report a residual (tocex_cmd.transferred_known false,
 * QEMU IDE pass-through) fills the buffer with zero padding, which is never taken for data.
 * Allocation lengths: format 0 = 804 (99 tracks + lead-out), format 1 = 12, ATIP = 32, one
 * command each; full TOC, PMA and CD-TEXT = a 4-byte probe, then Data Length + 2. Never fewer
 * than 4 bytes are asked for.
 *
 * tocex_read_disc issues GET CONFIGURATION, then formats 0, 1, 2, 3, 4, 5 on CDs (0 and 1 only
 * on DVD/BD). A pressed single-session CD-ROM without CD-TEXT takes 8 commands; a two-session
 * CD-R with PMA, ATIP and CD-TEXT takes 10. A UNIT ATTENTION adds its retry and a second
 * format-0 read (the first read after a medium change may differ; the second is used).
 * Every deviation found on the way (drive quirks, cross-check mismatches) is a report warning.
 */

#ifdef __cplusplus
}
#endif
#endif
