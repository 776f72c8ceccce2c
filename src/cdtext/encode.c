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

/* Packs of one block before sequence numbers and CRCs are known. */
typedef struct block_packs {
    const tocex_cdtext_view *blk;
    uint8_t packs[MAX_PACKS_PER_BLOCK][PACK];
    size_t n;
    unsigned counts[16];
    uint8_t first, last;
} block_packs;

/* One pack type's byte stream and where each string starts (reused from type to type). */
typedef struct stream {
    uint8_t *bytes;
    size_t len, cap;
    size_t start[101]; /* offset of the first character of each string (at most 100) */
    unsigned track[101];
    size_t count;
} stream;

static const char *field_label(char *buf, size_t cap, const tocex_cdtext_view *blk, unsigned type, unsigned track)
{
    snprintf(buf, cap, "CD-TEXT block %u %s track %u", blk->number,
             tocex_cdtext_field_name_for((tocex_cdtext_field)(type - 0x80), track), track);
    return buf;
}

/* Kept out of line: the common path of add_string stays small. */
#if defined(__GNUC__)
#define COLD __attribute__((noinline, cold))
#else
#define COLD
#endif

static COLD bool stream_grow(stream *s, size_t n)
{
    size_t cap = s->cap != 0 ? s->cap : 1024;
    uint8_t *p;
    while (cap - s->len < n)
        cap *= 2;
    p = realloc(s->bytes, cap);
    if (p == NULL)
        return false;
    s->bytes = p;
    s->cap = cap;
    return true;
}

/* Room for `n` more bytes; false when out of memory. */
static inline bool stream_room(stream *s, size_t n) { return s->cap - s->len >= n || stream_grow(s, n); }

static COLD tocex_status nomem(tocex_error *err)
{
    return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory encoding CD-TEXT");
}

static COLD tocex_status tab_text(const tocex_cdtext_view *blk, unsigned type, unsigned track, tocex_error *err)
{
    char label[96];
    return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT,
                           "%s: a text consisting of TAB means \"same as previous track\"",
                           field_label(label, sizeof label, blk, type, track));
}

/* A text through the general converter (double-byte codes, or a text the single-byte path
 * refused: the converter then names the error), then its terminator. */
static COLD tocex_status add_converted(stream *s, const tocex_cdtext_view *blk, unsigned type, unsigned track,
                                       const char *utf8, uint8_t charset, bool dbcc, tocex_error *err)
{
    uint8_t *bytes = NULL;
    size_t n = 0;
    char label[96];
    /* the field label only serves error messages: it is formatted when there is one */
    tocex_status st = tocex_cdtext_from_utf8(charset, utf8, &bytes, &n, "", NULL);
    if (st != TOCEX_OK)
        return tocex_cdtext_from_utf8(charset, utf8, &bytes, &n, field_label(label, sizeof label, blk, type, track),
                                      err);
    if ((!dbcc && n == 1 && bytes[0] == 0x09) || (dbcc && n == 2 && bytes[0] == 0x09 && bytes[1] == 0x09)) {
        free(bytes);
        return tab_text(blk, type, track, err);
    }
    if (!stream_room(s, n + 3)) {
        free(bytes);
        return nomem(err);
    }
    if (n != 0)
        memcpy(s->bytes + s->len, bytes, n);
    free(bytes);
    s->len += n;
    if (dbcc && n % 2 != 0)
        s->bytes[s->len++] = 0; /* keep the 00 00 terminator on a character boundary */
    s->bytes[s->len++] = 0;
    if (dbcc)
        s->bytes[s->len++] = 0;
    return TOCEX_OK;
}

