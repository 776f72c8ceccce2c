#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "tocex/bytes.h"
#include "util/swar.h"
#include "util/text.h"

static const char *const encoding_names[TOCEX_TEXT_ENCODING_COUNT] = {
    [TOCEX_TEXT_UTF8] = "UTF-8",
    [TOCEX_TEXT_UTF8_BOM] = "UTF-8 (BOM)",
    [TOCEX_TEXT_UTF16LE_BOM] = "UTF-16LE (BOM)",
    [TOCEX_TEXT_UTF16BE_BOM] = "UTF-16BE (BOM)",
    [TOCEX_TEXT_UTF32LE_BOM] = "UTF-32LE (BOM)",
    [TOCEX_TEXT_UTF32BE_BOM] = "UTF-32BE (BOM)",
    [TOCEX_TEXT_UTF16LE] = "UTF-16LE",
    [TOCEX_TEXT_UTF16BE] = "UTF-16BE",
    [TOCEX_TEXT_CP1252] = "Windows-1252",
    [TOCEX_TEXT_LATIN1] = "ISO-8859-1",
};

const char *tocex_text_encoding_name(tocex_text_encoding enc)
{
    if ((unsigned)enc < TOCEX_TEXT_ENCODING_COUNT)
        return encoding_names[enc];
    return "unknown";
}

/* iconv names and BOM lengths per encoding. */
static const char *iconv_name(tocex_text_encoding enc)
{
    switch (enc) {
    case TOCEX_TEXT_UTF16LE_BOM:
    case TOCEX_TEXT_UTF16LE: return "UTF-16LE";
    case TOCEX_TEXT_UTF16BE_BOM:
    case TOCEX_TEXT_UTF16BE: return "UTF-16BE";
    case TOCEX_TEXT_UTF32LE_BOM: return "UTF-32LE";
    case TOCEX_TEXT_UTF32BE_BOM: return "UTF-32BE";
    case TOCEX_TEXT_CP1252: return "CP1252";
    case TOCEX_TEXT_LATIN1: return "ISO-8859-1";
    default: return "UTF-8";
    }
}

static size_t bom_length(tocex_text_encoding enc)
{
    switch (enc) {
    case TOCEX_TEXT_UTF8_BOM: return 3;
    case TOCEX_TEXT_UTF16LE_BOM:
    case TOCEX_TEXT_UTF16BE_BOM: return 2;
    case TOCEX_TEXT_UTF32LE_BOM:
    case TOCEX_TEXT_UTF32BE_BOM: return 4;
    default: return 0;
    }
}

/* Length of the leading run of ASCII bytes (index bounded by len). */
static size_t ascii_prefix(const uint8_t *data, size_t len)
{
    size_t i = 0;
    while (len - i >= 8 && (tocex_swar_load(data + i) & TOCEX_SWAR_HIGHS) == 0)
        i += 8;
    while (i < len && data[i] < 0x80)
        i++;
    return i;
}


static bool starts_with(const uint8_t *data, size_t len, const uint8_t *prefix, size_t n)
{
    return len >= n && memcmp(data, prefix, n) == 0;
}

/* Zero bytes at even and at odd offsets among the first `pairs` byte pairs, counted until
 * neither count can reach 3/4 of the pairs any more (all the rule below asks; both are 0 when
 * that is clear from the start). */
static void count_nuls(const uint8_t *data, size_t pairs, size_t *even_nul, size_t *odd_nul)
{
    size_t i = 0, even = 0, odd = 0, quarter = pairs / 4 + 1;
    if (memchr(data, 0, 2 * quarter) == NULL) {
        /* no zero byte in more than a quarter of the pairs: neither count can reach 3/4 */
        *even_nul = 0;
        *odd_nul = 0;
        return;
    }
    for (; pairs - i >= 4; i += 4) { /* four pairs per 8-byte word; most words hold no zero */
        const uint8_t *w = data + 2 * i;
        if (tocex_swar_zero_bytes(tocex_swar_load(w)) == 0) {
            size_t most = (even > odd ? even : odd) + (pairs - i - 4);
            if (most * 4 < pairs * 3)
                break; /* out of reach even if every remaining byte were zero */
            continue;
        }
        for (size_t b = 0; b < 8; b += 2) {
            even += w[b] == 0;
            odd += w[b + 1] == 0;
        }
    }
    for (; i < pairs && pairs - i < 4; i++) {
        even += data[2 * i] == 0;
        odd += data[2 * i + 1] == 0;
    }
    *even_nul = even;
    *odd_nul = odd;
}

