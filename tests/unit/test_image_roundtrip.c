/* Image -> emulated drive -> initiator round trip over every real file the project has: each file
 * of the shared test data, samples/ and tests/data/ that tocex_image_open accepts is put into an
 * emulated drive (tocex_emu_open) and read back with tocex_read_disc exactly as a drive would be
 * read. The read disc must equal the image's disc in everything READ TOC/PMA/ATIP and GET
 * CONFIGURATION carry: media, tracks (number, session, ADR, CONTROL, start), sessions (first/last
 * track, lead-out, A0 disc type, B0/C0 presence and values), the full TOC, PMA entries, ATIP
 * bytes and CD-TEXT packs. A drive over the read disc must then answer every format (both
 * address forms) with the same bytes as the drive over the image. Every pressed CD is also
 * turned into a CD-R (ATIP and PMA added, see make_recordable) and read back the same way, since
 * none of the data is a recordable disc.
 *
 * What the wire cannot carry is asserted explicitly as the expected difference (see
 * check_not_carried). Mismatches are reported naming the file, then counted; the test fails
 * when any was found. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"
#include "tocex/addr.h"
#include "tocex/decode.h"
#include "tocex/emu.h"
#include "tocex/image.h"
#include "tocex/mmc.h"
#include "tocex/read.h"

/* ---------------------------------------------------------------- file list */

typedef struct path_list {
    char **v;
    size_t n, cap;
} path_list;

static void list_add(path_list *l, const char *p)
{
    if (l->n == l->cap) {
        l->cap = l->cap != 0 ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        assert_non_null(l->v);
    }
    l->v[l->n] = malloc(strlen(p) + 1);
    assert_non_null(l->v[l->n]);
    strcpy(l->v[l->n], p);
    l->n++;
}

static void list_free(path_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(path_list *l, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        int n;
        if (e->d_name[0] == '.')
            continue;
        n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof path || stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk(l, path);
        else if (S_ISREG(st.st_mode))
            list_add(l, path);
    }
    closedir(d);
}

/* ---------------------------------------------------------------- mismatch reporting */

typedef struct ctx {
    const char *path;
    size_t mismatches; /**< over all files */
    size_t file_mismatches;
} ctx;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void mismatch(ctx *c, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->mismatches++;
    /* The first few per file are enough to see what is wrong. */
    if (c->file_mismatches++ < 8)
        print_message("MISMATCH %s: %s\n", c->path, msg);
}

#define SAME_INT(c, what, a, b)                                                                         \
    do {                                                                                               \
        long long a_ = (long long)(a), b_ = (long long)(b);                                            \
        if (a_ != b_)                                                                                  \
            mismatch((c), "%s: image %lld, read %lld", (what), a_, b_);                                 \
    } while (0)

/* ---------------------------------------------------------------- the comparison */

static void compare_tracks(ctx *c, const tocex_disc *img, const tocex_disc *rd)
{
    SAME_INT(c, "track count", img->track_count, rd->track_count);
    for (size_t i = 0; i < img->track_count && i < rd->track_count; i++) {
        const tocex_track *x = &img->tracks[i], *y = &rd->tracks[i];
        char what[64];
        snprintf(what, sizeof what, "track %u number", x->number);
        SAME_INT(c, what, x->number, y->number);
        snprintf(what, sizeof what, "track %u session", x->number);
        SAME_INT(c, what, x->session, y->session);
        snprintf(what, sizeof what, "track %u ADR", x->number);
        SAME_INT(c, what, x->adr, y->adr);
        snprintf(what, sizeof what, "track %u CONTROL", x->number);
        SAME_INT(c, what, x->control, y->control);
        snprintf(what, sizeof what, "track %u start", x->number);
        SAME_INT(c, what, x->start, y->start);
    }
}

