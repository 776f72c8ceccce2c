/* The reading strategy over a scripted device: command counts, allocation lengths, and every
 * drive quirk of mmc-read-toc.md in a test of its own (the drive named in a comment). Answers
 * are built from the standard's layouts; the two-session CD-R is the real readcd sample. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fakedev.h"
#include "testutil.h"
#include "tocex/decode.h"
#include "tocex/mmc.h"
#include "tocex/read.h"

/* ------------------------------------------------------------------ answer builders */

typedef struct ans {
    uint8_t b[1024];
    size_t n;
} ans;

static void begin(ans *a, uint8_t b2, uint8_t b3)
{
    memset(a, 0, sizeof *a);
    a->b[2] = b2;
    a->b[3] = b3;
    a->n = 4;
}

static void end(ans *a)
{
    a->b[0] = (uint8_t)((a->n - 2) >> 8);
    a->b[1] = (uint8_t)(a->n - 2);
}

static void toc_desc(ans *a, uint8_t adr_control, uint8_t track, int32_t lba)
{
    uint8_t *p = a->b + a->n;
    uint32_t v = (uint32_t)lba;
    p[1] = adr_control;
    p[2] = track;
    p[4] = (uint8_t)(v >> 24);
    p[5] = (uint8_t)(v >> 16);
    p[6] = (uint8_t)(v >> 8);
    p[7] = (uint8_t)v;
    a->n += 8;
}

static void full_desc(ans *a, uint8_t session, uint8_t adr_control, uint8_t point, uint8_t m, uint8_t s, uint8_t f,
                      uint8_t zero, uint8_t pm, uint8_t ps, uint8_t pf)
{
    uint8_t e[11] = {session, adr_control, 0, point, m, s, f, zero, pm, ps, pf};
    memcpy(a->b + a->n, e, 11);
    a->n += 11;
}

static void full_lba(ans *a, uint8_t session, uint8_t adr_control, uint8_t point, int32_t lba)
{
    tocex_msf msf;
    assert_true(tocex_lba_to_msf(lba, &msf));
    full_desc(a, session, adr_control, point, 0, 0, 0, 0, msf.m, msf.s, msf.f);
}

/* A READ TOC format 4 answer: header and one 24-byte ATIP descriptor. */
static void atip_answer(ans *a, const uint8_t desc[24])
{
    begin(a, 0, 0);
    memcpy(a->b + 4, desc, 24);
    a->n += 24;
    end(a);
}

/* A pressed single-session CD-ROM: data track 1 at 0, audio 2 at 20000, audio 3 at 40000,
 * lead-out 60000. */
static void cdrom_answers(fakedev *fd, ans *toc)
{
    ans si, full;
    begin(toc, 1, 3);
    toc_desc(toc, 0x14, 1, 0);
    toc_desc(toc, 0x10, 2, 20000);
    toc_desc(toc, 0x10, 3, 40000);
    toc_desc(toc, 0x10, 0xAA, 60000);
    end(toc);
    begin(&si, 1, 1);
    toc_desc(&si, 0x14, 1, 0);
    end(&si);
    begin(&full, 1, 1);
    full_desc(&full, 1, 0x14, 0xA0, 0, 0, 0, 0, 1, 0x00, 0);
    full_desc(&full, 1, 0x10, 0xA1, 0, 0, 0, 0, 3, 0, 0);
    full_lba(&full, 1, 0x10, 0xA2, 60000);
    full_lba(&full, 1, 0x14, 0x01, 0);
    full_lba(&full, 1, 0x10, 0x02, 20000);
    full_lba(&full, 1, 0x10, 0x03, 40000);
    end(&full);
    fd_profile(fd, 0x0008);
    fd_toc(fd, 0, toc->b, toc->n);
    fd_toc(fd, 1, si.b, si.n);
    fd_toc(fd, 2, full.b, full.n);
}

/* The real two-session CD-R full TOC from readcd -fulltoc (mmc-read-toc.md 2.3). */
static const char *herong_hex = "01 14 00 A0 00 00 00 00 01 20 00"
                                "01 14 00 A1 00 00 00 00 01 00 00"
                                "01 14 00 A2 00 00 00 00 1A 18 41"
                                "01 14 00 01 00 00 00 00 00 02 00"
                                "01 54 00 B0 1C 36 41 02 4A 2B 00"
                                "01 54 00 C0 80 00 00 00 61 22 15"
                                "02 14 00 A0 00 00 00 00 02 20 00"
                                "02 14 00 A1 00 00 00 00 02 00 00"
                                "02 14 00 A2 00 00 00 00 1E 04 3C"
                                "02 14 00 02 00 00 00 00 1C 38 41"
                                "02 54 00 B0 1F 22 3C 01 4A 2B 00";

/* Sony/libburn example CD-TEXT packs with valid CRCs (mmc-read-toc.md 2.6). */
static const char *sony_packs = "88 00 23 00 01 0e 00 3f 02 12 00 00 00 00 00 00 12 00"
                                "8f 00 2a 00 01 01 03 00 06 05 04 05 07 06 01 02 48 65"
                                "8f 01 2b 00 00 00 00 00 00 00 06 03 2c 00 00 00 c0 20"
                                "8f 02 2c 00 00 00 00 00 09 00 00 00 00 00 00 00 11 45";

