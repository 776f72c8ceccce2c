/* CD-TEXT round trip: seeded random text blocks -> encode -> structural checks on the packs
 * (CRC, sequence numbers, block order, 8Fh counts) -> decode -> equal texts -> re-encode gives
 * the same bytes. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/cdtext.h"

#define CASES 400

static const char *const words_ascii[] = {"Night", "Cats", "Orchestra", "Song", "of", "Joy", "Blue", "Moon",
                                          "Tom", "Cat", "Humpty", "Dumpty", "Vol.", "2", "(live)", "A",
                                          "Free", "Will", "River", "Stone"};
static const char *const words_latin1[] = {"N\xc3\xa4" "chte", "F\xc3\xbcr", "K\xc3\xa4tzchen", "\xc3\xa9t\xc3\xa9",
                                           "Se\xc3\xb1or", "\xc3\x86r\xc3\xb8", "na\xc3\xafve", "Gr\xc3\xb6\xc3\x9f" "e",
                                           "fa\xc3\xa7" "ade", "Ch\xc3\xa2teau", "Lied", "der", "Freude", "\xc2\xbfQu\xc3\xa9?",
                                           "\xc2\xa9", "Mi\xc3\xa9" "vre"};
static const char *const words_jis[] = {"\xe6\xb9\xbf\xe3\x81\xa3\xe3\x81\x9f\xe6\xb0\xb4", /* 湿った水 */
                                        "\xe7\x86\xb1\xe6\xb3\xa2",                         /* 熱波 */
                                        "\xe6\x97\xa5\xe6\x9c\xac",                         /* 日本 */
                                        "\xe9\x9f\xb3\xe6\xa5\xbd",                         /* 音楽 */
                                        "\xe7\x8c\xab",                                     /* 猫 */
                                        "\xe5\xa4\x9c",                                     /* 夜 */
                                        "\xe6\x9d\xb1\xe4\xba\xac",                         /* 東京 */
                                        "\xe3\x81\x95\xe3\x81\x8f\xe3\x82\x89",             /* さくら */
                                        "\xe3\x82\xab\xe3\x82\xbf\xe3\x82\xab\xe3\x83\x8a", /* カタカナ */
                                        "CD", "Vol.2"};
static const char *const words_kor[] = {"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4", /* 한국어 */
                                        "\xeb\x85\xb8\xeb\x9e\x98",             /* 노래 */
                                        "\xea\xb3\xa0\xec\x96\x91\xec\x9d\xb4", /* 고양이 */
                                        "\xeb\xb0\xa4", "Seoul"};
static const char *const words_chi[] = {"\xe4\xb8\xad\xe6\x96\x87", /* 中文 */
                                        "\xe9\x9f\xb3\xe4\xb9\x90", /* 音乐 */
                                        "\xe7\x8c\xab", "\xe5\xa4\x9c\xe6\x99\x9a", "Beijing"};

typedef struct pool {
    const char *const *w;
    size_t n;
} pool;

static pool pool_for(uint8_t charset, bool latin)
{
    pool p;
    switch (charset) {
    case TOCEX_CDTEXT_CHARSET_MS_JIS:
        p.w = words_jis;
        p.n = sizeof words_jis / sizeof words_jis[0];
        break;
    case TOCEX_CDTEXT_CHARSET_KOREAN:
        p.w = words_kor;
        p.n = sizeof words_kor / sizeof words_kor[0];
        break;
    case TOCEX_CDTEXT_CHARSET_MANDARIN:
        p.w = words_chi;
        p.n = sizeof words_chi / sizeof words_chi[0];
        break;
    default:
        if (latin) {
            p.w = words_latin1;
            p.n = sizeof words_latin1 / sizeof words_latin1[0];
        } else {
            p.w = words_ascii;
            p.n = sizeof words_ascii / sizeof words_ascii[0];
        }
        break;
    }
    return p;
}

static char *random_text(uint64_t *seed, pool p, size_t max_words)
{
    size_t words = (size_t)tu_rand_range(seed, 1, (long)max_words), len = 0;
    char *s = malloc(words * 40 + 1);
    assert_non_null(s);
    s[0] = '\0';
    for (size_t i = 0; i < words; i++) {
        const char *w = p.w[tu_rand_range(seed, 0, (long)p.n - 1)];
        if (i > 0)
            s[len++] = ' ';
        memcpy(s + len, w, strlen(w));
        len += strlen(w);
        s[len] = '\0';
    }
    return s;
}