static void compare_sessions(ctx *c, const tocex_disc *img, const tocex_disc *rd)
{
    SAME_INT(c, "session count", img->session_count, rd->session_count);
    SAME_INT(c, "appendable", img->appendable, rd->appendable);
    for (size_t i = 0; i < img->session_count && i < rd->session_count; i++) {
        const tocex_session *x = &img->sessions[i], *y = &rd->sessions[i];
        char what[64];
#define SESS(field)                                                                                     \
    do {                                                                                               \
        snprintf(what, sizeof what, "session %zu " #field, i + 1);                                     \
        SAME_INT(c, what, x->field, y->field);                                                         \
    } while (0)
        SESS(number);
        SESS(first_track);
        SESS(last_track);
        SESS(disc_type);
        SESS(leadout);
        SESS(has_b0);
        if (x->has_b0 && y->has_b0) {
            SESS(b0_next_program);
            SESS(b0_pointers);
            SESS(b0_max_leadout);
        }
        SESS(has_c0);
        if (x->has_c0 && y->has_c0) {
            SESS(c0_atip[0]);
            SESS(c0_atip[1]);
            SESS(c0_atip[2]);
            SESS(c0_first_leadin);
        }
#undef SESS
    }
}

static bool entries_equal(const tocex_toc_entry *a, const tocex_toc_entry *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].session != b[i].session || a[i].adr_control != b[i].adr_control || a[i].tno != b[i].tno ||
            a[i].point != b[i].point || a[i].min != b[i].min || a[i].sec != b[i].sec || a[i].frame != b[i].frame ||
            a[i].zero != b[i].zero || a[i].pmin != b[i].pmin || a[i].psec != b[i].psec || a[i].pframe != b[i].pframe)
            return false;
    return true;
}

static void compare_lead_in_data(ctx *c, const tocex_disc *img, const tocex_disc *rd)
{
    SAME_INT(c, "PMA entries", img->pma_count, rd->pma_count);
    if (img->pma_count == rd->pma_count && !entries_equal(img->pma, rd->pma, img->pma_count))
        mismatch(c, "PMA entries differ");
    SAME_INT(c, "ATIP length", img->atip_len, rd->atip_len);
    if (img->atip_len == rd->atip_len && memcmp(img->atip, rd->atip, img->atip_len) != 0)
        mismatch(c, "ATIP bytes differ");
    SAME_INT(c, "CD-TEXT packs", img->cdtext_packs, rd->cdtext_packs);
    if (img->cdtext_packs == rd->cdtext_packs && img->cdtext_packs > 0 &&
        memcmp(img->cdtext, rd->cdtext, img->cdtext_packs * 18) != 0)
        mismatch(c, "CD-TEXT packs differ");
}

/* What READ TOC/PMA/ATIP and GET CONFIGURATION cannot carry, so the read disc must not claim it:
 *  - track modes: the TOC has only CONTROL bit 2 (data/audio, Red Book); a data track's mode
 *    (Mode 1, Mode 2 form 1/2, CD-i) is in its sector headers, so it reads back UNKNOWN;
 *  - INDEX 00 pre-gaps, an image's sector sizes, ISRCs and the MCN: in the Q sub-channel of the
 *    program area (READ SUB-CHANNEL / READ CD), not in the lead-in answers tocex_read_disc asks. */
static void check_not_carried(ctx *c, const tocex_disc *rd)
{
    for (size_t i = 0; i < rd->track_count; i++) {
        const tocex_track *t = &rd->tracks[i];
        tocex_track_mode want = (t->control & TOCEX_CONTROL_DATA) ? TOCEX_MODE_UNKNOWN : TOCEX_MODE_AUDIO;
        if (t->mode != want)
            mismatch(c, "track %u: read mode %s, the TOC only tells %s", t->number, tocex_track_mode_name(t->mode),
                     tocex_track_mode_name(want));
        if (t->pregap != 0 || t->sector_size != 0 || t->isrc[0] != '\0')
            mismatch(c, "track %u: read disc claims a pre-gap, sector size or ISRC", t->number);
    }
    if (rd->mcn[0] != '\0')
        mismatch(c, "read disc claims an MCN");
}

/* One answer of an emulated drive through tocex_read_toc_answer (probe + full length). */
static tocex_status answer_of(tocex_device *dev, unsigned format, bool msf, uint8_t ts, tocex_buf *out,
                              tocex_sense *sense)
{
    tocex_error e;
    tocex_buf_init(out);
    memset(sense, 0, sizeof *sense);
    return tocex_read_toc_answer(dev, format, msf, ts, out, sense, NULL, &e);
}

