/* CloneCD .ccd reader and writer: the recorded full TOC is kept byte for byte, tracks, sessions,
 * lead-outs, disc types and B0/C0 follow from it (MMC full-TOC semantics: PMSF - 150 = LBA,
 * 90-minute rule for lead-in addresses); limits and malformed files are refused with file:line;
 * export -> parse gives back the same TOC for every cue/toc/ccd sample that opens. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "test_cdrdao_util.h"
#include "testutil.h"
#include "tocex/cdtext.h"
#include "tocex/disc.h"
#include "tocex/export.h"
#include "tocex/image.h"

/* The [Entry N] sections of a .ccd read by a deliberately simple INI scan of the test's own. */
static size_t fixture_entries(const char *text, tocex_toc_entry *out, size_t cap)
{
    const char *p = text;
    long cur = -1;
    size_t count = 0;
    while (*p != '\0') {
        char line[256], key[64], val[64];
        const char *e = strchr(p, '\n');
        size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
        char *s, *eq;
        if (n >= sizeof line)
            n = sizeof line - 1;
        memcpy(line, p, n);
        line[n] = '\0';
        p = e != NULL ? e + 1 : p + n;
        s = line;
        while (isspace((unsigned char)*s))
            s++;
        if (strncasecmp(s, "[entry ", 7) == 0) {
            cur = strtol(s + 7, NULL, 10);
            assert_true(cur >= 0 && (size_t)cur < cap);
            if ((size_t)cur + 1 > count)
                count = (size_t)cur + 1;
            continue;
        }
        if (*s == '[') {
            cur = -1;
            continue;
        }
        eq = strchr(s, '=');
        if (cur < 0 || eq == NULL)
            continue;
        *eq = '\0';
        if (sscanf(s, "%63s", key) != 1 || sscanf(eq + 1, "%63s", val) != 1)
            continue;
        {
            long v = strtol(val, NULL, 0);
            tocex_toc_entry *t = &out[cur];
            if (strcasecmp(key, "Session") == 0) t->session = (uint8_t)v;
            else if (strcasecmp(key, "Point") == 0) t->point = (uint8_t)v;
            else if (strcasecmp(key, "ADR") == 0) t->adr_control = (uint8_t)((t->adr_control & 0x0F) | v << 4);
            else if (strcasecmp(key, "Control") == 0) t->adr_control = (uint8_t)((t->adr_control & 0xF0) | v);
            else if (strcasecmp(key, "TrackNo") == 0) t->tno = (uint8_t)v;
            else if (strcasecmp(key, "AMin") == 0) t->min = (uint8_t)v;
            else if (strcasecmp(key, "ASec") == 0) t->sec = (uint8_t)v;
            else if (strcasecmp(key, "AFrame") == 0) t->frame = (uint8_t)v;
            else if (strcasecmp(key, "Zero") == 0) t->zero = (uint8_t)v;
            else if (strcasecmp(key, "PMin") == 0) t->pmin = (uint8_t)v;
            else if (strcasecmp(key, "PSec") == 0) t->psec = (uint8_t)v;
            else if (strcasecmp(key, "PFrame") == 0) t->pframe = (uint8_t)v;
        }
    }
    return count;
}

static void assert_fulltoc_as_recorded(const char *path, const tocex_disc *d)
{
    size_t len, n;
    tocex_toc_entry want[64];
    char *text = (char *)tu_read_file(path, &len);
    assert_non_null(text);
    memset(want, 0, sizeof want);
    n = fixture_entries(text, want, 64);
    assert_int_equal(d->fulltoc_count, n);
    for (size_t i = 0; i < n; i++)
        if (memcmp(&d->fulltoc[i], &want[i], sizeof want[i]) != 0)
            fail_msg("%s: [Entry %zu] not kept as recorded", path, i);
    assert_true(d->known & TOCEX_KNOWN_FULLTOC);
    free(text);
}

