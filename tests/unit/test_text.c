/* Text decoding shared by the text-format readers (src/util/text.h). Expected bytes come from
 * the Unicode/ISO-8859-1/Windows-1252 code charts: U+00E9 = C3 A9 in UTF-8, E9 in Latin-1;
 * CP1252 80h = U+20AC (E2 82 AC); U+65E5 U+672C ("日本") = 93 FA 96 7B in CP932. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/text.h"

static void decode_ok(const void *bytes, size_t len, tocex_text_encoding want_enc, const char *want_utf8)
{
    tocex_text t;
    tocex_error e;
    assert_int_equal(tocex_text_decode("t.cue", bytes, len, &t, &e), TOCEX_OK);
    assert_int_equal(t.encoding, want_enc);
    assert_int_equal(t.len, strlen(want_utf8));
    assert_memory_equal(t.utf8, want_utf8, t.len);
    assert_int_equal(t.utf8[t.len], 0);
    tocex_text_free(&t);
}

/* ASCII + U+00E9 as UTF-16/32 in both byte orders, with and without BOM. */
static size_t encode_wide(uint8_t *out, const char *bom, size_t bom_len, unsigned width, bool big)
{
    static const uint16_t chars[] = {'T', 'I', 'T', 'L', 'E', ' ', 0xE9, '\n'};
    size_t n = 0;
    memcpy(out, bom, bom_len);
    n = bom_len;
    for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++) {
        uint32_t c = chars[i];
        for (unsigned b = 0; b < width; b++) {
            unsigned shift = big ? 8 * (width - 1 - b) : 8 * b;
            out[n++] = (uint8_t)(c >> shift);
        }
    }
    return n;
}

static void test_boms(void **state)
{
    uint8_t buf[64];
    size_t n;
    (void)state;
    decode_ok("\xEF\xBB\xBFTITLE \xC3\xA9\n", 12, TOCEX_TEXT_UTF8_BOM, "TITLE \xC3\xA9\n");
    n = encode_wide(buf, "\xFF\xFE", 2, 2, false);
    decode_ok(buf, n, TOCEX_TEXT_UTF16LE_BOM, "TITLE \xC3\xA9\n");
    n = encode_wide(buf, "\xFE\xFF", 2, 2, true);
    decode_ok(buf, n, TOCEX_TEXT_UTF16BE_BOM, "TITLE \xC3\xA9\n");
    n = encode_wide(buf, "\xFF\xFE\x00\x00", 4, 4, false);
    decode_ok(buf, n, TOCEX_TEXT_UTF32LE_BOM, "TITLE \xC3\xA9\n");
    n = encode_wide(buf, "\x00\x00\xFE\xFF", 4, 4, true);
    decode_ok(buf, n, TOCEX_TEXT_UTF32BE_BOM, "TITLE \xC3\xA9\n");
}

static void test_utf16_without_bom(void **state)
{
    uint8_t buf[64];
    size_t n;
    (void)state;
    n = encode_wide(buf, "", 0, 2, false);
    decode_ok(buf, n, TOCEX_TEXT_UTF16LE, "TITLE \xC3\xA9\n");
    n = encode_wide(buf, "", 0, 2, true);
    decode_ok(buf, n, TOCEX_TEXT_UTF16BE, "TITLE \xC3\xA9\n");
}

static void test_8bit_fallbacks(void **state)
{
    (void)state;
    decode_ok("TITLE \"caf\xE9\"", 12, TOCEX_TEXT_CP1252, "TITLE \"caf\xC3\xA9\"");
    decode_ok("\x80", 1, TOCEX_TEXT_CP1252, "\xE2\x82\xAC");
    /* 81h has no CP1252 mapping: the whole text is read as ISO-8859-1 */
    decode_ok("\x81\xE9", 2, TOCEX_TEXT_LATIN1, "\xC2\x81\xC3\xA9");
    decode_ok("plain ascii", 11, TOCEX_TEXT_UTF8, "plain ascii");
    decode_ok("", 0, TOCEX_TEXT_UTF8, "");
}

