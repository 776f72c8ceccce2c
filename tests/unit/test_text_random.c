/* Text decoding against simple references over seeded random inputs (src/util/text.h):
 * UTF-8 validation against the RFC 3629 byte-range grammar (overlongs, surrogates, code points
 * past U+10FFFF, sequences cut by the end of the buffer), decoding (copy, NUL detection with its
 * line), the UTF-16 NUL-pattern rule, and line splitting (LF, CRLF, lone CR, no final line end,
 * the length limit). Inputs live in buffers of exactly their size, so a read past the end is
 * caught by the sanitizer build. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/swar.h"
#include "util/text.h"

/* ---- references ---- */

/* RFC 3629 section 4: UTF8-char as byte ranges. */
static bool ref_is_utf8(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t need;
        uint8_t lo = 0x80, hi = 0xBF; /* range of the second byte */
        if (c <= 0x7F) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1;
        else if (c == 0xE0)
            need = 2, lo = 0xA0;
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
            need = 2;
        else if (c == 0xED)
            need = 2, hi = 0x9F;
        else if (c == 0xF0)
            need = 3, lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3)
            need = 3;
        else if (c == 0xF4)
            need = 3, hi = 0x8F;
        else
            return false;
        if (n - i - 1 < need)
            return false;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (size_t k = 2; k <= need; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return false;
        i += need + 1;
    }
    return true;
}

/* Line (1-based) of the first NUL, counting LF, CRLF and lone CR; 0 if none. */
static long ref_nul_line(const uint8_t *s, size_t n)
{
    long line = 1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 0)
            return line;
        if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n')))
            line++;
    }
    return 0;
}

/* ---- random inputs ---- */

static const uint8_t *const pieces[] = {
    (const uint8_t *)"\xC3\xA9",         (const uint8_t *)"\xE2\x82\xAC",     (const uint8_t *)"\xF0\x9F\x98\x80",
    (const uint8_t *)"\xF4\x8F\xBF\xBF", (const uint8_t *)"\xED\x9F\xBF",     (const uint8_t *)"\xEE\x80\x80",
    (const uint8_t *)"\xC0\xAF",         (const uint8_t *)"\xC1\xBF",         (const uint8_t *)"\xE0\x80\xAF",
    (const uint8_t *)"\xE0\x9F\xBF",     (const uint8_t *)"\xF0\x80\x80\xAF", (const uint8_t *)"\xF0\x8F\xBF\xBF",
    (const uint8_t *)"\xED\xA0\x80",     (const uint8_t *)"\xED\xBF\xBF",     (const uint8_t *)"\xF4\x90\x80\x80",
    (const uint8_t *)"\xF5\x80\x80\x80", (const uint8_t *)"\xFF",             (const uint8_t *)"\x80",
    (const uint8_t *)"\xBF",             (const uint8_t *)"\xC3",             (const uint8_t *)"\xE2\x82",
    (const uint8_t *)"\xF0\x9F\x98",     (const uint8_t *)"\xC3\x28",         (const uint8_t *)"\xE2\x28\xA1",
};
static const size_t piece_len[] = {2, 3, 4, 4, 3, 3, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4, 1, 1, 1, 1, 2, 3, 2, 3};

/* Mostly ASCII text (runs that cross 8-byte boundaries) with line ends, NULs and UTF-8
 * pieces, good and bad; the last piece may be cut by the end of the buffer. */
static size_t random_bytes(uint64_t *rng, uint8_t *out, size_t cap, bool with_nul)
{
    size_t n = 0, want = (size_t)tu_rand_range(rng, 0, (long)cap);
    while (n < want) {
        long kind = tu_rand_range(rng, 0, 19);
        if (kind < 12) {
            size_t run = (size_t)tu_rand_range(rng, 1, 23);
            for (size_t i = 0; i < run && n < want; i++)
                out[n++] = (uint8_t)tu_rand_range(rng, 0x20, 0x7E);
        } else if (kind < 15) {
            static const char ends[][3] = {"\n", "\r", "\r\n", "\n\r", "\t"};
            const char *e = ends[tu_rand_range(rng, 0, 4)];
            for (size_t i = 0; e[i] != '\0' && n < want; i++)
                out[n++] = (uint8_t)e[i];
        } else if (kind < 19) {
            /* the first six pieces are valid UTF-8, the rest are not (or are cut short) */
            long last = tu_rand_range(rng, 0, 1) ? 5 : (long)(sizeof piece_len / sizeof piece_len[0]) - 1;
            size_t p = (size_t)tu_rand_range(rng, 0, last);
            for (size_t i = 0; i < piece_len[p] && n < want; i++)
                out[n++] = pieces[p][i];
        } else if (with_nul) {
            out[n++] = 0;
        } else {
            out[n++] = (uint8_t)tu_rand_range(rng, 1, 255);
        }
    }
    return n;
}

