/* Text blocks -> CD-TEXT packs (MMC-3 Annex J; layout rules from libburn doc/cdtext.txt).
 * Conventions (TAB repeat, DBCC flag, track range) are listed in include/tocex/cdtext.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdtext/charset.h"
#include "cdtext/internal.h"
#include "tocex/cdtext.h"

#define PACK TOCEX_CDTEXT_PACK_SIZE
#define PAYLOAD 12
#define MAX_PACKS_PER_BLOCK 256
#define TEXT_PACKS (MAX_PACKS_PER_BLOCK - 3) /* the other 3 are 8Fh */

/* Kept out of line: the common paths stay small. */
#if defined(__GNUC__)
#define COLD __attribute__((noinline, cold))
#else
#define COLD
#endif

/* One block on its way to packs. The payloads of its packs (all but 8Fh) are built here, pack
 * after pack: a text type's strings as one stream padded to whole packs, 88h packs as they
 * are; bytes 0, 1 and 3 of each pack are kept beside them, noted as soon as the string that
 * holds the pack's first byte is written. The block goes to the output once it is complete
 * (its size is known then), with sequence numbers and CRCs. */
typedef struct block_build {
    const tocex_cdtext_view *blk;
    size_t n;                                   /* packs so far */
    unsigned counts[16];                        /* of them, by type */
    uint8_t first, last;                        /* track range */
    uint8_t head[TEXT_PACKS][4];                /* bytes 0..3 of each pack (2 is set later) */
    uint8_t payload[TEXT_PACKS * PAYLOAD];      /* 12 bytes a pack */
    /* the type being built */
    uint8_t type, flags;                        /* pack byte 0, byte 3 without the position */
    unsigned shift;                             /* a character is 1 << shift bytes */
    size_t len;                                 /* bytes of its stream */
    size_t next_pack;                           /* offset of the first pack not noted yet */
    bool over;                                  /* the stream did not fit */
} block_build;

static const char *field_label(char *buf, size_t cap, const tocex_cdtext_view *blk, unsigned type, unsigned track)
{
    snprintf(buf, cap, "CD-TEXT block %u %s track %u", blk->number,
             tocex_cdtext_field_name_for((tocex_cdtext_field)(type - 0x80), track), track);
    return buf;
}

static COLD tocex_status tab_text(const tocex_cdtext_view *blk, unsigned type, unsigned track, tocex_error *err)
{
    char label[96];
    return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT,
                           "%s: a text consisting of TAB means \"same as previous track\"",
                           field_label(label, sizeof label, blk, type, track));
}

static COLD tocex_status too_many_packs(const tocex_cdtext_view *blk, tocex_error *err)
{
    return tocex_error_set(err, TOCEX_E_LIMIT,
                           "CD-TEXT block %u: texts need more than 253 packs (256 per block with 3 for 8Fh)",
                           blk->number);
}

/* Room for `n` more bytes of the type's stream; a stream that does not fit needs more packs
 * than a block has, which is reported once its texts are checked. */
static inline bool stream_room(block_build *bb, size_t n)
{
    if (sizeof bb->payload - bb->n * PAYLOAD - bb->len >= n)
        return true;
    bb->over = true;
    return false;
}

/* Bytes 0, 1 and 3 of a pack (byte 2, the sequence number, is set when it is written). */
static inline void set_head(uint8_t *h, unsigned type, unsigned track, unsigned byte3)
{
    h[0] = (uint8_t)type;
    h[1] = (uint8_t)track;
    h[3] = (uint8_t)byte3;
}

/* Note bytes 0, 1, 3 of the packs whose first byte lies in the string just written (it
 * started at offset `start`; for 87h the genre code before it counts as its position 0). */
