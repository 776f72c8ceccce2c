/* tocex program: a printf-compatible formatter (see fmt.h). Results equal glibc's vsnprintf
 * for every supported conversion, including the corners C leaves to the implementation
 * ('0' with %s/%c pads with spaces, "(null)" for a NULL %s). */
#include "fmt.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tocex/addr.h"

enum { F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16 };
enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T, LEN_LONG_DOUBLE };

#if defined(__GNUC__)
#define FMT_INLINE static inline __attribute__((always_inline))
#else
#define FMT_INLINE static inline
#endif

/* The text goes to [p, lim); what does not fit is only counted. Every helper is inlined into
 * cli_vsnformat so that the sink stays in registers. */
typedef struct sink {
    char *p;
    char *lim;
    size_t over;
} sink;

FMT_INLINE void put(sink *k, const char *s, size_t n)
{
    size_t room = (size_t)(k->lim - k->p);
    if (n > room) {
        k->over += n - room;
        n = room;
    }
    k->p = cli_fmt_copy(k->p, s, n);
}

FMT_INLINE void pad(sink *k, char c, size_t n)
{
    size_t room = (size_t)(k->lim - k->p);
    if (n > room) {
        k->over += n - room;
        n = room;
    }
    k->p = cli_fmt_fill(k->p, c, n);
}

/* d i u o x X: sign or 0x prefix, precision zeros, width padding. */
FMT_INLINE void put_integer(sink *k, uintmax_t v, bool negative, unsigned flags, size_t width, int prec, char conv)
{
    char digits[32], prefix[2];
    char *end = digits + sizeof digits, *d;
    size_t plen = 0, dlen, zeros, body, fill;

    if (conv == 'x' || conv == 'X') {
        const char *hex = conv == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        d = end;
        if ((flags & F_ALT) != 0 && v != 0) {
            prefix[0] = '0';
            prefix[1] = conv;
            plen = 2;
        }
        do {
            *--d = hex[v & 15];
            v >>= 4;
        } while (v != 0);
    } else if (conv == 'o') {
        d = end;
        do {
            *--d = (char)('0' + (v & 7));
            v >>= 3;
        } while (v != 0);
    } else {
        d = tocex_digits_back(end, v);
        if (conv == 'd' || conv == 'i') {
            if (negative)
                prefix[plen++] = '-';
            else if ((flags & F_PLUS) != 0)
                prefix[plen++] = '+';
            else if ((flags & F_SPACE) != 0)
                prefix[plen++] = ' ';
        }
    }
    dlen = (size_t)(end - d);
    if (prec == 0 && dlen == 1 && *d == '0')
        dlen = 0; /* "%.0d" of 0 prints no digits */
    zeros = prec > 0 && (size_t)prec > dlen ? (size_t)prec - dlen : 0;
    if (conv == 'o' && (flags & F_ALT) != 0 && zeros == 0 && (dlen == 0 || *d != '0'))
        zeros = 1; /* '#' makes the first octal digit a 0 */
    body = plen + zeros + dlen;
    fill = width > body ? width - body : 0;
    if ((flags & F_LEFT) == 0) {
        if ((flags & F_ZERO) != 0 && prec < 0)
            zeros += fill;
        else
            pad(k, ' ', fill);
        fill = 0;
    }
    put(k, prefix, plen);
    pad(k, '0', zeros);
    put(k, end - dlen, dlen);
    pad(k, ' ', fill);
}

FMT_INLINE void put_text(sink *k, const char *s, size_t n, unsigned flags, size_t width)
{
    size_t fill = width > n ? width - n : 0;
    if ((flags & F_LEFT) == 0)
        pad(k, ' ', fill);
    put(k, s, n);
    if ((flags & F_LEFT) != 0)
        pad(k, ' ', fill);
}