static tocex_status add_string(stream *s, const tocex_cdtext_view *blk, unsigned type, unsigned track,
                               const char *utf8, const char *prev, uint8_t charset, bool dbcc, tocex_error *err)
{
    s->start[s->count] = s->len;
    s->track[s->count] = track;
    s->count++;
    if (utf8 != NULL && utf8[0] != '\0') {
        if (prev != NULL && track != 0 && strcmp(utf8, prev) == 0) {
            /* Same as the previous track: TAB (two TABs in double-byte blocks). */
            if (!stream_room(s, 4))
                return nomem(err);
            s->bytes[s->len++] = 0x09;
            if (dbcc)
                s->bytes[s->len++] = 0x09;
        } else {
            size_t len, n = 0;
            if (dbcc)
                return add_converted(s, blk, type, track, utf8, charset, dbcc, err);
            len = strlen(utf8);
            /* single-byte codes convert in place */
            if (!stream_room(s, len + 1))
                return nomem(err);
            if (!tocex_cdtext_sb_from_utf8(utf8, len, charset == TOCEX_CDTEXT_CHARSET_ASCII ? 0x7Fu : 0xFFu,
                                           s->bytes + s->len, &n))
                return add_converted(s, blk, type, track, utf8, charset, dbcc, err);
            if (n == 1 && s->bytes[s->len] == 0x09)
                return tab_text(blk, type, track, err);
            s->len += n;
        }
    } else if (!stream_room(s, 2)) {
        return nomem(err);
    }
    s->bytes[s->len++] = 0;
    if (dbcc)
        s->bytes[s->len++] = 0;
    return TOCEX_OK;
}

/* memcmp(a, b, n) == 0 for the short texts of CD-TEXT: overlapping word compares */
static inline bool same_bytes(const uint8_t *a, const uint8_t *b, size_t n)
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

/* The track strings first..last of a single-byte 80h..85h/8Eh row: add_string for each, with
 * the "same as the previous track" test made on the converted bytes (the single-byte
 * conversion is one-to-one, so equal bytes are equal texts) instead of comparing the texts. */
static tocex_status add_track_strings(stream *s, const tocex_cdtext_view *blk, unsigned type, char *const *row,
                                      unsigned first, unsigned last, uint8_t charset, tocex_error *err)
{
    uint32_t max = charset == TOCEX_CDTEXT_CHARSET_ASCII ? 0x7Fu : 0xFFu;
    size_t last_off = 0, last_len = 0, len = s->len, count = s->count;
    bool have_last = false; /* the previous track has a text: its bytes are at last_off */
    /* len and count live in locals (byte stores could alias the stream's fields); s->len is
     * brought up to date before anything that reads or grows the stream */
    for (unsigned t = first; t <= last; t++) {
        const char *utf8 = row[t];
        size_t n = 0, room = 1;
        uint8_t *dst;
        s->start[count] = len;
        s->track[count] = t;
        count++;
        if (utf8 != NULL && utf8[0] != '\0')
            room = strlen(utf8) + 1;
        if (s->cap - len < room) {
            s->len = len;
            if (!stream_grow(s, room))
                return nomem(err);
        }
        dst = s->bytes + len;
        if (room == 1) {
            have_last = false;
        } else if (!tocex_cdtext_sb_from_utf8(utf8, room - 1, max, dst, &n)) {
            /* not equal to the previous text either (that one converted) */
            tocex_status st;
            s->len = len;
            s->count = count;
            st = add_converted(s, blk, type, t, utf8, charset, false, err);
            if (st != TOCEX_OK)
                return st;
            last_off = len;
            last_len = s->len - 1 - len;
            have_last = true;
            len = s->len;
            continue;
        } else if (have_last && n == last_len && same_bytes(dst, s->bytes + last_off, n)) {
            dst[0] = 0x09; /* same as the previous track */
            len++;
        } else {
            if (n == 1 && dst[0] == 0x09)
                return tab_text(blk, type, t, err);
            last_off = len;
            last_len = n;
            have_last = true;
            len += n;
        }
        s->bytes[len++] = 0;
    }
    s->len = len;
    s->count = count;
    return TOCEX_OK;
}

