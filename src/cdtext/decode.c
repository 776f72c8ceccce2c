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
#define ROW_BYTES (100 * sizeof(char *))
#define STREAM_PAD 8 /* 00 bytes after each payload stream in the storage */

/* Pack types whose payload is text (80h..87h, 8Dh, 8Eh), as bits of type - 80h. */
#define TEXT_TYPES 0x60FFu
/* Those with a row of texts per block (87h text is genre_text). */
#define ROW_TYPES 0x607Fu

typedef struct decoder {
    tocex_cdtext *ct;             /* allocated once the packs are counted */
    /* Warnings (count, first one) of the set: here until the set is allocated. */
    size_t warnings;
    char *first_warning;
    char first_warning_buf[sizeof ((tocex_cdtext *)0)->first_warning];
    const uint8_t (*packs)[PACK]; /* the caller's packs (pack_count whole packs) */
    size_t n;
    size_t base;                  /* byte offset of pack 0 in the caller's data (for messages) */
    /* The packs of block b, type 80h + t, in the order they came: with `order` NULL (the packs
     * are in block and type order, the usual case) packs[start[b][t]] onwards; else
     * packs[order[start[b][t]]] onwards. tcount[b][t] of them. */
    uint16_t *order;
    uint16_t start[TOCEX_CDTEXT_MAX_BLOCKS][TYPES];
    uint16_t tcount[TOCEX_CDTEXT_MAX_BLOCKS][TYPES];
    size_t count[TOCEX_CDTEXT_MAX_BLOCKS];
    int last_seq[TOCEX_CDTEXT_MAX_BLOCKS]; /* -1: no pack yet */
    uint8_t dbcc_set[TOCEX_CDTEXT_MAX_BLOCKS];   /* bit t: a pack of type 80h + t (t <= 5) has the DBCC flag */
    uint8_t dbcc_clear[TOCEX_CDTEXT_MAX_BLOCKS]; /* bit t: one has it clear */
    uint16_t high[TOCEX_CDTEXT_MAX_BLOCKS];      /* bit t: a payload byte of type 80h + t is >= 80h */
    uint8_t size_rec[TOCEX_CDTEXT_MAX_BLOCKS][36];
    bool size_present[TOCEX_CDTEXT_MAX_BLOCKS];
    /* The set's storage: rows, then the payload streams of the text types (in the order they
     * are walked), then room for converted and copied texts. */
    char **rows;                  /* next unused row */
    size_t stream_at;             /* offset of the next payload stream */
    size_t store_used;            /* offset of the free room for texts */
    uint16_t where[MAX_PACKS_PER_BLOCK]; /* packs of the type walked: ID2 << 8 | character position */
} decoder;

/* Strings are found by the 00 bytes of their stream a word at a time where bytes can be
 * picked from a word by bit position (little-endian, GCC/clang builtins); elsewhere by memchr. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ZERO_WORDS 1
#else
#define ZERO_WORDS 0
/* Offset of the first 00 byte in s[from..len), len when there is none. */
static size_t find_zero(const uint8_t *s, size_t from, size_t len)
{
    const uint8_t *z = memchr(s + from, 0, len - from);
    return z != NULL ? (size_t)(z - s) : len;
}
#endif

/* Kept out of line: the common paths stay small. */
#if defined(__GNUC__)
#define COLD __attribute__((noinline, cold))
#else
#define COLD
#endif

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3), cold, noinline))
#endif
static void warn(decoder *d, const char *fmt, ...)
{
    d->warnings++;
    if (d->first_warning[0] == '\0') {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(d->first_warning, sizeof d->first_warning_buf, fmt, ap);
        va_end(ap);
    }
}

static size_t byte_of(const decoder *d, size_t pack) { return d->base + pack * PACK; }

/* Pack k of the list of block b, type 80h + t; its index in the caller's packs. */
static inline size_t pack_index(const decoder *d, unsigned b, unsigned t, size_t k)
{
    size_t at = (size_t)d->start[b][t] + k;
    return d->order != NULL ? d->order[at] : at;
}

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
    if (p == NULL) {
        p = malloc(n);
        d->ct->texts_outside = true;
    }
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

/* The text a TAB (same as the previous track) stands for: `prev` itself when it lies in the
 * storage (texts there are never freed one by one, two slots may share one), else a copy. */
static char *repeat_text(decoder *d, char *prev)
{
    return tocex_cdtext_in_store(d->ct, prev) ? prev : copy_text(d, prev);
}