static inline void note_packs(block_build *bb, size_t start, unsigned track)
{
    for (; bb->next_pack < bb->len; bb->next_pack += PAYLOAD) {
        size_t chars = bb->next_pack > start ? (bb->next_pack - start) >> bb->shift : 0;
        set_head(bb->head[bb->n + bb->next_pack / PAYLOAD], bb->type, track,
                 bb->flags | (chars > 15 ? 15u : (unsigned)chars));
    }
}

static inline uint8_t *stream_end(block_build *bb) { return bb->payload + bb->n * PAYLOAD + bb->len; }

/* Bytes of the current string (dropped when the stream does not fit). */
static inline void put_bytes(block_build *bb, const void *p, size_t n)
{
    if (!bb->over && stream_room(bb, n)) {
        memcpy(stream_end(bb), p, n);
        bb->len += n;
    }
}

/* A text through the general converter (double-byte codes, or a text the single-byte path
 * refused: the converter then names the error), then its terminator. */
static COLD tocex_status put_converted(block_build *bb, unsigned type, unsigned track, const char *utf8,
                                       uint8_t charset, bool dbcc, tocex_error *err)
{
    static const uint8_t zeros[3] = {0, 0, 0};
    uint8_t *bytes = NULL;
    size_t n = 0;
    char label[96];
    /* the field label only serves error messages: it is formatted when there is one */
    tocex_status st = tocex_cdtext_from_utf8(charset, utf8, &bytes, &n, "", NULL);
    if (st != TOCEX_OK)
        return tocex_cdtext_from_utf8(charset, utf8, &bytes, &n,
                                      field_label(label, sizeof label, bb->blk, type, track), err);
    if ((!dbcc && n == 1 && bytes[0] == 0x09) || (dbcc && n == 2 && bytes[0] == 0x09 && bytes[1] == 0x09)) {
        free(bytes);
        return tab_text(bb->blk, type, track, err);
    }
    put_bytes(bb, bytes, n);
    free(bytes);
    /* the terminator, 00 00 on a character boundary in double-byte text */
    put_bytes(bb, zeros, dbcc ? 2 + n % 2 : 1);
    return TOCEX_OK;
}

/* A non-empty text (`len` bytes) of a single-byte type and its terminator. */
static inline tocex_status put_sb_text(block_build *bb, unsigned type, unsigned track, const char *utf8, size_t len,
                                       uint8_t charset, tocex_error *err)
{
    uint8_t *dst;
    size_t n;
    if (bb->over || !stream_room(bb, len + 1))
        return put_converted(bb, type, track, utf8, charset, false, err); /* (checked, not kept) */
    dst = stream_end(bb);
    /* a single-byte code takes at most as many bytes as UTF-8 */
    if (!tocex_cdtext_sb_from_utf8(utf8, len, charset == TOCEX_CDTEXT_CHARSET_ASCII ? 0x7Fu : 0xFFu, dst, &n))
        return put_converted(bb, type, track, utf8, charset, false, err);
    if (n == 1 && dst[0] == 0x09)
        return tab_text(bb->blk, type, track, err);
    dst[n] = 0;
    bb->len += n + 1;
    return TOCEX_OK;
}

/* The bytes of a string (see put_string). */
static tocex_status put_string_bytes(block_build *bb, unsigned type, unsigned track, const char *utf8,
                                     const char *prev, uint8_t charset, bool dbcc, tocex_error *err)
{
    if (utf8 == NULL || utf8[0] == '\0') {
        put_bytes(bb, "\0", dbcc ? 2 : 1);
        return TOCEX_OK;
    }
    if (prev != NULL && track != 0 && strcmp(utf8, prev) == 0) {
        /* Same as the previous track: TAB (two TABs in double-byte blocks). */
        put_bytes(bb, dbcc ? "\t\t\0" : "\t", dbcc ? 4 : 2);
        return TOCEX_OK;
    }
    if (dbcc)
        return put_converted(bb, type, track, utf8, charset, true, err);
    return put_sb_text(bb, type, track, utf8, strlen(utf8), charset, err);
}

