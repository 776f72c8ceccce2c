/* The program's text formatting (tools/tocex/fmt.c) against the C library's vsnprintf, and its
 * buffered output (tools/tocex/out.c). The formatter promises glibc's results for every
 * conversion it handles, so the reference is vsnprintf itself: seeded random conversions with
 * every flag, width, precision and length modifier, edge values, long strings and truncating
 * buffer sizes, compared byte for byte (canary bytes after the buffer included). */
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "fmt.h"
#include "out.h"
#include "tocex/addr.h"

/* The formats here are made at run time on purpose. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif

#define BIG (150 * 1024)
#define CANARY 0xA5

static char want_buf[BIG + 64], got_buf[BIG + 64];
static unsigned long comparisons;

/* One format and argument list through vsnprintf and cli_vsnformat with a buffer of `size`. */
static void compare_v(size_t size, const char *fmt, va_list ap)
{
    va_list ap2;
    int want, got, want_errno, got_errno;
    assert_true(size <= BIG);
    memset(want_buf, CANARY, size + 64);
    memset(got_buf, CANARY, size + 64);
    va_copy(ap2, ap);
    errno = 0;
    want = vsnprintf(want_buf, size, fmt, ap);
    want_errno = errno;
    errno = 0;
    got = cli_vsnformat(got_buf, size, fmt, ap2);
    got_errno = errno;
    va_end(ap2);
    comparisons++;
    if (want != got || memcmp(want_buf, got_buf, size + 64) != 0) {
        size_t show = want > 0 && (size_t)want < size ? (size_t)want : (size > 0 ? size - 1 : 0);
        fail_msg("format \"%s\" size %zu: vsnprintf %d \"%.*s\", cli_vsnformat %d \"%.*s\"", fmt, size, want,
                 (int)(show > 200 ? 200 : show), want_buf, got, (int)(show > 200 ? 200 : show), got_buf);
    }
    if (want < 0)
        assert_int_equal(want_errno, got_errno);
}

/* The same at the full size and at sizes that cut the text. */
static void compare(const char *fmt, ...)
{
    va_list ap;
    int n;
    size_t sizes[7];
    size_t count = 0;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n + 1 > BIG) {
        sizes[count++] = 0;
        sizes[count++] = 1;
        sizes[count++] = 40;
    } else {
        size_t len = (size_t)n;
        sizes[count++] = len + 1;
        sizes[count++] = len + 20 < BIG ? len + 20 : BIG;
        sizes[count++] = len;
        sizes[count++] = len / 2;
        sizes[count++] = 0;
        sizes[count++] = 1;
        sizes[count++] = len > 3 ? len - 3 : 2;
    }
    for (size_t i = 0; i < count; i++) {
        va_start(ap, fmt);
        compare_v(sizes[i], fmt, ap);
        va_end(ap);
    }
}

/* ---- random single conversions ---- */

typedef enum {
    A_NONE,
    A_INT,
    A_UINT,
    A_LONG,
    A_ULONG,
    A_LLONG,
    A_ULLONG,
    A_SIZE,
    A_SSIZE,
    A_PTRDIFF,
    A_INTMAX,
    A_UINTMAX,
    A_STR,
    A_DOUBLE,
    A_LDOUBLE,
    A_PTR
} arg_kind;

typedef struct conv_def {
    const char *text; /* length modifier and conversion */
    arg_kind kind;
} conv_def;

static const conv_def convs[] = {
    {"d", A_INT},       {"i", A_INT},        {"hhd", A_INT},      {"hd", A_INT},       {"ld", A_LONG},
    {"lld", A_LLONG},   {"zd", A_SSIZE},     {"jd", A_INTMAX},    {"td", A_PTRDIFF},   {"hhi", A_INT},
    {"li", A_LONG},     {"u", A_UINT},       {"hhu", A_UINT},     {"hu", A_UINT},      {"lu", A_ULONG},
    {"llu", A_ULLONG},  {"zu", A_SIZE},      {"ju", A_UINTMAX},   {"tu", A_PTRDIFF},   {"x", A_UINT},
    {"X", A_UINT},      {"hhx", A_UINT},     {"hX", A_UINT},      {"lx", A_ULONG},     {"llX", A_ULLONG},
    {"zx", A_SIZE},     {"jX", A_UINTMAX},   {"o", A_UINT},       {"lo", A_ULONG},     {"llo", A_ULLONG},
    {"hho", A_UINT},    {"c", A_INT},        {"s", A_STR},        {"s", A_STR},        {"s", A_STR},
    {"f", A_DOUBLE},    {"F", A_DOUBLE},     {"e", A_DOUBLE},     {"E", A_DOUBLE},     {"g", A_DOUBLE},
    {"G", A_DOUBLE},    {"a", A_DOUBLE},     {"A", A_DOUBLE},     {"Lf", A_LDOUBLE},   {"Lg", A_LDOUBLE},
    {"p", A_PTR},       {"%", A_NONE},
};