static void cdr_answers(fakedev *fd, bool with_full)
{
    ans toc, si, full, pma, atip, text;
    begin(&toc, 1, 2);
    toc_desc(&toc, 0x14, 1, 0);
    toc_desc(&toc, 0x14, 2, 130115);
    toc_desc(&toc, 0x14, 0xAA, 135210);
    end(&toc);
    begin(&si, 1, 2);
    toc_desc(&si, 0x14, 2, 130115);
    end(&si);
    begin(&full, 1, 2);
    full.n += (size_t)tu_hex(herong_hex, full.b + 4, 200);
    end(&full);
    begin(&pma, 0, 0);
    full_desc(&pma, 0, 0x14, 0x01, 0, 0, 0, 0, 0, 2, 0);
    full_desc(&pma, 0, 0x14, 0x02, 0, 0, 0, 0, 28, 56, 65);
    end(&pma);
    /* CD-R, lead-in 97:34:21 (as the C0 entry says), last lead-out 74:43:00 (as B0 says) */
    atip_answer(&atip, (const uint8_t[24]){0x80, 0x00, 0x80, 0, 97, 34, 21, 0, 74, 43, 0, 0});
    begin(&text, 0, 0);
    text.n += (size_t)tu_hex(sony_packs, text.b + 4, 200);
    end(&text);
    fd_profile(fd, 0x0009);
    fd_toc(fd, 0, toc.b, toc.n);
    fd_toc(fd, 1, si.b, si.n);
    if (with_full)
        fd_toc(fd, 2, full.b, full.n);
    fd_toc(fd, 3, pma.b, pma.n);
    fd_toc(fd, 4, atip.b, atip.n);
    fd_toc(fd, 5, text.b, text.n);
}

static void no_pma_atip(fakedev *fd)
{
    /* pressed discs: formats 3/4 refused (Aaru #810) */
    fd_toc_sense(fd, 3, 0x05, 0x24, 0x00);
    fd_toc_sense(fd, 4, 0x05, 0x24, 0x00);
}

static void cdtext_absent_dl2(fakedev *fd)
{
    uint8_t h[4] = {0x00, 0x02, 0x00, 0x00};
    fd_toc(fd, 5, h, 4);
}

static bool has_warning(const tocex_read_report *rep, const char *needle)
{
    for (size_t i = 0; i < rep->warning_count; i++)
        if (strstr(rep->warnings[i], needle) != NULL)
            return true;
    return false;
}

static void dump_warnings(const tocex_read_report *rep)
{
    for (size_t i = 0; i < rep->warning_count; i++)
        print_message("  warning: %s\n", rep->warnings[i]);
}

static tocex_disc *read_ok(tocex_device *dev, const tocex_read_options *opts, tocex_read_report *rep)
{
    tocex_disc *disc = malloc(sizeof *disc);
    tocex_error e;
    tocex_status st;
    assert_non_null(disc);
    st = tocex_read_disc(dev, opts, disc, rep, &e);
    if (st != TOCEX_OK)
        print_message("read failed: %s\n", e.message);
    assert_int_equal(st, TOCEX_OK);
    return disc;
}

static void release(tocex_disc *disc, tocex_device *dev)
{
    tocex_disc_free(disc);
    free(disc);
    tocex_device_close(dev);
}

static void check_cdrom(const tocex_disc *d)
{
    assert_int_equal(d->track_count, 3);
    assert_int_equal(d->session_count, 1);
    assert_int_equal(d->tracks[0].control, 4);
    assert_int_equal(d->tracks[0].mode, TOCEX_MODE_UNKNOWN);
    assert_int_equal(d->tracks[1].mode, TOCEX_MODE_AUDIO);
    assert_int_equal(d->tracks[2].start, 40000);
    assert_int_equal(d->sessions[0].leadout, 60000);
}

/* ------------------------------------------------------------------ command counts */

static void test_count_single_session_cdrom(void **state)
{
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    ans toc;
    tocex_disc *d;
    (void)state;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    dump_warnings(&rep);
    check_cdrom(d);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
    assert_true(d->known & TOCEX_KNOWN_MEDIA);
    assert_true(d->known & TOCEX_KNOWN_FULLTOC);
    assert_true(d->known & TOCEX_KNOWN_CDTEXT);
    assert_true(d->known & TOCEX_KNOWN_ATIP);
    assert_true(d->known & TOCEX_KNOWN_PMA);
    assert_int_equal(d->cdtext_packs, 0);
    assert_int_equal(d->atip_len, 0);
    assert_true(rep.have_fulltoc);
    assert_int_equal(rep.warning_count, 0);
    /* GET CONFIGURATION, format 0, format 1, format 2 probe + read, PMA, ATIP, CD-TEXT */
    printf("commands for a single-session CD-ROM: %u\n", rep.commands);
    assert_int_equal(rep.commands, 8);
    assert_int_equal(fd->commands, rep.commands);
    assert_int_equal(fd_count(fd, 0x43, 0), 1);
    assert_int_equal(fd_count(fd, 0x43, 2), 2);
    /* allocation lengths: 804 for format 0, 12 for format 1, 4 then Data Length + 2 for format 2 */
    assert_int_equal(fd->log_alloc[1], 804);
    assert_int_equal(fd->log[1][7] << 8 | fd->log[1][8], 804);
    assert_int_equal(fd->log_alloc[2], 12);
    assert_int_equal(fd->log_alloc[3], 4);
    assert_int_equal(fd->log_alloc[4], 4 + 6 * 11);
    assert_int_equal(fd->log_alloc[6], 32);
    for (size_t i = 0; i < fd->commands; i++)
        assert_true(fd->log_alloc[i] >= 4);
    release(d, dev);
}

static void test_count_two_session_cdr_cdtext(void **state)
{
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    (void)state;
    cdr_answers(fd, true);
    d = read_ok(dev, NULL, &rep);
    dump_warnings(&rep);
    assert_int_equal(rep.warning_count, 0);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_R);
    assert_int_equal(d->session_count, 2);
    assert_int_equal(d->tracks[1].session, 2);
    assert_int_equal(d->sessions[0].leadout, 118715);
    assert_int_equal(d->sessions[1].leadout, 135210);
    assert_int_equal(d->sessions[0].disc_type, 0x20);
    assert_true(d->sessions[0].b0_given);
    assert_true(d->sessions[0].has_b0);
    assert_int_equal(d->sessions[0].b0_next_program, 129965);
    assert_int_equal(d->sessions[0].b0_pointers, 2);
    assert_true(d->sessions[0].has_c0);
    assert_int_equal(d->sessions[0].c0_first_leadin, -11079);
    assert_int_equal(d->sessions[1].b0_next_program, 135210 + 6750);
    assert_true(d->appendable);
    assert_int_equal(d->fulltoc_count, 11);
    assert_int_equal(d->pma_count, 2);
    assert_int_equal(d->atip_len, 24);
    assert_int_equal(d->atip[4], 97);
    assert_int_equal(d->cdtext_packs, 4);
    assert_int_equal(d->cdtext[18], 0x8F);
    assert_true(d->known & TOCEX_KNOWN_SESSIONS);
    assert_true(rep.have_cdtext && rep.have_atip && rep.have_pma && rep.have_fulltoc);
    /* + PMA probe + read, ATIP, CD-TEXT probe + read */
    printf("commands for a two-session CD-R with CD-TEXT: %u\n", rep.commands);
    assert_int_equal(rep.commands, 10);
    release(d, dev);
}

