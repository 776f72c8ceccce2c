/* tocex_text_decode_buffer (src/util/text.h) against tocex_text_decode over seeded random
 * inputs: UTF-8 with and without byte order mark, invalid UTF-8 (Windows-1252 fallback), NUL
 * bytes, UTF-16 with and without BOM, buffers with and without room for the NUL. Same status,
 * message, encoding and bytes; text used in place only when it can be. And a cue sheet parsed
 * from a taken-over buffer gives the same sheet as one parsed from borrowed bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "image/cue.h"
#include "util/text.h"

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* a random input of one of several kinds, n bytes at most */
static size_t make_input(uint64_t *r, uint8_t *b, size_t cap)
{
    size_t n = (size_t)(next(r) % cap), i = 0;
    unsigned kind = (unsigned)(next(r) % 6);
    if (kind == 1 && n >= 3) { /* UTF-8 BOM */
        memcpy(b, "\xEF\xBB\xBF", 3);
        i = 3;
    } else if (kind == 2 && n >= 2) { /* UTF-16LE BOM */
        memcpy(b, "\xFF\xFE", 2);
        i = 2;
    }
    for (; i < n; i++) {
        uint64_t x = next(r) % 100;
        if (kind == 3 && x < 3)
            b[i] = (uint8_t)(0x80 + next(r) % 0x80); /* stray high bytes: not UTF-8 */
        else if (kind == 4 && x < 2)
            b[i] = 0; /* NUL somewhere */
        else if (kind == 5 && x < 10 && i + 1 < n) {
            memcpy(b + i, "\xC3\xA9", 2); /* é */
            i++;
        } else if (kind == 2)
            b[i] = (i % 2) ? 0 : (uint8_t)('A' + x % 26);
        else
            b[i] = x < 8 ? '\n' : (uint8_t)(' ' + x % 90);
    }
    return n;
}

static void test_buffer_like_copy(void **state)
{
    (void)state;
    uint64_t r = 0x9E3779B97F4A7C15u;
    unsigned in_place = 0, copied = 0;
    for (int round = 0; round < 20000; round++) {
        uint8_t tmp[600];
        size_t n = make_input(&r, tmp, sizeof tmp);
        size_t cap = n + (size_t)(next(&r) % 3); /* cap == n: no room for the NUL */
        uint8_t *buf = malloc(cap > 0 ? cap : 1);
        tocex_text a, b;
        tocex_error ea, eb;
        tocex_status sa, sb;
        assert_non_null(buf);
        memcpy(buf, tmp, n);
        tocex_error_clear(&ea);
        tocex_error_clear(&eb);
        sa = tocex_text_decode("t.cue", tmp, n, &a, &ea);
        sb = tocex_text_decode_buffer("t.cue", buf, n, cap, &b, &eb);
        assert_int_equal(sa, sb);
        assert_string_equal(ea.message, eb.message);
        if (sa == TOCEX_OK) {
            assert_int_equal(a.len, b.len);
            assert_int_equal(a.encoding, b.encoding);
            assert_memory_equal(a.utf8, b.utf8, a.len + 1);
            if ((uint8_t *)b.utf8 == buf) {
                in_place++;
                assert_true(cap > n);
            } else
                copied++;
            tocex_text_free(&a);
            tocex_text_free(&b);
        }
    }
    assert_true(in_place > 1000 && copied > 1000);
}

static void test_sheet_from_buffer(void **state)
{
    (void)state;
    static const char *sheets[] = {
        "FILE \"a.bin\" BINARY\n  TRACK 01 AUDIO\n    TITLE \"Caf\xC3\xA9\"\n    INDEX 01 00:00:00\n",
        ("\xEF\xBB\xBF" "FILE \"a.bin\" BINARY\r\n  TRACK 01 MODE1/2352\r\n    INDEX 01 00:00:00\r\n"),
        "FILE \"a.bin\" BINARY\n  TRACK 01 AUDIO\n    TITLE \"Caf\xE9\"\n    INDEX 01 00:00:00\n",
        "FILE \"a.bin\" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:0x\n",
        "FILE \"a.bin\" BINARY\n  TRACK 01 AUDIO\n",
    };
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++) {
        size_t n = strlen(sheets[i]);
        uint8_t *buf = malloc(n + 1);
        tocex_cue_sheet *a = NULL, *b = NULL;
        tocex_error ea, eb;
        tocex_status sa, sb;
        assert_non_null(buf);
        memcpy(buf, sheets[i], n);
        tocex_error_clear(&ea);
        tocex_error_clear(&eb);
        sa = tocex_cue_parse("s.cue", (const uint8_t *)sheets[i], n, &a, &ea);
        sb = tocex_cue_parse_buffer("s.cue", buf, n, n + 1, &b, &eb);
        assert_int_equal(sa, sb);
        assert_string_equal(ea.message, eb.message);
        if (sa == TOCEX_OK) {
            assert_int_equal(a->track_count, b->track_count);
            assert_int_equal(a->file_count, b->file_count);
            assert_string_equal(a->files[0].name, b->files[0].name);
            assert_string_equal(a->encoding, b->encoding);
            assert_int_equal(a->tracks[0].index[1].frames, b->tracks[0].index[1].frames);
            if (a->text[TOCEX_CDTEXT_TITLE][1] != NULL)
                assert_string_equal(a->text[TOCEX_CDTEXT_TITLE][1], b->text[TOCEX_CDTEXT_TITLE][1]);
            else
                assert_null(b->text[TOCEX_CDTEXT_TITLE][1]);
        }
        tocex_cue_sheet_free(a);
        tocex_cue_sheet_free(b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buffer_like_copy),
        cmocka_unit_test(test_sheet_from_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
