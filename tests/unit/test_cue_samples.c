/* CUE reader and exporter against the shared test data. Every expected value is read at test
 * time from the data's expected files (libcdio cd-info .right output, libcue's and whipper's
 * assertions in libcue/expected_libcue.csv and the vectors CSV files); nothing is copied here. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image/cue.h"
#include "testutil.h"
#include "tocex/cdtext.h"
#include "tocex/export.h"
#include "tocex/image.h"

/* ---------------------------------------------------------------- small helpers */

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* All *.cue under the test data, sorted paths. */
typedef struct path_list {
    char **v;
    size_t n, cap;
} path_list;

static void list_add(path_list *l, const char *p)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        assert_non_null(l->v);
    }
    l->v[l->n] = strdup(p);
    assert_non_null(l->v[l->n]);
    l->n++;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(path_list *l, const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk(l, path, suffix);
        else if (ends_with(e->d_name, suffix))
            list_add(l, path);
    }
    closedir(d);
    if (l->n > 1)
        qsort(l->v, l->n, sizeof *l->v, cmp_str);
}

static void list_free(path_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Minimal CSV (RFC 4180 quoting) into rows of up to 12 fields. */
typedef struct csv_row {
    char *f[12];
    size_t n;
} csv_row;

typedef struct csv {
    csv_row *rows;
    size_t n;
} csv;

static void csv_load(csv *c, const char *path)
{
    size_t len;
    char *data = (char *)tu_read_file(path, &len);
    size_t i = 0, cap = 0;
    memset(c, 0, sizeof *c);
    assert_non_null(data);
    while (i < len) {
        csv_row row;
        memset(&row, 0, sizeof row);
        for (;;) {
            char *field = malloc(len + 1);
            size_t k = 0;
            assert_non_null(field);
            if (i < len && data[i] == '"') {
                i++;
                while (i < len) {
                    if (data[i] == '"' && i + 1 < len && data[i + 1] == '"') {
                        field[k++] = '"';
                        i += 2;
                    } else if (data[i] == '"') {
                        i++;
                        break;
                    } else
                        field[k++] = data[i++];
                }
            }
            while (i < len && data[i] != ',' && data[i] != '\n' && data[i] != '\r')
                field[k++] = data[i++];
            field[k] = '\0';
            if (row.n < 12)
                row.f[row.n++] = field;
            else
                free(field);
            if (i < len && data[i] == ',') {
                i++;
                continue;
            }
            while (i < len && (data[i] == '\r' || data[i] == '\n'))
                i++;
            break;
        }
        if (c->n == cap) {
            cap = cap ? cap * 2 : 64;
            c->rows = realloc(c->rows, cap * sizeof *c->rows);
            assert_non_null(c->rows);
        }
        c->rows[c->n++] = row;
    }
    free(data);
}

static void csv_free(csv *c)
{
    for (size_t r = 0; r < c->n; r++)
        for (size_t k = 0; k < c->rows[r].n; k++)
            free(c->rows[r].f[k]);
    free(c->rows);
}

static const char *cell(const csv_row *r, size_t k)
{
    return k < r->n ? r->f[k] : "";
}

/* Parse a sheet from disk with the internal steps, then give every FILE whose length is
 * unknown `frames_if_unknown` CD frames (audio bytes for audio files). */
static tocex_cue_sheet *load_sheet(const char *path)
{
    size_t len;
    uint8_t *data = tu_read_file(path, &len);
    tocex_cue_sheet *sh = NULL;
    tocex_error e;
    assert_non_null(data);
    if (tocex_cue_parse(path, data, len, &sh, &e) != TOCEX_OK) {
        print_message("%s\n", e.message);
        free(data);
        return NULL;
    }
    free(data);
    tocex_cue_measure(sh, path);
    return sh;
}

static tocex_status layout_full(const tocex_cue_sheet *sh, tocex_disc *d, int32_t (*pos)[100], tocex_error *e)
{
    tocex_status st = tocex_cue_layout_positions(sh, d, pos, e);
    if (st == TOCEX_OK)
        st = tocex_cue_cdtext(sh, NULL, d, e);
    if (st == TOCEX_OK)
        st = tocex_disc_finish(d, e);
    return st;
}

/* Last INDEX position named in the sheet, relative to its file. */
static int32_t last_rel(const tocex_cue_sheet *sh)
{
    int32_t m = 0;
    for (size_t k = 0; k < sh->track_count; k++)
        for (int i = 0; i <= sh->tracks[k].last_index; i++)
            if (sh->tracks[k].index[i].set && sh->tracks[k].index[i].frames > m)
                m = sh->tracks[k].index[i].frames;
    return m;
}

/* ---------------------------------------------------------------- libcdio cd-info .right */

typedef struct right_track {
    int number;
    long lsn;
    int msf_frames;
    char type[16];
    bool copy, pre, four;
    bool has_audio_cols;
} right_track;

typedef struct right_file {
    right_track tracks[100];
    size_t count;
    long leadout;
    char mcn[32];
    bool mcn_line;
    bool no_cdtext;
    char language[32];
    /* CD-TEXT lines: track (0 disc), key, value */
    struct {
        int track;
        char key[32];
        char value[200];
    } text[64];
    size_t text_count;
} right_file;

static int msf_text_frames(const char *s)
{
    int m, sec, f;
    if (sscanf(s, "%d:%d:%d", &m, &sec, &f) != 3)
        return -1;
    return m * 4500 + sec * 75 + f;
}

static bool parse_right(const char *path, right_file *r)
{
    size_t len;
    char *data = (char *)tu_read_file(path, &len), *save = NULL, *line;
    int text_track = -1;
    bool any = false;
    memset(r, 0, sizeof *r);
    r->leadout = -1;
    assert_non_null(data);
    for (line = strtok_r(data, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        int num;
        char msf[16], type[16], c1[8], c2[8], c3[8], c4[8];
        long lsn;
        int n = sscanf(line, " %d: %15s %ld %15s %7s %7s %7s %7s", &num, msf, &lsn, type, c1, c2, c3, c4);
        if (n >= 4 && strchr(msf, ':') != NULL) {
            any = true;
            if (num == 170) {
                r->leadout = lsn;
                continue;
            }
            right_track *t = &r->tracks[r->count++];
            t->number = num;
            t->lsn = lsn;
            t->msf_frames = msf_text_frames(msf);
            snprintf(t->type, sizeof t->type, "%s", type);
            t->copy = n >= 6 && strcmp(c2, "yes") == 0;
            t->has_audio_cols = n >= 8;
            t->four = n >= 7 && strcmp(c3, "4") == 0;
            t->pre = n >= 8 && strcmp(c4, "yes") == 0;
            continue;
        }
        if (strncmp(line, "Media Catalog Number (MCN): ", 28) == 0) {
            r->mcn_line = true;
            snprintf(r->mcn, sizeof r->mcn, "%s", line + 28);
            continue;
        }
        if (strncmp(line, "No CD-TEXT on Disc.", 19) == 0)
            r->no_cdtext = true;
        if (sscanf(line, "Language %*d '%31[^']'", r->language) == 1)
            continue;
        if (strncmp(line, "CD-TEXT for Disc:", 17) == 0) {
            text_track = 0;
            continue;
        }
        if (sscanf(line, "CD-TEXT for Track %d:", &num) == 1) {
            text_track = num;
            continue;
        }
        if (line[0] == '\t' && text_track >= 0 && r->text_count < 64) {
            char *colon = strchr(line, ':');
            if (colon != NULL && colon[1] == ' ') {
                r->text[r->text_count].track = text_track;
                snprintf(r->text[r->text_count].key, sizeof r->text[0].key, "%.*s", (int)(colon - line - 1), line + 1);
                snprintf(r->text[r->text_count].value, sizeof r->text[0].value, "%s", colon + 2);
                r->text_count++;
            }
            continue;
        }
        text_track = -1;
    }
    free(data);
    return any;
}

static tocex_cdtext_field field_by_key(const char *key)
{
    for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
        const char *n = tocex_cdtext_field_name((tocex_cdtext_field)f);
        if (n != NULL && strcasecmp(n, key) == 0)
            return (tocex_cdtext_field)f;
    }
    return TOCEX_CDTEXT_FIELD_COUNT;
}

static void test_libcdio_right(void **state)
{
    path_list rights = {0};
    size_t checked = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    walk(&rights, tu_data_path("libcdio/expected"), ".right");
    for (size_t i = 0; i < rights.n; i++) {
        char stem[256], cue[4096];
        const char *base = strrchr(rights.v[i], '/') + 1;
        right_file r;
        tocex_cue_sheet *sh;
        tocex_disc d;
        tocex_error e;
        snprintf(stem, sizeof stem, "%.*s", (int)(strlen(base) - 6), base);
        snprintf(cue, sizeof cue, "%s/%s.cue", tu_data_path("libcdio/data"), stem);
        if (!file_exists(cue))
            snprintf(cue, sizeof cue, "%s/%s.cue", tu_data_path("libcdio/test"), stem);
        if (!file_exists(cue) || !parse_right(rights.v[i], &r))
            continue;
        print_message("libcdio %s.cue vs %s\n", stem, base);
        sh = load_sheet(cue);
        assert_non_null(sh);
        /* the image named by the sheet may be absent (vcd_demo.bin is not shipped by libcdio):
         * then the lead-out printed by cd-info gives the file's length */
        if (sh->file_count == 1 && sh->files[0].data_bytes < 0 && r.leadout > 0)
            sh->files[0].data_bytes = (long long)r.leadout * sh->tracks[sh->track_count - 1].sector_size;
        tocex_disc_init(&d);
        if (sh->files[0].data_bytes >= 0 && strstr(sh->files[0].why, "in-memory") == NULL && file_exists(cue)) {
            /* the companions are looked up for real through the public entry point too */
            tocex_disc pub;
            if (tocex_image_read_cue(cue, &pub, &e) == TOCEX_OK) {
                assert_int_equal(pub.track_count, r.count);
                tocex_disc_free(&pub);
            }
        }
        assert_int_equal(layout_full(sh, &d, NULL, &e), TOCEX_OK);
        {
            /* CD-TEXT of the real reader (CDTEXTFILE resolution) */
            tocex_disc_free(&d);
            tocex_disc_init(&d);
            assert_int_equal(tocex_cue_layout(sh, &d, &e), TOCEX_OK);
            assert_int_equal(tocex_cue_cdtext(sh, cue, &d, &e), TOCEX_OK);
            assert_int_equal(tocex_disc_finish(&d, &e), TOCEX_OK);
        }
        assert_int_equal(d.track_count, r.count);
        for (size_t k = 0; k < r.count; k++) {
            const tocex_track *t = &d.tracks[k];
            assert_int_equal(t->number, r.tracks[k].number);
            assert_int_equal(t->start, r.tracks[k].lsn);
            assert_int_equal(t->start + 150, r.tracks[k].msf_frames);
            if (strcmp(r.tracks[k].type, "audio") == 0)
                assert_int_equal(t->mode, TOCEX_MODE_AUDIO);
            else if (strcmp(r.tracks[k].type, "XA") == 0)
                assert_true(t->mode == TOCEX_MODE_MODE2_MIXED || t->mode == TOCEX_MODE_MODE2 ||
                            t->mode == TOCEX_MODE_MODE2_FORM1 || t->mode == TOCEX_MODE_MODE2_FORM2);
            else
                assert_int_equal(t->mode, TOCEX_MODE_MODE1);
            assert_int_equal((t->control & TOCEX_CONTROL_COPY) != 0, r.tracks[k].copy);
            if (r.tracks[k].has_audio_cols) {
                assert_int_equal((t->control & TOCEX_CONTROL_PREEMPHASIS) != 0, r.tracks[k].pre);
                assert_int_equal((t->control & TOCEX_CONTROL_4CH) != 0, r.tracks[k].four);
            }
        }
        if (r.leadout >= 0)
            assert_int_equal(tocex_disc_leadout(&d), r.leadout);
        if (r.mcn_line) {
            if (strcmp(r.mcn, "not available") == 0)
                assert_string_equal(d.mcn, "");
            else
                assert_string_equal(d.mcn, r.mcn);
        }
        if (r.no_cdtext)
            assert_int_equal(d.cdtext_packs, 0);
        if (r.text_count > 0) {
            tocex_cdtext *ct = NULL;
            assert_true(d.cdtext_packs > 0);
            assert_int_equal(tocex_cdtext_decode(d.cdtext, d.cdtext_packs, &ct, &e), TOCEX_OK);
            if (r.language[0] != '\0')
                assert_string_equal(tocex_cdtext_language_name(ct->blocks[0].language), r.language);
            for (size_t k = 0; k < r.text_count; k++) {
                tocex_cdtext_field f = field_by_key(r.text[k].key);
                const char *got;
                assert_int_not_equal(f, TOCEX_CDTEXT_FIELD_COUNT);
                got = tocex_cdtext_get(ct, 0, f, (unsigned)r.text[k].track);
                assert_non_null(got);
                assert_string_equal(got, r.text[k].value);
            }
            tocex_cdtext_free(ct);
        }
        tocex_disc_free(&d);
        tocex_cue_sheet_free(sh);
        checked++;
    }
    print_message("libcdio: %zu cue sheets matched their cd-info .right output\n", checked);
    assert_true(checked >= 4);
    list_free(&rights);
}

/* ---------------------------------------------------------------- refusals and must-parse */

static void assert_file_line_message(const char *path, const tocex_error *e)
{
    size_t n = strlen(path);
    assert_true(strncmp(e->message, path, n) == 0);
    assert_true(e->message[n] == ':' && e->message[n + 1] >= '1' && e->message[n + 1] <= '9');
}

static void test_libcdio_bad(void **state)
{
    path_list all = {0};
    size_t refused = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    walk(&all, tu_data_path("libcdio"), ".cue");
    for (size_t i = 0; i < all.n; i++) {
        tocex_disc d;
        tocex_error e;
        if (strncmp(strrchr(all.v[i], '/') + 1, "bad-", 4) != 0)
            continue;
        assert_int_not_equal(tocex_image_read_cue(all.v[i], &d, &e), TOCEX_OK);
        assert_int_equal(e.status, TOCEX_E_PARSE);
        assert_file_line_message(all.v[i], &e);
        print_message("refused: %s\n", e.message);
        refused++;
    }
    /* toc_expected.csv lists the must-reject sheets */
    {
        csv c;
        size_t listed = 0;
        csv_load(&c, tu_data_path("vectors/toc_expected.csv"));
        for (size_t r = 0; r < c.n; r++)
            if (strcmp(cell(&c.rows[r], 2), "cue_parse") == 0 && strncmp(cell(&c.rows[r], 4), "invalid", 7) == 0) {
                tocex_disc d;
                tocex_error e;
                assert_int_not_equal(tocex_image_read_cue(tu_data_path(cell(&c.rows[r], 1)), &d, &e), TOCEX_OK);
                listed++;
            } else if (strcmp(cell(&c.rows[r], 2), "cue_parse") == 0 && strcmp(cell(&c.rows[r], 4), "valid") == 0) {
                tocex_disc d;
                tocex_error e;
                assert_int_equal(tocex_image_read_cue(tu_data_path(cell(&c.rows[r], 1)), &d, &e), TOCEX_OK);
                tocex_disc_free(&d);
                listed++;
            }
        assert_true(listed >= 9);
        csv_free(&c);
    }
    print_message("libcdio bad-*.cue refused with file:line: %zu\n", refused);
    assert_true(refused >= 7);
    list_free(&all);
}

static void test_every_cue_parses(void **state)
{
    path_list all = {0};
    size_t sheets = 0, discs = 0, need_files = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    walk(&all, tu_testdata(), ".cue");
    for (size_t i = 0; i < all.n; i++) {
        const char *base = strrchr(all.v[i], '/') + 1;
        tocex_cue_sheet *sh;
        tocex_disc d;
        tocex_error e;
        size_t len;
        uint8_t *data;
        if (strncmp(base, "bad-", 4) == 0)
            continue;
        data = tu_read_file(all.v[i], &len);
        assert_non_null(data);
        if (strcmp(base, "issue10.cue") == 0) {
            /* libcue issue 10: tracks with INDEX 00 only. No INDEX 01 = no track start for the TOC:
             * refused on purpose, naming the TRACK line */
            assert_int_equal(tocex_cue_parse(all.v[i], data, len, &sh, &e), TOCEX_E_PARSE);
            assert_file_line_message(all.v[i], &e);
            assert_non_null(strstr(e.message, "no INDEX 01"));
            free(data);
            continue;
        }
        if (tocex_cue_parse(all.v[i], data, len, &sh, &e) != TOCEX_OK)
            fail_msg("%s", e.message);
        tocex_cue_sheet_free(sh);
        free(data);
        sheets++;
        if (tocex_image_read_cue(all.v[i], &d, &e) == TOCEX_OK) {
            discs++;
            tocex_disc_free(&d);
        } else {
            /* only a missing companion may stop it, and the message says which and where */
            assert_file_line_message(all.v[i], &e);
            assert_true(strstr(e.message, "unknown") != NULL);
            print_message("  needs files: %s\n", e.message);
            need_files++;
        }
    }
    print_message("sheets parsed: %zu; full discs: %zu; need absent audio/bin files: %zu\n", sheets, discs,
                  need_files);
    assert_true(sheets >= 25);
    list_free(&all);
}

/* libcdio testpregap: cdio_get_track_pregap_lsn() = LBA of INDEX 00; no such track = invalid */
static void test_pregap_lsn_rows(void **state)
{
    csv c;
    size_t checked = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    csv_load(&c, tu_data_path("vectors/toc_expected.csv"));
    for (size_t r = 0; r < c.n; r++) {
        const csv_row *row = &c.rows[r];
        tocex_disc d;
        tocex_error e;
        int tn, k;
        if (strcmp(cell(row, 2), "track_pregap_lsn") != 0 || !ends_with(cell(row, 1), ".cue"))
            continue;
        assert_int_equal(sscanf(cell(row, 3), "track %d", &tn), 1);
        assert_int_equal(tocex_image_read_cue(tu_data_path(cell(row, 1)), &d, &e), TOCEX_OK);
        k = tocex_disc_track_index(&d, (unsigned)tn);
        if (strcmp(cell(row, 4), "CDIO_INVALID_LSN") == 0) {
            assert_int_equal(k, -1);
        } else {
            assert_true(k >= 0 && d.tracks[k].pregap > 0);
            assert_int_equal(d.tracks[k].start - d.tracks[k].pregap, atol(cell(row, 4)));
        }
        tocex_disc_free(&d);
        checked++;
    }
    print_message("track_pregap_lsn rows on cue sheets: %zu hold\n", checked);
    assert_true(checked >= 3);
    csv_free(&c);
}

/* ---------------------------------------------------------------- libcue expectations */

static void test_libcue_csv(void **state)
{
    csv c;
    size_t checked = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    csv_load(&c, tu_data_path("libcue/expected_libcue.csv"));
    for (size_t r = 1; r < c.n; r++) {
        char path[512];
        const char *getter = cell(&c.rows[r], 2);
        long track = atol(cell(&c.rows[r], 1)), want = atol(cell(&c.rows[r], 3));
        tocex_cue_sheet *sh;
        const tocex_cue_track *t, *next;
        long got;
        snprintf(path, sizeof path, "libcue/%s", cell(&c.rows[r], 0));
        sh = load_sheet(tu_data_path(path));
        assert_non_null(sh);
        assert_true(track >= 1 && (size_t)track <= sh->track_count);
        t = &sh->tracks[track - 1];
        next = (size_t)track < sh->track_count ? &sh->tracks[track] : NULL;
        /* libcue's getters, in sheet terms: positions relative to the FILE of INDEX 01 */
        if (strcmp(getter, "track_get_start") == 0 || strcmp(getter, "track_get_index_1") == 0) {
            got = t->index[1].frames;
        } else if (strcmp(getter, "track_get_index_0") == 0) {
            got = t->index[0].set ? t->index[0].frames : -1;
        } else if (strcmp(getter, "track_get_zero_pre") == 0) {
            /* INDEX 00 in another FILE (EAC noncompliant) has no in-file length: libcue -1 */
            if (t->pregap != TOCEX_CUE_NONE)
                got = t->pregap;
            else if (t->index[0].set && t->index[0].file == t->index[1].file)
                got = t->index[1].frames - t->index[0].frames;
            else
                got = -1;
        } else if (strcmp(getter, "track_get_length") == 0) {
            /* up to the next track's first index in the same FILE; -1 when it is elsewhere */
            int first = next != NULL && next->index[0].set ? 0 : 1;
            if (next == NULL || next->index[first].file != t->index[1].file)
                got = -1;
            else
                got = next->index[first].frames - t->index[1].frames;
        } else {
            fail_msg("unknown getter %s", getter);
            got = 0;
        }
        assert_int_equal(got, want);

        /* the same on the disc: give each FILE a length and check the LBAs */
        {
            tocex_disc d;
            tocex_error e;
            const int32_t file_len = 40000; /* frames; longer than any position in these sheets */
            for (size_t f = 0; f < sh->file_count; f++)
                sh->files[f].data_bytes = (long long)file_len * 2352;
            assert_int_equal(layout_full(sh, &d, NULL, &e), TOCEX_OK);
            {
                const tocex_track *dt = &d.tracks[track - 1];
                long file_start = (long)t->index[1].file * file_len;
                long silence = 0;
                for (long k = 0; k < track; k++)
                    if (sh->tracks[k].pregap != TOCEX_CUE_NONE)
                        silence += sh->tracks[k].pregap;
                assert_int_equal(dt->start, file_start + silence + t->index[1].frames);
                if (strcmp(getter, "track_get_zero_pre") == 0 && want >= 0)
                    assert_int_equal(dt->pregap, want);
                if (strcmp(getter, "track_get_length") == 0 && want >= 0)
                    assert_int_equal(tocex_disc_track_length(&d, (size_t)track - 1) - d.tracks[track].pregap, want);
            }
            tocex_disc_free(&d);
        }
        tocex_cue_sheet_free(sh);
        checked++;
    }
    print_message("libcue: %zu getter expectations hold\n", checked);
    assert_true(checked >= 30);
    csv_free(&c);
}

/* ---------------------------------------------------------------- whipper */

/* Which whipper cue sheets describe which cdrdao .toc (whipper's own conversions from
 * toc_expected.csv's cdrdao_toc_to_cue rows, plus EAC's sheets of the same discs). */
static bool toc_for_cue(const csv *c, const char *cue_rel, char *toc_rel, size_t cap)
{
    const char *base = strrchr(cue_rel, '/') + 1;
    for (size_t r = 0; r < c->n; r++)
        if (strcmp(cell(&c->rows[r], 2), "cdrdao_toc_to_cue") == 0 && strcmp(cell(&c->rows[r], 4), cue_rel) == 0) {
            snprintf(toc_rel, cap, "%s", cell(&c->rows[r], 1));
            return true;
        }
    if (strstr(base, ".eac.") != NULL) {
        snprintf(toc_rel, cap, "whipper/%.*s.toc", (int)(strstr(base, ".eac.") - base), base);
        return true;
    }
    return false;
}

static void test_whipper_toc_rows(void **state)
{
    csv c;
    path_list cues = {0};
    size_t checked = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    csv_load(&c, tu_data_path("vectors/toc_expected.csv"));
    walk(&cues, tu_data_path("whipper"), ".cue");
    for (size_t i = 0; i < cues.n; i++) {
        char rel[256], toc[256];
        tocex_cue_sheet *sh;
        tocex_disc d;
        tocex_error e;
        int32_t(*pos)[100];
        snprintf(rel, sizeof rel, "whipper/%s", strrchr(cues.v[i], '/') + 1);
        if (!toc_for_cue(&c, rel, toc, sizeof toc))
            continue;
        sh = load_sheet(cues.v[i]);
        assert_non_null(sh);
        if (sh->file_count != 1) {
            tocex_cue_sheet_free(sh); /* multi-FILE: absolute positions need the audio files */
            continue;
        }
        sh->files[0].data_bytes = (long long)(last_rel(sh) + 4500) * 2352;
        pos = calloc(100, sizeof *pos);
        assert_non_null(pos);
        assert_int_equal(layout_full(sh, &d, pos, &e), TOCEX_OK);
        for (size_t r = 0; r < c.n; r++) {
            const csv_row *row = &c.rows[r];
            int tn, in;
            if (strcmp(cell(row, 2), "cdrdao_toc_parse") != 0 || strcmp(cell(row, 1), toc) != 0)
                continue;
            if (sscanf(cell(row, 3), "track %d index %d absolute", &tn, &in) == 2) {
                int k = tocex_disc_track_index(&d, (unsigned)tn);
                assert_true(k >= 0);
                assert_true(in >= 0 && in <= (sh->tracks[k].last_index > 1 ? sh->tracks[k].last_index : 1));
                if (!sh->tracks[k].index[in].set && in == 0) {
                    /* the sheet wrote the pre-gap as PREGAP: INDEX 00 = start - pregap */
                    assert_int_equal(d.tracks[k].start - d.tracks[k].pregap, atol(cell(row, 4)));
                } else {
                    assert_true(sh->tracks[k].index[in].set);
                    assert_int_equal(pos[k][in], atol(cell(row, 4)));
                }
                checked++;
            } else if (strcmp(cell(row, 3), "track count") == 0) {
                assert_int_equal(d.track_count, atol(cell(row, 4)));
                checked++;
            }
        }
        print_message("%s: positions agree with %s\n", rel, toc);
        free(pos);
        tocex_disc_free(&d);
        tocex_cue_sheet_free(sh);
    }
    print_message("whipper: %zu cdrdao_toc_parse expectations hold on cue sheets\n", checked);
    assert_true(checked >= 10);
    list_free(&cues);
    csv_free(&c);
}

static void test_whipper_cue_rows(void **state)
{
    csv c;
    size_t checked = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    csv_load(&c, tu_data_path("vectors/toc_expected.csv"));
    for (size_t r = 0; r < c.n; r++) {
        const csv_row *row = &c.rows[r];
        const char *key = cell(row, 3), *want = cell(row, 4);
        tocex_cue_sheet *sh;
        tocex_disc d;
        tocex_error e;
        int tn;
        if (strcmp(cell(row, 2), "cue_parse") != 0 || strncmp(cell(row, 1), "whipper/", 8) != 0)
            continue;
        sh = load_sheet(tu_data_path(cell(row, 1)));
        assert_non_null(sh);
        if (strcmp(key, "track count") == 0) {
            assert_int_equal(sh->track_count, atol(want));
        } else if (strcmp(key, "last track length") == 0) {
            /* unknown without the audio file: the reader refuses rather than guesses */
            assert_true(strncmp(want, "unknown", 7) == 0);
            assert_int_not_equal(tocex_image_read_cue(tu_data_path(cell(row, 1)), &d, &e), TOCEX_OK);
            assert_non_null(strstr(e.message, "length of last track"));
        } else if (sscanf(key, "track %d length (frames)", &tn) == 1) {
            sh->files[0].data_bytes = (long long)(last_rel(sh) + 4500) * 2352;
            assert_int_equal(layout_full(sh, &d, NULL, &e), TOCEX_OK);
            assert_int_equal(tocex_disc_track_length(&d, (size_t)tn - 1), atol(want));
            tocex_disc_free(&d);
        } else {
            fail_msg("unhandled whipper row %s", key);
        }
        tocex_cue_sheet_free(sh);
        checked++;
    }
    print_message("whipper cue_parse rows: %zu hold\n", checked);
    assert_true(checked >= 5);
    csv_free(&c);
}

/* discids.csv rows derived from whipper's .toc files: offsets (LBA+150) and lead-out of the
 * same discs whose cue sheets whipper wrote. */
static void test_whipper_discids(void **state)
{
    csv c, t;
    size_t checked = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    csv_load(&c, tu_data_path("vectors/discids.csv"));
    csv_load(&t, tu_data_path("vectors/toc_expected.csv"));
    for (size_t r = 1; r < c.n; r++) {
        const csv_row *row = &c.rows[r];
        const char *src = cell(row, 0), *hit = strstr(src, "from whipper/test/");
        char toc[128], cue[256];
        bool found = false;
        tocex_cue_sheet *sh;
        tocex_disc d;
        tocex_error e;
        char *offsets, *save = NULL, *tok;
        size_t k = 0;
        if (hit == NULL || strcmp(cell(row, 10), "disc") != 0)
            continue;
        if (sscanf(hit + 18, "%127[^ ;,]", toc) != 1 || !ends_with(toc, ".toc"))
            continue;
        for (size_t q = 0; q < t.n && !found; q++)
            if (strcmp(cell(&t.rows[q], 2), "cdrdao_toc_to_cue") == 0 &&
                strcmp(cell(&t.rows[q], 1) + 8, toc) == 0) {
                snprintf(cue, sizeof cue, "%s", cell(&t.rows[q], 4));
                found = true;
            }
        if (!found)
            continue;
        sh = load_sheet(tu_data_path(cue));
        assert_non_null(sh);
        /* data.wav is not shipped: it holds everything up to the lead-out (LBA+150 - 150)
         * except the PREGAP silence (bloc: the hidden track is written as PREGAP) */
        {
            long silence = 0;
            for (size_t q = 0; q < sh->track_count; q++)
                silence += sh->tracks[q].pregap != TOCEX_CUE_NONE ? sh->tracks[q].pregap : 0;
            sh->files[0].data_bytes = (atol(cell(row, 3)) - 150 - silence) * 2352LL;
        }
        assert_int_equal(layout_full(sh, &d, NULL, &e), TOCEX_OK);
        offsets = strdup(cell(row, 4));
        for (tok = strtok_r(offsets, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save), k++) {
            assert_true(k < d.track_count);
            assert_int_equal(d.tracks[k].start + 150, atol(tok));
        }
        assert_int_equal(k, d.track_count);
        assert_int_equal(tocex_disc_leadout(&d) + 150, atol(cell(row, 3)));
        print_message("%s: track offsets match discids.csv (%s)\n", cue, toc);
        free(offsets);
        tocex_disc_free(&d);
        tocex_cue_sheet_free(sh);
        checked++;
    }
    assert_true(checked >= 2);
    csv_free(&c);
    csv_free(&t);
}

/* EAC's gap modes (surferrosa.eac.*.cue): one image file, or one file per track with the
 * pre-gap appended to the previous file, prepended to the track's own file, or left out
 * (PREGAP). Given the file lengths the single-file sheet implies, every variant must give
 * the same TOC as the single-file sheet. */
static void test_eac_gap_variants(void **state)
{
    static const char *const variants[] = {"corrected", "currentgap", "leftout", "noncompliant"};
    tocex_cue_sheet *single;
    tocex_disc ref;
    tocex_error e;
    int32_t(*ref_pos)[100] = calloc(100, sizeof *ref_pos);
    int32_t leadout;
    (void)state;
    TU_REQUIRE_TESTDATA();
    assert_non_null(ref_pos);
    single = load_sheet(tu_data_path("whipper/surferrosa.eac.single.cue"));
    assert_non_null(single);
    single->files[0].data_bytes = (long long)(last_rel(single) + 9000) * 2352;
    assert_int_equal(layout_full(single, &ref, ref_pos, &e), TOCEX_OK);
    leadout = tocex_disc_leadout(&ref);
    for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
        char rel[128];
        tocex_cue_sheet *sh;
        tocex_disc d;
        int64_t begin[TOCEX_CUE_MAX_FILES], gap_before[TOCEX_CUE_MAX_FILES];
        snprintf(rel, sizeof rel, "whipper/surferrosa.eac.%s.cue", variants[v]);
        sh = load_sheet(tu_data_path(rel));
        assert_non_null(sh);
        assert_int_equal(sh->track_count, single->track_count);
        /* where each file's frame 0 lands: from its first INDEX and the reference position */
        for (size_t f = 0; f < sh->file_count; f++) {
            bool done = false;
            for (size_t k = 0; k < sh->track_count && !done; k++)
                for (int i = 0; i <= sh->tracks[k].last_index && !done; i++) {
                    const tocex_cue_index *x = &sh->tracks[k].index[i];
                    if (!x->set || x->file != f)
                        continue;
                    assert_true(single->tracks[k].index[i].set || i == 1);
                    begin[f] = ref_pos[k][i] - x->frames;
                    /* PREGAP silence sits between the previous file and this one */
                    gap_before[f] = (i == (sh->tracks[k].index[0].set ? 0 : 1) && sh->tracks[k].pregap > 0)
                                        ? sh->tracks[k].pregap
                                        : 0;
                    done = true;
                }
            assert_true(done);
        }
        for (size_t f = 0; f < sh->file_count; f++) {
            int64_t end = f + 1 < sh->file_count ? begin[f + 1] - gap_before[f + 1] : leadout;
            sh->files[f].data_bytes = (end - begin[f]) * 2352;
            assert_true(sh->files[f].data_bytes > 0);
        }
        assert_int_equal(layout_full(sh, &d, NULL, &e), TOCEX_OK);
        assert_int_equal(d.track_count, ref.track_count);
        for (size_t k = 0; k < d.track_count; k++) {
            assert_int_equal(d.tracks[k].start, ref.tracks[k].start);
            assert_int_equal(d.tracks[k].pregap, ref.tracks[k].pregap);
        }
        assert_int_equal(tocex_disc_leadout(&d), leadout);
        print_message("surferrosa %s: same TOC as the single-file sheet\n", variants[v]);
        tocex_disc_free(&d);
        tocex_cue_sheet_free(sh);
    }
    tocex_disc_free(&ref);
    tocex_cue_sheet_free(single);
    free(ref_pos);
}