/* ------------------------------------------------------------------ quirks */

static void test_quirk_bcd_fulltoc_nec_cdr260(void **state)
{
    /* NEC CD-ROM DRIVE:260 (Linux ide-cd TOCADDR_AS_BCD) and Matshita answer the full TOC in BCD */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc, full;
    (void)state;
    begin(&toc, 1, 12);
    begin(&full, 1, 1);
    full_desc(&full, 1, 0x10, 0xA0, 0, 0, 0, 0, 0x01, 0x00, 0);
    full_desc(&full, 1, 0x10, 0xA1, 0, 0, 0, 0, 0x12, 0x00, 0);
    full_desc(&full, 1, 0x10, 0xA2, 0, 0, 0, 0, 0x45, 0x43, 0x21);
    for (uint8_t t = 1; t <= 12; t++) {
        int32_t lba = ((t + 10) * 60 + t + 20) * 75 + t + 30 - 150;
        toc_desc(&toc, 0x10, t, lba);
        full_desc(&full, 1, 0x10, tocex_bin_to_bcd(t), 0, 0, 0, 0, tocex_bin_to_bcd((uint8_t)(t + 10)),
                  tocex_bin_to_bcd((uint8_t)(t + 20)), tocex_bin_to_bcd((uint8_t)(t + 30)));
    }
    toc_desc(&toc, 0x10, 0xAA, (45 * 60 + 43) * 75 + 21 - 150);
    end(&toc);
    end(&full);
    fd_profile(fd, 0x0008);
    fd_toc(fd, 0, toc.b, toc.n);
    fd_toc(fd, 2, full.b, full.n);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    assert_true(rep.fulltoc_bcd);
    assert_true(rep.have_fulltoc);
    assert_true(has_warning(&rep, "BCD"));
    assert_false(has_warning(&rep, "disagrees"));
    assert_int_equal(d->track_count, 12);
    assert_int_equal(d->fulltoc[4].point, 2);     /* recorded converted to binary */
    assert_int_equal(d->fulltoc[2].pmin, 45);
    assert_int_equal(d->sessions[0].leadout, (45 * 60 + 43) * 75 + 21 - 150);
    release(d, dev);
}

static void test_quirk_missing_a2(void **state)
{
    /* drives that leave A2 out of the full TOC: lead-out taken from format 0 */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc, full;
    (void)state;
    begin(&toc, 1, 1);
    toc_desc(&toc, 0x14, 1, 0);
    toc_desc(&toc, 0x14, 0xAA, 5000);
    end(&toc);
    begin(&full, 1, 1);
    full_desc(&full, 1, 0x14, 0xA0, 0, 0, 0, 0, 1, 0, 0);
    full_desc(&full, 1, 0x14, 0xA1, 0, 0, 0, 0, 1, 0, 0);
    full_lba(&full, 1, 0x14, 0x01, 0);
    end(&full);
    fd_profile(fd, 0x0008);
    fd_toc(fd, 0, toc.b, toc.n);
    fd_toc(fd, 2, full.b, full.n);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    assert_true(has_warning(&rep, "no A2"));
    assert_int_equal(d->sessions[0].leadout, 5000);
    assert_true(d->known & TOCEX_KNOWN_SESSIONS);
    release(d, dev);
}

static void test_quirk_leadout_control_variants(void **state)
{
    /* QEMU/DOSBox-X/f_mass_storage put 14h/16h on the lead-out whatever the last track is; real
     * drives copy the last track's CONTROL (mmc-read-toc.md 4.3, open question 9): both accepted */
    static const uint8_t variants[] = {0x10, 0x14, 0x16};
    for (size_t v = 0; v < sizeof variants; v++) {
        fakedev *fd;
        tocex_device *dev = fd_open(&fd);
        tocex_read_report rep;
        tocex_disc *d;
        ans toc, full;
        begin(&toc, 1, 2);
        toc_desc(&toc, 0x14, 1, 0);
        toc_desc(&toc, 0x10, 2, 3000);
        toc_desc(&toc, variants[v], 0xAA, 5000);
        end(&toc);
        begin(&full, 1, 1);
        full_desc(&full, 1, 0x14, 0xA0, 0, 0, 0, 0, 1, 0, 0);
        full_desc(&full, 1, 0x10, 0xA1, 0, 0, 0, 0, 2, 0, 0);
        full_lba(&full, 1, 0x10, 0xA2, 5000);
        full_lba(&full, 1, 0x14, 0x01, 0);
        full_lba(&full, 1, 0x10, 0x02, 3000);
        end(&full);
        fd_profile(fd, 0x0008);
        fd_toc(fd, 0, toc.b, toc.n);
        fd_toc(fd, 2, full.b, full.n);
        no_pma_atip(fd);
        cdtext_absent_dl2(fd);
        d = read_ok(dev, NULL, &rep);
        assert_false(has_warning(&rep, "disagrees"));
        assert_true(rep.have_fulltoc);
        assert_int_equal(d->tracks[1].control, 0);
        assert_int_equal(d->sessions[0].leadout, 5000);
        release(d, dev);
        (void)state;
    }
}

