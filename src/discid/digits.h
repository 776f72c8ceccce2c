/* Internal: the hex forms and snprintf-like appends of the disc-ID strings (decimal digits come
 * from util/digits.h). Each writer writes the characters only (no NUL) and returns how many it
 * wrote; the output equals snprintf's for the named format. */
#ifndef TOCEX_DISCID_DIGITS_H
#define TOCEX_DISCID_DIGITS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/digits.h"

/** "%08X" (upper != 0) or "%08x" (upper = 0): always 8 characters. */
static inline size_t tocex_digits_hex8(char *p, uint32_t v, int upper)
{
    if (upper) { /* the hashed forms: a byte (two characters) at a time */
        memcpy(p, &tocex_hex_pairs[2 * (v >> 24)], 2);
        memcpy(p + 2, &tocex_hex_pairs[2 * ((v >> 16) & 0xFF)], 2);
        memcpy(p + 4, &tocex_hex_pairs[2 * ((v >> 8) & 0xFF)], 2);
        memcpy(p + 6, &tocex_hex_pairs[2 * (v & 0xFF)], 2);
        return 8;
    }
    for (int i = 7; i >= 0; i--) {
        p[i] = tocex_hex_lower[v & 0xF];
        v >>= 4;
    }
    return 8;
}

/** "%02X" of a byte: always 2 characters. */
static inline size_t tocex_digits_hex2(char *p, uint8_t v)
{
    memcpy(p, &tocex_hex_pairs[2 * v], 2);
    return 2;
}

/**
 * Append n characters at *len of a buffer of `size` bytes exactly as
 * snprintf(buf + *len, size - *len, ...) would with an output of n characters: as many as fit
 * before a NUL, then the NUL; nothing when *len >= size. *len grows by n in every case (as a
 * caller adding up snprintf's return values does). Returns whether all n fitted with the NUL.
 */
int tocex_digits_append(char *buf, size_t size, size_t *len, const char *s, size_t n);

/** tocex_digits_append_long when the buffer may lack room for the longest number. */
int tocex_digits_append_long_cut(char *buf, size_t size, size_t *len, char sep, long v);

/**
 * The separator `sep` (none when 0) and "%ld" of v, appended like tocex_digits_append: in place
 * when the buffer has room for the longest number, through tocex_digits_append otherwise.
 */
static inline int tocex_digits_append_long(char *buf, size_t size, size_t *len, char sep, long v)
{
    size_t at = *len, n = 0;
    char *p;
    if (at >= size || size - at < 1 + TOCEX_DIGITS_MAX + 1)
        return tocex_digits_append_long_cut(buf, size, len, sep, v);
    p = buf + at;
    if (sep != 0)
        p[n++] = sep;
    if (v >= 0 && (unsigned long)v <= UINT32_MAX)
        n += tocex_digits_u32(p + n, (uint32_t)v);
    else
        n += tocex_digits_int(p + n, v);
    p[n] = '\0';
    *len = at + n;
    return 1;
}

#endif
