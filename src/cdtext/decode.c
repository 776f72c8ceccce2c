/* CD-TEXT packs -> text blocks (MMC-3 Annex J, Sony CD-TEXT spec as described in libburn
 * doc/cdtext.txt). Conventions are listed in include/tocex/cdtext.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdtext/charset.h"
#include "cdtext/internal.h"
#include "tocex/cdtext.h"

#define PACK TOCEX_CDTEXT_PACK_SIZE
#define PAYLOAD 12
#define MAX_PACKS_PER_BLOCK 256
#define MAX_PACKS (TOCEX_CDTEXT_MAX_BLOCKS * MAX_PACKS_PER_BLOCK)
#define TYPES 16

typedef struct decoder {
    tocex_cdtext *ct;
    const uint8_t (*packs)[PACK]; /* the caller's packs (pack_count whole packs) */
    size_t n;
    size_t base;                  /* byte offset of pack 0 in the caller's data (for messages) */
    /* Pack indexes sorted by block and type (stable): those of block b, type 80h + t are
     * order[start[b][t]] .. order[start[b][t] + tcount[b][t] - 1], in the order they came. */
    uint16_t order[MAX_PACKS];
    uint16_t start[TOCEX_CDTEXT_MAX_BLOCKS][TYPES];
    uint16_t tcount[TOCEX_CDTEXT_MAX_BLOCKS][TYPES];
    size_t count[TOCEX_CDTEXT_MAX_BLOCKS];
    int last_seq[TOCEX_CDTEXT_MAX_BLOCKS]; /* -1: no pack yet */
    uint8_t dbcc_set[TOCEX_CDTEXT_MAX_BLOCKS];   /* bit t: a pack of type 80h + t (t <= 5) has the DBCC flag */
    uint8_t dbcc_clear[TOCEX_CDTEXT_MAX_BLOCKS]; /* bit t: one has it clear */
    uint8_t size_rec[TOCEX_CDTEXT_MAX_BLOCKS][36];
    bool size_present[TOCEX_CDTEXT_MAX_BLOCKS];
    size_t store_used;            /* bytes of ct->text_store handed out */
    uint8_t stream[MAX_PACKS_PER_BLOCK * PAYLOAD];
    uint16_t where[MAX_PACKS_PER_BLOCK]; /* packs of the stream: ID2 << 8 | character position */
} decoder;

/* Offset of the first 00 byte in s[from..len), len when there is none. */
static inline size_t find_zero(const uint8_t *s, size_t from, size_t len)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes a step: the lowest set bit of (w - 0101..01h) & ~w & 8080..80h marks the
     * first 00 byte (strings here are short, a library call costs more than the search) */
    size_t i = from;
    while (len - i >= 8) {
        uint64_t w, z;
        memcpy(&w, s + i, 8);
        z = (w - UINT64_C(0x0101010101010101)) & ~w & UINT64_C(0x8080808080808080);
        if (z != 0)
            return i + (size_t)(__builtin_ctzll(z) >> 3);
        i += 8;
    }
    for (; i < len; i++)
        if (s[i] == 0)
            return i;
    return len;
#else
    const uint8_t *z = memchr(s + from, 0, len - from);
    return z != NULL ? (size_t)(z - s) : len;
#endif
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void warn(tocex_cdtext *ct, const char *fmt, ...)
{
    ct->warnings++;
    if (ct->first_warning[0] == '\0') {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ct->first_warning, sizeof ct->first_warning, fmt, ap);
        va_end(ap);
    }
}

static size_t byte_of(const decoder *d, size_t pack) { return d->base + pack * PACK; }

/* `n` bytes of the set's text storage, NULL when it is used up (the caller then allocates). */
static char *store_take(decoder *d, size_t n)
{
    char *p;
    if (d->ct->text_store_size - d->store_used < n)
        return NULL;
    p = d->ct->text_store + d->store_used;
    d->store_used += n;
    return p;
}

