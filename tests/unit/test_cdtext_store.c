/* CD-TEXT sets and their storage: shared empty rows and tocex_cdtext_row, decoded texts kept in
 * the set's storage (replaced and freed correctly), the in-order and the general decoding paths
 * giving the same set, the CRC of many packs (carry-less multiplication and tables against a
 * bitwise reference), and the encoder's output buffer (appending, fixed buffers, failures). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdtext/internal.h"
#include "testutil.h"
#include "tocex/cdtext.h"

static char *dup_text(const char *s)
{
    char *p = malloc(strlen(s) + 1);
    assert_non_null(p);
    return strcpy(p, s);
}

static bool in_store(const tocex_cdtext *ct, const void *p)
{
    return (uintptr_t)p - (uintptr_t)ct->text_store < ct->text_store_size;
}

/* A set of one ISO-8859-1 block: tracks 1..n with titles (track 3 repeats track 2, a TAB in the
 * packs), performers and ISRCs, a disc title, a songwriter for the disc only. */
static tocex_cdtext *sample_set(unsigned n)
{
    tocex_cdtext *ct = tocex_cdtext_new();
    char buf[64];
    assert_non_null(ct);
    assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, 0, "The Album", NULL), TOCEX_OK);
    assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_SONGWRITER, 0, "A. Composer", NULL), TOCEX_OK);
    for (unsigned t = 1; t <= n; t++) {
        snprintf(buf, sizeof buf, "Song %u", t == 3 ? 2 : t);
        assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, t, buf, NULL), TOCEX_OK);
        snprintf(buf, sizeof buf, "Artist %u (%s)", t, t % 4 == 0 ? "K\xc3\xa4the" : "live");
        assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_PERFORMER, t, buf, NULL), TOCEX_OK);
        snprintf(buf, sizeof buf, "GBXYZ26%05u", t);
        assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_UPC_ISRC, t, buf, NULL), TOCEX_OK);
    }
    return ct;
}

static uint8_t *encode(const tocex_cdtext *ct, size_t *n)
{
    tocex_buf b;
    tocex_error e;
    tocex_buf_init(&b);
    if (tocex_cdtext_encode(ct, &b, &e) != TOCEX_OK)
        fail_msg("encode: %s", e.message);
    *n = b.len / TOCEX_CDTEXT_PACK_SIZE;
    return b.data;
}

static void same_texts(const tocex_cdtext *a, const tocex_cdtext *b)
{
    assert_int_equal(a->block_count, b->block_count);
    if (a->warnings != b->warnings || strcmp(a->first_warning, b->first_warning) != 0)
        fail_msg("warnings %zu \"%s\" / %zu \"%s\"", a->warnings, a->first_warning, b->warnings, b->first_warning);
    assert_int_equal(a->crc_errors, b->crc_errors);
    assert_int_equal(a->zero_crc_packs, b->zero_crc_packs);
    for (size_t i = 0; i < a->block_count; i++) {
        const tocex_cdtext_block *x = &a->blocks[i], *y = &b->blocks[i];
        assert_int_equal(x->number, y->number);
        assert_int_equal(x->charset, y->charset);
        if (x->first_track != 0 && y->first_track != 0) { /* (0: derived when encoded) */
            assert_int_equal(x->first_track, y->first_track);
            assert_int_equal(x->last_track, y->last_track);
            assert_memory_equal(x->pack_count, y->pack_count, sizeof x->pack_count);
        }
        for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
            for (unsigned t = 0; t < 100; t++) {
                const char *u = x->text[f][t], *v = y->text[f][t];
                if ((u == NULL) != (v == NULL) || (u != NULL && strcmp(u, v) != 0))
                    fail_msg("block %zu field %u track %u: \"%s\" / \"%s\"", i, f, t, u != NULL ? u : "(none)",
                             v != NULL ? v : "(none)");
            }
    }
}