/* Floating point and %p: rebuild the one conversion and let snprintf do it. */
static int put_by_libc(sink *k, va_list *ap, unsigned flags, size_t width, int prec, int len, char conv)
{
    char spec[64], small[128], *text = small;
    size_t n = 0;
    int r = 0;
    long double ld = 0;
    double dv = 0;
    void *pv = NULL;

    spec[n++] = '%';
    if ((flags & F_LEFT) != 0)
        spec[n++] = '-';
    if ((flags & F_ZERO) != 0)
        spec[n++] = '0';
    if ((flags & F_PLUS) != 0)
        spec[n++] = '+';
    if ((flags & F_SPACE) != 0)
        spec[n++] = ' ';
    if ((flags & F_ALT) != 0)
        spec[n++] = '#';
    if (width > 0) {
        char *w = tocex_digits_back(spec + sizeof spec, width), *e = spec + sizeof spec;
        memmove(spec + n, w, (size_t)(e - w));
        n += (size_t)(e - w);
    }
    if (prec >= 0) {
        char num[16], *e = num + sizeof num, *w = tocex_digits_back(e, (unsigned)prec);
        spec[n++] = '.';
        memcpy(spec + n, w, (size_t)(e - w));
        n += (size_t)(e - w);
    }
    if (len == LEN_LONG_DOUBLE && conv != 'p')
        spec[n++] = 'L';
    spec[n++] = conv;
    spec[n] = '\0';

    if (conv == 'p')
        pv = va_arg(*ap, void *);
    else if (len == LEN_LONG_DOUBLE)
        ld = va_arg(*ap, long double);
    else
        dv = va_arg(*ap, double);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    for (int pass = 0; pass < 2; pass++) {
        size_t cap = pass == 0 ? sizeof small : (size_t)r + 1;
        if (pass == 1 && (text = malloc(cap)) == NULL)
            return -1;
        if (conv == 'p')
            r = snprintf(text, cap, spec, pv);
        else if (len == LEN_LONG_DOUBLE)
            r = snprintf(text, cap, spec, ld);
        else
            r = snprintf(text, cap, spec, dv);
        if (r < 0 || (size_t)r < cap)
            break;
    }
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    if (r >= 0)
        put(k, text, (size_t)r);
    if (text != small)
        free(text);
    return r < 0 ? -1 : 0;
}

/* A width or precision written in the format; false when it exceeds INT_MAX. */
static bool read_number(const char **f, size_t *out)
{
    size_t v = 0;
    const char *s = *f;
    while ((unsigned)(*s - '0') <= 9) {
        v = v * 10 + (size_t)(*s - '0');
        if (v > INT_MAX)
            return false;
        s++;
    }
    *f = s;
    *out = v;
    return true;
}

