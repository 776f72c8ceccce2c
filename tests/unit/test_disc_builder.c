/* The disc model's builder: refusals name what is wrong; derived values follow the Orange Book. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/disc.h"
#include "tocex/source.h"

static tocex_disc *new_disc(void)
{
    tocex_disc *d = malloc(sizeof *d);
    assert_non_null(d);
    tocex_disc_init(d);
    return d;
}

static void drop(tocex_disc *d)
{
    tocex_disc_free(d);
    free(d);
}

static void test_single_session_audio(void **state)
{
    tocex_disc *d = new_disc();
    tocex_error err;
    (void)state;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 2, 1, 2, TOCEX_MODE_AUDIO, 15000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 30000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_OK);
    assert_int_equal(d->sessions[0].first_track, 1);
    assert_int_equal(d->sessions[0].last_track, 2);
    assert_int_equal(d->sessions[0].disc_type, 0x00);
    assert_false(d->sessions[0].has_b0); /* single closed session: no Mode-5 pointers */
    assert_false(d->sessions[0].has_c0);
    assert_int_equal(tocex_disc_track_length(d, 0), 15000);
    assert_int_equal(tocex_disc_track_length(d, 1), 15000);
    assert_int_equal(tocex_disc_leadout(d), 30000);
    drop(d);
}

/* The HERONG two-session CD-R (mmc-read-toc.md §2.3): B0/C0 derived from the lead-outs and ATIP. */
static void test_two_session_mode5_from_atip(void **state)
{
    tocex_disc *d = new_disc();
    tocex_error err;
    uint8_t atip[24] = {0};
    (void)state;
    d->media = TOCEX_MEDIA_CD_R;
    d->appendable = true;
    atip[0] = 0x80;                                      /* ATIP byte 4: SI-1 copy in C0 */
    atip[4] = 97, atip[5] = 34, atip[6] = 21;            /* lead-in start */
    atip[8] = 74, atip[9] = 43, atip[10] = 0;            /* last possible lead-out */
    assert_int_equal(tocex_disc_set_atip(d, atip, sizeof atip, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 4, TOCEX_MODE_MODE2_FORM1, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 2, 1, 4, TOCEX_MODE_MODE2_FORM1, 130115, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 118715, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 2, 135210, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_OK);
    /* B0 session 1: 28:54:65 = lead-out + 11250; session 2: 31:34:60 = lead-out + 6750 */
    assert_int_equal(d->sessions[0].b0_next_program, (28 * 60 + 54) * 75 + 65 - 150);
    assert_int_equal(d->sessions[1].b0_next_program, (31 * 60 + 34) * 75 + 60 - 150);
    assert_int_equal(d->sessions[0].b0_pointers, 2);
    assert_int_equal(d->sessions[1].b0_pointers, 1);
    assert_int_equal(d->sessions[0].b0_max_leadout, (74 * 60 + 43) * 75 - 150);
    assert_true(d->sessions[0].has_c0);
    assert_false(d->sessions[1].has_c0);
    assert_int_equal(d->sessions[0].c0_atip[0], 0x80);
    assert_int_equal(d->sessions[0].c0_first_leadin, (97 * 60 + 34) * 75 + 21 - 450150);
    assert_int_equal(d->sessions[0].disc_type, 0x20); /* XA: mode-2 track */
    /* track 2 = B0 + 150 in the real sample: our lead-out/B0 rule agrees */
    assert_int_equal(d->tracks[1].start, d->sessions[0].b0_next_program + 150);
    assert_int_equal(d->note_count, 0);
    drop(d);
}

static void test_closed_multisession_without_atip_notes_assumptions(void **state)
{
    tocex_disc *d = new_disc();
    tocex_error err;
    (void)state;
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 2, 1, 4, TOCEX_MODE_MODE2_FORM1, 50000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 38600, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 2, 60000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_OK);
    assert_true(d->sessions[0].has_b0);
    assert_false(d->sessions[1].has_b0); /* closed disc: last session has none */
    assert_int_equal(d->sessions[0].b0_max_leadout, TOCEX_DEFAULT_MAX_LEADOUT);
    assert_int_equal(d->sessions[0].c0_first_leadin, TOCEX_DEFAULT_FIRST_LEADIN);
    assert_int_equal(d->sessions[0].disc_type, 0x00);
    assert_int_equal(d->sessions[1].disc_type, 0x20);
    assert_int_equal(d->note_count, 2);
    assert_non_null(strstr(d->notes[0], "assumed"));
    drop(d);
}

