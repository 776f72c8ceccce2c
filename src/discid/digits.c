#include <string.h>

#include "discid/digits.h"

const char tocex_digits_hex_upper[16] = {'0', '1', '2', '3', '4', '5', '6', '7',
                                         '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
const char tocex_digits_hex_lower[16] = {'0', '1', '2', '3', '4', '5', '6', '7',
                                         '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
const char tocex_digits_pairs[200] = {
#define TOCEX_PAIRS_ROW(t) t, '0', t, '1', t, '2', t, '3', t, '4', t, '5', t, '6', t, '7', t, '8', t, '9'
    TOCEX_PAIRS_ROW('0'), TOCEX_PAIRS_ROW('1'), TOCEX_PAIRS_ROW('2'), TOCEX_PAIRS_ROW('3'),
    TOCEX_PAIRS_ROW('4'), TOCEX_PAIRS_ROW('5'), TOCEX_PAIRS_ROW('6'), TOCEX_PAIRS_ROW('7'),
    TOCEX_PAIRS_ROW('8'), TOCEX_PAIRS_ROW('9'),
#undef TOCEX_PAIRS_ROW
};

const char tocex_digits_hex_pairs[512] = {
#define TOCEX_HEX_ROW(t)                                                                                       \
    t, '0', t, '1', t, '2', t, '3', t, '4', t, '5', t, '6', t, '7', t, '8', t, '9', t, 'A', t, 'B', t, 'C', t, 'D', \
        t, 'E', t, 'F'
    TOCEX_HEX_ROW('0'),
    TOCEX_HEX_ROW('1'),
    TOCEX_HEX_ROW('2'),
    TOCEX_HEX_ROW('3'),
    TOCEX_HEX_ROW('4'),
    TOCEX_HEX_ROW('5'),
    TOCEX_HEX_ROW('6'),
    TOCEX_HEX_ROW('7'),
    TOCEX_HEX_ROW('8'),
    TOCEX_HEX_ROW('9'),
    TOCEX_HEX_ROW('A'),
    TOCEX_HEX_ROW('B'),
    TOCEX_HEX_ROW('C'),
    TOCEX_HEX_ROW('D'),
    TOCEX_HEX_ROW('E'),
    TOCEX_HEX_ROW('F'),
#undef TOCEX_HEX_ROW
};

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
    char piece[1 + TOCEX_DIGITS_LONG_MAX];
    size_t n = 0;
    if (sep != 0)
        piece[n++] = sep;
    n += tocex_digits_long(piece + n, v);
    return tocex_digits_append(buf, size, len, piece, n);
}