static void test_multisession(void **state)
{
    const char *path = tu_src_path("tests/data/ccd/multisession.ccd");
    tocex_disc *d = tcu_disc_new();
    tocex_error err;
    const tocex_session *s1, *s2;
    (void)state;
    if (tocex_image_read_ccd(path, d, &err) != TOCEX_OK)
        fail_msg("%s", err.message);
    assert_fulltoc_as_recorded(path, d);
    assert_int_equal(d->session_count, 2);
    assert_int_equal(d->track_count, 3);
    /* PMSF - 150: 00:02:00 -> 0, 03:22:00 -> 15000, 09:14:00 -> 41400 */
    assert_int_equal(d->tracks[0].start, 0);
    assert_int_equal(d->tracks[1].start, 15000);
    assert_int_equal(d->tracks[2].start, 41400);
    assert_int_equal(d->tracks[2].session, 2);
    assert_int_equal(d->tracks[1].control, TOCEX_CONTROL_COPY);
    assert_int_equal(d->tracks[2].control, TOCEX_CONTROL_DATA);
    assert_int_equal(d->tracks[1].pregap, 150); /* INDEX 1 - INDEX 0 */
    assert_string_equal(d->tracks[0].isrc, "USEM39600078");
    assert_int_equal(d->tracks[2].mode, TOCEX_MODE_MODE2_MIXED); /* MODE=2 in a CD-ROM XA session */
    s1 = &d->sessions[0];
    s2 = &d->sessions[1];
    assert_int_equal(s1->leadout, 30000); /* A2 06:42:00 */
    assert_int_equal(s2->leadout, 50000); /* A2 11:08:50 */
    assert_int_equal(s1->disc_type, 0x00);
    assert_int_equal(s2->disc_type, 0x20);
    assert_true(s1->has_b0 && s1->b0_given);
    assert_int_equal(s1->b0_next_program, 41250); /* 09:12:00 */
    assert_int_equal(s1->b0_pointers, 2);
    assert_int_equal(s1->b0_max_leadout, 359849); /* 79:59:74 */
    assert_true(s1->has_c0 && s1->c0_given);
    assert_int_equal(s1->c0_atip[0], 0x80);
    assert_int_equal(s1->c0_first_leadin, 97 * 4500 + 26 * 75 + 66 - 450150); /* lead-in rule */
    assert_false(s2->has_b0);
    assert_false(s2->has_c0);
    assert_false(d->appendable);
    assert_string_equal(d->mcn, "0724385356926");
    assert_int_equal(d->cdtext_packs, 2);
    /* libburn doc/cdtext.txt: 80 00 00 00 "Joyful Night" has CRC F0 F7 */
    assert_int_equal(d->cdtext[16], 0xF0);
    assert_int_equal(d->cdtext[17], 0xF7);
    assert_true(tocex_cdtext_pack_crc_ok(d->cdtext + 18));
    tcu_disc_drop(d);
}

static void test_mixed_mode_case_insensitive(void **state)
{
    const char *path = tu_src_path("tests/data/ccd/mixedmode.ccd");
    tocex_disc *d = tcu_disc_new();
    tocex_error err;
    (void)state;
    if (tocex_image_read_ccd(path, d, &err) != TOCEX_OK)
        fail_msg("%s", err.message);
    assert_fulltoc_as_recorded(path, d);
    assert_int_equal(d->session_count, 1);
    assert_int_equal(d->track_count, 2);
    assert_int_equal(d->tracks[0].mode, TOCEX_MODE_MODE1);
    assert_int_equal(d->tracks[1].mode, TOCEX_MODE_AUDIO);
    assert_int_equal(d->tracks[1].start, 45000);        /* 10:02:00 */
    assert_int_equal(d->tracks[1].pregap, 150);
    assert_int_equal(d->sessions[0].leadout, 89850);    /* 20:00:00 */
    assert_false(d->sessions[0].has_b0);                /* none recorded: none derived */
    assert_true(d->known & TOCEX_KNOWN_MODES);
    tcu_disc_drop(d);
}

