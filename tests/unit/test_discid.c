/* Disc IDs against the published vectors of vectors/discids.csv (every row, read at test time)
 * and the worked examples of tools-formats-discids.md section 2.7. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/discid.h"
#include "tocex/disc.h"

#define MAX_FIELDS 16

/* One CSV record (RFC 4180 quoting) from *pos; fields point into `store`. Returns field count,
 * 0 at the end of the text. */
static size_t csv_record(const char *text, size_t *pos, char *store, size_t store_cap, char **fields)
{
    size_t n = 0, o = 0, p = *pos;
    if (text[p] == '\0')
        return 0;
    fields[n++] = store;
    for (;;) {
        char c = text[p];
        if (c == '"') {
            p++;
            for (;;) {
                if (text[p] == '\0')
                    break;
                if (text[p] == '"' && text[p + 1] == '"') {
                    if (o + 1 < store_cap)
                        store[o++] = '"';
                    p += 2;
                    continue;
                }
                if (text[p] == '"') {
                    p++;
                    break;
                }
                if (o + 1 < store_cap)
                    store[o++] = text[p];
                p++;
            }
            continue;
        }
        if (c == ',' ) {
            store[o++] = '\0';
            if (n < MAX_FIELDS)
                fields[n++] = store + o;
            p++;
            continue;
        }
        if (c == '\r') {
            p++;
            continue;
        }
        if (c == '\n' || c == '\0') {
            store[o++] = '\0';
            if (c == '\n')
                p++;
            break;
        }
        if (o + 1 < store_cap)
            store[o++] = c;
        p++;
    }
    *pos = p;
    return n;
}

static int column(char **header, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(header[i], name) == 0)
            return (int)i;
    fail_msg("discids.csv: no column %s", name);
    return -1;
}

static bool in_list(const char *list, unsigned number)
{
    const char *p = list;
    while (*p != '\0') {
        char *end;
        unsigned long v = strtoul(p, &end, 10);
        if (end == p) {
            p++;
            continue;
        }
        if (v == number)
            return true;
        p = end;
    }
    return false;
}

/* Build the disc of a row: "disc" rows are the physical TOC (a trailing data track after audio
 * is the second session of an Enhanced CD, 11400 frames after session 1's lead-out); "mb" rows
 * are already the audio TOC. */
static void row_disc(tocex_disc *disc, unsigned first, unsigned last, long leadout, const long *offsets,
                     const char *data_tracks)
{
    tocex_error err;
    size_t count = last - first + 1;
    bool enhanced = count >= 2 && in_list(data_tracks, last) && !in_list(data_tracks, last - 1);
    tocex_disc_init(disc);
    for (size_t i = 0; i < count; i++) {
        unsigned number = first + (unsigned)i;
        bool data = in_list(data_tracks, number);
        uint8_t session = (uint8_t)(enhanced && i + 1 == count ? 2 : 1);
        assert_int_equal(tocex_disc_add_track(disc, session, (uint8_t)number, 1, data ? TOCEX_CONTROL_DATA : 0,
                                              data ? TOCEX_MODE_MODE1 : TOCEX_MODE_AUDIO,
                                              (int32_t)(offsets[i] - 150), &err),
                         TOCEX_OK);
    }
    if (enhanced) {
        assert_int_equal(tocex_disc_set_leadout(disc, 1, (int32_t)(offsets[count - 1] - 150 - 11400), &err), TOCEX_OK);
        assert_int_equal(tocex_disc_set_leadout(disc, 2, (int32_t)(leadout - 150), &err), TOCEX_OK);
    } else
        assert_int_equal(tocex_disc_set_leadout(disc, 1, (int32_t)(leadout - 150), &err), TOCEX_OK);
    if (tocex_disc_finish(disc, &err) != TOCEX_OK)
        fail_msg("row disc refused: %s", err.message);
}