/* The bytes in a buffer of exactly n bytes (NULL for n == 0 is avoided: malloc(1)). */
static uint8_t *exact_copy(const uint8_t *src, size_t n)
{
    uint8_t *b = malloc(n > 0 ? n : 1);
    assert_non_null(b);
    if (n > 0)
        memcpy(b, src, n);
    return b;
}

static void test_utf8_against_reference(void **state)
{
    uint64_t rng = 0x5eed0001;
    uint8_t buf[160];
    size_t valid = 0, invalid = 0;
    (void)state;
    for (int round = 0; round < 40000; round++) {
        size_t n = random_bytes(&rng, buf, sizeof buf, round % 3 == 0);
        uint8_t *b = exact_copy(buf, n);
        bool want = ref_is_utf8(b, n);
        if (tocex_text_is_utf8(b, n) != want)
            fail_msg("round %d: is_utf8 differs from the reference (want %d, %zu bytes)", round, want, n);
        /* every suffix too: sequences cut at the start, runs at every alignment */
        if (n > 0) {
            size_t k = (size_t)tu_rand_range(&rng, 0, (long)n - 1);
            assert_int_equal(tocex_text_is_utf8(b + k, n - k), ref_is_utf8(b + k, n - k));
        }
        valid += want;
        invalid += !want;
        free(b);
    }
    /* both outcomes well represented */
    assert_true(valid > 5000);
    assert_true(invalid > 5000);
}

static void test_decode_against_reference(void **state)
{
    uint64_t rng = 0x5eed0002;
    uint8_t buf[200];
    size_t nul_cases = 0, utf8_cases = 0;
    (void)state;
    for (int round = 0; round < 20000; round++) {
        size_t n = random_bytes(&rng, buf, sizeof buf, round % 2 == 0);
        uint8_t *b;
        tocex_text t;
        tocex_error e;
        tocex_status st;
        if (n >= 2 && (buf[0] == 0xFF || buf[0] == 0xFE || buf[0] == 0xEF || buf[0] == 0))
            buf[0] = 'x'; /* no BOM: this test is about 8-bit text */
        b = exact_copy(buf, n);
        memset(&e, 0, sizeof e);
        st = tocex_text_decode("r.cue", b, n, &t, &e);
        if (ref_is_utf8(b, n) && tocex_text_detect(b, n) == TOCEX_TEXT_UTF8) {
            long line = ref_nul_line(b, n);
            utf8_cases++;
            if (line > 0) {
                char want[64];
                nul_cases++;
                assert_int_equal(st, TOCEX_E_PARSE);
                snprintf(want, sizeof want, "r.cue:%ld: NUL character in UTF-8 text", line);
                assert_string_equal(e.message, want);
            } else {
                assert_int_equal(st, TOCEX_OK);
                assert_int_equal(t.encoding, TOCEX_TEXT_UTF8);
                assert_int_equal(t.len, n);
                if (n > 0)
                    assert_memory_equal(t.utf8, b, n);
                assert_int_equal(t.utf8[n], 0);
                tocex_text_free(&t);
            }
        } else if (st == TOCEX_OK) {
            assert_true(t.encoding != TOCEX_TEXT_UTF8);
            tocex_text_free(&t);
        }
        free(b);
    }
    print_message("%zu UTF-8 inputs, %zu of them with a NUL\n", utf8_cases, nul_cases);
    assert_true(nul_cases > 500);
    assert_true(utf8_cases > 2000);
}