static void expect_refusal(const char *text, tocex_status want, const char *where)
{
    tocex_disc *d = tcu_disc_new();
    tocex_error err;
    tocex_status st = tocex_image_parse_ccd("t.ccd", (const uint8_t *)text, strlen(text), d, &err);
    if (st != want || strstr(err.message, where) == NULL)
        fail_msg("status %d (want %d): \"%s\" should contain \"%s\"", st, want, err.message, where);
    tcu_disc_drop(d);
}

#define ENTRY_A0 "[Entry 0]\nSession=1\nPoint=0xa0\nADR=1\nControl=0\nPMin=1\nPSec=0\nPFrame=0\n"
#define ENTRY_A1 "[Entry 1]\nSession=1\nPoint=0xa1\nADR=1\nControl=0\nPMin=1\nPSec=0\nPFrame=0\n"
#define ENTRY_A2 "[Entry 2]\nSession=1\nPoint=0xa2\nADR=1\nControl=0\nPMin=5\nPSec=0\nPFrame=0\n"
#define ENTRY_T1 "[Entry 3]\nSession=1\nPoint=0x01\nADR=1\nControl=0\nPMin=0\nPSec=2\nPFrame=0\n"

static void test_refusals(void **state)
{
    (void)state;
    expect_refusal("[CloneCD]\nVersion=3\n[Disc]\nTocEntries=4000000000\n", TOCEX_E_LIMIT, "t.ccd:4:");
    expect_refusal("[CloneCD]\r\nVersion=3\r\n[Disc]\r\nTocEntries=99999\r\n", TOCEX_E_LIMIT, "t.ccd:4:");
    expect_refusal("Version=3\n", TOCEX_E_PARSE, "t.ccd:1:");
    expect_refusal("[Disc]\nTocEntries=4\n" ENTRY_A0 ENTRY_A1 ENTRY_A2, TOCEX_E_PARSE, "[Entry 3] is missing");
    expect_refusal("[Disc]\nTocEntries=4\n" ENTRY_A0 ENTRY_A1 ENTRY_A2 ENTRY_T1 "[Entry 4]\n", TOCEX_E_LIMIT,
                   "t.ccd:35:");
    expect_refusal("[Disc]\nTocEntries=3\n" ENTRY_A0 ENTRY_A1 "[Entry 2]\nSession=1\nPoint=0x01\nADR=1\nControl=0\n"
                   "PMin=0\nPSec=2\nPFrame=0\n",
                   TOCEX_E_PARSE, "no A2");
    expect_refusal("[Disc]\nTocEntries=4\n" ENTRY_A0 ENTRY_A1 ENTRY_A2 "[Entry 3]\nSession=1\nPoint=0x01\nADR=1\n"
                   "Control=0\nPMin=0\nPSec=2\nPFrame=75\n",
                   TOCEX_E_PARSE, "t.ccd:27:");
    expect_refusal("[Disc]\nTocEntries=4\n" ENTRY_A0 ENTRY_A1 ENTRY_A2 ENTRY_T1 "[CDText]\nEntries=1\nEntry 0=80 00 zz\n",
                   TOCEX_E_PARSE, "t.ccd:37:");
    expect_refusal("[Disc]\nTocEntries=4\n" ENTRY_A0 ENTRY_A1 ENTRY_A2 ENTRY_T1 "[Entry 0]\n", TOCEX_E_PARSE,
                   "t.ccd:35:");
    expect_refusal("[Disc]\nTocEntries=4\n" ENTRY_A0 "Point=300\n", TOCEX_E_PARSE, "t.ccd:11:");
    expect_refusal("[Disc]\nTocEntries=x\n", TOCEX_E_PARSE, "t.ccd:2:");
}

/* ---- export round trip ---- */