static void test_quirk_cdtext_zero_crc_last_pack(void **state)
{
    /* drives that send CRC 0000 on the last CD-TEXT pack: accepted */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc, text;
    (void)state;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    begin(&text, 0, 0);
    text.n += (size_t)tu_hex(sony_packs, text.b + 4, 200);
    text.b[4 + 3 * 18 + 16] = 0;
    text.b[4 + 3 * 18 + 17] = 0;
    end(&text);
    fd_toc(fd, 5, text.b, text.n);
    d = read_ok(dev, NULL, &rep);
    assert_int_equal(d->cdtext_packs, 4);
    assert_true(rep.have_cdtext);
    assert_true(has_warning(&rep, "CRC 0000"));
    assert_false(has_warning(&rep, "fail their CRC"));
    release(d, dev);
}

static void test_cdtext_bad_crc_reported(void **state)
{
    /* a pack whose CRC does not match: kept, and said */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc, text;
    (void)state;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    begin(&text, 0, 0);
    text.n += (size_t)tu_hex(sony_packs, text.b + 4, 200);
    text.b[4 + 18 + 5] ^= 0x01;
    end(&text);
    fd_toc(fd, 5, text.b, text.n);
    d = read_ok(dev, NULL, &rep);
    assert_int_equal(d->cdtext_packs, 4);
    assert_true(has_warning(&rep, "1 of 4 packs fail their CRC"));
    release(d, dev);
}

static void test_cdtext_crc_count_with_zero_crcs(void **state)
{
    /* CRC 0000 is accepted only on the last pack: on another pack it fails like a wrong CRC.
     * Pack 1 has a wrong CRC, pack 2 CRC 0000, pack 4 (the last) CRC 0000. */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc, text;
    (void)state;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    begin(&text, 0, 0);
    text.n += (size_t)tu_hex(sony_packs, text.b + 4, 200);
    text.b[4 + 0 * 18 + 5] ^= 0x01;
    text.b[4 + 1 * 18 + 16] = 0;
    text.b[4 + 1 * 18 + 17] = 0;
    text.b[4 + 3 * 18 + 16] = 0;
    text.b[4 + 3 * 18 + 17] = 0;
    end(&text);
    fd_toc(fd, 5, text.b, text.n);
    d = read_ok(dev, NULL, &rep);
    assert_int_equal(d->cdtext_packs, 4);
    assert_true(has_warning(&rep, "CRC 0000"));
    assert_true(has_warning(&rep, "2 of 4 packs fail their CRC"));
    release(d, dev);
}

static void test_cdtext_libcdio_files(void **state)
{
    /* real CD-TEXT packs (libcdio test data; pack counts from testdata/MANIFEST.md) answered as
     * format 5: every pack kept, no CRC warning */
    static const struct {
        const char *file;
        size_t packs;
    } files[] = {{"libcdio/data/cdtext.cdt", 96}, {"libcdio/data/cdtext-libburnia.cdt", 91},
                 {"libcdio/data/cdtext-krosis.cdt", 47}};
    (void)state;
    TU_REQUIRE_TESTDATA();
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        size_t len = 0, n;
        uint8_t *raw = tu_read_file(tu_data_path(files[f].file), &len);
        uint8_t *answer;
        fakedev *fd;
        tocex_device *dev = fd_open(&fd);
        tocex_read_report rep;
        tocex_disc *d;
        ans toc;
        assert_non_null(raw);
        n = len / 18; /* cdtext.cdt has one trailing NUL byte */
        assert_int_equal(n, files[f].packs);
        answer = malloc(4 + n * 18);
        assert_non_null(answer);
        answer[0] = (uint8_t)((2 + n * 18) >> 8);
        answer[1] = (uint8_t)(2 + n * 18);
        answer[2] = answer[3] = 0;
        memcpy(answer + 4, raw, n * 18);
        cdrom_answers(fd, &toc);
        no_pma_atip(fd);
        fd_toc(fd, 5, answer, 4 + n * 18);
        d = read_ok(dev, NULL, &rep);
        dump_warnings(&rep);
        assert_int_equal(rep.warning_count, 0);
        assert_int_equal(d->cdtext_packs, files[f].packs);
        assert_memory_equal(d->cdtext, raw, n * 18);
        release(d, dev);
        free(answer);
        free(raw);
    }
}

static void test_blank_cdrw(void **state)
{
    /* a blank CD-RW: 05/24/00 to the formatted TOC (ASUS DRW-24D5MT, udftools #33); ATIP read */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans atip;
    (void)state;
    atip_answer(&atip, (const uint8_t[24]){0x91, 0x00, 0xC4, 0, 97, 26, 66, 0, 79, 59, 74, 0, 0x2A, 0x3A, 0xC0});
    fd_profile(fd, 0x000A);
    fd_toc_sense(fd, 0, 0x05, 0x24, 0x00);
    fd_toc_sense(fd, 3, 0x05, 0x24, 0x00);
    fd_toc(fd, 4, atip.b, atip.n);
    d = read_ok(dev, NULL, &rep);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_RW);
    assert_int_equal(d->track_count, 0);
    assert_int_equal(d->atip_len, 24);
    assert_true(has_warning(&rep, "blank"));
    assert_int_equal(rep.commands, 4);
    release(d, dev);
}

static void test_quirk_cdtext_absent_data_length_2(void **state)
{
    /* Bochs and drives answering a header with Data Length 2 for no CD-TEXT */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    (void)state;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    assert_int_equal(d->cdtext_packs, 0);
    assert_true(d->known & TOCEX_KNOWN_CDTEXT);
    assert_false(rep.have_cdtext);
    assert_int_equal(fd_count(fd, 0x43, 5), 1); /* the probe's Data Length 2 ends it */
    release(d, dev);
}

static void test_quirk_cdtext_absent_check_condition(void **state)
{
    /* drives answering CHECK CONDITION 05/24/00 for no CD-TEXT */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    (void)state;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    fd_toc_sense(fd, 5, 0x05, 0x24, 0x00);
    d = read_ok(dev, NULL, &rep);
    assert_int_equal(d->cdtext_packs, 0);
    assert_true(d->known & TOCEX_KNOWN_CDTEXT);
    assert_int_equal(rep.warning_count, 0);
    release(d, dev);
}