static void test_rows(void **state)
{
    tocex_cdtext *ct = tocex_cdtext_new(), *other = tocex_cdtext_new();
    tocex_cdtext_block *blk, *b2;
    char **row;
    (void)state;
    assert_non_null(ct);
    assert_non_null(other);
    blk = tocex_cdtext_block_get(ct, 2, true);
    assert_non_null(blk);
    /* every field reads as absent, through one shared row */
    for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
        assert_ptr_equal(blk->text[f], blk->text[0]);
        for (unsigned t = 0; t < 100; t++)
            assert_null(blk->text[f][t]);
    }
    /* removing an absent text leaves the shared row */
    assert_int_equal(tocex_cdtext_set(ct, 2, TOCEX_CDTEXT_COMPOSER, 5, NULL, NULL), TOCEX_OK);
    assert_int_equal(tocex_cdtext_set(ct, 2, TOCEX_CDTEXT_COMPOSER, 5, "", NULL), TOCEX_OK);
    assert_ptr_equal(blk->text[TOCEX_CDTEXT_COMPOSER], blk->text[0]);
    /* a row of its own, all absent, the same on the next call */
    row = tocex_cdtext_row(ct, blk, TOCEX_CDTEXT_MESSAGE);
    assert_non_null(row);
    assert_ptr_not_equal(row, blk->text[TOCEX_CDTEXT_COMPOSER]);
    assert_ptr_equal(row, blk->text[TOCEX_CDTEXT_MESSAGE]);
    assert_ptr_equal(tocex_cdtext_row(ct, blk, TOCEX_CDTEXT_MESSAGE), row);
    for (unsigned t = 0; t < 100; t++)
        assert_null(row[t]);
    /* strings put into it belong to the set */
    row[0] = dup_text("disc message");
    row[99] = dup_text("last track");
    assert_string_equal(tocex_cdtext_get(ct, 2, TOCEX_CDTEXT_MESSAGE, 0), "disc message");
    assert_string_equal(tocex_cdtext_get(ct, 2, TOCEX_CDTEXT_MESSAGE, 99), "last track");
    assert_null(tocex_cdtext_get(ct, 2, TOCEX_CDTEXT_MESSAGE, 1));
    /* the other rows are still the shared one, still empty */
    assert_null(tocex_cdtext_get(ct, 2, TOCEX_CDTEXT_TITLE, 0));
    assert_ptr_equal(blk->text[TOCEX_CDTEXT_TITLE], blk->text[TOCEX_CDTEXT_COMPOSER]);
    /* set makes a row when it stores a text */
    assert_int_equal(tocex_cdtext_set(ct, 2, TOCEX_CDTEXT_TITLE, 7, "seven", NULL), TOCEX_OK);
    assert_ptr_not_equal(blk->text[TOCEX_CDTEXT_TITLE], blk->text[TOCEX_CDTEXT_COMPOSER]);
    assert_string_equal(blk->text[TOCEX_CDTEXT_TITLE][7], "seven");
    assert_null(blk->text[TOCEX_CDTEXT_TITLE][6]);
    /* a second block has its own rows */
    b2 = tocex_cdtext_block_get(ct, 5, true);
    assert_non_null(b2);
    blk = tocex_cdtext_block_get(ct, 2, false); /* (blocks stay where they are) */
    assert_null(b2->text[TOCEX_CDTEXT_MESSAGE][0]);
    assert_string_equal(blk->text[TOCEX_CDTEXT_MESSAGE][0], "disc message");
    /* arguments that name no row of this set */
    assert_null(tocex_cdtext_row(NULL, blk, TOCEX_CDTEXT_TITLE));
    assert_null(tocex_cdtext_row(ct, NULL, TOCEX_CDTEXT_TITLE));
    assert_null(tocex_cdtext_row(ct, blk, TOCEX_CDTEXT_FIELD_COUNT));
    assert_null(tocex_cdtext_row(ct, &ct->blocks[2], TOCEX_CDTEXT_TITLE)); /* not in use */
    assert_null(tocex_cdtext_row(ct, (tocex_cdtext_block *)(void *)&blk->text[1], TOCEX_CDTEXT_TITLE));
    assert_null(tocex_cdtext_block_get(other, 0, false));
    assert_null(tocex_cdtext_row(other, blk, TOCEX_CDTEXT_TITLE));
    /* the encoder reads the rows like any other */
    {
        size_t n;
        uint8_t *packs = encode(ct, &n);
        tocex_cdtext *back = NULL;
        assert_int_equal(tocex_cdtext_decode(packs, n, &back, NULL), TOCEX_OK);
        assert_string_equal(tocex_cdtext_get(back, 2, TOCEX_CDTEXT_MESSAGE, 99), "last track");
        assert_string_equal(tocex_cdtext_get(back, 2, TOCEX_CDTEXT_TITLE, 7), "seven");
        tocex_cdtext_free(back);
        free(packs);
    }
    tocex_cdtext_free(ct); /* frees the rows and the strings put into them (checked by ASan) */
    tocex_cdtext_free(other);
}

