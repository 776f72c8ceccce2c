/* tocex program: text formatting without the printf family.
 *
 * cli_vsnformat behaves like vsnprintf: it writes at most `size` bytes including the NUL and
 * returns the length the whole text would have (or -1 with errno set). It handles the flags
 * '-', '0', '+', ' ', '#', widths and precisions (digits or '*'), the length modifiers hh h l
 * ll z j t and the conversions d i u o x X c s %, with glibc's results; floating point and %p
 * are handed to snprintf. %n and wide characters (%lc, %ls) are refused (-1, EINVAL).
 * It exists because glibc's vfprintf costs several hundred instructions per call, which
 * dominated the program's text output.
 *
 * The cli_fmt_* primitives write one piece of text at `p` and return the end; the caller
 * provides the room (cli_out_reserve). The rows printed once per track or per CD-TEXT item
 * are written with them. This file depends on nothing else of the program (only on the
 * library's MSF constants). */
#ifndef TOCEX_CLI_FMT_H
#define TOCEX_CLI_FMT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tocex/addr.h"

#if defined(__GNUC__)
#define CLI_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF_LIKE(f, a)
#endif

int cli_vsnformat(char *buf, size_t size, const char *fmt, va_list ap) CLI_PRINTF_LIKE(3, 0);
int cli_snformat(char *buf, size_t size, const char *fmt, ...) CLI_PRINTF_LIKE(3, 4);

/** "00" "01" ... "99". */
extern const char cli_digit_pairs[201];

/* GCC's flow analysis sees the word-sized copies below on paths where n cannot reach, with
 * short sources, and warns; the copies stay inside [s, s + n) and [p, p + n). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overread"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#endif

/** n bytes of s (short copies without a library call: most pieces of a row are a few bytes). */
static inline char *cli_fmt_copy(char *p, const char *s, size_t n)
{
    if (n > 16)
        memcpy(p, s, n);
    else if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(p, &a, 8);
        memcpy(p + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(p, &a, 4);
        memcpy(p + n - 4, &b, 4);
    } else if (n > 0) {
        p[0] = s[0];
        p[n - 1] = s[n - 1];
        p[n / 2] = s[n / 2];
    }
    return p + n;
}

/** A string literal. */
#define CLI_FMT_LITERAL(p, lit) cli_fmt_copy((p), (lit), sizeof(lit) - 1)

/** n bytes c. */
static inline char *cli_fmt_fill(char *p, char c, size_t n)
{
    if (n > 16)
        memset(p, c, n);
    else if (n >= 4) {
        uint64_t w = 0x0101010101010101u * (unsigned char)c;
        if (n >= 8) {
            memcpy(p, &w, 8);
            memcpy(p + n - 8, &w, 8);
        } else {
            memcpy(p, &w, 4);
            memcpy(p + n - 4, &w, 4);
        }
    } else if (n > 0) {
        p[0] = c;
        p[n - 1] = c;
        p[n / 2] = c;
    }
    return p + n;
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

/** Four digits of v < 10000 at p. */
static inline void cli_fmt_4digits(char *p, uint32_t v)
{
    memcpy(p, cli_digit_pairs + 2 * (v / 100), 2);
    memcpy(p + 2, cli_digit_pairs + 2 * (v % 100), 2);
}

/** Decimal digits of v ending at `end`; returns where they start (at most 20 bytes before).
 *  Values below 10^8 take at most three divisions by constants (by 10^4, then by 100). */
static inline char *cli_fmt_digits(char *end, uintmax_t v)
{
    uint32_t w;
    while (v > UINT32_MAX) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        end -= 2;
        memcpy(end, cli_digit_pairs + 2 * r, 2);
    }
    w = (uint32_t)v;
    if (w >= 10000) {
        if (w >= 100000000) {
            uint32_t low = w % 100000000;
            w /= 100000000;
            end -= 8;
            cli_fmt_4digits(end, low / 10000);
            cli_fmt_4digits(end + 4, low % 10000);
        } else {
            end -= 4;
            cli_fmt_4digits(end, w % 10000);
            w /= 10000;
        }
    }
    /* w < 10000 */
    if (w >= 100) {
        end -= 2;
        memcpy(end, cli_digit_pairs + 2 * (w % 100), 2);
        w /= 100;
    }
    if (w >= 10) {
        end -= 2;
        memcpy(end, cli_digit_pairs + 2 * w, 2);
    } else
        *--end = (char)('0' + w);
    return end;
}

/** 1, 10, 100, ... 10^9. */
extern const uint32_t cli_pow10[10];

/** Number of decimal digits of v (1..10). */
static inline size_t cli_fmt_digit_count(uint32_t v)
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
    return t + 1 - (v < cli_pow10[t]) + (v == 0);
}

/** "%u": the digits of v (at most 10 bytes). */
static inline char *cli_fmt_u32(char *p, uint32_t v)
{
    char *end = p + cli_fmt_digit_count(v);
    cli_fmt_digits(end, v);
    return end;
}

/** "%ju": the digits of v (at most 20 bytes). */
static inline char *cli_fmt_uint(char *p, uintmax_t v)
{
    char digits[24], *end = digits + sizeof digits, *d;
    if (v <= UINT32_MAX)
        return cli_fmt_u32(p, (uint32_t)v);
    d = cli_fmt_digits(end, v);
    return cli_fmt_copy(p, d, (size_t)(end - d));
}