static void test_quirk_skip_cdtext_multisession_hang(void **state)
{
    /* drives that hang on CD-TEXT of multi-session discs: opts->skip_cdtext asks nothing */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_read_options opts;
    tocex_disc *d;
    (void)state;
    memset(&opts, 0, sizeof opts);
    opts.skip_cdtext = true;
    cdr_answers(fd, true);
    d = read_ok(dev, &opts, &rep);
    assert_int_equal(fd_count(fd, 0x43, 5), 0);
    assert_int_equal(d->cdtext_packs, 0);
    assert_false(d->known & TOCEX_KNOWN_CDTEXT);
    assert_int_equal(d->session_count, 2);
    release(d, dev);
}

static void test_quirk_pressed_pma_atip_check_condition(void **state)
{
    /* pressed discs: PMA/ATIP refused with CHECK CONDITION = not present (LG WH16NS40, Aaru #810) */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    (void)state;
    cdrom_answers(fd, &toc);
    fd_toc_sense(fd, 3, 0x05, 0x24, 0x00);
    fd_toc_sense(fd, 4, 0x05, 0x30, 0x02);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    assert_int_equal(rep.warning_count, 0);
    assert_false(rep.have_pma);
    assert_false(rep.have_atip);
    assert_true(d->known & TOCEX_KNOWN_PMA);
    assert_true(d->known & TOCEX_KNOWN_ATIP);
    assert_int_equal(d->pma_count, 0);
    assert_int_equal(d->atip_len, 0);
    release(d, dev);
}

/* The pressed CD-ROM of cdrom_answers() read from a drive that refuses the PMA, answers the
 * ATIP with `desc` and has no CD-TEXT (Data Length 2): the ATIP quirks below. */
static tocex_disc *read_cdrom_with_atip(fakedev *fd, tocex_device *dev, const uint8_t desc[24],
                                        tocex_read_report *rep)
{
    ans toc, atip;
    cdrom_answers(fd, &toc);
    fd_toc_sense(fd, 3, 0x05, 0x24, 0x00);
    atip_answer(&atip, desc);
    fd_toc(fd, 4, atip.b, atip.n);
    cdtext_absent_dl2(fd);
    return read_ok(dev, NULL, rep);
}

static void test_quirk_yamaha_zero_atip(void **state)
{
    /* Yamaha: all-zero ATIP instead of CHECK CONDITION (cdrecord drv_mmc.c) */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    (void)state;
    d = read_cdrom_with_atip(fd, dev, (const uint8_t[24]){0}, &rep);
    assert_false(rep.have_atip);
    assert_int_equal(d->atip_len, 0);
    assert_true(d->known & TOCEX_KNOWN_ATIP);
    assert_true(has_warning(&rep, "Yamaha"));
    release(d, dev);
}

static void test_quirk_liteon_garbage_atip(void **state)
{
    /* LITE-ON LTR-48125S: garbage ATIP on pressed discs, lead-in not before lead-out (libburn) */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    (void)state;
    d = read_cdrom_with_atip(fd, dev, (const uint8_t[24]){0x80, 0, 0x80, 0, 50, 0, 0, 0, 10, 0, 0}, &rep);
    assert_int_equal(d->atip_len, 0);
    assert_true(has_warning(&rep, "LITE-ON"));
    release(d, dev);
}

static void test_quirk_ricoh_bcd_atip(void **state)
{
    /* buggy Ricoh firmware: ATIP lead-in/lead-out in BCD, converted (cdrecord drv_mmc.c) */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    (void)state;
    d = read_cdrom_with_atip(fd, dev, (const uint8_t[24]){0x80, 0, 0x80, 0, 0x97, 0x26, 0x66, 0, 0x79, 0x59, 0x74},
                             &rep);
    assert_int_equal(d->atip_len, 24);
    assert_int_equal(d->atip[4], 97);
    assert_int_equal(d->atip[5], 26);
    assert_int_equal(d->atip[6], 66);
    assert_int_equal(d->atip[8], 79);
    assert_true(has_warning(&rep, "Ricoh"));
    release(d, dev);
}

static void test_quirk_qemu_ide_every_format_is_toc(void **state)
{
    /* QEMU hw/ide/atapi.c reads the format from byte 9 only: formats 1 and 2 get the formatted
     * TOC, 3-5 get 05/24/00; and no residual is reported (transferred_known false) */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    uint8_t any[1] = {0x43};
    fd_rule *r;
    (void)state;
    begin(&toc, 1, 1);
    toc_desc(&toc, 0x14, 1, 0);
    toc_desc(&toc, 0x16, 0xAA, 123456);
    end(&toc);
    fd_profile(fd, 0x0008)->residual_unknown = true;
    fd_toc_sense(fd, 3, 0x05, 0x24, 0x00);
    fd_toc_sense(fd, 4, 0x05, 0x24, 0x00);
    fd_toc_sense(fd, 5, 0x05, 0x24, 0x00);
    r = fd_add(fd, any, 1, toc.b, toc.n);
    r->residual_unknown = true;
    d = read_ok(dev, NULL, &rep);
    dump_warnings(&rep);
    assert_false(rep.have_fulltoc);
    assert_true(has_warning(&rep, "QEMU"));
    assert_int_equal(d->track_count, 1);
    assert_int_equal(d->sessions[0].leadout, 123456);
    assert_false(d->known & TOCEX_KNOWN_FULLTOC);
    release(d, dev);
}

