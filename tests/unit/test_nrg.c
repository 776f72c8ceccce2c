/* Nero .nrg reader: libcdio samples against cd-info's expected output and the CSV vectors,
 * generated v1/v2 DAO/TAO images, malformed variants, a 700 MB sparse image. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "tocex/addr.h"
#include "tocex/bytes.h"
#include "tocex/image.h"


/* ---- minimal CD-TEXT text extraction for checks (block 0, one pack type) ---- */
static void cdtext_field(const uint8_t *packs, size_t n, uint8_t type, unsigned track, char *out, size_t cap)
{
    unsigned cur = 0;
    size_t len = 0;
    bool started = false;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = packs + i * 18;
        if (p[0] != type || ((p[3] >> 4) & 7) != 0)
            continue;
        if (!started) {
            cur = p[1] & 0x7F;
            started = true;
        }
        for (int k = 4; k < 16; k++) {
            if (p[k] == 0) {
                if (cur == track)
                    return;
                cur++;
                len = 0;
                out[0] = '\0';
            } else if (cur == track && len + 1 < cap) {
                out[len++] = (char)p[k];
                out[len] = '\0';
            }
        }
    }
}

/* ---- cd-info .right parsing ---- */
typedef struct right_info {
    size_t tracks;
    unsigned number[99];
    long lsn[99];
    char type[99][32];
    long leadout;
    char mcn[32];
    char disc_title[128], disc_performer[128];
    bool has_cdtext;
} right_info;

static bool parse_right(const char *path, right_info *ri)
{
    FILE *f = fopen(path, "r");
    char line[512];
    bool in_disc = false;
    memset(ri, 0, sizeof *ri);
    ri->leadout = -1;
    if (f == NULL)
        return false;
    while (fgets(line, sizeof line, f) != NULL) {
        int num, m, s, fr;
        long lsn;
        char type[32];
        if (sscanf(line, " %d: %d:%d:%d %ld %31s", &num, &m, &s, &fr, &lsn, type) == 6) {
            if (num == 170)
                ri->leadout = lsn;
            else if (ri->tracks < 99) {
                ri->number[ri->tracks] = (unsigned)num;
                ri->lsn[ri->tracks] = lsn;
                snprintf(ri->type[ri->tracks], sizeof ri->type[0], "%s", type);
                ri->tracks++;
            }
        } else if (strncmp(line, "Media Catalog Number (MCN): ", 28) == 0) {
            char *v = line + 28;
            v[strcspn(v, "\r\n")] = '\0';
            if (strcmp(v, "not available") != 0)
                snprintf(ri->mcn, sizeof ri->mcn, "%.31s", v);
        } else if (strncmp(line, "CD-TEXT for Disc:", 17) == 0) {
            in_disc = true;
            ri->has_cdtext = true;
        } else if (strncmp(line, "CD-TEXT for Track", 17) == 0) {
            in_disc = false;
        } else if (in_disc && strncmp(line, "\tTITLE: ", 8) == 0) {
            line[strcspn(line, "\r\n")] = '\0';
            snprintf(ri->disc_title, sizeof ri->disc_title, "%.127s", line + 8);
        } else if (in_disc && strncmp(line, "\tPERFORMER: ", 12) == 0) {
            line[strcspn(line, "\r\n")] = '\0';
            snprintf(ri->disc_performer, sizeof ri->disc_performer, "%.127s", line + 12);
        }
    }
    fclose(f);
    return ri->leadout >= 0 && ri->tracks > 0;
}

