/* CD-TEXT against a reference: the model, decoder, encoder and cue-sheet builder as they were
 * first written (one malloc per text, calloc'd sets, a buffer call per byte, a strdup per
 * sheet text; kept below, renamed ref_*), run side by side with the library on seeded random
 * text blocks, sheets and packs (encoded, mutated, random). Everything observable must agree:
 * status, error message, packs, every field and text, warning count and first warning, notes.
 * Also: the pack CRC against its bitwise definition, blocks handed out on demand (all 8),
 * texts of decoded sets replaced through tocex_cdtext_set and direct assignment. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cdtext/charset.h"
#include "image/cue.h"
#include "testutil.h"
#include "tocex/bytes.h"
#include "tocex/cdtext.h"
#include "tocex/disc.h"
#include "util/file.h"
#include "util/text.h"

/* ---- model (reference) ---- */
static tocex_cdtext *ref_new(void) { return calloc(1, sizeof(tocex_cdtext)); }

/* A zeroed block with a row of its own (all absent) for every field. */
static void ref_block_init(tocex_cdtext_block *blk)
{
    memset(blk, 0, sizeof *blk);
    for (size_t f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
        blk->text[f] = calloc(100, sizeof(char *));
        assert_non_null(blk->text[f]);
    }
}

static void ref_free(tocex_cdtext *ct)
{
    if (ct == NULL)
        return;
    /* blocks past block_count are never filled (ref_block_get hands out the next) */
    for (size_t b = 0; b < ct->block_count && b < TOCEX_CDTEXT_MAX_BLOCKS; b++) {
        tocex_cdtext_block *blk = &ct->blocks[b];
        for (size_t f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
            for (size_t t = 0; t < 100; t++)
                free(blk->text[f][t]);
            free(blk->text[f]);
        }
        free(blk->genre_text);
    }
    free(ct);
}

static tocex_cdtext_block *ref_block_get(tocex_cdtext *ct, unsigned block, bool create)
{
    tocex_cdtext_block *blk;
    if (ct == NULL || block >= TOCEX_CDTEXT_MAX_BLOCKS)
        return NULL;
    for (size_t i = 0; i < ct->block_count && i < TOCEX_CDTEXT_MAX_BLOCKS; i++)
        if (ct->blocks[i].number == block)
            return &ct->blocks[i];
    if (!create || ct->block_count >= TOCEX_CDTEXT_MAX_BLOCKS)
        return NULL;
    blk = &ct->blocks[ct->block_count++];
    ref_block_init(blk);
    blk->number = (uint8_t)block;
    blk->language = 0x09; /* English (EBU Tech 3264) */
    blk->charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
    return blk;
}

/* Fields that carry text: 80h..86h, 8Dh, 8Eh; 87h text is genre_text (disc only). */
static bool text_field(tocex_cdtext_field field)
{
    return field <= TOCEX_CDTEXT_DISC_ID || field == TOCEX_CDTEXT_CLOSED || field == TOCEX_CDTEXT_UPC_ISRC ||
           field == TOCEX_CDTEXT_GENRE;
}

static bool disc_only(tocex_cdtext_field field)
{
    return field == TOCEX_CDTEXT_DISC_ID || field == TOCEX_CDTEXT_CLOSED || field == TOCEX_CDTEXT_GENRE;
}

static tocex_status ref_set(tocex_cdtext *ct, unsigned block, tocex_cdtext_field field, unsigned track,
                              const char *utf8, tocex_error *err)
{
    tocex_cdtext_block *blk;
    char *copy = NULL;
    char **slot;
    if (ct == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: no text set given");
    if (block >= TOCEX_CDTEXT_MAX_BLOCKS)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: block %u: blocks are 0..7", block);
    if ((unsigned)field >= TOCEX_CDTEXT_FIELD_COUNT || !text_field(field))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: field %u (pack type %02Xh) holds no text",
                               (unsigned)field, 0x80u + (unsigned)field);
    if (track > 99 || (track != 0 && disc_only(field)))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: %s: track %u out of range",
                               tocex_cdtext_field_name(field), track);
    if (utf8 != NULL && utf8[0] != '\0') {
        if (!tocex_cdtext_utf8_valid(utf8))
            return tocex_error_set(err, TOCEX_E_CHARSET, "CD-TEXT: block %u %s track %u: not valid UTF-8", block,
                                   tocex_cdtext_field_name(field), track);
        copy = strdup(utf8);
        if (copy == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
    }
    blk = ref_block_get(ct, block, true);
    if (blk == NULL) {
        free(copy);
        return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT: no room for block %u", block);
    }
    slot = field == TOCEX_CDTEXT_GENRE ? &blk->genre_text : &blk->text[field][track];
    free(*slot);
    *slot = copy; /* "" and NULL both mean absent */
    return TOCEX_OK;
}


/* ---- decoder (reference) ---- */
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
    ref_block_init(blk);
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
    d->ct = ref_new();
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
        ref_free(d->ct);
    free(d->packs);
    free(d);
    return st;
}

static tocex_status ref_decode(const uint8_t *packs, size_t pack_count, tocex_cdtext **out, tocex_error *err)
{
    return decode_at(packs, pack_count, 0, out, err);
}

/* ---- encoder (reference) ---- */
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

static tocex_status ref_encode(const tocex_cdtext *ct, tocex_buf *out, tocex_error *err)
{
    return encode_impl(ct, NULL, out, err);
}

static tocex_status ref_encode_toc(const tocex_cdtext *ct, const tocex_cdtext_toc_info *toc, tocex_buf *out,
                                     tocex_error *err)
{
    return encode_impl(ct, toc != NULL && toc->present ? toc : NULL, out, err);
}

/* ---- cue sheet builder (reference) ---- */
#define CDT_MAX_BYTES (TOCEX_MAX_CDTEXT_PACKS * TOCEX_CDTEXT_PACK_SIZE + 5)