static void test_quirk_qemu_ide_fulltoc_not_11_bytes(void **state)
{
    /* the same QEMU answer with MSF set by the drive differs in bytes from our format-0 read but
     * its Data Length (2 + 8 n) does not fit 11-byte descriptors: refused, never decoded */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc, toc_msf;
    (void)state;
    begin(&toc, 1, 1);
    toc_desc(&toc, 0x14, 1, 0);
    toc_desc(&toc, 0x16, 0xAA, 1000);
    end(&toc);
    begin(&toc_msf, 1, 1);
    toc_desc(&toc_msf, 0x14, 1, 0x000200);
    toc_desc(&toc_msf, 0x16, 0xAA, 0x000F2F);
    end(&toc_msf);
    fd_profile(fd, 0x0008);
    fd_toc(fd, 0, toc.b, toc.n);
    fd_toc(fd, 1, toc.b, toc.n);
    fd_toc(fd, 2, toc_msf.b, toc_msf.n);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    assert_false(rep.have_fulltoc);
    assert_true(has_warning(&rep, "2 + 11 n"));
    assert_int_equal(d->sessions[0].leadout, 1000);
    release(d, dev);
}

static void test_quirk_qemu_scsi_format1_zero(void **state)
{
    /* QEMU hw/scsi/scsi-disk.c format 1: header only, descriptor all zero -> warn, use format 0 */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    uint8_t si[12] = {0x00, 0x0A, 0x01, 0x01};
    (void)state;
    cdrom_answers(fd, &toc);
    fd->rules[2].uses = (unsigned)-1; /* retire the good format-1 rule */
    fd_toc(fd, 1, si, sizeof si);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    assert_true(has_warning(&rep, "all zero"));
    check_cdrom(d);
    release(d, dev);
}

static void test_quirk_qemu_scsi_fulltoc_lba_in_a2(void **state)
{
    /* QEMU cdrom_read_toc_raw with MSF=0: A2 holds a 4-byte LBA in bytes 7-10 and track 1 zeros;
     * the cross-check reports each mismatch and the full TOC is not trusted for sessions */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc, full;
    (void)state;
    begin(&toc, 1, 1);
    toc_desc(&toc, 0x14, 1, 0);
    toc_desc(&toc, 0x16, 0xAA, 1856);
    end(&toc);
    begin(&full, 1, 1);
    full_desc(&full, 1, 0x14, 0xA0, 0, 0, 0, 0, 1, 0, 0);
    full_desc(&full, 1, 0x14, 0xA1, 0, 0, 0, 0, 1, 0, 0);
    full_desc(&full, 1, 0x14, 0xA2, 0, 0, 0, 0x00, 0x00, 0x07, 0x40); /* LBA 1856 = 00 00 07 40 */
    full_desc(&full, 1, 0x14, 0x01, 0, 0, 0, 0, 0, 0, 0);
    end(&full);
    fd_profile(fd, 0x0008);
    fd_toc(fd, 0, toc.b, toc.n);
    fd_toc(fd, 2, full.b, full.n);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    dump_warnings(&rep);
    assert_true(has_warning(&rep, "track 1 starts at LBA -150"));
    assert_true(has_warning(&rep, "lead-out"));
    assert_true(has_warning(&rep, "disagrees"));
    assert_int_equal(d->tracks[0].start, 0);
    assert_int_equal(d->sessions[0].leadout, 1856);
    assert_false(d->known & TOCEX_KNOWN_FULLTOC);
    release(d, dev);
}

static void test_quirk_unit_attention_first_read_differs(void **state)
{
    /* after a medium change (UNIT ATTENTION 06/28) the first formatted TOC may differ from the
     * second: the UA is retried and format 0 read twice, the second kept */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc, early;
    (void)state;
    fd_any_sense(fd, 0x06, 0x28, 0x00)->uses = 1;
    begin(&early, 1, 1);
    toc_desc(&early, 0x14, 1, 0);
    toc_desc(&early, 0x14, 0xAA, 777);
    end(&early);
    fd_toc(fd, 0, early.b, early.n)->uses = 1;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    dump_warnings(&rep);
    assert_true(has_warning(&rep, "differed"));
    check_cdrom(d);
    assert_int_equal(fd_count(fd, 0x43, 0), 2);
    /* UA + GET CONFIGURATION retried + two format-0 reads + the rest */
    assert_int_equal(rep.commands, 10);
    release(d, dev);
}

static void test_session_info_disagrees_with_fulltoc(void **state)
{
    /* format 1 says three sessions, the full TOC two: reported, the full TOC kept */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans si;
    (void)state;
    begin(&si, 1, 3);
    toc_desc(&si, 0x14, 2, 130115);
    end(&si);
    fd_toc(fd, 1, si.b, si.n);
    cdr_answers(fd, true);
    d = read_ok(dev, NULL, &rep);
    assert_true(has_warning(&rep, "session info says 3 sessions, the full TOC 2"));
    assert_int_equal(d->session_count, 2);
    release(d, dev);
}