/* ---------------------------------------------------------------- export round trip */

static void assert_same_disc(const tocex_disc *a, const tocex_disc *b)
{
    assert_int_equal(a->track_count, b->track_count);
    assert_int_equal(a->session_count, b->session_count);
    for (size_t k = 0; k < a->track_count; k++) {
        assert_int_equal(a->tracks[k].number, b->tracks[k].number);
        assert_int_equal(a->tracks[k].session, b->tracks[k].session);
        assert_int_equal(a->tracks[k].start, b->tracks[k].start);
        assert_int_equal(a->tracks[k].control, b->tracks[k].control);
        assert_int_equal(a->tracks[k].mode, b->tracks[k].mode);
        assert_int_equal(a->tracks[k].pregap, b->tracks[k].pregap);
        assert_string_equal(a->tracks[k].isrc, b->tracks[k].isrc);
    }
    for (size_t s = 0; s < a->session_count; s++)
        assert_int_equal(a->sessions[s].leadout, b->sessions[s].leadout);
    assert_string_equal(a->mcn, b->mcn);
    assert_int_equal(a->cdtext_packs, b->cdtext_packs);
    if (a->cdtext_packs > 0)
        assert_memory_equal(a->cdtext, b->cdtext, a->cdtext_packs * 18);
}

static void roundtrip(const tocex_disc *d, const char *label)
{
    tocex_buf out;
    tocex_disc back;
    tocex_error e;
    char dir[] = "/tmp/tocex-cue-XXXXXX", path[256], bin[256];
    FILE *f;
    tocex_buf_init(&out);
    assert_int_equal(tocex_export_cue(d, "image.bin", &out, &e), TOCEX_OK);
    /* without the image: REM LEAD-OUT carries the lead-out */
    if (tocex_image_parse_cue(NULL, out.data, out.len, &back, &e) != TOCEX_OK)
        fail_msg("%s: exported sheet does not reparse: %s\n%.*s", label, e.message, (int)out.len, (const char *)out.data);
    assert_same_disc(d, &back);
    tocex_disc_free(&back);
    /* with an image of the right size next to it */
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/image.cue", dir);
    snprintf(bin, sizeof bin, "%s/image.bin", dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(out.data, 1, out.len, f), out.len);
    fclose(f);
    {
        /* bytes = every sector from LBA 0 to the lead-out, less PREGAP silence, 2352 each
         * (sheets with other sector sizes are covered by the in-memory reparse above) */
        int32_t silence = 0;
        bool all_raw = true;
        const char *p;
        tocex_buf_put_u8(&out, 0); /* terminate for strstr */
        p = (const char *)out.data;
        while ((p = strstr(p, "PREGAP ")) != NULL) {
            int m, s, fr;
            if (sscanf(p + 7, "%d:%d:%d", &m, &s, &fr) == 3)
                silence += m * 4500 + s * 75 + fr;
            p += 7;
        }
        for (size_t k = 0; k < d->track_count; k++)
            if (d->tracks[k].sector_size != 2352 && d->tracks[k].sector_size != 0)
                all_raw = false;
        if (all_raw) {
            f = fopen(bin, "wb");
            assert_non_null(f);
            assert_int_equal(ftruncate(fileno(f), (off_t)(tocex_disc_leadout(d) - silence) * 2352), 0);
            fclose(f);
            assert_int_equal(tocex_image_read_cue(path, &back, &e), TOCEX_OK);
            assert_same_disc(d, &back);
            tocex_disc_free(&back);
            unlink(bin);
        }
    }
    unlink(path);
    rmdir(dir);
    tocex_buf_free(&out);
}