static tocex_status read_cdtextfile(const tocex_cue_sheet *sh, const char *cue_path, tocex_disc *disc, bool *done,
                                    tocex_error *err)
{
    char *path;
    uint8_t *data = NULL;
    size_t len = 0, first = 0, count = 0;
    tocex_status st;
    tocex_error local;
    *done = false;
    if (cue_path == NULL) {
        tocex_disc_note(disc, "CDTEXTFILE \"%s\" not read (in-memory sheet)", sh->cdtextfile);
        return TOCEX_OK;
    }
    path = tocex_cue_find_companion(cue_path, sh->cdtextfile);
    if (path == NULL) {
        tocex_disc_note(disc, "CDTEXTFILE \"%s\" (line %ld) does not exist; CD-TEXT taken from the sheet's text lines",
                        sh->cdtextfile, sh->cdtextfile_line);
        return TOCEX_OK;
    }
    st = tocex_file_read_all(path, CDT_MAX_BYTES, &data, &len, &local);
    free(path);
    if (st != TOCEX_OK)
        return tocex_error_at_line(err, st, sh->name, sh->cdtextfile_line, "CDTEXTFILE: %s", local.message);
    st = tocex_cdtext_locate_packs(data, len, &first, &count, &local);
    if (st == TOCEX_OK)
        st = tocex_disc_set_cdtext(disc, data + first, count, &local);
    free(data);
    if (st != TOCEX_OK)
        return tocex_error_at_line(err, st, sh->name, sh->cdtextfile_line, "CDTEXTFILE \"%s\": %s", sh->cdtextfile,
                                   local.message);
    if (sh->text_any)
        tocex_disc_note(disc, "CD-TEXT from CDTEXTFILE \"%s\"; the sheet's text lines are not used", sh->cdtextfile);
    *done = true;
    return TOCEX_OK;
}

/* The first text that does not convert to `charset`, or NULL when all do. */
static const char *first_misfit(const tocex_cue_sheet *sh, const char *charset, long *line)
{
    for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
        for (unsigned t = 0; t < 100; t++) {
            const char *s = sh->text[f][t];
            char *conv;
            if (s == NULL)
                continue;
            conv = tocex_text_from_utf8(s, charset, NULL);
            if (conv == NULL) {
                *line = sh->text_line[f][t];
                return s;
            }
            free(conv);
        }
    return NULL;
}

static tocex_status ref_cue_cdtext(const tocex_cue_sheet *sh, const char *cue_path, tocex_disc *disc, tocex_error *err)
{
    tocex_cdtext *ct;
    tocex_cdtext_block *blk;
    tocex_buf packs;
    tocex_status st = TOCEX_OK;
    uint8_t charset = TOCEX_CDTEXT_CHARSET_ISO8859_1, language = 0x09;
    long line = 0;
    const char *bad;
    bool done;

    if (sh->cdtextfile != NULL) {
        if ((st = read_cdtextfile(sh, cue_path, disc, &done, err)) != TOCEX_OK || done)
            return st;
    }
    if (!sh->text_any) {
        /* a sheet can carry CD-TEXT, and this one has none */
        disc->known |= TOCEX_KNOWN_CDTEXT;
        return TOCEX_OK;
    }
    if (first_misfit(sh, "ISO-8859-1", &line) != NULL) {
        if ((bad = first_misfit(sh, "CP932", &line)) != NULL) {
            tocex_disc_note(disc, "no CD-TEXT built: \"%.60s\" (line %ld) fits neither ISO-8859-1 nor MS-JIS", bad,
                            line);
            return TOCEX_OK;
        }
        charset = TOCEX_CDTEXT_CHARSET_MS_JIS;
        language = 0x69; /* Japanese (EBU Tech 3264) */
    }
    ct = ref_new();
    if (ct == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", sh->name);
    blk = ref_block_get(ct, 0, true);
    if (blk == NULL) {
        ref_free(ct);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", sh->name);
    }
    blk->charset = charset;
    blk->language = language;
    blk->first_track = tocex_disc_first_track(disc);
    blk->last_track = tocex_disc_last_track(disc);
    for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT && st == TOCEX_OK; f++) {
        for (unsigned t = 0; t < 100 && st == TOCEX_OK; t++) {
            const char *s = sh->text[f][t];
            if (s == NULL || s[0] == '\0')
                continue;
            if (f == TOCEX_CDTEXT_GENRE) {
                /* 87h: a genre code plus text; a name from the Sony table becomes its code */
                uint16_t code = 1; /* "not defined" */
                for (uint16_t c = 1; c < 256; c++) {
                    const char *gn = tocex_cdtext_genre_name(c);
                    if (gn != NULL && strcasecmp(gn, s) == 0) {
                        code = c;
                        break;
                    }
                }
                blk->genre = code;
                if (code == 1) {
                    blk->genre_text = strdup(s);
                    if (blk->genre_text == NULL)
                        st = tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", sh->name);
                }
                continue;
            }
            {
                tocex_error local;
                st = ref_set(ct, 0, (tocex_cdtext_field)f, t, s, &local);
                if (st != TOCEX_OK)
                    st = tocex_error_at_line(err, st, sh->name, sh->text_line[f][t], "%s", local.message);
            }
        }
    }
    if (st == TOCEX_OK) {
        tocex_error local;
        tocex_buf_init(&packs);
        st = ref_encode(ct, &packs, &local);
        if (st == TOCEX_OK && packs.failed)
            st = tocex_error_set(&local, TOCEX_E_NOMEM, "out of memory");
        if (st == TOCEX_OK)
            st = tocex_disc_set_cdtext(disc, packs.data, packs.len / TOCEX_CDTEXT_PACK_SIZE, &local);
        if (st != TOCEX_OK)
            tocex_error_set(err, st, "%s: CD-TEXT from the sheet's text lines: %s", sh->name, local.message);
        tocex_buf_free(&packs);
    }
    ref_free(ct);
    if (st == TOCEX_OK)
        tocex_disc_note(disc, "CD-TEXT built from the sheet's text lines (rippers write these from databases too; "
                              "the disc may have had none)");
    if (st == TOCEX_OK && sh->ignored_binary_text)
        tocex_disc_note(disc, "TOC_INFO/SIZE_INFO lines ignored: the CD-TEXT encoder derives those packs");
    return st;
}

/* ------------------------------------------------------------------------------------------ */

#define SET_CASES 500
#define MUTATIONS 6
#define RANDOM_PACK_CASES 1500
#define SHEET_CASES 300

static const char *const ascii_words[] = {"Night", "Cats", "Song", "of", "Joy", "Blue", "Moon", "A", "Vol. 2",
                                          "(live)", "Free", "River", "Stone", "Tom", "x", "The Long And Winding Road"};