/* The 12 payload bytes of pack p to dst, and where the pack starts (ID2, character position). */
static inline void gather_pack(uint8_t *dst, uint16_t *where, const uint8_t *p)
{
    uint64_t a;
    uint32_t c;
    memcpy(&a, p + 4, 8);
    memcpy(&c, p + 12, 4);
    memcpy(dst, &a, 8);
    memcpy(dst + 8, &c, 4);
    *where = (uint16_t)((p[1] & 0x7Fu) << 8 | (p[3] & 0x0Fu));
}

/* Copy the payloads of block b, type 80h + t into their place in the set's storage, one
 * stream followed by STREAM_PAD 00 bytes (the first ends a last string that has no terminator;
 * all let the stream be read a word at a time), and note where each pack starts (d->where).
 * Returns the stream; *len is its length without the padding. */
static uint8_t *gather(decoder *d, unsigned b, unsigned t, size_t *len)
{
    size_t np = d->tcount[b][t];
    uint8_t *stream = (uint8_t *)d->ct->text_store + d->stream_at;
    uint16_t *where = d->where;
    if (d->order == NULL) {
        const uint8_t(*p)[PACK] = d->packs + d->start[b][t];
        for (size_t k = 0; k < np; k++)
            gather_pack(stream + k * PAYLOAD, where + k, p[k]);
    } else {
        const uint16_t *idx = d->order + d->start[b][t];
        for (size_t k = 0; k < np; k++)
            gather_pack(stream + k * PAYLOAD, where + k, d->packs[idx[k]]);
    }
    *len = np * PAYLOAD;
    memset(stream + *len, 0, STREAM_PAD);
    d->stream_at += *len + STREAM_PAD;
    return stream;
}

/* Read the three 8Fh packs of a block into its 36-byte size record. */
static void read_size_info(decoder *d, unsigned b)
{
    bool part[3] = {false, false, false};
    for (size_t k = 0; k < d->tcount[b][15]; k++) {
        size_t i = pack_index(d, b, 15, k);
        const uint8_t *p = d->packs[i];
        unsigned id2 = p[1] & 0x7Fu;
        if (id2 > 2 || part[id2]) {
            warn(d, "pack %zu (byte %zu): block %u: unexpected size information pack (ID2 %u)", i,
                 byte_of(d, i), b, id2);
            continue;
        }
        part[id2] = true;
        memcpy(d->size_rec[b] + 12 * id2, p + 4, PAYLOAD);
    }
    d->size_present[b] = part[0] || part[1] || part[2];
    if (d->size_present[b] && !(part[0] && part[1] && part[2]))
        warn(d, "block %u: size information (8Fh) incomplete", b);
}

/* Store one decoded string (NULL = absent); takes ownership of `s`. Returns the text the
 * slot now holds (a following TAB repeats it). */
static char *store(decoder *d, tocex_cdtext_block *blk, unsigned type, unsigned track, char *s)
{
    char **slot;
    if (track == 0 || type <= 0x85 || type == 0x8E) {
        slot = type != 0x87 ? &blk->text[type - 0x80][track] : &blk->genre_text;
    } else if (type == 0x87) {
        warn(d, "block %u: genre (87h) has more than one text", blk->number);
        tocex_cdtext_release(d->ct, s);
        return blk->genre_text;
    } else {
        /* 86h, 8Dh */
        warn(d, "block %u: pack type %02Xh is disc-only but has text for track %u", blk->number, type, track);
        tocex_cdtext_release(d->ct, s);
        return NULL;
    }
    tocex_cdtext_release(d->ct, *slot);
    *slot = s;
    return s;
}

static COLD void warn_position(decoder *d, unsigned b, unsigned type, size_t chk, unsigned track, size_t want_pos)
{
    size_t i = pack_index(d, b, type - 0x80, chk);
    warn(d,
         "pack %zu (byte %zu): block %u type %02Xh: track %u character position %u, expected track %u "
         "position %zu",
         i, byte_of(d, i), b, type, (unsigned)d->where[chk] >> 8, d->where[chk] & 0x0Fu, track, want_pos);
}

static COLD void warn_bad(decoder *d, unsigned b, unsigned type, unsigned track, size_t bad, uint8_t charset)
{
    warn(d, "block %u: %s track %u: %zu byte(s) not valid in %s", b,
         tocex_cdtext_field_name((tocex_cdtext_field)(type - 0x80)), track, bad,
         tocex_cdtext_charset_name(charset) != NULL ? tocex_cdtext_charset_name(charset)
                                                   : "the block character code");
}

