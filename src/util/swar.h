/* Internal: eight bytes at a time ("SIMD within a register") for the text readers.
 *
 * Text files are mostly ASCII; testing a 64-bit word per step instead of a byte keeps
 * validation, line splitting and keyword matching near one instruction per byte. Loads go
 * through memcpy (no alignment or aliasing assumptions); the caller keeps every load inside
 * its buffer. Byte i of a loaded word is bits 8i..8i+7 only on little-endian machines:
 * TOCEX_SWAR_LE says so, and code that needs byte positions has a byte loop otherwise.
 */
#ifndef TOCEX_UTIL_SWAR_H
#define TOCEX_UTIL_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define TOCEX_SWAR_ONES 0x0101010101010101ull
#define TOCEX_SWAR_HIGHS 0x8080808080808080ull
#define TOCEX_SWAR_LOWS 0x7F7F7F7F7F7F7F7Full

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TOCEX_SWAR_LE 1
#else
#define TOCEX_SWAR_LE 0
#endif

static inline uint64_t tocex_swar_load(const void *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* The high bit of every byte of x that is zero, and no other bit (exact: no borrow between
 * bytes). */
static inline uint64_t tocex_swar_zero_bytes(uint64_t x)
{
    return ~(((x & TOCEX_SWAR_LOWS) + TOCEX_SWAR_LOWS) | x) & TOCEX_SWAR_HIGHS;
}

/* Non-zero if some byte of x is below n (n <= 80h). Only the lowest set bit is exact: it marks
 * the first such byte (a borrow may set bits above it). */
static inline uint64_t tocex_swar_below(uint64_t x, unsigned n)
{
    return (x - TOCEX_SWAR_ONES * n) & ~x & TOCEX_SWAR_HIGHS;
}

/* Bytes 'A'..'Z' of x to 'a'..'z'; every other byte unchanged. */
static inline uint64_t tocex_swar_fold_lower(uint64_t x)
{
    uint64_t t = x & TOCEX_SWAR_LOWS;
    uint64_t upper = (t + TOCEX_SWAR_ONES * (0x80 - 'A')) & ~(t + TOCEX_SWAR_ONES * (0x80 - 'Z' - 1)) & ~x &
                     TOCEX_SWAR_HIGHS;
    return x | (upper >> 2);
}

#if TOCEX_SWAR_LE
/* Index of the byte a mark of tocex_swar_below() or tocex_swar_zero_bytes() points at. */
static inline size_t tocex_swar_first(uint64_t mask)
{
    return (size_t)__builtin_ctzll(mask) >> 3;
}
#endif

/* Index of the first LF or CR in text[0..len), or len. */
static inline size_t tocex_swar_find_eol(const char *text, size_t len)
{
    const uint8_t *u = (const uint8_t *)text;
    size_t i = 0;
#if TOCEX_SWAR_LE
    while (len - i >= 8) {
        /* the first byte below 0Eh: LF, CR, or a tab or other control byte */
        uint64_t m = tocex_swar_below(tocex_swar_load(u + i), 0x0E);
        size_t b;
        if (m == 0) {
            i += 8;
            continue;
        }
        b = i + tocex_swar_first(m);
        if (u[b] == '\n' || u[b] == '\r')
            return b;
        i = b + 1; /* marks above the first may be false: look again after this byte */
    }
#endif
    while (i < len && u[i] != '\n' && u[i] != '\r')
        i++;
    return i;
}

#endif