static tocex_status emit_stream(block_packs *bp, unsigned type, stream *s, bool dbcc, tocex_error *err)
{
    size_t unit = dbcc ? 2 : 1, k = 0;
    uint8_t flags = (uint8_t)(((dbcc ? 1u : 0u) << 7) | ((unsigned)bp->blk->number << 4));
    s->start[s->count] = SIZE_MAX; /* sentinel: the search below stops at the last string */
    for (size_t off = 0; off < s->len; off += PAYLOAD) {
        uint8_t *p;
        size_t chars = 0, take;
        unsigned track = 0;
        if (bp->n >= MAX_PACKS_PER_BLOCK - 3)
            return tocex_error_set(err, TOCEX_E_LIMIT,
                                   "CD-TEXT block %u: texts need more than 253 packs (256 per block with 3 for 8Fh)",
                                   bp->blk->number);
        /* The string holding the pack's first byte: its track is ID2, the characters of it
         * already written are the character position (15 = 15 or more). */
        if (s->count != 0) {
            while (s->start[k + 1] <= off)
                k++;
            track = s->track[k];
            if (off >= s->start[k])
                chars = (off - s->start[k]) / unit;
        }
        p = bp->packs[bp->n++];
        p[0] = (uint8_t)type;
        p[1] = (uint8_t)track;
        p[2] = 0;
        p[3] = (uint8_t)(flags | (chars > 15 ? 15u : chars));
        take = s->len - off;
        if (take >= PAYLOAD) {
            memcpy(p + 4, s->bytes + off, PAYLOAD);
        } else {
            memcpy(p + 4, s->bytes + off, take);
            memset(p + 4 + take, 0, PAYLOAD - take);
        }
        bp->counts[type - 0x80]++;
    }
    return TOCEX_OK;
}

static tocex_status emit_toc(block_packs *bp, const tocex_cdtext_toc_info *toc, tocex_error *err)
{
    /* 88h (Sony): first pack first/last track + lead-out, then 4 track starts per pack with
     * ID2 = the first track in the pack; binary MSF, unused bytes 0. */
    if (toc->first_track < 1 || toc->first_track > toc->last_track || toc->last_track > 99)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT TOC information: tracks %u..%u",
                               toc->first_track, toc->last_track);
    for (unsigned t = 0; t == 0 || t <= toc->last_track; t = t == 0 ? toc->first_track : t + 4) {
        uint8_t *p;
        if (bp->n >= MAX_PACKS_PER_BLOCK - 3)
            return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT block %u: more than 256 packs", bp->blk->number);
        p = bp->packs[bp->n++];
        memset(p, 0, PACK);
        p[0] = 0x88;
        p[1] = (uint8_t)t;
        p[3] = (uint8_t)((unsigned)bp->blk->number << 4);
        if (t == 0) {
            p[4] = toc->first_track;
            p[5] = toc->last_track;
            memcpy(p + 7, toc->leadout, 3);
        } else {
            for (unsigned k = 0; k < 4 && t + k <= toc->last_track; k++)
                memcpy(p + 4 + 3 * k, toc->start[t + k], 3);
        }
        bp->counts[8]++;
    }
    return TOCEX_OK;
}

static bool has_text(const char *s) { return s != NULL && s[0] != '\0'; }

/* First and last track (1..99) of a row with a text; false when it has none. */
static bool row_tracks(char *const *row, unsigned *lo, unsigned *hi)
{
    unsigned t = 1, u = 99;
    if (tocex_cdtext_row_unused(row))
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

static tocex_status build_block(block_packs *bp, stream *s, const tocex_cdtext_toc_info *toc, tocex_error *err)
{
    const tocex_cdtext_view *blk = bp->blk;
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
        bp->first = blk->first_track;
        bp->last = blk->last_track;
    } else {
        bp->first = (uint8_t)(lo != 0 ? lo : 1);
        bp->last = (uint8_t)(hi != 0 ? hi : 1);
    }
    for (unsigned type = 0x80; type <= 0x8E && st == TOCEX_OK; type++) {
        unsigned f = type - 0x80;
        bool dbcc = false, any = false;
        uint8_t charset = TOCEX_CDTEXT_CHARSET_ASCII;
        if (type == 0x88) {
            if (toc != NULL)
                st = emit_toc(bp, toc, err);
            continue;
        }
        if (type == 0x89 || (type >= 0x8A && type <= 0x8C))
            continue;
        s->len = 0;
        s->count = 0;
        if (type <= 0x85) {
            charset = blk->charset;
            dbcc = dbcc_block;
        } else if (type == 0x8D) {
            charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
        }
        if (type == 0x87) {
            if (blk->genre != 0 || has_text(blk->genre_text)) {
                if (!stream_room(s, 2))
                    return nomem(err);
                s->bytes[0] = (uint8_t)(blk->genre >> 8);
                s->bytes[1] = (uint8_t)blk->genre;
                s->len = 2;
                st = add_string(s, blk, type, 0, blk->genre_text, NULL, charset, false, err);
                s->start[0] = 2;
                any = true;
            }
        } else if (type == 0x86 || type == 0x8D) {
            if (has_text(blk->text[f][0])) {
                st = add_string(s, blk, type, 0, blk->text[f][0], NULL, charset, false, err);
                any = true;
            }
        } else {
            /* every track text lies in first..last (checked above) */
            any = has_text(blk->text[f][0]) || row_any[f];
            if (any) {
                char *const *row = blk->text[f];
                st = add_string(s, blk, type, 0, row[0], NULL, charset, dbcc, err);
                if (st == TOCEX_OK && !dbcc)
                    st = add_track_strings(s, blk, type, row, bp->first, bp->last, charset, err);
                for (unsigned t = bp->first; dbcc && t <= bp->last && st == TOCEX_OK; t++)
                    st = add_string(s, blk, type, t, row[t], t > bp->first ? row[t - 1] : NULL, charset, dbcc, err);
            }
        }
        if (st == TOCEX_OK && any)
            st = emit_stream(bp, type, s, dbcc, err);
    }
    return st;
}

