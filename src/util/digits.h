/* Internal: decimal and MSF digits without the printf family, shared by the library (addresses,
 * disc IDs) and the program's text writers. A 99-track disc prints several hundred numbers per
 * run, and snprintf costs several hundred instructions each; these are inline for that reason.
 * Each writer's output equals snprintf's for the format named. */
#ifndef TOCEX_UTIL_DIGITS_H
#define TOCEX_UTIL_DIGITS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tocex/addr.h"

extern const char tocex_digit_pairs[201];  /**< "00" "01" ... "99" */
extern const char tocex_hex_pairs[513];    /**< "00" "01" ... "FF" */
extern const char tocex_hex_lower[17];     /**< "0123456789abcdef" */
extern const uint32_t tocex_pow10[10];     /**< 1, 10, 100, ... 10^9 */

/** Longest decimal text of a 64-bit value: "-9223372036854775808" / "18446744073709551615". */
#define TOCEX_DIGITS_MAX 20
/** Longest text of tocex_digits_lba_msf. */
#define TOCEX_DIGITS_LBA_MSF_MAX 8

/** Four digits of v < 10000 at p ("%04u"). */
static inline void tocex_digits_4(char *p, uint32_t v)
{
    memcpy(p, tocex_digit_pairs + 2 * (v / 100), 2);
    memcpy(p + 2, tocex_digit_pairs + 2 * (v % 100), 2);
}

/** Decimal digits of v ending at `end`; returns where they start (at most 20 bytes before).
 *  Values below 10^8 take at most three divisions by constants (by 10^4, then by 100). */
static inline char *tocex_digits_back(char *end, uintmax_t v)
{
    uint32_t w;
    while (v > UINT32_MAX) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        end -= 2;
        memcpy(end, tocex_digit_pairs + 2 * r, 2);
    }
    w = (uint32_t)v;
    if (w >= 10000) {
        if (w >= 100000000) {
            uint32_t low = w % 100000000;
            w /= 100000000;
            end -= 8;
            tocex_digits_4(end, low / 10000);
            tocex_digits_4(end + 4, low % 10000);
        } else {
            end -= 4;
            tocex_digits_4(end, w % 10000);
            w /= 10000;
        }
    }
    /* w < 10000 */
    if (w >= 100) {
        end -= 2;
        memcpy(end, tocex_digit_pairs + 2 * (w % 100), 2);
        w /= 100;
    }
    if (w >= 10) {
        end -= 2;
        memcpy(end, tocex_digit_pairs + 2 * w, 2);
    } else
        *--end = (char)('0' + w);
    return end;
}

/** Number of decimal digits of v (1..10). */
static inline size_t tocex_digit_count(uint32_t v)
{
#if defined(__GNUC__)
    size_t bits = (size_t)(32 - __builtin_clz(v | 1u));
#else
    size_t bits = 1;
    while (bits < 32 && (v >> bits) != 0)
        bits++;
#endif
    /* the bit length times log10(2) (1233/4096) is floor(log10 v) or one more */
    size_t t = (bits * 1233u) >> 12;
    return t + 1 - (v < tocex_pow10[t]) + (v == 0);
}

/** "%u" of a 32-bit value at p; returns the length (1..10). */
static inline size_t tocex_digits_u32(char *p, uint32_t v)
{
    size_t n = tocex_digit_count(v);
    tocex_digits_back(p + n, v);
    return n;
}

/** "%ju" at p; returns the length (at most 20). */
static inline size_t tocex_digits_uint(char *p, uintmax_t v)
{
    char tmp[TOCEX_DIGITS_MAX], *end = tmp + sizeof tmp, *d;
    if (v <= UINT32_MAX)
        return tocex_digits_u32(p, (uint32_t)v);
    d = tocex_digits_back(end, v);
    memcpy(p, d, (size_t)(end - d));
    return (size_t)(end - d);
}

/** "%jd" at p; returns the length (at most 20). */
static inline size_t tocex_digits_int(char *p, intmax_t v)
{
    if (v < 0) {
        /* negate in unsigned arithmetic: INTMAX_MIN has no positive counterpart */
        p[0] = '-';
        return 1 + tocex_digits_uint(p + 1, (uintmax_t)0 - (uintmax_t)v);
    }
    return tocex_digits_uint(p, (uintmax_t)v);
}

/** "%02u:%02u:%02u" of minutes, seconds and frames below 100: 8 bytes at p. */
static inline void tocex_digits_msf(char *p, uint32_t m, uint32_t s, uint32_t f)
{
    memcpy(p, tocex_digit_pairs + 2 * m, 2);
    p[2] = ':';
    memcpy(p + 3, tocex_digit_pairs + 2 * s, 2);
    p[5] = ':';
    memcpy(p + 6, tocex_digit_pairs + 2 * f, 2);
}

/** tocex_lba_format_msf's text without the NUL: "MM:SS:FF" of an LBA (tocex_lba_to_msf's range
 *  and offsets), "--:--:--" outside the MSF range. Always 8 bytes. */
static inline void tocex_digits_lba_msf(char *p, int32_t lba)
{
    uint32_t frames, seconds;
    if (lba < TOCEX_LBA_MIN || lba > TOCEX_LBA_MAX_MSF) {
        memcpy(p, "--:--:--", 8);
        return;
    }
    /* the minutes stay below 100 in this range */
    frames = (uint32_t)(lba >= -TOCEX_MSF_OFFSET ? lba + TOCEX_MSF_OFFSET : lba + TOCEX_LEADIN_OFFSET);
    seconds = frames / 75;
    tocex_digits_msf(p, seconds / 60, seconds % 60, frames - seconds * 75);
}

#endif
