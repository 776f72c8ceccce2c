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

/** One language block. Texts are UTF-8, NULL when absent; index 0 = disc, n = track n.
 *  text[f] is a row of 100 texts, read as text[f][track] for any field and track 0..99. The
 *  row of a field without texts may be a shared read-only row of NULLs: to put a string into a
 *  slot directly, take the row from tocex_cdtext_row (tocex_cdtext_set does that itself). */
typedef struct tocex_cdtext_block {
    uint8_t number;    /**< 0..7 */
    uint8_t language;  /**< EBU Tech 3264 code (09h English, 69h Japanese, ...) */
    uint8_t charset;   /**< TOCEX_CDTEXT_CHARSET_* */
    bool copyright;
    uint8_t first_track, last_track;
    char **text[TOCEX_CDTEXT_FIELD_COUNT];
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
    /* Added fields (decode diagnostics); see the additions block at the end of this header. */
    size_t warnings;        /**< irregularities tolerated by decode (sequence gaps, bad 8Fh, ...) */
    char first_warning[256]; /**< text of the first warning ("pack 12 (byte 216): ..."), "" if none */
    /* Storage of decoded texts and their rows: part of the set's own allocation, released by
     * tocex_cdtext_free. A text or row inside it must not be free()d on its own;
     * tocex_cdtext_set replaces any text correctly. Texts and rows outside it (copies made by
     * tocex_cdtext_set, rows made by tocex_cdtext_row, malloc'd strings put in a slot) are
     * freed one by one by tocex_cdtext_free. */
    char *text_store;
    size_t text_store_size;
    /** A text or row may lie outside text_store (set by tocex_cdtext_set, tocex_cdtext_row and
     *  the decoder when it allocates a text); tocex_cdtext_free then looks at every slot. */
    bool texts_outside;
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
/** The writable row of 100 text slots of `field` in `blk` (a block of `ct`), made (all NULL)
 *  when the block has none of its own yet; NULL when out of memory or an argument is invalid.
 *  A malloc'd string put in a slot belongs to the set (tocex_cdtext_free frees it). */
char **tocex_cdtext_row(tocex_cdtext *ct, tocex_cdtext_block *blk, tocex_cdtext_field field);
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

/* ------------------------------------------------------------------------------------------
 * Additions to the first version of this header (cdtext module owner).
 *
 * Decode conventions (documented choices):
 *  - An empty string in the packs is stored as NULL (absent), as libcdio does; set() with ""
 *    also removes the text. Texts of packs 86h/87h/8Eh are ASCII per Sony, 8Dh ISO-8859-1;
 *    bytes >= 80h there are read as ISO-8859-1 (lenient) and counted as a warning.
 *  - 80h..85h use the block character code from 8Fh; without 8Fh the DBCC flag (byte 3 bit 7)
 *    decides (MS-JIS when set, ISO-8859-1 otherwise). When 8Fh and the flag disagree, 8Fh wins
 *    (redumper issue 39: drives/authoring tools set the flag on single-byte text).
 *  - Double-byte strings are read in 2-byte units from an even offset; the terminator is 00 00.
 *    A string of odd byte length (Shift-JIS may mix 1-byte characters) is written as text, one
 *    00 pad byte, then 00 00; the decoder drops that pad byte.
 *  - 87h: the first two payload bytes of the first 87h pack are the genre code; repeats of the
 *    code at the start of follow-up packs (allowed by Sony) are not detected.
 *  - 88h/89h (TOC information) and 8Ah..8Ch are not part of the text blocks; they are only
 *    counted. tocex_cdtext_toc_info_decode() reads 88h from raw packs.
 *  - Bad CRCs are counted (crc_errors) and the pack is still used; CRC 0000 is counted in
 *    zero_crc_packs instead (drives that do not report CRCs; PX-W5224TA zeroes the last one).
 *  - Sequence gaps, char-position/track mismatches, 8Fh disagreeing with the packs, missing
 *    terminators, undecodable bytes (replaced by U+FFFD): counted in `warnings`.
 *  - Hard errors: pack type outside 80h-8Fh, more than 256 packs in a block.
 *
 * Encode conventions: types 80h..8Eh in ascending order, strings packed continuously, every
 * type that has any text gets a string for the disc and for every track first..last (empty
 * when absent); a track text identical to the previous track's (not the first track) is
 * written as TAB (09h, or 09h 09h in double-byte blocks). The DBCC flag is set on 80h..85h
 * packs of MS-JIS/Korean/Mandarin blocks only. first_track/last_track 0 = derive from texts.
 * ------------------------------------------------------------------------------------------ */

/** Locate the packs in a .cdt file or a READ TOC format-5 reply: accepts bare packs, an
 *  optional 4-byte header (Data Length = 2 + 18 n, or 0 as MAME answers) and one optional
 *  trailing NUL (CDRWIN). Sets *first (byte offset of pack 0) and *pack_count.
 *  TOCEX_E_TRUNCATED / TOCEX_E_PARSE (with byte offset) when it is not whole packs. */
tocex_status tocex_cdtext_locate_packs(const uint8_t *data, size_t len, size_t *first, size_t *pack_count,
                                       tocex_error *err);
/** tocex_cdtext_locate_packs + tocex_cdtext_decode. */
tocex_status tocex_cdtext_decode_bytes(const uint8_t *data, size_t len, tocex_cdtext **out, tocex_error *err);

/** Field name for a given track: like tocex_cdtext_field_name but "ISRC" for 8Eh of a track. */
const char *tocex_cdtext_field_name_for(tocex_cdtext_field field, unsigned track);
/** True when the character code is double-byte (80h MS-JIS, 81h Korean, 82h Mandarin). */
bool tocex_cdtext_charset_is_dbcc(uint8_t charset);

/** Pack type 88h (TOC information, Sony): first/last track, lead-out and track starts, binary
 *  MSF. First pack: first, last, 0, lead-out M S F; following packs: 4 track starts each,
 *  ID2 = the first track in the pack. */
typedef struct tocex_cdtext_toc_info {
    bool present;
    uint8_t first_track, last_track;
    uint8_t leadout[3];      /**< M, S, F (binary) */
    uint8_t start[100][3];   /**< by track number; M, S, F (binary) */
} tocex_cdtext_toc_info;

/** Read the 88h packs of `block` from raw packs; present=false when there are none. */
tocex_status tocex_cdtext_toc_info_decode(const uint8_t *packs, size_t pack_count, unsigned block,
                                          tocex_cdtext_toc_info *out, tocex_error *err);
/** Like tocex_cdtext_encode, also writing 88h packs from `toc` (may be NULL) into every block. */
tocex_status tocex_cdtext_encode_toc(const tocex_cdtext *ct, const tocex_cdtext_toc_info *toc, tocex_buf *out,
                                     tocex_error *err);

#ifdef __cplusplus
}
#endif
#endif