/* Walk the strings of one pack type of a double-byte block (80h..85h of MS-JIS, Korean,
 * Mandarin): characters are 2 bytes, the terminator is 00 00; texts go through iconv. */
static tocex_status walk_dbcc(decoder *d, tocex_cdtext_block *blk, unsigned type, uint8_t charset,
                              unsigned first_track, tocex_error *err)
{
    const unsigned b = blk->number;
    const uint8_t *stream;
    size_t len, pos = 0, chk = 0, data_end;
    unsigned track;
    char *prev = NULL;
    if (d->tcount[b][type - 0x80] == 0)
        return TOCEX_OK;
    stream = gather(d, b, type - 0x80, &len);
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
            warn(d, "block %u: pack type %02Xh: text for track %u has no terminator at the end", b, type, track);
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
            if (d->where[chk] != (track << 8 | want_pos))
                warn_position(d, b, type, chk, track, want_pos);
        }
        if (track > 99) {
            warn(d, "block %u: pack type %02Xh: text beyond track 99 ignored", b, type);
            break;
        }
        if (strend - pos == 2 && stream[pos] == 0x09 && stream[pos + 1] == 0x09) {
            /* TAB TAB: same text as the previous track (libburn doc/cdtext.txt, Sony). */
            if (track == 0 || prev == NULL) {
                if (track == 0)
                    warn(d, "block %u: pack type %02Xh: TAB (repeat) used for the disc text", b, type);
            } else {
                text = repeat_text(d, prev);
                if (text == NULL)
                    return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
            }
        } else if (strend > pos) {
            tocex_status st = tocex_cdtext_to_utf8(charset, stream + pos, strend - pos, &text, &bad, err);
            d->ct->texts_outside = true;
            if (st != TOCEX_OK)
                return st;
            if (bad != 0)
                warn_bad(d, b, type, track, bad, charset);
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

/* A text of a single-byte type that is not plain ASCII in ISO-8859-1/ASCII: converted into
 * the storage (*text), bytes not valid in the code counted and warned about. */
static COLD tocex_status convert_text(decoder *d, unsigned b, unsigned type, unsigned track, uint8_t charset,
                                      const uint8_t *in, size_t n, bool convert, char **text, tocex_error *err)
{
    const bool unknown_code = charset != TOCEX_CDTEXT_CHARSET_ISO8859_1 && charset != TOCEX_CDTEXT_CHARSET_ASCII;
    size_t bad = 0;
    if (!convert) {
        *text = (char *)(uintptr_t)in; /* no byte >= 80h: the text as it is, ended in place */
        bad = unknown_code ? 1 : 0;     /* unknown code: read as ISO-8859-1 */
    } else if (d->ct->text_store_size - d->store_used > 2 * n) {
        *text = d->ct->text_store + d->store_used;
        d->store_used += tocex_cdtext_sb_to_utf8(charset, in, n, (uint8_t *)*text, &bad) + 1;
        if (unknown_code)
            bad++;
    } else {
        /* (not reached: the storage has room for every text) */
        tocex_status st = tocex_cdtext_to_utf8(charset, in, n, text, &bad, err);
        d->ct->texts_outside = true;
        if (st != TOCEX_OK)
            return st;
    }
    if (bad != 0)
        warn_bad(d, b, type, track, bad, charset);
    return TOCEX_OK;
}

/* The 00 bytes of a word: bit 7 of each byte of the result is set when that byte is 00 (exact,
 * no borrow from one byte into the next). */
static inline uint64_t zero_bytes(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return ~(((w & UINT64_C(0x7F7F7F7F7F7F7F7F)) + UINT64_C(0x7F7F7F7F7F7F7F7F)) | w) & UINT64_C(0x8080808080808080);
}

/* Walk the NUL-separated strings of one pack type of a single-byte block (and of 86h..8Eh of
 * any block): one byte per character. The payloads are gathered into the set's storage, where
 * a text without bytes >= 80h stays as it is (its terminator is the 00 of the packs); others
 * are converted to UTF-8 in the storage after the streams. */
static tocex_status walk_sb(decoder *d, tocex_cdtext_block *blk, unsigned type, size_t skip, uint8_t charset,
                            unsigned first_track, tocex_error *err)
{
    const unsigned b = blk->number, t = type - 0x80;
    const bool unknown_code = charset != TOCEX_CDTEXT_CHARSET_ISO8859_1 && charset != TOCEX_CDTEXT_CHARSET_ASCII;
    const bool convert = (((unsigned)d->high[b] >> t) & 1u) != 0;
    const bool as_is = !convert && !unknown_code; /* every text stays where it is */
    const bool disc_only = type == 0x86 || type == 0x87 || type == 0x8D;
    const uint16_t *where = d->where;
    /* the type's row (87h: none, the text is genre_text); made for this walk, all absent, and
     * every slot is written at most once (tracks only go up) */
    char **row = type != 0x87 ? blk->text[t] : NULL;
    const bool plain = row != NULL && !disc_only;
    uint8_t *stream;
    size_t len, pos = skip, chk, at, data_end, word;
    uint64_t zeros; /* the 00 bytes of the word at `word` not passed yet */
    unsigned track;
    char *prev = NULL;
    if (d->tcount[b][t] == 0)
        return TOCEX_OK;
    stream = gather(d, b, t, &len);
    data_end = len;
    while (data_end >= 8 && zero_bytes(stream + data_end - 8) == UINT64_C(0x8080808080808080))
        data_end -= 8;
    while (data_end > 0 && stream[data_end - 1] == 0)
        data_end--;
    /* The strings end at the 00 bytes of the stream, taken from `zeros` one by one (byte i of
     * a word is bits 8i..8i+7); the stream is followed by 00 bytes, so a word from any offset
     * up to len is readable. */
    word = pos;
    zeros = zero_bytes(stream + pos);
    track = where[0] >> 8;
    chk = skip > 0 ? 1 : 0; /* the 87h genre code is not text: positions count from byte 2 */
    at = chk * PAYLOAD;     /* offset of pack chk, the next to check */
    if (type == 0x87 && track != 0) {
        size_t i0 = pack_index(d, b, t, 0);
        warn(d, "pack %zu (byte %zu): genre pack for track %u", i0, byte_of(d, i0), track);
    }
    /* pos < data_end (<= len): past it there is only zero padding */
    while (pos < data_end) {
        size_t end, next, n;
        char *text = (char *)stream + pos;
#if ZERO_WORDS
        while (zeros == 0) {
            word += 8;
            zeros = zero_bytes(stream + word);
        }
        end = word + (size_t)(__builtin_ctzll(zeros) >> 3);
        zeros &= zeros - 1;
#else
        (void)word, (void)zeros;
        end = find_zero(stream, pos, len + 1);
#endif
        next = end + 1;
        n = end - pos;
        if (end == len) {
            /* no 00 from pos on: the text runs to the end (the 00 after the stream ends it),
             * with no padding to strip */
            warn(d, "block %u: pack type %02Xh: text for track %u has no terminator at the end", b, type, track);
            next = len;
        }
        /* Each pack names the track of its first character and how many characters of that
         * string came before it (15 = 15 or more). */
        for (; at < next; chk++, at += PAYLOAD) {
            size_t want_pos = at - pos < 15 ? at - pos : 15;
            if (where[chk] != (track << 8 | want_pos))
                warn_position(d, b, type, chk, track, want_pos);
        }
        if (track > 99) {
            warn(d, "block %u: pack type %02Xh: text beyond track 99 ignored", b, type);
            break;
        }
        /* a text of 2 or more bytes without bytes >= 80h (the usual one) stays as it is */
        if (n <= 1 || !as_is) {
            tocex_status st = TOCEX_OK;
            if (n == 0) {
                text = NULL;
            } else if (n == 1 && text[0] == 0x09) {
                /* TAB: same text as the previous track (libburn doc/cdtext.txt, Sony). */
                if (track == 0 || prev == NULL) {
                    if (track == 0)
                        warn(d, "block %u: pack type %02Xh: TAB (repeat) used for the disc text", b, type);
                    text = NULL;
                } else {
                    text = repeat_text(d, prev);
                    if (text == NULL)
                        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
                }
            } else if (!as_is) {
                st = convert_text(d, b, type, track, charset, stream + pos, n, convert, &text, err);
            }
            if (st != TOCEX_OK)
                return st;
        }
        if (plain) {
            row[track] = text;
            prev = text;
        } else if (track == 0) {
            char **slot = row != NULL ? &row[0] : &blk->genre_text;
            tocex_cdtext_release(d->ct, *slot);
            *slot = text;
            prev = text;
        } else {
            prev = store(d, blk, type, track, text); /* warns and drops it */
        }
        pos = next;
        track = track == 0 ? first_track : track + 1;
    }
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
    /* a row (all absent) for every text field that has packs */
    for (unsigned t = 0; t < TYPES; t++)
        if (((ROW_TYPES >> t) & 1u) != 0 && counts[t] != 0) {
            blk->text[t] = memset(d->rows, 0, ROW_BYTES);
            d->rows += 100;
        }
    if (d->size_present[b]) {
        blk->charset = rec[0];
        if (tocex_cdtext_charset_name(rec[0]) == NULL)
            warn(d, "block %u: unknown character code %02Xh, read as ISO-8859-1", b, rec[0]);
        if (rec[1] >= 1 && rec[1] <= rec[2] && rec[2] <= 99) {
            blk->first_track = rec[1];
            blk->last_track = rec[2];
            first_track = rec[1];
            have_range = true;
        } else {
            warn(d, "block %u: size information gives tracks %u..%u; ignored", b, rec[1], rec[2]);
        }
        if (rec[3] != 0 && rec[3] != 3)
            warn(d, "block %u: copyright byte %02Xh (expected 00h or 03h)", b, rec[3]);
        blk->copyright = rec[3] != 0;
        for (unsigned k = 0; k < 16; k++) {
            blk->pack_count[k] = rec[4 + k];
            if (rec[4 + k] != counts[k])
                warn(d, "block %u: size information counts %u packs of type %02Xh, found %u", b, rec[4 + k],
                     0x80 + k, (unsigned)counts[k]);
        }
        blk->last_sequence = rec[20 + b];
        if ((int)rec[20 + b] != d->last_seq[b])
            warn(d, "block %u: size information gives last sequence number %u, found %d", b, rec[20 + b],
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
        warn(d, "block %u: no size information (8Fh)", b);
        blk->charset = any_dbcc_flag ? TOCEX_CDTEXT_CHARSET_MS_JIS : TOCEX_CDTEXT_CHARSET_ISO8859_1;
        for (unsigned k = 0; k < 16; k++)
            blk->pack_count[k] = (uint8_t)(counts[k] > 255 ? 255 : counts[k]);
        blk->last_sequence = (uint8_t)(d->last_seq[b] < 0 ? 0 : d->last_seq[b]);
    }
    if (d->size_present[b] && d->size_present[0] && b != 0 && d->size_rec[0][28 + b] != rec[28 + b])
        warn(d, "block %u: language %02Xh in its own size information, %02Xh in block 0's", b, rec[28 + b],
             d->size_rec[0][28 + b]);

    for (unsigned type = 0x80; type <= 0x8E; type++) {
        bool dbcc = false;
        uint8_t charset = TOCEX_CDTEXT_CHARSET_ASCII;
        size_t skip = 0;
        if (((TEXT_TYPES >> (type - 0x80)) & 1u) == 0 || counts[type - 0x80] == 0)
            continue; /* 88h..8Ch: binary TOC information / reserved, counted only */
        if (type <= 0x85) {
            unsigned bit = 1u << (type - 0x80);
            charset = blk->charset;
            dbcc = tocex_cdtext_charset_is_dbcc(charset);
            if (((dbcc ? d->dbcc_clear[b] : d->dbcc_set[b]) & bit) != 0)
                flag_mismatch = true;
        } else if (type == 0x8D) {
            charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
        } else if (type == 0x87) {
            blk->genre = tocex_be16(d->packs[pack_index(d, b, 7, 0)] + 4);
            skip = 2;
        }
        st = dbcc ? walk_dbcc(d, blk, type, charset, first_track, err)
                  : walk_sb(d, blk, type, skip, charset, first_track, err);
        if (st != TOCEX_OK)
            return st;
    }
    if (flag_mismatch)
        warn(d, "block %u: double-byte flag disagrees with character code %02Xh; the code is used", b,
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

/* A run of packs of block b, type 80h + t has ended: note what it adds. count: packs of the
 * block so far; seq: its last sequence number; flags_or/flags_and: byte 3 of the run's packs
 * ORed/ANDed (bit 7: DBCC); bytes_or: their payload bytes ORed (bit 7 of each byte: >= 80h). */
static void end_run(decoder *d, unsigned b, unsigned t, size_t len, size_t count, int seq, unsigned flags_or,
                    unsigned flags_and, uint64_t bytes_or)
{
    d->tcount[b][t] = (uint16_t)(d->tcount[b][t] + len);
    d->count[b] = count;
    d->last_seq[b] = seq;
    if (t <= 5) {
        if ((flags_or & 0x80) != 0)
            d->dbcc_set[b] |= (uint8_t)(1u << t);
        if ((flags_and & 0x80) == 0)
            d->dbcc_clear[b] |= (uint8_t)(1u << t);
    }
    if ((bytes_or & UINT64_C(0x8080808080808080)) != 0)
        d->high[b] |= (uint16_t)(1u << t);
}

/* First pass over the packs: types, sequence numbers, block order, counts (in runs of one
 * block and type, normally one run per type). Sets *in_order when every pack's block and type
 * are >= the ones before and no pack is skipped. */
static tocex_status count_packs(decoder *d, bool *in_order, tocex_error *err)
{
    const size_t pack_count = d->n;
    int high = -1;           /* highest block with a pack so far */
    unsigned key = 0x100;    /* block << 4 | type of the current run (none yet) */
    size_t len = 0, count = 0;
    int seq = -1;
    unsigned flags_or = 0, flags_and = 0xFF;
    uint64_t bytes_or = 0;
    *in_order = true;
    for (size_t i = 0; i < pack_count; i++) {
        const uint8_t *p = d->packs[i];
        unsigned t = p[0] - 0x80u, b;
        uint64_t w;
        uint32_t w2;
        if (t > 15)
            return tocex_error_at_offset(err, TOCEX_E_PARSE, "CD-TEXT", (long long)byte_of(d, i),
                                         "pack %zu: pack type %02Xh is not 80h..8Fh", i, p[0]);
        if ((p[1] & 0x80) != 0) {
            /* Extension flag: no defined meaning in MMC-3 Annex J; redumper skips such packs. */
            warn(d, "pack %zu (byte %zu): extension flag set; pack ignored", i, byte_of(d, i));
            *in_order = false;
            continue;
        }
        b = (p[3] >> 4) & 7u;
        if ((b << 4 | t) != key) {
            if (key != 0x100) {
                end_run(d, key >> 4, key & 15u, len, count, seq, flags_or, flags_and, bytes_or);
                if ((b << 4 | t) < key)
                    *in_order = false;
            }
            key = b << 4 | t;
            len = 0;
            flags_or = 0;
            flags_and = 0xFF;
            bytes_or = 0;
            count = d->count[b];
            seq = d->last_seq[b];
            if (d->tcount[b][t] == 0)
                d->start[b][t] = (uint16_t)i;
        }
        if (count == MAX_PACKS_PER_BLOCK)
            return tocex_error_at_offset(err, TOCEX_E_LIMIT, "CD-TEXT", (long long)byte_of(d, i),
                                         "pack %zu: block %u has more than 256 packs", i, b);
        if ((int)p[2] != seq + 1)
            warn(d, "pack %zu (byte %zu): block %u sequence number %u, expected %d", i, byte_of(d, i), b, p[2],
                 seq + 1);
        if (high > (int)b) {
            /* (the counts of blocks other than b's are up to date) */
            for (unsigned o = b + 1; o < TOCEX_CDTEXT_MAX_BLOCKS; o++)
                if (d->count[o] != 0) {
                    warn(d, "pack %zu (byte %zu): block %u after block %u", i, byte_of(d, i), b, o);
                    break;
                }
        } else {
            high = (int)b;
        }
        seq = p[2];
        count++;
        len++;
        flags_or |= p[3];
        flags_and &= p[3];
        memcpy(&w, p + 4, 8);
        memcpy(&w2, p + 12, 4);
        bytes_or |= w | w2;
    }
    if (key != 0x100)
        end_run(d, key >> 4, key & 15u, len, count, seq, flags_or, flags_and, bytes_or);
    return TOCEX_OK;
}

static tocex_status decode_at(const uint8_t *packs, size_t pack_count, size_t base, tocex_cdtext **out,
                              tocex_error *err)
{
    decoder dd, *d = &dd;
    tocex_cdtext *ct;
    tocex_status st = TOCEX_OK;
    bool in_order;
    size_t rows = 0, stream_bytes = 0, text_bytes = 0, crc_errors = 0, zero_crc = 0;
    if (out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT decode: no output");
    *out = NULL;
    if (packs == NULL && pack_count != 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT decode: no packs");
    if (pack_count > (size_t)MAX_PACKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT: %zu packs, at most %d (8 blocks of 256)", pack_count,
                               MAX_PACKS);
    /* The set is allocated once the packs are counted (it holds their texts); the decoder
     * keeps the warnings of the first pass until then. */
    d->ct = ct = NULL;
    d->warnings = 0;
    d->first_warning = d->first_warning_buf;
    d->first_warning_buf[0] = '\0';
    d->packs = (const uint8_t(*)[PACK])packs;
    d->n = pack_count;
    d->base = base;
    d->order = NULL;
    memset(d->tcount, 0, sizeof d->tcount);
    memset(d->count, 0, sizeof d->count);
    memset(d->dbcc_set, 0, sizeof d->dbcc_set);
    memset(d->dbcc_clear, 0, sizeof d->dbcc_clear);
    memset(d->high, 0, sizeof d->high);
    memset(d->size_present, 0, sizeof d->size_present);
    memset(d->size_rec, 0, sizeof d->size_rec); /* parts missing from an incomplete 8Fh read as 0 */
    for (unsigned b = 0; b < TOCEX_CDTEXT_MAX_BLOCKS; b++)
        d->last_seq[b] = -1;
    /* CRC 0000: not reported (PX-W5224TA zeroes the last pack's) */
    tocex_cdtext_crc_count(packs, pack_count, &crc_errors, &zero_crc);
    if ((st = count_packs(d, &in_order, err)) != TOCEX_OK)
        goto done;
    if (!in_order) {
        /* List the pack indexes by block and type, keeping their order within each. */
        uint16_t fill[TOCEX_CDTEXT_MAX_BLOCKS][TYPES];
        size_t at = 0;
        d->order = malloc(pack_count * sizeof *d->order);
        if (d->order == NULL) {
            st = tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
            goto done;
        }
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
    }
    /* Storage: a row per text field with packs; for each text type its payload stream and
     * STREAM_PAD 00 bytes; for each type with bytes >= 80h room for its texts in UTF-8 (at most
     * 2 bytes per payload byte plus a NUL per string, which takes a byte: 3 per payload byte).
     * A text that finds no room (a copy of a malloc'd text for a TAB) is malloc'd. */
    for (unsigned b = 0; b < TOCEX_CDTEXT_MAX_BLOCKS; b++) {
        if (d->count[b] == 0)
            continue;
        for (unsigned t = 0; t < TYPES; t++) {
            size_t np = d->tcount[b][t];
            if (np == 0 || ((TEXT_TYPES >> t) & 1u) == 0)
                continue;
            if (((ROW_TYPES >> t) & 1u) != 0)
                rows++;
            stream_bytes += np * PAYLOAD + STREAM_PAD;
            if ((((unsigned)d->high[b] >> t) & 1u) != 0)
                text_bytes += 3 * np * PAYLOAD;
        }
    }
    /* the set, its rows and its texts in one allocation */
    ct = malloc(sizeof *ct + rows * ROW_BYTES + stream_bytes + text_bytes);
    if (ct == NULL) {
        st = tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
        goto done;
    }
    d->ct = ct;
    ct->block_count = 0;
    ct->crc_errors = crc_errors;
    ct->zero_crc_packs = zero_crc;
    ct->warnings = d->warnings;
    memcpy(ct->first_warning, d->first_warning_buf, strlen(d->first_warning_buf) + 1);
    ct->text_store = (char *)(ct + 1);
    ct->text_store_size = rows * ROW_BYTES + stream_bytes + text_bytes;
    ct->texts_outside = false;
    d->rows = (char **)(void *)ct->text_store;
    d->stream_at = rows * ROW_BYTES;
    d->store_used = rows * ROW_BYTES + stream_bytes;
    d->first_warning = ct->first_warning;
    for (unsigned b = 0; b < TOCEX_CDTEXT_MAX_BLOCKS; b++)
        if (d->count[b] != 0)
            read_size_info(d, b);
    for (unsigned b = 0; b < TOCEX_CDTEXT_MAX_BLOCKS; b++)
        if (d->count[b] != 0 && (st = decode_block(d, b, err)) != TOCEX_OK)
            goto done;
done:
    if (ct != NULL)
        ct->warnings = d->warnings;
    if (st == TOCEX_OK)
        *out = ct;
    else
        tocex_cdtext_free(ct);
    free(d->order);
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
