/* CD-TEXT packs -> text blocks (MMC-3 Annex J, Sony CD-TEXT spec as described in libburn
 * doc/cdtext.txt). Conventions are listed in include/tocex/cdtext.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdtext/charset.h"
#include "tocex/cdtext.h"

#define PACK TOCEX_CDTEXT_PACK_SIZE
#define PAYLOAD 12
#define MAX_PACKS_PER_BLOCK 256

typedef struct decoder {
    tocex_cdtext *ct;
    uint8_t (*packs)[PACK]; /* copies read through the bounded reader */
    size_t n;
    size_t base;            /* byte offset of pack 0 in the caller's data (for messages) */
    size_t list[TOCEX_CDTEXT_MAX_BLOCKS][MAX_PACKS_PER_BLOCK];
    size_t count[TOCEX_CDTEXT_MAX_BLOCKS];
    int last_seq[TOCEX_CDTEXT_MAX_BLOCKS]; /* -1: no pack yet */
    uint8_t size_rec[TOCEX_CDTEXT_MAX_BLOCKS][36];
    bool size_present[TOCEX_CDTEXT_MAX_BLOCKS];
    uint8_t stream[MAX_PACKS_PER_BLOCK * PAYLOAD];
} decoder;

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

/* Read the three 8Fh packs of a block into its 36-byte size record. */
static void read_size_info(decoder *d, unsigned b)
{
    bool part[3] = {false, false, false};
    for (size_t k = 0; k < d->count[b]; k++) {
        size_t i = d->list[b][k];
        const uint8_t *p = d->packs[i];
        unsigned id2 = p[1] & 0x7Fu;
        if (p[0] != 0x8F)
            continue;
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

/* Store one decoded string (NULL = absent); takes ownership of `s`. */
static void store(decoder *d, tocex_cdtext_block *blk, unsigned type, unsigned track, char *s)
{
    char **slot;
    if (type == 0x87) {
        if (track != 0) {
            warn(d->ct, "block %u: genre (87h) has more than one text", blk->number);
            free(s);
            return;
        }
        slot = &blk->genre_text;
    } else {
        if (track != 0 && (type == 0x86 || type == 0x8D)) {
            warn(d->ct, "block %u: pack type %02Xh is disc-only but has text for track %u", blk->number, type, track);
            free(s);
            return;
        }
        slot = &blk->text[type - 0x80][track];
    }
    free(*slot);
    *slot = s;
}

/* Walk the NUL-separated strings of one pack type of one block. */
static tocex_status walk(decoder *d, tocex_cdtext_block *blk, unsigned type, size_t skip, bool dbcc, uint8_t charset,
                         unsigned first_track, tocex_error *err)
{
    const unsigned b = blk->number;
    size_t idx[MAX_PACKS_PER_BLOCK];
    size_t np = 0, len, pos = skip, chk, unit = dbcc ? 2 : 1, data_end = 0;
    unsigned track;
    const char *prev = NULL;
    for (size_t k = 0; k < d->count[b]; k++) {
        size_t i = d->list[b][k];
        if (d->packs[i][0] == type) {
            memcpy(d->stream + np * PAYLOAD, d->packs[i] + 4, PAYLOAD);
            idx[np++] = i;
        }
    }
    if (np == 0)
        return TOCEX_OK;
    len = np * PAYLOAD;
    for (size_t k = 0; k < len; k++)
        if (d->stream[k] != 0)
            data_end = k + 1;
    track = d->packs[idx[0]][1] & 0x7Fu;
    chk = skip > 0 ? 1 : 0; /* the 87h genre code is not text: positions count from byte 2 */
    if (type == 0x87 && track != 0)
        warn(d->ct, "pack %zu (byte %zu): genre pack for track %u", idx[0], byte_of(d, idx[0]), track);
    while (pos < len) {
        size_t end = pos, strend, next;
        bool found = false;
        char *text = NULL;
        size_t bad = 0;
        tocex_status st;
        while (end + unit <= len) {
            if (d->stream[end] == 0 && (!dbcc || d->stream[end + 1] == 0)) {
                found = true;
                break;
            }
            end += unit;
        }
        if (pos >= data_end)
            break; /* zero padding after the last string */
        if (found) {
            strend = end;
            next = end + unit;
        } else {
            warn(d->ct, "block %u: pack type %02Xh: text for track %u has no terminator at the end", b, type, track);
            strend = len;
            next = len;
            while (strend > pos && d->stream[strend - 1] == 0)
                strend--;
        }
        /* A double-byte string of odd byte length carries one 00 pad byte before 00 00. */
        if (dbcc && strend > pos && d->stream[strend - 1] == 0)
            strend--;
        /* Each pack names the track of its first character and how many characters of that
         * string came before it (15 = 15 or more). */
        while (chk < np && chk * PAYLOAD < next) {
            size_t s = chk * PAYLOAD, i = idx[chk];
            size_t want_pos = s >= pos ? (s - pos) / unit : 0;
            unsigned id2 = d->packs[i][1] & 0x7Fu, cpos = d->packs[i][3] & 0x0Fu;
            if (want_pos > 15)
                want_pos = 15;
            if (id2 != track || cpos != want_pos)
                warn(d->ct,
                     "pack %zu (byte %zu): block %u type %02Xh: track %u character position %u, expected track %u "
                     "position %zu",
                     i, byte_of(d, i), b, type, id2, cpos, track, want_pos);
            chk++;
        }
        if (track > 99) {
            warn(d->ct, "block %u: pack type %02Xh: text beyond track 99 ignored", b, type);
            break;
        }
        if ((!dbcc && strend - pos == 1 && d->stream[pos] == 0x09) ||
            (dbcc && strend - pos == 2 && d->stream[pos] == 0x09 && d->stream[pos + 1] == 0x09)) {
            /* TAB: same text as the previous track (libburn doc/cdtext.txt, Sony). */
            if (track == 0 || prev == NULL) {
                if (track == 0)
                    warn(d->ct, "block %u: pack type %02Xh: TAB (repeat) used for the disc text", b, type);
            } else {
                text = strdup(prev);
                if (text == NULL)
                    return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
            }
        } else if (strend > pos) {
            st = tocex_cdtext_to_utf8(charset, d->stream + pos, strend - pos, &text, &bad, err);
            if (st != TOCEX_OK)
                return st;
            if (bad != 0)
                warn(d->ct, "block %u: %s track %u: %zu byte(s) not valid in %s", b,
                     tocex_cdtext_field_name((tocex_cdtext_field)(type - 0x80)), track, bad,
                     tocex_cdtext_charset_name(charset) != NULL ? tocex_cdtext_charset_name(charset)
                                                               : "the block character code");
        }
        store(d, blk, type, track, text);
        prev = type == 0x87 ? blk->genre_text
               : (type == 0x86 || type == 0x8D) && track != 0 ? NULL
                                                                : blk->text[type - 0x80][track];
        pos = next;
        if (track == 0 && first_track >= 1)
            track = first_track;
        else
            track++;
    }
    return TOCEX_OK;
}

static tocex_status decode_block(decoder *d, unsigned b, tocex_error *err)
{
    tocex_cdtext *ct = d->ct;
    tocex_cdtext_block *blk = &ct->blocks[ct->block_count++];
    const uint8_t *rec = d->size_rec[b];
    unsigned counts[16] = {0};
    unsigned first_track = 1;
    bool have_range = false, any_dbcc_flag = false, flag_mismatch = false;
    tocex_status st;
    memset(blk, 0, sizeof *blk);
    blk->number = (uint8_t)b;
    for (size_t k = 0; k < d->count[b]; k++) {
        const uint8_t *p = d->packs[d->list[b][k]];
        counts[p[0] - 0x80]++;
        if (p[0] <= 0x85 && (p[3] & 0x80) != 0)
            any_dbcc_flag = true;
    }
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
                     0x80 + k, counts[k]);
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
            charset = blk->charset;
            dbcc = tocex_cdtext_charset_is_dbcc(charset);
            for (size_t k = 0; k < d->count[b]; k++) {
                const uint8_t *p = d->packs[d->list[b][k]];
                if (p[0] == type && ((p[3] & 0x80) != 0) != dbcc)
                    flag_mismatch = true;
            }
        } else if (type == 0x8D) {
            charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
        } else if (type == 0x87) {
            size_t first = SIZE_MAX;
            for (size_t k = 0; k < d->count[b] && first == SIZE_MAX; k++)
                if (d->packs[d->list[b][k]][0] == 0x87)
                    first = d->list[b][k];
            if (first == SIZE_MAX)
                continue;
            blk->genre = tocex_be16(d->packs[first] + 4);
            skip = 2;
        }
        st = walk(d, blk, type, skip, dbcc, charset, first_track, err);
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
    tocex_span span;
    tocex_status st = TOCEX_OK;
    if (out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT decode: no output");
    *out = NULL;
    if (packs == NULL && pack_count != 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT decode: no packs");
    if (pack_count > (size_t)TOCEX_CDTEXT_MAX_BLOCKS * MAX_PACKS_PER_BLOCK)
        return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT: %zu packs, at most %d (8 blocks of 256)", pack_count,
                               TOCEX_CDTEXT_MAX_BLOCKS * MAX_PACKS_PER_BLOCK);
    d = calloc(1, sizeof *d);
    if (d == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
    d->ct = tocex_cdtext_new();
    d->packs = pack_count != 0 ? calloc(pack_count, PACK) : NULL;
    if (d->ct == NULL || (pack_count != 0 && d->packs == NULL)) {
        st = tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
        goto done;
    }
    d->n = pack_count;
    d->base = base;
    for (unsigned b = 0; b < TOCEX_CDTEXT_MAX_BLOCKS; b++)
        d->last_seq[b] = -1;
    tocex_span_init(&span, packs, pack_count * PACK);
    for (size_t i = 0; i < pack_count; i++) {
        uint8_t *p = d->packs[i];
        unsigned b;
        if (!tocex_span_copy(&span, p, PACK)) {
            st = tocex_error_at_offset(err, TOCEX_E_TRUNCATED, "CD-TEXT", (long long)byte_of(d, i),
                                       "pack %zu is incomplete", i);
            goto done;
        }
        if (p[0] < 0x80 || p[0] > 0x8F) {
            st = tocex_error_at_offset(err, TOCEX_E_PARSE, "CD-TEXT", (long long)byte_of(d, i),
                                       "pack %zu: pack type %02Xh is not 80h..8Fh", i, p[0]);
            goto done;
        }
        if (tocex_be16(p + 16) == 0 && tocex_cdtext_crc(p) != 0)
            d->ct->zero_crc_packs++; /* CRC not reported (PX-W5224TA zeroes the last pack's) */
        else if (!tocex_cdtext_pack_crc_ok(p))
            d->ct->crc_errors++;
        if ((p[1] & 0x80) != 0) {
            /* Extension flag: no defined meaning in MMC-3 Annex J; redumper skips such packs. */
            warn(d->ct, "pack %zu (byte %zu): extension flag set; pack ignored", i, byte_of(d, i));
            continue;
        }
        b = (p[3] >> 4) & 7u;
        if (d->count[b] == MAX_PACKS_PER_BLOCK) {
            st = tocex_error_at_offset(err, TOCEX_E_LIMIT, "CD-TEXT", (long long)byte_of(d, i),
                                       "pack %zu: block %u has more than 256 packs", i, b);
            goto done;
        }
        if ((int)p[2] != d->last_seq[b] + 1)
            warn(d->ct, "pack %zu (byte %zu): block %u sequence number %u, expected %d", i, byte_of(d, i), b, p[2],
                 d->last_seq[b] + 1);
        for (unsigned o = b + 1; o < TOCEX_CDTEXT_MAX_BLOCKS; o++)
            if (d->count[o] != 0) {
                warn(d->ct, "pack %zu (byte %zu): block %u after block %u", i, byte_of(d, i), b, o);
                break;
            }
        d->last_seq[b] = p[2];
        d->list[b][d->count[b]++] = i;
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
    free(d->packs);
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