static void test_csv_vectors(void **state)
{
    const char *path;
    char *text, *store, *header[MAX_FIELDS], *f[MAX_FIELDS];
    char header_store[1024];
    size_t len, pos = 0, hn, n;
    int c_src, c_first, c_last, c_lo, c_off, c_mb, c_fdb, c_ar1, c_ar2, c_data, c_view, c_notes;
    unsigned rows = 0, mb_ok = 0, fdb_ok = 0, ar1_ok = 0, ar2_ok = 0, ctdb_ok = 0;
    tocex_disc *disc = malloc(sizeof *disc);
    tocex_discid *ids = malloc(sizeof *ids);
    (void)state;
    TU_REQUIRE_TESTDATA();
    path = tu_data_path("vectors/discids.csv");
    text = (char *)tu_read_file(path, &len);
    assert_non_null(text);
    assert_non_null(disc);
    assert_non_null(ids);
    store = malloc(len + 1);
    assert_non_null(store);

    hn = csv_record(text, &pos, header_store, sizeof header_store, header);
    c_src = column(header, hn, "source");
    c_first = column(header, hn, "first_track");
    c_last = column(header, hn, "last_track");
    c_lo = column(header, hn, "leadout_lba");
    c_off = column(header, hn, "offsets");
    c_mb = column(header, hn, "expected_musicbrainz_id");
    c_fdb = column(header, hn, "expected_freedb_id");
    c_ar1 = column(header, hn, "expected_accuraterip_id1");
    c_ar2 = column(header, hn, "expected_accuraterip_id2");
    c_data = column(header, hn, "data_tracks");
    c_view = column(header, hn, "toc_view");
    c_notes = column(header, hn, "notes");

    while ((n = csv_record(text, &pos, store, len + 1, f)) > 0) {
        long offsets[100];
        size_t count = 0;
        unsigned first, last;
        long leadout;
        const char *p, *ctdb;
        bool mb_view;
        if (n == 1 && f[0][0] == '\0')
            continue; /* blank line */
        assert_true(n >= hn);
        first = (unsigned)strtoul(f[c_first], NULL, 10);
        last = (unsigned)strtoul(f[c_last], NULL, 10);
        leadout = strtol(f[c_lo], NULL, 10);
        for (p = f[c_off]; *p != '\0';) {
            char *end;
            long v = strtol(p, &end, 10);
            if (end == p) {
                p++;
                continue;
            }
            assert_true(count < 100);
            offsets[count++] = v;
            p = end;
        }
        if (count != last - first + 1)
            fail_msg("%s: %zu offsets for tracks %u..%u", f[c_src], count, first, last);
        mb_view = strcmp(f[c_view], "mb") == 0;
        rows++;

        row_disc(disc, first, last, leadout, offsets, f[c_data]);
        assert_int_equal(tocex_discid_compute(disc, ids, NULL), TOCEX_OK);

        if (f[c_mb][0] != '\0') {
            if (!ids->has_musicbrainz || strcmp(ids->musicbrainz, f[c_mb]) != 0)
                fail_msg("%s: MusicBrainz %s, expected %s (toc %s)", f[c_src], ids->musicbrainz, f[c_mb],
                         ids->musicbrainz_toc_string);
            mb_ok++;
        }
        if (f[c_fdb][0] != '\0') {
            /* "mb" rows carry libdiscid's value for the reduced TOC; "disc" rows the CDDB1 one. */
            const char *got = mb_view ? ids->freedb_libdiscid : ids->freedb;
            if (strcmp(got, f[c_fdb]) != 0)
                fail_msg("%s: freedb %s, expected %s", f[c_src], got, f[c_fdb]);
            fdb_ok++;
        }
        if (f[c_ar1][0] != '\0') {
            if (strcmp(ids->accuraterip_id1, f[c_ar1]) != 0)
                fail_msg("%s: AccurateRip id1 %s, expected %s", f[c_src], ids->accuraterip_id1, f[c_ar1]);
            ar1_ok++;
        }
        if (f[c_ar2][0] != '\0') {
            if (strcmp(ids->accuraterip_id2, f[c_ar2]) != 0)
                fail_msg("%s: AccurateRip id2 %s, expected %s", f[c_src], ids->accuraterip_id2, f[c_ar2]);
            ar2_ok++;
        }
        /* AccurateRip path written in the notes ("AR path a/5/d/dBAR-...bin"). */
        if ((p = strstr(f[c_notes], "dBAR-")) != NULL && p - f[c_notes] >= 6) {
            char want[64];
            size_t k = 0;
            const char *q = p - 6;
            while (q[k] != '\0' && q[k] != ' ' && q[k] != ';' && k + 1 < sizeof want) {
                want[k] = q[k];
                k++;
            }
            want[k] = '\0';
            if (want[1] == '/' && strcmp(ids->accuraterip_path, want) != 0)
                fail_msg("%s: AccurateRip path %s, expected %s", f[c_src], ids->accuraterip_path, want);
        }
        if ((ctdb = strstr(f[c_notes], "CTDB id ")) != NULL) {
            char want[TOCEX_DISCID_B64_LEN + 1];
            memcpy(want, ctdb + 8, TOCEX_DISCID_B64_LEN);
            want[TOCEX_DISCID_B64_LEN] = '\0';
            if (!ids->has_ctdb || strcmp(ids->ctdb, want) != 0)
                fail_msg("%s: CTDB %s, expected %s", f[c_src], ids->ctdb, want);
            ctdb_ok++;
        }
        tocex_disc_free(disc);
    }
    print_message("discids.csv: %u rows; reproduced MusicBrainz %u, freedb %u, AccurateRip id1 %u, id2 %u, "
                  "CTDB %u\n",
                  rows, mb_ok, fdb_ok, ar1_ok, ar2_ok, ctdb_ok);
    assert_true(rows >= 40);
    assert_true(mb_ok > 0 && fdb_ok > 0 && ar1_ok > 0 && ctdb_ok > 0);
    free(store);
    free(text);
    free(disc);
    free(ids);
}

