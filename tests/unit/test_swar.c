/* Eight-bytes-at-a-time helpers (src/util/swar.h) against byte loops, over seeded random
 * words built from the bytes where the tricks could go wrong (00h, the bytes around the
 * thresholds 0Eh/20h/21h, 'A'/'Z'/'a'/'z' and their neighbours, 7Fh/80h/FFh). */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/swar.h"

static const uint8_t edge[] = {0x00, 0x01, 0x09, 0x0A, 0x0D, 0x0E, 0x0F, 0x1F, 0x20, 0x21, 0x22, 0x3F, 0x40,
                               0x41, 0x42, 0x59, 0x5A, 0x5B, 0x5F, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80, 0x81,
                               0x8D, 0xA0, 0xC0, 0xC1, 0xDA, 0xDB, 0xE1, 0xFA, 0xFE, 0xFF};

static uint8_t random_byte(uint64_t *rng)
{
    if (tu_rand_range(rng, 0, 2) != 0)
        return edge[tu_rand_range(rng, 0, (long)sizeof edge - 1)];
    return (uint8_t)tu_rand_range(rng, 0, 255);
}

/* Bytes b[0..7] as the word a little-endian load gives (byte i in bits 8i..8i+7). */
static uint64_t word_of(const uint8_t *b)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

static void test_zero_bytes_and_fold(void **state)
{
    uint64_t rng = 0x5a5a0001;
    (void)state;
    for (int round = 0; round < 200000; round++) {
        uint8_t b[8];
        uint64_t x, zeros = 0, folded = 0;
        for (int i = 0; i < 8; i++)
            b[i] = random_byte(&rng);
        x = word_of(b);
        for (int i = 0; i < 8; i++) {
            uint8_t lower = b[i] >= 'A' && b[i] <= 'Z' ? (uint8_t)(b[i] + 32) : b[i];
            if (b[i] == 0)
                zeros |= 0x80ull << (8 * i);
            folded |= (uint64_t)lower << (8 * i);
        }
        assert_int_equal(tocex_swar_zero_bytes(x), zeros);
        assert_int_equal(tocex_swar_fold_lower(x), folded);
    }
}

static void test_below_marks_the_first(void **state)
{
    static const unsigned limits[] = {0x0E, 0x21, 0x01, 0x80};
    uint64_t rng = 0x5a5a0002;
    (void)state;
    for (int round = 0; round < 200000; round++) {
        uint8_t b[8];
        unsigned n = limits[round % 4];
        uint64_t m;
        int first = -1;
        for (int i = 0; i < 8; i++)
            b[i] = random_byte(&rng);
        for (int i = 0; i < 8 && first < 0; i++)
            if (b[i] < n)
                first = i;
        m = tocex_swar_below(word_of(b), n);
        if (first < 0) {
            assert_int_equal(m, 0);
        } else {
            /* the lowest mark is exact: the first byte below n */
            assert_true(m != 0);
            assert_int_equal(m & (0 - m), 0x80ull << (8 * first));
        }
    }
}

static void test_find_eol(void **state)
{
    uint64_t rng = 0x5a5a0003;
    (void)state;
    for (int round = 0; round < 50000; round++) {
        size_t n = (size_t)tu_rand_range(&rng, 0, 70), want = 0;
        char *t = malloc(n > 0 ? n : 1); /* exactly n bytes: no read past them */
        long density = tu_rand_range(&rng, 0, 30);
        assert_non_null(t);
        for (size_t i = 0; i < n; i++) {
            uint8_t c = (uint8_t)tu_rand_range(&rng, 0x20, 0xFF);
            if (tu_rand_range(&rng, 0, 99) < density)
                c = random_byte(&rng);
            t[i] = (char)c;
        }
        while (want < n && t[want] != '\n' && t[want] != '\r')
            want++;
        assert_int_equal(tocex_swar_find_eol(t, n), want);
        free(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zero_bytes_and_fold),
        cmocka_unit_test(test_below_marks_the_first),
        cmocka_unit_test(test_find_eol),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