static void test_export_roundtrip_samples(void **state)
{
    path_list all = {0};
    size_t n = 0;
    (void)state;
    TU_REQUIRE_TESTDATA();
    walk(&all, tu_testdata(), ".cue");
    for (size_t i = 0; i < all.n; i++) {
        tocex_disc d;
        tocex_error e;
        tocex_cue_sheet *sh;
        size_t len;
        uint8_t *data = tu_read_file(all.v[i], &len);
        assert_non_null(data);
        /* every sheet that parses; absent audio files get lengths (as above) so the TOC exists */
        if (tocex_cue_parse(all.v[i], data, len, &sh, &e) != TOCEX_OK) {
            free(data);
            continue;
        }
        free(data);
        tocex_cue_measure(sh, all.v[i]);
        for (size_t f = 0; f < sh->file_count; f++)
            if (sh->files[f].data_bytes < 0)
                sh->files[f].data_bytes = (long long)(last_rel(sh) + 3000) * 2352;
        tocex_disc_init(&d);
        if (tocex_cue_layout(sh, &d, &e) == TOCEX_OK && tocex_cue_cdtext(sh, all.v[i], &d, &e) == TOCEX_OK &&
            tocex_disc_finish(&d, &e) == TOCEX_OK) {
            roundtrip(&d, all.v[i]);
            n++;
        } else if (strstr(e.message, "MODEx/2xxx") != NULL) {
            print_message("no TOC to export: %s\n", e.message);
        } else {
            fail_msg("%s: %s", all.v[i], e.message);
        }
        tocex_disc_free(&d);
        tocex_cue_sheet_free(sh);
    }
    print_message("export round trip: %zu sample sheets\n", n);
    assert_true(n >= 24);
    list_free(&all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_libcdio_right),   cmocka_unit_test(test_libcdio_bad), cmocka_unit_test(test_pregap_lsn_rows),
        cmocka_unit_test(test_every_cue_parses), cmocka_unit_test(test_libcue_csv),
        cmocka_unit_test(test_whipper_toc_rows), cmocka_unit_test(test_whipper_cue_rows),
        cmocka_unit_test(test_whipper_discids), cmocka_unit_test(test_eac_gap_variants),
        cmocka_unit_test(test_export_roundtrip_samples),
    };
    if (tu_testdata() == NULL) {
        printf("skipped: shared test data not found (set TOCEX_TESTDATA)\n");
        return 77;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
