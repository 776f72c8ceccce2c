/* Round trips: seeded random discs -> emulated drive -> tocex_read_disc == the disc; every format
 * for MSF 0 and 1 and every allocation length 0..full: each truncated answer is a prefix of the
 * full one (same Data Length) and decodes to a prefix of the full decode. Fixed seeds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/decode.h"
#include "tocex/emu.h"
#include "tocex/mmc.h"
#include "tocex/read.h"

#define DISCS 520

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifdef SANITIZED
#define EXHAUSTIVE 120
#else
#define EXHAUSTIVE 260
#endif

/* CD-TEXT pack CRC written from the definition (mmc-read-toc.md 2.6: poly 1021h, MSB first,
 * init 0, over bytes 0-15, all bits inverted), independent of the library's. */
static uint16_t pack_crc(const uint8_t *p)
{
    uint16_t crc = 0;
    for (int i = 0; i < 16; i++) {
        crc ^= (uint16_t)(p[i] << 8);
        for (int b = 0; b < 8; b++)
            crc = (uint16_t)((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
    }
    return (uint16_t)~crc;
}

static long rr(uint64_t *s, long lo, long hi) { return tu_rand_range(s, lo, hi); }

static void random_disc(uint64_t *seed, tocex_disc *d)
{
    tocex_error e;
    long sessions = rr(seed, 1, 5);
    long tracks = rr(seed, sessions, 99);
    long first = rr(seed, 0, 3) == 0 ? rr(seed, 1, 100 - tracks) : 1;
    long per_track = 250000 / tracks;
    int32_t lba = rr(seed, 0, 1) ? 0 : (int32_t)rr(seed, 0, 200);
    long media_pick = rr(seed, 0, 2);
    long number = first;

    tocex_disc_init(d);
    d->media = media_pick == 0 ? TOCEX_MEDIA_CD_ROM : media_pick == 1 ? TOCEX_MEDIA_CD_R : TOCEX_MEDIA_CD_RW;
    for (long s = 1; s <= sessions; s++) {
        /* tracks of this session: at least one, leaving one for each later session */
        long left = tracks - (number - first);
        long n = s == sessions ? left : rr(seed, 1, left - (sessions - s));
        for (long k = 0; k < n; k++) {
            long kind = rr(seed, 0, 3);
            tocex_track_mode mode = kind == 0 ? TOCEX_MODE_AUDIO
                                  : kind == 1 ? TOCEX_MODE_MODE1
                                  : kind == 2 ? TOCEX_MODE_MODE2_FORM1
                                              : TOCEX_MODE_AUDIO;
            uint8_t control = mode == TOCEX_MODE_AUDIO ? (uint8_t)(rr(seed, 0, 3) | (rr(seed, 0, 3) == 0 ? 8 : 0))
                                                       : (uint8_t)(4 | rr(seed, 0, 3));
            assert_int_equal(tocex_disc_add_track(d, (uint8_t)s, (uint8_t)number, 1, control, mode, lba, &e), TOCEX_OK);
            number++;
            lba += (int32_t)rr(seed, 300, per_track > 300 ? per_track : 300);
        }
        assert_int_equal(tocex_disc_set_leadout(d, (uint8_t)s, lba, &e), TOCEX_OK);
        /* Orange Book gap to the next session's first track (lead-out + lead-in + pregap) */
        lba += s == 1 ? 11400 : 6900;
    }
    if (tocex_media_is_recordable_cd(d->media)) {
        uint8_t atip[28];
        size_t len = rr(seed, 0, 3) == 0 ? 28 : 24;
        for (size_t i = 0; i < sizeof atip; i++)
            atip[i] = (uint8_t)tu_rand(seed);
        atip[2] |= 0x80; /* byte 6 bit 7 is always 1 */
        atip[4] = 97;    /* lead-in 97:ss:ff */
        atip[5] = (uint8_t)rr(seed, 0, 59);
        atip[6] = (uint8_t)rr(seed, 0, 74);
        atip[8] = (uint8_t)rr(seed, 74, 79);
        atip[9] = (uint8_t)rr(seed, 0, 59);
        atip[10] = (uint8_t)rr(seed, 0, 74);
        assert_int_equal(tocex_disc_set_atip(d, atip, len, &e), TOCEX_OK);
        {
            tocex_toc_entry pma[12];
            size_t n = (size_t)rr(seed, 0, 12);
            for (size_t i = 0; i < n; i++) {
                uint8_t *p = (uint8_t *)&pma[i];
                for (size_t k = 0; k < sizeof pma[i]; k++)
                    p[k] = (uint8_t)tu_rand(seed);
                pma[i].session = 0; /* reserved in a PMA descriptor */
                pma[i].adr_control = (uint8_t)(rr(seed, 1, 6) << 4 | rr(seed, 0, 15));
            }
            assert_int_equal(tocex_disc_set_pma(d, pma, n, &e), TOCEX_OK);
        }
        d->appendable = rr(seed, 0, 3) == 0;
    }
    if (rr(seed, 0, 1)) {
        size_t n = (size_t)rr(seed, 1, 64);
        uint8_t *packs = malloc(n * 18);
        assert_non_null(packs);
        for (size_t i = 0; i < n; i++) {
            uint8_t *p = packs + 18 * i;
            uint16_t crc;
            for (int k = 0; k < 16; k++)
                p[k] = (uint8_t)tu_rand(seed);
            p[0] = (uint8_t)(0x80 | rr(seed, 0, 15));
            crc = pack_crc(p);
            p[16] = (uint8_t)(crc >> 8);
            p[17] = (uint8_t)crc;
        }
        assert_int_equal(tocex_disc_set_cdtext(d, packs, n, &e), TOCEX_OK);
        free(packs);
    }
    {
        tocex_status st = tocex_disc_finish(d, &e);
        if (st != TOCEX_OK)
            print_message("random disc refused: %s\n", e.message);
        assert_int_equal(st, TOCEX_OK);
    }
}

static void expect_same_disc(const tocex_disc *a, const tocex_disc *b)
{
    assert_int_equal(a->media, b->media);
    assert_int_equal(a->track_count, b->track_count);
    for (size_t i = 0; i < a->track_count; i++) {
        const tocex_track *x = &a->tracks[i], *y = &b->tracks[i];
        assert_int_equal(x->number, y->number);
        assert_int_equal(x->session, y->session);
        assert_int_equal(x->adr, y->adr);
        assert_int_equal(x->control, y->control);
        assert_int_equal(x->start, y->start);
        assert_int_equal(y->mode, x->mode == TOCEX_MODE_AUDIO ? TOCEX_MODE_AUDIO : TOCEX_MODE_UNKNOWN);
    }
    assert_int_equal(a->session_count, b->session_count);
    for (size_t i = 0; i < a->session_count; i++) {
        const tocex_session *x = &a->sessions[i], *y = &b->sessions[i];
        assert_int_equal(x->first_track, y->first_track);
        assert_int_equal(x->last_track, y->last_track);
        assert_int_equal(x->disc_type, y->disc_type);
        assert_int_equal(x->leadout, y->leadout);
        assert_int_equal(x->has_b0, y->has_b0);
        if (x->has_b0) {
            assert_int_equal(x->b0_next_program, y->b0_next_program);
            assert_int_equal(x->b0_pointers, y->b0_pointers);
            assert_int_equal(x->b0_max_leadout, y->b0_max_leadout);
        }
        assert_int_equal(x->has_c0, y->has_c0);
        if (x->has_c0) {
            assert_memory_equal(x->c0_atip, y->c0_atip, 3);
            assert_int_equal(x->c0_first_leadin, y->c0_first_leadin);
        }
    }
    assert_int_equal(a->appendable, b->appendable);
    assert_int_equal(a->pma_count, b->pma_count);
    if (a->pma_count > 0)
        assert_memory_equal(a->pma, b->pma, a->pma_count * sizeof a->pma[0]);
    assert_int_equal(a->atip_len, b->atip_len);
    assert_memory_equal(a->atip, b->atip, a->atip_len);
    assert_int_equal(a->cdtext_packs, b->cdtext_packs);
    if (a->cdtext_packs > 0)
        assert_memory_equal(a->cdtext, b->cdtext, a->cdtext_packs * 18);
}

/* One command on the device; returns bytes transferred, or (size_t)-1 for CHECK CONDITION. */
static size_t ask(tocex_device *dev, unsigned format, bool msf, uint8_t ts, size_t alloc, uint8_t *buf)
{
    uint8_t cdb[10];
    tocex_cmd cmd;
    tocex_error e;
    tocex_mmc_build_read_toc(cdb, format, msf, ts, (uint16_t)alloc);
    tocex_cmd_init(&cmd, cdb, sizeof cdb, buf, alloc);
    assert_int_equal(tocex_device_execute(dev, &cmd, &e), TOCEX_OK);
    if (cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION)
        return (size_t)-1;
    assert_int_equal(cmd.status, TOCEX_SCSI_STATUS_GOOD);
    assert_true(cmd.transferred_known);
    return cmd.transferred;
}

static size_t unit_of(unsigned format)
{
    switch (format) {
    case 0: return 8;
    case 2:
    case 3: return 11;
    case 5: return 18;
    default: return 0;
    }
}

/* decode with truncation allowed; returns complete descriptors and fills a comparable form */
static size_t decode_units(unsigned format, bool msf, const uint8_t *p, size_t len, uint8_t *flat, size_t cap)
{
    tocex_error e;
    size_t n = 0;
    if (format == 0) {
        tocex_toc_view v;
        assert_int_equal(tocex_decode_toc(p, len, msf, TOCEX_DECODE_ALLOW_TRUNCATED, &v, &e), TOCEX_OK);
        n = v.count;
        assert_true(n * sizeof v.entries[0] <= cap);
        memcpy(flat, v.entries, n * sizeof v.entries[0]);
    } else if (format == 2 || format == 3) {
        tocex_fulltoc_view v;
        tocex_status st = format == 2 ? tocex_decode_fulltoc(p, len, TOCEX_DECODE_ALLOW_TRUNCATED, &v, &e)
                                      : tocex_decode_pma(p, len, TOCEX_DECODE_ALLOW_TRUNCATED, &v, &e);
        if (st != TOCEX_OK)
            print_message("format %u decode: %s\n", format, e.message);
        assert_int_equal(st, TOCEX_OK);
        n = v.count;
        assert_true(n * sizeof v.entries[0] <= cap);
        if (n > 0)
            memcpy(flat, v.entries, n * sizeof v.entries[0]);
        tocex_fulltoc_view_free(&v);
    } else if (format == 5) {
        tocex_cdtext_answer c;
        assert_int_equal(tocex_decode_cdtext_answer(p, len, TOCEX_DECODE_ALLOW_TRUNCATED, &c, &e), TOCEX_OK);
        n = c.pack_count;
        assert_true(n * 18 <= cap);
        if (n > 0)
            memcpy(flat, c.packs, n * 18);
    }
    return n;
}

static void check_formats(tocex_device *dev, const tocex_disc *disc, bool every_alloc)
{
    static uint8_t full[0x10000], part[0x10000], flat_full[0x20000], flat_part[0x20000];
    tocex_error e;
    for (unsigned format = 0; format <= 5; format++) {
        for (int msf = 0; msf <= 1; msf++) {
            size_t n = ask(dev, format, msf, format == 2 ? 1 : 0, 0xFFFF, full);
            size_t units_full = 0, unit = unit_of(format), item = 0;
            if (n == (size_t)-1) {
                /* refused formats stay refused at any allocation */
                assert_int_equal(ask(dev, format, msf, 0, 4, part), (size_t)-1);
                assert_true(format >= 3);
                continue;
            }
            assert_true(n >= 4);
            assert_int_equal(tocex_be16(full) + 2, n);
            /* the complete answer against the disc */
            if (format == 0) {
                tocex_toc_view v;
                assert_int_equal(tocex_decode_toc(full, n, msf, 0, &v, &e), TOCEX_OK);
                assert_int_equal(v.count, disc->track_count + 1);
                for (size_t i = 0; i < disc->track_count; i++) {
                    assert_int_equal(v.entries[i].lba, disc->tracks[i].start);
                    assert_int_equal(v.entries[i].control, disc->tracks[i].control);
                }
                assert_int_equal(v.entries[disc->track_count].lba, tocex_disc_leadout(disc));
            } else if (format == 1) {
                tocex_session_info_view v;
                const tocex_session *ls = &disc->sessions[disc->session_count - 1];
                int k = tocex_disc_track_index(disc, ls->first_track);
                assert_int_equal(tocex_decode_session_info(full, n, msf, &v, &e), TOCEX_OK);
                assert_int_equal(v.last_session, disc->session_count);
                assert_int_equal(v.first_track_last_session, ls->first_track);
                assert_true(k >= 0);
                assert_int_equal(v.start, disc->tracks[k].start);
            } else if (format == 4) {
                tocex_atip_answer a;
                assert_int_equal(tocex_decode_atip_answer(full, n, &a, &e), TOCEX_OK);
                assert_int_equal(a.len, disc->atip_len);
                assert_memory_equal(a.bytes, disc->atip, a.len);
            }
            if (unit != 0) {
                units_full = decode_units(format, msf, full, n, flat_full, sizeof flat_full);
                item = format == 0 ? sizeof(tocex_toc_descriptor) : format == 5 ? 18 : sizeof(tocex_toc_entry);
            }
            for (size_t alloc = 0; alloc <= n; alloc++) {
                size_t got;
                if (!every_alloc && alloc > 16 && alloc + 16 < n && alloc % 97 != 0)
                    continue;
                got = ask(dev, format, msf, format == 2 ? 1 : 0, alloc, part);
                assert_int_equal(got, alloc);
                assert_memory_equal(part, full, got);
                if (unit != 0 && alloc >= 4) {
                    size_t units = decode_units(format, msf, part, alloc, flat_part, sizeof flat_part);
                    size_t complete = (alloc - 4) / unit;
                    if (format == 5 && tocex_be16(full) == 2)
                        complete = 0;
                    assert_int_equal(units, complete < units_full ? complete : units_full);
                    if (units > 0)
                        assert_memory_equal(flat_part, flat_full, units * item);
                }
            }
        }
    }
}

static void run_seed_range(uint64_t first_seed, size_t count, bool every_alloc, unsigned *total_discs)
{
    tocex_disc *disc = malloc(sizeof *disc), *back = malloc(sizeof *back);
    assert_non_null(disc);
    assert_non_null(back);
    for (size_t i = 0; i < count; i++) {
        uint64_t seed = first_seed + i * 0x9E3779B97F4A7C15ull;
        tocex_device *dev;
        tocex_read_report rep;
        tocex_error e;
        tocex_status st;
        random_disc(&seed, disc);
        dev = tocex_emu_open(disc, NULL, &e);
        assert_non_null(dev);
        st = tocex_read_disc(dev, NULL, back, &rep, &e);
        if (st != TOCEX_OK)
            print_message("disc %zu: %s\n", i, e.message);
        assert_int_equal(st, TOCEX_OK);
        for (size_t w = 0; w < rep.warning_count; w++)
            print_message("disc %zu warning: %s\n", i, rep.warnings[w]);
        assert_int_equal(rep.warning_count, 0);
        assert_true(rep.have_fulltoc);
        expect_same_disc(disc, back);
        check_formats(dev, disc, every_alloc);
        tocex_disc_free(back);
        tocex_disc_free(disc);
        tocex_device_close(dev);
        (*total_discs)++;
    }
    free(disc);
    free(back);
}

static void test_pack_crc_reference(void **state)
{
    /* pack_crc against the Sony/libburn example packs (mmc-read-toc.md 2.6) */
    uint8_t p[18];
    (void)state;
    assert_int_equal(tu_hex("88 00 23 00 01 0e 00 3f 02 12 00 00 00 00 00 00 12 00", p, 18), 18);
    assert_int_equal(pack_crc(p), 0x1200);
    assert_int_equal(tu_hex("8f 02 2c 00 00 00 00 00 09 00 00 00 00 00 00 00 11 45", p, 18), 18);
    assert_int_equal(pack_crc(p), 0x1145);
}

static void test_random_discs(void **state)
{
    unsigned discs = 0;
    (void)state;
    /* every allocation length for the first 260 discs (120 under AddressSanitizer, several times
     * slower); the rest get 0..16, the last 16 and every 97th, to stay well under a minute */
    run_seed_range(0x70CE0001ull, EXHAUSTIVE, true, &discs);
    run_seed_range(0x70CE1001ull, DISCS - EXHAUSTIVE, false, &discs);
    printf("round trips: %u random discs\n", discs);
    assert_true(discs >= 500);
}

static void test_quirk_drives(void **state)
{
    /* the reader over emulated quirky drives still gets the disc right */
    /* NEC CDR-260 BCD full TOC; QEMU/DOSBox-X lead-out CONTROL; CD-TEXT absent as CHECK
     * CONDITION; DOSBox-X Data Length shrunk to the allocation (for OAKCDROM.SYS) */
    static const uint32_t quirks[] = {TOCEX_QUIRK_FULLTOC_BCD, TOCEX_QUIRK_LEADOUT_CONTROL_DATA,
                                      TOCEX_QUIRK_CDTEXT_ABSENT_CHECK_CONDITION, TOCEX_QUIRK_DATA_LENGTH_TRUNCATED};
    tocex_disc *disc = malloc(sizeof *disc), *back = malloc(sizeof *back);
    unsigned bcd_seen = 0;
    (void)state;
    assert_non_null(disc);
    assert_non_null(back);
    for (size_t q = 0; q < sizeof quirks / sizeof quirks[0]; q++) {
        for (size_t i = 0; i < 60; i++) {
            uint64_t seed = 0xB0C0ull + q * 1000 + i;
            tocex_emu_options opts;
            tocex_device *dev;
            tocex_read_report rep;
            tocex_error e;
            memset(&opts, 0, sizeof opts);
            opts.quirks = quirks[q];
            random_disc(&seed, disc);
            dev = tocex_emu_open(disc, &opts, &e);
            assert_non_null(dev);
            {
                tocex_status st = tocex_read_disc(dev, NULL, back, &rep, &e);
                if (st != TOCEX_OK)
                    print_message("quirk %s disc %zu: %s\n", tocex_emu_quirk_name(quirks[q]), i, e.message);
                assert_int_equal(st, TOCEX_OK);
            }
            for (size_t w = 0; w < rep.warning_count; w++)
                if (strstr(rep.warnings[w], "BCD") == NULL && strstr(rep.warnings[w], "shrinks") == NULL)
                    print_message("quirk %s disc %zu warning: %s\n", tocex_emu_quirk_name(quirks[q]), i,
                                  rep.warnings[w]);
            expect_same_disc(disc, back);
            if (rep.fulltoc_bcd)
                bcd_seen++;
            if (quirks[q] == TOCEX_QUIRK_DATA_LENGTH_TRUNCATED) {
                bool seen = false;
                for (size_t w = 0; w < rep.warning_count; w++)
                    seen = seen || strstr(rep.warnings[w], "shrinks") != NULL;
                assert_true(seen);
            }
            tocex_disc_free(back);
            tocex_disc_free(disc);
            tocex_device_close(dev);
        }
    }
    /* most random discs have values >= 10 somewhere, so BCD shows (below 10 it is identical) */
    assert_true(bcd_seen >= 50);
    free(disc);
    free(back);
}

static void test_emulated_command_counts(void **state)
{
    /* the same counts as over the scripted drive, now over the emulated one */
    tocex_disc *disc = malloc(sizeof *disc), *back = malloc(sizeof *back);
    tocex_device *dev;
    tocex_read_report rep;
    tocex_error e;
    uint8_t packs[2 * 18];
    tocex_toc_entry pma[2];
    uint8_t atip[24] = {0x80, 0x00, 0x80, 0, 97, 34, 21, 0, 74, 43, 0};
    (void)state;
    assert_non_null(disc);
    assert_non_null(back);
    /* single-session CD-ROM: data + 2 audio */
    tocex_disc_init(disc);
    assert_int_equal(tocex_disc_add_track(disc, 1, 1, 1, 4, TOCEX_MODE_MODE1, 0, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(disc, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 20000, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(disc, 1, 3, 1, 0, TOCEX_MODE_AUDIO, 40000, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(disc, 1, 60000, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(disc, &e), TOCEX_OK);
    dev = tocex_emu_open(disc, NULL, &e);
    assert_int_equal(tocex_read_disc(dev, NULL, back, &rep, &e), TOCEX_OK);
    printf("emulated single-session CD-ROM: %u commands\n", rep.commands);
    assert_int_equal(rep.commands, 8);
    expect_same_disc(disc, back);
    /* a medium change first: UNIT ATTENTION retried, format 0 read twice */
    assert_int_equal(tocex_emu_insert(dev, disc, &e), TOCEX_OK);
    tocex_disc_free(back);
    assert_int_equal(tocex_read_disc(dev, NULL, back, &rep, &e), TOCEX_OK);
    assert_int_equal(rep.commands, 10);
    expect_same_disc(disc, back);
    tocex_disc_free(back);
    tocex_disc_free(disc);
    tocex_device_close(dev);

    /* two-session CD-R with CD-TEXT, PMA and ATIP */
    tocex_disc_init(disc);
    disc->media = TOCEX_MEDIA_CD_R;
    assert_int_equal(tocex_disc_add_track(disc, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(disc, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 30000, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(disc, 1, 118715, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(disc, 2, 3, 1, 4, TOCEX_MODE_MODE2_FORM1, 130115, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(disc, 2, 135210, &e), TOCEX_OK);
    memset(packs, 0, sizeof packs);
    for (int i = 0; i < 2; i++) {
        uint16_t crc;
        packs[18 * i] = 0x80;
        packs[18 * i + 2] = (uint8_t)i;
        crc = pack_crc(packs + 18 * i);
        packs[18 * i + 16] = (uint8_t)(crc >> 8);
        packs[18 * i + 17] = (uint8_t)crc;
    }
    assert_int_equal(tocex_disc_set_cdtext(disc, packs, 2, &e), TOCEX_OK);
    memset(pma, 0, sizeof pma);
    pma[0].adr_control = 0x10;
    pma[0].point = 1;
    pma[1].adr_control = 0x10;
    pma[1].point = 2;
    assert_int_equal(tocex_disc_set_pma(disc, pma, 2, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_set_atip(disc, atip, 24, &e), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(disc, &e), TOCEX_OK);
    dev = tocex_emu_open(disc, NULL, &e);
    assert_int_equal(tocex_read_disc(dev, NULL, back, &rep, &e), TOCEX_OK);
    printf("emulated two-session CD-R with CD-TEXT: %u commands\n", rep.commands);
    assert_int_equal(rep.commands, 10);
    expect_same_disc(disc, back);
    tocex_disc_free(back);
    tocex_disc_free(disc);
    tocex_device_close(dev);
    free(disc);
    free(back);
}

static void test_dvd_made_up_toc(void **state)
{
    /* DVD-ROM and BD-ROM: formats 0/1 made up by the drive (one track, 14h), lead-out = capacity */
    static const tocex_media media[] = {TOCEX_MEDIA_DVD_ROM, TOCEX_MEDIA_BD_ROM};
    (void)state;
    for (size_t m = 0; m < 2; m++) {
        tocex_disc *disc = malloc(sizeof *disc), *back = malloc(sizeof *back);
        tocex_device *dev;
        tocex_read_report rep;
        tocex_error e;
        assert_non_null(disc);
        assert_non_null(back);
        tocex_disc_init(disc);
        disc->media = media[m];
        assert_int_equal(tocex_disc_add_track(disc, 1, 1, 1, 4, TOCEX_MODE_MODE1, 0, &e), TOCEX_OK);
        assert_int_equal(tocex_disc_set_leadout(disc, 1, 2295104, &e), TOCEX_OK);
        assert_int_equal(tocex_disc_finish(disc, &e), TOCEX_OK);
        dev = tocex_emu_open(disc, NULL, &e);
        assert_non_null(dev);
        assert_int_equal(tocex_read_disc(dev, NULL, back, &rep, &e), TOCEX_OK);
        assert_int_equal(back->media, media[m]);
        assert_int_equal(back->track_count, 1);
        assert_int_equal(back->tracks[0].start, 0);
        assert_int_equal(back->capacity, 2295104);
        assert_int_equal(tocex_disc_leadout(back), 2295104);
        assert_int_equal(rep.commands, 3); /* GET CONFIGURATION, formats 0 and 1 */
        assert_int_equal(rep.warning_count, 0);
        tocex_disc_free(back);
        tocex_disc_free(disc);
        tocex_device_close(dev);
        free(disc);
        free(back);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pack_crc_reference),
        cmocka_unit_test(test_emulated_command_counts),
        cmocka_unit_test(test_quirk_drives),
        cmocka_unit_test(test_dvd_made_up_toc),
        cmocka_unit_test(test_random_discs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