/* Every libcdio .nrg whose cd-info output is shipped in expected/<stem>.right. */
static void test_libcdio_right(void **state)
{
    const char *dir = tu_data_path("libcdio/expected");
    DIR *dp;
    struct dirent *de;
    size_t compared = 0;
    tocex_disc *d;
    (void)state;
    TU_REQUIRE_TESTDATA();
    d = calloc(1, sizeof *d);
    assert_non_null(d);
    dp = opendir(dir);
    assert_non_null(dp);
    while ((de = readdir(dp)) != NULL) {
        char stem[256], rel[300], nrg[300];
        const char *dot = strrchr(de->d_name, '.');
        right_info ri;
        tocex_error err;
        struct stat sb;
        if (dot == NULL || strcmp(dot, ".right") != 0)
            continue;
        snprintf(stem, sizeof stem, "%.*s", (int)(dot - de->d_name), de->d_name);
        snprintf(rel, sizeof rel, "libcdio/data/%s.nrg", stem);
        snprintf(nrg, sizeof nrg, "%s", tu_data_path(rel));
        if (stat(nrg, &sb) != 0)
            continue;
        snprintf(rel, sizeof rel, "libcdio/expected/%s", de->d_name);
        assert_true(parse_right(tu_data_path(rel), &ri));
        assert_int_equal(tocex_image_read_nrg(nrg, d, &err), TOCEX_OK);
        assert_int_equal(d->track_count, ri.tracks);
        for (size_t i = 0; i < ri.tracks; i++) {
            assert_int_equal(d->tracks[i].number, ri.number[i]);
            assert_int_equal(d->tracks[i].start, ri.lsn[i]);
            assert_int_equal(strcmp(ri.type[i], "audio") == 0, d->tracks[i].mode == TOCEX_MODE_AUDIO);
            if (strcmp(ri.type[i], "XA") == 0)
                assert_int_equal(d->sessions[d->tracks[i].session - 1].disc_type, 0x20);
        }
        assert_int_equal(tocex_disc_leadout(d), ri.leadout);
        assert_string_equal(d->mcn, ri.mcn);
        if (ri.has_cdtext) {
            char text[128];
            cdtext_field(d->cdtext, d->cdtext_packs, 0x80, 0, text, sizeof text);
            assert_string_equal(text, ri.disc_title);
            cdtext_field(d->cdtext, d->cdtext_packs, 0x81, 0, text, sizeof text);
            assert_string_equal(text, ri.disc_performer);
        }
        tocex_disc_free(d);
        compared++;
    }
    closedir(dp);
    print_message("compared %zu .nrg images with cd-info output\n", compared);
    assert_true(compared >= 1);
    free(d);
}

/* ---- toc_expected.csv ---- */
/* Split one CSV line (RFC 4180 quoting) into fields stored in `store`. */
static size_t csv_fields(const char *line, char store[][512], char **f, size_t max)
{
    size_t n = 0;
    const char *r = line;
    while (n < max) {
        size_t w = 0;
        bool quoted = *r == '"';
        if (quoted)
            r++;
        while (*r != '\0' && *r != '\n' && *r != '\r') {
            if (quoted && *r == '"') {
                if (r[1] == '"') {
                    r++;
                } else {
                    quoted = false;
                    r++;
                    continue;
                }
            } else if (!quoted && *r == ',')
                break;
            if (w + 1 < 512)
                store[n][w++] = *r;
            r++;
        }
        store[n][w] = '\0';
        f[n] = store[n];
        n++;
        if (*r != ',')
            break;
        r++;
    }
    return n;
}

static void test_csv_rows(void **state)
{
    FILE *f;
    char line[2048];
    size_t checked = 0;
    tocex_disc *d;
    (void)state;
    TU_REQUIRE_TESTDATA();
    d = calloc(1, sizeof *d);
    assert_non_null(d);
    f = fopen(tu_data_path("vectors/toc_expected.csv"), "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f) != NULL) {
        static char store[8][512];
        char *fl[8];
        size_t n = csv_fields(line, store, fl, 8);
        const char *input, *kind, *key, *expected;
        size_t ilen;
        tocex_error err;
        if (n < 5)
            continue;
        input = fl[1];
        kind = fl[2];
        key = fl[3];
        expected = fl[4];
        ilen = strlen(input);
        if (ilen < 4 || strcmp(input + ilen - 4, ".nrg") != 0)
            continue;
        assert_int_equal(tocex_image_read_nrg(tu_data_path(input), d, &err), TOCEX_OK);
        if (strcmp(kind, "nrg_cdtext") == 0) {
            char text[128];
            uint8_t type = strcmp(key, "disc TITLE") == 0 ? 0x80 : strcmp(key, "disc PERFORMER") == 0 ? 0x81 : 0;
            assert_int_not_equal(type, 0);
            cdtext_field(d->cdtext, d->cdtext_packs, type, 0, text, sizeof text);
            assert_string_equal(text, expected);
            checked++;
        } else if (strcmp(kind, "track_pregap_lsn") == 0) {
            unsigned t;
            int idx;
            assert_int_equal(sscanf(key, "track %u", &t), 1);
            idx = tocex_disc_track_index(d, t);
            if (strcmp(expected, "CDIO_INVALID_LSN") == 0)
                assert_true(idx < 0 || d->tracks[idx].pregap == 0);
            else {
                /* libcdio's pregap LSN = where INDEX 00 starts */
                assert_true(idx >= 0);
                assert_true(d->tracks[idx].pregap > 0);
                assert_int_equal(d->tracks[idx].start - d->tracks[idx].pregap, atol(expected));
            }
            checked++;
        } else if (strcmp(kind, "contains_iso9660") == 0) {
            /* an ISO 9660 file system lives in a data track */
            bool data = false;
            for (size_t i = 0; i < d->track_count; i++)
                if (d->tracks[i].control & TOCEX_CONTROL_DATA)
                    data = true;
            assert_int_equal(data, strncmp(expected, "yes", 3) == 0);
            checked++;
        }
        tocex_disc_free(d);
    }
    fclose(f);
    print_message("checked %zu CSV rows on .nrg inputs\n", checked);
    assert_true(checked >= 5);
    free(d);
}