static bool dbcs_available(uint8_t charset)
{
    tocex_cdtext *ct = tocex_cdtext_new();
    tocex_buf out;
    bool ok;
    tocex_cdtext_block *b = tocex_cdtext_block_get(ct, 0, true);
    b->charset = charset;
    tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, 0, "Test", NULL);
    tocex_buf_init(&out);
    ok = tocex_cdtext_encode(ct, &out, NULL) == TOCEX_OK;
    tocex_buf_free(&out);
    tocex_cdtext_free(ct);
    return ok;
}

/* Estimated encoded size (upper bound): UTF-8 length >= bytes in any of the block codes. */
static size_t cost(const char *s, bool dbcc) { return (s != NULL ? strlen(s) : 0) + (dbcc ? 3 : 1); }

typedef struct lang_choice {
    uint8_t language;
    uint8_t charset;
    bool latin;
} lang_choice;

static void fill_block(uint64_t *seed, tocex_cdtext *ct, unsigned number, lang_choice lc)
{
    tocex_cdtext_block *blk = tocex_cdtext_block_get(ct, number, true);
    pool p = pool_for(lc.charset, lc.latin);
    bool dbcc = tocex_cdtext_charset_is_dbcc(lc.charset);
    unsigned first = tu_rand_range(seed, 0, 3) == 0 ? (unsigned)tu_rand_range(seed, 1, 9) : 1;
    unsigned tracks = (unsigned)tu_rand_range(seed, 1, (long)(100 - first));
    unsigned last = first + tracks - 1;
    size_t budget = 2400, used = 0;
    char buf[64];
    assert_non_null(blk);
    blk->language = lc.language;
    blk->charset = lc.charset;
    blk->copyright = tu_rand_range(seed, 0, 1) == 1;
    blk->first_track = (uint8_t)first;
    blk->last_track = (uint8_t)last;
    for (unsigned f = TOCEX_CDTEXT_TITLE; f <= TOCEX_CDTEXT_MESSAGE && used < budget; f++) {
        long density = tu_rand_range(seed, 0, 3); /* 0: field absent */
        size_t type_cost = 12 + (tracks + 1) * (dbcc ? 2 : 1);
        if (density == 0 || used + type_cost > budget)
            continue;
        used += type_cost;
        for (unsigned t = 0; t <= last; t++) {
            char *s;
            size_t maxw = tu_rand_range(seed, 0, 20) == 0 ? 40 : 5; /* some long strings */
            if (t != 0 && t < first)
                continue;
            if (tu_rand_range(seed, 1, 3) > density)
                continue;
            if (t > first && blk->text[f][t - 1] != NULL && tu_rand_range(seed, 0, 2) == 0)
                s = strdup(blk->text[f][t - 1]); /* repeats exercise the TAB shortcut */
            else
                s = random_text(seed, p, maxw);
            assert_non_null(s);
            if (used + cost(s, dbcc) <= budget) {
                used += cost(s, dbcc);
                assert_int_equal(tocex_cdtext_set(ct, number, (tocex_cdtext_field)f, t, s, NULL), TOCEX_OK);
            }
            free(s);
        }
    }
    if (tu_rand_range(seed, 0, 1) == 1 && used + 64 < budget) {
        snprintf(buf, sizeof buf, "CAT-%05ld", tu_rand_range(seed, 0, 99999));
        assert_int_equal(tocex_cdtext_set(ct, number, TOCEX_CDTEXT_DISC_ID, 0, buf, NULL), TOCEX_OK);
        used += 24;
    }
    if (tu_rand_range(seed, 0, 1) == 1 && used + 64 < budget) {
        blk->genre = (uint16_t)tu_rand_range(seed, 1, 0x1B);
        if (tu_rand_range(seed, 0, 1) == 1)
            assert_int_equal(tocex_cdtext_set(ct, number, TOCEX_CDTEXT_GENRE, 0, "Feline classic music from the 60s", NULL),
                             TOCEX_OK);
        used += 48;
    }
    if (tu_rand_range(seed, 0, 2) == 0 && used + 80 < budget) {
        char *s = random_text(seed, pool_for(TOCEX_CDTEXT_CHARSET_ISO8859_1, true), 4);
        assert_int_equal(tocex_cdtext_set(ct, number, TOCEX_CDTEXT_CLOSED, 0, s, NULL), TOCEX_OK);
        used += cost(s, false) + 12;
        free(s);
    }
    if (tu_rand_range(seed, 0, 1) == 1 && used + 12 + 14 * (tracks + 1) < budget) {
        snprintf(buf, sizeof buf, "%013ld", tu_rand_range(seed, 0, 999999999L) * 1000L + 123);
        assert_int_equal(tocex_cdtext_set(ct, number, TOCEX_CDTEXT_UPC_ISRC, 0, buf, NULL), TOCEX_OK);
        for (unsigned t = first; t <= last; t++) {
            snprintf(buf, sizeof buf, "XYBLG%02u%05u", t, (unsigned)tu_rand_range(seed, 0, 99999));
            assert_int_equal(tocex_cdtext_set(ct, number, TOCEX_CDTEXT_UPC_ISRC, t, buf, NULL), TOCEX_OK);
        }
    }
}