/* One string of any type: the text (NULL or "" = an empty string), or TAB (09h, 09h 09h in
 * double-byte text) when it equals `prev`, the previous track's text; then the bytes 0, 1, 3 of
 * the packs that start in it. */
static tocex_status put_string(block_build *bb, unsigned type, unsigned track, const char *utf8, const char *prev,
                               uint8_t charset, bool dbcc, tocex_error *err)
{
    size_t start = bb->len;
    tocex_status st = put_string_bytes(bb, type, track, utf8, prev, charset, dbcc, err);
    note_packs(bb, start, track);
    return st;
}

/* memcmp(a, b, n) == 0 for the short texts of CD-TEXT: overlapping word compares */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    uint32_t u, v;
    if (n > 16)
        return memcmp(a, b, n) == 0;
    if (n >= 8) {
        uint64_t x2, y2;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        memcpy(&x2, a + n - 8, 8);
        memcpy(&y2, b + n - 8, 8);
        return ((x ^ y) | (x2 ^ y2)) == 0;
    }
    if (n >= 4) {
        uint32_t u2, v2;
        memcpy(&u, a, 4);
        memcpy(&v, b, 4);
        memcpy(&u2, a + n - 4, 4);
        memcpy(&v2, b + n - 4, 4);
        return ((u ^ v) | (u2 ^ v2)) == 0;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* The track strings first..last of a single-byte 80h..85h/8Eh row: put_string for each, with
 * the length of the previous text kept for the "same as the previous track" test. The loop
 * keeps its state in locals (byte stores could alias the block's fields). */
static tocex_status put_track_strings(block_build *bb, unsigned type, char *const *row, unsigned first, unsigned last,
                                      uint8_t charset, tocex_error *err)
{
    const uint32_t max = charset == TOCEX_CDTEXT_CHARSET_ASCII ? 0x7Fu : 0xFFu;
    uint8_t *const base = bb->payload + bb->n * PAYLOAD; /* the type's first byte */
    uint8_t(*h)[4];                                      /* bytes of pack next_pack */
    const size_t cap = sizeof bb->payload - bb->n * PAYLOAD;
    const uint8_t type_byte = bb->type, flags = bb->flags;
    size_t len = bb->len, next_pack = bb->next_pack;
    const char *prev = NULL; /* the previous track's text, NULL when it has none */
    size_t prev_len = 0;
    unsigned t = first;
    tocex_status st = TOCEX_OK;
    if (bb->over)
        goto slow;
    h = bb->head + bb->n + next_pack / PAYLOAD;
    for (; t <= last; t++) {
        const char *utf8 = row[t];
        size_t n, m, start = len;
        if (utf8 == NULL || utf8[0] == '\0') {
            if (cap - len < 1)
                goto slow;
            base[len++] = 0;
            prev = NULL;
        } else {
            n = strlen(utf8);
            if (cap - len < n + 1)
                goto slow;
            if (prev != NULL && n == prev_len && same_bytes(utf8, prev, n)) {
                base[len] = 0x09; /* same as the previous track */
                base[len + 1] = 0;
                len += 2;
            } else if (tocex_cdtext_sb_from_utf8(utf8, n, max, base + len, &m)) {
                /* (a single-byte code takes at most as many bytes as UTF-8) */
                if (m == 1 && base[len] == 0x09) {
                    st = tab_text(bb->blk, type, t, err);
                    break;
                }
                base[len + m] = 0;
                len += m + 1;
            } else {
                bb->len = len;
                bb->next_pack = next_pack;
                return put_converted(bb, type, t, utf8, charset, false, err); /* names the error */
            }
            prev = utf8;
            prev_len = n;
        }
        /* the packs that start in this string (single-byte: a character is a byte) */
        for (; next_pack < len; next_pack += PAYLOAD, h++) {
            size_t chars = next_pack - start;
            set_head(*h, type_byte, t, flags | (chars > 15 ? 15u : (unsigned)chars));
        }
    }
    bb->len = len;
    bb->next_pack = next_pack;
    return st;
slow:
    /* The stream does not fit (the block needs too many packs): the remaining texts are
     * checked in order, as they would have been written. */
    bb->len = len;
    bb->next_pack = next_pack;
    bb->over = true;
    for (; t <= last && st == TOCEX_OK; t++)
        st = put_string(bb, type, t, row[t], t > first ? row[t - 1] : NULL, charset, false, err);
    return st;
}

static void begin_type(block_build *bb, unsigned type, bool dbcc)
{
    bb->type = (uint8_t)type;
    bb->flags = (uint8_t)((dbcc ? 0x80u : 0u) | (unsigned)bb->blk->number << 4);
    bb->shift = dbcc ? 1 : 0;
    bb->len = 0;
    bb->next_pack = 0;
    bb->over = false;
}

/* The type's stream is complete: pad it to whole packs. */
static tocex_status end_type(block_build *bb, tocex_error *err)
{
    size_t np = (bb->len + PAYLOAD - 1) / PAYLOAD;
    if (bb->over || np > TEXT_PACKS - bb->n)
        return too_many_packs(bb->blk, err);
    memset(stream_end(bb), 0, np * PAYLOAD - bb->len);
    bb->n += np;
    bb->counts[bb->type - 0x80] += (unsigned)np;
    return TOCEX_OK;
}

static tocex_status emit_toc(block_build *bb, const tocex_cdtext_toc_info *toc, tocex_error *err)
{
    /* 88h (Sony): first pack first/last track + lead-out, then 4 track starts per pack with
     * ID2 = the first track in the pack; binary MSF, unused bytes 0. */
    if (toc->first_track < 1 || toc->first_track > toc->last_track || toc->last_track > 99)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT TOC information: tracks %u..%u",
                               toc->first_track, toc->last_track);
    for (unsigned t = 0; t == 0 || t <= toc->last_track; t = t == 0 ? toc->first_track : t + 4) {
        uint8_t *p;
        if (bb->n >= TEXT_PACKS)
            return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT block %u: more than 256 packs", bb->blk->number);
        p = bb->payload + bb->n * PAYLOAD;
        memset(p, 0, PAYLOAD);
        set_head(bb->head[bb->n], 0x88u, t, (unsigned)bb->blk->number << 4);
        if (t == 0) {
            p[0] = toc->first_track;
            p[1] = toc->last_track;
            memcpy(p + 3, toc->leadout, 3);
        } else {
            for (unsigned k = 0; k < 4 && t + k <= toc->last_track; k++)
                memcpy(p + 3 * k, toc->start[t + k], 3);
        }
        bb->n++;
        bb->counts[8]++;
    }
    return TOCEX_OK;
}

static bool has_text(const char *s) { return s != NULL && s[0] != '\0'; }

/* First and last track (1..99) of a row with a text; false when it has none. */
static bool row_tracks(char *const *row, unsigned *lo, unsigned *hi)
{
    unsigned t = 1, u = 99;
    uintptr_t any;
    if (row == tocex_cdtext_no_texts)
        return false;
    /* most rows have no track slot set at all: slots 1..98 seven at a time, and 99 */
    any = (uintptr_t)row[99];
    for (size_t k = 1; k < 99; k += 7)
        any |= (uintptr_t)row[k] | (uintptr_t)row[k + 1] | (uintptr_t)row[k + 2] | (uintptr_t)row[k + 3] |
               (uintptr_t)row[k + 4] | (uintptr_t)row[k + 5] | (uintptr_t)row[k + 6];
    if (any == 0)
        return false;
    while (t <= 99 && !has_text(row[t]))
        t++;
    if (t > 99)
        return false;
    while (!has_text(row[u]))
        u--;
    *lo = t;
    *hi = u;
    return true;
}

/* Fields that must not have per-track text. */
static bool disc_only_field(unsigned f)
{
    return f == TOCEX_CDTEXT_DISC_ID || f == TOCEX_CDTEXT_CLOSED || f == TOCEX_CDTEXT_GENRE ||
           (f >= TOCEX_CDTEXT_TOC_INFO && f <= TOCEX_CDTEXT_RESERVED_8C) || f == TOCEX_CDTEXT_SIZE_INFO;
}

/* The packs of bb->blk but 8Fh, in bb. */
static tocex_status build_block(block_build *bb, const tocex_cdtext_toc_info *toc, tocex_error *err)
{
    const tocex_cdtext_view *blk = bb->blk;
    bool dbcc_block = tocex_cdtext_charset_is_dbcc(blk->charset);
    tocex_status st = TOCEX_OK;
    unsigned lo = 0, hi = 0, bad_track = 0, bad_field = 0;
    bool row_any[TOCEX_CDTEXT_FIELD_COUNT];
    if (tocex_cdtext_charset_name(blk->charset) == NULL)
        return tocex_error_set(err, TOCEX_E_CHARSET, "CD-TEXT block %u: unknown character code %02Xh", blk->number,
                               blk->charset);
    /* Track range of the texts; a disc-only field with track text is an error (the first one
     * by track, then field, is named). */
    for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
        unsigned rlo, rhi;
        row_any[f] = row_tracks(blk->text[f], &rlo, &rhi);
        if (!row_any[f])
            continue;
        if (disc_only_field(f)) {
            if (bad_track == 0 || rlo < bad_track) {
                bad_track = rlo;
                bad_field = f;
            }
            continue;
        }
        if (lo == 0 || rlo < lo)
            lo = rlo;
        if (rhi > hi)
            hi = rhi;
    }
    if (bad_track != 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT block %u: %s has no per-track text (track %u)",
                               blk->number, tocex_cdtext_field_name((tocex_cdtext_field)bad_field), bad_track);
    if (blk->first_track != 0 || blk->last_track != 0) {
        if (blk->first_track < 1 || blk->first_track > blk->last_track || blk->last_track > 99)
            return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT block %u: track range %u..%u",
                                   blk->number, blk->first_track, blk->last_track);
        if (lo != 0 && (lo < blk->first_track || hi > blk->last_track))
            return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT,
                                   "CD-TEXT block %u: text for track %u outside tracks %u..%u", blk->number,
                                   lo < blk->first_track ? lo : hi, blk->first_track, blk->last_track);
        bb->first = blk->first_track;
        bb->last = blk->last_track;
    } else {
        bb->first = (uint8_t)(lo != 0 ? lo : 1);
        bb->last = (uint8_t)(hi != 0 ? hi : 1);
    }
    for (unsigned type = 0x80; type <= 0x8E && st == TOCEX_OK; type++) {
        unsigned f = type - 0x80;
        bool dbcc = false;
        uint8_t charset = TOCEX_CDTEXT_CHARSET_ASCII;
        char *const *row = blk->text[f];
        if (type == 0x88) {
            if (toc != NULL)
                st = emit_toc(bb, toc, err);
            continue;
        }
        if (type == 0x89 || (type >= 0x8A && type <= 0x8C))
            continue;
        if (type <= 0x85) {
            charset = blk->charset;
            dbcc = dbcc_block;
        } else if (type == 0x8D) {
            charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
        }
        if (type == 0x87) {
            uint8_t code[2];
            if (blk->genre == 0 && !has_text(blk->genre_text))
                continue;
            /* the genre code, then the text: character positions count from the text */
            begin_type(bb, type, false);
            code[0] = (uint8_t)(blk->genre >> 8);
            code[1] = (uint8_t)blk->genre;
            put_bytes(bb, code, 2);
            st = put_string(bb, type, 0, blk->genre_text, NULL, charset, false, err);
        } else if (type == 0x86 || type == 0x8D) {
            if (!has_text(row[0]))
                continue;
            begin_type(bb, type, false);
            st = put_string(bb, type, 0, row[0], NULL, charset, false, err);
        } else {
            /* every track text lies in first..last (checked above) */
            if (!has_text(row[0]) && !row_any[f])
                continue;
            begin_type(bb, type, dbcc);
            st = put_string(bb, type, 0, row[0], NULL, charset, dbcc, err);
            if (st == TOCEX_OK && !dbcc)
                st = put_track_strings(bb, type, row, bb->first, bb->last, charset, err);
            for (unsigned t = bb->first; dbcc && t <= bb->last && st == TOCEX_OK; t++)
                st = put_string(bb, type, t, row[t], t > bb->first ? row[t - 1] : NULL, charset, dbcc, err);
        }
        if (st == TOCEX_OK)
            st = end_type(bb, err);
    }
    return st;
}