static void test_decoded_storage(void **state)
{
    tocex_cdtext *ct = sample_set(40), *back = NULL;
    tocex_cdtext_block *blk;
    size_t n;
    uint8_t *packs = encode(ct, &n);
    char **row;
    (void)state;
    assert_int_equal(tocex_cdtext_decode(packs, n, &back, NULL), TOCEX_OK);
    same_texts(ct, back);
    assert_int_equal(back->warnings, 0);
    /* single-byte texts and their rows lie in the storage; fields without texts share a row */
    assert_false(back->texts_outside);
    blk = &back->blocks[0];
    for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
        bool used = f == TOCEX_CDTEXT_TITLE || f == TOCEX_CDTEXT_PERFORMER || f == TOCEX_CDTEXT_SONGWRITER ||
                    f == TOCEX_CDTEXT_UPC_ISRC;
        assert_true(used ? in_store(back, blk->text[f]) : blk->text[f] == blk->text[TOCEX_CDTEXT_COMPOSER]);
        for (unsigned t = 0; t < 100; t++)
            if (blk->text[f][t] != NULL)
                assert_true(in_store(back, blk->text[f][t]));
    }
    /* the repeated title (a TAB) reads as the text it repeats */
    assert_string_equal(blk->text[TOCEX_CDTEXT_TITLE][3], "Song 2");
    assert_string_equal(blk->text[TOCEX_CDTEXT_TITLE][2], "Song 2");
    /* replacing a text in the storage: the old one is not freed, the repeat keeps its text */
    assert_int_equal(tocex_cdtext_set(back, 0, TOCEX_CDTEXT_TITLE, 2, "Other", NULL), TOCEX_OK);
    assert_true(back->texts_outside);
    assert_string_equal(tocex_cdtext_get(back, 0, TOCEX_CDTEXT_TITLE, 2), "Other");
    assert_string_equal(tocex_cdtext_get(back, 0, TOCEX_CDTEXT_TITLE, 3), "Song 2");
    assert_int_equal(tocex_cdtext_set(back, 0, TOCEX_CDTEXT_TITLE, 3, NULL, NULL), TOCEX_OK);
    assert_null(tocex_cdtext_get(back, 0, TOCEX_CDTEXT_TITLE, 3));
    assert_int_equal(tocex_cdtext_set(back, 0, TOCEX_CDTEXT_TITLE, 2, "Again", NULL), TOCEX_OK);
    /* a decoded row taken for direct writes is the row itself */
    row = tocex_cdtext_row(back, blk, TOCEX_CDTEXT_UPC_ISRC);
    assert_ptr_equal(row, blk->text[TOCEX_CDTEXT_UPC_ISRC]);
    row[5] = dup_text("direct");
    /* a row of a field the packs did not have */
    row = tocex_cdtext_row(back, blk, TOCEX_CDTEXT_ARRANGER);
    assert_non_null(row);
    assert_false(in_store(back, row));
    row[1] = dup_text("arranger");
    assert_string_equal(tocex_cdtext_get(back, 0, TOCEX_CDTEXT_ARRANGER, 1), "arranger");
    assert_null(tocex_cdtext_get(back, 0, TOCEX_CDTEXT_COMPOSER, 1));
    tocex_cdtext_free(back); /* frees exactly the texts and rows outside the storage */
    tocex_cdtext_free(ct);
    free(packs);
    /* double-byte texts are converted by iconv: they lie outside the storage */
    ct = tocex_cdtext_new();
    assert_non_null(ct);
    blk = tocex_cdtext_block_get(ct, 0, true);
    assert_non_null(blk);
    blk->charset = TOCEX_CDTEXT_CHARSET_MS_JIS;
    assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, 1, "\xe6\x97\xa5\xe6\x9c\xac", NULL), TOCEX_OK);
    assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, 2, "\xe6\x97\xa5\xe6\x9c\xac", NULL), TOCEX_OK);
    assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_UPC_ISRC, 1, "JPXYZ2600001", NULL), TOCEX_OK);
    {
        tocex_buf b;
        tocex_error e;
        tocex_buf_init(&b);
        if (tocex_cdtext_encode(ct, &b, &e) == TOCEX_OK) {
            assert_int_equal(tocex_cdtext_decode(b.data, b.len / 18, &back, NULL), TOCEX_OK);
            assert_true(back->texts_outside);
            same_texts(ct, back);
            assert_false(in_store(back, back->blocks[0].text[TOCEX_CDTEXT_TITLE][1]));
            assert_true(in_store(back, back->blocks[0].text[TOCEX_CDTEXT_UPC_ISRC][1]));
            tocex_cdtext_free(back);
        } else {
            print_message("MS-JIS not checked: %s\n", e.message); /* no converter */
        }
        tocex_buf_free(&b);
    }
    tocex_cdtext_free(ct);
}