typedef struct args {
    bool star_width, star_prec;
    int width, prec;
    arg_kind kind;
    long long s;
    unsigned long long u;
    const char *str;
    double d;
    long double ld;
    void *ptr;
} args;

static char long_text[100 * 1024];

static long long pick_signed(uint64_t *rng)
{
    static const long long edges[] = {0,          1,         -1,        9,         10,        -10,      99,
                                      100,        -100,      127,       128,       -128,      255,      256,
                                      32767,      -32768,    65535,     65536,     INT_MAX,   INT_MIN,  LONG_MAX,
                                      LONG_MIN,   LLONG_MAX, LLONG_MIN, 297150,    -45150,    404849,   -451150};
    switch (tu_rand(rng) % 4) {
    case 0: return edges[tu_rand(rng) % (sizeof edges / sizeof edges[0])];
    case 1: return (long long)(tu_rand(rng) % 1000) - 500;
    case 2: return (long long)tu_rand(rng);
    default: return (long long)(int32_t)tu_rand(rng);
    }
}

static const char *pick_string(uint64_t *rng, char *scratch, size_t cap)
{
    static const char *fixed[] = {"", "a", "-", "audio", "GBXYZ2600001", "pre-emphasis,copy", "Song 95",
                                  "\xc3\xa9t\xc3\xa9", "tab\there", "0123456789abcdef0123456789"};
    switch (tu_rand(rng) % 5) {
    case 0:
    case 1: return fixed[tu_rand(rng) % (sizeof fixed / sizeof fixed[0])];
    case 2: {
        size_t n = (size_t)tu_rand_range(rng, 0, (long)cap - 1);
        for (size_t i = 0; i < n; i++)
            scratch[i] = (char)tu_rand_range(rng, 1, 255);
        scratch[n] = '\0';
        return scratch;
    }
    case 3: return long_text + sizeof long_text - 1 - (size_t)tu_rand_range(rng, 0, 5000);
    default: return long_text + sizeof long_text - 1 - (size_t)tu_rand_range(rng, 5000, 70000);
    }
}

static double pick_double(uint64_t *rng)
{
    static const double edges[] = {0.0, -0.0, 1.0, -1.5, 0.05, 0.25, 2.5, 1e300, -1e-300, 123456789.125, 566.2, 1e16};
    switch (tu_rand(rng) % 3) {
    case 0: return edges[tu_rand(rng) % (sizeof edges / sizeof edges[0])];
    case 1: return (double)(int32_t)tu_rand(rng) / 64.0;
    default: return (double)tu_rand(rng) * 1e-10;
    }
}

/* Call compare with the arguments the format takes ('*' values first). */
#define WITH_STARS(fmt, a, value)                                                                                     \
    do {                                                                                                             \
        if ((a)->star_width && (a)->star_prec)                                                                       \
            compare(fmt, (a)->width, (a)->prec, value);                                                              \
        else if ((a)->star_width)                                                                                    \
            compare(fmt, (a)->width, value);                                                                         \
        else if ((a)->star_prec)                                                                                     \
            compare(fmt, (a)->prec, value);                                                                          \
        else                                                                                                         \
            compare(fmt, value);                                                                                     \
    } while (0)

