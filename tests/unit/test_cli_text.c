/* The program's text views (tools/tocex/output_text.c) against the printf formats they stand
 * for. The rows are written in place with the cli_fmt_* primitives for speed; here the same
 * views are made with snprintf from the formats in their comments and compared byte for byte
 * over seeded random discs, CD-TEXT, TOC entries and disc IDs - odd values included (negative
 * and huge addresses, unknown modes and names, ISRCs without a terminator, texts longer than a
 * row's reserve, long indents). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "cli.h"

/* ---- the expected text ---- */

typedef struct text {
    char *buf;
    size_t len, cap;
} text;

static void add(text *t, const char *fmt, ...) CLI_PRINTF_LIKE(2, 3);

static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->buf = realloc(t->buf, t->cap);
        assert_non_null(t->buf);
    }
    va_start(ap, fmt);
    vsnprintf(t->buf + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static void same(const cli_out *got, const text *want, const char *what)
{
    if (got->len != want->len || (want->len > 0 && memcmp(got->buf, want->buf, want->len) != 0)) {
        size_t at = 0;
        while (at < got->len && at < want->len && got->buf[at] == want->buf[at])
            at++;
        fail_msg("%s: differs at byte %zu (lengths %zu, %zu): got \"%.60s\", want \"%.60s\"", what, at, got->len,
                 want->len, got->buf + at, want->buf + at);
    }
}

static char *msf_text(int32_t lba, char *buf)
{
    return tocex_lba_format_msf(lba, buf, 16);
}

/* ---- random values ---- */

static int32_t pick_lba(uint64_t *rng)
{
    switch (tu_rand(rng) % 8) {
    case 0: return (int32_t)tu_rand_range(rng, -460000, 460000);
    case 1: return (int32_t)tu_rand_range(rng, -1000000000L, 1000000000L); /* differences fit an int32_t */
    case 2: return (int32_t)tu_rand_range(rng, -200, 200);
    case 3: return TOCEX_LBA_NONE;
    default: return (int32_t)tu_rand_range(rng, 0, 400000);
    }
}

static void pick_string(uint64_t *rng, char *s, size_t max)
{
    size_t n = (size_t)tu_rand_range(rng, 0, (long)max);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)tu_rand_range(rng, 0x20, 0x7e);
    s[n] = '\0';
}

/* ---- tracks and sessions ---- */

static void random_disc(uint64_t *rng, tocex_disc *d)
{
    unsigned sessions = (unsigned)tu_rand_range(rng, 1, 3);
    size_t n = (size_t)tu_rand_range(rng, 0, 99);
    tocex_disc_init(d);
    d->media = tu_rand(rng) % 4 == 0 ? TOCEX_MEDIA_DVD_ROM : TOCEX_MEDIA_CD_ROM;
    d->appendable = tu_rand(rng) % 3 == 0;
    d->session_count = sessions;
    for (unsigned s = 0; s < sessions; s++) {
        tocex_session *ss = &d->sessions[s];
        memset(ss, 0, sizeof *ss);
        ss->number = (uint8_t)(s + 1);
        ss->first_track = (uint8_t)tu_rand_range(rng, 0, 255);
        ss->last_track = tu_rand(rng) % 3 == 0 ? ss->first_track : (uint8_t)tu_rand_range(rng, 0, 255);
        ss->leadout = pick_lba(rng);
        ss->disc_type = (uint8_t)(tu_rand(rng) % 2 == 0 ? (tu_rand(rng) % 3) * 0x10 : tu_rand(rng) % 256);
        ss->has_b0 = tu_rand(rng) % 3 == 0;
        ss->b0_next_program = tu_rand(rng) % 2 == 0 ? TOCEX_LBA_NONE : pick_lba(rng);
    }
    d->track_count = n;
    for (size_t i = 0; i < n; i++) {
        tocex_track *t = &d->tracks[i];
        memset(t, 0, sizeof *t);
        t->number = (uint8_t)(tu_rand(rng) % 8 == 0 ? tu_rand(rng) % 256 : i + 1);
        t->session = (uint8_t)(1 + (i * sessions) / n);
        t->adr = 1;
        t->control = (uint8_t)(tu_rand(rng) % 16);
        t->mode = (tocex_track_mode)tu_rand_range(rng, 0, TOCEX_MODE_COUNT + 1);
        /* starts and pregaps that do not overflow start - pregap */
        t->start = (int32_t)tu_rand_range(rng, -1000000000L, 1000000000L);
        if (tu_rand(rng) % 2 == 0)
            t->start = (int32_t)tu_rand_range(rng, -300, 400000);
        t->pregap = tu_rand(rng) % 3 == 0 ? 0 : (int32_t)tu_rand_range(rng, -1000, 1000000000L);
        switch (tu_rand(rng) % 4) {
        case 0: break; /* no ISRC */
        case 1: memcpy(t->isrc, "GBXYZ2600001", 13); break;
        case 2: memset(t->isrc, 'Q', sizeof t->isrc); break; /* 13 bytes, no terminator */
        default:
            for (size_t k = 0; k < sizeof t->isrc; k++)
                t->isrc[k] = (char)tu_rand_range(rng, 0, 0x7e); /* a NUL anywhere, or none */
        }
    }
}

