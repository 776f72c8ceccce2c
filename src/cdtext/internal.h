/* Internal: CD-TEXT pieces shared by the model, the codecs and image readers. */
#ifndef TOCEX_CDTEXT_INTERNAL_H
#define TOCEX_CDTEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tocex/cdtext.h"

/** A text block to encode whose texts live elsewhere: a tocex_cdtext block or a cue sheet's
 *  text table. text[f] is a row of 100 texts (index 0 = disc, n = track n; NULL or "" =
 *  absent), read as blk->text[f] of a tocex_cdtext_block (genre and genre_text carry 87h;
 *  text in a disc-only row at a track is an error). */
typedef struct tocex_cdtext_view {
    uint8_t number;
    uint8_t language;
    uint8_t charset;
    bool copyright;
    uint8_t first_track, last_track;
    char *const *text[TOCEX_CDTEXT_FIELD_COUNT];
    uint16_t genre;
    const char *genre_text;
} tocex_cdtext_view;

/** A row of 100 absent texts (for a view field that has none). Read-only: it is the row of
 *  every block field without texts, so a write into it faults instead of changing them all. */
extern char *const tocex_cdtext_no_texts[100];

/** tocex_cdtext_no_texts as a block row (tocex_cdtext_block.text[f]); never written to. */
static inline char **tocex_cdtext_empty_row(void) { return (char **)(uintptr_t)tocex_cdtext_no_texts; }

/** Blocks -> packs appended to `out`, exactly as tocex_cdtext_encode_toc (toc may be NULL). */
tocex_status tocex_cdtext_encode_views(const tocex_cdtext_view *blocks, size_t count,
                                       const tocex_cdtext_toc_info *toc, tocex_buf *out, tocex_error *err);

/** Fields that carry text: 80h..86h, 8Dh, 8Eh; 87h text is genre_text (disc only). */
static inline bool tocex_cdtext_text_field(tocex_cdtext_field field)
{
    return field <= TOCEX_CDTEXT_DISC_ID || field == TOCEX_CDTEXT_CLOSED || field == TOCEX_CDTEXT_UPC_ISRC ||
           field == TOCEX_CDTEXT_GENRE;
}

/** Text fields that belong to the disc only. */
static inline bool tocex_cdtext_disc_only(tocex_cdtext_field field)
{
    return field == TOCEX_CDTEXT_DISC_ID || field == TOCEX_CDTEXT_CLOSED || field == TOCEX_CDTEXT_GENRE;
}

/** The argument checks of tocex_cdtext_set for a non-empty text, same errors; the UTF-8 check
 *  is skipped when `known_utf8` (the caller has seen the text is, e.g. all ASCII). */
tocex_status tocex_cdtext_check_text(unsigned block, tocex_cdtext_field field, unsigned track, const char *utf8,
                                     bool known_utf8, tocex_error *err);

/** True when a row of 100 text slots holds no pointer at all. Rows are mostly empty (16
 *  fields, a few used), so this runs often: ten slots a step, no branch per slot. */
static inline bool tocex_cdtext_row_unused(char *const *row)
{
    uintptr_t any = 0;
    for (size_t t = 0; t < 100; t += 10)
        any |= (uintptr_t)row[t] | (uintptr_t)row[t + 1] | (uintptr_t)row[t + 2] | (uintptr_t)row[t + 3] |
               (uintptr_t)row[t + 4] | (uintptr_t)row[t + 5] | (uintptr_t)row[t + 6] | (uintptr_t)row[t + 7] |
               (uintptr_t)row[t + 8] | (uintptr_t)row[t + 9];
    return any == 0;
}

/** CRC tables (crc.c): [k][a] is the remainder of byte a followed by k zero bytes. */
extern const uint16_t tocex_cdtext_crc_tables[8][256];

/** tocex_cdtext_crc, inline for the codecs: 16 lookups, the running remainder XORed into the
 *  first two bytes of the second half. */
static inline uint16_t tocex_cdtext_crc16(const uint8_t *pack)
{
    const uint16_t(*t)[256] = tocex_cdtext_crc_tables;
    unsigned crc = (unsigned)t[7][pack[0]] ^ t[6][pack[1]] ^ t[5][pack[2]] ^ t[4][pack[3]] ^ t[3][pack[4]] ^
                   t[2][pack[5]] ^ t[1][pack[6]] ^ t[0][pack[7]];
    crc = (unsigned)t[7][pack[8] ^ (crc >> 8)] ^ t[6][pack[9] ^ (crc & 0xFFu)] ^ t[5][pack[10]] ^ t[4][pack[11]] ^
          t[3][pack[12]] ^ t[2][pack[13]] ^ t[1][pack[14]] ^ t[0][pack[15]];
    return (uint16_t)(crc ^ 0xFFFFu);
}

/** CRC of `n` packs (18 bytes each) checked: *bad counts those whose bytes 16..17 hold another
 *  CRC, *zero those that hold 0000 instead (drives that do not report CRCs). */
void tocex_cdtext_crc_count(const uint8_t *packs, size_t n, size_t *bad, size_t *zero);
/** CRC of bytes 0..15 of `n` packs written into their bytes 16..17. */
void tocex_cdtext_crc_put(uint8_t *packs, size_t n);
/** Tests: compute CRCs with the tables even where carry-less multiplication is available
 *  (false: use it again where it is). */
void tocex_cdtext_crc_tables_only(bool on);

/** Zero a block (all texts absent: every row is tocex_cdtext_empty_row()). */
void tocex_cdtext_block_clear(tocex_cdtext_block *blk);

/** True when `text` (a text or a row) lies in the set's shared text storage (owned by the set,
 *  never freed on its own). Address arithmetic on integers: the storage is one object, `text`
 *  may be any string; with no storage (0, size 0) nothing is inside. */
static inline bool tocex_cdtext_in_store(const tocex_cdtext *ct, const char *text)
{
    return (uintptr_t)text - (uintptr_t)ct->text_store < ct->text_store_size;
}

/** Free a text slot's string unless it lives in the shared storage. */
static inline void tocex_cdtext_release(const tocex_cdtext *ct, char *text)
{
    if (text != NULL && !tocex_cdtext_in_store(ct, text))
        free(text);
}

#endif