/* Packs of one block reordered: types in reverse order (each type's packs kept in order). */
static uint8_t *types_reversed(const uint8_t *packs, size_t n)
{
    uint8_t *out = malloc(n * TOCEX_CDTEXT_PACK_SIZE);
    size_t k = 0;
    assert_non_null(out);
    for (int type = 0x8F; type >= 0x80; type--)
        for (size_t i = 0; i < n; i++)
            if (packs[i * TOCEX_CDTEXT_PACK_SIZE] == type)
                memcpy(out + k++ * TOCEX_CDTEXT_PACK_SIZE, packs + i * TOCEX_CDTEXT_PACK_SIZE, TOCEX_CDTEXT_PACK_SIZE);
    assert_int_equal(k, n);
    return out;
}

static void test_order_paths(void **state)
{
    (void)state;
    for (unsigned tracks = 1; tracks <= 64; tracks += 7) {
        tocex_cdtext *ct = sample_set(tracks), *a = NULL, *b = NULL, *c = NULL;
        size_t n;
        uint8_t *packs = encode(ct, &n), *rev = types_reversed(packs, n), *ext;
        /* in order (one pass), reordered (the general path: warnings for the sequence
         * numbers, same texts), and with an extension-flag pack added (skipped, general path) */
        assert_int_equal(tocex_cdtext_decode(packs, n, &a, NULL), TOCEX_OK);
        assert_int_equal(tocex_cdtext_decode(rev, n, &b, NULL), TOCEX_OK);
        same_texts(ct, a);
        assert_int_equal(a->warnings, 0);
        assert_true(b->warnings > 0);
        assert_non_null(strstr(b->first_warning, "sequence number"));
        b->warnings = a->warnings;
        strcpy(b->first_warning, a->first_warning);
        same_texts(a, b);
        ext = malloc((n + 1) * TOCEX_CDTEXT_PACK_SIZE);
        assert_non_null(ext);
        memcpy(ext, packs, TOCEX_CDTEXT_PACK_SIZE);
        ext[1] |= 0x80;
        memcpy(ext + TOCEX_CDTEXT_PACK_SIZE, packs, n * TOCEX_CDTEXT_PACK_SIZE);
        assert_int_equal(tocex_cdtext_decode(ext, n + 1, &c, NULL), TOCEX_OK);
        assert_int_equal(c->warnings, 1);
        assert_non_null(strstr(c->first_warning, "extension flag"));
        c->warnings = 0;
        c->first_warning[0] = '\0';
        c->crc_errors = a->crc_errors; /* (the flagged copy's CRC no longer matches) */
        same_texts(a, c);
        tocex_cdtext_free(a);
        tocex_cdtext_free(b);
        tocex_cdtext_free(c);
        tocex_cdtext_free(ct);
        free(packs);
        free(rev);
        free(ext);
    }
}