static void run_one(const char *fmt, const args *a)
{
    switch (a->kind) {
    case A_NONE: compare(fmt); break;
    case A_INT: WITH_STARS(fmt, a, (int)a->s); break;
    case A_UINT: WITH_STARS(fmt, a, (unsigned)a->u); break;
    case A_LONG: WITH_STARS(fmt, a, (long)a->s); break;
    case A_ULONG: WITH_STARS(fmt, a, (unsigned long)a->u); break;
    case A_LLONG: WITH_STARS(fmt, a, a->s); break;
    case A_ULLONG: WITH_STARS(fmt, a, a->u); break;
    case A_SIZE: WITH_STARS(fmt, a, (size_t)a->u); break;
    case A_SSIZE: WITH_STARS(fmt, a, (ssize_t)a->s); break;
    case A_PTRDIFF: WITH_STARS(fmt, a, (ptrdiff_t)a->s); break;
    case A_INTMAX: WITH_STARS(fmt, a, (intmax_t)a->s); break;
    case A_UINTMAX: WITH_STARS(fmt, a, (uintmax_t)a->u); break;
    case A_STR: WITH_STARS(fmt, a, a->str); break;
    case A_DOUBLE: WITH_STARS(fmt, a, a->d); break;
    case A_LDOUBLE: WITH_STARS(fmt, a, a->ld); break;
    case A_PTR: WITH_STARS(fmt, a, a->ptr); break;
    }
}

static bool is_float(char c)
{
    return strchr("fFeEgGaA", c) != NULL;
}

/* Literal text around the conversion: letters, spaces, UTF-8 bytes and "%%". */
static char *random_literal(uint64_t *rng, char *p)
{
    static const char *pieces[] = {"", " ", "  ", "x", "LBA ", ":", "%%", "\xc3\xa9", "(", ")\n", "track "};
    long n = tu_rand_range(rng, 0, 3);
    for (long i = 0; i < n; i++) {
        const char *s = pieces[tu_rand(rng) % (sizeof pieces / sizeof pieces[0])];
        size_t len = strlen(s);
        memcpy(p, s, len);
        p += len;
    }
    return p;
}

static void test_random_conversions(void **state)
{
    uint64_t rng = 0x5eed0001u;
    char scratch[64];
    (void)state;
    for (size_t i = 0; i < sizeof long_text - 1; i++)
        long_text[i] = (char)('a' + i % 26);
    for (int iter = 0; iter < 150000; iter++) {
        const conv_def *c = &convs[tu_rand(&rng) % (sizeof convs / sizeof convs[0])];
        char conv = c->text[strlen(c->text) - 1];
        char fmt[128], *p = fmt;
        args a;
        memset(&a, 0, sizeof a);
        a.kind = c->kind;
        p = random_literal(&rng, p);
        *p++ = '%';
        if (conv != '%') {
            /* flags, in any order and repeated; '#' only where C defines it */
            long nflags = tu_rand_range(&rng, 0, 3);
            for (long k = 0; k < nflags; k++) {
                char f = "-0+ #"[tu_rand(&rng) % 5];
                if (f == '#' && !(conv == 'o' || conv == 'x' || conv == 'X' || is_float(conv)))
                    f = '-';
                if (f == '0' && conv == 'p')
                    f = ' ';
                *p++ = f;
            }
            switch (tu_rand(&rng) % 5) {
            case 0:
            case 1: break;
            case 2: p += sprintf(p, "%d", (int)tu_rand_range(&rng, 0, 40)); break;
            case 3: p += sprintf(p, "%d", (int)tu_rand_range(&rng, 1, 9)); break;
            default:
                *p++ = '*';
                a.star_width = true;
                a.width = (int)tu_rand_range(&rng, -30, 30);
                break;
            }
            if (conv != 'c' && conv != 'p') {
                switch (tu_rand(&rng) % 6) {
                case 0:
                case 1:
                case 2: break;
                case 3: *p++ = '.'; break;
                case 4: p += sprintf(p, ".%d", (int)tu_rand_range(&rng, 0, 30)); break;
                default:
                    p += sprintf(p, ".*");
                    a.star_prec = true;
                    a.prec = (int)tu_rand_range(&rng, -5, 30);
                    break;
                }
            }
        }
        p += sprintf(p, "%s", c->text);
        p = random_literal(&rng, p);
        *p = '\0';
        a.s = pick_signed(&rng);
        a.u = (unsigned long long)pick_signed(&rng);
        if (conv == 'c')
            a.s = tu_rand_range(&rng, 0, 300);
        a.str = pick_string(&rng, scratch, sizeof scratch);
        a.d = pick_double(&rng);
        a.ld = (long double)pick_double(&rng) * 3;
        a.ptr = tu_rand(&rng) % 4 == 0 ? NULL : (void *)(uintptr_t)tu_rand(&rng);
        run_one(fmt, &a);
    }
    print_message("%lu comparisons\n", comparisons);
}

/* ---- fixed cases ---- */

