/* CD-TEXT character codes (8Fh byte 0) <-> UTF-8. Single-byte codes are converted here;
 * double-byte codes go through iconv (one descriptor per call: no shared state). */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "cdtext/charset.h"
#include "tocex/cdtext.h"
#include "util/text.h"

/* Decode one UTF-8 sequence at s[*i]; returns false on malformed input. */
static bool utf8_next(const char *s, size_t *i, uint32_t *cp)
{
    const uint8_t *u = (const uint8_t *)s;
    uint8_t c = u[*i];
    uint32_t v;
    size_t n;
    if (c < 0x80) {
        *cp = c;
        (*i)++;
        return true;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        v = c & 0x1Fu;
        n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        v = c & 0x0Fu;
        n = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
        v = c & 0x07u;
        n = 3;
    } else {
        return false;
    }
    for (size_t k = 1; k <= n; k++) {
        uint8_t d = u[*i + k]; /* NUL terminator stops here: it is not a continuation byte */
        if ((d & 0xC0u) != 0x80u)
            return false;
        v = (v << 6) | (d & 0x3Fu);
    }
    if ((n == 2 && v < 0x800) || (n == 3 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF))
        return false;
    *i += n + 1;
    *cp = v;
    return true;
}

bool tocex_cdtext_utf8_valid(const char *s)
{
    return tocex_text_is_utf8((const uint8_t *)s, strlen(s));
}

static const char *const *iconv_names(uint8_t charset)
{
    /* MS-JIS is Microsoft's Shift-JIS (code page 932); Korean and Mandarin are given as the
     * Windows supersets first, falling back to the base standards. */
    static const char *const jis[] = {"CP932", "SHIFT_JIS", "SJIS", NULL};
    static const char *const kor[] = {"CP949", "EUC-KR", NULL};
    static const char *const chi[] = {"GBK", "GB2312", "GB18030", NULL};
    switch (charset) {
    case TOCEX_CDTEXT_CHARSET_MS_JIS:
        return jis;
    case TOCEX_CDTEXT_CHARSET_KOREAN:
        return kor;
    case TOCEX_CDTEXT_CHARSET_MANDARIN:
        return chi;
    default:
        return NULL;
    }
}

static tocex_status open_conv(uint8_t charset, bool to_utf8, iconv_t *cd, tocex_error *err)
{
    const char *const *names = iconv_names(charset);
    for (size_t k = 0; names != NULL && names[k] != NULL; k++) {
        iconv_t c = to_utf8 ? iconv_open("UTF-8", names[k]) : iconv_open(names[k], "UTF-8");
        if (c != (iconv_t)-1) {
            *cd = c;
            return TOCEX_OK;
        }
    }
    return tocex_error_set(err, TOCEX_E_CHARSET, "no iconv converter for CD-TEXT character code %02Xh (%s)",
                           (unsigned)charset, names != NULL ? names[0] : "?");
}

static bool put_utf8(char **o, size_t *left, uint32_t cp)
{
    uint8_t b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (uint8_t)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (uint8_t)(0xC0u | (cp >> 6));
        b[1] = (uint8_t)(0x80u | (cp & 0x3Fu));
        n = 2;
    } else {
        b[0] = (uint8_t)(0xE0u | (cp >> 12));
        b[1] = (uint8_t)(0x80u | ((cp >> 6) & 0x3Fu));
        b[2] = (uint8_t)(0x80u | (cp & 0x3Fu));
        n = 3;
    }
    if (*left < n)
        return false;
    memcpy(*o, b, n);
    *o += n;
    *left -= n;
    return true;
}