static void check_packs(const uint8_t *p, size_t n, const tocex_cdtext *ct)
{
    int prev_block = -1;
    unsigned seq = 0, in_block = 0;
    unsigned counts[16] = {0};
    for (size_t i = 0; i < n; i++) {
        const uint8_t *q = p + 18 * i;
        int b = (q[3] >> 4) & 7;
        assert_true(tocex_cdtext_pack_crc_ok(q));
        assert_true(q[0] >= 0x80 && q[0] <= 0x8F);
        assert_true(q[1] <= 99);
        if (b != prev_block) {
            assert_true(b > prev_block); /* blocks in ascending order */
            prev_block = b;
            seq = 0;
            in_block = 0;
            memset(counts, 0, sizeof counts);
        }
        assert_int_equal(q[2], seq);
        seq++;
        in_block++;
        assert_true(in_block <= 256);
        counts[q[0] - 0x80]++;
        if (q[0] == 0x8F && q[1] == 2) {
            /* The last 8Fh pack closes the block: its record must count this block's packs. */
            const uint8_t *r0 = q - 36, *r1 = q - 18;
            uint8_t rec[36];
            memcpy(rec, r0 + 4, 12);
            memcpy(rec + 12, r1 + 4, 12);
            memcpy(rec + 24, q + 4, 12);
            for (unsigned k = 0; k < 16; k++)
                assert_int_equal(rec[4 + k], counts[k]);
            assert_int_equal(rec[20 + b], seq - 1);
            for (size_t k = 0; k < ct->block_count; k++)
                assert_int_equal(rec[28 + ct->blocks[k].number], ct->blocks[k].language);
        }
    }
}

static void compare(const tocex_cdtext *a, const tocex_cdtext *b, int c)
{
    assert_int_equal(b->block_count, a->block_count);
    assert_int_equal(b->crc_errors, 0);
    assert_int_equal(b->zero_crc_packs, 0);
    if (b->warnings != 0)
        fail_msg("case %d: %zu warnings: %s", c, b->warnings, b->first_warning);
    for (size_t i = 0; i < a->block_count; i++) {
        const tocex_cdtext_block *x = &a->blocks[i];
        const tocex_cdtext_block *y = NULL;
        for (size_t j = 0; j < b->block_count; j++)
            if (b->blocks[j].number == x->number)
                y = &b->blocks[j];
        assert_non_null(y);
        assert_int_equal(y->language, x->language);
        assert_int_equal(y->charset, x->charset);
        assert_int_equal(y->copyright, x->copyright);
        assert_int_equal(y->first_track, x->first_track);
        assert_int_equal(y->last_track, x->last_track);
        assert_int_equal(y->genre, x->genre);
        if (x->genre_text == NULL)
            assert_null(y->genre_text);
        else
            assert_string_equal(y->genre_text, x->genre_text);
        for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
            for (unsigned t = 0; t < 100; t++) {
                const char *u = x->text[f][t], *v = y->text[f][t];
                if ((u == NULL) != (v == NULL) || (u != NULL && strcmp(u, v) != 0))
                    fail_msg("case %d block %u %s track %u: \"%s\" came back as \"%s\"", c, x->number,
                             tocex_cdtext_field_name((tocex_cdtext_field)f), t, u != NULL ? u : "(null)",
                             v != NULL ? v : "(null)");
            }
    }
}