/* A copy of `s` in the text storage, or malloc'd when it does not fit; NULL when out of memory. */
static char *copy_text(decoder *d, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = store_take(d, n);
    if (p == NULL)
        p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

/* Read the three 8Fh packs of a block into its 36-byte size record. */
static void read_size_info(decoder *d, unsigned b)
{
    bool part[3] = {false, false, false};
    const uint16_t *list = &d->order[d->start[b][15]];
    for (size_t k = 0; k < d->tcount[b][15]; k++) {
        size_t i = list[k];
        const uint8_t *p = d->packs[i];
        unsigned id2 = p[1] & 0x7Fu;
        if (id2 > 2 || part[id2]) {
            warn(d->ct, "pack %zu (byte %zu): block %u: unexpected size information pack (ID2 %u)", i,
                 byte_of(d, i), b, id2);
            continue;
        }
        part[id2] = true;
        memcpy(d->size_rec[b] + 12 * id2, p + 4, PAYLOAD);
    }
    d->size_present[b] = part[0] || part[1] || part[2];
    if (d->size_present[b] && !(part[0] && part[1] && part[2]))
        warn(d->ct, "block %u: size information (8Fh) incomplete", b);
}

/* Store one decoded string (NULL = absent); takes ownership of `s`. Returns the text the
 * slot now holds (a following TAB repeats it). */
static const char *store(decoder *d, tocex_cdtext_block *blk, unsigned type, unsigned track, char *s)
{
    char **slot;
    if (track == 0 || type <= 0x85 || type == 0x8E) {
        slot = type != 0x87 ? &blk->text[type - 0x80][track] : &blk->genre_text;
    } else if (type == 0x87) {
        warn(d->ct, "block %u: genre (87h) has more than one text", blk->number);
        tocex_cdtext_release(d->ct, s);
        return blk->genre_text;
    } else {
        /* 86h, 8Dh */
        warn(d->ct, "block %u: pack type %02Xh is disc-only but has text for track %u", blk->number, type, track);
        tocex_cdtext_release(d->ct, s);
        return NULL;
    }
    tocex_cdtext_release(d->ct, *slot);
    *slot = s;
    return s;
}

/* Walk the strings of one pack type of a double-byte block (80h..85h of MS-JIS, Korean,
 * Mandarin): characters are 2 bytes, the terminator is 00 00; texts go through iconv. */
static tocex_status walk_dbcc(decoder *d, tocex_cdtext_block *blk, unsigned type, uint8_t charset,
                              unsigned first_track, tocex_error *err)
{
    const unsigned b = blk->number;
    const uint16_t *idx = &d->order[d->start[b][type - 0x80]];
    const uint8_t *stream = d->stream;
    size_t np = d->tcount[b][type - 0x80], len, pos = 0, chk = 0, data_end;
    unsigned track;
    const char *prev = NULL;
    if (np == 0)
        return TOCEX_OK;
    for (size_t k = 0; k < np; k++) {
        const uint8_t *p = d->packs[idx[k]];
        memcpy(d->stream + k * PAYLOAD, p + 4, PAYLOAD);
        d->where[k] = (uint16_t)((p[1] & 0x7Fu) << 8 | (p[3] & 0x0Fu));
    }
    len = np * PAYLOAD;
    data_end = len;
    while (data_end > 0 && stream[data_end - 1] == 0)
        data_end--;
    track = d->where[0] >> 8;
    while (pos < data_end) {
        size_t end = pos, strend, next, bad = 0;
        bool found = false;
        char *text = NULL;
        while (end + 2 <= len) {
            if (stream[end] == 0 && stream[end + 1] == 0) {
                found = true;
                break;
            }
            end += 2;
        }
        if (found) {
            strend = end;
            next = end + 2;
        } else {
            warn(d->ct, "block %u: pack type %02Xh: text for track %u has no terminator at the end", b, type, track);
            strend = len;
            next = len;
            while (strend > pos && stream[strend - 1] == 0)
                strend--;
        }
        /* A string of odd byte length carries one 00 pad byte before 00 00. */
        if (strend > pos && stream[strend - 1] == 0)
            strend--;
        /* Each pack names the track of its first character and how many characters of that
         * string came before it (15 = 15 or more); packs before pos were checked before. */
        for (size_t at = chk * PAYLOAD; at < next; chk++, at += PAYLOAD) { /* next <= len: chk < np */
            size_t want_pos = (at - pos) / 2;
            if (want_pos > 15)
                want_pos = 15;
            if (d->where[chk] != (track << 8 | want_pos)) {
                size_t i = idx[chk];
                warn(d->ct,
                     "pack %zu (byte %zu): block %u type %02Xh: track %u character position %u, expected track %u "
                     "position %zu",
                     i, byte_of(d, i), b, type, (unsigned)d->where[chk] >> 8, d->where[chk] & 0x0Fu, track, want_pos);
            }
        }
        if (track > 99) {
            warn(d->ct, "block %u: pack type %02Xh: text beyond track 99 ignored", b, type);
            break;
        }
        if (strend - pos == 2 && stream[pos] == 0x09 && stream[pos + 1] == 0x09) {
            /* TAB TAB: same text as the previous track (libburn doc/cdtext.txt, Sony). */
            if (track == 0 || prev == NULL) {
                if (track == 0)
                    warn(d->ct, "block %u: pack type %02Xh: TAB (repeat) used for the disc text", b, type);
            } else {
                text = copy_text(d, prev);
                if (text == NULL)
                    return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
            }
        } else if (strend > pos) {
            tocex_status st = tocex_cdtext_to_utf8(charset, stream + pos, strend - pos, &text, &bad, err);
            if (st != TOCEX_OK)
                return st;
            if (bad != 0)
                warn(d->ct, "block %u: %s track %u: %zu byte(s) not valid in %s", b,
                     tocex_cdtext_field_name((tocex_cdtext_field)(type - 0x80)), track, bad,
                     tocex_cdtext_charset_name(charset) != NULL ? tocex_cdtext_charset_name(charset)
                                                               : "the block character code");
        }
        prev = store(d, blk, type, track, text);
        pos = next;
        if (track == 0 && first_track >= 1)
            track = first_track;
        else
            track++;
    }
    return TOCEX_OK;
}

/* Walk the NUL-separated strings of one pack type of a single-byte block (and of 86h..8Eh of
 * any block): one byte per character, texts converted straight into the set's storage. */
static tocex_status walk_sb(decoder *d, tocex_cdtext_block *blk, unsigned type, size_t skip, uint8_t charset,
                            unsigned first_track, tocex_error *err)
{
    const unsigned b = blk->number;
    const uint16_t *idx = &d->order[d->start[b][type - 0x80]];
    uint8_t *stream = d->stream;
    uint16_t *where = d->where;
    char *const store_base = d->ct->text_store;
    const size_t store_size = d->ct->text_store_size;
    const bool unknown_code = charset != TOCEX_CDTEXT_CHARSET_ISO8859_1 && charset != TOCEX_CDTEXT_CHARSET_ASCII;
    const bool disc_only = type == 0x86 || type == 0x87 || type == 0x8D;
    char **row = type != 0x87 ? blk->text[type - 0x80] : NULL;
    size_t np = d->tcount[b][type - 0x80], len, pos = skip, chk, data_end, used = d->store_used;
    unsigned track;
    const char *prev = NULL;
    if (np == 0)
        return TOCEX_OK;
    for (size_t k = 0; k < np; k++) {
        const uint8_t *p = d->packs[idx[k]];
        memcpy(stream + k * PAYLOAD, p + 4, PAYLOAD);
        where[k] = (uint16_t)((p[1] & 0x7Fu) << 8 | (p[3] & 0x0Fu));
    }
    len = np * PAYLOAD;
    data_end = len;
    while (data_end > 0 && stream[data_end - 1] == 0)
        data_end--;
    track = where[0] >> 8;
    chk = skip > 0 ? 1 : 0; /* the 87h genre code is not text: positions count from byte 2 */
    if (type == 0x87 && track != 0)
        warn(d->ct, "pack %zu (byte %zu): genre pack for track %u", (size_t)idx[0], byte_of(d, idx[0]), track);
    /* pos < data_end (<= len): past it there is only zero padding */
    while (pos < data_end) {
        size_t end = find_zero(stream, pos, len), next, n, bad = 0;
        char *text = NULL;
        if (end < len) {
            next = end + 1;
        } else {
            /* no 00 from pos on: the text runs to the end, with no padding to strip */
            warn(d->ct, "block %u: pack type %02Xh: text for track %u has no terminator at the end", b, type, track);
            next = len;
        }
        /* Each pack names the track of its first character and how many characters of that
         * string came before it (15 = 15 or more). */
        for (size_t at = chk * PAYLOAD; at < next; chk++, at += PAYLOAD) {
            size_t want_pos = at - pos < 15 ? at - pos : 15;
            if (where[chk] != (track << 8 | want_pos)) {
                size_t i = idx[chk];
                warn(d->ct,
                     "pack %zu (byte %zu): block %u type %02Xh: track %u character position %u, expected track %u "
                     "position %zu",
                     i, byte_of(d, i), b, type, (unsigned)where[chk] >> 8, where[chk] & 0x0Fu, track, want_pos);
            }
        }
        if (track > 99) {
            warn(d->ct, "block %u: pack type %02Xh: text beyond track 99 ignored", b, type);
            break;
        }
        n = end - pos;
        if (n == 1 && stream[pos] == 0x09) {
            /* TAB: same text as the previous track (libburn doc/cdtext.txt, Sony). */
            if (track == 0 || prev == NULL) {
                if (track == 0)
                    warn(d->ct, "block %u: pack type %02Xh: TAB (repeat) used for the disc text", b, type);
            } else {
                d->store_used = used;
                text = copy_text(d, prev);
                used = d->store_used;
                if (text == NULL)
                    return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
            }
        } else if (n != 0) {
            if (store_size - used > 2 * n) {
                text = store_base + used;
                used += tocex_cdtext_sb_to_utf8(charset, stream + pos, n, (uint8_t *)text, &bad) + 1;
                if (unknown_code)
                    bad++; /* unknown code: read as ISO-8859-1 */
            } else {
                tocex_status st = tocex_cdtext_to_utf8(charset, stream + pos, n, &text, &bad, err);
                if (st != TOCEX_OK) {
                    d->store_used = used;
                    return st;
                }
            }
            if (bad != 0)
                warn(d->ct, "block %u: %s track %u: %zu byte(s) not valid in %s", b,
                     tocex_cdtext_field_name((tocex_cdtext_field)(type - 0x80)), track, bad,
                     tocex_cdtext_charset_name(charset) != NULL ? tocex_cdtext_charset_name(charset)
                                                               : "the block character code");
        }
        if (track == 0 || !disc_only) {
            char **slot = row != NULL ? &row[track] : &blk->genre_text;
            tocex_cdtext_release(d->ct, *slot);
            *slot = text;
            prev = text;
        } else {
            prev = store(d, blk, type, track, text); /* warns and drops it */
        }
        pos = next;
        if (track == 0 && first_track >= 1)
            track = first_track;
        else
            track++;
    }
    d->store_used = used;
    return TOCEX_OK;
}

static tocex_status decode_block(decoder *d, unsigned b, tocex_error *err)
{
    tocex_cdtext *ct = d->ct;
    tocex_cdtext_block *blk = &ct->blocks[ct->block_count++];
    const uint8_t *rec = d->size_rec[b];
    const uint16_t *counts = d->tcount[b];
    unsigned first_track = 1;
    bool have_range = false, any_dbcc_flag = d->dbcc_set[b] != 0, flag_mismatch = false;
    tocex_status st;
    tocex_cdtext_block_clear(blk);
    blk->number = (uint8_t)b;
    if (d->size_present[b]) {
        blk->charset = rec[0];
        if (tocex_cdtext_charset_name(rec[0]) == NULL)
            warn(ct, "block %u: unknown character code %02Xh, read as ISO-8859-1", b, rec[0]);
        if (rec[1] >= 1 && rec[1] <= rec[2] && rec[2] <= 99) {
            blk->first_track = rec[1];
            blk->last_track = rec[2];
            first_track = rec[1];
            have_range = true;
        } else {
            warn(ct, "block %u: size information gives tracks %u..%u; ignored", b, rec[1], rec[2]);
        }
        if (rec[3] != 0 && rec[3] != 3)
            warn(ct, "block %u: copyright byte %02Xh (expected 00h or 03h)", b, rec[3]);
        blk->copyright = rec[3] != 0;
        for (unsigned k = 0; k < 16; k++) {
            blk->pack_count[k] = rec[4 + k];
            if (rec[4 + k] != counts[k])
                warn(ct, "block %u: size information counts %u packs of type %02Xh, found %u", b, rec[4 + k],
                     0x80 + k, (unsigned)counts[k]);
        }
        blk->last_sequence = rec[20 + b];
        if ((int)rec[20 + b] != d->last_seq[b])
            warn(ct, "block %u: size information gives last sequence number %u, found %d", b, rec[20 + b],
                 d->last_seq[b]);
        blk->language = rec[28 + b];
    } else {
        /* No 8Fh of its own: the language may still be in another block's size record. */
        bool lang = false;
        for (unsigned o = 0; o < TOCEX_CDTEXT_MAX_BLOCKS && !lang; o++)
            if (d->size_present[o]) {
                blk->language = d->size_rec[o][28 + b];
                lang = true;
            }
        warn(ct, "block %u: no size information (8Fh)", b);
        blk->charset = any_dbcc_flag ? TOCEX_CDTEXT_CHARSET_MS_JIS : TOCEX_CDTEXT_CHARSET_ISO8859_1;
        for (unsigned k = 0; k < 16; k++)
            blk->pack_count[k] = (uint8_t)(counts[k] > 255 ? 255 : counts[k]);
        blk->last_sequence = (uint8_t)(d->last_seq[b] < 0 ? 0 : d->last_seq[b]);
    }
    if (d->size_present[b] && d->size_present[0] && b != 0 && d->size_rec[0][28 + b] != rec[28 + b])
        warn(ct, "block %u: language %02Xh in its own size information, %02Xh in block 0's", b, rec[28 + b],
             d->size_rec[0][28 + b]);

    for (unsigned type = 0x80; type <= 0x8E; type++) {
        bool dbcc = false;
        uint8_t charset = TOCEX_CDTEXT_CHARSET_ASCII;
        size_t skip = 0;
        if (type == 0x88 || type == 0x89 || (type >= 0x8A && type <= 0x8C))
            continue; /* binary TOC information / reserved: counted only */
        if (type <= 0x85) {
            unsigned bit = 1u << (type - 0x80);
            charset = blk->charset;
            dbcc = tocex_cdtext_charset_is_dbcc(charset);
            if (((dbcc ? d->dbcc_clear[b] : d->dbcc_set[b]) & bit) != 0)
                flag_mismatch = true;
        } else if (type == 0x8D) {
            charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
        } else if (type == 0x87) {
            if (counts[7] == 0)
                continue;
            blk->genre = tocex_be16(d->packs[d->order[d->start[b][7]]] + 4);
            skip = 2;
        }
        st = dbcc ? walk_dbcc(d, blk, type, charset, first_track, err)
                  : walk_sb(d, blk, type, skip, charset, first_track, err);
        if (st != TOCEX_OK)
            return st;
    }
    if (flag_mismatch)
        warn(ct, "block %u: double-byte flag disagrees with character code %02Xh; the code is used", b,
             blk->charset);
    if (!have_range) {
        for (unsigned t = 1; t <= 99; t++)
            for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
                if (blk->text[f][t] != NULL) {
                    if (blk->first_track == 0)
                        blk->first_track = (uint8_t)t;
                    blk->last_track = (uint8_t)t;
                }
    }
    return TOCEX_OK;
}

static tocex_status decode_at(const uint8_t *packs, size_t pack_count, size_t base, tocex_cdtext **out,
                              tocex_error *err)
{
    decoder *d;
    tocex_status st = TOCEX_OK;
    int high = -1; /* highest block with a pack so far */
    uint16_t fill[TOCEX_CDTEXT_MAX_BLOCKS][TYPES];
    size_t at = 0;
    if (out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT decode: no output");
    *out = NULL;
    if (packs == NULL && pack_count != 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT decode: no packs");
    if (pack_count > (size_t)MAX_PACKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT: %zu packs, at most %d (8 blocks of 256)", pack_count,
                               MAX_PACKS);
    /* not calloc: the order list and the stream are written before they are read */
    d = malloc(sizeof *d);
    if (d == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
    d->ct = tocex_cdtext_new();
    if (d->ct == NULL) {
        st = tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
        goto done;
    }
    /* Texts of single-byte blocks are at most 2 bytes per payload byte plus a NUL per string,
     * which needs at least one byte: 3 per payload byte hold them all. */
    if (pack_count != 0) {
        d->ct->text_store = malloc(pack_count * PAYLOAD * 3);
        if (d->ct->text_store == NULL) {
            st = tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
            goto done;
        }
        d->ct->text_store_size = pack_count * PAYLOAD * 3;
    }
    d->store_used = 0;
    d->packs = (const uint8_t(*)[PACK])packs;
    d->n = pack_count;
    d->base = base;
    memset(d->tcount, 0, sizeof d->tcount);
    memset(d->count, 0, sizeof d->count);
    memset(d->dbcc_set, 0, sizeof d->dbcc_set);
    memset(d->dbcc_clear, 0, sizeof d->dbcc_clear);
    memset(d->size_present, 0, sizeof d->size_present);
    memset(d->size_rec, 0, sizeof d->size_rec); /* parts missing from an incomplete 8Fh read as 0 */
    for (unsigned b = 0; b < TOCEX_CDTEXT_MAX_BLOCKS; b++)
        d->last_seq[b] = -1;
    for (size_t i = 0; i < pack_count; i++) {
        const uint8_t *p = d->packs[i];
        uint16_t crc, stored;
        unsigned b, t;
        if (p[0] < 0x80 || p[0] > 0x8F) {
            st = tocex_error_at_offset(err, TOCEX_E_PARSE, "CD-TEXT", (long long)byte_of(d, i),
                                       "pack %zu: pack type %02Xh is not 80h..8Fh", i, p[0]);
            goto done;
        }
        crc = tocex_cdtext_crc16(p);
        stored = tocex_be16(p + 16);
        if (stored == 0 && crc != 0)
            d->ct->zero_crc_packs++; /* CRC not reported (PX-W5224TA zeroes the last pack's) */
        else if (crc != stored)
            d->ct->crc_errors++;
        if ((p[1] & 0x80) != 0) {
            /* Extension flag: no defined meaning in MMC-3 Annex J; redumper skips such packs. */
            warn(d->ct, "pack %zu (byte %zu): extension flag set; pack ignored", i, byte_of(d, i));
            continue;
        }
        b = (p[3] >> 4) & 7u;
        t = p[0] - 0x80u;
        if (d->count[b] == MAX_PACKS_PER_BLOCK) {
            st = tocex_error_at_offset(err, TOCEX_E_LIMIT, "CD-TEXT", (long long)byte_of(d, i),
                                       "pack %zu: block %u has more than 256 packs", i, b);
            goto done;
        }
        if ((int)p[2] != d->last_seq[b] + 1)
            warn(d->ct, "pack %zu (byte %zu): block %u sequence number %u, expected %d", i, byte_of(d, i), b, p[2],
                 d->last_seq[b] + 1);
        if (high > (int)b) {
            for (unsigned o = b + 1; o < TOCEX_CDTEXT_MAX_BLOCKS; o++)
                if (d->count[o] != 0) {
                    warn(d->ct, "pack %zu (byte %zu): block %u after block %u", i, byte_of(d, i), b, o);
                    break;
                }
        } else {
            high = (int)b;
        }
        d->last_seq[b] = p[2];
        d->count[b]++;
        d->tcount[b][t]++;
        if (t <= 5) {
            if ((p[3] & 0x80) != 0)
                d->dbcc_set[b] |= (uint8_t)(1u << t);
            else
                d->dbcc_clear[b] |= (uint8_t)(1u << t);
        }
    }
    /* Sort the pack indexes by block and type, keeping their order within each. */
    for (unsigned b = 0; b < TOCEX_CDTEXT_MAX_BLOCKS; b++)
        for (unsigned t = 0; t < TYPES; t++) {
            d->start[b][t] = (uint16_t)at;
            fill[b][t] = (uint16_t)at;
            at += d->tcount[b][t];
        }
    for (size_t i = 0; i < pack_count; i++) {
        const uint8_t *p = d->packs[i];
        if ((p[1] & 0x80) == 0)
            d->order[fill[(p[3] >> 4) & 7u][p[0] - 0x80u]++] = (uint16_t)i;
    }
    for (unsigned b = 0; b < TOCEX_CDTEXT_MAX_BLOCKS; b++)
        if (d->count[b] != 0)
            read_size_info(d, b);
    for (unsigned b = 0; b < TOCEX_CDTEXT_MAX_BLOCKS; b++)
        if (d->count[b] != 0 && (st = decode_block(d, b, err)) != TOCEX_OK)
            goto done;
done:
    if (st == TOCEX_OK)
        *out = d->ct;
    else
        tocex_cdtext_free(d->ct);
    free(d);
    return st;
}

tocex_status tocex_cdtext_decode(const uint8_t *packs, size_t pack_count, tocex_cdtext **out, tocex_error *err)
{
    return decode_at(packs, pack_count, 0, out, err);
}

tocex_status tocex_cdtext_locate_packs(const uint8_t *data, size_t len, size_t *first, size_t *pack_count,
                                       tocex_error *err)
{
    size_t rest = len % PACK;
    *first = 0;
    *pack_count = 0;
    if (data == NULL && len != 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: no data");
    if (rest == 4 || rest == 5) {
        /* MMC READ TOC format 0101b reply: Data Length (excludes itself) + 2 reserved bytes.
         * MAME answers Data Length 0 for an empty reply. */
        tocex_span hdr;
        uint16_t dl = 0;
        size_t n = (len - rest) / PACK;
        tocex_span_init(&hdr, data, len);
        (void)tocex_span_get_u16be(&hdr, &dl); /* len >= 4 here */
        if (dl != 2 + n * PACK && !(dl == 0 && n == 0) && !(dl == 2 && n == 0))
            return tocex_error_at_offset(err, TOCEX_E_PARSE, "CD-TEXT", 0,
                                         "header Data Length %u does not match %zu packs (%zu bytes)", dl, n, len);
        if (rest == 5 && data[len - 1] != 0)
            return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, "CD-TEXT", (long long)(len - 1),
                                         "1 byte after the last whole pack");
        *first = 4;
        *pack_count = n;
        return TOCEX_OK;
    }
    if (rest == 0 || (rest == 1 && data[len - 1] == 0)) {
        /* Bare packs; CDRWIN appends one NUL byte to .cdt files. */
        *pack_count = len / PACK;
        return TOCEX_OK;
    }
    return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, "CD-TEXT", (long long)(len - rest),
                                 "%zu byte(s) after the last whole 18-byte pack", rest);
}

tocex_status tocex_cdtext_decode_bytes(const uint8_t *data, size_t len, tocex_cdtext **out, tocex_error *err)
{
    size_t first, n;
    tocex_status st = tocex_cdtext_locate_packs(data, len, &first, &n, err);
    if (out != NULL)
        *out = NULL;
    if (st != TOCEX_OK)
        return st;
    return decode_at(n != 0 ? data + first : NULL, n, first, out, err);
}
