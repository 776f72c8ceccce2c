/* tocex — SOURCE strings of the command line as devices: a drive, an image, a ripper log,
 * or a TOC given as numbers. */
#ifndef TOCEX_SOURCE_H
#define TOCEX_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "tocex/device.h"
#include "tocex/disc.h"
#include "tocex/emu.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tocex_source_options {
    bool exclusive;             /**< drives: open O_EXCL */
    const char *from_toc;       /**< "FIRST LAST LEADOUT OFFSET..." (MusicBrainz, LBA+150) */
    unsigned data_tracks[99];   /**< with from_toc: track numbers that are data */
    size_t data_track_count;
    tocex_emu_options emu;      /**< options of the emulated drive for non-drive sources */
} tocex_source_options;

/**
 * Open SOURCE: a character device (/dev/sr*, /dev/sg*) becomes an SG_IO drive; any file an
 * emulated drive over the disc it describes; with opts->from_toc set, `spec` may be NULL.
 */
tocex_status tocex_source_open(const char *spec, const tocex_source_options *opts, tocex_device **out,
                               tocex_error *err);

/** Parse a MusicBrainz-style TOC string into a finished disc (one session; data tracks flagged). */
tocex_status tocex_disc_from_toc_string(const char *toc, const unsigned *data_tracks, size_t data_track_count,
                                        tocex_disc *out, tocex_error *err);

#ifdef __cplusplus
}
#endif
#endif