/** "%*u" for a width of at most 16: v right-justified (at most 16 bytes are written, width or
 *  the digits returned). */
static inline char *cli_fmt_u32_right(char *p, uint32_t v, size_t width)
{
    size_t n;
    if (width >= 1 && (width >= 10 || v < cli_pow10[width])) {
        /* the digits fit: one 16-byte store of spaces, then the digits over its end */
        memcpy(p, "                ", 16);
        cli_fmt_digits(p + width, v);
        return p + width;
    }
    n = cli_fmt_digit_count(v);
    cli_fmt_digits(p + n, v);
    return p + n;
}

/** "%*ld": v right-justified in `width` (at most width + 20 bytes, and at least 16). */
static inline char *cli_fmt_long(char *p, long v, size_t width)
{
    char digits[24], *end = digits + sizeof digits;
    char *d;
    size_t n;
    if (v >= 0 && (unsigned long)v <= UINT32_MAX && width <= 16)
        return cli_fmt_u32_right(p, (uint32_t)v, width);
    d = cli_fmt_digits(end, v < 0 ? 0u - (unsigned long)v : (unsigned long)v);
    if (v < 0)
        *--d = '-';
    n = (size_t)(end - d);
    if (width > n)
        p = cli_fmt_fill(p, ' ', width - n);
    return cli_fmt_copy(p, d, n);
}

/** "%02lu": at least two digits (at most 20 bytes). */
static inline char *cli_fmt_2digits(char *p, unsigned long v)
{
    char digits[24], *end = digits + sizeof digits, *d;
    if (v < 100) {
        memcpy(p, cli_digit_pairs + 2 * v, 2);
        return p + 2;
    }
    d = cli_fmt_digits(end, v);
    return cli_fmt_copy(p, d, (size_t)(end - d));
}

/** "%02X" (upper) or "%02x" of a byte: 2 bytes. */
static inline char *cli_fmt_hex2(char *p, unsigned v, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    p[0] = digits[(v >> 4) & 0xF];
    p[1] = digits[v & 0xF];
    return p + 2;
}

/** "%-*.*s": n bytes of s, then spaces up to `width` (at most width + n bytes). */
static inline char *cli_fmt_left_n(char *p, const char *s, size_t n, size_t width)
{
    p = cli_fmt_copy(p, s, n);
    return n < width ? cli_fmt_fill(p, ' ', width - n) : p;
}

/** "%-*s": s, then spaces up to `width` (at most width + strlen(s) bytes). */
static inline char *cli_fmt_left(char *p, const char *s, size_t width)
{
    return cli_fmt_left_n(p, s, strlen(s), width);
}

/** "%*s": spaces, then s ending at `width` (at most width + strlen(s) bytes). */
static inline char *cli_fmt_right(char *p, const char *s, size_t width)
{
    size_t n = strlen(s);
    if (n < width)
        p = cli_fmt_fill(p, ' ', width - n);
    return cli_fmt_copy(p, s, n);
}

/** Longest text of cli_fmt_lba_msf and cli_fmt_frames_msf. */
#define CLI_FMT_LBA_MSF_MAX 11
#define CLI_FMT_FRAMES_MSF_MAX 24

/** "MM:SS:FF" of minutes, seconds and frames below 100 (8 bytes). */
static inline char *cli_fmt_msf_small(char *p, uint32_t m, uint32_t s, uint32_t f)
{
    memcpy(p, cli_digit_pairs + 2 * m, 2);
    p[2] = ':';
    memcpy(p + 3, cli_digit_pairs + 2 * s, 2);
    p[5] = ':';
    memcpy(p + 6, cli_digit_pairs + 2 * f, 2);
    return p + 8;
}

/** "MM:SS:FF" of an LBA, like tocex_lba_format_msf ("--:--:--" outside the MSF range). */
static inline char *cli_fmt_lba_msf(char *p, int32_t lba)
{
    /* tocex_lba_to_msf's range and offsets (the minutes stay below 100) */
    uint32_t frames, seconds;
    if (lba < TOCEX_LBA_MIN || lba > TOCEX_LBA_MAX_MSF)
        return CLI_FMT_LITERAL(p, "--:--:--");
    frames = (uint32_t)(lba >= -TOCEX_MSF_OFFSET ? lba + TOCEX_MSF_OFFSET : lba + TOCEX_LEADIN_OFFSET);
    seconds = frames / 75;
    return cli_fmt_msf_small(p, seconds / 60, seconds % 60, frames - seconds * 75);
}

/** A length in frames as "MM:SS:FF" ("%02ld:%02ld:%02ld" of minutes, seconds, frames), "-" when
 *  negative. */
static inline char *cli_fmt_frames_msf(char *p, int32_t frames)
{
    if (frames < 0) {
        *p++ = '-';
        return p;
    }
    if (frames < 100 * 4500) {
        uint32_t seconds = (uint32_t)frames / 75;
        return cli_fmt_msf_small(p, seconds / 60, seconds % 60, (uint32_t)frames - seconds * 75);
    }
    p = cli_fmt_2digits(p, (unsigned long)(frames / 4500));
    *p++ = ':';
    p = cli_fmt_2digits(p, (unsigned long)(frames / 75 % 60));
    *p++ = ':';
    return cli_fmt_2digits(p, (unsigned long)(frames % 75));
}

#endif