/* ---- generator ---- */
typedef struct gen_track {
    uint8_t session, number, control, mode_code;
    uint16_t sector_size;
    int32_t index0, index1; /* DAO */
    uint32_t sectors;       /* TAO */
    char isrc[13];
} gen_track;

typedef struct gen_disc {
    bool v2, tao;
    bool cues_binary; /* v1: MSF in binary (libmirage's reading) instead of BCD */
    size_t ntracks, nsessions;
    gen_track t[12];
    int32_t leadout[4];
    char mcn[14];
    uint8_t cdtext[18 * 4];
    size_t cdtext_packs;
    uint64_t pad_to; /* make the data area at least this large (sparse) */
} gen_disc;

static void put_chunk(tocex_buf *b, const char *id, const tocex_buf *payload)
{
    tocex_buf_put_bytes(b, id, 4);
    tocex_buf_put_u32be(b, (uint32_t)payload->len);
    tocex_buf_put_bytes(b, payload->data, payload->len);
}

static void put_u64(tocex_buf *b, uint64_t v)
{
    tocex_buf_put_u32be(b, (uint32_t)(v >> 32));
    tocex_buf_put_u32be(b, (uint32_t)v);
}

static void put_cue(tocex_buf *p, bool v2, bool bin, uint8_t ctl_adr, uint8_t tno, uint8_t idx, int32_t lba)
{
    tocex_buf_put_u8(p, ctl_adr);
    tocex_buf_put_u8(p, tno);
    tocex_buf_put_u8(p, idx);
    tocex_buf_put_u8(p, 0);
    if (v2)
        tocex_buf_put_u32be(p, (uint32_t)lba);
    else {
        int32_t fr = lba + 150;
        uint8_t m = (uint8_t)(fr / 4500), sec = (uint8_t)(fr / 75 % 60), f = (uint8_t)(fr % 75);
        tocex_buf_put_u8(p, 0);
        tocex_buf_put_u8(p, bin ? m : tocex_bin_to_bcd(m));
        tocex_buf_put_u8(p, bin ? sec : tocex_bin_to_bcd(sec));
        tocex_buf_put_u8(p, bin ? f : tocex_bin_to_bcd(f));
    }
}