static void test_edges(void **state)
{
    (void)state;
    compare("");
    compare("plain text, no conversion\n");
    compare("%%");
    compare("100%% %s%%", "sure");
    compare("%d %d %d", INT_MIN, INT_MAX, 0);
    compare("%ld|%20ld|%-20ld|%020ld|%+ld|% ld", LONG_MIN, LONG_MIN, LONG_MIN, LONG_MIN, LONG_MAX, LONG_MAX);
    compare("%lld %llu %llx %llo", LLONG_MIN, ULLONG_MAX, ULLONG_MAX, ULLONG_MAX);
    compare("%jd %ju %zu %zd %td", INTMAX_MIN, UINTMAX_MAX, SIZE_MAX, (ssize_t)-1, (ptrdiff_t)PTRDIFF_MIN);
    compare("%hhd %hhu %hd %hu", 300, 300u, 70000, 70000u);
    compare("%hhd %hd", -129, -32769);
    compare("%.0d|%.0u|%.0x|%#.0o|%#x|%#o|%+.0d|% .0d|%5.0d|%-5.0d|", 0, 0u, 0u, 0u, 0u, 0u, 0, 0, 0, 0);
    compare("%#x %#X %#o %#5x %#-8X| %#08x %#.5o", 255u, 255u, 8u, 1u, 1u, 1u, 1u);
    compare("%08.3d|%-08d|%08d|%+08d|% 08d", -5, -5, -5, 5, 5);
    compare("%05s|%05c|%-05c|%5c|%-5c|", "ab", 'c', 'd', 'e', 'f');
    compare("%s|%.3s|%.0s|%10.2s|%-10.2s|", "", "abcdef", "abc", "abc", "abc");
    compare("%.*s|%.*s|%*s|%-*s|%*s|", 2, "abcdef", -1, "abcdef", 6, "ab", 6, "ab", -6, "ab");
    compare("%*d|%*d|%-*d|%.*d|%.*d", 8, 42, -8, 42, 8, 42, 5, 42, -3, 42);
    compare("%c%c%c", 'a', 0, 'b');
    compare("%02u:%02u:%02u %02X %02x %04X %08X", 1u, 2u, 75u, 0xABu, 0xCDu, 0x12u, 0xDEADBEEFu);
    compare("%.1f MiB %e %g %a %10.3f %-10.2e| %+g % g", 566.2, 1e-5, 0.0001, 1.0, 3.14159, -2.5, 1.0, 1.0);
    compare("%f %f %f %F", HUGE_VAL, -HUGE_VAL, NAN, NAN);
    compare("%Lf %.3Le", 1.5L, 2.25L);
    compare("%p %p %20p %-20p|", (void *)0, (void *)0x1234, (void *)0x1234, (void *)0x1234);
    compare("%.400f", 1.0);    /* longer than the formatter's own buffer for snprintf's help */
    compare("%300.1f|", 2.0);
#if defined(__GLIBC__)
    compare("%s|%.3s|%10s", (char *)NULL, (char *)NULL, (char *)NULL);
#endif
}

static void test_long_strings(void **state)
{
    static char s[80000];
    (void)state;
    memset(s, 'x', sizeof s - 1);
    s[sizeof s - 1] = '\0';
    compare("%s", s);
    compare("<%s>%s<%s>", s + 70000, s + 79000, s);
    compare("%-75000s|", "short");
    compare("%75000d|", -7);
    compare("%.70000d|", 7);
    compare("%.12345s", s);
}

static void test_program_formats(void **state)
{
    (void)state;
    compare("  %5u %4u  %9ld  %s  %s  %10ld  %-5s  %-11s  %-12s  %s\n", 1u, 1u, 0L, "00:02:00", "00:42:00", 3150L,
            "audio", "audio", "-", "GBXYZ2600001");
    compare("%s  %-9s %-11s %s\n", "  ", "track 95", "TITLE", "Song 95");
    compare("  %4u %3u %4u %3u   %02X   %02u:%02u:%02u  %4u  %02u:%02u:%02u  %s\n", 1u, 1u, 4u, 0u, 0xA0u, 0u, 0u, 0u,
            0u, 1u, 0u, 0u, "first track 1, disc type 00h (CD-DA or CD-ROM)");
    compare("track:%4u lba: %9ld (%9ld) %s adr: %u control: %u mode: %d\n", 12u, 33150L, 132600L, "07:24:00", 1u, 0u,
            -1);
    compare("%sAccurateRip   %03u-%s-%s-%s   %s\n", "  ", 99u, "00e2d1d2", "3ba4d1c7", "5b0f7a63", "rule");
    compare("%02x%c", 0xabu, '\n');
    compare("%-12s %-10s %-8s %-16s %-4s  %s%s%s\n", "/dev/sr0", "/dev/sg1", "ASUS", "DRW-24D5MT", "1.00",
            "CD-ROM (profile 0008h)", "  ", "note");
}

