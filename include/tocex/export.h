/* tocex — writing a disc model back out as an image description (cue sheet, CloneCD .ccd). */
#ifndef TOCEX_EXPORT_H
#define TOCEX_EXPORT_H

#include "tocex/bytes.h"
#include "tocex/disc.h"
#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Write a CDRWIN cue sheet for `disc` (UTF-8 without BOM, LF line ends) appended to `out`.
 *
 * Layout: one `FILE "bin_name" BINARY` holding every sector from LBA 0 to the last lead-out,
 * raw 2352-byte sectors unless a track records another size (tocex_track.sector_size 2048,
 * 2336, 2448 -> MODE1/2048, MODE2/2336, CDG). INDEX times are LBA minus the silence written
 * as PREGAP before them, so the file holds the session gaps of a multi-session disc (the
 * CDRWIN/IsoBuster single-file convention, see src/image/cue.h).
 *  - CATALOG from the MCN; per track the type, FLAGS (DCP/4CH/PRE from CONTROL), ISRC.
 *  - A track's pre-gap becomes INDEX 00, except where the track type changes from the
 *    previous track's (audio <-> data): such pre-gap sectors are not in the image in the
 *    type of either track, so they are written as PREGAP (silence not in the file).
 *  - Multi-session discs: REM SESSION nn before each session's first track.
 *  - REM LEAD-OUT mm:ss:ff (position in the file) after every session's last track, so the
 *    sheet reopens to the same TOC even without the image file.
 *  - CD-TEXT of block 0 (TITLE, PERFORMER, SONGWRITER, COMPOSER, ARRANGER, MESSAGE, DISC_ID,
 *    GENRE, UPC_EAN) when the disc has packs. Texts holding a quote character are written
 *    as is: tocex's reader takes a string up to the last quote on the line.
 * Errors: TOCEX_E_INVALID_ARGUMENT (no tracks, bin_name with a quote or line end),
 * TOCEX_E_UNSUPPORTED (a track whose CONTROL says data but whose mode is audio), TOCEX_E_NOMEM.
 */
tocex_status tocex_export_cue(const tocex_disc *disc, const char *bin_name, tocex_buf *out, tocex_error *err);

/** CloneCD .ccd text for `disc` (the recorded full TOC when present, else the entries a drive
 *  would report), appended to `out`. */
tocex_status tocex_export_ccd(const tocex_disc *disc, tocex_buf *out, tocex_error *err);

/* ---- Addition: .cdt CD-TEXT export ------------------------------------------------------- */

/**
 * Write the disc's CD-TEXT as a .cdt file appended to `out`: every 18-byte pack exactly as the
 * disc holds it (CRC bytes included, not recomputed), followed by one 00h byte, the form CDRWIN
 * writes and libcdio and tocex's .cdt reader accept. No 4-byte READ TOC header.
 * Errors: TOCEX_E_NOT_PRESENT (the disc has no CD-TEXT packs), TOCEX_E_INVALID_ARGUMENT (NULL
 * disc or output), TOCEX_E_LIMIT (more than TOCEX_MAX_CDTEXT_PACKS packs), TOCEX_E_NOMEM.
 */
tocex_status tocex_export_cdt(const tocex_disc *disc, tocex_buf *out, tocex_error *err);

#ifdef __cplusplus
}
#endif
#endif