static const char *const latin1_words[] = {"N\xc3\xa4\x63hte", "F\xc3\xbcr", "\xc3\xa9t\xc3\xa9", "Se\xc3\xb1or",
                                           "\xc3\x86r\xc3\xb8", "\xc2\xbfQu\xc3\xa9?", "\xc2\xa9", "\xc3\xbf\xc2\x80"};
static const char *const jis_words[] = {"\xe6\x97\xa5\xe6\x9c\xac", "\xe9\x9f\xb3\xe6\xa5\xbd", "\xe7\x8c\xab",
                                        "\xe3\x81\x95\xe3\x81\x8f\xe3\x82\x89", "\xef\xbd\xb6\xef\xbe\x80", "CD"};
/* characters in neither ISO-8859-1 nor CP932, and bytes that are not UTF-8 */
static const char *const odd_words[] = {"\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xed\xa0\x80", "\xc0\xaf"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static long rnd(uint64_t *r, long lo, long hi) { return tu_rand_range(r, lo, hi); }

/* A random text into buf: words of the kinds allowed by `kind` (0 ASCII, 1 ASCII and
 * ISO-8859-1, 2 ASCII and Japanese), now and then a TAB, an empty text, a long text or a misfit. */
static bool spice = true; /* whether gen_text gives TABs and misfits */

static const char *gen_text(uint64_t *r, int kind, char *buf, size_t cap)
{
    size_t n = 0;
    long words, roll = rnd(r, spice ? 0 : 35, 999);
    buf[0] = '\0';
    if (roll < 8)
        return "\t";
    if (roll < 25)
        return "";
    if (roll < 35)
        return odd_words[rnd(r, 0, (long)COUNT(odd_words) - 1)];
    words = roll < 45 ? rnd(r, 40, 160) : rnd(r, 1, 4);
    for (long w = 0; w < words; w++) {
        const char *word;
        long k = kind == 0 || rnd(r, 0, 1) == 0 ? 0 : kind;
        if (k == 0)
            word = ascii_words[rnd(r, 0, (long)COUNT(ascii_words) - 1)];
        else if (k == 1)
            word = latin1_words[rnd(r, 0, (long)COUNT(latin1_words) - 1)];
        else
            word = jis_words[rnd(r, 0, (long)COUNT(jis_words) - 1)];
        if (n + strlen(word) + 2 >= cap)
            break;
        if (n != 0)
            buf[n++] = ' ';
        memcpy(buf + n, word, strlen(word) + 1);
        n += strlen(word);
    }
    return buf;
}

static void same_error(tocex_status sa, const tocex_error *ea, tocex_status sb, const tocex_error *eb, const char *what,
                       unsigned seed)
{
    if (sa != sb || (sa != TOCEX_OK && strcmp(ea->message, eb->message) != 0))
        fail_msg("%s (seed %u): status %d \"%s\", reference %d \"%s\"", what, seed, (int)sa,
                 sa != TOCEX_OK ? ea->message : "", (int)sb, sb != TOCEX_OK ? eb->message : "");
}

static bool same_text(const char *x, const char *y)
{
    return (x == NULL) == (y == NULL) && (x == NULL || strcmp(x, y) == 0);
}

/* Every field of two sets (the reference keeps slots past block_count zeroed; those of the
 * library are never read). */
static void same_set(const tocex_cdtext *a, const tocex_cdtext *b, const char *what, unsigned seed)
{
    if (a->block_count != b->block_count || a->crc_errors != b->crc_errors || a->zero_crc_packs != b->zero_crc_packs ||
        a->warnings != b->warnings || strcmp(a->first_warning, b->first_warning) != 0)
        fail_msg("%s (seed %u): blocks %zu/%zu crc %zu/%zu zero %zu/%zu warnings %zu/%zu \"%s\" / \"%s\"", what, seed,
                 a->block_count, b->block_count, a->crc_errors, b->crc_errors, a->zero_crc_packs, b->zero_crc_packs,
                 a->warnings, b->warnings, a->first_warning, b->first_warning);
    for (size_t i = 0; i < a->block_count; i++) {
        const tocex_cdtext_block *x = &a->blocks[i], *y = &b->blocks[i];
        if (x->number != y->number || x->language != y->language || x->charset != y->charset ||
            x->copyright != y->copyright || x->first_track != y->first_track || x->last_track != y->last_track ||
            x->genre != y->genre || x->last_sequence != y->last_sequence ||
            memcmp(x->pack_count, y->pack_count, sizeof x->pack_count) != 0 || !same_text(x->genre_text, y->genre_text))
            fail_msg("%s (seed %u): block %zu header differs", what, seed, i);
        for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
            for (unsigned t = 0; t < 100; t++)
                if (!same_text(x->text[f][t], y->text[f][t]))
                    fail_msg("%s (seed %u): block %zu field %u track %u: \"%s\" / \"%s\"", what, seed, i, f, t,
                             x->text[f][t] != NULL ? x->text[f][t] : "(none)",
                             y->text[f][t] != NULL ? y->text[f][t] : "(none)");
    }
}

/* The same tocex_cdtext_set call on both; both must answer alike. */
static void set_both(tocex_cdtext *a, tocex_cdtext *b, unsigned block, unsigned field, unsigned track, const char *text,
                     unsigned seed)
{
    tocex_error ea, eb;
    tocex_status sa = tocex_cdtext_set(a, block, (tocex_cdtext_field)field, track, text, &ea);
    tocex_status sb = ref_set(b, block, (tocex_cdtext_field)field, track, text, &eb);
    same_error(sa, &ea, sb, &eb, "set", seed);
}

static char *dup_text(const char *s)
{
    char *p = malloc(strlen(s) + 1);
    assert_non_null(p);
    return strcpy(p, s);
}

/* A random set, built identically in `a` (library) and `b` (reference). */
static void gen_set(uint64_t *r, tocex_cdtext *a, tocex_cdtext *b, unsigned seed)
{
    static const uint8_t charsets[] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                       0x00, 0x01, 0x01, 0x01, 0x80, 0x80, 0x80, 0x81, 0x82, 0x05};
    static const unsigned track_fields[] = {0, 1, 2, 3, 4, 5, 14};
    unsigned order[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    long nb = rnd(r, 0, 9) < 7 ? 1 : rnd(r, 2, 8);
    char buf[2048];
    spice = rnd(r, 0, 4) == 0;
    for (unsigned i = 7; i > 0; i--) {
        unsigned j = (unsigned)rnd(r, 0, i), tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
    for (long i = 0; i < nb; i++) {
        unsigned number = order[i];
        tocex_cdtext_block *x = tocex_cdtext_block_get(a, number, true), *y = ref_block_get(b, number, true);
        uint8_t charset = charsets[rnd(r, 0, (long)COUNT(charsets) - 1)];
        int kind = charset == 0x00 ? 1 : charset == 0x80 ? 2 : rnd(r, 0, 9) == 0 ? 1 : 0;
        unsigned lo = (unsigned)rnd(r, 1, 99);
        unsigned hi = (unsigned)rnd(r, (long)lo, rnd(r, 0, 2) == 0 ? 99 : (long)lo + 12);
        assert_non_null(x);
        assert_non_null(y);
        assert_ptr_equal(tocex_cdtext_block_get(a, number, false), x);
        if (hi > 99)
            hi = 99;
        x->charset = y->charset = charset;
        x->language = y->language = (uint8_t)rnd(r, 0, 0x7F);
        x->copyright = y->copyright = rnd(r, 0, 3) == 0;
        if (rnd(r, 0, 2) == 0) {
            long roll = rnd(r, 0, 19);
            x->first_track = y->first_track = (uint8_t)(roll == 0 ? hi + 1 : roll == 1 ? lo + 1 : lo);
            x->last_track = y->last_track = (uint8_t)(roll == 2 ? 120 : roll == 3 && hi > lo ? hi - 1 : hi);
        }
        for (size_t k = 0; k < COUNT(track_fields); k++) {
            unsigned f = track_fields[k];
            const char *prev = NULL;
            if (rnd(r, 0, 2) == 0)
                continue;
            int fk = f == TOCEX_CDTEXT_UPC_ISRC && rnd(r, 0, 9) != 0 ? 0 : kind; /* 8Eh is ASCII */
            if (rnd(r, 0, 1) == 0)
                set_both(a, b, number, f, 0, gen_text(r, fk, buf, sizeof buf), seed);
            for (unsigned t = lo; t <= hi; t++) {
                long roll = rnd(r, 0, 9);
                if (roll < 2)
                    continue;
                if (roll < 4 && prev != NULL) {
                    /* the previous track's text again: written as TAB */
                    char *copy = dup_text(prev);
                    set_both(a, b, number, f, t, copy, seed);
                    free(copy);
                    continue;
                }
                set_both(a, b, number, f, t, gen_text(r, fk, buf, sizeof buf), seed);
                prev = ref_block_get(b, number, false)->text[f][t];
            }
        }
        if (rnd(r, 0, 2) == 0)
            set_both(a, b, number, TOCEX_CDTEXT_DISC_ID, 0, gen_text(r, 0, buf, sizeof buf), seed);
        if (rnd(r, 0, 4) == 0)
            set_both(a, b, number, TOCEX_CDTEXT_CLOSED, 0, gen_text(r, 1, buf, sizeof buf), seed);
        if (rnd(r, 0, 2) == 0) {
            x->genre = y->genre = (uint16_t)rnd(r, 0, 30);
            if (rnd(r, 0, 1) == 0)
                set_both(a, b, number, TOCEX_CDTEXT_GENRE, 0, gen_text(r, rnd(r, 0, 5) == 0 ? 1 : 0, buf, sizeof buf),
                         seed);
        }
        /* calls the setter refuses */
        if (rnd(r, 0, 9) == 0) {
            long roll = rnd(r, 0, 3);
            if (roll == 0)
                set_both(a, b, number, (unsigned)rnd(r, 0, 16), (unsigned)rnd(r, 100, 101), "x", seed);
            else if (roll == 1)
                set_both(a, b, number, (unsigned)rnd(r, 8, 12), 0, "x", seed);
            else if (roll == 2)
                set_both(a, b, number, TOCEX_CDTEXT_DISC_ID, (unsigned)rnd(r, 1, 99), "x", seed);
            else
                set_both(a, b, (unsigned)rnd(r, 8, 300), TOCEX_CDTEXT_TITLE, 1, "x", seed);
        }
        /* texts the encoder refuses, put in place directly */
        if (rnd(r, 0, 29) == 0) {
            unsigned f = (unsigned)rnd(r, 6, 15), t = (unsigned)rnd(r, 1, 99);
            char **row = tocex_cdtext_row(a, x, (tocex_cdtext_field)f);
            assert_non_null(row);
            assert_ptr_equal(row, x->text[f]);
            free(row[t]); /* a set from tocex_cdtext_new: its texts are malloc'd */
            free(y->text[f][t]);
            row[t] = dup_text("direct");
            y->text[f][t] = dup_text("direct");
        }
    }
    spice = true;
    /* the same set both ways */
    same_set(a, b, "built set", seed);
}

static uint8_t *mutate(uint64_t *r, const uint8_t *packs, size_t n, size_t *out_n)
{
    size_t cap = (n + 8) * 18, m = n;
    uint8_t *p = malloc(cap);
    long kinds = rnd(r, 1, 4);
    assert_non_null(p);
    memcpy(p, packs, n * 18);
    for (long k = 0; k < kinds && m > 0; k++) {
        size_t i = (size_t)rnd(r, 0, (long)m - 1), j = (size_t)rnd(r, 0, (long)m - 1);
        uint8_t tmp[18];
        switch (rnd(r, 0, 11)) {
        case 0: /* any byte */
            p[i * 18 + (size_t)rnd(r, 0, 17)] = (uint8_t)rnd(r, 0, 255);
            break;
        case 1: /* a payload byte */
            p[i * 18 + (size_t)rnd(r, 4, 15)] = (uint8_t)rnd(r, 0, 255);
            break;
        case 2: /* swap two packs */
            memcpy(tmp, p + i * 18, 18);
            memcpy(p + i * 18, p + j * 18, 18);
            memcpy(p + j * 18, tmp, 18);
            break;
        case 3: /* drop a pack */
            memmove(p + i * 18, p + (i + 1) * 18, (m - i - 1) * 18);
            m--;
            break;
        case 4: /* repeat a pack */
            if (m < n + 8) {
                memmove(p + (i + 1) * 18, p + i * 18, (m - i) * 18);
                m++;
            }
            break;
        case 5: /* extension flag, block number, DBCC flag, character position */
            p[i * 18 + 1] ^= 0x80;
            break;
        case 6:
            p[i * 18 + 3] = (uint8_t)((p[i * 18 + 3] & 0x8F) | (rnd(r, 0, 7) << 4));
            break;
        case 7:
            p[i * 18 + 3] ^= (uint8_t)(rnd(r, 0, 1) == 0 ? 0x80 : rnd(r, 1, 15));
            break;
        case 8: /* CRC 0000, or a wrong one */
            p[i * 18 + 16] = 0;
            p[i * 18 + 17] = rnd(r, 0, 1) == 0 ? 0 : (uint8_t)rnd(r, 1, 255);
            break;
        case 9: /* pack type, sometimes outside 80h..8Fh */
            p[i * 18] = (uint8_t)(rnd(r, 0, 9) == 0 ? rnd(r, 0, 255) : rnd(r, 0x80, 0x8F));
            break;
        case 10: /* track number */
            p[i * 18 + 1] = (uint8_t)rnd(r, 0, 127);
            break;
        default: /* zero a payload run (terminators, padding) */
            memset(p + i * 18 + 4, rnd(r, 0, 1) == 0 ? 0 : 0x09, (size_t)rnd(r, 1, 12));
            break;
        }
    }
    *out_n = m;
    return p;
}

static void decode_both(const uint8_t *packs, size_t n, const char *what, unsigned seed)
{
    tocex_cdtext *a = NULL, *b = NULL;
    tocex_error ea, eb;
    tocex_status sa = tocex_cdtext_decode(packs, n, &a, &ea), sb = ref_decode(packs, n, &b, &eb);
    same_error(sa, &ea, sb, &eb, what, seed);
    if (sa == TOCEX_OK)
        same_set(a, b, what, seed);
    tocex_cdtext_free(a);
    ref_free(b);
}

static void encode_both(const tocex_cdtext *a, const tocex_cdtext *b, const tocex_cdtext_toc_info *toc, tocex_buf *pa,
                        unsigned seed, tocex_status *st)
{
    tocex_buf pb;
    tocex_error ea, eb;
    tocex_status sa, sb;
    tocex_buf_init(pa);
    tocex_buf_init(&pb);
    sa = toc != NULL ? tocex_cdtext_encode_toc(a, toc, pa, &ea) : tocex_cdtext_encode(a, pa, &ea);
    sb = toc != NULL ? ref_encode_toc(b, toc, &pb, &eb) : ref_encode(b, &pb, &eb);
    same_error(sa, &ea, sb, &eb, "encode", seed);
    if (sa == TOCEX_OK && (pa->len != pb.len || (pa->len != 0 && memcmp(pa->data, pb.data, pa->len) != 0)))
        fail_msg("encode (seed %u): %zu bytes, reference %zu, or different bytes", seed, pa->len, pb.len);
    tocex_buf_free(&pb);
    *st = sa;
}

/* Random sets: encode (with and without 88h), decode the packs and mutations of them, then
 * change texts of the decoded sets and encode again. */
static void test_sets_against_reference(void **state)
{
    unsigned ok = 0, again_ok = 0;
    (void)state;
    for (unsigned seed = 1; seed <= SET_CASES; seed++) {
        uint64_t r = 0x9E3779B97F4A7C15u * seed;
        tocex_cdtext *a = tocex_cdtext_new(), *b = ref_new();
        tocex_cdtext_toc_info toc;
        tocex_buf pa;
        tocex_status st;
        assert_non_null(a);
        assert_non_null(b);
        gen_set(&r, a, b, seed);
        memset(&toc, 0, sizeof toc);
        if (rnd(&r, 0, 3) == 0) {
            toc.present = true;
            toc.first_track = (uint8_t)rnd(&r, 1, 20);
            toc.last_track = (uint8_t)rnd(&r, toc.first_track, 99);
            for (unsigned t = toc.first_track; t <= toc.last_track; t++)
                toc.start[t][1] = (uint8_t)t;
        }
        encode_both(a, b, toc.present ? &toc : NULL, &pa, seed, &st);
        if (st == TOCEX_OK) {
            size_t n = pa.len / 18;
            tocex_cdtext *da = NULL, *db = NULL;
            tocex_error ea, eb;
            ok++;
            decode_both(pa.data, n, "decode", seed);
            for (unsigned k = 0; k < MUTATIONS; k++) {
                size_t m;
                uint8_t *mut = mutate(&r, pa.data, n, &m);
                decode_both(mut, m, "decode mutated", seed);
                free(mut);
            }
            /* texts of decoded sets (in the set's storage) replaced, removed, assigned */
            assert_int_equal(tocex_cdtext_decode(pa.data, n, &da, &ea), TOCEX_OK);
            assert_int_equal(ref_decode(pa.data, n, &db, &eb), TOCEX_OK);
            for (unsigned k = 0; k < 20; k++) {
                const tocex_cdtext_block *x = &da->blocks[rnd(&r, 0, (long)da->block_count - 1)];
                unsigned blk = x->number, f = (unsigned)rnd(&r, 0, 5);
                unsigned t = rnd(&r, 0, 9) == 0 || x->first_track == 0 ? (unsigned)rnd(&r, 0, 99)
                                                                     : (unsigned)rnd(&r, x->first_track, x->last_track);
                long roll = rnd(&r, 0, 3);
                if (roll == 0)
                    set_both(da, db, blk, f, t, NULL, seed);
                else if (roll == 1)
                    set_both(da, db, blk, f, t, "replaced", seed);
                else if (roll == 2)
                    set_both(da, db, blk, TOCEX_CDTEXT_GENRE, 0, "Genre", seed);
                else
                    set_both(da, db, (unsigned)rnd(&r, 0, 7), f, t, "in a new block", seed);
            }
            same_set(da, db, "decoded set after changes", seed);
            {
                tocex_buf again;
                tocex_status st2;
                encode_both(da, db, NULL, &again, seed, &st2);
                if (st2 == TOCEX_OK)
                    again_ok++;
                tocex_buf_free(&again);
            }
            tocex_cdtext_free(da);
            ref_free(db);
        }
        tocex_buf_free(&pa);
        tocex_cdtext_free(a);
        ref_free(b);
    }
    /* most random sets encode (the rest exercise the errors) */
    if (getenv("TOCEX_TEST_VERBOSE") != NULL)
        fprintf(stderr, "%u of %u sets encoded, %u again after changes\n", ok, SET_CASES, again_ok);
    assert_true(ok > SET_CASES / 3);
    assert_true(again_ok > ok / 3);
}

/* Packs made up from scratch: headers and payloads at random, CRCs right or not. */
static void test_random_packs_against_reference(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= RANDOM_PACK_CASES; seed++) {
        uint64_t r = 0xD1B54A32D192ED03u * seed;
        size_t n = (size_t)rnd(&r, 0, 40);
        uint8_t *p = malloc(n * 18 + 1);
        unsigned block = (unsigned)rnd(&r, 0, 7);
        assert_non_null(p);
        for (size_t i = 0; i < n; i++) {
            uint8_t *k = p + i * 18;
            k[0] = (uint8_t)(rnd(&r, 0, 99) == 0 ? rnd(&r, 0, 255) : rnd(&r, 0x80, 0x8F));
            k[1] = (uint8_t)(rnd(&r, 0, 9) == 0 ? rnd(&r, 0, 255) : rnd(&r, 0, 12));
            k[2] = (uint8_t)(rnd(&r, 0, 9) == 0 ? rnd(&r, 0, 255) : (long)i);
            k[3] = (uint8_t)((rnd(&r, 0, 9) == 0 ? rnd(&r, 0, 7) : (long)block) << 4 | rnd(&r, 0, 15) |
                             (rnd(&r, 0, 5) == 0 ? 0x80 : 0));
            for (unsigned j = 4; j < 16; j++) {
                long roll = rnd(&r, 0, 9);
                k[j] = (uint8_t)(roll < 3 ? 0 : roll < 4 ? 0x09 : roll < 5 ? rnd(&r, 0x80, 0xFF) : rnd(&r, 0x20, 0x7E));
            }
            tocex_put_be16(k + 16, rnd(&r, 0, 9) == 0 ? (uint16_t)rnd(&r, 0, 1) : tocex_cdtext_crc(k));
        }
        decode_both(p, n, "random packs", seed);
        free(p);
    }
}

/* 253 packs of text per block is the limit; more than 256 packs of a block in the input is
 * an error of the decoder. */
static void test_limits_against_reference(void **state)
{
    char *big = malloc(4000);
    tocex_cdtext *a = tocex_cdtext_new(), *b = ref_new();
    tocex_buf pa;
    tocex_status st;
    uint8_t *many;
    (void)state;
    assert_non_null(big);
    assert_non_null(a);
    assert_non_null(b);
    for (unsigned len = 2990; len <= 3040; len += 2) {
        memset(big, 'a', len);
        big[len] = '\0';
        set_both(a, b, 0, TOCEX_CDTEXT_TITLE, 0, big, len);
        encode_both(a, b, NULL, &pa, len, &st);
        if (st == TOCEX_OK)
            decode_both(pa.data, pa.len / 18, "long text", len);
        tocex_buf_free(&pa);
    }
    many = calloc(300, 18);
    assert_non_null(many);
    for (size_t i = 0; i < 300; i++) {
        many[i * 18] = 0x80;
        many[i * 18 + 2] = (uint8_t)i;
        many[i * 18 + 4] = 'x';
        tocex_put_be16(many + i * 18 + 16, tocex_cdtext_crc(many + i * 18));
    }
    decode_both(many, 256, "256 packs", 0);
    decode_both(many, 257, "257 packs", 0);
    decode_both(many, 300, "300 packs", 0);
    free(many);
    free(big);
    tocex_cdtext_free(a);
    ref_free(b);
}

/* ---- cue sheets ---- */

static void sheet_text(uint64_t *r, char *cue, size_t cap, size_t *n, const char *cmd, int kind)
{
    char buf[512];
    const char *t;
    int w;
    if ((strcmp(cmd, "UPC_EAN") == 0 || strcmp(cmd, "DISC_ID") == 0) && rnd(r, 0, 19) != 0)
        kind = 0; /* ASCII fields */
    t = gen_text(r, kind, buf, sizeof buf);
    if (strchr(t, '"') != NULL || strchr(t, '\t') != NULL || t[0] == '\0' || strlen(t) > 300)
        t = "plain";
    w = snprintf(cue + *n, cap - *n, "%s \"%s\"\n", cmd, t);
    assert_true(w > 0 && (size_t)w < cap - *n);
    *n += (size_t)w;
}

static void same_disc_cdtext(const tocex_disc *x, const tocex_disc *y, unsigned seed)
{
    if (x->cdtext_packs != y->cdtext_packs ||
        (x->cdtext_packs != 0 && memcmp(x->cdtext, y->cdtext, x->cdtext_packs * 18) != 0) || x->known != y->known ||
        x->note_count != y->note_count)
        fail_msg("sheet (seed %u): packs %zu/%zu, notes %zu/%zu", seed, x->cdtext_packs, y->cdtext_packs,
                 x->note_count, y->note_count);
    for (size_t i = 0; i < x->note_count && i < TOCEX_MAX_NOTES; i++)
        if (strcmp(x->notes[i], y->notes[i]) != 0)
            fail_msg("sheet (seed %u): note \"%s\" / \"%s\"", seed, x->notes[i], y->notes[i]);
}

/* The character code in the 8Fh packs of a disc's CD-TEXT. */
static unsigned sheet_charset(const tocex_disc *d)
{
    for (size_t i = 0; i < d->cdtext_packs; i++)
        if (d->cdtext[i * 18] == 0x8F && d->cdtext[i * 18 + 1] == 0)
            return d->cdtext[i * 18 + 4];
    return 0x100;
}

/* Sheets with text lines (ASCII, ISO-8859-1, Japanese, neither), also with texts changed in
 * the parsed sheet to what a parser never hands over (bad UTF-8, fields without text, disc
 * fields at a track). */
static void test_sheets_against_reference(void **state)
{
    static const char *const disc_cmds[] = {"TITLE", "PERFORMER", "SONGWRITER", "REM COMPOSER", "REM ARRANGER",
                                            "REM MESSAGE", "DISC_ID", "UPC_EAN", "GENRE"};
    static const char *const track_cmds[] = {"TITLE", "PERFORMER", "SONGWRITER", "REM COMPOSER", "REM ARRANGER",
                                             "REM MESSAGE", "UPC_EAN"};
    static const char *const genres[] = {"Rock", "jazz", "Spoken Word", "Benchmark", "Ro\xc3\xa7k"};
    char *cue = malloc(200000);
    unsigned errors = 0, none = 0, jis = 0, latin = 0;
    (void)state;
    assert_non_null(cue);
    for (unsigned seed = 1; seed <= SHEET_CASES; seed++) {
        uint64_t r = 0x2545F4914F6CDD1Du * seed;
        size_t n = 0;
        long tracks = rnd(&r, 1, rnd(&r, 0, 3) == 0 ? 99 : 12);
        int kind = (int)rnd(&r, 0, 2);
        tocex_cue_sheet *sh = NULL;
        char *injected = NULL;
        tocex_disc da, db;
        tocex_error e, ea, eb;
        tocex_status sa, sb;
        for (size_t k = 0; k < COUNT(disc_cmds); k++)
            if (rnd(&r, 0, 2) == 0) {
                if (strcmp(disc_cmds[k], "GENRE") == 0)
                    n += (size_t)snprintf(cue + n, 200000 - n, "REM GENRE \"%s\"\n",
                                          genres[rnd(&r, 0, (long)COUNT(genres) - 1)]);
                else
                    sheet_text(&r, cue, 200000, &n, disc_cmds[k], kind);
            }
        n += (size_t)snprintf(cue + n, 200000 - n, "FILE \"a.bin\" BINARY\n");
        for (long t = 1; t <= tracks; t++) {
            n += (size_t)snprintf(cue + n, 200000 - n, "  TRACK %02ld AUDIO\n", t);
            for (size_t k = 0; k < COUNT(track_cmds); k++)
                if (rnd(&r, 0, k < 2 ? 1 : 6) == 0)
                    sheet_text(&r, cue, 200000, &n, track_cmds[k], kind);
            n += (size_t)snprintf(cue + n, 200000 - n, "    INDEX 01 %02ld:%02ld:00\n", (t - 1) * 3 / 60,
                                  (t - 1) * 3 % 60);
        }
        if (tocex_cue_parse("t.cue", (const uint8_t *)cue, n, &sh, &e) != TOCEX_OK)
            fail_msg("sheet (seed %u) does not parse: %s\n%s", seed, e.message, cue);
        if (rnd(&r, 0, 5) == 0) {
            /* texts a parser never gives */
            unsigned f = (unsigned)rnd(&r, 0, 15), t = (unsigned)rnd(&r, 0, 99);
            char buf[512];
            injected = dup_text(gen_text(&r, 2, buf, sizeof buf));
            tocex_cue_sheet_set_text(sh, (tocex_cdtext_field)f, t, injected, 77);
        }
        sh->files[0].data_bytes = 2352LL * 75 * 3 * (tracks + 1);
        tocex_disc_init(&da);
        tocex_disc_init(&db);
        if (tocex_cue_layout(sh, &da, &e) != TOCEX_OK || tocex_cue_layout(sh, &db, &e) != TOCEX_OK)
            fail_msg("sheet (seed %u): layout: %s", seed, e.message);
        tocex_error_clear(&ea);
        tocex_error_clear(&eb);
        sa = tocex_cue_cdtext(sh, NULL, &da, &ea);
        sb = ref_cue_cdtext(sh, NULL, &db, &eb);
        same_error(sa, &ea, sb, &eb, "sheet", seed);
        same_disc_cdtext(&da, &db, seed);
        if (sa != TOCEX_OK)
            errors++;
        else if (da.cdtext_packs == 0)
            none++;
        else if (sheet_charset(&da) == TOCEX_CDTEXT_CHARSET_MS_JIS)
            jis++;
        else
            latin++;
        tocex_disc_free(&da);
        tocex_disc_free(&db);
        tocex_cue_sheet_free(sh);
        free(injected);
    }
    free(cue);
    if (getenv("TOCEX_TEST_VERBOSE") != NULL)
        fprintf(stderr, "sheets: %u ISO-8859-1, %u MS-JIS, %u without CD-TEXT, %u errors\n", latin, jis, none, errors);
    /* every outcome is reached */
    assert_true(latin > 0 && jis > 0 && none > 0 && errors > 0);
}

/* ---- CRC, blocks ---- */

static uint16_t crc_bitwise(const uint8_t *p)
{
    /* MMC-3 Annex J: x^16 + x^12 + x^5 + 1 over bytes 0..15, MSB first, all bits inverted */
    unsigned crc = 0;
    for (unsigned i = 0; i < 16; i++) {
        crc ^= (unsigned)p[i] << 8;
        for (unsigned k = 0; k < 8; k++)
            crc = (crc & 0x8000u) != 0 ? (crc << 1) ^ 0x1021u : crc << 1;
        crc &= 0xFFFFu;
    }
    return (uint16_t)(crc ^ 0xFFFFu);
}

static void test_crc_bitwise(void **state)
{
    uint64_t r = 12345;
    uint8_t p[18];
    (void)state;
    for (unsigned i = 0; i < 20000; i++) {
        for (unsigned k = 0; k < 18; k++)
            p[k] = (uint8_t)(i < 4096 ? (k == i / 256 ? i % 256 : 0) : rnd(&r, 0, 255));
        assert_int_equal(tocex_cdtext_crc(p), crc_bitwise(p));
        tocex_put_be16(p + 16, crc_bitwise(p));
        assert_true(tocex_cdtext_pack_crc_ok(p));
        p[(size_t)rnd(&r, 0, 15)] ^= (uint8_t)(1u << rnd(&r, 0, 7));
        assert_false(tocex_cdtext_pack_crc_ok(p)); /* a CRC-16 sees every single-bit error */
    }
}

/* Blocks come into being when first asked for, in any order, all eight; a new one is empty
 * whatever was in the memory before. */
static void test_blocks_on_demand(void **state)
{
    uint64_t r = 777;
    (void)state;
    for (unsigned round = 0; round < 50; round++) {
        tocex_cdtext *ct = tocex_cdtext_new(), *ref = ref_new();
        unsigned order[8] = {0, 1, 2, 3, 4, 5, 6, 7};
        assert_non_null(ct);
        assert_int_equal(ct->block_count, 0);
        assert_int_equal(ct->warnings, 0);
        assert_string_equal(ct->first_warning, "");
        assert_null(tocex_cdtext_block_get(ct, 3, false));
        assert_null(tocex_cdtext_get(ct, 3, TOCEX_CDTEXT_TITLE, 1));
        assert_null(tocex_cdtext_block_get(ct, 8, true));
        for (unsigned i = 7; i > 0; i--) {
            unsigned j = (unsigned)rnd(&r, 0, i), tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (unsigned i = 0; i < 8; i++) {
            tocex_cdtext_block *x = tocex_cdtext_block_get(ct, order[i], true);
            assert_non_null(x);
            assert_ptr_equal(x, &ct->blocks[i]);
            assert_int_equal(ct->block_count, i + 1);
            assert_int_equal(x->number, order[i]);
            assert_int_equal(x->language, 0x09);
            assert_int_equal(x->charset, TOCEX_CDTEXT_CHARSET_ISO8859_1);
            assert_false(x->copyright);
            assert_int_equal(x->first_track + x->last_track + x->genre + x->last_sequence, 0);
            assert_null(x->genre_text);
            for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
                assert_int_equal(x->pack_count[f], 0);
                for (unsigned t = 0; t < 100; t++)
                    assert_null(x->text[f][t]);
            }
            assert_ptr_equal(ref_block_get(ref, order[i], true), &ref->blocks[i]);
        }
        for (unsigned k = 0; k < 200; k++) {
            unsigned b = (unsigned)rnd(&r, 0, 7), f = (unsigned)rnd(&r, 0, 5), t = (unsigned)rnd(&r, 0, 99);
            char text[32];
            snprintf(text, sizeof text, "b%u f%u t%u #%u", b, f, t, k);
            set_both(ct, ref, b, f, t, rnd(&r, 0, 4) == 0 ? NULL : text, k);
            assert_true(same_text(tocex_cdtext_get(ct, b, (tocex_cdtext_field)f, t),
                                  ref_block_get(ref, b, false)->text[f][t]));
        }
        same_set(ct, ref, "blocks on demand", round);
        {
            tocex_buf pa;
            tocex_status st;
            encode_both(ct, ref, NULL, &pa, round, &st);
            assert_int_equal(st, TOCEX_OK);
            decode_both(pa.data, pa.len / 18, "eight blocks", round);
            tocex_buf_free(&pa);
        }
        tocex_cdtext_free(ct);
        ref_free(ref);
    }
}

/* The ASCII-only fast path of the UTF-8 check against a plain decoder of the definition. */
static bool utf8_definition(const uint8_t *s)
{
    while (*s != 0) {
        unsigned c = *s, n, cp;
        if (c < 0x80) {
            s++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, cp = c & 0x07;
        else
            return false;
        for (unsigned k = 1; k <= n; k++) {
            if ((s[k] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (s[k] & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        s += n + 1;
    }
    return true;
}

static void test_utf8_check(void **state)
{
    uint64_t r = 4242;
    uint8_t s[24];
    (void)state;
    for (unsigned i = 0; i < 100000; i++) {
        size_t n = (size_t)rnd(&r, 0, 20);
        for (size_t k = 0; k < n; k++) {
            long roll = rnd(&r, 0, 9);
            s[k] = (uint8_t)(roll < 5 ? rnd(&r, 1, 0x7F) : roll < 8 ? rnd(&r, 0x80, 0xBF) : rnd(&r, 0xC0, 0xFF));
        }
        s[n] = 0;
        assert_int_equal(tocex_cdtext_utf8_valid((const char *)s), utf8_definition(s));
    }
}

/* The single-byte converters against the general ones (which allocate and use iconv for
 * nothing here): every string of up to 20 bytes from a small alphabet, random longer ones. */
static void test_single_byte_conversions(void **state)
{
    static const uint8_t alphabet[] = {'a', 'Z', 0x09, 0x7F, 0x80, 0xA9, 0xC3, 0xFF};
    static const uint8_t charsets[] = {0x00, 0x01, 0x07};
    uint64_t r = 99;
    uint8_t in[64], out[2 * 64 + 1];
    (void)state;
    for (unsigned i = 0; i < 60000; i++) {
        size_t n = (size_t)rnd(&r, 0, i % 10 == 0 ? 63 : 20), bad_fast = 0, bad_ref = 0, len;
        uint8_t charset = charsets[i % 3];
        char *ref = NULL;
        uint8_t *back = NULL;
        size_t back_len = 0, fast_len = 0;
        tocex_error e;
        bool fast_ok, ref_ok;
        for (size_t k = 0; k < n; k++)
            in[k] = alphabet[rnd(&r, 0, (long)sizeof alphabet - 1)];
        len = tocex_cdtext_sb_to_utf8(charset, in, n, out, &bad_fast);
        if (charset != 0x00 && charset != 0x01)
            bad_fast++;
        assert_int_equal(tocex_cdtext_to_utf8(charset, in, n, &ref, &bad_ref, &e), TOCEX_OK);
        assert_int_equal(len, strlen(ref));
        assert_memory_equal(out, ref, len + 1);
        assert_int_equal(bad_fast, bad_ref);
        /* and back */
        fast_ok = tocex_cdtext_sb_from_utf8(ref, len, charset == 0x01 ? 0x7F : 0xFF, out, &fast_len);
        ref_ok = tocex_cdtext_from_utf8(charset == 0x01 ? 0x01 : 0x00, ref, &back, &back_len, "t", &e) == TOCEX_OK;
        assert_int_equal(fast_ok, ref_ok);
        if (fast_ok) {
            assert_int_equal(fast_len, back_len);
            assert_memory_equal(out, back, fast_len);
        }
        free(back);
        free(ref);
        /* raw bytes as UTF-8: the single-byte path takes exactly the well-formed texts <= FFh */
        {
            char z[65];
            memcpy(z, in, n);
            z[n] = '\0';
            if (memchr(in, 0, n) == NULL) {
                back = NULL;
                fast_ok = tocex_cdtext_sb_from_utf8(z, n, 0xFF, out, &fast_len);
                ref_ok = tocex_cdtext_from_utf8(0x00, z, &back, &back_len, "t", &e) == TOCEX_OK;
                assert_int_equal(fast_ok, ref_ok);
                if (fast_ok)
                    assert_memory_equal(out, back, fast_len);
                free(back);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc_bitwise),
        cmocka_unit_test(test_utf8_check),
        cmocka_unit_test(test_single_byte_conversions),
        cmocka_unit_test(test_blocks_on_demand),
        cmocka_unit_test(test_sets_against_reference),
        cmocka_unit_test(test_random_packs_against_reference),
        cmocka_unit_test(test_limits_against_reference),
        cmocka_unit_test(test_sheets_against_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