/* Rules 1 and 2: the encoding a BOM or the NUL pattern gives, or TOCEX_TEXT_UTF8 for 8-bit
 * text that rules 3 and 4 decide between. */
static tocex_text_encoding detect_wide(const uint8_t *data, size_t len)
{
    static const uint8_t bom8[] = {0xEF, 0xBB, 0xBF};
    static const uint8_t bom32le[] = {0xFF, 0xFE, 0x00, 0x00};
    static const uint8_t bom32be[] = {0x00, 0x00, 0xFE, 0xFF};
    static const uint8_t bom16le[] = {0xFF, 0xFE};
    static const uint8_t bom16be[] = {0xFE, 0xFF};
    size_t probe = len < 4096 ? len : 4096, pairs, odd_nul = 0, even_nul = 0;

    if (starts_with(data, len, bom8, sizeof bom8))
        return TOCEX_TEXT_UTF8_BOM;
    if (starts_with(data, len, bom32le, sizeof bom32le))
        return TOCEX_TEXT_UTF32LE_BOM;
    if (starts_with(data, len, bom32be, sizeof bom32be))
        return TOCEX_TEXT_UTF32BE_BOM;
    if (starts_with(data, len, bom16le, sizeof bom16le))
        return TOCEX_TEXT_UTF16LE_BOM;
    if (starts_with(data, len, bom16be, sizeof bom16be))
        return TOCEX_TEXT_UTF16BE_BOM;

    /* UTF-16 without BOM: ASCII-range characters put a NUL in every other byte. */
    pairs = probe / 2;
    if (pairs >= 2 && len % 2 == 0) {
        count_nuls(data, pairs, &even_nul, &odd_nul); /* indexes below probe <= len */
        if (odd_nul * 4 >= pairs * 3 && even_nul * 8 <= pairs)
            return TOCEX_TEXT_UTF16LE;
        if (even_nul * 4 >= pairs * 3 && odd_nul * 8 <= pairs)
            return TOCEX_TEXT_UTF16BE;
    }
    return TOCEX_TEXT_UTF8;
}

tocex_text_encoding tocex_text_detect(const uint8_t *data, size_t len)
{
    tocex_text_encoding enc = detect_wide(data, len);
    if (enc == TOCEX_TEXT_UTF8 && !tocex_text_is_utf8(data, len))
        return TOCEX_TEXT_CP1252;
    return enc;
}

/* Check that len bytes are UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF) and,
 * when dst is not NULL, copy them there (len + 1 bytes, NUL-terminated; partly written when
 * the answer is false). One pass instead of validating and then copying. A NUL byte is valid
 * UTF-8 here: the caller looks for one with memchr, which is faster than testing each word. */
static bool scan_utf8(char *dst, const uint8_t *data, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned need;
        uint32_t cp, min;
        uint8_t c;
        /* ASCII: 64 bytes per step while no byte has its high bit set */
        while (len - i >= 64) {
            const uint8_t *q = data + i;
            uint64_t w0 = tocex_swar_load(q), w1 = tocex_swar_load(q + 8), w2 = tocex_swar_load(q + 16),
                     w3 = tocex_swar_load(q + 24), w4 = tocex_swar_load(q + 32), w5 = tocex_swar_load(q + 40),
                     w6 = tocex_swar_load(q + 48), w7 = tocex_swar_load(q + 56);
            if ((w0 | w1 | w2 | w3 | w4 | w5 | w6 | w7) & TOCEX_SWAR_HIGHS)
                break;
            if (dst != NULL) {
                char *o = dst + i;
                memcpy(o, &w0, 8);
                memcpy(o + 8, &w1, 8);
                memcpy(o + 16, &w2, 8);
                memcpy(o + 24, &w3, 8);
                memcpy(o + 32, &w4, 8);
                memcpy(o + 40, &w5, 8);
                memcpy(o + 48, &w6, 8);
                memcpy(o + 56, &w7, 8);
            }
            i += 64;
        }
        while (len - i >= 8) {
            uint64_t x = tocex_swar_load(data + i);
            if (x & TOCEX_SWAR_HIGHS)
                break;
            if (dst != NULL)
                memcpy(dst + i, &x, sizeof x);
            i += 8;
        }
        if (i == len)
            break;
        c = data[i];
        if (dst != NULL)
            dst[i] = (char)c;
        i++;
        if (c < 0x80)
            continue;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1Fu;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0Fu;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07u;
            min = 0x10000;
        } else {
            return false; /* continuation byte first, C0/C1 overlong lead, or > U+10FFFF lead */
        }
        if (len - i < need)
            return false; /* cut short by the end of the text */
        for (unsigned k = 0; k < need; k++) {
            uint8_t cc = data[i];
            if ((cc & 0xC0) != 0x80)
                return false;
            if (dst != NULL)
                dst[i] = (char)cc;
            i++;
            cp = cp << 6 | (cc & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
    }
    if (dst != NULL)
        dst[len] = '\0';
    return true;
}