static void want_flags(text *w, const tocex_track *t, bool data)
{
    char flags[32] = "";
    if ((t->control & TOCEX_CONTROL_PREEMPHASIS) != 0)
        strcat(flags, data ? "incremental," : "pre-emphasis,");
    if ((t->control & TOCEX_CONTROL_COPY) != 0)
        strcat(flags, "copy,");
    if (!data && (t->control & TOCEX_CONTROL_4CH) != 0)
        strcat(flags, "4ch,");
    if (flags[0] == '\0')
        strcpy(flags, "-");
    else
        flags[strlen(flags) - 1] = '\0';
    add(w, "%-12s", flags);
}

static void want_tracks(text *w, const tocex_disc *disc)
{
    add(w, "  track sess  start LBA  start MSF    length      frames  type   mode         flags         ISRC\n");
    for (size_t i = 0; i < disc->track_count; i++) {
        const tocex_track *t = &disc->tracks[i];
        int32_t frames = tocex_disc_track_length(disc, i);
        const char *type = cli_track_type(t);
        char msf[16], len[32], isrc[16];
        if (frames < 0)
            strcpy(len, "-");
        else
            snprintf(len, sizeof len, "%02ld:%02ld:%02ld", (long)(frames / 4500), (long)(frames / 75 % 60),
                     (long)(frames % 75));
        snprintf(isrc, sizeof isrc, "%.*s", (int)sizeof t->isrc, t->isrc);
        add(w, "  %5u %4u  %9ld  %s  %s  %10ld  %-5s  %-11s  ", t->number, t->session, (long)t->start,
            msf_text(t->start, msf), len, (long)frames, type, tocex_track_mode_name(t->mode));
        want_flags(w, t, strcmp(type, "data") == 0);
        add(w, "  %s\n", isrc[0] != '\0' ? isrc : "-");
        if (i + 1 == disc->track_count || disc->tracks[i + 1].session != t->session) {
            const tocex_session *s = &disc->sessions[t->session - 1];
            add(w, "  %5s %4u  %9ld  %s\n", "lout", s->number, (long)s->leadout, msf_text(s->leadout, msf));
        }
        if (t->pregap > 0)
            add(w, "  %5s %4s  pregap %ld frames (INDEX 00 at LBA %ld)\n", "", "", (long)t->pregap,
                (long)(t->start - t->pregap));
    }
}

