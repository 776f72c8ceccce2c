/* Randomized checks of the READ TOC encoder against the disc model it encodes: for many random
 * multi-session discs, the formatted TOC, session info and full TOC must restate the model
 * (tracks, starts, ADR/CONTROL, lead-outs, session structure) in the MMC layouts, the BCD
 * quirk must give valid BCD of the same values, and no CDB at all may produce anything but an
 * answer with a consistent Data Length or a CHECK CONDITION. Deterministic seeds. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/addr.h"
#include "tocex/emu.h"
#include "tocex/mmc.h"

static tocex_disc *random_disc(uint64_t *rng)
{
    tocex_disc *d = malloc(sizeof *d);
    long sessions = tu_rand_range(rng, 1, 4);
    long first = tu_rand_range(rng, 1, 5);
    long number = first;
    int32_t lba = (int32_t)tu_rand_range(rng, 0, 300);
    assert_non_null(d);
    tocex_disc_init(d);
    d->media = tu_rand_range(rng, 0, 1) ? TOCEX_MEDIA_CD_R : TOCEX_MEDIA_CD_ROM;
    d->appendable = d->media == TOCEX_MEDIA_CD_R && tu_rand_range(rng, 0, 1);
    for (long s = 1; s <= sessions && number <= 99; s++) {
        long tracks = tu_rand_range(rng, 1, 30);
        for (long t = 0; t < tracks && number <= 99; t++, number++) {
            uint8_t ctl = (uint8_t)tu_rand_range(rng, 0, 15);
            tocex_track_mode mode = (ctl & 4) ? (tu_rand_range(rng, 0, 1) ? TOCEX_MODE_MODE1 : TOCEX_MODE_MODE2_FORM1)
                                              : TOCEX_MODE_AUDIO;
            assert_int_equal(tocex_disc_add_track(d, (uint8_t)s, (uint8_t)number, 1, ctl, mode, lba, NULL),
                             TOCEX_OK);
            lba += (int32_t)tu_rand_range(rng, 1, 3500); /* stays below 89:59:74 */
        }
        assert_int_equal(tocex_disc_set_leadout(d, (uint8_t)s, lba, NULL), TOCEX_OK);
        lba += (int32_t)tu_rand_range(rng, 1, 12000);
    }
    assert_int_equal(tocex_disc_finish(d, NULL), TOCEX_OK);
    return d;
}

static void encode(const tocex_disc *d, unsigned format, bool msf, uint8_t start, uint32_t quirks, tocex_buf *out)
{
    uint8_t cdb[10];
    tocex_sense sense;
    tocex_mmc_build_read_toc(cdb, format, msf, start, 0xFFFF);
    tocex_buf_init(out);
    assert_int_equal(tocex_mmc_encode_read_toc(d, cdb, 10, quirks, out, &sense), TOCEX_OK);
    assert_int_equal(tocex_be16(out->data), out->len - 2);
}

static uint32_t expected_address(int32_t lba, bool msf)
{
    tocex_msf m;
    if (!msf)
        return (uint32_t)lba;
    assert_true(tocex_lba_to_msf(lba, &m));
    return (uint32_t)m.m << 16 | (uint32_t)m.s << 8 | m.f;
}

static void check_formatted(const tocex_disc *d, bool msf)
{
    tocex_buf out;
    const tocex_track *last = &d->tracks[d->track_count - 1];
    const uint8_t *p;
    encode(d, 0, msf, 0, 0, &out);
    assert_int_equal(out.len, 4 + 8 * (d->track_count + 1));
    assert_int_equal(out.data[2], d->tracks[0].number);
    assert_int_equal(out.data[3], last->number);
    for (size_t i = 0; i < d->track_count; i++) {
        p = out.data + 4 + 8 * i;
        assert_int_equal(p[0], 0);
        assert_int_equal(p[1], 0x10 | d->tracks[i].control);
        assert_int_equal(p[2], d->tracks[i].number);
        assert_int_equal(tocex_be32(p + 4), expected_address(d->tracks[i].start, msf));
    }
    p = out.data + 4 + 8 * d->track_count;
    assert_int_equal(p[1], 0x10 | last->control);
    assert_int_equal(p[2], 0xAA);
    assert_int_equal(tocex_be32(p + 4), expected_address(d->sessions[d->session_count - 1].leadout, msf));
    tocex_buf_free(&out);
}

static void check_session_info(const tocex_disc *d)
{
    tocex_buf out;
    const tocex_session *s = &d->sessions[d->session_count - 1];
    int i = tocex_disc_track_index(d, s->first_track);
    assert_true(i >= 0);
    encode(d, 1, false, 0, 0, &out);
    assert_int_equal(out.len, 12);
    assert_int_equal(out.data[2], 1);
    assert_int_equal(out.data[3], d->session_count);
    assert_int_equal(out.data[6], s->first_track);
    assert_int_equal(tocex_be32(out.data + 8), (uint32_t)d->tracks[i].start);
    tocex_buf_free(&out);
}

static uint8_t from_bcd(uint8_t v)
{
    uint8_t b = 0;
    assert_true(tocex_bcd_to_bin(v, &b));
    return b;
}

