/* tocex — CD-TEXT: 18-byte packs <-> text blocks (MMC-3 Annex J / Sony), UTF-8 on our side. */
#ifndef TOCEX_CDTEXT_H
#define TOCEX_CDTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/bytes.h"
#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TOCEX_CDTEXT_PACK_SIZE 18
#define TOCEX_CDTEXT_MAX_BLOCKS 8

/** Pack types 80h..8Fh as field indexes (type = 0x80 + field). */
typedef enum tocex_cdtext_field {
    TOCEX_CDTEXT_TITLE = 0,
    TOCEX_CDTEXT_PERFORMER,
    TOCEX_CDTEXT_SONGWRITER,
    TOCEX_CDTEXT_COMPOSER,
    TOCEX_CDTEXT_ARRANGER,
    TOCEX_CDTEXT_MESSAGE,
    TOCEX_CDTEXT_DISC_ID,
    TOCEX_CDTEXT_GENRE,
    TOCEX_CDTEXT_TOC_INFO,
    TOCEX_CDTEXT_TOC_INFO2,
    TOCEX_CDTEXT_RESERVED_8A,
    TOCEX_CDTEXT_RESERVED_8B,
    TOCEX_CDTEXT_RESERVED_8C,
    TOCEX_CDTEXT_CLOSED,
    TOCEX_CDTEXT_UPC_ISRC,
    TOCEX_CDTEXT_SIZE_INFO,
    TOCEX_CDTEXT_FIELD_COUNT
} tocex_cdtext_field;

/** Block character codes (8Fh byte 0). */
#define TOCEX_CDTEXT_CHARSET_ISO8859_1 0x00
#define TOCEX_CDTEXT_CHARSET_ASCII 0x01
#define TOCEX_CDTEXT_CHARSET_MS_JIS 0x80
#define TOCEX_CDTEXT_CHARSET_KOREAN 0x81
#define TOCEX_CDTEXT_CHARSET_MANDARIN 0x82

/** One language block. Texts are UTF-8, NULL when absent; index 0 = disc, n = track n. */
typedef struct tocex_cdtext_block {
    uint8_t number;    /**< 0..7 */
    uint8_t language;  /**< EBU Tech 3264 code (09h English, 69h Japanese, ...) */
    uint8_t charset;   /**< TOCEX_CDTEXT_CHARSET_* */
    bool copyright;
    uint8_t first_track, last_track;
    char *text[TOCEX_CDTEXT_FIELD_COUNT][100];
    uint16_t genre;    /**< 87h genre code (0 = none) */
    char *genre_text;  /**< 87h supplement, UTF-8, may be NULL */
    uint8_t pack_count[TOCEX_CDTEXT_FIELD_COUNT]; /**< from 8Fh when present */
    uint8_t last_sequence;
} tocex_cdtext_block;

typedef struct tocex_cdtext {
    size_t block_count;
    tocex_cdtext_block blocks[TOCEX_CDTEXT_MAX_BLOCKS];
    size_t crc_errors;      /**< packs whose CRC did not match (decoded anyway, counted here) */
    size_t zero_crc_packs;  /**< packs with CRC 0000 (drives that do not report CRCs) */
} tocex_cdtext;

/** CRC of a pack: CRC-16 poly 1021h, init 0, over bytes 0..15, inverted (CRC-16/GSM). */
uint16_t tocex_cdtext_crc(const uint8_t pack[16]);
/** True if bytes 16..17 hold the CRC of bytes 0..15. */
bool tocex_cdtext_pack_crc_ok(const uint8_t pack[18]);

/** Allocate an empty set of blocks. */
tocex_cdtext *tocex_cdtext_new(void);
void tocex_cdtext_free(tocex_cdtext *ct);
/** Set (copy) a UTF-8 text; block created with defaults (English, ISO-8859-1) when missing. */
tocex_status tocex_cdtext_set(tocex_cdtext *ct, unsigned block, tocex_cdtext_field field, unsigned track,
                              const char *utf8, tocex_error *err);
/** Get a text (NULL if absent). */
const char *tocex_cdtext_get(const tocex_cdtext *ct, unsigned block, tocex_cdtext_field field, unsigned track);
/** Block index holding `block` number, creating it when `create`. NULL when absent/full. */
tocex_cdtext_block *tocex_cdtext_block_get(tocex_cdtext *ct, unsigned block, bool create);

/** Packs -> blocks: CRCs checked, TAB repeat, DBCC, 8Fh size info, charsets -> UTF-8 (iconv). */
tocex_status tocex_cdtext_decode(const uint8_t *packs, size_t pack_count, tocex_cdtext **out, tocex_error *err);
/** Blocks -> packs (with 8Fh size info and CRCs), appended to `out`. */
tocex_status tocex_cdtext_encode(const tocex_cdtext *ct, tocex_buf *out, tocex_error *err);

/** Language name ("English") or NULL; field name ("TITLE"); charset name ("ISO-8859-1"). */
const char *tocex_cdtext_language_name(uint8_t code);
const char *tocex_cdtext_field_name(tocex_cdtext_field field);
const char *tocex_cdtext_charset_name(uint8_t charset);
/** Genre name for an 87h code, NULL if unknown. */
const char *tocex_cdtext_genre_name(uint16_t code);

#ifdef __cplusplus
}
#endif
#endif