static void want_sessions(text *w, const tocex_disc *disc)
{
    char msf[16];
    add(w, "Sessions:    %zu%s\n", disc->session_count, disc->appendable ? " (last session open)" : "");
    for (size_t i = 0; i < disc->session_count; i++) {
        const tocex_session *s = &disc->sessions[i];
        if (s->first_track == s->last_track)
            add(w, "  session %-2u track  %-5u", s->number, s->first_track);
        else
            add(w, "  session %-2u tracks %2u-%-2u", s->number, s->first_track, s->last_track);
        add(w, " lead-out LBA %6ld (%s)", (long)s->leadout, msf_text(s->leadout, msf));
        if (tocex_media_is_cd(disc->media))
            add(w, "  %02Xh %s", s->disc_type, cli_disc_type_name(s->disc_type));
        add(w, "\n");
        if (s->has_b0)
            add(w, "             next program area %s\n",
                s->b0_next_program == TOCEX_LBA_NONE ? "none (disc closed)" : msf_text(s->b0_next_program, msf));
    }
}

static void test_tracks_and_sessions(void **state)
{
    uint64_t rng = 0x5eed0201u;
    tocex_disc *disc = malloc(sizeof *disc);
    (void)state;
    assert_non_null(disc);
    for (int iter = 0; iter < 3000; iter++) {
        cli_out got;
        text want = {NULL, 0, 0};
        random_disc(&rng, disc);
        cli_out_memory(&got);
        cli_text_tracks(&got, disc);
        cli_text_sessions(&got, disc);
        want_tracks(&want, disc);
        want_sessions(&want, disc);
        assert_false(got.failed);
        same(&got, &want, "tracks and sessions");
        cli_out_free(&got);
        free(want.buf);
    }
    free(disc);
}

/* ---- CD-TEXT ---- */

static char long_text[6000];

static void want_cdtext(text *w, const tocex_cdtext *ct, const char *indent)
{
    for (size_t b = 0; b < ct->block_count; b++) {
        const tocex_cdtext_block *blk = &ct->blocks[b];
        const char *lang = tocex_cdtext_language_name(blk->language);
        const char *cs = tocex_cdtext_charset_name(blk->charset);
        add(w, "%sblock %u: %s (language %02Xh), %s, tracks %u-%u%s\n", indent, blk->number,
            lang != NULL ? lang : "unknown language", blk->language, cs != NULL ? cs : "unknown charset",
            blk->first_track, blk->last_track, blk->copyright ? ", copyrighted" : "");
        for (unsigned t = 0; t < 100; t++) {
            bool first = true;
            for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
                const char *name = tocex_cdtext_field_name((tocex_cdtext_field)f);
                char where[16] = "";
                if (blk->text[f][t] == NULL)
                    continue;
                if (first && t == 0)
                    strcpy(where, "disc");
                else if (first)
                    snprintf(where, sizeof where, "track %u", t);
                add(w, "%s  %-9s %-11s %s\n", indent, where, name != NULL ? name : "?", blk->text[f][t]);
                first = false;
            }
        }
        if (blk->genre != 0) {
            const char *g = tocex_cdtext_genre_name(blk->genre);
            add(w, "%s  %-9s %-11s %s%s%s\n", indent, "disc", "GENRE", g != NULL ? g : "unknown genre",
                blk->genre_text != NULL ? " / " : "", blk->genre_text != NULL ? blk->genre_text : "");
        }
    }
    if (ct->crc_errors > 0)
        add(w, "%s%zu pack(s) with a wrong CRC (decoded anyway)\n", indent, ct->crc_errors);
    if (ct->zero_crc_packs > 0)
        add(w, "%s%zu pack(s) with CRC 0000 (the drive does not report CRCs)\n", indent, ct->zero_crc_packs);
}