static void expect_refusal(tocex_disc *d, const char *needle)
{
    tocex_error err;
    tocex_error_clear(&err);
    assert_int_not_equal(tocex_disc_finish(d, &err), TOCEX_OK);
    if (strstr(err.message, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", err.message, needle);
}

static void test_refusals(void **state)
{
    tocex_disc *d;
    tocex_error err;
    (void)state;

    d = new_disc(); /* gap in track numbers */
    tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err);
    tocex_disc_add_track(d, 1, 3, 1, 0, TOCEX_MODE_AUDIO, 100, &err);
    tocex_disc_set_leadout(d, 1, 200, &err);
    expect_refusal(d, "contiguous");
    drop(d);

    d = new_disc(); /* starts not ascending */
    tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 500, &err);
    tocex_disc_add_track(d, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 400, &err);
    tocex_disc_set_leadout(d, 1, 1000, &err);
    expect_refusal(d, "track 2 starts");
    drop(d);

    d = new_disc(); /* lead-out before the last track */
    tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err);
    tocex_disc_add_track(d, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 400, &err);
    tocex_disc_set_leadout(d, 1, 300, &err);
    expect_refusal(d, "lead-out");
    drop(d);

    d = new_disc(); /* overlapping sessions */
    tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err);
    tocex_disc_add_track(d, 2, 2, 1, 4, TOCEX_MODE_MODE1, 900, &err);
    tocex_disc_set_leadout(d, 1, 1000, &err);
    tocex_disc_set_leadout(d, 2, 2000, &err);
    expect_refusal(d, "overlaps");
    drop(d);

    d = new_disc(); /* missing lead-out */
    tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err);
    expect_refusal(d, "no lead-out");
    drop(d);

    d = new_disc(); /* track 0 and track 100 */
    tocex_disc_add_track(d, 1, 0, 1, 0, TOCEX_MODE_AUDIO, 0, &err);
    tocex_disc_set_leadout(d, 1, 100, &err);
    expect_refusal(d, "outside 1..99");
    drop(d);

    d = new_disc(); /* more than 99 tracks: refused when added */
    for (unsigned i = 1; i <= 99; i++)
        assert_int_equal(tocex_disc_add_track(d, 1, (uint8_t)i, 1, 0, TOCEX_MODE_AUDIO, (int32_t)i * 300, &err),
                         TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 100, 1, 0, TOCEX_MODE_AUDIO, 99999, &err), TOCEX_E_LIMIT);
    assert_non_null(strstr(err.message, "99 tracks"));
    drop(d);

    d = new_disc(); /* sessions skipping a number */
    tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err);
    assert_int_equal(tocex_disc_add_track(d, 3, 2, 1, 0, TOCEX_MODE_AUDIO, 20000, &err), TOCEX_E_INVALID_DISC);
    drop(d);

    d = new_disc(); /* absurd CD-TEXT size */
    tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err);
    tocex_disc_set_leadout(d, 1, 100, &err);
    d->cdtext_packs = 5000;
    expect_refusal(d, "CD-TEXT");
    d->cdtext_packs = 0;
    drop(d);
}