/* Pack k of a built block at p: its bytes and the sequence number k (the CRC comes after). */
static inline void write_pack(uint8_t *p, const block_build *bb, size_t k)
{
    const uint8_t *pl = bb->payload + k * PAYLOAD;
    uint64_t a;
    uint32_t c;
    memcpy(&c, bb->head[k], 4);
    memcpy(&a, pl, 8);
    memcpy(p, &c, 4);
    memcpy(p + 4, &a, 8);
    memcpy(&c, pl + 8, 4);
    memcpy(p + 12, &c, 4);
    p[2] = (uint8_t)k;
}

tocex_status tocex_cdtext_encode_views(const tocex_cdtext_view *blocks, size_t nb, const tocex_cdtext_toc_info *toc,
                                       tocex_buf *out, tocex_error *err)
{
    /* per block in output order: where its packs start in `out`, how many, 8Fh record */
    struct {
        size_t at, n;
        uint8_t rec[36];
    } bi[TOCEX_CDTEXT_MAX_BLOCKS];
    size_t order[TOCEX_CDTEXT_MAX_BLOCKS], start_len;
    uint8_t last_seq[TOCEX_CDTEXT_MAX_BLOCKS] = {0}, langs[TOCEX_CDTEXT_MAX_BLOCKS] = {0};
    block_build build, *bb = &build;
    bool written = true; /* every block went into `out` */
    tocex_status st = TOCEX_OK;
    if (out == NULL || (blocks == NULL && nb != 0))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT encode: missing argument");
    if (nb > TOCEX_CDTEXT_MAX_BLOCKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT: %zu blocks, at most 8", nb);
    /* Blocks go out in ascending block number ("all packs of block 0 come before block 1"). */
    for (size_t i = 0; i < nb; i++) {
        size_t j = i;
        if (blocks[i].number >= TOCEX_CDTEXT_MAX_BLOCKS)
            return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: block number %u, blocks are 0..7",
                                   blocks[i].number);
        while (j > 0 && blocks[order[j - 1]].number > blocks[i].number) {
            order[j] = order[j - 1];
            j--;
        }
        if (j > 0 && blocks[order[j - 1]].number == blocks[i].number)
            return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: block %u given twice", blocks[i].number);
        order[j] = i;
    }
    if (nb == 0)
        return TOCEX_OK;
    start_len = out->len;
    for (size_t i = 0; i < nb && st == TOCEX_OK; i++) {
        const tocex_cdtext_view *blk = &blocks[order[i]];
        uint8_t *dst;
        bb->blk = blk;
        bb->n = 0;
        memset(bb->counts, 0, sizeof bb->counts);
        st = build_block(bb, toc, err);
        if (st != TOCEX_OK)
            break;
        /* 8Fh size information: 36 bytes over three packs (ID2 0, 1, 2), completed below */
        bb->counts[15] = 3;
        bi[i].n = bb->n + 3;
        bi[i].rec[0] = blk->charset;
        bi[i].rec[1] = bb->first;
        bi[i].rec[2] = bb->last;
        bi[i].rec[3] = blk->copyright ? 0x03 : 0x00;
        for (unsigned k = 0; k < 16; k++)
            bi[i].rec[4 + k] = (uint8_t)bb->counts[k];
        last_seq[blk->number] = (uint8_t)(bb->n + 3 - 1);
        langs[blk->number] = blk->language;
        /* the block's packs; once `out` has failed, the other blocks are only checked */
        bi[i].at = out->len;
        if (written && out->data == NULL && !out->fixed && !out->failed) {
            /* an empty growable buffer (the usual case) gets exactly the block's bytes */
            out->data = malloc(bi[i].n * PACK);
            out->cap = out->data != NULL ? bi[i].n * PACK : 0;
        }
        dst = written ? tocex_buf_extend(out, bi[i].n * PACK) : NULL;
        if (dst == NULL) {
            written = false;
            continue;
        }
        for (size_t k = 0; k < bb->n; k++)
            write_pack(dst + k * PACK, bb, k);
        tocex_cdtext_crc_put(dst, bb->n);
    }
    if (st == TOCEX_OK && (!written || out->failed))
        st = tocex_error_set(err, TOCEX_E_NOMEM, "CD-TEXT encode: output buffer full or out of memory");
    if (st != TOCEX_OK) {
        out->len = start_len; /* nothing of a failed encode stays */
        return st;
    }
    for (size_t i = 0; i < nb; i++) {
        uint8_t *p = out->data + bi[i].at + (bi[i].n - 3) * PACK;
        memcpy(bi[i].rec + 20, last_seq, 8);
        memcpy(bi[i].rec + 28, langs, 8);
        for (unsigned part = 0; part < 3; part++, p += PACK) {
            p[0] = 0x8F;
            p[1] = (uint8_t)part;
            p[2] = (uint8_t)(bi[i].n - 3 + part);
            p[3] = (uint8_t)((unsigned)blocks[order[i]].number << 4);
            memcpy(p + 4, bi[i].rec + 12 * part, PAYLOAD);
        }
        tocex_cdtext_crc_put(p - 3 * PACK, 3);
    }
    return TOCEX_OK;
}