/* Drives over the image's disc and over the read disc answer every format alike, byte for byte:
 * formats 0 and 1 with LBA and MSF addresses, 0 also from every track and the lead-out, 2 from
 * every session, 3, 4, 5. The full TOC answer also decodes to the same descriptors. */
static void compare_answers(ctx *c, tocex_device *a, tocex_device *b, const tocex_disc *img)
{
    struct {
        unsigned format;
        bool msf;
        uint8_t ts;
    } asks[16 + TOCEX_MAX_TRACKS + TOCEX_MAX_SESSIONS];
    size_t n = 0;
    asks[n].format = 0, asks[n].msf = false, asks[n].ts = 0, n++;
    asks[n].format = 0, asks[n].msf = true, asks[n].ts = 0, n++;
    asks[n].format = 0, asks[n].msf = false, asks[n].ts = 0xAA, n++;
    asks[n].format = 1, asks[n].msf = false, asks[n].ts = 0, n++;
    asks[n].format = 1, asks[n].msf = true, asks[n].ts = 0, n++;
    asks[n].format = 3, asks[n].msf = false, asks[n].ts = 0, n++;
    asks[n].format = 4, asks[n].msf = true, asks[n].ts = 0, n++;
    asks[n].format = 5, asks[n].msf = false, asks[n].ts = 0, n++;
    for (size_t i = 0; i < img->track_count; i++)
        asks[n].format = 0, asks[n].msf = false, asks[n].ts = img->tracks[i].number, n++;
    for (size_t s = 0; s <= img->session_count; s++)
        asks[n].format = 2, asks[n].msf = true, asks[n].ts = (uint8_t)(s == 0 ? 1 : s), n++;

    for (size_t i = 0; i < n; i++) {
        tocex_buf x, y;
        tocex_sense sx, sy;
        tocex_status stx = answer_of(a, asks[i].format, asks[i].msf, asks[i].ts, &x, &sx);
        tocex_status sty = answer_of(b, asks[i].format, asks[i].msf, asks[i].ts, &y, &sy);
        if (stx != sty)
            mismatch(c, "format %u msf %d from %u: status %s / %s", asks[i].format, asks[i].msf, asks[i].ts,
                     tocex_strerror(stx), tocex_strerror(sty));
        else if (stx == TOCEX_E_CHECK_CONDITION) {
            if (sx.key != sy.key || sx.asc != sy.asc || sx.ascq != sy.ascq)
                mismatch(c, "format %u: sense %x/%02x/%02x / %x/%02x/%02x", asks[i].format, sx.key, sx.asc, sx.ascq,
                         sy.key, sy.asc, sy.ascq);
        } else if (x.len != y.len || (x.len > 0 && memcmp(x.data, y.data, x.len) != 0))
            mismatch(c, "format %u msf %d from %u: answers differ (%zu / %zu bytes)", asks[i].format, asks[i].msf,
                     asks[i].ts, x.len, y.len);
        else if (stx == TOCEX_OK && asks[i].format == 2) {
            /* decode again: the same descriptors, and they are a layout the initiator accepts */
            tocex_fulltoc_view vx, vy;
            tocex_error e;
            memset(&vx, 0, sizeof vx);
            memset(&vy, 0, sizeof vy);
            if (tocex_decode_fulltoc(x.data, x.len, 0, &vx, &e) != TOCEX_OK ||
                tocex_decode_fulltoc(y.data, y.len, 0, &vy, &e) != TOCEX_OK)
                mismatch(c, "full TOC from session %u does not decode: %s", asks[i].ts, e.message);
            else if (vx.count != vy.count || !entries_equal(vx.entries, vy.entries, vx.count))
                mismatch(c, "full TOC from session %u decodes differently", asks[i].ts);
            tocex_fulltoc_view_free(&vx);
            tocex_fulltoc_view_free(&vy);
        }
        tocex_buf_free(&x);
        tocex_buf_free(&y);
    }
}

/* The recorded full TOC of the read disc is the drive's complete format-2 answer for the image
 * (descriptors of all sessions, decoded). */