static void test_copy_is_deep(void **state)
{
    tocex_disc *a = new_disc(), *b = new_disc();
    tocex_error err;
    uint8_t packs[36];
    tocex_toc_entry e = {1, 0x14, 0, 0xA0, 0, 0, 0, 0, 1, 0x20, 0};
    (void)state;
    memset(packs, 0x80, sizeof packs);
    assert_int_equal(tocex_disc_set_cdtext(a, packs, 2, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_fulltoc(a, &e, 1, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_copy(b, a, &err), TOCEX_OK);
    assert_ptr_not_equal(a->cdtext, b->cdtext);
    assert_memory_equal(a->cdtext, b->cdtext, 36);
    assert_int_equal(b->fulltoc[0].point, 0xA0);
    drop(a);
    drop(b);
}

static void test_toc_string(void **state)
{
    tocex_disc *d = new_disc();
    tocex_error err;
    const unsigned data13[] = {13};
    (void)state;
    /* musicbrainz.org Disc_ID_Calculation example */
    assert_int_equal(tocex_disc_from_toc_string("1 6 95462 150 15363 32314 46592 63414 80489", NULL, 0, d, &err),
                     TOCEX_OK);
    assert_int_equal(d->track_count, 6);
    assert_int_equal(d->tracks[0].start, 0);
    assert_int_equal(d->tracks[5].start, 80339);
    assert_int_equal(tocex_disc_leadout(d), 95312);
    drop(d);
    /* Ladyhawke CD-Extra: data track 13 goes to session 2, session 1 ends 11400 before it */
    d = new_disc();
    assert_int_equal(tocex_disc_from_toc_string("1 13 210535 150 15687 31841 51016 66616 81352 99559 116070 "
                                                "133243 149997 161710 177832 207256",
                                                data13, 1, d, &err),
                     TOCEX_OK);
    assert_int_equal(d->session_count, 2);
    assert_int_equal(d->sessions[0].leadout, 207256 - 150 - 11400);
    assert_int_equal(d->tracks[12].control & TOCEX_CONTROL_DATA, TOCEX_CONTROL_DATA);
    drop(d);
    d = new_disc();
    assert_int_not_equal(tocex_disc_from_toc_string("1 3 1000 150 300", NULL, 0, d, &err), TOCEX_OK);
    assert_non_null(strstr(err.message, "offsets"));
    assert_int_not_equal(tocex_disc_from_toc_string("1 2 1000 150 x", NULL, 0, d, &err), TOCEX_OK);
    assert_int_not_equal(tocex_disc_from_toc_string("1 2 200 150 300", NULL, 0, d, &err), TOCEX_OK);
    assert_non_null(strstr(err.message, "lead-out"));
    assert_int_not_equal(tocex_disc_from_toc_string("1 1 1000 100", NULL, 0, d, &err), TOCEX_OK);
    drop(d);
}

/* tocex_disc_init leaves the slots past the counts as they were: every slot the builder takes
 * is initialised whole, and a copy carries the slots in use. */
static void test_slots_initialised_when_taken(void **state)
{
    tocex_disc *d = malloc(sizeof *d), *c = malloc(sizeof *c);
    tocex_error err;
    (void)state;
    assert_non_null(d);
    assert_non_null(c);
    memset(d, 0xA5, sizeof *d);
    tocex_disc_init(d);
    assert_int_equal(d->media, TOCEX_MEDIA_CD_ROM);
    assert_int_equal(d->track_count + d->session_count + d->note_count + d->fulltoc_count + d->pma_count, 0);
    assert_int_equal(d->atip_len + d->cdtext_packs, 0);
    assert_null(d->fulltoc);
    assert_null(d->pma);
    assert_null(d->cdtext);
    assert_int_equal(d->known, 0);
    assert_int_equal(d->capacity, 0);
    assert_false(d->appendable);
    assert_string_equal(d->mcn, "");
    for (size_t i = 0; i < sizeof d->atip; i++)
        assert_int_equal(d->atip[i], 0);
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 2, 1, 4, TOCEX_MODE_MODE1, 20000, &err), TOCEX_OK);
    for (size_t i = 0; i < 2; i++) {
        const tocex_track *t = &d->tracks[i];
        const tocex_session *s = &d->sessions[i];
        assert_int_equal(t->pregap, 0);
        assert_int_equal(t->sector_size, 0);
        assert_string_equal(t->isrc, "");
        assert_int_equal(s->number, i + 1);
        assert_int_equal(s->disc_type, TOCEX_DISC_TYPE_AUTO);
        assert_int_equal(s->leadout, TOCEX_LBA_NONE);
        assert_false(s->has_b0 || s->b0_given || s->has_c0 || s->c0_given);
        assert_int_equal(s->b0_next_program, TOCEX_LBA_NONE);
        assert_int_equal(s->c0_first_leadin, TOCEX_LBA_NONE);
        assert_int_equal(s->b0_pointers + s->c0_atip[0] + s->c0_atip[1] + s->c0_atip[2], 0);
    }
    assert_int_equal(tocex_disc_set_leadout(d, 1, 9000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 2, 30000, &err), TOCEX_OK);
    tocex_disc_note(d, "first %d", 1);
    tocex_disc_note(d, "second");
    tocex_disc_note(d, "first %d", 1); /* once is enough */
    assert_int_equal(d->note_count, 2);
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_OK);
    memset(c, 0x5A, sizeof *c);
    assert_int_equal(tocex_disc_copy(c, d, &err), TOCEX_OK);
    assert_int_equal(c->track_count, 2);
    assert_int_equal(c->session_count, 2);
    assert_memory_equal(c->tracks, d->tracks, 2 * sizeof d->tracks[0]);
    assert_memory_equal(c->sessions, d->sessions, 2 * sizeof d->sessions[0]);
    assert_int_equal(c->note_count, d->note_count); /* finish added its B0/C0 assumptions */
    assert_true(c->note_count >= 2);
    for (size_t i = 0; i < c->note_count; i++)
        assert_string_equal(c->notes[i], d->notes[i]);
    assert_string_equal(c->notes[0], "first 1");
    assert_string_equal(c->notes[1], "second");
    assert_int_equal(c->known, d->known);
    assert_int_equal(c->media, d->media);
    assert_int_equal(tocex_disc_finish(c, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_leadout(c), 30000);
    drop(c);
    /* free resets the same way */
    tocex_disc_free(d);
    assert_int_equal(d->track_count + d->session_count + d->note_count, 0);
    assert_null(d->fulltoc);
    free(d);
}