static void test_cdtext(void **state)
{
    static const char *const indents[] = {"", "  ", "    ", "0123456789012345678901234567890123456789"};
    static char texts[64][80];
    static char *rows[4][TOCEX_CDTEXT_FIELD_COUNT][100]; /* the blocks' rows of texts (cdtext.h) */
    uint64_t rng = 0x5eed0202u;
    tocex_cdtext *ct = malloc(sizeof *ct);
    (void)state;
    assert_non_null(ct);
    memset(long_text, 'L', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    for (size_t i = 0; i < 64; i++)
        pick_string(&rng, texts[i], i < 8 ? 3 : sizeof texts[i] - 1);
    for (int iter = 0; iter < 400; iter++) {
        const char *indent = indents[tu_rand(&rng) % 4];
        unsigned density = (unsigned)tu_rand_range(&rng, 1, 60);
        cli_out got;
        text want = {NULL, 0, 0};
        memset(ct, 0, sizeof *ct);
        ct->block_count = (size_t)tu_rand_range(&rng, 0, 3);
        ct->crc_errors = tu_rand(&rng) % 4 == 0 ? (size_t)tu_rand_range(&rng, 1, 100) : 0;
        ct->zero_crc_packs = tu_rand(&rng) % 4 == 0 ? (size_t)tu_rand_range(&rng, 1, 100) : 0;
        for (size_t b = 0; b < ct->block_count; b++) {
            tocex_cdtext_block *blk = &ct->blocks[b];
            blk->number = (uint8_t)b;
            blk->language = (uint8_t)tu_rand_range(&rng, 0, 255);
            blk->charset = (uint8_t)tu_rand_range(&rng, 0, 255);
            blk->copyright = tu_rand(&rng) % 2 == 0;
            blk->first_track = (uint8_t)tu_rand_range(&rng, 0, 99);
            blk->last_track = (uint8_t)tu_rand_range(&rng, 0, 99);
            blk->genre = tu_rand(&rng) % 3 == 0 ? (uint16_t)tu_rand_range(&rng, 1, 40) : 0;
            blk->genre_text = tu_rand(&rng) % 2 == 0 ? texts[tu_rand(&rng) % 64] : NULL;
            for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
                memset(rows[b][f], 0, sizeof rows[b][f]);
                blk->text[f] = rows[b][f];
                if (tu_rand(&rng) % 4 != 0)
                    continue; /* most fields have no text */
                for (unsigned t = 0; t < 100; t++)
                    if (tu_rand(&rng) % 100 < density)
                        blk->text[f][t] = tu_rand(&rng) % 200 == 0 ? long_text : texts[tu_rand(&rng) % 64];
            }
        }
        cli_out_memory(&got);
        cli_text_cdtext(&got, ct, indent);
        want_cdtext(&want, ct, indent);
        assert_false(got.failed);
        same(&got, &want, "CD-TEXT");
        cli_out_free(&got);
        free(want.buf);
    }
    free(ct);
}

/* ---- full TOC and PMA entries ---- */

static int32_t entry_lba(uint8_t m, uint8_t s, uint8_t f)
{
    tocex_msf msf = {m, s, f};
    return tocex_msf_to_lba(msf);
}

static void want_meaning(char *buf, size_t size, const tocex_toc_entry *e, bool pma)
{
    unsigned adr = e->adr_control >> 4;
    char p[16];
    int32_t plba = entry_lba(e->pmin, e->psec, e->pframe);
    snprintf(p, sizeof p, "%02u:%02u:%02u", e->pmin, e->psec, e->pframe);
    if (pma) {
        switch (adr) {
        case 1:
            snprintf(buf, size, "track %u: start %s, stop %02u:%02u:%02u", e->point, p, e->min, e->sec, e->frame);
            break;
        case 2: snprintf(buf, size, "disc identification"); break;
        case 3: snprintf(buf, size, "skip interval"); break;
        case 4: snprintf(buf, size, "unskip interval"); break;
        case 5: snprintf(buf, size, "skip track assignment"); break;
        default: snprintf(buf, size, "ADR %u", adr); break;
        }
        return;
    }
    if (adr == 1) {
        if (e->point >= 1 && e->point <= 99)
            snprintf(buf, size, "track %u starts at %s (LBA %ld)", e->point, p, (long)plba);
        else if (e->point == 0xA0)
            snprintf(buf, size, "first track %u, disc type %02Xh (%s)", e->pmin, e->psec, cli_disc_type_name(e->psec));
        else if (e->point == 0xA1)
            snprintf(buf, size, "last track %u", e->pmin);
        else if (e->point == 0xA2)
            snprintf(buf, size, "lead-out at %s (LBA %ld)", p, (long)plba);
        else
            snprintf(buf, size, "POINT %02Xh", e->point);
    } else if (adr == 5) {
        if (e->point == 0xB0) {
            char nxt[16];
            if (e->min == 0xFF && e->sec == 0xFF && e->frame == 0xFF)
                snprintf(nxt, sizeof nxt, "none (closed)");
            else
                snprintf(nxt, sizeof nxt, "%02u:%02u:%02u", e->min, e->sec, e->frame);
            snprintf(buf, size, "next program area %s, %u mode-5 pointer(s), outermost lead-out by %s", nxt, e->zero, p);
        } else if (e->point == 0xC0)
            snprintf(buf, size, "ATIP bytes %02x %02x %02x, first lead-in at %s", e->min, e->sec, e->frame, p);
        else if (e->point == 0xC1)
            snprintf(buf, size, "copy of additional ATIP information");
        else if (e->point >= 1 && e->point <= 0x40)
            snprintf(buf, size, "skip interval pointer");
        else
            snprintf(buf, size, "mode-5 POINT %02Xh", e->point);
    } else if (adr == 2)
        snprintf(buf, size, "media catalog number");
    else if (adr == 3)
        snprintf(buf, size, "ISRC");
    else
        snprintf(buf, size, "ADR %u", adr);
}

