/* The digit writers of util/digits.h and the disc-ID formatters against snprintf: every function over seeded random values of
 * every magnitude, and the cut-as-snprintf appends over every buffer size. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "discid/digits.h"
#include "testutil.h"

/* A random value with a random number of significant bits, so that every digit count occurs. */
static uint64_t any_width(uint64_t *rng)
{
    unsigned bits = (unsigned)(tu_rand(rng) % 65);
    uint64_t v = tu_rand(rng);
    return bits == 64 ? v : v & ((UINT64_C(1) << bits) - 1);
}

static void expect_text(const char *got, size_t n, const char *want)
{
    char buf[64];
    assert_true(n < sizeof buf);
    memcpy(buf, got, n);
    buf[n] = '\0';
    assert_string_equal(buf, want);
}

static void test_edges(void **state)
{
    char out[32], want[32];
    static const unsigned long ulongs[] = {0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000,
                                           999999, 1000000, 9999999, 10000000, 99999999, 100000000,
                                           999999999, 1000000000, 4294967295UL, ULONG_MAX};
    static const long longs[] = {0, -1, 1, -9, -10, 150, -150, 297300, LONG_MAX, LONG_MIN, LONG_MIN + 1};
    (void)state;
    for (size_t i = 0; i < sizeof ulongs / sizeof ulongs[0]; i++) {
        snprintf(want, sizeof want, "%lu", ulongs[i]);
        expect_text(out, tocex_digits_uint(out, ulongs[i]), want);
    }
    for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++) {
        snprintf(want, sizeof want, "%ld", longs[i]);
        expect_text(out, tocex_digits_int(out, longs[i]), want);
    }
    expect_text(out, tocex_digits_hex8(out, 0, 1), "00000000");
    expect_text(out, tocex_digits_hex8(out, 0xFFFFFFFFu, 0), "ffffffff");
    expect_text(out, tocex_digits_hex8(out, 0x0A1B2C3Du, 1), "0A1B2C3D");
    expect_text(out, tocex_digits_hex2(out, 0x9F), "9F");
    assert_int_equal(strlen("-9223372036854775808") <= TOCEX_DIGITS_MAX, 1);
}

static void test_random_against_snprintf(void **state)
{
    uint64_t rng = 0x5EEDDA7Au;
    char out[32], want[32];
    (void)state;
    for (int i = 0; i < 200000; i++) {
        uint64_t v = any_width(&rng);
        uint32_t v32 = (uint32_t)v;
        long l = (long)v;
        snprintf(want, sizeof want, "%lu", (unsigned long)v);
        expect_text(out, tocex_digits_uint(out, (unsigned long)v), want);
        snprintf(want, sizeof want, "%ld", l);
        expect_text(out, tocex_digits_int(out, l), want);
        snprintf(want, sizeof want, "%u", (unsigned)v32);
        expect_text(out, tocex_digits_u32(out, v32), want);
        snprintf(want, sizeof want, "%08X", (unsigned)v32);
        expect_text(out, tocex_digits_hex8(out, v32, 1), want);
        snprintf(want, sizeof want, "%08x", (unsigned)v32);
        expect_text(out, tocex_digits_hex8(out, v32, 0), want);
        snprintf(want, sizeof want, "%02X", (unsigned)(v32 & 0xFF));
        expect_text(out, tocex_digits_hex2(out, (uint8_t)v32), want);
    }
}

/* The appends against snprintf into the same place of a buffer of every size, with the length
 * added up from snprintf's return values as callers of snprintf do. */