/* finish walks each session's run of tracks once: the refusals still name the first fault. */
/* tocex_disc_note: a sentence without conversions is copied (not passed through vsnprintf), cut
 * and terminated as vsnprintf would; repeats are kept once either way. */
static void test_notes(void **state)
{
#define NOTE_25 "abcdefghijklmnopqrstuvwxy"
    static const char long_text[] = NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25;
    tocex_disc d;
    (void)state;
    tocex_disc_init(&d);
    tocex_disc_note(&d, "one session assumed");
    tocex_disc_note(&d, "one session assumed");
    tocex_disc_note(&d, "%d%% sure", 50);
    tocex_disc_note(&d, NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25);
    tocex_disc_note(&d, NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25 NOTE_25);
    assert_int_equal(d.note_count, 3);
    assert_string_equal(d.notes[0], "one session assumed");
    assert_string_equal(d.notes[1], "50% sure");
    assert_int_equal(strlen(d.notes[2]), sizeof d.notes[0] - 1);
    assert_memory_equal(d.notes[2], long_text, sizeof d.notes[0] - 1);
    tocex_disc_free(&d);
#undef NOTE_25
}

static void test_finish_session_walk(void **state)
{
    tocex_disc *d = new_disc();
    tocex_error err;
    (void)state;
    /* three sessions, the second without a lead-out */
    assert_int_equal(tocex_disc_add_track(d, 1, 1, 1, 0, TOCEX_MODE_AUDIO, 0, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 1, 2, 1, 0, TOCEX_MODE_AUDIO, 1000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 2, 3, 1, 4, TOCEX_MODE_MODE2_FORM1, 20000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_add_track(d, 3, 4, 1, 4, TOCEX_MODE_MODE1, 40000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 1, 5000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_set_leadout(d, 3, 50000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_E_INVALID_DISC);
    assert_string_equal(err.message, "session 2 has no lead-out");
    /* session 2 overlapping session 3 */
    assert_int_equal(tocex_disc_set_leadout(d, 2, 40000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_E_INVALID_DISC);
    assert_string_equal(err.message,
                        "session 3 overlaps session 2: track 4 at LBA 40000 is not after lead-out LBA 40000");
    assert_int_equal(tocex_disc_set_leadout(d, 2, 30000, &err), TOCEX_OK);
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_OK);
    assert_int_equal(d->sessions[1].first_track, 3);
    assert_int_equal(d->sessions[1].last_track, 3);
    assert_int_equal(d->sessions[0].disc_type, 0x00);
    assert_int_equal(d->sessions[1].disc_type, 0x20);
    assert_int_equal(d->sessions[2].disc_type, 0x00);
    /* models filled by hand: a track in a session the disc does not have, first or last */
    d->tracks[0].session = 0;
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_E_INVALID_DISC);
    assert_string_equal(err.message, "track 1 names session 0, which does not exist");
    d->tracks[0].session = 1;
    d->session_count = 2;
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_E_INVALID_DISC);
    assert_string_equal(err.message, "track 4 names session 3, which does not exist");
    d->session_count = 3;
    /* a session with no tracks between two that have some */
    d->tracks[2].session = 1;
    d->sessions[0].leadout = 30000;
    assert_int_equal(tocex_disc_finish(d, &err), TOCEX_E_INVALID_DISC);
    assert_string_equal(err.message, "session 2 has no tracks");
    drop(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_session_audio),
        cmocka_unit_test(test_two_session_mode5_from_atip),
        cmocka_unit_test(test_closed_multisession_without_atip_notes_assumptions),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_copy_is_deep),
        cmocka_unit_test(test_toc_string),
        cmocka_unit_test(test_slots_initialised_when_taken),
        cmocka_unit_test(test_finish_session_walk),
        cmocka_unit_test(test_notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