tocex_status tocex_cdtext_to_utf8(uint8_t charset, const uint8_t *in, size_t len, char **out, size_t *bad,
                                  tocex_error *err)
{
    /* Worst case: every input byte becomes U+FFFD (3 bytes) or a 2-byte Latin-1 sequence;
     * a double-byte character never yields more than 4 UTF-8 bytes per 2 input bytes. */
    size_t cap = len * 3 + 1, left;
    char *buf = malloc(cap), *o;
    *out = NULL;
    if (buf == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory converting CD-TEXT");
    o = buf;
    left = cap - 1;
    if (!tocex_cdtext_charset_is_dbcc(charset)) {
        if (charset != TOCEX_CDTEXT_CHARSET_ISO8859_1 && charset != TOCEX_CDTEXT_CHARSET_ASCII)
            (*bad)++; /* unknown code: read as ISO-8859-1 */
        for (size_t i = 0; i < len; i++) {
            uint32_t cp = in[i];
            if (charset == TOCEX_CDTEXT_CHARSET_ASCII && cp >= 0x80)
                (*bad)++; /* not 7-bit: keep it readable as ISO-8859-1 */
            (void)put_utf8(&o, &left, cp);
        }
    } else {
        iconv_t cd;
        tocex_status st = open_conv(charset, true, &cd, err);
        char *inp;
        size_t inleft = len;
        uint8_t *copy;
        if (st != TOCEX_OK) {
            free(buf);
            return st;
        }
        copy = malloc(len + 1);
        if (copy == NULL) {
            iconv_close(cd);
            free(buf);
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory converting CD-TEXT");
        }
        if (len != 0)
            memcpy(copy, in, len);
        inp = (char *)copy;
        while (inleft > 0) {
            /* Convert up to the next 00 byte: a NUL inside a double-byte string would end the
             * C string early, so it becomes U+FFFD like any other undecodable byte. */
            char *nul = memchr(inp, 0, inleft);
            size_t seg = nul != NULL ? (size_t)(nul - inp) : inleft;
            size_t rest = inleft - seg;
            while (seg > 0) {
                size_t r = iconv(cd, &inp, &seg, &o, &left);
                if (r != (size_t)-1)
                    break;
                if (errno == E2BIG)
                    break; /* cannot happen with the worst-case size above */
                /* EILSEQ / EINVAL: replace one byte and go on. */
                (*bad)++;
                if (!put_utf8(&o, &left, 0xFFFD))
                    break;
                inp++;
                seg--;
                iconv(cd, NULL, NULL, NULL, NULL);
            }
            if (seg != 0)
                break;
            inleft = rest;
            if (inleft > 0) {
                (*bad)++;
                (void)put_utf8(&o, &left, 0xFFFD);
                inp++;
                inleft--;
            }
        }
        iconv_close(cd);
        free(copy);
    }
    *o = '\0';
    *out = buf;
    return TOCEX_OK;
}

tocex_status tocex_cdtext_from_utf8(uint8_t charset, const char *utf8, uint8_t **out, size_t *out_len,
                                    const char *what, tocex_error *err)
{
    size_t len = strlen(utf8);
    uint8_t *buf;
    *out = NULL;
    *out_len = 0;
    if (!tocex_cdtext_utf8_valid(utf8))
        return tocex_error_set(err, TOCEX_E_CHARSET, "%s: not valid UTF-8", what);
    if (!tocex_cdtext_charset_is_dbcc(charset)) {
        size_t i = 0, n = 0;
        uint32_t cp = 0;
        uint32_t max = charset == TOCEX_CDTEXT_CHARSET_ASCII ? 0x7F : 0xFF;
        if (charset != TOCEX_CDTEXT_CHARSET_ISO8859_1 && charset != TOCEX_CDTEXT_CHARSET_ASCII)
            return tocex_error_set(err, TOCEX_E_CHARSET, "%s: unknown CD-TEXT character code %02Xh", what,
                                   (unsigned)charset);
        buf = malloc(len + 1);
        if (buf == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory encoding CD-TEXT");
        while (utf8[i] != '\0') {
            size_t at = i;
            /* validated above, so every sequence decodes; keep the check for robustness */
            if (!utf8_next(utf8, &i, &cp) || cp > max) {
                free(buf);
                return tocex_error_set(err, TOCEX_E_CHARSET,
                                       "%s: character U+%04X at byte %zu is not representable in %s", what,
                                       (unsigned)cp, at, tocex_cdtext_charset_name(charset));
            }
            buf[n++] = (uint8_t)cp;
        }
        *out = buf;
        *out_len = n;
        return TOCEX_OK;
    } else {
        iconv_t cd;
        tocex_status st = open_conv(charset, false, &cd, err);
        size_t cap = len * 2 + 8, left = cap, inleft = len;
        char *copy, *inp, *o;
        if (st != TOCEX_OK)
            return st;
        buf = malloc(cap);
        copy = malloc(len + 1);
        if (buf == NULL || copy == NULL) {
            free(buf);
            free(copy);
            iconv_close(cd);
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory encoding CD-TEXT");
        }
        memcpy(copy, utf8, len + 1);
        inp = copy;
        o = (char *)buf;
        if (iconv(cd, &inp, &inleft, &o, &left) == (size_t)-1 ||
            iconv(cd, NULL, NULL, &o, &left) == (size_t)-1) {
            size_t at = (size_t)(inp - copy);
            free(buf);
            free(copy);
            iconv_close(cd);
            return tocex_error_set(err, TOCEX_E_CHARSET, "%s: text at byte %zu is not representable in %s", what,
                                   at, tocex_cdtext_charset_name(charset));
        }
        *out_len = cap - left;
        free(copy);
        iconv_close(cd);
        *out = buf;
        return TOCEX_OK;
    }
}
