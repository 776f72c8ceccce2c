/* tocex — writing a disc model out as an image description (cue sheet, CloneCD control file). */
#ifndef TOCEX_EXPORT_H
#define TOCEX_EXPORT_H

#include "tocex/bytes.h"
#include "tocex/disc.h"
#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** CloneCD .ccd text for `disc` (the recorded full TOC when present, else the entries a drive
 *  would report), appended to `out`. */
tocex_status tocex_export_ccd(const tocex_disc *disc, tocex_buf *out, tocex_error *err);

/** Cue sheet for `disc` naming `bin_name` as its FILE, appended to `out`. */
tocex_status tocex_export_cue(const tocex_disc *disc, const char *bin_name, tocex_buf *out, tocex_error *err);

#ifdef __cplusplus
}
#endif
#endif