static void random_entry(uint64_t *rng, tocex_toc_entry *e)
{
    static const uint8_t points[] = {0xA0, 0xA1, 0xA2, 0xB0, 0xC0, 0xC1, 1, 50, 99, 0x40, 0x41, 0};
    static const uint8_t adrs[] = {1, 1, 1, 5, 5, 2, 3, 0, 4, 15};
    e->session = (uint8_t)tu_rand_range(rng, 0, 255);
    e->adr_control = (uint8_t)(((unsigned)adrs[tu_rand(rng) % 10] << 4) | (unsigned)(tu_rand(rng) % 16));
    if (tu_rand(rng) % 8 == 0)
        e->adr_control = (uint8_t)tu_rand_range(rng, 0, 255);
    e->tno = (uint8_t)tu_rand_range(rng, 0, 255);
    e->point = tu_rand(rng) % 2 == 0 ? points[tu_rand(rng) % 12] : (uint8_t)tu_rand_range(rng, 0, 255);
    e->min = (uint8_t)tu_rand_range(rng, 0, 255);
    e->sec = (uint8_t)tu_rand_range(rng, 0, 255);
    e->frame = (uint8_t)tu_rand_range(rng, 0, 255);
    if (tu_rand(rng) % 4 == 0)
        e->min = e->sec = e->frame = 0xFF;
    else if (tu_rand(rng) % 2 == 0) {
        e->min = (uint8_t)(e->min % 100);
        e->sec = (uint8_t)(e->sec % 60);
        e->frame = (uint8_t)(e->frame % 75);
    }
    e->zero = (uint8_t)tu_rand_range(rng, 0, 255);
    e->pmin = (uint8_t)tu_rand_range(rng, 0, 255);
    e->psec = (uint8_t)tu_rand_range(rng, 0, 255);
    e->pframe = (uint8_t)tu_rand_range(rng, 0, 255);
    if (tu_rand(rng) % 2 == 0) {
        e->pmin = (uint8_t)(e->pmin % 100);
        e->psec = (uint8_t)(tu_rand(rng) % 2 == 0 ? (tu_rand(rng) % 3) * 0x10 : e->psec % 60);
        e->pframe = (uint8_t)(e->pframe % 75);
    }
}