/* The MusicBrainz documentation example (Disc_ID_Calculation; reference 2.7): hashing directly. */
static void test_musicbrainz_doc_example(void **state)
{
    static const int32_t lbas[] = {0, 15213, 32164, 46442, 63264, 80339};
    tocex_discid_toc toc;
    char id[TOCEX_DISCID_B64_LEN + 1], s[256];
    (void)state;
    memset(&toc, 0, sizeof toc);
    toc.first = 1;
    toc.last = 6;
    toc.offsets[0] = 95312 + 150;
    for (unsigned i = 0; i < 6; i++)
        toc.offsets[i + 1] = lbas[i] + 150;
    assert_int_equal(tocex_discid_musicbrainz(&toc, id, NULL), TOCEX_OK);
    assert_string_equal(id, "49HHV7Eb8UKF3aQiNmu1GR8vKTY-");
    assert_string_equal(tocex_discid_toc_string(&toc, s, sizeof s), "1 6 95462 150 15363 32314 46592 63414 80489");
    /* Values outside the hashed range must not change the ID. */
    toc.offsets[50] = 12345;
    assert_int_equal(tocex_discid_musicbrainz(&toc, id, NULL), TOCEX_OK);
    assert_string_equal(id, "49HHV7Eb8UKF3aQiNmu1GR8vKTY-");
    /* What libdiscid refuses. */
    toc.offsets[0] = toc.offsets[6];
    assert_int_equal(tocex_discid_musicbrainz(&toc, id, NULL), TOCEX_E_INVALID_ARGUMENT);
    toc.offsets[0] = 95462;
    toc.offsets[3] = toc.offsets[2];
    assert_int_equal(tocex_discid_musicbrainz(&toc, id, NULL), TOCEX_E_INVALID_ARGUMENT);
    toc.offsets[3] = 32314;
    toc.last = 100;
    assert_int_equal(tocex_discid_musicbrainz(&toc, id, NULL), TOCEX_E_INVALID_ARGUMENT);
}