/* Build the chunk area for `g` (data area of `*data_end` bytes before it). */
static void gen_chunks(const gen_disc *g, tocex_buf *area, uint64_t *data_end)
{
    uint64_t pos = 0;
    tocex_buf p;
    for (size_t s = 1; s <= g->nsessions; s++) {
        size_t first = SIZE_MAX, last = 0;
        for (size_t i = 0; i < g->ntracks; i++)
            if (g->t[i].session == s) {
                if (first == SIZE_MAX)
                    first = i;
                last = i;
            }
        if (g->tao) {
            tocex_buf_init(&p);
            for (size_t i = first; i <= last; i++) {
                uint64_t len = (uint64_t)g->t[i].sectors * g->t[i].sector_size;
                if (g->v2) {
                    put_u64(&p, pos);
                    put_u64(&p, len);
                    tocex_buf_put_u32be(&p, g->t[i].mode_code);
                    tocex_buf_put_u32be(&p, (uint32_t)(pos / g->t[i].sector_size));
                    put_u64(&p, 0);
                } else {
                    tocex_buf_put_u32be(&p, (uint32_t)pos);
                    tocex_buf_put_u32be(&p, (uint32_t)len);
                    tocex_buf_put_u32be(&p, g->t[i].mode_code);
                    tocex_buf_put_u32be(&p, (uint32_t)(pos / g->t[i].sector_size));
                    tocex_buf_put_u32be(&p, 0);
                }
                pos += len;
            }
            put_chunk(area, g->v2 ? "ETN2" : "ETNF", &p);
            tocex_buf_free(&p);
        } else {
            tocex_buf_init(&p);
            put_cue(&p, g->v2, g->cues_binary, 0x01, 0, 0, s == 1 ? -150 : g->t[first].index0 - 150);
            for (size_t i = first; i <= last; i++) {
                uint8_t ca = (uint8_t)(g->t[i].control << 4 | 1);
                uint8_t tno = tocex_bin_to_bcd(g->t[i].number);
                if (g->t[i].index0 < g->t[i].index1)
                    put_cue(&p, g->v2, g->cues_binary, ca, tno, 0, g->t[i].index0);
                put_cue(&p, g->v2, g->cues_binary, ca, tno, 1, g->t[i].index1);
            }
            put_cue(&p, g->v2, g->cues_binary, (uint8_t)(g->t[last].control << 4 | 1), 0xAA, 1, g->leadout[s - 1]);
            put_chunk(area, g->v2 ? "CUEX" : "CUES", &p);
            tocex_buf_free(&p);
            tocex_buf_init(&p);
            tocex_buf_put_u32be(&p, 0);
            tocex_buf_put_bytes(&p, g->mcn, 13);
            tocex_buf_put_zeros(&p, 1 + 2);
            tocex_buf_put_u8(&p, g->t[first].number);
            tocex_buf_put_u8(&p, g->t[last].number);
            for (size_t i = first; i <= last; i++) {
                int32_t end = i < last ? g->t[i + 1].index0 : g->leadout[s - 1];
                uint64_t i0 = pos, i1 = pos + (uint64_t)(g->t[i].index1 - g->t[i].index0) * g->t[i].sector_size;
                uint64_t e = i1 + (uint64_t)(end - g->t[i].index1) * g->t[i].sector_size;
                tocex_buf_put_bytes(&p, g->t[i].isrc, 12);
                tocex_buf_put_u16be(&p, g->t[i].sector_size);
                tocex_buf_put_u8(&p, g->t[i].mode_code);
                tocex_buf_put_u8(&p, 0);
                tocex_buf_put_u16be(&p, 1);
                if (g->v2) {
                    put_u64(&p, i0);
                    put_u64(&p, i1);
                    put_u64(&p, e);
                } else {
                    tocex_buf_put_u32be(&p, (uint32_t)i0);
                    tocex_buf_put_u32be(&p, (uint32_t)i1);
                    tocex_buf_put_u32be(&p, (uint32_t)e);
                }
                pos = e;
            }
            tocex_buf_set_u16be(&p, 2, (uint16_t)p.len);
            put_chunk(area, g->v2 ? "DAOX" : "DAOI", &p);
            tocex_buf_free(&p);
        }
    }
    if (g->cdtext_packs > 0) {
        tocex_buf_init(&p);
        tocex_buf_put_bytes(&p, g->cdtext, g->cdtext_packs * 18);
        put_chunk(area, "CDTX", &p);
        tocex_buf_free(&p);
    }
    for (size_t s = 1; s <= g->nsessions; s++) {
        uint32_t n = 0;
        for (size_t i = 0; i < g->ntracks; i++)
            n += g->t[i].session == s;
        tocex_buf_init(&p);
        tocex_buf_put_u32be(&p, n);
        put_chunk(area, "SINF", &p);
        tocex_buf_free(&p);
    }
    tocex_buf_init(&p);
    tocex_buf_put_u32be(&p, 1);
    put_chunk(area, "MTYP", &p);
    tocex_buf_free(&p);
    tocex_buf_init(&p);
    put_chunk(area, "END!", &p);
    tocex_buf_free(&p);
    if (g->pad_to > pos)
        pos = g->pad_to;
    *data_end = pos;
}