static void test_utf8_validation(void **state)
{
    (void)state;
    assert_true(tocex_text_is_utf8((const uint8_t *)"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x8E\xB5", 9));
    assert_false(tocex_text_is_utf8((const uint8_t *)"\xC0\x80", 2));         /* overlong NUL */
    assert_false(tocex_text_is_utf8((const uint8_t *)"\xE0\x80\xAF", 3));     /* overlong '/' */
    assert_false(tocex_text_is_utf8((const uint8_t *)"\xED\xA0\x80", 3));     /* surrogate */
    assert_false(tocex_text_is_utf8((const uint8_t *)"\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
    assert_false(tocex_text_is_utf8((const uint8_t *)"\xC3", 1));             /* truncated */
    assert_false(tocex_text_is_utf8((const uint8_t *)"\x80", 1));             /* lone continuation */
}

static void test_malformed(void **state)
{
    tocex_text t;
    tocex_error e;
    (void)state;
    /* a BOM promising UTF-8 over bytes that are not */
    assert_int_equal(tocex_text_decode("x.cue", (const uint8_t *)"\xEF\xBB\xBF\xE9", 4, &t, &e), TOCEX_E_CHARSET);
    /* odd byte count after a UTF-16 BOM */
    assert_int_equal(tocex_text_decode("x.cue", (const uint8_t *)"\xFF\xFE" "A\0B", 5, &t, &e), TOCEX_E_CHARSET);
    /* NUL on line 2 */
    assert_int_equal(tocex_text_decode("x.cue", (const uint8_t *)"ab\ncd\0e", 7, &t, &e), TOCEX_E_PARSE);
    assert_non_null(strstr(e.message, "x.cue:2:"));
}

typedef struct expect_line {
    long number;
    const char *text;
} expect_line;

static void check_lines(const char *input, const expect_line *want, size_t count)
{
    tocex_text t;
    tocex_lines r;
    tocex_error e;
    const char *line;
    size_t len, i = 0;
    int rc;
    assert_int_equal(tocex_text_decode("l.txt", (const uint8_t *)input, strlen(input), &t, &e), TOCEX_OK);
    tocex_lines_init(&r, "l.txt", &t, 100);
    while ((rc = tocex_lines_next(&r, &line, &len, &e)) == 1) {
        assert_true(i < count);
        assert_int_equal(r.line, want[i].number);
        assert_int_equal(len, strlen(want[i].text));
        assert_memory_equal(line, want[i].text, len);
        i++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(i, count);
    tocex_text_free(&t);
}

static void test_line_ends(void **state)
{
    static const expect_line abc[] = {{1, "a"}, {2, "b"}, {3, "c"}};
    static const expect_line blank[] = {{1, "a"}, {2, ""}, {3, "b"}};
    static const expect_line cr_blank[] = {{1, "a"}, {2, ""}, {3, "b"}, {4, ""}};
    (void)state;
    check_lines("a\rb\rc", abc, 3);        /* CR only (classic Mac) */
    check_lines("a\r\nb\nc\r", abc, 3);    /* mixed, final line end */
    check_lines("a\r\nb\r\nc\r\n", abc, 3);
    check_lines("a\n\nb", blank, 3);
    check_lines("a\r\rb\r\r", cr_blank, 4); /* CR CR = an empty line, not one CRLF */
    check_lines("", abc, 0);
}

static void test_line_limit(void **state)
{
    tocex_text t;
    tocex_lines r;
    tocex_error e;
    const char *line;
    size_t len;
    const char *input = "short\n0123456789abcdef\nx";
    (void)state;
    assert_int_equal(tocex_text_decode("big.cue", (const uint8_t *)input, strlen(input), &t, &e), TOCEX_OK);
    tocex_lines_init(&r, "big.cue", &t, 10);
    assert_int_equal(tocex_lines_next(&r, &line, &len, &e), 1);
    assert_int_equal(tocex_lines_next(&r, &line, &len, &e), -1);
    assert_int_equal(e.status, TOCEX_E_LIMIT);
    assert_non_null(strstr(e.message, "big.cue:2:"));
    /* exactly the limit is fine */
    tocex_lines_init(&r, "big.cue", &t, 16);
    assert_int_equal(tocex_lines_next(&r, &line, &len, &e), 1);
    assert_int_equal(tocex_lines_next(&r, &line, &len, &e), 1);
    assert_int_equal(len, 16);
    tocex_text_free(&t);
}

static void test_from_utf8(void **state)
{
    size_t n = 0;
    char *s;
    (void)state;
    s = tocex_text_from_utf8("caf\xC3\xA9", "ISO-8859-1", &n);
    assert_non_null(s);
    assert_int_equal(n, 4);
    assert_memory_equal(s, "caf\xE9", 4);
    free(s);
    assert_null(tocex_text_from_utf8("\xE2\x82\xAC", "ISO-8859-1", &n)); /* euro sign: not in Latin-1 */
    s = tocex_text_from_utf8("\xE6\x97\xA5\xE6\x9C\xAC", "CP932", &n);
    assert_non_null(s);
    assert_int_equal(n, 4);
    assert_memory_equal(s, "\x93\xFA\x96\x7B", 4);
    free(s);
    assert_null(tocex_text_from_utf8("\xC3", "ISO-8859-1", &n)); /* not UTF-8 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boms),           cmocka_unit_test(test_utf16_without_bom),
        cmocka_unit_test(test_8bit_fallbacks), cmocka_unit_test(test_utf8_validation),
        cmocka_unit_test(test_malformed),      cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_line_limit),     cmocka_unit_test(test_from_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
