/* Alcohol .mds reader: generated single-session CD, two-session CD-R and DVD descriptors, and
 * malformed variants. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/addr.h"
#include "tocex/bytes.h"
#include "tocex/image.h"

typedef struct gen_block {
    uint8_t mode, adr_control, point, min, sec, frame, zero, pmin, psec, pframe;
    uint16_t sector_size;
    uint32_t start;           /* start sector (tracks) */
    uint32_t pregap, length;  /* extra block (tracks) */
} gen_block;

typedef struct gen_session {
    int32_t start, end;
    size_t nblocks;
    gen_block b[8];
} gen_session;

typedef struct gen_mds {
    uint16_t medium;
    size_t nsessions;
    gen_session s[3];
} gen_mds;

static void put_u16le_at(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_u32le_at(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Layout: header (58h), session blocks, track blocks, extra blocks. Returns the length. */
static size_t gen(const gen_mds *g, uint8_t *out, size_t cap)
{
    size_t sess_at = 0x58, track_at = sess_at + 24 * g->nsessions, extra_at, nblocks = 0;
    memset(out, 0, cap);
    for (size_t i = 0; i < g->nsessions; i++)
        nblocks += g->s[i].nblocks;
    extra_at = track_at + 80 * nblocks;
    assert_true(extra_at + 8 * nblocks <= cap);
    memcpy(out, "MEDIA DESCRIPTOR", 16);
    out[16] = 1;
    out[17] = 5;
    put_u16le_at(out + 0x12, g->medium);
    put_u16le_at(out + 0x14, (uint16_t)g->nsessions);
    put_u32le_at(out + 0x50, (uint32_t)sess_at);
    for (size_t i = 0; i < g->nsessions; i++) {
        const gen_session *s = &g->s[i];
        uint8_t *sb = out + sess_at + 24 * i;
        uint8_t nontrack = 0;
        for (size_t k = 0; k < s->nblocks; k++)
            nontrack = (uint8_t)(nontrack + (s->b[k].point < 1 || s->b[k].point > 99));
        put_u32le_at(sb, (uint32_t)s->start);
        put_u32le_at(sb + 4, (uint32_t)s->end);
        put_u16le_at(sb + 8, (uint16_t)(i + 1));
        sb[10] = (uint8_t)s->nblocks;
        sb[11] = nontrack;
        put_u32le_at(sb + 20, (uint32_t)track_at);
        for (size_t k = 0; k < s->nblocks; k++) {
            const gen_block *b = &s->b[k];
            uint8_t *tb = out + track_at;
            tb[0] = b->mode;
            tb[2] = b->adr_control;
            tb[4] = b->point;
            tb[5] = b->min;
            tb[6] = b->sec;
            tb[7] = b->frame;
            tb[8] = b->zero;
            tb[9] = b->pmin;
            tb[10] = b->psec;
            tb[11] = b->pframe;
            if (b->point >= 1 && b->point <= 99) {
                put_u32le_at(tb + 12, (uint32_t)extra_at);
                put_u16le_at(tb + 16, b->sector_size);
                put_u32le_at(tb + 36, b->start);
                put_u32le_at(out + extra_at, b->pregap);
                put_u32le_at(out + extra_at + 4, b->length);
                extra_at += 8;
            }
            track_at += 80;
        }
    }
    return extra_at;
}

static gen_block q(uint8_t mode, uint8_t ac, uint8_t point, uint8_t pm, uint8_t ps, uint8_t pf)
{
    gen_block b;
    memset(&b, 0, sizeof b);
    b.mode = mode;
    b.adr_control = ac;
    b.point = point;
    b.pmin = pm;
    b.psec = ps;
    b.pframe = pf;
    return b;
}

static gen_block track(uint8_t mode, uint8_t ac, uint8_t point, int32_t lba, uint16_t ssize, uint32_t pregap)
{
    tocex_msf m;
    gen_block b;
    assert_true(tocex_lba_to_msf(lba, &m));
    b = q(mode, ac, point, m.m, m.s, m.f);
    b.sector_size = ssize;
    b.start = (uint32_t)lba;
    b.pregap = pregap;
    return b;
}

static void single_session(gen_mds *g)
{
    memset(g, 0, sizeof *g);
    g->medium = 0x00;
    g->nsessions = 1;
    g->s[0].start = -150;
    g->s[0].end = 2000;
    g->s[0].nblocks = 5;
    g->s[0].b[0] = q(0, 0x10, 0xA0, 1, 0x00, 0);
    g->s[0].b[1] = q(0, 0x14, 0xA1, 2, 0, 0);
    g->s[0].b[2] = q(0, 0x14, 0xA2, 0, 28, 50); /* 00:28:50 = LBA 2000 */
    g->s[0].b[3] = track(0xA9, 0x10, 1, 0, 2352, 150);
    g->s[0].b[4] = track(0xAA, 0x14, 2, 1000, 2048, 150);
}

static uint8_t buf[8192];

static void test_single_session(void **state)
{
    gen_mds g;
    size_t n;
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    single_session(&g);
    n = gen(&g, buf, sizeof buf);
    assert_int_equal(tocex_image_parse_mds("s.mds", buf, n, d, &err), TOCEX_OK);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
    assert_int_equal(d->session_count, 1);
    assert_int_equal(d->track_count, 2);
    assert_int_equal(d->tracks[0].start, 0);
    assert_int_equal(d->tracks[0].mode, TOCEX_MODE_AUDIO);
    assert_int_equal(d->tracks[0].control, 0x0);
    assert_int_equal(d->tracks[0].sector_size, 2352);
    assert_int_equal(d->tracks[1].start, 1000);
    assert_int_equal(d->tracks[1].mode, TOCEX_MODE_MODE1);
    assert_int_equal(d->tracks[1].control, 0x4);
    assert_int_equal(d->tracks[1].pregap, 150);
    assert_int_equal(d->sessions[0].leadout, 2000);
    assert_int_equal(d->sessions[0].disc_type, 0x00);
    assert_int_equal(d->fulltoc_count, 5);
    assert_int_equal(d->fulltoc[2].point, 0xA2);
    assert_int_equal(d->fulltoc[2].session, 1);
    assert_true(d->known & TOCEX_KNOWN_FULLTOC);
    assert_false(d->sessions[0].has_b0);
    tocex_disc_free(d);
    free(d);
}

/* Two sessions with the HERONG dump's numbers (mmc-read-toc.md §2.3): lead-outs 26:24:65 and
 * 30:04:60, track 2 at 28:56:65, B0 28:54:65 / 31:34:60, C0 first lead-in 97:34:21. */
static void test_two_sessions(void **state)
{
    gen_mds g;
    size_t n;
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    memset(&g, 0, sizeof g);
    g.medium = 0x01;
    g.nsessions = 2;
    g.s[0].nblocks = 6;
    g.s[0].b[0] = q(0, 0x14, 0xA0, 1, 0x20, 0);
    g.s[0].b[1] = q(0, 0x14, 0xA1, 1, 0, 0);
    g.s[0].b[2] = q(0, 0x14, 0xA2, 0x1A, 0x18, 0x41);
    g.s[0].b[3] = track(0xEC, 0x14, 1, 0, 2048, 150);
    g.s[0].b[4] = q(0, 0x54, 0xB0, 0x4A, 0x2B, 0x00);
    g.s[0].b[4].min = 0x1C;
    g.s[0].b[4].sec = 0x36;
    g.s[0].b[4].frame = 0x41;
    g.s[0].b[4].zero = 2;
    g.s[0].b[5] = q(0, 0x54, 0xC0, 0x61, 0x22, 0x15);
    g.s[0].b[5].min = 0x80;
    g.s[1].nblocks = 5;
    g.s[1].b[0] = q(0, 0x14, 0xA0, 2, 0x20, 0);
    g.s[1].b[1] = q(0, 0x14, 0xA1, 2, 0, 0);
    g.s[1].b[2] = q(0, 0x14, 0xA2, 0x1E, 0x04, 0x3C);
    g.s[1].b[3] = track(0xEC, 0x14, 2, (28 * 60 + 56) * 75 + 65 - 150, 2048, 150);
    g.s[1].b[4] = q(0, 0x54, 0xB0, 0x4A, 0x2B, 0x00);
    g.s[1].b[4].min = 0x1F;
    g.s[1].b[4].sec = 0x22;
    g.s[1].b[4].frame = 0x3C;
    g.s[1].b[4].zero = 1;
    n = gen(&g, buf, sizeof buf);
    assert_int_equal(tocex_image_parse_mds("two.mds", buf, n, d, &err), TOCEX_OK);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_R);
    assert_int_equal(d->session_count, 2);
    assert_int_equal(d->track_count, 2);
    assert_int_equal(d->sessions[0].leadout, 118715);
    assert_int_equal(d->sessions[1].leadout, 135210);
    assert_int_equal(d->tracks[1].start, 118715 + 11400);
    assert_int_equal(d->tracks[1].session, 2);
    assert_int_equal(d->tracks[0].mode, TOCEX_MODE_MODE2_FORM1);
    assert_int_equal(d->sessions[0].disc_type, 0x20);
    assert_true(d->sessions[0].has_b0);
    assert_int_equal(d->sessions[0].b0_next_program, 118715 + 11250);
    assert_int_equal(d->sessions[0].b0_pointers, 2);
    assert_true(d->sessions[0].has_c0);
    assert_int_equal(d->sessions[0].c0_atip[0], 0x80);
    assert_int_equal(d->sessions[1].b0_next_program, 135210 + 6750);
    assert_true(d->appendable);
    assert_int_equal(d->fulltoc_count, 11);
    tocex_disc_free(d);
    free(d);
}

static void test_dvd(void **state)
{
    gen_mds g;
    size_t n;
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    memset(&g, 0, sizeof g);
    g.medium = 0x10;
    g.nsessions = 1;
    g.s[0].end = 2295104;
    g.s[0].nblocks = 1;
    g.s[0].b[0] = q(0x02, 0x14, 1, 0, 0, 0);
    g.s[0].b[0].sector_size = 2048;
    g.s[0].b[0].length = 2295104;
    n = gen(&g, buf, sizeof buf);
    assert_int_equal(tocex_image_parse_mds("dvd.mds", buf, n, d, &err), TOCEX_OK);
    assert_int_equal(d->media, TOCEX_MEDIA_DVD_ROM);
    assert_int_equal(d->track_count, 1);
    assert_int_equal(d->capacity, 2295104);
    assert_int_equal(tocex_disc_leadout(d), 2295104);
    tocex_disc_free(d);
    free(d);
}

/* Three DVD sessions of eight blocks each (a fuzzing find: the entry table must grow with the
 * number of blocks read so far, not with the tracks of the current session). */
static void test_dvd_sessions(void **state)
{
    gen_mds g;
    size_t n;
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    memset(&g, 0, sizeof g);
    g.medium = 0x12;
    g.nsessions = 3;
    for (size_t s = 0; s < 3; s++) {
        g.s[s].nblocks = 8;
        for (size_t k = 0; k < 7; k++)
            g.s[s].b[k] = q(0, 0x14, (uint8_t)(0xA0 + k), 0, 0, 0);
        g.s[s].b[7] = q(0x02, 0x14, (uint8_t)(s + 1), 0, 0, 0);
        g.s[s].b[7].sector_size = 2048;
        g.s[s].b[7].start = (uint32_t)(s * 100000);
        g.s[s].b[7].length = 50000;
    }
    n = gen(&g, buf, sizeof buf);
    assert_int_equal(tocex_image_parse_mds("dvd3.mds", buf, n, d, &err), TOCEX_OK);
    assert_int_equal(d->media, TOCEX_MEDIA_DVD_R);
    assert_int_equal(d->session_count, 3);
    assert_int_equal(d->tracks[2].start, 200000);
    assert_int_equal(d->sessions[2].leadout, 250000);
    assert_int_equal(d->capacity, 250000);
    tocex_disc_free(d);
    free(d);
}

static void test_errors(void **state)
{
    gen_mds g;
    size_t n;
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    uint8_t *m;
    uint64_t rng = 99;
    (void)state;
    single_session(&g);
    n = gen(&g, buf, sizeof buf);
    m = malloc(n);
    assert_non_null(m);
    /* wrong magic */
    memcpy(m, buf, n);
    m[3] = 'X';
    assert_int_equal(tocex_image_parse_mds("m.mds", m, n, d, &err), TOCEX_E_PARSE);
    assert_int_equal(err.offset, 0);
    /* MDS v2 */
    memcpy(m, buf, n);
    m[16] = 2;
    assert_int_equal(tocex_image_parse_mds("m.mds", m, n, d, &err), TOCEX_E_UNSUPPORTED);
    assert_int_equal(err.offset, 16);
    /* truncated header */
    assert_int_equal(tocex_image_parse_mds("m.mds", buf, 40, d, &err), TOCEX_E_TRUNCATED);
    /* session block offset past the end */
    memcpy(m, buf, n);
    put_u32le_at(m + 0x50, 0xFFFFFFF0u);
    assert_int_equal(tocex_image_parse_mds("m.mds", m, n, d, &err), TOCEX_E_TRUNCATED);
    assert_int_equal(err.offset, 0x50);
    /* absurd block count: 255 track blocks in a short file */
    memcpy(m, buf, n);
    m[0x58 + 10] = 255;
    assert_int_equal(tocex_image_parse_mds("m.mds", m, n, d, &err), TOCEX_E_TRUNCATED);
    assert_int_equal(err.offset, 0x58 + 20);
    /* absurd session count */
    memcpy(m, buf, n);
    put_u16le_at(m + 0x14, 0xFFFF);
    assert_int_equal(tocex_image_parse_mds("m.mds", m, n, d, &err), TOCEX_E_PARSE);
    assert_int_equal(err.offset, 0x14);
    /* a file cut inside the track blocks */
    assert_int_equal(tocex_image_parse_mds("m.mds", buf, 0x58 + 24 + 100, d, &err), TOCEX_E_TRUNCATED);
    assert_true(err.offset > 0);
    /* random corruption never crashes */
    for (int round = 0; round < 3000; round++) {
        memcpy(m, buf, n);
        for (int k = 0; k < 3; k++)
            m[tu_rand_range(&rng, 16, (long)n - 1)] = (uint8_t)tu_rand(&rng);
        if (tocex_image_parse_mds("m.mds", m, (size_t)tu_rand_range(&rng, (long)n - 40, (long)n), d, &err) ==
            TOCEX_OK)
            tocex_disc_free(d);
    }
    free(m);
    assert_int_not_equal(tocex_image_read_mds("/nonexistent/x.mds", d, &err), TOCEX_OK);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_session),
        cmocka_unit_test(test_two_sessions),
        cmocka_unit_test(test_dvd),
        cmocka_unit_test(test_dvd_sessions),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