/* Write the image: a sparse data area, the chunks, the footer. */
static void gen_write(const gen_disc *g, const char *path)
{
    tocex_buf area;
    uint64_t data_end;
    int fd;
    uint8_t footer[12];
    size_t flen;
    tocex_buf_init(&area);
    gen_chunks(g, &area, &data_end);
    assert_false(area.failed);
    if (g->v2) {
        memcpy(footer, "NER5", 4);
        tocex_put_be32(footer + 4, (uint32_t)(data_end >> 32));
        tocex_put_be32(footer + 8, (uint32_t)data_end);
        flen = 12;
    } else {
        memcpy(footer, "NERO", 4);
        tocex_put_be32(footer + 4, (uint32_t)data_end);
        flen = 8;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)data_end), 0);
    assert_int_equal(pwrite(fd, area.data, area.len, (off_t)data_end), (ssize_t)area.len);
    assert_int_equal(pwrite(fd, footer, flen, (off_t)(data_end + area.len)), (ssize_t)flen);
    close(fd);
    tocex_buf_free(&area);
}

static void check_disc(const gen_disc *g, const tocex_disc *d)
{
    int32_t pos = 0;
    assert_int_equal(d->track_count, g->ntracks);
    assert_int_equal(d->session_count, g->nsessions);
    for (size_t i = 0; i < g->ntracks; i++) {
        const tocex_track *t = &d->tracks[i];
        assert_int_equal(t->number, g->t[i].number);
        assert_int_equal(t->session, g->t[i].session);
        assert_int_equal(t->sector_size, g->t[i].sector_size);
        if (g->tao) {
            /* TAO: 150-sector pregap between tracks, session gap 11400 (reference notes) */
            bool first_in_session = i == 0 || g->t[i - 1].session != g->t[i].session;
            if (i > 0 && first_in_session)
                pos += (g->t[i].session == 2 ? 11250 : 6750) + 150;
            else if (i > 0)
                pos += 150;
            assert_int_equal(t->start, pos);
            pos += (int32_t)g->t[i].sectors;
            if (i + 1 == g->ntracks || g->t[i + 1].session != g->t[i].session)
                assert_int_equal(d->sessions[g->t[i].session - 1].leadout, pos);
        } else {
            assert_int_equal(t->start, g->t[i].index1);
            assert_int_equal(t->pregap, g->t[i].index1 - g->t[i].index0);
            assert_int_equal(t->control, g->t[i].control);
            assert_string_equal(t->isrc, g->t[i].isrc);
        }
        assert_int_equal(t->mode == TOCEX_MODE_AUDIO, g->t[i].mode_code == 7);
    }
    if (!g->tao) {
        for (size_t s = 0; s < g->nsessions; s++)
            assert_int_equal(d->sessions[s].leadout, g->leadout[s]);
        assert_string_equal(d->mcn, g->mcn);
        assert_true(d->known & TOCEX_KNOWN_GAPS);
    }
    assert_int_equal(d->cdtext_packs, g->cdtext_packs);
    if (g->cdtext_packs > 0)
        assert_memory_equal(d->cdtext, g->cdtext, g->cdtext_packs * 18);
}

static void make_cdtext(gen_disc *g)
{
    memset(g->cdtext, 0, sizeof g->cdtext);
    g->cdtext[0] = 0x80;
    memcpy(&g->cdtext[4], "Album", 6);
    memcpy(&g->cdtext[10], "One", 4);
    g->cdtext[18] = 0x80;
    g->cdtext[19] = 2;
    g->cdtext[20] = 1;
    memcpy(&g->cdtext[22], "Two", 4);
    g->cdtext[36] = 0x81;
    g->cdtext[38] = 2;
    memcpy(&g->cdtext[40], "Artist", 7);
    g->cdtext_packs = 3;
}

static void dao_single(gen_disc *g, bool v2)
{
    memset(g, 0, sizeof *g);
    g->v2 = v2;
    g->nsessions = 1;
    g->ntracks = 3;
    g->t[0] = (gen_track){1, 1, 0x0, 7, 2352, -150, 0, 0, "USABC0100001"};
    g->t[1] = (gen_track){1, 2, 0x2, 7, 2352, 1200, 1275, 0, ""};
    g->t[2] = (gen_track){1, 3, 0x4, 0, 2048, 3000, 3150, 0, ""};
    g->leadout[0] = 5000;
    memcpy(g->mcn, "0123456789012", 14);
    make_cdtext(g);
}