static void compare_fulltoc(ctx *c, tocex_device *a, const tocex_disc *rd)
{
    tocex_buf x;
    tocex_sense s;
    tocex_fulltoc_view v;
    tocex_error e;
    if (answer_of(a, 2, true, 1, &x, &s) != TOCEX_OK) {
        mismatch(c, "no full TOC answer from the image's drive");
        tocex_buf_free(&x);
        return;
    }
    memset(&v, 0, sizeof v);
    if (tocex_decode_fulltoc(x.data, x.len, 0, &v, &e) != TOCEX_OK)
        mismatch(c, "full TOC answer does not decode: %s", e.message);
    else {
        SAME_INT(c, "full TOC descriptors", v.count, rd->fulltoc_count);
        if (v.count == rd->fulltoc_count && !entries_equal(v.entries, rd->fulltoc, v.count))
            mismatch(c, "read disc's full TOC is not the drive's answer");
    }
    tocex_fulltoc_view_free(&v);
    tocex_buf_free(&x);
}

/* A full TOC the image recorded as-is (CloneCD [Entry] sections, a saved format-2 answer) is
 * what the drive answers, so it comes back descriptor for descriptor. */
static void compare_recorded_fulltoc(ctx *c, const tocex_disc *img, const tocex_disc *rd)
{
    if (img->fulltoc_count == 0)
        return;
    SAME_INT(c, "recorded full TOC descriptors", img->fulltoc_count, rd->fulltoc_count);
    if (img->fulltoc_count == rd->fulltoc_count && !entries_equal(img->fulltoc, rd->fulltoc, img->fulltoc_count))
        mismatch(c, "the recorded full TOC does not come back as recorded");
}

/* ---------------------------------------------------------------- per file */

typedef struct counts {
    unsigned roundtrip[TOCEX_IMAGE_FORMAT_COUNT];
    unsigned no_toc[TOCEX_IMAGE_FORMAT_COUNT];
    unsigned recordable[TOCEX_IMAGE_FORMAT_COUNT];
    unsigned files, accepted;
} counts;

/* The format a file is counted under: what tocex_image_sniff sees in its content, else (Nero's
 * footer is at the end of the file, UTF-32 logs and some ripper logs show no ASCII signature in
 * the head) the first reader that accepts it, as tocex_image_open falls back to the name. */
static tocex_image_format group_of(const char *path, tocex_disc *scratch)
{
    size_t len = 0;
    uint8_t *data = tu_read_file(path, &len);
    tocex_image_format f;
    assert_non_null(data);
    f = tocex_image_sniff(path, data, len < 65536 ? len : 65536);
    free(data);
    for (unsigned g = 1; f == TOCEX_IMAGE_UNKNOWN && g < TOCEX_IMAGE_FORMAT_COUNT; g++) {
        tocex_disc_init(scratch);
        if (tocex_image_open_as(path, (tocex_image_format)g, scratch, NULL) == TOCEX_OK)
            f = (tocex_image_format)g;
        tocex_disc_free(scratch);
    }
    return f;
}