static uint16_t crc_bitwise(const uint8_t *p)
{
    unsigned crc = 0;
    for (unsigned i = 0; i < 16; i++) {
        crc ^= (unsigned)p[i] << 8;
        for (unsigned k = 0; k < 8; k++)
            crc = (crc & 0x8000u) != 0 ? (crc << 1) ^ 0x1021u : crc << 1;
        crc &= 0xFFFFu;
    }
    return (uint16_t)(crc ^ 0xFFFFu);
}

static void check_crc_paths(void)
{
    enum { N = 3000 };
    uint8_t *packs = malloc(N * TOCEX_CDTEXT_PACK_SIZE);
    uint64_t r = 99;
    size_t bad = 0, zero = 0, want_bad = 0, want_zero = 0;
    assert_non_null(packs);
    for (size_t i = 0; i < N; i++) {
        uint8_t *p = packs + i * TOCEX_CDTEXT_PACK_SIZE;
        for (unsigned k = 0; k < 18; k++)
            p[k] = (uint8_t)(i < 2048 ? (k == i / 128 ? (long)(i % 256) : (long)(i & 1) * 0xFF)
                                      : tu_rand_range(&r, 0, 255));
        assert_int_equal(tocex_cdtext_crc(p), crc_bitwise(p));
        assert_int_equal(tocex_cdtext_pack_crc_ok(p), tocex_be16(p + 16) == crc_bitwise(p));
    }
    /* put: every pack gets its CRC */
    tocex_cdtext_crc_put(packs, N);
    for (size_t i = 0; i < N; i++) {
        const uint8_t *p = packs + i * TOCEX_CDTEXT_PACK_SIZE;
        assert_int_equal(tocex_be16(p + 16), crc_bitwise(p));
        assert_true(tocex_cdtext_pack_crc_ok(p));
    }
    /* count: damage some packs, zero the CRC of others */
    for (size_t i = 0; i < N; i++) {
        uint8_t *p = packs + i * TOCEX_CDTEXT_PACK_SIZE;
        long roll = tu_rand_range(&r, 0, 5);
        if (roll == 0) {
            p[tu_rand_range(&r, 0, 17)] ^= (uint8_t)(1u << tu_rand_range(&r, 0, 7));
        } else if (roll == 1) {
            p[16] = p[17] = 0;
        }
        if (tocex_be16(p + 16) != crc_bitwise(p)) {
            if (tocex_be16(p + 16) == 0)
                want_zero++;
            else
                want_bad++;
        }
    }
    tocex_cdtext_crc_count(packs, N, &bad, &zero);
    assert_true(want_bad > 0 && want_zero > 0);
    assert_int_equal(bad, want_bad);
    assert_int_equal(zero, want_zero);
    bad = zero = 0;
    tocex_cdtext_crc_count(packs, 0, &bad, &zero);
    assert_int_equal(bad + zero, 0);
    free(packs);
}

static void test_crc_paths(void **state)
{
    (void)state;
    check_crc_paths(); /* carry-less multiplication where the processor has it */
    tocex_cdtext_crc_tables_only(true);
    check_crc_paths();
    tocex_cdtext_crc_tables_only(false);
}

