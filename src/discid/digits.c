#include <string.h>

#include "discid/digits.h"

int tocex_digits_append(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
    size_t at = *len;
    *len += n;
    if (at >= size)
        return 0;
    if (n < size - at) {
        memcpy(buf + at, s, n);
        buf[at + n] = '\0';
        return 1;
    }
    memcpy(buf + at, s, size - at - 1);
    buf[size - 1] = '\0';
    return 0;
}

int tocex_digits_append_long_cut(char *buf, size_t size, size_t *len, char sep, long v)
{
    char piece[1 + TOCEX_DIGITS_MAX];
    size_t n = 0;
    if (sep != 0)
        piece[n++] = sep;
    n += tocex_digits_int(piece + n, v);
    return tocex_digits_append(buf, size, len, piece, n);
}
