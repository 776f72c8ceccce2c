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
 * are written with them. This file depends on nothing else of the program. */
#ifndef TOCEX_CLI_FMT_H
#define TOCEX_CLI_FMT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define CLI_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF_LIKE(f, a)
/** Longest text of cli_fmt_lba_msf and cli_fmt_frames_msf. */
#define CLI_FMT_LBA_MSF_MAX 11
#define CLI_FMT_FRAMES_MSF_MAX 24

/** "MM:SS:FF" of an LBA, like tocex_lba_format_msf ("--:--:--" outside the MSF range). */
char *cli_fmt_lba_msf(char *p, int32_t lba);
/** A length in frames as "MM:SS:FF" ("%02ld:%02ld:%02ld" of minutes, seconds, frames), "-" when
 *  negative. */
char *cli_fmt_frames_msf(char *p, int32_t frames);

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
/** Longest text of cli_fmt_lba_msf and cli_fmt_frames_msf. */
#define CLI_FMT_LBA_MSF_MAX 11
#define CLI_FMT_FRAMES_MSF_MAX 24

/** "MM:SS:FF" of an LBA, like tocex_lba_format_msf ("--:--:--" outside the MSF range). */
char *cli_fmt_lba_msf(char *p, int32_t lba);
/** A length in frames as "MM:SS:FF" ("%02ld:%02ld:%02ld" of minutes, seconds, frames), "-" when
 *  negative. */
char *cli_fmt_frames_msf(char *p, int32_t frames);

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
/** Longest text of cli_fmt_lba_msf and cli_fmt_frames_msf. */
#define CLI_FMT_LBA_MSF_MAX 11
#define CLI_FMT_FRAMES_MSF_MAX 24

/** "MM:SS:FF" of an LBA, like tocex_lba_format_msf ("--:--:--" outside the MSF range). */
char *cli_fmt_lba_msf(char *p, int32_t lba);
/** A length in frames as "MM:SS:FF" ("%02ld:%02ld:%02ld" of minutes, seconds, frames), "-" when
 *  negative. */
char *cli_fmt_frames_msf(char *p, int32_t frames);

#endif

/** Decimal digits of v ending at `end`; returns where they start (at most 20 bytes before). */
static inline char *cli_fmt_digits(char *end, uintmax_t v)
{
    if (v <= UINT32_MAX) {
        /* 32-bit division is cheaper; the values printed are nearly always this small */
        uint32_t w = (uint32_t)v;
        while (w >= 100) {
            uint32_t r = w % 100;
            w /= 100;
            end -= 2;
            memcpy(end, cli_digit_pairs + 2 * r, 2);
        }
        v = w;
    } else
        while (v >= 100) {
            unsigned r = (unsigned)(v % 100);
            v /= 100;
            end -= 2;
            memcpy(end, cli_digit_pairs + 2 * r, 2);
        }
    if (v >= 10) {
        end -= 2;
        memcpy(end, cli_digit_pairs + 2 * v, 2);
    } else
        *--end = (char)('0' + v);
    return end;
}

/** "%*ld": v right-justified in `width` (at most width + 20 bytes). */
static inline char *cli_fmt_long(char *p, long v, size_t width)
{
    char digits[24], *end = digits + sizeof digits;
    char *d = cli_fmt_digits(end, v < 0 ? 0u - (unsigned long)v : (unsigned long)v);
    size_t n;
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

/** "MM:SS:FF" of an LBA, like tocex_lba_format_msf ("--:--:--" outside the MSF range). */
char *cli_fmt_lba_msf(char *p, int32_t lba);
/** A length in frames as "MM:SS:FF" ("%02ld:%02ld:%02ld" of minutes, seconds, frames), "-" when
 *  negative. */
char *cli_fmt_frames_msf(char *p, int32_t frames);

#endif