/* Drive over `img`, read it back into `rd`, compare. Returns the mismatches found. */
static size_t roundtrip_disc(ctx *c, const tocex_disc *img, tocex_disc *rd, const char *label)
{
    tocex_error e;
    tocex_device *dev_img, *dev_rd;
    tocex_read_report rep;
    tocex_status st;
    size_t before = c->file_mismatches;

    dev_img = tocex_emu_open(img, NULL, &e);
    if (dev_img == NULL) {
        mismatch(c, "%s: the emulated drive refuses the image's disc: %s", label, e.message);
        return c->file_mismatches - before;
    }
    tocex_disc_init(rd);
    memset(&rep, 0, sizeof rep);
    st = tocex_read_disc(dev_img, NULL, rd, &rep, &e);

    if (img->track_count == 0) {
        /* A CD-TEXT, ATIP or PMA dump alone describes a disc without a TOC. A CD has no
         * formatted TOC without tracks, so READ TOC format 0 is refused (MMC: Track/Session
         * Number beyond the last track = INVALID FIELD IN CDB) and the whole-disc read stops
         * there; what the dump holds is still answered by its own format. */
        tocex_buf x;
        tocex_sense s;
        if (st == TOCEX_OK)
            mismatch(c, "%s: a disc without tracks read as a disc with %zu tracks", label, rd->track_count);
        if (img->cdtext_packs > 0) {
            if (answer_of(dev_img, 5, false, 0, &x, &s) != TOCEX_OK || x.len != 4 + img->cdtext_packs * 18 ||
                memcmp(x.data + 4, img->cdtext, img->cdtext_packs * 18) != 0)
                mismatch(c, "%s: format 5 does not answer the dump's packs", label);
            tocex_buf_free(&x);
        }
        if (img->atip_len > 0) {
            if (answer_of(dev_img, 4, false, 0, &x, &s) != TOCEX_OK || x.len != 4 + img->atip_len ||
                memcmp(x.data + 4, img->atip, img->atip_len) != 0)
                mismatch(c, "%s: format 4 does not answer the dump's ATIP", label);
            tocex_buf_free(&x);
        }
    } else if (st != TOCEX_OK) {
        mismatch(c, "%s: tocex_read_disc failed: %s", label, e.message);
    } else {
        SAME_INT(c, "media", img->media, rd->media);
        if (!tocex_media_is_cd(img->media))
            SAME_INT(c, "capacity", img->capacity, rd->capacity);
        compare_tracks(c, img, rd);
        compare_sessions(c, img, rd);
        compare_lead_in_data(c, img, rd);
        check_not_carried(c, rd);
        if (tocex_media_is_cd(img->media)) {
            compare_fulltoc(c, dev_img, rd);
            compare_recorded_fulltoc(c, img, rd);
        }
        if (rep.warning_count != 0)
            mismatch(c, "%s: reading warned: %s", label, rep.warnings[0]);
        dev_rd = tocex_emu_open(rd, NULL, &e);
        if (dev_rd == NULL)
            mismatch(c, "%s: the emulated drive refuses the read disc: %s", label, e.message);
        else {
            compare_answers(c, dev_img, dev_rd, img);
            tocex_device_close(dev_rd);
        }
    }
    tocex_device_close(dev_img);
    tocex_disc_free(rd);
    return c->file_mismatches - before;
}

/* The same disc as a CD-R, so that the ATIP, PMA and C0 paths carry real track layouts: the data
 * holds no recordable disc. ATIP descriptor (MMC READ TOC/PMA/ATIP format 0100b): byte 0 = 1,
 * Indicative Target Writing Power 5, Reference Speed 2 (D2h); byte 2 = 1, Disc Type 0 (CD-R)
 * (80h); lead-in start 97:26:66; last possible lead-out start 79:59:74 (the 80-minute blank
 * of samples.sh). PMA: one ADR-1 entry per track (Orange Book: POINT = track number, MIN SEC
 * FRAME = track stop time, PMIN PSEC PFRAME = start time, all BCD, TNO 0). */
static bool make_recordable(const tocex_disc *img, tocex_disc *cdr)
{
    static const uint8_t atip[24] = {0xD2, 0x00, 0x80, 0x00, 97, 26, 66, 0x00, 79, 59, 74, 0x00};
    tocex_toc_entry pma[TOCEX_MAX_TRACKS];
    tocex_error e;
    if (img->media != TOCEX_MEDIA_CD_ROM || img->track_count == 0)
        return false;
    tocex_disc_init(cdr);
    assert_int_equal(tocex_disc_copy(cdr, img, &e), TOCEX_OK);
    cdr->media = TOCEX_MEDIA_CD_R;
    assert_int_equal(tocex_disc_set_atip(cdr, atip, sizeof atip, &e), TOCEX_OK);
    for (size_t i = 0; i < img->track_count; i++) {
        const tocex_track *t = &img->tracks[i];
        tocex_msf start, stop;
        tocex_toc_entry *p = &pma[i];
        assert_true(tocex_lba_to_msf(t->start, &start));
        assert_true(tocex_lba_to_msf(t->start + tocex_disc_track_length(img, i) - 1, &stop));
        memset(p, 0, sizeof *p);
        p->adr_control = (uint8_t)(0x10 | (t->control & 0x0F));
        p->point = tocex_bin_to_bcd(t->number);
        p->min = tocex_bin_to_bcd(stop.m);
        p->sec = tocex_bin_to_bcd(stop.s);
        p->frame = tocex_bin_to_bcd(stop.f);
        p->pmin = tocex_bin_to_bcd(start.m);
        p->psec = tocex_bin_to_bcd(start.s);
        p->pframe = tocex_bin_to_bcd(start.f);
    }
    assert_int_equal(tocex_disc_set_pma(cdr, pma, img->track_count, &e), TOCEX_OK);
    if (tocex_disc_finish(cdr, &e) != TOCEX_OK) {
        print_message("%s: the CD-R variant is refused: %s\n", "make_recordable", e.message);
        tocex_disc_free(cdr);
        return false;
    }
    return true;
}