static void assert_same_toc(const char *what, const tocex_disc *a, const tocex_disc *b)
{
    if (a->track_count != b->track_count || a->session_count != b->session_count)
        fail_msg("%s: %zu tracks / %zu sessions became %zu / %zu", what, a->track_count, a->session_count,
                 b->track_count, b->session_count);
    for (size_t i = 0; i < a->track_count; i++) {
        const tocex_track *x = &a->tracks[i], *y = &b->tracks[i];
        if (x->number != y->number || x->session != y->session || x->control != y->control ||
            x->start != y->start || x->pregap != y->pregap || strcmp(x->isrc, y->isrc) != 0 ||
            tocex_track_mode_is_data(x->mode) != tocex_track_mode_is_data(y->mode))
            fail_msg("%s: track %u differs after export (start %ld/%ld, control %u/%u, pregap %ld/%ld)", what,
                     x->number, (long)x->start, (long)y->start, x->control, y->control, (long)x->pregap,
                     (long)y->pregap);
    }
    for (size_t i = 0; i < a->session_count; i++) {
        const tocex_session *x = &a->sessions[i], *y = &b->sessions[i];
        if (x->leadout != y->leadout || x->disc_type != y->disc_type || x->has_b0 != y->has_b0 ||
            x->has_c0 != y->has_c0 || x->first_track != y->first_track || x->last_track != y->last_track)
            fail_msg("%s: session %zu differs after export", what, i + 1);
        if (x->has_b0 && (x->b0_next_program != y->b0_next_program || x->b0_pointers != y->b0_pointers ||
                          x->b0_max_leadout != y->b0_max_leadout))
            fail_msg("%s: session %zu B0 differs after export", what, i + 1);
        if (x->has_c0 && (x->c0_first_leadin != y->c0_first_leadin || memcmp(x->c0_atip, y->c0_atip, 3) != 0))
            fail_msg("%s: session %zu C0 differs after export", what, i + 1);
    }
    assert_string_equal(a->mcn, b->mcn);
    assert_int_equal(a->cdtext_packs, b->cdtext_packs);
    if (a->cdtext_packs > 0)
        assert_memory_equal(a->cdtext, b->cdtext, a->cdtext_packs * 18);
    if (a->fulltoc_count > 0) {
        assert_int_equal(a->fulltoc_count, b->fulltoc_count);
        assert_memory_equal(a->fulltoc, b->fulltoc, a->fulltoc_count * sizeof a->fulltoc[0]);
    }
}

static bool round_trip(const char *path)
{
    tocex_disc *a = tcu_disc_new(), *b = tcu_disc_new(), *c = tcu_disc_new();
    tocex_error err;
    tocex_buf out, out2;
    bool opened = tocex_image_open(path, a, &err) == TOCEX_OK;
    if (opened) {
        tocex_buf_init(&out);
        tocex_buf_init(&out2);
        if (tocex_export_ccd(a, &out, &err) != TOCEX_OK)
            fail_msg("%s: export: %s", path, err.message);
        if (tocex_image_parse_ccd("exported.ccd", out.data, out.len, b, &err) != TOCEX_OK)
            fail_msg("%s: exported .ccd does not parse: %s", path, err.message);
        assert_same_toc(path, a, b);
        /* a second generation is byte-identical: the first export's full TOC is kept as is */
        assert_int_equal(tocex_export_ccd(b, &out2, &err), TOCEX_OK);
        assert_int_equal(tocex_image_parse_ccd("again.ccd", out2.data, out2.len, c, &err), TOCEX_OK);
        assert_int_equal(out.len, out2.len);
        assert_memory_equal(out.data, out2.data, out.len);
        tocex_buf_free(&out);
        tocex_buf_free(&out2);
    }
    else if (getenv("TOCEX_TEST_VERBOSE") != NULL)
        print_message("  not opened: %s\n", err.message);
    tcu_disc_drop(a);
    tcu_disc_drop(b);
    tcu_disc_drop(c);
    return opened;
}