static void test_refused(void **state)
{
    char buf[16];
    int n = 0;
    /* at run time: the compiler itself refuses the overflowing widths */
    const char *volatile star = "%*d", *volatile wide = "%2147483648d", *volatile twice = "%2147483647d%2147483647d";
    (void)state;
    errno = 0;
    assert_int_equal(cli_snformat(buf, sizeof buf, "ab%n", &n), -1);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_int_equal(cli_snformat(buf, sizeof buf, "%ls", L"w"), -1);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_int_equal(cli_snformat(buf, sizeof buf, star, INT_MIN, 1), -1);
    assert_int_equal(errno, EOVERFLOW);
    errno = 0;
    assert_int_equal(cli_snformat(buf, sizeof buf, wide, 1), -1);
    assert_int_equal(errno, EOVERFLOW);
    errno = 0;
    assert_int_equal(cli_snformat(buf, sizeof buf, twice, 1, 1), -1);
    assert_int_equal(errno, EOVERFLOW);
}

/* ---- in-place primitives ---- */

static void test_primitives(void **state)
{
    uint64_t rng = 0x5eed0002u;
    char want[160], got[160], src[64];
    (void)state;
    for (int iter = 0; iter < 100000; iter++) {
        long v = (long)pick_signed(&rng);
        size_t width = (size_t)tu_rand_range(&rng, 0, 30), n = (size_t)tu_rand_range(&rng, 0, 40);
        int wn;
        char *end;
        for (size_t i = 0; i < n; i++)
            src[i] = (char)tu_rand_range(&rng, 'A', 'z');
        src[n] = '\0';

        wn = snprintf(want, sizeof want, "%*ld", (int)width, v);
        end = cli_fmt_long(got, v, width);
        assert_int_equal(end - got, wn);
        assert_memory_equal(got, want, (size_t)wn);

        wn = snprintf(want, sizeof want, "%-*s", (int)width, src);
        end = cli_fmt_left(got, src, width);
        assert_int_equal(end - got, wn);
        assert_memory_equal(got, want, (size_t)wn);

        wn = snprintf(want, sizeof want, "%*s", (int)width, src);
        end = cli_fmt_right(got, src, width);
        assert_int_equal(end - got, wn);
        assert_memory_equal(got, want, (size_t)wn);

        wn = snprintf(want, sizeof want, "%02lu", (unsigned long)v);
        end = cli_fmt_2digits(got, (unsigned long)v);
        assert_int_equal(end - got, wn);
        assert_memory_equal(got, want, (size_t)wn);

        /* copy and fill write exactly n bytes */
        memset(got, CANARY, sizeof got);
        end = cli_fmt_copy(got + 1, src, n);
        assert_ptr_equal(end, got + 1 + n);
        assert_memory_equal(got + 1, src, n);
        assert_int_equal((unsigned char)got[0], CANARY);
        assert_int_equal((unsigned char)got[n + 1], CANARY);
        memset(got, CANARY, sizeof got);
        end = cli_fmt_fill(got + 1, '#', n);
        assert_ptr_equal(end, got + 1 + n);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(got[1 + i], '#');
        assert_int_equal((unsigned char)got[0], CANARY);
        assert_int_equal((unsigned char)got[n + 1], CANARY);
    }
    {
        char *end = tocex_digits_back(want + 30, UINTMAX_MAX);
        snprintf(got, sizeof got, "%ju", UINTMAX_MAX);
        assert_int_equal(want + 30 - end, (long)strlen(got));
        assert_memory_equal(end, got, strlen(got));
    }
}

/* A 32-bit value near the edges of the digit counts (10^k - 1, 10^k, 10^k + 1), or anywhere. */
static uint32_t pick_u32(uint64_t *rng)
{
    static const uint32_t powers[] = {1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u,
                                      1000000000u};
    switch (tu_rand(rng) % 4) {
    case 0: return powers[tu_rand(rng) % 10] + (uint32_t)tu_rand_range(rng, -1, 1);
    case 1: return (uint32_t)tu_rand(rng);
    case 2: return (uint32_t)(tu_rand(rng) % 100000);
    default: return tu_rand(rng) % 8 == 0 ? UINT32_MAX : (uint32_t)(tu_rand(rng) % 1000);
    }
}

