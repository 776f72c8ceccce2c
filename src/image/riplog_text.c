/* Ripper logs: text decoding beyond util/text.c, and small line scanners over tocex_span. */
#include <stdlib.h>
#include <string.h>

#include "image/riplog.h"

/* UTF-32 without a BOM: every character of the ASCII-range text a log consists of is one
 * non-NUL byte and three NULs. util/text.c only recognises UTF-32 by its BOM and would refuse
 * such text for its NULs, so the BOM is put back here and the shared decoder does the rest. */
static int utf32_without_bom(const uint8_t *data, size_t len)
{
    tocex_span s;
    size_t probe = len < 4096 ? len : 4096, quads = probe / 4, le = 0, be = 0;
    uint8_t b[4];
    if (len < 8 || len % 4 != 0)
        return 0;
    tocex_span_init(&s, data, quads * 4);
    while (tocex_span_copy(&s, b, 4)) {
        if (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0)
            le++;
        if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0)
            be++;
    }
    if (le * 4 >= quads * 3)
        return 1;
    if (be * 4 >= quads * 3)
        return 2;
    return 0;
}

tocex_status riplog_decode(const char *name, const uint8_t *data, size_t len, tocex_text *out, tocex_error *err)
{
    static const uint8_t bom_le[4] = {0xFF, 0xFE, 0x00, 0x00};
    static const uint8_t bom_be[4] = {0x00, 0x00, 0xFE, 0xFF};
    int u32 = utf32_without_bom(data, len);
    uint8_t *copy;
    tocex_status st;
    if (u32 == 0)
        return tocex_text_decode(name, data, len, out, err);
    copy = malloc(len + 4);
    if (copy == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", name != NULL ? name : "(input)");
    memcpy(copy, u32 == 1 ? bom_le : bom_be, 4);
    memcpy(copy + 4, data, len);
    st = tocex_text_decode(name, copy, len + 4, out, err);
    free(copy);
    return st;
}

void riplog_skip_ws(tocex_span *s)
{
    uint8_t c;
    while (tocex_span_peek_u8(s, 0, &c) && (c == ' ' || c == '\t'))
        tocex_span_skip(s, 1);
}

bool riplog_rest_blank(const tocex_span *s)
{
    tocex_span t = *s;
    riplog_skip_ws(&t);
    return tocex_span_left(&t) == 0;
}

bool riplog_match(tocex_span *s, const char *lit)
{
    size_t n = strlen(lit);
    uint8_t c;
    for (size_t i = 0; i < n; i++)
        if (!tocex_span_peek_u8(s, i, &c) || c != (uint8_t)lit[i])
            return false;
    tocex_span_skip(s, n);
    return true;
}

bool riplog_find(tocex_span *s, const char *lit)
{
    tocex_span t = *s;
    while (tocex_span_left(&t) > 0) {
        if (riplog_match(&t, lit)) {
            *s = t;
            return true;
        }
        tocex_span_skip(&t, 1);
    }
    return false;
}

bool riplog_get_uint(tocex_span *s, long *out)
{
    long v = 0;
    unsigned digits = 0;
    uint8_t c;
    while (tocex_span_peek_u8(s, 0, &c) && c >= '0' && c <= '9') {
        if (++digits > 9)
            return false;
        v = v * 10 + (c - '0');
        tocex_span_skip(s, 1);
    }
    if (digits == 0)
        return false;
    *out = v;
    return true;
}

bool riplog_get_time(tocex_span *s, long *frames)
{
    long f[4];
    unsigned n = 0;
    uint8_t c;
    for (;;) {
        if (n == 4 || !riplog_get_uint(s, &f[n]))
            return false;
        n++;
        if (!tocex_span_peek_u8(s, 0, &c) || (c != ':' && c != '.'))
            break;
        tocex_span_skip(s, 1);
    }
    if (n == 3) {
        if (f[1] > 59 || f[2] > 74 || f[0] > 999)
            return false;
        *frames = (f[0] * 60 + f[1]) * 75 + f[2];
        return true;
    }
    if (n == 4) {
        if (f[0] > 99 || f[1] > 59 || f[2] > 59 || f[3] > 74)
            return false;
        *frames = ((f[0] * 60 + f[1]) * 60 + f[2]) * 75 + f[3];
        return true;
    }
    return false;
}

void riplog_trim(tocex_span *s)
{
    uint8_t c;
    riplog_skip_ws(s);
    while (tocex_span_left(s) > 0 && tocex_span_peek_u8(s, tocex_span_left(s) - 1, &c) && (c == ' ' || c == '\t'))
        s->len--;
}