static void test_encode_buffers(void **state)
{
    tocex_cdtext *ct = sample_set(30);
    size_t n;
    uint8_t *packs = encode(ct, &n), small[18 * 10], big[18 * 400];
    tocex_buf b;
    tocex_error e;
    (void)state;
    /* appended after what the buffer holds */
    tocex_buf_init(&b);
    assert_true(tocex_buf_put_bytes(&b, "xyz", 3));
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_OK);
    assert_int_equal(b.len, 3 + n * 18);
    assert_memory_equal(b.data, "xyz", 3);
    assert_memory_equal(b.data + 3, packs, n * 18);
    /* twice: the same packs again */
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_OK);
    assert_int_equal(b.len, 3 + 2 * n * 18);
    assert_memory_equal(b.data + 3 + n * 18, packs, n * 18);
    tocex_buf_free(&b);
    /* a fixed buffer that holds them */
    tocex_buf_init_fixed(&b, big, sizeof big);
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_OK);
    assert_int_equal(b.len, n * 18);
    assert_memory_equal(big, packs, n * 18);
    /* one that does not: an error, nothing kept */
    tocex_buf_init_fixed(&b, small, sizeof small);
    assert_true(tocex_buf_put_bytes(&b, "ab", 2));
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_E_NOMEM);
    assert_non_null(strstr(e.message, "output buffer full"));
    assert_int_equal(b.len, 2);
    /* a buffer that failed before */
    tocex_buf_init(&b);
    b.failed = true;
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_E_NOMEM);
    assert_int_equal(b.len, 0);
    tocex_buf_free(&b);
    /* with the buffer full after block 0, a text error in block 1 is still the one reported */
    assert_int_equal(tocex_cdtext_set(ct, 1, TOCEX_CDTEXT_TITLE, 30, "\t", NULL), TOCEX_OK);
    tocex_buf_init_fixed(&b, small, sizeof small);
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_E_INVALID_ARGUMENT);
    assert_non_null(strstr(e.message, "block 1 TITLE track 30"));
    assert_int_equal(b.len, 0);
    tocex_buf_init(&b);
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_E_INVALID_ARGUMENT);
    assert_int_equal(b.len, 0);
    tocex_buf_free(&b);
    tocex_cdtext_free(ct);
    free(packs);
}

static void test_encode_limit_order(void **state)
{
    tocex_cdtext *ct = tocex_cdtext_new();
    char text[161];
    tocex_buf b;
    tocex_error e;
    (void)state;
    /* titles that need more than 253 packs: the limit is the error ... */
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    for (unsigned t = 1; t <= 40; t++) {
        text[0] = (char)('A' + t % 26);
        assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, t, text, NULL), TOCEX_OK);
    }
    tocex_buf_init(&b);
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_E_LIMIT);
    assert_non_null(strstr(e.message, "more than 253 packs"));
    assert_int_equal(b.len, 0);
    /* ... unless a later title of that type cannot be written at all: then that one is named */
    assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, 39, "\xe2\x82\xac", NULL), TOCEX_OK);
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_E_CHARSET);
    assert_non_null(strstr(e.message, "TITLE track 39"));
    assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, 39, "\t", NULL), TOCEX_OK);
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_E_INVALID_ARGUMENT);
    assert_non_null(strstr(e.message, "TITLE track 39"));
    /* a text equal to the one before it is a TAB, not converted again */
    assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, 39, "same", NULL), TOCEX_OK);
    assert_int_equal(tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, 40, "same", NULL), TOCEX_OK);
    assert_int_equal(tocex_cdtext_encode(ct, &b, &e), TOCEX_E_LIMIT);
    tocex_buf_free(&b);
    tocex_cdtext_free(ct);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_decoded_storage),
        cmocka_unit_test(test_order_paths),
        cmocka_unit_test(test_crc_paths),
        cmocka_unit_test(test_encode_buffers),
        cmocka_unit_test(test_encode_limit_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