/* Ladyhawke (whipper test_image_table.py, reference 2.7): every ID of an Enhanced CD, plus the
 * libdiscid freedb variant (b40a310c, reference 2.3) and the URL layout. */
static void test_enhanced_cd_conventions(void **state)
{
    static const int32_t lbas[] = {0, 15537, 31691, 50866, 66466, 81202, 99409, 115920, 133093, 149847, 161560, 177682};
    tocex_disc *disc = malloc(sizeof *disc);
    tocex_discid *ids = malloc(sizeof *ids);
    char url[2048];
    tocex_error err;
    (void)state;
    assert_non_null(disc);
    assert_non_null(ids);
    tocex_disc_init(disc);
    for (unsigned i = 0; i < 12; i++)
        assert_int_equal(tocex_disc_add_track(disc, 1, (uint8_t)(i + 1), 1, 0, TOCEX_MODE_AUDIO, lbas[i], &err),
                         TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(disc, 2, 13, 1, TOCEX_CONTROL_DATA, TOCEX_MODE_MODE1, 207106, &err),
                     TOCEX_OK);
    /* A real session-1 lead-out two frames off the 11400 rule: MusicBrainz still follows the rule. */
    assert_int_equal(tocex_disc_set_leadout(disc, 1, 207106 - 11400 - 2, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(disc, 2, 210385, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(disc, &err), TOCEX_OK);
    assert_int_equal(tocex_discid_compute(disc, ids, &err), TOCEX_OK);
    assert_string_equal(ids->musicbrainz, "KnpGsLhvH.lPrNc1PBL21lb9Bg4-");
    assert_string_equal(ids->freedb, "c60af50d");
    assert_string_equal(ids->freedb_libdiscid, "b40a310c");
    assert_string_equal(ids->accuraterip_id1, "0013bd5a");
    assert_string_equal(ids->accuraterip_id2, "00b8d489");
    assert_string_equal(ids->accuraterip_path, "a/5/d/dBAR-012-0013bd5a-00b8d489-c60af50d.bin");
    assert_string_equal(ids->ctdb, "r6So1qSNQD5cupcsH68dNrop4j4-");
    assert_int_equal(ids->musicbrainz_toc.last, 12);
    assert_int_equal(ids->musicbrainz_toc.offsets[0], 207106 - 11400 + 150);
    assert_non_null(strstr(ids->musicbrainz_rule, "11400"));
    assert_int_equal(tocex_discid_musicbrainz_url(ids, url, sizeof url, &err), TOCEX_OK);
    assert_non_null(strstr(url, "id=KnpGsLhvH.lPrNc1PBL21lb9Bg4-&tracks=12&toc=1+12+195856+150+15687+"));
    assert_int_equal(tocex_discid_musicbrainz_url(ids, url, 40, &err), TOCEX_E_LIMIT);
    tocex_disc_free(disc);
    free(disc);
    free(ids);
}

/* A data-first (mixed-mode) disc: MusicBrainz keeps the data track as track 1 (libdiscid),
 * AccurateRip and CTDB look at the audio tracks only; CTDB is relative to the first audio track,
 * so moving the whole layout does not change it. A data-only disc has no audio IDs. */
static void test_mixed_mode_and_data_only(void **state)
{
    tocex_disc *disc = malloc(sizeof *disc);
    tocex_discid *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    tocex_discid_toc toc;
    char mb[TOCEX_DISCID_B64_LEN + 1];
    int32_t audio[2] = {20000, 30000};
    uint32_t id1, id2;
    tocex_error err;
    (void)state;
    assert_non_null(disc);
    assert_non_null(a);
    assert_non_null(b);
    tocex_disc_init(disc);
    assert_int_equal(tocex_disc_add_track(disc, 1, 1, 1, TOCEX_CONTROL_DATA, TOCEX_MODE_MODE1, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(disc, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 20000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(disc, 1, 3, 1, 0, TOCEX_MODE_AUDIO, 30000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(disc, 1, 40000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(disc, &err), TOCEX_OK);
    assert_int_equal(tocex_discid_compute(disc, a, &err), TOCEX_OK);
    /* MusicBrainz: exactly discid_put(1, 3, {40150, 150, 20150, 30150}). */
    memset(&toc, 0, sizeof toc);
    toc.first = 1;
    toc.last = 3;
    toc.offsets[0] = 40150;
    toc.offsets[1] = 150;
    toc.offsets[2] = 20150;
    toc.offsets[3] = 30150;
    assert_int_equal(tocex_discid_musicbrainz(&toc, mb, NULL), TOCEX_OK);
    assert_string_equal(a->musicbrainz, mb);
    assert_string_equal(a->musicbrainz_toc_string, "1 3 40150 150 20150 30150");
    /* AccurateRip by hand: id1 = 20000 + 30000 + 40000, id2 = 20000*1 + 30000*2 + 40000*3. */
    tocex_discid_accuraterip_values(audio, 2, 40000, &id1, &id2);
    assert_int_equal(id1, 90000);
    assert_int_equal(id2, 200000);
    assert_string_equal(a->accuraterip_id1, "00015f90");
    assert_string_equal(a->accuraterip_id2, "00030d40");
    assert_int_equal(a->accuraterip_tracks, 2);
    /* freedb counts the data track: 3 tracks. */
    assert_string_equal(a->freedb + 6, "03");
    tocex_disc_free(disc);

    /* The audio part alone at LBA 0: same CTDB. */
    tocex_disc_init(disc);
    assert_int_equal(tocex_disc_add_track(disc, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(disc, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 10000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(disc, 1, 20000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(disc, &err), TOCEX_OK);
    assert_int_equal(tocex_discid_compute(disc, b, &err), TOCEX_OK);
    assert_string_equal(a->ctdb, b->ctdb);
    assert_string_not_equal(a->musicbrainz, b->musicbrainz);
    tocex_disc_free(disc);

    /* Data only. */
    tocex_disc_init(disc);
    assert_int_equal(tocex_disc_add_track(disc, 1, 1, 1, TOCEX_CONTROL_DATA, TOCEX_MODE_MODE1, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(disc, 1, 300000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(disc, &err), TOCEX_OK);
    assert_int_equal(tocex_discid_compute(disc, a, &err), TOCEX_OK);
    assert_false(a->has_musicbrainz);
    assert_false(a->has_accuraterip);
    assert_false(a->has_ctdb);
    assert_true(a->has_freedb);
    /* cd-discid for one track at 00:02:00 and a 4000 s lead-out: digit sum 2, 4000 s, 1 track. */
    assert_string_equal(a->freedb, "020fa001");
    assert_int_equal(tocex_discid_musicbrainz_url(a, NULL, 0, NULL), TOCEX_E_NOT_PRESENT);
    tocex_disc_free(disc);

    /* Not a CD: nothing applies. */
    tocex_disc_init(disc);
    disc->media = TOCEX_MEDIA_DVD_ROM;
    assert_int_equal(tocex_discid_compute(disc, a, &err), TOCEX_OK);
    assert_false(a->has_freedb);
    assert_false(a->has_musicbrainz);
    free(disc);
    free(a);
    free(b);
}

/* Lunar (python-discid): libdiscid's freedb variant with first track 2 (reference 2.3). */
static void test_freedb_libdiscid_variant(void **state)
{
    static const int32_t offs[] = {150, 11512, 34143, 50747, 63640, 98491, 123534, 174410, 195438, 201127};
    tocex_discid_toc toc;
    int32_t lbas[10];
    (void)state;
    memset(&toc, 0, sizeof toc);
    toc.first = 2;
    toc.last = 11;
    toc.offsets[0] = 225781;
    for (unsigned i = 0; i < 10; i++) {
        toc.offsets[i + 2] = offs[i];
        lbas[i] = offs[i] - 150;
    }
    assert_int_equal(tocex_discid_freedb_libdiscid(&toc), 0x840bc20b);
    /* The classic algorithm over the 10 present tracks (vectors/README.md). */
    assert_int_equal(tocex_discid_freedb_value(lbas, 10, 225781 - 150), 0x840bc00a);
}

/* The TOC string and the URL in their former snprintf form, the references for the digit
 * writers (including how a short buffer cuts them). */
static void toc_string_reference(const tocex_discid_toc *toc, char *buf, size_t size)
{
    size_t len;
    int n;
    if (size == 0)
        return;
    n = snprintf(buf, size, "%u %u %ld", toc->first, toc->last, (long)toc->offsets[0]);
    if (n < 0 || (size_t)n >= size)
        return;
    len = (size_t)n;
    for (unsigned i = toc->first; i <= toc->last && i < 100; i++) {
        n = snprintf(buf + len, size - len, " %ld", (long)toc->offsets[i]);
        if (n < 0 || (size_t)n >= size - len)
            break;
        len += (size_t)n;
    }
}

static bool url_reference(const tocex_discid *ids, char *buf, size_t size)
{
    const tocex_discid_toc *toc = &ids->musicbrainz_toc;
    size_t len;
    int n;
    if (size > 0)
        buf[0] = '\0';
    n = snprintf(buf, size, "https://musicbrainz.org/cdtoc/attach?id=%s&tracks=%u&toc=%u+%u+%ld", ids->musicbrainz,
                 toc->last, toc->first, toc->last, (long)toc->offsets[0]);
    if (n < 0 || (size_t)n >= size)
        goto too_small;
    len = (size_t)n;
    for (unsigned i = toc->first; i <= toc->last && i < 100; i++) {
        n = snprintf(buf + len, size - len, "+%ld", (long)toc->offsets[i]);
        if (n < 0 || (size_t)n >= size - len)
            goto too_small;
        len += (size_t)n;
    }
    return true;
too_small:
    if (size > 0)
        buf[0] = '\0';
    return false;
}

static void test_strings_against_snprintf(void **state)
{
    static tocex_discid ids;
    static char got[2048], want[2048];
    uint64_t rng = 0x70C57216u;
    (void)state;
    for (int round = 0; round < 60; round++) {
        tocex_discid_toc *toc = &ids.musicbrainz_toc;
        size_t step = round < 10 ? 1 : 7;
        memset(&ids, 0, sizeof ids);
        toc->first = (uint8_t)tu_rand_range(&rng, 1, 99);
        toc->last = (uint8_t)tu_rand_range(&rng, toc->first, round % 5 == 0 ? 120 : 99);
        for (unsigned i = 0; i < 100; i++) /* any numbers: negative and ten-digit ones too */
            toc->offsets[i] = (int32_t)(tu_rand(&rng) % 3 == 0 ? (int32_t)tu_rand(&rng)
                                                               : (int32_t)tu_rand_range(&rng, 0, 449999));
        ids.has_musicbrainz = true;
        memcpy(ids.musicbrainz, "rOGBdJs1z0t6d3tmRorg.V6e690-", 29);
        for (size_t size = 0; size < sizeof got; size += step) {
            tocex_error err;
            bool ok;
            memset(got, 'x', sizeof got);
            memset(want, 'x', sizeof want);
            assert_ptr_equal(tocex_discid_toc_string(toc, got, size), got);
            toc_string_reference(toc, want, size);
            assert_memory_equal(got, want, sizeof got);
            memset(got, 'x', sizeof got);
            memset(want, 'x', sizeof want);
            ok = url_reference(&ids, want, size);
            assert_int_equal(tocex_discid_musicbrainz_url(&ids, got, size, &err), ok ? TOCEX_OK : TOCEX_E_LIMIT);
            assert_memory_equal(got, want, sizeof got);
        }
    }
}

/* The cddb query line and the rule texts of a disc whose numbers are long enough to overflow
 * the query buffer: cut exactly where snprintf would cut them. */
static void test_freedb_query_cut(void **state)
{
    tocex_disc *disc = malloc(sizeof *disc);
    static tocex_discid ids;
    char want[TOCEX_DISCID_TOC_STRING_MAX], rule[192];
    tocex_error err;
    size_t len;
    int k;
    uint32_t id;
    int32_t lbas[99];
    (void)state;
    assert_non_null(disc);
    tocex_disc_init(disc);
    for (unsigned i = 0; i < 99; i++) {
        lbas[i] = 1000000000 + (int32_t)i * 10000;
        assert_int_equal(tocex_disc_add_track(disc, 1, (uint8_t)(i + 1), 1, 0, TOCEX_MODE_AUDIO, lbas[i], &err),
                         TOCEX_OK);
    }
    assert_int_equal(tocex_disc_set_leadout(disc, 1, 2000000000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(disc, &err), TOCEX_OK);
    assert_int_equal(tocex_discid_compute(disc, &ids, &err), TOCEX_OK);
    id = tocex_discid_freedb_value(lbas, 99, 2000000000);
    k = snprintf(want, sizeof want, "%08x %zu", (unsigned)id, (size_t)99);
    len = (size_t)k;
    for (size_t i = 0; i < 99 && len < sizeof want; i++) {
        k = snprintf(want + len, sizeof want - len, " %ld", (long)lbas[i] + 150);
        len += (size_t)k;
    }
    if (len < sizeof want)
        snprintf(want + len, sizeof want - len, " %ld", (long)(2000000000 + 150) / 75);
    assert_true(len >= sizeof want); /* the case under test: the line was cut */
    assert_string_equal(ids.freedb_query, want);
    snprintf(rule, sizeof rule, "CDDB1: all %zu tracks (data tracks included), lead-out of the last session (LBA %ld)",
             (size_t)99, 2000000000L);
    assert_string_equal(ids.freedb_rule, rule);
    snprintf(rule, sizeof rule, "%zu audio tracks numbered 1..%zu among the audio tracks%s, whole-disc lead-out (LBA %ld)",
             (size_t)99, (size_t)99, "", 2000000000L);
    assert_string_equal(ids.accuraterip_rule, rule);
    snprintf(rule, sizeof rule, "%c/%c/%c/dBAR-%03u-%s-%s-%s.bin", ids.accuraterip_id1[7], ids.accuraterip_id1[6],
             ids.accuraterip_id1[5], 99u, ids.accuraterip_id1, ids.accuraterip_id2, ids.accuraterip_freedb);
    assert_string_equal(ids.accuraterip_path, rule);
    /* MusicBrainz refuses lead-outs past 90 minutes: no ID, and its strings stay empty */
    assert_false(ids.has_musicbrainz);
    assert_string_equal(ids.musicbrainz, "");
    assert_string_equal(ids.musicbrainz_toc_string, "");
    assert_string_equal(ids.musicbrainz_rule, "");
    assert_string_equal(ids.freedb_libdiscid, "");
    tocex_disc_free(disc);
    free(disc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_vectors),
        cmocka_unit_test(test_musicbrainz_doc_example),
        cmocka_unit_test(test_enhanced_cd_conventions),
        cmocka_unit_test(test_mixed_mode_and_data_only),
        cmocka_unit_test(test_freedb_libdiscid_variant),
        cmocka_unit_test(test_strings_against_snprintf),
        cmocka_unit_test(test_freedb_query_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
