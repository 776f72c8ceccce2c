/* Text blocks -> CD-TEXT packs (MMC-3 Annex J; layout rules from libburn doc/cdtext.txt).
 * Conventions (TAB repeat, DBCC flag, track range) are listed in include/tocex/cdtext.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdtext/charset.h"
#include "tocex/cdtext.h"

#define PACK TOCEX_CDTEXT_PACK_SIZE
#define PAYLOAD 12
#define MAX_PACKS_PER_BLOCK 256

/* Packs of one block before sequence numbers and CRCs are known. */
typedef struct block_packs {
    const tocex_cdtext_block *blk;
    uint8_t packs[MAX_PACKS_PER_BLOCK][PACK];
    size_t n;
    unsigned counts[16];
    uint8_t first, last;
} block_packs;

/* One pack type's byte stream and where each string starts. */
typedef struct stream {
    tocex_buf bytes;
    size_t start[101]; /* offset of the first character of each string */
    unsigned track[101];
    size_t count;
    size_t text_base;  /* 2 for 87h: the genre code is not counted as characters */
} stream;

static const char *field_label(char *buf, size_t cap, const tocex_cdtext_block *blk, unsigned type, unsigned track)
{
    snprintf(buf, cap, "CD-TEXT block %u %s track %u", blk->number,
             tocex_cdtext_field_name_for((tocex_cdtext_field)(type - 0x80), track), track);
    return buf;
}

static tocex_status add_string(stream *s, const tocex_cdtext_block *blk, unsigned type, unsigned track,
                               const char *utf8, const char *prev, uint8_t charset, bool dbcc, tocex_error *err)
{
    uint8_t *bytes = NULL;
    size_t n = 0;
    char label[96];
    s->start[s->count] = s->bytes.len;
    s->track[s->count] = track;
    s->count++;
    if (utf8 != NULL && utf8[0] != '\0') {
        tocex_status st;
        if (prev != NULL && track != 0 && strcmp(utf8, prev) == 0) {
            /* Same as the previous track: TAB (two TABs in double-byte blocks). */
            tocex_buf_put_u8(&s->bytes, 0x09);
            if (dbcc)
                tocex_buf_put_u8(&s->bytes, 0x09);
        } else {
            /* the field label only serves error messages: it is formatted when there is one */
            st = tocex_cdtext_from_utf8(charset, utf8, &bytes, &n, "", NULL);
            if (st != TOCEX_OK)
                return tocex_cdtext_from_utf8(charset, utf8, &bytes, &n,
                                              field_label(label, sizeof label, blk, type, track), err);
            if ((!dbcc && n == 1 && bytes[0] == 0x09) || (dbcc && n == 2 && bytes[0] == 0x09 && bytes[1] == 0x09)) {
                free(bytes);
                return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT,
                                       "%s: a text consisting of TAB means \"same as previous track\"",
                                       field_label(label, sizeof label, blk, type, track));
            }
            tocex_buf_put_bytes(&s->bytes, bytes, n);
            if (dbcc && n % 2 != 0)
                tocex_buf_put_u8(&s->bytes, 0); /* keep the 00 00 terminator on a character boundary */
            free(bytes);
        }
    }
    tocex_buf_put_u8(&s->bytes, 0);
    if (dbcc)
        tocex_buf_put_u8(&s->bytes, 0);
    return TOCEX_OK;
}

