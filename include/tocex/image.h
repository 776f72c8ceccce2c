/* tocex — disc images and descriptions as disc models. Each reader produces a finished
 * tocex_disc; errors name file:line (text formats) or byte offset (binary formats). */
#ifndef TOCEX_IMAGE_H
#define TOCEX_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "tocex/disc.h"
#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tocex_image_format {
    TOCEX_IMAGE_UNKNOWN = 0,
    TOCEX_IMAGE_CUE,
    TOCEX_IMAGE_CCD,
    TOCEX_IMAGE_CDRDAO_TOC,
    TOCEX_IMAGE_NRG,
    TOCEX_IMAGE_MDS,
    TOCEX_IMAGE_ISO,
    TOCEX_IMAGE_RAW_TOC,     /**< a saved READ TOC format-0 answer (redumper/readcd .toc) */
    TOCEX_IMAGE_RAW_FULLTOC, /**< format-2 answer (.fulltoc) */
    TOCEX_IMAGE_RAW_PMA,
    TOCEX_IMAGE_RAW_ATIP,
    TOCEX_IMAGE_RAW_CDTEXT,  /**< format-5 answer (.cdtext) */
    TOCEX_IMAGE_CDT,         /**< .cdt CD-TEXT file (packs, optional header) */
    TOCEX_IMAGE_RIPLOG,      /**< EAC/XLD/whipper/dBpoweramp/fre:ac/cyanrip log */
    TOCEX_IMAGE_FORMAT_COUNT
} tocex_image_format;

/** "cue", "ccd", "cdrdao-toc", ... */
const char *tocex_image_format_name(tocex_image_format format);

/** Guess the format from the first bytes of a file (and its name where content is neutral). */
tocex_image_format tocex_image_sniff(const char *path, const uint8_t *head, size_t head_len);

/** Open any supported file as a finished disc (sniffs the format). */
tocex_status tocex_image_open(const char *path, tocex_disc *out, tocex_error *err);
/** Open with a known format. */
tocex_status tocex_image_open_as(const char *path, tocex_image_format format, tocex_disc *out, tocex_error *err);

/* The readers (each: path in, finished disc out). */
tocex_status tocex_image_read_cue(const char *path, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_read_ccd(const char *path, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_read_cdrdao(const char *path, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_read_nrg(const char *path, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_read_mds(const char *path, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_read_iso(const char *path, tocex_disc *out, tocex_error *err);
/** A raw READ TOC dump of any of formats 0/2/3/4/5 or a .cdt; sibling files of the same dump
 *  (same stem: .toc .fulltoc .pma .atip .cdtext) are read together as one disc. */
tocex_status tocex_image_read_raw(const char *path, tocex_image_format format, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_read_riplog(const char *path, tocex_disc *out, tocex_error *err);

/* In-memory entry points for parsers (fuzzing, tests): `name` is used in messages and to find
 * companion files relative to it (NULL: none are looked up). */
tocex_status tocex_image_parse_cue(const char *name, const uint8_t *data, size_t len, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_parse_ccd(const char *name, const uint8_t *data, size_t len, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_parse_cdrdao(const char *name, const uint8_t *data, size_t len, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_parse_nrg(const char *name, const uint8_t *data, size_t len, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_parse_mds(const char *name, const uint8_t *data, size_t len, tocex_disc *out, tocex_error *err);
tocex_status tocex_image_parse_riplog(const char *name, const uint8_t *data, size_t len, tocex_disc *out, tocex_error *err);

#ifdef __cplusplus
}
#endif
#endif