/* Long ASCII stretches (the decoder reads them 64 bytes at a time) with one piece, a NUL or
 * nothing at a random place, at every alignment: decoded as the references say. */
static void test_decode_long_ascii(void **state)
{
    uint64_t rng = 0x5eed0005;
    uint8_t buf[1200];
    (void)state;
    for (int round = 0; round < 6000; round++) {
        size_t n = (size_t)tu_rand_range(&rng, 0, 1100), at = n > 0 ? (size_t)tu_rand_range(&rng, 0, (long)n - 1) : 0;
        long what = tu_rand_range(&rng, 0, 3);
        uint8_t *b;
        tocex_text t;
        tocex_error e;
        tocex_status st;
        for (size_t i = 0; i < n; i++)
            buf[i] = (uint8_t)tu_rand_range(&rng, 0x20, 0x7E);
        if (n > 0 && what == 0) {
            buf[at] = 0;
        } else if (n > 0 && what == 1) {
            size_t p = (size_t)tu_rand_range(&rng, 0, (long)(sizeof piece_len / sizeof piece_len[0]) - 1);
            for (size_t i = 0; i < piece_len[p] && at + i < n; i++)
                buf[at + i] = pieces[p][i];
        }
        b = exact_copy(buf, n);
        assert_int_equal(tocex_text_is_utf8(b, n), ref_is_utf8(b, n));
        memset(&e, 0, sizeof e);
        st = tocex_text_decode("r.cue", b, n, &t, &e);
        if (ref_is_utf8(b, n) && ref_nul_line(b, n) == 0) {
            assert_int_equal(st, TOCEX_OK);
            assert_int_equal(t.encoding, TOCEX_TEXT_UTF8);
            assert_int_equal(t.len, n);
            if (n > 0)
                assert_memory_equal(t.utf8, b, n);
            assert_int_equal(t.utf8[n], 0);
            tocex_text_free(&t);
        } else if (ref_is_utf8(b, n)) {
            assert_int_equal(st, TOCEX_E_PARSE);
            assert_string_equal(e.message, "r.cue:1: NUL character in UTF-8 text");
        } else if (st == TOCEX_OK) {
            assert_true(t.encoding == TOCEX_TEXT_CP1252 || t.encoding == TOCEX_TEXT_LATIN1);
            tocex_text_free(&t);
        }
        free(b);
    }
}

/* Rule 2 of text.h: in the first 4 KiB, >= 3/4 of the odd bytes NUL and <= 1/8 of the even
 * ones -> UTF-16LE (mirror: BE); only for an even length. */
static tocex_text_encoding ref_wide(const uint8_t *b, size_t n)
{
    size_t probe = n < 4096 ? n : 4096, pairs = probe / 2, even = 0, odd = 0;
    for (size_t i = 0; i < pairs; i++) {
        even += b[2 * i] == 0;
        odd += b[2 * i + 1] == 0;
    }
    if (pairs >= 2 && n % 2 == 0) {
        if (odd * 4 >= pairs * 3 && even * 8 <= pairs)
            return TOCEX_TEXT_UTF16LE;
        if (even * 4 >= pairs * 3 && odd * 8 <= pairs)
            return TOCEX_TEXT_UTF16BE;
    }
    return TOCEX_TEXT_ENCODING_COUNT;
}