static void view_of(const tocex_cdtext_block *blk, tocex_cdtext_view *v)
{
    v->number = blk->number;
    v->language = blk->language;
    v->charset = blk->charset;
    v->copyright = blk->copyright;
    v->first_track = blk->first_track;
    v->last_track = blk->last_track;
    for (size_t f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
        v->text[f] = blk->text[f];
    v->genre = blk->genre;
    v->genre_text = blk->genre_text;
}

static tocex_status encode_impl(const tocex_cdtext *ct, const tocex_cdtext_toc_info *toc, tocex_buf *out,
                                tocex_error *err)
{
    tocex_cdtext_view views[TOCEX_CDTEXT_MAX_BLOCKS];
    size_t nb;
    if (ct == NULL || out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT encode: missing argument");
    nb = ct->block_count;
    if (nb > TOCEX_CDTEXT_MAX_BLOCKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT: %zu blocks, at most 8", nb);
    for (size_t i = 0; i < nb; i++)
        view_of(&ct->blocks[i], &views[i]);
    return tocex_cdtext_encode_views(views, nb, toc, out, err);
}

tocex_status tocex_cdtext_encode(const tocex_cdtext *ct, tocex_buf *out, tocex_error *err)
{
    return encode_impl(ct, NULL, out, err);
}

tocex_status tocex_cdtext_encode_toc(const tocex_cdtext *ct, const tocex_cdtext_toc_info *toc, tocex_buf *out,
                                     tocex_error *err)
{
    return encode_impl(ct, toc != NULL && toc->present ? toc : NULL, out, err);
}