static void test_generated_dao(void **state)
{
    gen_disc g;
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    char text[64];
    (void)state;
    for (int v2 = 0; v2 <= 1; v2++) {
        dao_single(&g, v2 != 0);
        gen_write(&g, tu_tmp_path("dao.nrg"));
        assert_int_equal(tocex_image_read_nrg(tu_tmp_path("dao.nrg"), d, &err), TOCEX_OK);
        check_disc(&g, d);
        cdtext_field(d->cdtext, d->cdtext_packs, 0x80, 1, text, sizeof text);
        assert_string_equal(text, "One");
        tocex_disc_free(d);
        if (v2 == 0) {
            /* Nero 5.0 CUES with binary MSF: recognised by its non-BCD bytes, noted */
            g.cues_binary = true;
            gen_write(&g, tu_tmp_path("bin.nrg"));
            assert_int_equal(tocex_image_read_nrg(tu_tmp_path("bin.nrg"), d, &err), TOCEX_OK);
            check_disc(&g, d);
            assert_true(d->note_count > 0);
            tocex_disc_free(d);
        }
        /* two sessions: audio, then data after the 11400-sector gap */
        memset(&g, 0, sizeof g);
        g.v2 = v2 != 0;
        g.nsessions = 2;
        g.ntracks = 3;
        g.t[0] = (gen_track){1, 1, 0x0, 7, 2352, -150, 0, 0, ""};
        g.t[1] = (gen_track){1, 2, 0x0, 7, 2352, 900, 1050, 0, ""};
        g.t[2] = (gen_track){2, 3, 0x4, 0, 2048, 2000 + 11250, 2000 + 11400, 0, ""};
        g.leadout[0] = 2000;
        g.leadout[1] = 20000;
        gen_write(&g, tu_tmp_path("ms.nrg"));
        assert_int_equal(tocex_image_read_nrg(tu_tmp_path("ms.nrg"), d, &err), TOCEX_OK);
        check_disc(&g, d);
        assert_true(d->known & TOCEX_KNOWN_SESSIONS);
        tocex_disc_free(d);
    }
    free(d);
}

static void test_generated_tao(void **state)
{
    gen_disc g;
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    (void)state;
    for (int v2 = 0; v2 <= 1; v2++) {
        memset(&g, 0, sizeof g);
        g.v2 = v2 != 0;
        g.tao = true;
        g.nsessions = 1;
        g.ntracks = 3;
        g.t[0] = (gen_track){1, 1, 0x4, 0, 2048, 0, 0, 700, ""};
        g.t[1] = (gen_track){1, 2, 0x0, 7, 2352, 0, 0, 300, ""};
        g.t[2] = (gen_track){1, 3, 0x0, 7, 2352, 0, 0, 400, ""};
        make_cdtext(&g);
        gen_write(&g, tu_tmp_path("tao.nrg"));
        assert_int_equal(tocex_image_read_nrg(tu_tmp_path("tao.nrg"), d, &err), TOCEX_OK);
        check_disc(&g, d);
        tocex_disc_free(d);
        /* two TAO sessions, one ETN chunk each */
        g.nsessions = 2;
        g.t[2].session = 2;
        g.cdtext_packs = 0;
        gen_write(&g, tu_tmp_path("tao2.nrg"));
        assert_int_equal(tocex_image_read_nrg(tu_tmp_path("tao2.nrg"), d, &err), TOCEX_OK);
        check_disc(&g, d);
        tocex_disc_free(d);
    }
    free(d);
}

static uint8_t *load(const char *path, size_t *len)
{
    uint8_t *p = tu_read_file(path, len);
    assert_non_null(p);
    return p;
}

