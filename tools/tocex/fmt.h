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
#include "util/digits.h"

#if defined(__GNUC__)
#define CLI_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF_LIKE(f, a)
#endif

int cli_vsnformat(char *buf, size_t size, const char *fmt, va_list ap) CLI_PRINTF_LIKE(3, 0);
int cli_snformat(char *buf, size_t size, const char *fmt, ...) CLI_PRINTF_LIKE(3, 4);

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

/** "%u": the digits of v (at most 10 bytes). */
static inline char *cli_fmt_u32(char *p, uint32_t v)
{
    return p + tocex_digits_u32(p, v);
}

/** "%ju": the digits of v (at most 20 bytes). */
static inline char *cli_fmt_uint(char *p, uintmax_t v)
{
    return p + tocex_digits_uint(p, v);
}

/** "%*u" for a width of at most 16: v right-justified (at most 16 bytes are written, width or
 *  the digits returned). */
static inline char *cli_fmt_u32_right(char *p, uint32_t v, size_t width)
{
    size_t n;
    if (width >= 1 && (width >= 10 || v < tocex_pow10[width])) {
        /* the digits fit: one 16-byte store of spaces, then the digits over its end */
        memcpy(p, "                ", 16);
        tocex_digits_back(p + width, v);
        return p + width;
    }
    n = tocex_digit_count(v);
    tocex_digits_back(p + n, v);
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
    d = tocex_digits_back(end, v < 0 ? 0u - (unsigned long)v : (unsigned long)v);
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
        memcpy(p, tocex_digit_pairs + 2 * v, 2);
        return p + 2;
    }
    d = tocex_digits_back(end, v);
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
    tocex_digits_msf(p, m, s, f);
    return p + 8;
}

/** "MM:SS:FF" of an LBA, as tocex_lba_format_msf writes it ("--:--:--" outside the MSF range). */
static inline char *cli_fmt_lba_msf(char *p, int32_t lba)
{
    tocex_digits_lba_msf(p, lba);
    return p + TOCEX_DIGITS_LBA_MSF_MAX;
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