static void roundtrip_file(ctx *c, counts *k, const char *path, tocex_disc *img, tocex_disc *rd)
{
    tocex_error e;
    tocex_image_format fmt;
    tocex_disc *cdr;

    k->files++;
    tocex_disc_init(img);
    if (tocex_image_open(path, img, &e) != TOCEX_OK) {
        tocex_disc_free(img);
        return;
    }
    k->accepted++;
    fmt = group_of(path, rd);
    c->path = path;
    c->file_mismatches = 0;

    if (roundtrip_disc(c, img, rd, "image") == 0) {
        if (img->track_count == 0)
            k->no_toc[fmt]++;
        else
            k->roundtrip[fmt]++;
    }
    cdr = malloc(sizeof *cdr);
    assert_non_null(cdr);
    if (make_recordable(img, cdr)) {
        if (roundtrip_disc(c, cdr, rd, "as CD-R") == 0)
            k->recordable[fmt]++;
        tocex_disc_free(cdr);
    }
    free(cdr);
    tocex_disc_free(img);
}

static void test_every_image(void **state)
{
    path_list l;
    ctx c;
    counts k;
    tocex_disc *img = malloc(sizeof *img), *rd = malloc(sizeof *rd);
    unsigned total = 0, total_cdr = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    assert_non_null(img);
    assert_non_null(rd);
    memset(&l, 0, sizeof l);
    memset(&c, 0, sizeof c);
    memset(&k, 0, sizeof k);
    walk(&l, tu_testdata());
    walk(&l, tu_src_path("samples"));
    walk(&l, tu_src_path("tests/data"));
    if (l.n > 1)
        qsort(l.v, l.n, sizeof *l.v, cmp_str);
    for (size_t i = 0; i < l.n; i++)
        roundtrip_file(&c, &k, l.v[i], img, rd);

    print_message("%u files, %u accepted by tocex_image_open; round-tripped per format:\n", k.files, k.accepted);
    for (unsigned f = 0; f < TOCEX_IMAGE_FORMAT_COUNT; f++) {
        if (k.roundtrip[f] == 0 && k.no_toc[f] == 0)
            continue;
        print_message("  %-12s %3u (as CD-R with ATIP and PMA: %u)", tocex_image_format_name((tocex_image_format)f),
                      k.roundtrip[f], k.recordable[f]);
        if (k.no_toc[f] != 0)
            print_message("  (+%u without a TOC: their own format answered)", k.no_toc[f]);
        print_message("\n");
        total += k.roundtrip[f];
        total_cdr += k.recordable[f];
    }
    print_message("  total        %3u (as CD-R: %u), %zu mismatches\n", total, total_cdr, c.mismatches);
    list_free(&l);
    free(img);
    free(rd);
    assert_int_equal(c.mismatches, 0);
    /* The shared data holds cue sheets, cdrdao TOCs, NRG and ISO images (MANIFEST.md), samples/
     * and tests/data/ CloneCD files, raw dumps and ripper logs; every kind has to take part. */
    assert_true(total >= 50);
    assert_true(total_cdr >= 50);
    assert_true(k.roundtrip[TOCEX_IMAGE_CUE] > 0 && k.roundtrip[TOCEX_IMAGE_CDRDAO_TOC] > 0 &&
                k.roundtrip[TOCEX_IMAGE_NRG] > 0 && k.roundtrip[TOCEX_IMAGE_ISO] > 0 &&
                k.roundtrip[TOCEX_IMAGE_CCD] > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_image),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