static void test_append_cut_like_snprintf(void **state)
{
    uint64_t rng = 0xA99E4Du;
    (void)state;
    for (int round = 0; round < 400; round++) {
        long values[12];
        char seps[12];
        size_t count = (size_t)tu_rand_range(&rng, 1, 12);
        for (size_t i = 0; i < count; i++) {
            values[i] = (long)any_width(&rng);
            seps[i] = (char)" +\0"[tu_rand(&rng) % 3];
        }
        for (size_t size = 0; size <= 140; size++) {
            char got[160], want[160];
            size_t len = 0, wlen = 0;
            memset(got, 'x', sizeof got);
            memset(want, 'x', sizeof want);
            for (size_t i = 0; i < count; i++) {
                int fitted = tocex_digits_append_long(got, size, &len, seps[i], values[i]);
                int n = 0;
                if (wlen < size) {
                    n = seps[i] != '\0' ? snprintf(want + wlen, size - wlen, "%c%ld", seps[i], values[i])
                                        : snprintf(want + wlen, size - wlen, "%ld", values[i]);
                    assert_int_equal(fitted, (size_t)n < size - wlen);
                } else {
                    char tmp[32];
                    n = seps[i] != '\0' ? snprintf(tmp, sizeof tmp, "%c%ld", seps[i], values[i])
                                        : snprintf(tmp, sizeof tmp, "%ld", values[i]);
                    assert_int_equal(fitted, 0);
                }
                wlen += (size_t)n;
                assert_int_equal(len, wlen);
            }
            assert_memory_equal(got, want, sizeof got);
        }
    }
}

static void test_append_plain(void **state)
{
    char buf[8];
    size_t len = 0;
    (void)state;
    memset(buf, 'x', sizeof buf);
    assert_int_equal(tocex_digits_append(buf, sizeof buf, &len, "abc", 3), 1);
    assert_string_equal(buf, "abc");
    assert_int_equal(tocex_digits_append(buf, sizeof buf, &len, "defgh", 5), 0); /* 8 + NUL > 8 */
    assert_string_equal(buf, "abcdefg");
    assert_int_equal(len, 8);
    assert_int_equal(tocex_digits_append(buf, sizeof buf, &len, "z", 1), 0); /* full: untouched */
    assert_string_equal(buf, "abcdefg");
    assert_int_equal(len, 9);
    len = 0;
    assert_int_equal(tocex_digits_append(buf, 0, &len, "q", 1), 0); /* size 0: nothing written */
    assert_string_equal(buf, "abcdefg");
    assert_int_equal(len, 1);
}

/* Every disc address (0..999999): the digits of "%u" and nothing written past them. */
static void test_u32_every_address(void **state)
{
    char out[12], want[16];
    (void)state;
    for (uint32_t v = 0; v < 1000000u; v++) {
        size_t n;
        int wn = snprintf(want, sizeof want, "%u", (unsigned)v);
        memset(out, 'x', sizeof out);
        n = tocex_digits_u32(out, v);
        if (n != (size_t)wn || memcmp(out, want, n) != 0)
            fail_msg("value %u: got %.*s", (unsigned)v, (int)n, out);
        for (size_t i = n; i < sizeof out; i++)
            assert_int_equal(out[i], 'x');
    }
}

/* The append takes the 32-bit form for 0..UINT32_MAX and the general one around it: both ends
 * and their neighbours, with and without a separator. */
static void test_append_long_short_form_edges(void **state)
{
    static const long values[] = {-1, 0, 9, 10, 99999, 100000, 999999, 1000000, 1000001, 4294967295L, 4294967296L,
                                  LONG_MIN, LONG_MAX};
    (void)state;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        char got[64], want[64];
        size_t len = 3;
        memcpy(got, "ab+", 4);
        assert_int_equal(tocex_digits_append_long(got, sizeof got, &len, ' ', values[i]), 1);
        snprintf(want, sizeof want, "ab+ %ld", values[i]);
        assert_string_equal(got, want);
        assert_int_equal(len, strlen(want));
        len = 0;
        assert_int_equal(tocex_digits_append_long(got, sizeof got, &len, 0, values[i]), 1);
        snprintf(want, sizeof want, "%ld", values[i]);
        assert_string_equal(got, want);
        assert_int_equal(len, strlen(want));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_random_against_snprintf),
        cmocka_unit_test(test_append_cut_like_snprintf),
        cmocka_unit_test(test_append_plain),
        cmocka_unit_test(test_u32_every_address),
        cmocka_unit_test(test_append_long_short_form_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