bool tocex_text_is_utf8(const uint8_t *data, size_t len)
{
    return scan_utf8(NULL, data, len);
}

/* Run iconv over the whole input; NULL on any conversion failure. */
static char *convert(const char *to, const char *from, const uint8_t *data, size_t len, size_t *out_len,
                     bool *nomem)
{
    iconv_t cd = iconv_open(to, from);
    char *out, *inp, *outp;
    size_t cap, inleft, outleft;
    *nomem = false;
    if (cd == (iconv_t)-1)
        return NULL;
    cap = len * 4 + 16;
    out = malloc(cap);
    if (out == NULL) {
        iconv_close(cd);
        *nomem = true;
        return NULL;
    }
    inp = (char *)(uintptr_t)data; /* iconv's prototype is not const-correct */
    inleft = len;
    outp = out;
    outleft = cap - 1;
    while (inleft > 0) {
        size_t r = iconv(cd, &inp, &inleft, &outp, &outleft);
        if (r == (size_t)-1) {
            if (errno == E2BIG) {
                size_t used = (size_t)(outp - out);
                char *grown = realloc(out, cap * 2);
                if (grown == NULL) {
                    free(out);
                    iconv_close(cd);
                    *nomem = true;
                    return NULL;
                }
                out = grown;
                cap *= 2;
                outp = out + used;
                outleft = cap - 1 - used;
                continue;
            }
            free(out);
            iconv_close(cd);
            return NULL;
        }
    }
    /* flush any shift state */
    if (iconv(cd, NULL, NULL, &outp, &outleft) == (size_t)-1) {
        free(out);
        iconv_close(cd);
        return NULL;
    }
    iconv_close(cd);
    *outp = '\0';
    *out_len = (size_t)(outp - out);
    return out;
}

char *tocex_text_from_utf8(const char *utf8, const char *charset, size_t *out_len)
{
    bool nomem;
    size_t len = strlen(utf8), dummy;
    if (out_len == NULL)
        out_len = &dummy;
    /* ASCII is itself in the ASCII-based single-byte charsets: no converter needed */
    if (ascii_prefix((const uint8_t *)utf8, len) == len &&
        (strcmp(charset, "ISO-8859-1") == 0 || strcmp(charset, "ASCII") == 0 || strcmp(charset, "CP1252") == 0)) {
        char *copy = malloc(len + 1);
        if (copy != NULL) {
            memcpy(copy, utf8, len + 1);
            *out_len = len;
        }
        return copy;
    }
    if (!tocex_text_is_utf8((const uint8_t *)utf8, len))
        return NULL;
    return convert(charset, "UTF-8", (const uint8_t *)utf8, len, out_len, &nomem);
}

tocex_status tocex_text_decode_buffer(const char *name, uint8_t *buf, size_t len, size_t cap, tocex_text *out,
                                      tocex_error *err)
{
    tocex_status st;
    /* UTF-8 without a byte order mark and without NUL is already what decoding gives */
    if (buf != NULL && cap > len && detect_wide(buf, len) == TOCEX_TEXT_UTF8 && memchr(buf, 0, len) == NULL &&
        tocex_text_is_utf8(buf, len)) {
        buf[len] = 0;
        out->utf8 = (char *)buf;
        out->len = len;
        out->encoding = TOCEX_TEXT_UTF8;
        return TOCEX_OK;
    }
    st = tocex_text_decode(name, buf != NULL ? buf : (const uint8_t *)"", buf != NULL ? len : 0, out, err);
    free(buf);
    return st;
}

void tocex_text_free(tocex_text *text)
{
    free(text->utf8);
    text->utf8 = NULL;
    text->len = 0;
}