static void test_toc_entries(void **state)
{
    uint64_t rng = 0x5eed0203u;
    tocex_toc_entry entries[120];
    (void)state;
    for (int iter = 0; iter < 2000; iter++) {
        size_t count = (size_t)tu_rand_range(&rng, 0, 120);
        bool pma = tu_rand(&rng) % 3 == 0;
        cli_out got;
        text want = {NULL, 0, 0};
        for (size_t i = 0; i < count; i++)
            random_entry(&rng, &entries[i]);
        cli_out_memory(&got);
        cli_text_toc_entries(&got, entries, count, pma);
        add(&want, "  %-4s %3s %4s %3s %5s  %-8s  %4s  %-8s  %s\n", pma ? "rsvd" : "sess", "adr", "ctrl", "tno", "point",
            "min:s:f", "zero", "pmsf", "meaning");
        for (size_t i = 0; i < count; i++) {
            const tocex_toc_entry *e = &entries[i];
            char meaning[192], got_meaning[192];
            size_t size = (size_t)tu_rand_range(&rng, 0, 120);
            want_meaning(meaning, sizeof meaning, e, pma);
            add(&want, "  %4u %3u %4u %3u   %02X   %02u:%02u:%02u  %4u  %02u:%02u:%02u  %s\n", e->session,
                e->adr_control >> 4, e->adr_control & 0xF, e->tno, e->point, e->min, e->sec, e->frame, e->zero,
                e->pmin, e->psec, e->pframe, meaning);
            /* the meaning alone, cut to a buffer size as snprintf cuts */
            want_meaning(meaning, size > 0 ? size : 1, e, pma);
            memset(got_meaning, 0x5A, sizeof got_meaning);
            assert_ptr_equal(cli_toc_entry_meaning(e, pma, got_meaning, size), got_meaning);
            if (size > 0)
                assert_string_equal(got_meaning, meaning);
            else
                assert_int_equal((unsigned char)got_meaning[0], 0x5A);
        }
        assert_false(got.failed);
        same(&got, &want, "TOC entries");
        cli_out_free(&got);
        free(want.buf);
    }
}

/* ---- the formatted TOC, cdrecord style ---- */

static int want_cdrecord_mode(const tocex_disc *disc, uint8_t number, uint8_t control)
{
    int i = tocex_disc_track_index(disc, number);
    tocex_track_mode mode = i >= 0 ? disc->tracks[i].mode : TOCEX_MODE_UNKNOWN;
    if ((control & TOCEX_CONTROL_DATA) == 0)
        return -1;
    switch (mode) {
    case TOCEX_MODE_MODE1: return 1;
    case TOCEX_MODE_MODE2:
    case TOCEX_MODE_MODE2_FORM1:
    case TOCEX_MODE_MODE2_FORM2:
    case TOCEX_MODE_MODE2_MIXED:
    case TOCEX_MODE_CDI: return 2;
    default: return 0;
    }
}

static void test_toc(void **state)
{
    uint64_t rng = 0x5eed0204u;
    tocex_disc *disc = malloc(sizeof *disc);
    tocex_toc_view *view = malloc(sizeof *view);
    (void)state;
    assert_non_null(disc);
    assert_non_null(view);
    for (int iter = 0; iter < 2000; iter++) {
        cli_out got;
        text want = {NULL, 0, 0};
        random_disc(&rng, disc);
        memset(view, 0, sizeof *view);
        view->first_track = (uint8_t)tu_rand_range(&rng, 0, 255);
        view->last_track = (uint8_t)tu_rand_range(&rng, 0, 255);
        view->count = (size_t)tu_rand_range(&rng, 0, 100);
        for (size_t i = 0; i < view->count; i++) {
            tocex_toc_descriptor *d = &view->entries[i];
            d->track = tu_rand(&rng) % 10 == 0 ? TOCEX_TRACK_LEADOUT : (uint8_t)tu_rand_range(&rng, 0, 255);
            d->adr = (uint8_t)tu_rand_range(&rng, 0, 15);
            d->control = (uint8_t)tu_rand_range(&rng, 0, 15);
            d->lba = pick_lba(&rng);
        }
        cli_out_memory(&got);
        cli_text_toc(&got, view, disc);
        add(&want, "first: %u last: %u\n", view->first_track, view->last_track);
        for (size_t i = 0; i < view->count; i++) {
            const tocex_toc_descriptor *d = &view->entries[i];
            char msf[16];
            msf_text(d->lba, msf);
            if (d->track == TOCEX_TRACK_LEADOUT)
                add(&want, "track:lout lba: %9ld (%9ld) %s adr: %u control: %u mode: -1\n", (long)d->lba,
                    (long)d->lba * 4, msf, d->adr, d->control);
            else
                add(&want, "track:%4u lba: %9ld (%9ld) %s adr: %u control: %u mode: %d\n", d->track, (long)d->lba,
                    (long)d->lba * 4, msf, d->adr, d->control, want_cdrecord_mode(disc, d->track, d->control));
        }
        assert_false(got.failed);
        same(&got, &want, "formatted TOC");
        cli_out_free(&got);
        free(want.buf);
    }
    free(view);
    free(disc);
}