/* The writers of numbers added for the rows: digits in tiers, counts, widths, hex. */
static void test_number_writers(void **state)
{
    uint64_t rng = 0x5eed0006u;
    char want[64], got[64];
    (void)state;
    for (int iter = 0; iter < 300000; iter++) {
        uint32_t v = pick_u32(&rng);
        uintmax_t big = tu_rand(&rng) % 2 == 0 ? (uintmax_t)v : (uintmax_t)tu_rand(&rng) * (tu_rand(&rng) % 3);
        size_t width = (size_t)tu_rand_range(&rng, 0, 16);
        int wn;
        char *end, *start;

        wn = snprintf(want, sizeof want, "%u", v);
        assert_int_equal(tocex_digit_count(v), (size_t)wn);
        memset(got, CANARY, sizeof got);
        end = cli_fmt_u32(got, v);
        assert_int_equal(end - got, wn);
        assert_memory_equal(got, want, (size_t)wn);
        assert_int_equal((unsigned char)got[wn], CANARY);

        /* right-justified: at most 16 bytes written */
        wn = snprintf(want, sizeof want, "%*u", (int)width, v);
        memset(got, CANARY, sizeof got);
        end = cli_fmt_u32_right(got, v, width);
        assert_int_equal(end - got, wn);
        assert_memory_equal(got, want, (size_t)wn);
        assert_int_equal((unsigned char)got[wn > 16 ? wn : 16], CANARY);

        wn = snprintf(want, sizeof want, "%ju", big);
        end = cli_fmt_uint(got, big);
        assert_int_equal(end - got, wn);
        assert_memory_equal(got, want, (size_t)wn);

        memset(got, CANARY, sizeof got);
        start = tocex_digits_back(got + 40, big);
        assert_int_equal(got + 40 - start, wn);
        assert_memory_equal(start, want, (size_t)wn);
        assert_int_equal((unsigned char)got[40], CANARY);

        snprintf(want, sizeof want, "%02X|%02x", v & 0xFF, v & 0xFF);
        end = cli_fmt_hex2(got, v & 0xFF, 1);
        *end++ = '|';
        end = cli_fmt_hex2(end, v & 0xFF, 0);
        assert_int_equal(end - got, 5);
        assert_memory_equal(got, want, 5);
    }
}

/* The MSF writers of the track table against the library and "%02ld:%02ld:%02ld". */
static void test_msf_writers(void **state)
{
    char want[32], got[32];
    (void)state;
    for (int32_t lba = -460000; lba <= 410000; lba++) {
        char *end = cli_fmt_lba_msf(got, lba);
        tocex_lba_format_msf(lba, want, sizeof want);
        assert_true(end - got <= CLI_FMT_LBA_MSF_MAX);
        *end = '\0';
        assert_string_equal(got, want);
    }
    for (int i = 0; i < 2000000; i += (i < 400000 ? 1 : 997)) {
        int32_t frames = i < 1900000 ? i : INT32_MAX - (i - 1900000);
        char *end = cli_fmt_frames_msf(got, frames);
        assert_true(end - got <= CLI_FMT_FRAMES_MSF_MAX);
        *end = '\0';
        snprintf(want, sizeof want, "%02ld:%02ld:%02ld", (long)(frames / 4500), (long)(frames / 75 % 60),
                 (long)(frames % 75));
        assert_string_equal(got, want);
    }
    *cli_fmt_frames_msf(got, -1) = '\0';
    assert_string_equal(got, "-");
    *cli_fmt_frames_msf(got, INT32_MIN) = '\0';
    assert_string_equal(got, "-");
}

/* ---- buffered output ---- */

/* The same text through a cli_out and into an expected buffer. */
#define SCRIPT_MAX (8u * 1024 * 1024)

typedef struct script {
    char *want;
    size_t len;
} script;

static void want_printf(script *s, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(s->want + s->len, SCRIPT_MAX - s->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && s->len + (size_t)n < SCRIPT_MAX);
    s->len += (size_t)n;
}