tocex_status tocex_text_decode(const char *name, const uint8_t *data, size_t len, tocex_text *out,
                               tocex_error *err)
{
    tocex_text_encoding enc = detect_wide(data, len);
    size_t skip = bom_length(enc), out_len = 0;
    const uint8_t *body;
    tocex_span s;
    char *utf8 = NULL;
    bool nomem = false;
    long line = 1;
    uint8_t c;

    if (name == NULL)
        name = "(input)";
    out->utf8 = NULL;
    out->len = 0;
    out->encoding = enc;
    tocex_span_init(&s, data, len);
    if (!tocex_span_skip(&s, skip))
        return tocex_error_set(err, TOCEX_E_CHARSET, "%s: truncated byte order mark", name);
    body = s.data;
    if (enc == TOCEX_TEXT_UTF8 || enc == TOCEX_TEXT_UTF8_BOM) {
        /* rule 3 (UTF-8 or not) is decided while copying */
        utf8 = malloc(s.len + 1);
        if (utf8 == NULL) {
            if (enc == TOCEX_TEXT_UTF8_BOM || tocex_text_is_utf8(body, s.len))
                return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", name);
            enc = TOCEX_TEXT_CP1252; /* not UTF-8: converting says what memory allows */
        } else if (scan_utf8(utf8, body, s.len)) {
            out_len = s.len;
        } else {
            free(utf8);
            utf8 = NULL;
            if (enc == TOCEX_TEXT_UTF8_BOM)
                return tocex_error_set(err, TOCEX_E_CHARSET, "%s: UTF-8 byte order mark but the text is not UTF-8",
                                       name);
            enc = TOCEX_TEXT_CP1252;
        }
    }
    if (utf8 == NULL) {
        utf8 = convert("UTF-8", iconv_name(enc), body, s.len, &out_len, &nomem);
        if (utf8 == NULL && enc == TOCEX_TEXT_CP1252 && !nomem) {
            /* CP1252 leaves five bytes unmapped; ISO-8859-1 maps every byte */
            enc = TOCEX_TEXT_LATIN1;
            utf8 = convert("UTF-8", iconv_name(enc), body, s.len, &out_len, &nomem);
        }
        if (utf8 == NULL)
            return tocex_error_set(err, nomem ? TOCEX_E_NOMEM : TOCEX_E_CHARSET, "%s: %s text is malformed", name,
                                   tocex_text_encoding_name(enc));
    }
    /* A NUL would silently cut a line short for every later strcmp/strtol. */
    tocex_span_init(&s, utf8, out_len);
    if (out_len == 0 || memchr(utf8, 0, out_len) == NULL)
        tocex_span_init(&s, utf8, 0); /* none: no line to name */
    while (tocex_span_get_u8(&s, &c)) {
        if (c == '\n')
            line++;
        else if (c == '\r') {
            uint8_t next;
            if (!tocex_span_peek_u8(&s, 0, &next) || next != '\n')
                line++;
        } else if (c == 0) {
            free(utf8);
            return tocex_error_at_line(err, TOCEX_E_PARSE, name, line, "NUL character in %s text",
                                       tocex_text_encoding_name(enc));
        }
    }
    out->utf8 = utf8;
    out->len = out_len;
    out->encoding = enc;
    return TOCEX_OK;
}

void tocex_lines_init(tocex_lines *r, const char *name, const tocex_text *text, size_t max_line)
{
    r->name = name != NULL ? name : "(input)";
    r->data = text->utf8;
    r->len = text->len;
    r->pos = 0;
    r->line = 0;
    r->max_line = max_line;
}

int tocex_lines_next(tocex_lines *r, const char **line, size_t *len, tocex_error *err)
{
    /* indexes stay below r->len (the text's length); the search for the line end stops one
     * byte past the longest line accepted */
    const char *p;
    size_t left, n, next;
    if (r->pos >= r->len)
        return 0;
    p = r->data + r->pos;
    left = r->len - r->pos;
    r->line++;
    n = tocex_swar_find_eol(p, r->max_line < left ? r->max_line + 1 : left);
    if (n > r->max_line) {
        tocex_error_at_line(err, TOCEX_E_LIMIT, r->name, r->line, "line is longer than %zu bytes", r->max_line);
        return -1;
    }
    next = n;
    if (next < left) {
        next++;
        if (p[n] == '\r' && next < left && p[next] == '\n')
            next++;
    }
    *line = p;
    *len = n;
    r->pos += next;
    return 1;
}