static tocex_status emit_stream(block_packs *bp, unsigned type, const stream *s, bool dbcc, tocex_error *err)
{
    size_t unit = dbcc ? 2 : 1;
    for (size_t off = 0; off < s->bytes.len; off += PAYLOAD) {
        uint8_t *p;
        size_t k = 0, chars = 0, take;
        unsigned track = 0;
        if (bp->n >= MAX_PACKS_PER_BLOCK - 3)
            return tocex_error_set(err, TOCEX_E_LIMIT,
                                   "CD-TEXT block %u: texts need more than 253 packs (256 per block with 3 for 8Fh)",
                                   bp->blk->number);
        /* The string holding the pack's first byte: its track is ID2, the characters of it
         * already written are the character position (15 = 15 or more). */
        while (k + 1 < s->count && s->start[k + 1] <= off)
            k++;
        if (s->count != 0) {
            track = s->track[k];
            if (off >= s->start[k])
                chars = (off - s->start[k]) / unit;
        }
        p = bp->packs[bp->n++];
        memset(p, 0, PACK);
        p[0] = (uint8_t)type;
        p[1] = (uint8_t)track;
        p[3] = (uint8_t)(((dbcc ? 1u : 0u) << 7) | ((unsigned)bp->blk->number << 4) | (chars > 15 ? 15u : chars));
        take = s->bytes.len - off < PAYLOAD ? s->bytes.len - off : PAYLOAD;
        memcpy(p + 4, s->bytes.data + off, take);
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

static tocex_status build_block(block_packs *bp, const tocex_cdtext_toc_info *toc, tocex_error *err)
{
    const tocex_cdtext_block *blk = bp->blk;
    bool dbcc_block = tocex_cdtext_charset_is_dbcc(blk->charset);
    tocex_status st = TOCEX_OK;
    unsigned lo = 0, hi = 0;
    if (tocex_cdtext_charset_name(blk->charset) == NULL)
        return tocex_error_set(err, TOCEX_E_CHARSET, "CD-TEXT block %u: unknown character code %02Xh", blk->number,
                               blk->charset);
    for (unsigned t = 1; t <= 99; t++)
        for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
            if (has_text(blk->text[f][t])) {
                if (f == TOCEX_CDTEXT_DISC_ID || f == TOCEX_CDTEXT_CLOSED || f == TOCEX_CDTEXT_GENRE ||
                    (f >= TOCEX_CDTEXT_TOC_INFO && f <= TOCEX_CDTEXT_RESERVED_8C) || f == TOCEX_CDTEXT_SIZE_INFO)
                    return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT,
                                           "CD-TEXT block %u: %s has no per-track text (track %u)", blk->number,
                                           tocex_cdtext_field_name((tocex_cdtext_field)f), t);
                if (lo == 0)
                    lo = t;
                hi = t;
            }
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
        stream s;
        if (type == 0x88) {
            if (toc != NULL)
                st = emit_toc(bp, toc, err);
            continue;
        }
        if (type == 0x89 || (type >= 0x8A && type <= 0x8C))
            continue;
        memset(&s, 0, sizeof s);
        tocex_buf_init(&s.bytes);
        if (type <= 0x85) {
            charset = blk->charset;
            dbcc = dbcc_block;
        } else if (type == 0x8D) {
            charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
        }
        if (type == 0x87) {
            if (blk->genre != 0 || has_text(blk->genre_text)) {
                tocex_buf_put_u16be(&s.bytes, blk->genre);
                st = add_string(&s, blk, type, 0, blk->genre_text, NULL, charset, false, err);
                s.start[0] = 2;
                any = true;
            }
        } else if (type == 0x86 || type == 0x8D) {
            if (has_text(blk->text[f][0])) {
                st = add_string(&s, blk, type, 0, blk->text[f][0], NULL, charset, false, err);
                any = true;
            }
        } else {
            any = has_text(blk->text[f][0]);
            for (unsigned t = bp->first; t <= bp->last && !any; t++)
                any = has_text(blk->text[f][t]);
            if (any) {
                st = add_string(&s, blk, type, 0, blk->text[f][0], NULL, charset, dbcc, err);
                for (unsigned t = bp->first; t <= bp->last && st == TOCEX_OK; t++)
                    st = add_string(&s, blk, type, t, blk->text[f][t], t > bp->first ? blk->text[f][t - 1] : NULL,
                                    charset, dbcc, err);
            }
        }
        if (st == TOCEX_OK && s.bytes.failed)
            st = tocex_error_set(err, TOCEX_E_NOMEM, "out of memory encoding CD-TEXT");
        if (st == TOCEX_OK && any)
            st = emit_stream(bp, type, &s, dbcc, err);
        tocex_buf_free(&s.bytes);
    }
    return st;
}

static tocex_status encode_impl(const tocex_cdtext *ct, const tocex_cdtext_toc_info *toc, tocex_buf *out,
                                tocex_error *err)
{
    block_packs *bps;
    size_t order[TOCEX_CDTEXT_MAX_BLOCKS], nb;
    uint8_t last_seq[TOCEX_CDTEXT_MAX_BLOCKS] = {0}, langs[TOCEX_CDTEXT_MAX_BLOCKS] = {0};
    tocex_status st = TOCEX_OK;
    if (ct == NULL || out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT encode: missing argument");
    nb = ct->block_count;
    if (nb > TOCEX_CDTEXT_MAX_BLOCKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT: %zu blocks, at most 8", nb);
    /* Blocks go out in ascending block number ("all packs of block 0 come before block 1"). */
    for (size_t i = 0; i < nb; i++) {
        size_t j = i;
        if (ct->blocks[i].number >= TOCEX_CDTEXT_MAX_BLOCKS)
            return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: block number %u, blocks are 0..7",
                                   ct->blocks[i].number);
        while (j > 0 && ct->blocks[order[j - 1]].number > ct->blocks[i].number) {
            order[j] = order[j - 1];
            j--;
        }
        if (j > 0 && ct->blocks[order[j - 1]].number == ct->blocks[i].number)
            return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: block %u given twice",
                                   ct->blocks[i].number);
        order[j] = i;
    }
    if (nb == 0)
        return TOCEX_OK;
    bps = calloc(nb, sizeof *bps);
    if (bps == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory encoding CD-TEXT");
    for (size_t i = 0; i < nb && st == TOCEX_OK; i++) {
        bps[i].blk = &ct->blocks[order[i]];
        st = build_block(&bps[i], toc, err);
        if (st == TOCEX_OK) {
            bps[i].counts[15] = 3;
            last_seq[bps[i].blk->number] = (uint8_t)(bps[i].n + 3 - 1);
            langs[bps[i].blk->number] = bps[i].blk->language;
        }
    }
    for (size_t i = 0; i < nb && st == TOCEX_OK; i++) {
        block_packs *bp = &bps[i];
        const tocex_cdtext_block *blk = bp->blk;
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
            memset(p, 0, PACK);
            p[0] = 0x8F;
            p[1] = (uint8_t)part;
            p[3] = (uint8_t)((unsigned)blk->number << 4);
            memcpy(p + 4, rec + 12 * part, PAYLOAD);
        }
        for (size_t k = 0; k < bp->n; k++) {
            uint8_t *p = bp->packs[k];
            p[2] = (uint8_t)k;
            tocex_put_be16(p + 16, tocex_cdtext_crc(p));
            tocex_buf_put_bytes(out, p, PACK);
        }
    }
    if (st == TOCEX_OK && out->failed)
        st = tocex_error_set(err, TOCEX_E_NOMEM, "CD-TEXT encode: output buffer full or out of memory");
    free(bps);
    return st;
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