static void test_round_trip(void **state)
{
    lang_choice choices[8];
    size_t nchoices = 0, total_packs = 0, tab_cases = 0, multi_pack_strings = 0;
    (void)state;
    choices[nchoices++] = (lang_choice){0x09, TOCEX_CDTEXT_CHARSET_ASCII, false};
    choices[nchoices++] = (lang_choice){0x09, TOCEX_CDTEXT_CHARSET_ISO8859_1, false};
    choices[nchoices++] = (lang_choice){0x08, TOCEX_CDTEXT_CHARSET_ISO8859_1, true};
    choices[nchoices++] = (lang_choice){0x0F, TOCEX_CDTEXT_CHARSET_ISO8859_1, true};
    choices[nchoices++] = (lang_choice){0x0A, TOCEX_CDTEXT_CHARSET_ISO8859_1, true};
    if (dbcs_available(TOCEX_CDTEXT_CHARSET_MS_JIS))
        choices[nchoices++] = (lang_choice){0x69, TOCEX_CDTEXT_CHARSET_MS_JIS, false};
    else
        print_message("note: no Shift-JIS converter, Japanese blocks not exercised\n");
    if (dbcs_available(TOCEX_CDTEXT_CHARSET_KOREAN))
        choices[nchoices++] = (lang_choice){0x65, TOCEX_CDTEXT_CHARSET_KOREAN, false};
    if (dbcs_available(TOCEX_CDTEXT_CHARSET_MANDARIN))
        choices[nchoices++] = (lang_choice){0x75, TOCEX_CDTEXT_CHARSET_MANDARIN, false};
    for (int c = 0; c < CASES; c++) {
        uint64_t seed = (uint64_t)0x5EED0000u + (uint64_t)(unsigned)c;
        tocex_cdtext *ct = tocex_cdtext_new(), *back = NULL;
        tocex_buf out, again;
        tocex_error err;
        unsigned nblocks = (unsigned)tu_rand_range(&seed, 1, 8);
        assert_non_null(ct);
        for (unsigned b = 0; b < nblocks; b++)
            fill_block(&seed, ct, b, choices[tu_rand_range(&seed, 0, (long)nchoices - 1)]);
        tocex_buf_init(&out);
        if (tocex_cdtext_encode(ct, &out, &err) != TOCEX_OK)
            fail_msg("case %d: encode: %s", c, err.message);
        assert_int_equal(out.len % 18, 0);
        check_packs(out.data, out.len / 18, ct);
        for (size_t i = 0; i < out.len; i += 18) {
            unsigned pos = out.data[i + 3] & 0x0Fu;
            if (out.data[i] <= 0x85 && pos == 15)
                multi_pack_strings++;
            if (out.data[i] <= 0x85)
                for (size_t k = 4; k < 16; k++)
                    if (out.data[i + k] == 0x09)
                        tab_cases++;
        }
        total_packs += out.len / 18;
        if (tocex_cdtext_decode(out.data, out.len / 18, &back, &err) != TOCEX_OK)
            fail_msg("case %d: decode: %s", c, err.message);
        compare(ct, back, c);
        /* Deterministic encoder: encoding the decoded set gives the same bytes. */
        tocex_buf_init(&again);
        assert_int_equal(tocex_cdtext_encode(back, &again, &err), TOCEX_OK);
        assert_int_equal(again.len, out.len);
        assert_memory_equal(again.data, out.data, out.len);
        tocex_buf_free(&again);
        tocex_buf_free(&out);
        tocex_cdtext_free(back);
        tocex_cdtext_free(ct);
    }
    /* The generator must actually have produced long strings and TAB repeats. */
    assert_true(multi_pack_strings > 0);
    assert_true(tab_cases > 0);
    print_message("%d cases, %zu packs, %zu packs inside long strings, %zu TAB bytes\n", CASES, total_packs,
                  multi_pack_strings, tab_cases);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