int cli_vsnformat(char *buf, size_t size, const char *fmt, va_list ap_in)
{
    char nowhere;
    sink k;
    char *start;
    const char *f = fmt;
    size_t total;
    va_list ap;

    if (size == 0)
        k.p = k.lim = &nowhere;
    else {
        k.p = buf;
        k.lim = buf + size - 1;
    }
    start = k.p;
    k.over = 0;
    va_copy(ap, ap_in);
    for (;;) {
        unsigned flags = 0;
        size_t width = 0, n;
        int prec = -1, len = LEN_NONE;
        char c;

        /* literal text up to the next conversion */
        const char *run = f;
        while ((c = *f) != '%' && c != '\0')
            f++;
        put(&k, run, (size_t)(f - run));
        if (c == '\0')
            break;
        c = *++f;
        /* flags (all of them sort at or below '0') */
        while (c <= '0') {
            if (c == '-')
                flags |= F_LEFT;
            else if (c == '0')
                flags |= F_ZERO;
            else if (c == '+')
                flags |= F_PLUS;
            else if (c == ' ')
                flags |= F_SPACE;
            else if (c == '#')
                flags |= F_ALT;
            else
                break;
            c = *++f;
        }
        if (c == '*') {
            int w = va_arg(ap, int);
            if (w < 0) {
                flags |= F_LEFT;
                if (w == INT_MIN)
                    goto overflow;
                w = -w;
            }
            width = (size_t)w;
            c = *++f;
        } else if ((unsigned)(c - '0') <= 9) {
            if (!read_number(&f, &width))
                goto overflow;
            c = *f;
        }
        if (c == '.') {
            c = *++f;
            if (c == '*') {
                int p = va_arg(ap, int);
                prec = p < 0 ? -1 : p;
                c = *++f;
            } else {
                size_t p;
                if (!read_number(&f, &p))
                    goto overflow;
                prec = (int)p;
                c = *f;
            }
        }
        switch (c) {
        case 'h':
            len = f[1] == 'h' ? LEN_HH : LEN_H;
            break;
        case 'l':
            len = f[1] == 'l' ? LEN_LL : LEN_L;
            break;
        case 'z': len = LEN_Z; break;
        case 'j': len = LEN_J; break;
        case 't': len = LEN_T; break;
        case 'L': len = LEN_LONG_DOUBLE; break;
        default: break;
        }
        if (len != LEN_NONE) {
            f += len == LEN_HH || len == LEN_LL ? 2 : 1;
            c = *f;
        }
        f++;

        switch (c) {
        case 's': {
            const char *s;
            if (len != LEN_NONE)
                goto unsupported;
            s = va_arg(ap, const char *);
            if (s == NULL) {
                s = "(null)";
                n = prec < 0 || prec >= 6 ? 6 : 0;
            } else
                n = prec < 0 ? strlen(s) : strnlen(s, (size_t)prec);
            if (width == 0)
                put(&k, s, n);
            else
                put_text(&k, s, n, flags, width);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            uintmax_t v;
            switch (len) {
            case LEN_HH: v = (unsigned char)va_arg(ap, unsigned); break;
            case LEN_H: v = (unsigned short)va_arg(ap, unsigned); break;
            case LEN_L: v = va_arg(ap, unsigned long); break;
            case LEN_LL:
            case LEN_LONG_DOUBLE: v = va_arg(ap, unsigned long long); break;
            case LEN_Z: v = va_arg(ap, size_t); break;
            case LEN_J: v = va_arg(ap, uintmax_t); break;
            case LEN_T: v = (uintmax_t)va_arg(ap, ptrdiff_t); break;
            default: v = va_arg(ap, unsigned); break;
            }
            put_integer(&k, v, false, flags, width, prec, c);
            break;
        }
        case 'd':
        case 'i': {
            intmax_t v;
            switch (len) {
            case LEN_HH: v = (signed char)va_arg(ap, int); break;
            case LEN_H: v = (short)va_arg(ap, int); break;
            case LEN_L: v = va_arg(ap, long); break;
            case LEN_LL:
            case LEN_LONG_DOUBLE: v = va_arg(ap, long long); break;
            case LEN_Z: v = va_arg(ap, ptrdiff_t); break; /* the signed type of size_t's width */
            case LEN_J: v = va_arg(ap, intmax_t); break;
            case LEN_T: v = va_arg(ap, ptrdiff_t); break;
            default: v = va_arg(ap, int); break;
            }
            put_integer(&k, v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v, v < 0, flags, width, prec, 'd');
            break;
        }
        case 'c': {
            char ch;
            if (len != LEN_NONE)
                goto unsupported;
            ch = (char)(unsigned char)va_arg(ap, int);
            put_text(&k, &ch, 1, flags, width);
            break;
        }
        case '%':
            put(&k, "%", 1);
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A':
        case 'p':
            if (put_by_libc(&k, &ap, flags, width, prec, len, c) != 0)
                goto failed;
            break;
        default:
            goto unsupported;
        }
    }
    va_end(ap);
    if (size > 0)
        *k.p = '\0';
    total = (size_t)(k.p - start) + k.over;
    if (total > INT_MAX) {
        errno = EOVERFLOW;
        return -1;
    }
    return (int)total;
overflow:
    va_end(ap);
    errno = EOVERFLOW;
    return -1;
unsupported:
    errno = EINVAL;
failed:
    va_end(ap);
    return -1;
}

int cli_snformat(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = cli_vsnformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