static void test_errors(void **state)
{
    gen_disc g;
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    uint8_t *img;
    size_t len;
    uint64_t rng = 7;
    (void)state;
    dao_single(&g, true);
    g.pad_to = 0;
    gen_write(&g, tu_tmp_path("e.nrg"));
    img = load(tu_tmp_path("e.nrg"), &len);
    /* the in-memory parser agrees with the file reader */
    assert_int_equal(tocex_image_parse_nrg("mem.nrg", img, len, d, &err), TOCEX_OK);
    check_disc(&g, d);
    tocex_disc_free(d);
    {
        uint64_t area = tocex_be32(img + len - 4);
        uint8_t *m = malloc(len);
        assert_non_null(m);
        /* wrong magic */
        memcpy(m, img, len);
        m[len - 12] = 'X';
        assert_int_equal(tocex_image_parse_nrg("m.nrg", m, len, d, &err), TOCEX_E_PARSE);
        assert_non_null(strstr(err.message, "byte"));
        /* footer pointing past itself */
        memcpy(m, img, len);
        tocex_put_be32(m + len - 4, (uint32_t)len);
        assert_int_equal(tocex_image_parse_nrg("m.nrg", m, len, d, &err), TOCEX_E_PARSE);
        assert_int_equal(err.offset, (long long)(len - 8));
        /* absurd chunk length 2^32-1 on the first chunk */
        memcpy(m, img, len);
        tocex_put_be32(m + area + 4, 0xFFFFFFFFu);
        assert_int_equal(tocex_image_parse_nrg("m.nrg", m, len, d, &err), TOCEX_E_TRUNCATED);
        assert_int_equal(err.offset, (long long)(area + 4));
        /* truncated: the chunk area cut short (footer moved up) */
        memcpy(m, img, len);
        memmove(m + len - 40, m + len - 12, 12);
        assert_int_not_equal(tocex_image_parse_nrg("m.nrg", m, len - 28, d, &err), TOCEX_OK);
        assert_true(err.offset >= 0);
        /* track number not BCD */
        memcpy(m, img, len);
        m[area + 8 + 8 + 1] = 0x1F;
        assert_int_equal(tocex_image_parse_nrg("m.nrg", m, len, d, &err), TOCEX_E_PARSE);
        assert_int_equal(err.offset, (long long)(area + 8 + 8 + 1));
        /* random corruption of the chunk area never crashes (ASan) */
        for (int round = 0; round < 2000; round++) {
            memcpy(m, img, len);
            for (int k = 0; k < 4; k++) {
                size_t at = (size_t)tu_rand_range(&rng, (long)area, (long)len - 1);
                m[at] = (uint8_t)tu_rand(&rng);
            }
            if (tocex_image_parse_nrg("m.nrg", m, len, d, &err) == TOCEX_OK)
                tocex_disc_free(d);
        }
        free(m);
    }
    free(img);
    /* too small for a footer, and a chunk area larger than any real one (sparse file) */
    {
        int fd = open(tu_tmp_path("huge.nrg"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        uint8_t footer[8] = {'N', 'E', 'R', 'O', 0, 0, 0, 0};
        assert_true(fd >= 0);
        assert_int_equal(ftruncate(fd, 64 << 20), 0);
        assert_int_equal(pwrite(fd, footer, 8, (64 << 20) - 8), 8);
        close(fd);
        assert_int_equal(tocex_image_read_nrg(tu_tmp_path("huge.nrg"), d, &err), TOCEX_E_LIMIT);
        assert_true(err.offset > 0);
        assert_int_equal(tocex_image_parse_nrg("tiny.nrg", footer, 3, d, &err), TOCEX_E_PARSE);
    }
    assert_int_not_equal(tocex_image_read_nrg(tu_tmp_path("missing.nrg"), d, &err), TOCEX_OK);
    free(d);
}

static long long rchar(void)
{
    FILE *f = fopen("/proc/self/io", "r");
    char line[128];
    long long v = -1;
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "rchar: %lld", &v) == 1)
            break;
    fclose(f);
    return v;
}

/* A 700 MB image opens without reading its data area. */
static void test_sparse_700mb(void **state)
{
    gen_disc g;
    tocex_disc *d = calloc(1, sizeof *d);
    tocex_error err;
    long long before, after;
    (void)state;
    memset(&g, 0, sizeof g);
    g.v2 = true;
    g.nsessions = 1;
    g.ntracks = 1;
    g.t[0] = (gen_track){1, 1, 0x0, 7, 2352, -150, 0, 0, ""};
    g.leadout[0] = (int32_t)(700ll * 1000 * 1000 / 2352) - 150;
    gen_write(&g, tu_tmp_path("big.nrg"));
    before = rchar();
    assert_int_equal(tocex_image_read_nrg(tu_tmp_path("big.nrg"), d, &err), TOCEX_OK);
    after = rchar();
    check_disc(&g, d);
    if (before >= 0 && after >= 0) {
        print_message("read %lld bytes of a 700 MB image\n", after - before);
        assert_true(after - before < 64 * 1024);
    }
    tocex_disc_free(d);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_libcdio_right),  cmocka_unit_test(test_csv_rows),
        cmocka_unit_test(test_generated_dao),  cmocka_unit_test(test_generated_tao),
        cmocka_unit_test(test_errors),         cmocka_unit_test(test_sparse_700mb),
    };
    return cmocka_run_group_tests(tests, tu_tmpdir_setup, tu_tmpdir_teardown);
}