static void test_utf16_rule_against_reference(void **state)
{
    uint64_t rng = 0x5eed0003;
    size_t wide = 0;
    (void)state;
    for (int round = 0; round < 3000; round++) {
        /* ASCII as UTF-16 in either order, with a share of noise that moves the counts around
         * the thresholds, and some zero-free or late-zero stretches */
        size_t n = (size_t)tu_rand_range(&rng, 0, 9000);
        uint8_t *b = malloc(n > 0 ? n : 1);
        bool big = tu_rand_range(&rng, 0, 1);
        long noise = tu_rand_range(&rng, 0, 40), clean = tu_rand_range(&rng, 0, 3);
        size_t zero_free = clean == 0 ? (size_t)tu_rand_range(&rng, 0, (long)n) : 0;
        tocex_text_encoding want, got;
        assert_non_null(b);
        for (size_t i = 0; i < n; i++) {
            bool hi_byte = (i % 2 == 0) == big;
            b[i] = hi_byte ? 0 : (uint8_t)tu_rand_range(&rng, 0x20, 0x7E);
            if (tu_rand_range(&rng, 0, 99) < noise)
                b[i] = (uint8_t)tu_rand_range(&rng, 0, 255);
            if (i < zero_free && b[i] == 0)
                b[i] = 'z';
        }
        if (n >= 2 && (b[0] == 0xFF || b[0] == 0xFE || b[0] == 0xEF || (b[0] == 0 && b[1] == 0)))
            b[0] = 'x'; /* BOMs are another rule */
        want = ref_wide(b, n);
        got = tocex_text_detect(b, n);
        if (want != TOCEX_TEXT_ENCODING_COUNT) {
            assert_int_equal(got, want);
            wide++;
        } else {
            assert_true(got == TOCEX_TEXT_UTF8 || got == TOCEX_TEXT_CP1252);
            assert_int_equal(got, ref_is_utf8(b, n) ? TOCEX_TEXT_UTF8 : TOCEX_TEXT_CP1252);
        }
        free(b);
    }
    assert_true(wide > 300);
}

/* ---- lines ---- */

typedef struct ref_line {
    size_t start, len;
} ref_line;

/* LF, CRLF or a lone CR ends a line; a last line without an end counts; "" has no lines. */
static size_t ref_lines(const char *s, size_t n, ref_line *out, size_t cap)
{
    size_t count = 0, i = 0;
    while (i < n && count < cap) {
        size_t j = i;
        while (j < n && s[j] != '\n' && s[j] != '\r')
            j++;
        out[count].start = i;
        out[count].len = j - i;
        count++;
        if (j < n && s[j] == '\r' && j + 1 < n && s[j + 1] == '\n')
            j++;
        i = j + 1;
    }
    return count;
}

static void test_lines_against_reference(void **state)
{
    uint64_t rng = 0x5eed0004;
    uint8_t buf[300];
    ref_line want[310];
    (void)state;
    for (int round = 0; round < 20000; round++) {
        size_t n = random_bytes(&rng, buf, sizeof buf, false), count, max_line, i = 0;
        tocex_text t;
        tocex_lines r;
        tocex_error e;
        const char *line;
        size_t len;
        int rc;
        /* decoded text as tocex_text_decode leaves it: exactly n bytes and a NUL */
        t.utf8 = malloc(n + 1);
        assert_non_null(t.utf8);
        if (n > 0)
            memcpy(t.utf8, buf, n);
        t.utf8[n] = '\0';
        t.len = n;
        t.encoding = TOCEX_TEXT_UTF8;
        count = ref_lines(t.utf8, n, want, sizeof want / sizeof want[0]);
        max_line = round % 4 == 0 ? (size_t)tu_rand_range(&rng, 0, 40) : SIZE_MAX;
        tocex_lines_init(&r, "l.cue", &t, max_line);
        memset(&e, 0, sizeof e);
        while ((rc = tocex_lines_next(&r, &line, &len, &e)) == 1) {
            assert_true(i < count);
            assert_int_equal(r.line, (long)i + 1);
            assert_int_equal(len, want[i].len);
            assert_ptr_equal(line, t.utf8 + want[i].start);
            assert_int_equal(tocex_swar_find_eol(t.utf8 + want[i].start, n - want[i].start), want[i].len);
            i++;
        }
        if (rc == 0) {
            assert_int_equal(i, count);
        } else {
            char msg[80];
            assert_int_equal(rc, -1);
            assert_true(i < count && want[i].len > max_line);
            assert_int_equal(e.status, TOCEX_E_LIMIT);
            snprintf(msg, sizeof msg, "l.cue:%zu: line is longer than %zu bytes", i + 1, max_line);
            assert_string_equal(e.message, msg);
        }
        for (size_t k = 0; k < i; k++)
            assert_true(want[k].len <= max_line);
        free(t.utf8);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_against_reference),
        cmocka_unit_test(test_decode_against_reference),
        cmocka_unit_test(test_decode_long_ascii),
        cmocka_unit_test(test_utf16_rule_against_reference),
        cmocka_unit_test(test_lines_against_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