static void test_quirk_sony_cdu541_start_track_0(void **state)
{
    /* pre-MMC Sony CDU-541: starting track 0 is INVALID FIELD (valid 1-63h, AAh); read from 1 */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    const uint8_t track0[7] = {0x43, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    fd_rule *r;
    (void)state;
    r = fd_add(fd, track0, sizeof track0, NULL, 0);
    r->check_condition = true;
    r->sense = (tocex_sense){0x05, 0x24, 0x00};
    cdrom_answers(fd, &toc);
    fd->rules[1].uses = (unsigned)-1; /* no GET CONFIGURATION either: an old drive */
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    check_cdrom(d);
    assert_true(has_warning(&rep, "starting track 0"));
    assert_int_equal(fd->log[2][6], 1);
    release(d, dev);
}

static void test_unit_attention_mid_read(void **state)
{
    /* a UNIT ATTENTION after format 0 was read: retried, and the possible change said */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    (void)state;
    fd_toc_sense(fd, 2, 0x06, 0x28, 0x00)->uses = 1;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    check_cdrom(d);
    assert_true(has_warning(&rep, "during the read"));
    assert_int_equal(rep.commands, 9);
    release(d, dev);
}

static void test_unit_attention_retries_exhausted(void **state)
{
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_options opts;
    tocex_disc d;
    tocex_error e;
    tocex_read_report rep;
    (void)state;
    memset(&opts, 0, sizeof opts);
    opts.unit_attention_retries = 2;
    fd_profile(fd, 0x0008);
    fd_toc_sense(fd, 0, 0x06, 0x28, 0x00);
    assert_int_equal(tocex_read_disc(dev, &opts, &d, &rep, &e), TOCEX_E_CHECK_CONDITION);
    assert_int_equal(fd_count(fd, 0x43, 0), 3);
    assert_int_equal(d.track_count, 0);
    tocex_device_close(dev);
}

static void test_get_configuration_rejected(void **state)
{
    /* pre-MMC-3 drives reject GET CONFIGURATION: assume CD-ROM and say so */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    (void)state;
    cdrom_answers(fd, &toc);
    fd->rules[0].uses = (unsigned)-1; /* no GET CONFIGURATION: 05/20/00 */
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
    assert_false(d->known & TOCEX_KNOWN_MEDIA);
    assert_true(has_warning(&rep, "GET CONFIGURATION"));
    assert_true(d->note_count > 0);
    check_cdrom(d);
    release(d, dev);
}

static void test_no_medium(void **state)
{
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_disc d;
    tocex_error e;
    (void)state;
    fd_any_sense(fd, 0x02, 0x3A, 0x00);
    assert_int_equal(tocex_read_disc(dev, NULL, &d, NULL, &e), TOCEX_E_NO_MEDIUM);
    /* asked twice (the QEMU allowance below), then no medium */
    assert_int_equal(fd->commands, 2);
    tocex_device_close(dev);
}

static void test_quirk_qemu_medium_change_not_present_once(void **state)
{
    /* QEMU hw/ide/atapi.c after a medium change: 02/3A once, then 06/28, then the disc */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    (void)state;
    fd_any_sense(fd, 0x02, 0x3A, 0x00)->uses = 1;
    fd_any_sense(fd, 0x06, 0x28, 0x00)->uses = 1;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    check_cdrom(d);
    assert_int_equal(fd_count(fd, 0x43, 0), 2); /* re-read after the UNIT ATTENTION */
    assert_int_equal(rep.commands, 11);
    release(d, dev);
}

static void test_quirk_dosbox_medium_change_not_ready_28(void **state)
{
    /* DOSBox-X reports a medium change as NOT READY 02/28/00: retried like a UNIT ATTENTION */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    (void)state;
    fd_any_sense(fd, 0x02, 0x28, 0x00)->uses = 1;
    cdrom_answers(fd, &toc);
    no_pma_atip(fd);
    cdtext_absent_dl2(fd);
    d = read_ok(dev, NULL, &rep);
    check_cdrom(d);
    assert_int_equal(fd_count(fd, 0x43, 0), 2);
    release(d, dev);
}

static void test_dvd_formats_0_1_only(void **state)
{
    /* DVD/BD: the drive makes up formats 0/1; the CD-only formats are not asked */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc, si;
    (void)state;
    begin(&toc, 1, 1);
    toc_desc(&toc, 0x14, 1, 0);
    toc_desc(&toc, 0x14, 0xAA, 2295104);
    end(&toc);
    begin(&si, 1, 1);
    toc_desc(&si, 0x14, 1, 0);
    end(&si);
    fd_profile(fd, 0x0010);
    fd_toc(fd, 0, toc.b, toc.n);
    fd_toc(fd, 1, si.b, si.n);
    d = read_ok(dev, NULL, &rep);
    assert_int_equal(d->media, TOCEX_MEDIA_DVD_ROM);
    assert_int_equal(rep.commands, 3);
    assert_int_equal(fd_count(fd, 0x43, 2) + fd_count(fd, 0x43, 3) + fd_count(fd, 0x43, 4) + fd_count(fd, 0x43, 5),
                     0);
    assert_int_equal(d->capacity, 2295104);
    release(d, dev);
}

static void test_tgt_short_transfer_refused(void **state)
{
    /* tgt sends Data Length bytes instead of Data Length + 2: the lead-out is cut off and the
     * read fails rather than guessing */
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_disc d;
    tocex_error e;
    ans toc;
    (void)state;
    begin(&toc, 1, 1);
    toc_desc(&toc, 0x14, 1, 0);
    toc_desc(&toc, 0x14, 0xAA, 1000);
    end(&toc);
    fd_profile(fd, 0x0008);
    fd_toc(fd, 0, toc.b, toc.n - 2);
    assert_int_equal(tocex_read_disc(dev, NULL, &d, NULL, &e), TOCEX_E_TRUNCATED);
    assert_non_null(strstr(e.message, "byte 18"));
    tocex_device_close(dev);
}

static void test_read_toc_answer_lengths(void **state)
{
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_buf out;
    tocex_sense sense;
    tocex_error e;
    unsigned commands = 0;
    ans toc, big;
    (void)state;
    cdrom_answers(fd, &toc);
    /* format 2: probe 4, then Data Length + 2 */
    tocex_buf_init(&out);
    assert_int_equal(tocex_read_toc_answer(dev, 2, false, 1, &out, &sense, &commands, &e), TOCEX_OK);
    assert_int_equal(commands, 2);
    assert_int_equal(out.len, 4 + 6 * 11);
    assert_int_equal(fd->log_alloc[0], 4);
    assert_int_equal(fd->log_alloc[1], 70);
    tocex_buf_free(&out);
    /* format 0: one command of 804 */
    tocex_buf_init(&out);
    assert_int_equal(tocex_read_toc_answer(dev, 0, true, 0, &out, &sense, &commands, &e), TOCEX_OK);
    assert_int_equal(commands, 3);
    assert_int_equal(out.len, toc.n);
    assert_int_equal(fd->log[2][1], 0x02); /* MSF bit */
    tocex_buf_free(&out);
    /* a CD-TEXT answer longer than one probe: Data Length + 2 even above 804 */
    begin(&big, 0, 0);
    for (int i = 0; i < 50; i++) {
        big.b[big.n] = 0x80;
        big.n += 18;
    }
    end(&big);
    fd_toc(fd, 5, big.b, big.n);
    tocex_buf_init(&out);
    assert_int_equal(tocex_read_toc_answer(dev, 5, false, 0, &out, &sense, &commands, &e), TOCEX_OK);
    assert_int_equal(out.len, 4 + 50 * 18);
    assert_int_equal(fd->log_alloc[4], 904);
    tocex_buf_free(&out);
    /* CHECK CONDITION: sense handed back */
    tocex_buf_init(&out);
    assert_int_equal(tocex_read_toc_answer(dev, 4, false, 0, &out, &sense, &commands, &e), TOCEX_E_CHECK_CONDITION);
    assert_int_equal(sense.key, 0x05);
    assert_int_equal(sense.asc, 0x20);
    tocex_buf_free(&out);
    tocex_device_close(dev);
}

/* A CHECK CONDITION other than "not present" for PMA/ATIP/CD-TEXT is reported in words, the
 * words of any other refused command. */
static void test_optional_format_refusal_worded(void **state)
{
    fakedev *fd;
    tocex_device *dev = fd_open(&fd);
    tocex_read_report rep;
    tocex_disc *d;
    ans toc;
    char want[256];
    (void)state;
    cdrom_answers(fd, &toc);
    fd_toc_sense(fd, 3, 0x03, 0x11, 0x00);           /* PMA: MEDIUM ERROR, unrecovered read error */
    fd_toc_sense(fd, 4, 0x05, 0x24, 0x00);           /* ATIP: not present, said nothing of */
    fd_toc_sense(fd, 5, 0x02, 0x04, 0x01);           /* CD-TEXT: NOT READY, becoming ready */
    d = read_ok(dev, NULL, &rep);
    dump_warnings(&rep);
    assert_int_equal(rep.warning_count, 2);
    snprintf(want, sizeof want, "PMA not read: opcode 43h: CHECK CONDITION 3/11/00 (%s)",
             tocex_sense_asc_name(0x11, 0x00));
    assert_string_equal(rep.warnings[0], want);
    snprintf(want, sizeof want, "CD-TEXT not read: opcode 43h: CHECK CONDITION 2/04/01 (%s)",
             tocex_sense_asc_name(0x04, 0x01));
    assert_string_equal(rep.warnings[1], want);
    for (size_t i = rep.warning_count; i < TOCEX_READ_MAX_WARNINGS; i++)
        assert_string_equal(rep.warnings[i], "");
    assert_true(d->known & TOCEX_KNOWN_PMA);
    assert_true(d->known & TOCEX_KNOWN_ATIP);
    assert_true(d->known & TOCEX_KNOWN_CDTEXT);
    release(d, dev);
    /* the same refusals through tocex_read_toc_answer: worded at once */
    dev = fd_open(&fd);
    fd_toc_sense(fd, 3, 0x03, 0x11, 0x00);
    {
        tocex_buf out;
        tocex_sense sense;
        tocex_error err;
        tocex_buf_init(&out);
        assert_int_equal(tocex_read_toc_answer(dev, 3, false, 0, &out, &sense, NULL, &err),
                         TOCEX_E_CHECK_CONDITION);
        snprintf(want, sizeof want, "opcode 43h: CHECK CONDITION 3/11/00 (%s)", tocex_sense_asc_name(0x11, 0x00));
        assert_string_equal(err.message, want);
        tocex_buf_free(&out);
    }
    tocex_device_close(dev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_single_session_cdrom),
        cmocka_unit_test(test_count_two_session_cdr_cdtext),
        cmocka_unit_test(test_quirk_bcd_fulltoc_nec_cdr260),
        cmocka_unit_test(test_quirk_missing_a2),
        cmocka_unit_test(test_quirk_leadout_control_variants),
        cmocka_unit_test(test_quirk_cdtext_zero_crc_last_pack),
        cmocka_unit_test(test_quirk_cdtext_absent_data_length_2),
        cmocka_unit_test(test_cdtext_bad_crc_reported),
        cmocka_unit_test(test_cdtext_crc_count_with_zero_crcs),
        cmocka_unit_test(test_blank_cdrw),
        cmocka_unit_test(test_cdtext_libcdio_files),
        cmocka_unit_test(test_quirk_cdtext_absent_check_condition),
        cmocka_unit_test(test_quirk_skip_cdtext_multisession_hang),
        cmocka_unit_test(test_quirk_pressed_pma_atip_check_condition),
        cmocka_unit_test(test_quirk_yamaha_zero_atip),
        cmocka_unit_test(test_quirk_liteon_garbage_atip),
        cmocka_unit_test(test_quirk_ricoh_bcd_atip),
        cmocka_unit_test(test_quirk_qemu_ide_every_format_is_toc),
        cmocka_unit_test(test_quirk_qemu_ide_fulltoc_not_11_bytes),
        cmocka_unit_test(test_quirk_qemu_scsi_format1_zero),
        cmocka_unit_test(test_quirk_qemu_scsi_fulltoc_lba_in_a2),
        cmocka_unit_test(test_quirk_unit_attention_first_read_differs),
        cmocka_unit_test(test_unit_attention_retries_exhausted),
        cmocka_unit_test(test_unit_attention_mid_read),
        cmocka_unit_test(test_quirk_sony_cdu541_start_track_0),
        cmocka_unit_test(test_session_info_disagrees_with_fulltoc),
        cmocka_unit_test(test_get_configuration_rejected),
        cmocka_unit_test(test_no_medium),
        cmocka_unit_test(test_quirk_qemu_medium_change_not_present_once),
        cmocka_unit_test(test_quirk_dosbox_medium_change_not_ready_28),
        cmocka_unit_test(test_dvd_formats_0_1_only),
        cmocka_unit_test(test_tgt_short_transfer_refused),
        cmocka_unit_test(test_read_toc_answer_lengths),
        cmocka_unit_test(test_optional_format_refusal_worded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