static void run_script(cli_out *o, script *s, uint64_t seed)
{
    uint64_t rng = seed;
    static char big[100000];
    memset(big, 'b', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    for (int i = 0; i < 3000; i++) {
        switch (tu_rand(&rng) % 7) {
        case 0: {
            long v = (long)pick_signed(&rng);
            cli_printf(o, "row %5d %-8s|%ld\n", i, "name", v);
            want_printf(s, "row %5d %-8s|%ld\n", i, "name", v);
            break;
        }
        case 1: {
            char *p = cli_out_reserve(o, 64);
            long v = (long)pick_signed(&rng);
            p = CLI_FMT_LITERAL(p, "  ");
            p = cli_fmt_long(p, v, 9);
            p = cli_fmt_left(p, "x", 5);
            *p++ = '\n';
            cli_out_commit(o, p);
            want_printf(s, "  %9ld%-5s\n", v, "x");
            break;
        }
        case 2:
            cli_putc(o, (char)('a' + i % 26));
            want_printf(s, "%c", 'a' + i % 26);
            break;
        case 3:
            if (i % 2 == 0) {
                cli_puts(o, "puts text ");
                want_printf(s, "puts text ");
            } else {
                size_t n = (size_t)tu_rand_range(&rng, 0, 5000);
                CLI_PUTS(o, "several ", big + sizeof big - 1 - n, "", " strings\n");
                want_printf(s, "several %s strings\n", big + sizeof big - 1 - n);
            }
            break;
        case 4:
            if (tu_rand(&rng) % 40 == 0) {
                /* longer than the stdout buffer, formatted and written */
                size_t n = (size_t)tu_rand_range(&rng, 60000, (long)sizeof big - 1);
                cli_printf(o, "[%s]", big + sizeof big - 1 - n);
                want_printf(s, "[%s]", big + sizeof big - 1 - n);
            }
            break;
        case 5:
            if (tu_rand(&rng) % 40 == 0) {
                size_t n = (size_t)tu_rand_range(&rng, 1, (long)sizeof big - 1);
                cli_write(o, big, n);
                memcpy(s->want + s->len, big, n);
                s->len += n;
            }
            break;
        default: {
            size_t n = (size_t)tu_rand_range(&rng, 0, 3000);
            cli_printf(o, "%.*s\n", (int)n, big);
            want_printf(s, "%.*s\n", (int)n, big);
            break;
        }
        }
        assert_true(s->len < SCRIPT_MAX - 200000);
    }
}

static void test_memory_output(void **state)
{
    cli_out o;
    script s = {malloc(SCRIPT_MAX), 0};
    (void)state;
    assert_non_null(s.want);
    cli_out_memory(&o);
    run_script(&o, &s, 0x5eed0003u);
    assert_false(o.failed);
    assert_int_equal(o.len, s.len);
    assert_memory_equal(o.buf, s.want, s.len);
    assert_int_equal(cli_out_flush(&o), 0); /* a memory output stays where it is */
    assert_int_equal(o.len, s.len);
    cli_out_free(&o);
    assert_null(o.buf);
    free(s.want);
}

static void test_stdout_output(void **state)
{
    const char *path = tu_tmp_path("stdout.txt");
    script s = {malloc(SCRIPT_MAX), 0};
    int fd, saved;
    size_t len;
    uint8_t *data;
    (void)state;
    assert_non_null(s.want);
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
    close(fd);
    cli_out_stdout_reset();
    run_script(CLI_STDOUT, &s, 0x5eed0004u);
    assert_int_equal(cli_out_flush(CLI_STDOUT), 0);
    assert_int_equal(fflush(stdout), 0);
    assert_int_equal(CLI_STDOUT->len, 0);
    assert_int_equal(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
    close(saved);
    data = tu_read_file(path, &len);
    assert_non_null(data);
    assert_int_equal(len, s.len);
    assert_memory_equal(data, s.want, s.len);
    free(data);
    free(s.want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_conversions), cmocka_unit_test(test_edges),
        cmocka_unit_test(test_long_strings),       cmocka_unit_test(test_program_formats),
        cmocka_unit_test(test_refused),            cmocka_unit_test(test_primitives),
        cmocka_unit_test(test_msf_writers),        cmocka_unit_test(test_number_writers),
        cmocka_unit_test(test_memory_output),      cmocka_unit_test(test_stdout_output),
    };
    return cmocka_run_group_tests(tests, tu_tmpdir_setup, tu_tmpdir_teardown);
}