tocex_status tocex_cdtext_encode_views(const tocex_cdtext_view *blocks, size_t nb, const tocex_cdtext_toc_info *toc,
                                       tocex_buf *out, tocex_error *err)
{
    block_packs *bps;
    stream s;
    size_t order[TOCEX_CDTEXT_MAX_BLOCKS];
    uint8_t last_seq[TOCEX_CDTEXT_MAX_BLOCKS] = {0}, langs[TOCEX_CDTEXT_MAX_BLOCKS] = {0};
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
    /* not calloc: packs are written whole before they are read */
    bps = malloc(nb * sizeof *bps);
    if (bps == NULL)
        return nomem(err);
    s.bytes = NULL;
    s.len = s.cap = s.count = 0;
    for (size_t i = 0; i < nb && st == TOCEX_OK; i++) {
        block_packs *bp = &bps[i];
        bp->blk = &blocks[order[i]];
        bp->n = 0;
        memset(bp->counts, 0, sizeof bp->counts);
        st = build_block(bp, &s, toc, err);
        if (st == TOCEX_OK) {
            bp->counts[15] = 3;
            last_seq[bp->blk->number] = (uint8_t)(bp->n + 3 - 1);
            langs[bp->blk->number] = bp->blk->language;
        }
    }
    free(s.bytes);
    for (size_t i = 0; i < nb && st == TOCEX_OK; i++) {
        block_packs *bp = &bps[i];
        const tocex_cdtext_view *blk = bp->blk;
        uint8_t rec[36];
        /* 8Fh size information: 36 bytes over three packs (ID2 0, 1, 2). */
        rec[0] = blk->charset;
        rec[1] = bp->first;
        rec[2] = bp->last;
        rec[3] = blk->copyright ? 0x03 : 0x00;
        for (unsigned k = 0; k < 16; k++)
            rec[4 + k] = (uint8_t)bp->counts[k];
        memcpy(rec + 20, last_seq, 8);
        memcpy(rec + 28, langs, 8);
        for (unsigned part = 0; part < 3; part++) {
            uint8_t *p = bp->packs[bp->n++];
            p[0] = 0x8F;
            p[1] = (uint8_t)part;
            p[3] = (uint8_t)((unsigned)blk->number << 4);
            memcpy(p + 4, rec + 12 * part, PAYLOAD);
        }
        for (size_t k = 0; k < bp->n; k++) {
            uint8_t *p = bp->packs[k];
            p[2] = (uint8_t)k;
            tocex_put_be16(p + 16, tocex_cdtext_crc16(p));
        }
        tocex_buf_put_bytes(out, bp->packs, bp->n * PACK);
    }
    if (st == TOCEX_OK && out->failed)
        st = tocex_error_set(err, TOCEX_E_NOMEM, "CD-TEXT encode: output buffer full or out of memory");
    free(bps);
    return st;
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