static void check_full(const tocex_disc *d, bool bcd)
{
    tocex_buf out;
    size_t expect = 0, at = 4;
    encode(d, 2, false, 0, bcd ? TOCEX_QUIRK_FULLTOC_BCD : 0, &out);
    for (size_t k = 0; k < d->session_count; k++) {
        const tocex_session *s = &d->sessions[k];
        expect += 3u + (size_t)(s->last_track - s->first_track + 1) + (s->has_b0 ? 1u : 0u) + (s->has_c0 ? 1u : 0u);
    }
    assert_int_equal(out.len, 4 + 11 * expect);
    for (size_t k = 0; k < d->session_count; k++) {
        const tocex_session *s = &d->sessions[k];
        const uint8_t *a0 = out.data + at, *a1 = a0 + 11, *a2 = a1 + 11;
        tocex_msf m;
        assert_int_equal(a0[0], s->number);
        assert_int_equal(a0[3], 0xA0);
        assert_int_equal(a0[9], s->disc_type);
        assert_int_equal(bcd ? from_bcd(a0[8]) : a0[8], s->first_track);
        assert_int_equal(a1[3], 0xA1);
        assert_int_equal(bcd ? from_bcd(a1[8]) : a1[8], s->last_track);
        assert_int_equal(a2[3], 0xA2);
        assert_true(tocex_lba_to_msf(s->leadout, &m));
        assert_int_equal(bcd ? from_bcd(a2[8]) : a2[8], m.m);
        assert_int_equal(bcd ? from_bcd(a2[9]) : a2[9], m.s);
        assert_int_equal(bcd ? from_bcd(a2[10]) : a2[10], m.f);
        at += 33;
        for (unsigned t = s->first_track; t <= s->last_track; t++, at += 11) {
            const uint8_t *e = out.data + at;
            const tocex_track *tr = &d->tracks[tocex_disc_track_index(d, t)];
            assert_int_equal(e[0], s->number);
            assert_int_equal(e[1], 0x10 | tr->control);
            assert_int_equal(bcd ? from_bcd(e[3]) : e[3], t);
            assert_true(tocex_lba_to_msf(tr->start, &m));
            assert_int_equal(bcd ? from_bcd(e[8]) : e[8], m.m);
            assert_int_equal(bcd ? from_bcd(e[9]) : e[9], m.s);
            assert_int_equal(bcd ? from_bcd(e[10]) : e[10], m.f);
        }
        if (s->has_b0) {
            const uint8_t *e = out.data + at;
            assert_int_equal(e[1] >> 4, 5);
            assert_int_equal(e[3], 0xB0);
            assert_int_equal(e[7], s->b0_pointers);
            at += 11;
        }
        if (s->has_c0) {
            assert_int_equal(out.data[at + 3], 0xC0);
            at += 11;
        }
    }
    assert_int_equal(at, out.len);
    tocex_buf_free(&out);
}

static void test_random_discs(void **state)
{
    uint64_t rng = 0x5EED0001;
    (void)state;
    for (int n = 0; n < 300; n++) {
        tocex_disc *d = random_disc(&rng);
        check_formatted(d, false);
        check_formatted(d, true);
        check_session_info(d);
        check_full(d, false);
        check_full(d, true);
        tocex_disc_free(d);
        free(d);
    }
}

/* Any 10- or 12-byte READ TOC CDB: OK with Data Length = total − 2, or CHECK CONDITION with an
 * ILLEGAL REQUEST sense; never anything else. */
static void test_random_cdbs(void **state)
{
    uint64_t rng = 0x5EED0002;
    (void)state;
    for (int n = 0; n < 40; n++) {
        tocex_disc *d = random_disc(&rng);
        for (int k = 0; k < 500; k++) {
            uint8_t cdb[12];
            tocex_buf out;
            tocex_sense sense = {0, 0, 0};
            tocex_status st;
            for (size_t i = 0; i < sizeof cdb; i++)
                cdb[i] = (uint8_t)tu_rand(&rng);
            cdb[0] = 0x43;
            /* keep half the CDBs plausible so the OK paths get exercised too */
            if (k % 2 == 0) {
                cdb[1] &= 0xE2;
                cdb[2] &= 0x07;
                cdb[3] = cdb[4] = cdb[5] = 0;
                if (k % 4 == 0)
                    cdb[6] = (uint8_t)(cdb[6] % 8);
            }
            tocex_buf_init(&out);
            st = tocex_mmc_encode_read_toc(d, cdb, k % 3 == 0 ? 12 : 10, (uint32_t)tu_rand(&rng) & 0x3F, &out, &sense);
            if (st == TOCEX_OK) {
                assert_true(out.len >= 4);
                assert_int_equal(tocex_be16(out.data), out.len - 2);
            } else {
                assert_int_equal(st, TOCEX_E_CHECK_CONDITION);
                assert_int_equal(sense.key, TOCEX_SK_ILLEGAL_REQUEST);
                assert_true(sense.asc == 0x24 || sense.asc == 0x30);
            }
            tocex_buf_free(&out);
        }
        tocex_disc_free(d);
        free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_discs),
        cmocka_unit_test(test_random_cdbs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
