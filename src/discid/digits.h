/* Internal: digit formatting for the disc-ID strings, written without the printf family because
 * a 99-track disc needs several hundred numbers per run (inline for the same reason). Each
 * function writes the characters only (no NUL) and returns how many it wrote; the output equals
 * snprintf's for the named format. */
#ifndef TOCEX_DISCID_DIGITS_H
#define TOCEX_DISCID_DIGITS_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** Longest output of tocex_digits_long: "-9223372036854775808". */
#define TOCEX_DIGITS_LONG_MAX 20

extern const char tocex_digits_hex_upper[16];
extern const char tocex_digits_hex_lower[16];
extern const char tocex_digits_pairs[200]; /**< "00" "01" ... "99" */
extern const char tocex_digits_hex_pairs[512]; /**< "00" "01" ... "FF" */

/** "%08X" (upper != 0) or "%08x" (upper = 0): always 8 characters. */
static inline size_t tocex_digits_hex8(char *p, uint32_t v, int upper)
{
    const char *digits = tocex_digits_hex_lower;
    if (upper) { /* the hashed forms: a byte (two characters) at a time */
        memcpy(p, &tocex_digits_hex_pairs[2 * (v >> 24)], 2);
        memcpy(p + 2, &tocex_digits_hex_pairs[2 * ((v >> 16) & 0xFF)], 2);
        memcpy(p + 4, &tocex_digits_hex_pairs[2 * ((v >> 8) & 0xFF)], 2);
        memcpy(p + 6, &tocex_digits_hex_pairs[2 * (v & 0xFF)], 2);
        return 8;
    }
    for (int i = 7; i >= 0; i--) {
        p[i] = digits[v & 0xF];
        v >>= 4;
    }
    return 8;
}

/** "%02X" of a byte: always 2 characters. */
static inline size_t tocex_digits_hex2(char *p, uint8_t v)
{
    p[0] = tocex_digits_hex_pairs[2 * v];
    p[1] = tocex_digits_hex_pairs[2 * v + 1];
    return 2;
}

/* Digits of v written backwards from `end`, two at a time; the caller has counted them. */
static inline void tocex_digits_fill_u32(char *end, uint32_t v)
{
    while (v >= 100) {
        uint32_t d = v % 100;
        v /= 100;
        end -= 2;
        memcpy(end, &tocex_digits_pairs[2 * d], 2);
    }
    if (v >= 10) {
        memcpy(end - 2, &tocex_digits_pairs[2 * v], 2);
    } else {
        end[-1] = (char)('0' + v);
    }
}

/** "%u" of a 32-bit value. */
static inline size_t tocex_digits_u32(char *p, uint32_t v)
{
    size_t n = v < 10u           ? 1
               : v < 100u        ? 2
               : v < 1000u       ? 3
               : v < 10000u      ? 4
               : v < 100000u     ? 5
               : v < 1000000u    ? 6
               : v < 10000000u   ? 7
               : v < 100000000u  ? 8
               : v < 1000000000u ? 9
                                 : 10;
    tocex_digits_fill_u32(p + n, v);
    return n;
}

/** "%lu". */
static inline size_t tocex_digits_ulong(char *p, unsigned long v)
{
    char tmp[TOCEX_DIGITS_LONG_MAX];
    size_t n = 0;
    if (v <= UINT32_MAX)
        return tocex_digits_u32(p, (uint32_t)v);
    do { /* wider than 32 bits: rare, one digit at a time into tmp, then reversed */
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    return n;
}

/** "%ld". */
static inline size_t tocex_digits_long(char *p, long v)
{
    if (v < 0) {
        /* negate in unsigned arithmetic: LONG_MIN has no positive counterpart */
        p[0] = '-';
        return 1 + tocex_digits_ulong(p + 1, 0UL - (unsigned long)v);
    }
    return tocex_digits_ulong(p, (unsigned long)v);
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

/** "%u" of v < 1000000 (every disc address is one): three pairs, the first nonzero one leading. */
static inline size_t tocex_digits_u6(char *p, uint32_t v)
{
    uint32_t hi = v / 10000u, rest = v - hi * 10000u, mid = rest / 100u, lo = rest - mid * 100u;
    size_t n;
    if (hi != 0) {
        if (hi >= 10u) {
            memcpy(p, &tocex_digits_pairs[2 * hi], 2);
            n = 2;
        } else {
            p[0] = (char)('0' + hi);
            n = 1;
        }
        memcpy(p + n, &tocex_digits_pairs[2 * mid], 2);
        memcpy(p + n + 2, &tocex_digits_pairs[2 * lo], 2);
        return n + 4;
    }
    if (mid != 0) {
        if (mid >= 10u) {
            memcpy(p, &tocex_digits_pairs[2 * mid], 2);
            n = 2;
        } else {
            p[0] = (char)('0' + mid);
            n = 1;
        }
        memcpy(p + n, &tocex_digits_pairs[2 * lo], 2);
        return n + 2;
    }
    if (lo >= 10u) {
        memcpy(p, &tocex_digits_pairs[2 * lo], 2);
        return 2;
    }
    p[0] = (char)('0' + lo);
    return 1;
}

/**
 * The separator `sep` (none when 0) and "%ld" of v, appended like tocex_digits_append: in place
 * when the buffer has room for the longest number, through tocex_digits_append otherwise.
 */
static inline int tocex_digits_append_long(char *buf, size_t size, size_t *len, char sep, long v)
{
    size_t at = *len, n = 0;
    char *p;
    if (at >= size || size - at < 1 + TOCEX_DIGITS_LONG_MAX + 1)
        return tocex_digits_append_long_cut(buf, size, len, sep, v);
    p = buf + at;
    if (sep != 0)
        p[n++] = sep;
    if (v >= 0 && v < 1000000)
        n += tocex_digits_u6(p + n, (uint32_t)v);
    else
        n += tocex_digits_long(p + n, v);
    p[n] = '\0';
    *len = at + n;
    return 1;
}

#endif