/* ---- disc IDs and what the source could not tell ---- */

static void want_discid(text *w, const tocex_discid *ids, const char *indent)
{
    char url[2048];
    if (!ids->has_freedb) {
        add(w, "%s(no disc IDs: not a CD with tracks)\n", indent);
        return;
    }
    if (ids->has_musicbrainz) {
        add(w, "%sMusicBrainz   %s   %s\n", indent, ids->musicbrainz, ids->musicbrainz_rule);
        add(w, "%s  TOC         %s\n", indent, ids->musicbrainz_toc_string);
        if (tocex_discid_musicbrainz_url(ids, url, sizeof url, NULL) == TOCEX_OK)
            add(w, "%s  URL         %s\n", indent, url);
    } else
        add(w, "%sMusicBrainz   -   (no audio tracks)\n", indent);
    add(w, "%sfreedb/CDDB   %s   %s\n", indent, ids->freedb, ids->freedb_rule);
    if (ids->freedb_libdiscid[0] != '\0' && strcmp(ids->freedb_libdiscid, ids->freedb) != 0)
        add(w, "%s  libdiscid   %s   (libdiscid's variant: audio tracks, audio lead-out)\n", indent,
            ids->freedb_libdiscid);
    if (ids->has_accuraterip)
        add(w, "%sAccurateRip   %03u-%s-%s-%s   %s\n", indent, ids->accuraterip_tracks, ids->accuraterip_id1,
            ids->accuraterip_id2, ids->accuraterip_freedb, ids->accuraterip_rule);
    if (ids->has_ctdb)
        add(w, "%sCTDB          %s   %s\n", indent, ids->ctdb, ids->ctdb_rule);
}

static void want_unknown(text *w, const tocex_disc *model, const tocex_disc *read, const char *indent)
{
    unsigned shown = 0;
    const tocex_disc *d = model != NULL ? model : read;
    if (model != NULL)
        for (uint32_t bit = 1; bit <= TOCEX_KNOWN_FULLTOC; bit <<= 1)
            if ((model->known & bit) == 0 && cli_known_phrase(bit) != NULL) {
                add(w, "%s- %s\n", indent, cli_known_phrase(bit));
                shown++;
            }
    for (size_t i = 0; d != NULL && i < d->note_count; i++) {
        add(w, "%s* %s\n", indent, d->notes[i]);
        shown++;
    }
    if (model != NULL && read != NULL && read != model)
        for (size_t i = 0; i < read->note_count; i++) {
            bool dup = false;
            for (size_t k = 0; k < model->note_count; k++)
                dup = dup || strcmp(model->notes[k], read->notes[i]) == 0;
            if (!dup) {
                add(w, "%s* %s\n", indent, read->notes[i]);
                shown++;
            }
        }
    if (shown == 0)
        add(w, "%s(nothing: the source recorded everything tocex asks for)\n", indent);
}