static void test_export_round_trip(void **state)
{
    static const char *const dirs[] = {"cdrdao/testtocs", "libcdio/data", "libcdio/test", "libcue", "whipper"};
    static const char *const exts[] = {".cue", ".toc"};
    size_t done = 0, not_opened = 0;
    (void)state;
    assert_true(round_trip(tu_src_path("tests/data/ccd/multisession.ccd")));
    assert_true(round_trip(tu_src_path("tests/data/ccd/mixedmode.ccd")));
    done += 2;
    TU_REQUIRE_TESTDATA();
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        for (size_t e = 0; e < sizeof exts / sizeof exts[0]; e++) {
            char **files;
            size_t n = tcu_list(tu_data_path(dirs[i]), exts[e], &files);
            for (size_t k = 0; k < n; k++) {
                if (round_trip(files[k]))
                    done++;
                else
                    not_opened++;
            }
            tcu_list_free(files, n);
        }
    }
    print_message("ccd export round trip: %zu samples identical after export + parse, %zu did not open\n", done,
                  not_opened);
    assert_true(done >= 40);
}

/* A synthesized multi-session TOC (no recorded entries) exports the entries a drive reports. */
static void test_export_synthesized(void **state)
{
    tocex_disc *d = tcu_disc_new(), *b = tcu_disc_new();
    tocex_error err;
    tocex_buf out;
    char *text;
    (void)state;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 20000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 40000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 3, 1, 4, TOCEX_MODE_MODE2_FORM1, 51400, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 2, 60000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_OK);
    tocex_buf_init(&out);
    assert_int_equal(tocex_export_ccd(d, &out, &err), TOCEX_OK);
    assert_true(tocex_buf_put_u8(&out, 0));
    text = (char *)out.data;
    /* the first session's B0 (ADR 5) is present, its ALBA = 40000 + 11250 (Orange Book gap) */
    assert_non_null(strstr(text, "Point=0xb0\r\nADR=0x05"));
    assert_non_null(strstr(text, "ALBA=51250\r\n"));
    assert_non_null(strstr(text, "Point=0xc0"));
    assert_non_null(strstr(text, "[TRACK 3]\r\nMODE=2\r\n"));
    assert_int_equal(tocex_image_parse_ccd("s.ccd", out.data, out.len - 1, b, &err), TOCEX_OK);
    assert_same_toc("synthesized", d, b);
    tocex_buf_free(&out);
    tcu_disc_drop(d);
    tcu_disc_drop(b);
}

/* Mutated .ccd files never crash the reader (sanitizer build). */
static void test_mutations(void **state)
{
    static const char *const names[] = {"tests/data/ccd/multisession.ccd", "tests/data/ccd/mixedmode.ccd"};
    uint64_t rng = 0xccd5eedu;
    size_t runs = 0, accepted = 0;
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        uint8_t *orig = tu_read_file(tu_src_path(names[i]), &len);
        assert_non_null(orig);
        for (int m = 0; m < 400; m++) {
            uint8_t *buf = malloc(len + 1);
            size_t blen = len;
            tocex_disc *d = tcu_disc_new();
            tocex_error err;
            assert_non_null(buf);
            memcpy(buf, orig, len);
            for (int k = 0; k < 1 + (int)tu_rand_range(&rng, 0, 4); k++) {
                size_t at = (size_t)tu_rand_range(&rng, 0, (long)blen - 1);
                long op = tu_rand_range(&rng, 0, 2);
                if (op == 0)
                    buf[at] = (uint8_t)tu_rand_range(&rng, 0, 255);
                else if (op == 1)
                    buf[at] = (uint8_t)"0123456789=[]x -\n"[tu_rand_range(&rng, 0, 17)];
                else
                    blen = at + 1;
            }
            if (tocex_image_parse_ccd("m.ccd", buf, blen, d, &err) == TOCEX_OK) {
                accepted++;
                assert_int_equal(tocex_disc_finish(d, &err), TOCEX_OK);
            } else {
                assert_true(err.message[0] != '\0');
            }
            runs++;
            tcu_disc_drop(d);
            free(buf);
        }
        free(orig);
    }
    print_message("mutated .ccd inputs: %zu parsed, %zu accepted\n", runs, accepted);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_multisession),       cmocka_unit_test(test_mixed_mode_case_insensitive),
        cmocka_unit_test(test_refusals),           cmocka_unit_test(test_export_synthesized),
        cmocka_unit_test(test_export_round_trip),  cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