static void test_discid_and_unknown(void **state)
{
    static const char *const indents[] = {"", "  ", "\t\t\t"};
    uint64_t rng = 0x5eed0205u;
    tocex_discid *ids = malloc(sizeof *ids);
    tocex_disc *model = malloc(sizeof *model), *read = malloc(sizeof *read);
    (void)state;
    assert_non_null(ids);
    assert_non_null(model);
    assert_non_null(read);
    for (int iter = 0; iter < 2000; iter++) {
        const char *indent = indents[tu_rand(&rng) % 3];
        cli_out got;
        text want = {NULL, 0, 0};
        memset(ids, 0, sizeof *ids);
        ids->has_freedb = tu_rand(&rng) % 8 != 0;
        ids->has_musicbrainz = tu_rand(&rng) % 4 != 0;
        ids->has_accuraterip = tu_rand(&rng) % 4 != 0;
        ids->has_ctdb = tu_rand(&rng) % 4 != 0;
        pick_string(&rng, ids->musicbrainz, sizeof ids->musicbrainz - 1);
        pick_string(&rng, ids->musicbrainz_rule, sizeof ids->musicbrainz_rule - 1);
        /* a TOC string the URL can be made from, or not */
        if (tu_rand(&rng) % 2 == 0)
            snprintf(ids->musicbrainz_toc_string, sizeof ids->musicbrainz_toc_string, "1 2 %ld 150 %ld",
                     tu_rand_range(&rng, 300, 400000), tu_rand_range(&rng, 151, 299));
        else
            pick_string(&rng, ids->musicbrainz_toc_string, 300);
        pick_string(&rng, ids->freedb, sizeof ids->freedb - 1);
        if (tu_rand(&rng) % 2 == 0)
            memcpy(ids->freedb_libdiscid, ids->freedb, sizeof ids->freedb);
        else
            pick_string(&rng, ids->freedb_libdiscid, sizeof ids->freedb_libdiscid - 1);
        pick_string(&rng, ids->freedb_rule, sizeof ids->freedb_rule - 1);
        ids->accuraterip_tracks = tu_rand(&rng) % 4 == 0 ? (unsigned)tu_rand(&rng) : (unsigned)tu_rand_range(&rng, 0, 1500);
        pick_string(&rng, ids->accuraterip_id1, sizeof ids->accuraterip_id1 - 1);
        pick_string(&rng, ids->accuraterip_id2, sizeof ids->accuraterip_id2 - 1);
        pick_string(&rng, ids->accuraterip_freedb, sizeof ids->accuraterip_freedb - 1);
        pick_string(&rng, ids->accuraterip_rule, sizeof ids->accuraterip_rule - 1);
        pick_string(&rng, ids->ctdb, sizeof ids->ctdb - 1);
        pick_string(&rng, ids->ctdb_rule, sizeof ids->ctdb_rule - 1);

        tocex_disc_init(model);
        tocex_disc_init(read);
        model->known = (uint32_t)tu_rand(&rng);
        model->note_count = (size_t)tu_rand_range(&rng, 0, 4);
        read->note_count = (size_t)tu_rand_range(&rng, 0, 4);
        for (size_t i = 0; i < model->note_count; i++)
            pick_string(&rng, model->notes[i], tu_rand(&rng) % 2 == 0 ? 2 : 150);
        for (size_t i = 0; i < read->note_count; i++) {
            if (i < model->note_count && tu_rand(&rng) % 2 == 0)
                memcpy(read->notes[i], model->notes[i], sizeof read->notes[i]);
            else
                pick_string(&rng, read->notes[i], 150);
        }

        cli_out_memory(&got);
        cli_text_discid(&got, ids, indent);
        switch (iter % 3) {
        case 0: cli_text_unknown(&got, model, read, indent); break;
        case 1: cli_text_unknown(&got, NULL, read, indent); break;
        default: cli_text_unknown(&got, model, model, indent); break;
        }
        want_discid(&want, ids, indent);
        switch (iter % 3) {
        case 0: want_unknown(&want, model, read, indent); break;
        case 1: want_unknown(&want, NULL, read, indent); break;
        default: want_unknown(&want, model, model, indent); break;
        }
        assert_false(got.failed);
        same(&got, &want, "disc IDs and unknowns");
        cli_out_free(&got);
        free(want.buf);
    }
    free(read);
    free(model);
    free(ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tracks_and_sessions), cmocka_unit_test(test_cdtext),
        cmocka_unit_test(test_toc_entries),         cmocka_unit_test(test_toc),
        cmocka_unit_test(test_discid_and_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
