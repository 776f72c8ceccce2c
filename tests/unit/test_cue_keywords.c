/* Cue sheet keywords and the parser's direct paths (src/image/cue_parse.c): every command and
 * track type is found in any letter case and nothing else is (against strcasecmp over the
 * keyword list, seeded random words); a sheet with its keywords in random case parses to the
 * same sheet; INDEX lines and quoted texts read the same whether or not they have the usual
 * layout, and give the same errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image/cue.h"
#include "testutil.h"

static const struct {
    const char *word;
    tocex_cue_command id;
} commands[] = {
    {"REM", TOCEX_CUE_CMD_REM},
    {"FILE", TOCEX_CUE_CMD_FILE},
    {"TRACK", TOCEX_CUE_CMD_TRACK},
    {"INDEX", TOCEX_CUE_CMD_INDEX},
    {"PREGAP", TOCEX_CUE_CMD_PREGAP},
    {"POSTGAP", TOCEX_CUE_CMD_POSTGAP},
    {"FLAGS", TOCEX_CUE_CMD_FLAGS},
    {"ISRC", TOCEX_CUE_CMD_ISRC},
    {"CATALOG", TOCEX_CUE_CMD_CATALOG},
    {"CDTEXTFILE", TOCEX_CUE_CMD_CDTEXTFILE},
    {"CDTEXMAIN", TOCEX_CUE_CMD_CDTEXMAIN},
    {"TITLE", TOCEX_CUE_CMD_TITLE},
    {"PERFORMER", TOCEX_CUE_CMD_PERFORMER},
    {"SONGWRITER", TOCEX_CUE_CMD_SONGWRITER},
    {"COMPOSER", TOCEX_CUE_CMD_COMPOSER},
    {"ARRANGER", TOCEX_CUE_CMD_ARRANGER},
    {"MESSAGE", TOCEX_CUE_CMD_MESSAGE},
    {"DISC_ID", TOCEX_CUE_CMD_DISC_ID},
    {"GENRE", TOCEX_CUE_CMD_GENRE},
    {"UPC_EAN", TOCEX_CUE_CMD_UPC_EAN},
    {"TOC_INFO", TOCEX_CUE_CMD_TOC_INFO},
    {"TOC_INFO2", TOCEX_CUE_CMD_TOC_INFO2},
    {"SIZE_INFO", TOCEX_CUE_CMD_SIZE_INFO},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const struct {
    const char *word;
    tocex_track_mode mode;
    uint16_t sector_size;
} modes[] = {
    {"AUDIO", TOCEX_MODE_AUDIO, 2352},           {"CDG", TOCEX_MODE_AUDIO, 2448},
    {"MODE1/2048", TOCEX_MODE_MODE1, 2048},      {"MODE1/2352", TOCEX_MODE_MODE1, 2352},
    {"MODE2/2048", TOCEX_MODE_MODE2_FORM1, 2048}, {"MODE2/2324", TOCEX_MODE_MODE2_FORM2, 2324},
    {"MODE2/2336", TOCEX_MODE_MODE2_MIXED, 2336}, {"MODE2/2352", TOCEX_MODE_MODE2_MIXED, 2352},
    {"CDI/2336", TOCEX_MODE_CDI, 2336},           {"CDI/2352", TOCEX_MODE_CDI, 2352},
};
#define N_MODES (sizeof modes / sizeof modes[0])

/* Each letter upper or lower case at random. */
static void random_case(uint64_t *rng, char *w)
{
    for (; *w != '\0'; w++)
        if ((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z'))
            *w = (char)(tu_rand_range(rng, 0, 1) ? (*w | 0x20) : (*w & ~0x20));
}

/* A keyword with one random edit: a byte replaced (often by its case or control-character
 * twin: '_' and DEL, '-' and CR, digits and 10h..19h, letters and bytes >= 80h), inserted or
 * removed; or a random run of keyword characters. */
static size_t random_word(uint64_t *rng, char *out, size_t cap)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-/ ";
    const char *base = tu_rand_range(rng, 0, 1) ? commands[tu_rand_range(rng, 0, N_COMMANDS - 1)].word
                                                : modes[tu_rand_range(rng, 0, N_MODES - 1)].word;
    size_t n = strlen(base);
    long how = tu_rand_range(rng, 0, 4);
    memcpy(out, base, n + 1);
    random_case(rng, out);
    if (how == 0 && n > 0) {
        size_t i = (size_t)tu_rand_range(rng, 0, (long)n - 1);
        static const unsigned char twins[] = {0x7F, 0x0D, 0x10, 0x19, 0xC1, 0xE1, 0x80, 0xFF, 0x5F, 0x2D, 0x40, 0x60};
        out[i] = (char)twins[tu_rand_range(rng, 0, (long)sizeof twins - 1)];
        if (tu_rand_range(rng, 0, 1))
            out[i] = (char)(base[i] ^ 0x20);
    } else if (how == 1 && n + 1 < cap) {
        size_t i = (size_t)tu_rand_range(rng, 0, (long)n);
        memmove(out + i + 1, out + i, n - i + 1);
        out[i] = alphabet[tu_rand_range(rng, 0, (long)sizeof alphabet - 2)];
        n++;
    } else if (how == 2 && n > 0) {
        size_t i = (size_t)tu_rand_range(rng, 0, (long)n - 1);
        memmove(out + i, out + i + 1, n - i);
        n--;
    } else if (how == 3) {
        n = (size_t)tu_rand_range(rng, 0, (long)cap - 1);
        for (size_t i = 0; i < n; i++)
            out[i] = alphabet[tu_rand_range(rng, 0, (long)sizeof alphabet - 2)];
        out[n] = '\0';
    }
    return n;
}

/* The reference: strcasecmp against every command, over n bytes of w. */
static tocex_cue_command ref_command(const char *w, size_t n)
{
    char word[64];
    if (n >= sizeof word)
        return TOCEX_CUE_CMD_NONE;
    memcpy(word, w, n);
    word[n] = '\0';
    if (strlen(word) != n)
        return TOCEX_CUE_CMD_NONE;
    for (size_t k = 0; k < N_COMMANDS; k++)
        if (strcasecmp(word, commands[k].word) == 0)
            return commands[k].id;
    return TOCEX_CUE_CMD_NONE;
}

static void test_every_command_any_case(void **state)
{
    uint64_t rng = 0xc0de0001;
    (void)state;
    for (size_t k = 0; k < N_COMMANDS; k++) {
        for (int round = 0; round < 300; round++) {
            char w[40];
            size_t n = strlen(commands[k].word);
            memcpy(w, commands[k].word, n + 1);
            if (round > 0)
                random_case(&rng, w);
            if (round == 1)
                for (size_t i = 0; i < n; i++)
                    w[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
            /* bytes after the word are not part of it */
            strcat(w, round % 2 ? "2 x" : "ZZZZZZZZZZZZ");
            assert_int_equal(tocex_cue_command_lookup(w, n), commands[k].id);
            assert_int_equal(tocex_cue_command_lookup(w, n + 1), ref_command(w, n + 1));
            assert_int_equal(tocex_cue_command_lookup(w, n - 1), ref_command(w, n - 1));
        }
    }
    assert_int_equal(tocex_cue_command_lookup("toc_info2", 9), TOCEX_CUE_CMD_TOC_INFO2);
    assert_int_equal(tocex_cue_command_lookup("", 0), TOCEX_CUE_CMD_NONE);
}

static void test_command_lookup_against_strcasecmp(void **state)
{
    uint64_t rng = 0xc0de0002;
    size_t found = 0;
    (void)state;
    for (int round = 0; round < 200000; round++) {
        char w[24];
        size_t n = random_word(&rng, w, sizeof w);
        tocex_cue_command want = TOCEX_CUE_CMD_NONE;
        for (size_t k = 0; k < N_COMMANDS; k++)
            if (strlen(w) == n && strcasecmp(w, commands[k].word) == 0)
                want = commands[k].id;
        assert_int_equal(want, ref_command(w, n));
        if (tocex_cue_command_lookup(w, n) != want)
            fail_msg("\"%s\" (%zu bytes): lookup gives %d, strcasecmp %d", w, n, tocex_cue_command_lookup(w, n),
                     want);
        found += want != TOCEX_CUE_CMD_NONE;
    }
    assert_true(found > 10000);
}

static void test_mode_lookup_against_strcasecmp(void **state)
{
    uint64_t rng = 0xc0de0003;
    size_t found = 0;
    (void)state;
    for (int round = 0; round < 200000; round++) {
        char w[24];
        tocex_track_mode mode = TOCEX_MODE_UNKNOWN;
        uint16_t size = 0;
        bool got;
        long want = -1;
        random_word(&rng, w, sizeof w);
        for (size_t k = 0; k < N_MODES; k++)
            if (strcasecmp(w, modes[k].word) == 0)
                want = (long)k;
        got = tocex_cue_mode_lookup(w, &mode, &size);
        if (got != (want >= 0))
            fail_msg("\"%s\": mode lookup %d, strcasecmp %ld", w, got, want);
        if (want >= 0) {
            assert_int_equal(mode, modes[want].mode);
            assert_int_equal(size, modes[want].sector_size);
            found++;
        }
    }
    assert_true(found > 5000);
}

/* A sheet that uses every keyword; `{...}` marks the words whose case is free. */
static const char *const template_sheet =
    "{REM} {GENRE} \"Rock\"\n"
    "{REM} {DATE} 1999\n"
    "{REM} {DISCID} 1234ABCD\n"
    "{REM} {COMMENT} \"ExactAudioCopy v1.0\"\n"
    "{REM} {ORIGINAL} {MEDIA-TYPE}: {CD}\n"
    "{CATALOG} 0123456789012\n"
    "{CDTEXTFILE} \"disc.cdt\"\n"
    "{TITLE} \"Album\"\n"
    "{PERFORMER} \"Band\"\n"
    "{SONGWRITER} \"Writer\"\n"
    "{COMPOSER} \"Composer\"\n"
    "{ARRANGER} \"Arranger\"\n"
    "{MESSAGE} \"Message\"\n"
    "{DISC_ID} \"XY12\"\n"
    "{GENRE} \"Genre\"\n"
    "{UPC_EAN} \"0123456789012\"\n"
    "{TOC_INFO} 00 01\n"
    "{TOC_INFO2} 02\n"
    "{SIZE_INFO} 03\n"
    "{REM} {SESSION} 01\n"
    "{FILE} \"a.bin\" {BINARY}\n"
    "  {TRACK} 01 {MODE1/2352}\n"
    "    {FLAGS} {DCP} {4CH} {PRE} {SCMS} {DATA}\n"
    "    {ISRC} gbxyz2600001\n"
    "    {PREGAP} 00:02:00\n"
    "    {INDEX} 01 00:00:00\n"
    "    {POSTGAP} 00:01:00\n"
    "  {TRACK} 02 {AUDIO}\n"
    "    {REM} {COMPOSER} \"Track composer\"\n"
    "    {REM} {ARRANGER} \"Track arranger\"\n"
    "    {REM} {SONGWRITER} \"Track writer\"\n"
    "    {REM} {MESSAGE} \"Track message\"\n"
    "    {INDEX} 00 01:00:00\n"
    "    {INDEX} 01 01:02:00\n"
    "{REM} {LEAD-OUT} 00:30:00\n"
    "{REM} {LEAD-IN} 01:00:00\n"
    "{REM} {PREGAP} 00:02:00\n"
    "{REM} {SESSION} 02\n"
    "{FILE} \"b.wav\" {WAVE}\n"
    "  {TRACK} 03 {MODE2/2352}\n"
    "    {INDEX} 01 00:00:00\n"
    "{FILE} \"c.aiff\" {AIFF}\n"
    "  {TRACK} 04 {CDG}\n"
    "    {INDEX} 01 00:00:00\n"
    "{FILE} \"d.mp3\" {MP3}\n"
    "  {TRACK} 05 {CDI/2352}\n"
    "    {INDEX} 01 00:00:00\n"
    "{FILE} \"e.bin\" {MOTOROLA}\n"
    "  {TRACK} 06 {MODE2/2048}\n"
    "    {INDEX} 01 00:00:00\n"
    "{FILE} \"f.flac\" {FLAC}\n"
    "  {TRACK} 07 {MODEx/2xxx}\n"
    "    {INDEX} 00 00:00:00\n";

static char *instance(uint64_t *rng, bool vary)
{
    size_t n = strlen(template_sheet);
    char *out = malloc(n + 1), *o = out;
    bool in = false;
    assert_non_null(out);
    for (const char *t = template_sheet; *t != '\0'; t++) {
        if (*t == '{' || *t == '}') {
            in = *t == '{';
            continue;
        }
        *o = *t;
        if (in && vary && ((*o >= 'A' && *o <= 'Z') || (*o >= 'a' && *o <= 'z')))
            *o = (char)(tu_rand_range(rng, 0, 1) ? (*o | 0x20) : (*o & ~0x20));
        o++;
    }
    *o = '\0';
    return out;
}

static void same_text(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void same_sheet(const tocex_cue_sheet *a, const tocex_cue_sheet *b)
{
    assert_int_equal(a->file_count, b->file_count);
    for (size_t i = 0; i < a->file_count; i++) {
        assert_string_equal(a->files[i].name, b->files[i].name);
        assert_int_equal(a->files[i].type, b->files[i].type);
        assert_string_equal(a->files[i].type_word, b->files[i].type_word);
        assert_int_equal(a->files[i].line, b->files[i].line);
    }
    assert_int_equal(a->track_count, b->track_count);
    for (size_t k = 0; k < a->track_count; k++) {
        const tocex_cue_track *x = &a->tracks[k], *y = &b->tracks[k];
        assert_int_equal(x->number, y->number);
        assert_int_equal(x->session, y->session);
        assert_int_equal(x->mode, y->mode);
        assert_int_equal(x->sector_size, y->sector_size);
        assert_string_equal(x->mode_word, y->mode_word);
        assert_int_equal(x->control, y->control);
        assert_int_equal(x->placeholder, y->placeholder);
        assert_int_equal(x->scms, y->scms);
        assert_string_equal(x->isrc, y->isrc);
        assert_int_equal(x->pregap, y->pregap);
        assert_int_equal(x->postgap, y->postgap);
        assert_int_equal(x->last_index, y->last_index);
        for (int i = 0; i <= (x->last_index > 1 ? x->last_index : 1); i++) {
            assert_int_equal(x->index[i].set, y->index[i].set);
            assert_int_equal(x->index[i].frames, y->index[i].frames);
            assert_int_equal(x->index[i].file, y->index[i].file);
            assert_int_equal(x->index[i].line, y->index[i].line);
        }
    }
    /* session_rem is set up to the last track's session */
    for (size_t n = 0; n <= (a->track_count > 0 ? a->tracks[a->track_count - 1].session : 1u); n++) {
        assert_int_equal(a->session_rem[n].lead_out, b->session_rem[n].lead_out);
        assert_int_equal(a->session_rem[n].lead_in, b->session_rem[n].lead_in);
        assert_int_equal(a->session_rem[n].pregap, b->session_rem[n].pregap);
        assert_int_equal(a->session_rem[n].lead_out_line, b->session_rem[n].lead_out_line);
    }
    assert_int_equal(a->sessions_given, b->sessions_given);
    assert_string_equal(a->mcn, b->mcn);
    assert_int_equal(a->media, b->media);
    assert_int_equal(a->media_given, b->media_given);
    same_text(a->cdtextfile, b->cdtextfile);
    for (size_t f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
        for (size_t t = 0; t < 100; t++) {
            same_text(a->text[f][t], b->text[f][t]);
            if (a->text[f][t] != NULL) /* a line is kept for each text */
                assert_int_equal(a->text_line[f][t], b->text_line[f][t]);
        }
    assert_int_equal(a->ignored_binary_text, b->ignored_binary_text);
    same_text(a->rem_genre, b->rem_genre);
    same_text(a->rem_date, b->rem_date);
    same_text(a->rem_discid, b->rem_discid);
    same_text(a->rem_comment, b->rem_comment);
}

static void test_sheet_in_any_case(void **state)
{
    uint64_t rng = 0xc0de0004;
    tocex_cue_sheet *ref, *sh;
    tocex_error e;
    char *text = instance(&rng, false);
    (void)state;
    assert_int_equal(tocex_cue_parse("k.cue", (const uint8_t *)text, strlen(text), &ref, &e), TOCEX_OK);
    /* what the sheet says, read once in upper case */
    assert_int_equal(ref->track_count, 7);
    assert_int_equal(ref->tracks[0].control & 0x0F, TOCEX_CONTROL_DATA | TOCEX_CONTROL_COPY | TOCEX_CONTROL_4CH |
                                                        TOCEX_CONTROL_PREEMPHASIS);
    assert_true(ref->tracks[0].scms);
    assert_string_equal(ref->tracks[0].isrc, "GBXYZ2600001");
    assert_string_equal(ref->tracks[6].mode_word, "MODEX/2XXX");
    assert_true(ref->tracks[6].placeholder);
    assert_int_equal(ref->files[4].type, TOCEX_CUE_FILE_MOTOROLA);
    assert_string_equal(ref->files[5].type_word, "FLAC");
    assert_string_equal(ref->rem_comment, "ExactAudioCopy v1.0");
    assert_string_equal(ref->text[TOCEX_CDTEXT_COMPOSER][2], "Track composer");
    assert_int_equal(ref->session_rem[1].lead_out, 30 * 75);
    assert_int_equal(ref->session_rem[1].lead_in, 60 * 75);
    assert_true(ref->ignored_binary_text);
    free(text);
    for (int round = 0; round < 300; round++) {
        text = instance(&rng, true);
        if (tocex_cue_parse("k.cue", (const uint8_t *)text, strlen(text), &sh, &e) != TOCEX_OK)
            fail_msg("round %d: %s", round, e.message);
        same_sheet(ref, sh);
        tocex_cue_sheet_free(sh);
        free(text);
    }
    tocex_cue_sheet_free(ref);
}

/* Parse a one-track sheet whose INDEX line is `index` (after "INDEX"); status and message. */
static tocex_status index_line(const char *before, const char *index, int32_t *frames, char *msg, size_t cap)
{
    char text[300];
    tocex_cue_sheet *sh;
    tocex_error e;
    tocex_status st;
    snprintf(text, sizeof text, "FILE x.bin BINARY\nTRACK 01 AUDIO\n%sINDEX%s\n", before, index);
    memset(&e, 0, sizeof e);
    st = tocex_cue_parse("i.cue", (const uint8_t *)text, strlen(text), &sh, &e);
    if (st == TOCEX_OK)
        msg[0] = '\0';
    else
        memcpy(msg, e.message, cap < sizeof e.message ? cap : sizeof e.message);
    if (st == TOCEX_OK) {
        *frames = sh->tracks[0].index[sh->tracks[0].last_index].frames;
        tocex_cue_sheet_free(sh);
    }
    return st;
}

static void test_index_layouts(void **state)
{
    static const struct {
        const char *before, *line;
        tocex_status st;
        int32_t frames;
        const char *msg;
    } cases[] = {
        {"", " 01 00:02:00", TOCEX_OK, 150, ""},
        {"", " 01   00:02:00", TOCEX_OK, 150, ""},
        {"", "\t01\t00:02:00\t", TOCEX_OK, 150, ""},
        {"", " 01 00:02:00  ", TOCEX_OK, 150, ""},
        {"", " 1 0:2:0", TOCEX_OK, 150, ""},
        {"", " 01 100:00:00", TOCEX_OK, 450000, ""},
        {"", " 01 99:59:74", TOCEX_OK, 99 * 4500 + 59 * 75 + 74, ""},
        {"INDEX 00 00:00:00\n", " 01 00:00:01", TOCEX_OK, 1, ""},
        {"", " 01 00:60:00", TOCEX_E_PARSE, 0, "i.cue:3: INDEX: bad time \"00:60:00\": seconds must be below 60"},
        {"", " 01 00:00:75", TOCEX_E_PARSE, 0, "i.cue:3: INDEX: bad time \"00:00:75\": frames must be below 75"},
        {"", " 02 00:00:00", TOCEX_E_PARSE, 0,
         "i.cue:3: INDEX 02 is the track's first index: INDEX 00 or 01 must come first"},
        {"INDEX 01 00:00:10\n", " 01 00:02:00", TOCEX_E_PARSE, 0,
         "i.cue:4: INDEX 01 after INDEX 01: index numbers must ascend"},
        {"INDEX 00 00:00:10\n", " 01 00:00:10", TOCEX_E_PARSE, 0,
         "i.cue:4: INDEX 01 at 00:00:10 is not after the previous INDEX in this FILE"},
        {"INDEX 00 00:00:10\n", " 01 00:00:05", TOCEX_E_PARSE, 0,
         "i.cue:4: INDEX 01 at 00:00:05 is not after the previous INDEX in this FILE"},
        {"", " 01 00:02:00 x", TOCEX_E_PARSE, 0, "i.cue:3: INDEX 01: unexpected text after the time"},
        {"", " 0a 00:02:00", TOCEX_E_PARSE, 0, "i.cue:3: INDEX: index number \"0a\" is not 0..99"},
        {"", " 01 00:02:0a", TOCEX_E_PARSE, 0, "i.cue:3: INDEX: bad time \"00:02:0a\" (mm:ss:ff expected)"},
        {"", " 01 00:02", TOCEX_E_PARSE, 0, "i.cue:3: INDEX: bad time \"00:02\" (mm:ss:ff expected)"},
        {"", " 01", TOCEX_E_PARSE, 0, "i.cue:3: INDEX: time mm:ss:ff missing"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t frames = -1;
        char msg[sizeof(tocex_error){0}.message];
        tocex_status st = index_line(cases[i].before, cases[i].line, &frames, msg, sizeof msg);
        if (st != cases[i].st || strcmp(msg, cases[i].msg) != 0)
            fail_msg("INDEX%s: status %d \"%s\", expected %d \"%s\"", cases[i].line, st, msg, cases[i].st,
                     cases[i].msg);
        if (st == TOCEX_OK)
            assert_int_equal(frames, cases[i].frames);
    }
}

/* INDEX nn mm:ss:ff over random numbers, in the usual layout and with other blanks around the
 * same words: the same outcome and the same message. */
static void test_index_random(void **state)
{
    uint64_t rng = 0xc0de0005;
    size_t ok = 0;
    (void)state;
    for (int round = 0; round < 20000; round++) {
        long n = tu_rand_range(&rng, 1, 3), m = tu_rand_range(&rng, 0, 99), s = tu_rand_range(&rng, 0, 62),
             f = tu_rand_range(&rng, 0, 77), prev = tu_rand_range(&rng, 0, 60 * 75);
        char before[40], usual[40], other[40], msg1[sizeof(tocex_error){0}.message], msg2[sizeof msg1];
        int32_t fr1 = -1, fr2 = -1;
        tocex_status st1, st2;
        if (tu_rand_range(&rng, 0, 1))
            snprintf(before, sizeof before, "INDEX 00 00:%02ld:%02ld\n", prev / 75 % 60, prev % 75);
        else
            before[0] = '\0';
        snprintf(usual, sizeof usual, " %02ld %02ld:%02ld:%02ld", n, m, s, f);
        snprintf(other, sizeof other, "\t%02ld  %02ld:%02ld:%02ld \t", n, m, s, f);
        st1 = index_line(before, usual, &fr1, msg1, sizeof msg1);
        st2 = index_line(before, other, &fr2, msg2, sizeof msg2);
        assert_int_equal(st1, st2);
        assert_string_equal(msg1, msg2);
        if (st1 == TOCEX_OK) {
            assert_int_equal(fr1, fr2);
            assert_int_equal(fr1, m * 4500 + s * 75 + f);
            assert_true(s < 60 && f < 75);
            ok++;
        }
    }
    assert_true(ok > 3000);
}

static void test_quoted_texts(void **state)
{
    static const struct {
        const char *arg;
        tocex_status st;
        const char *value; /* or the message */
    } cases[] = {
        {" \"Song 1\"", TOCEX_OK, "Song 1"},
        {" \"Song 1\"   ", TOCEX_OK, "Song 1"},
        {"   \"Song 1\"", TOCEX_OK, "Song 1"},
        {" \"\"", TOCEX_OK, ""},
        {" \"a \"quoted\" b\"", TOCEX_OK, "a \"quoted\" b"},
        {" unquoted text  ", TOCEX_OK, "unquoted text"},
        {" \"", TOCEX_E_PARSE, "q.cue:3: TITLE: the quoted text has no closing quote"},
        {" \"abc", TOCEX_E_PARSE, "q.cue:3: TITLE: the quoted text has no closing quote"},
        {" \"abc\" x", TOCEX_E_PARSE, "q.cue:3: TITLE: unexpected text after the closing quote"},
        {"", TOCEX_OK, ""},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[200];
        tocex_cue_sheet *sh;
        tocex_error e;
        tocex_status st;
        snprintf(text, sizeof text, "FILE x.bin BINARY\nTRACK 01 AUDIO\nTITLE%s\nINDEX 01 00:00:00", cases[i].arg);
        memset(&e, 0, sizeof e);
        st = tocex_cue_parse("q.cue", (const uint8_t *)text, strlen(text), &sh, &e);
        assert_int_equal(st, cases[i].st);
        if (st == TOCEX_OK) {
            assert_string_equal(sh->text[TOCEX_CDTEXT_TITLE][1], cases[i].value);
            tocex_cue_sheet_free(sh);
        } else {
            assert_string_equal(e.message, cases[i].value);
        }
    }
}

/* ISRC over random 12-byte codes against ISO 3901 read byte by byte (letters in any case). */
static void test_isrc_random(void **state)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@[`{/:_-\x80\xC3\xFF";
    uint64_t rng = 0xc0de0007;
    size_t accepted = 0;
    (void)state;
    for (int round = 0; round < 30000; round++) {
        char code[13], want[13], text[200];
        bool valid = true;
        tocex_cue_sheet *sh;
        tocex_error e;
        tocex_status st;
        for (int i = 0; i < 12; i++) {
            /* mostly what the position allows, now and then anything */
            long r = tu_rand_range(&rng, 0, 99);
            if (r < 85)
                code[i] = i < 5 ? alphabet[tu_rand_range(&rng, 0, 61)] : alphabet[tu_rand_range(&rng, 0, 9)];
            else
                code[i] = alphabet[tu_rand_range(&rng, 0, (long)sizeof alphabet - 2)];
            want[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32 : code[i]);
            valid = valid && ((want[i] >= '0' && want[i] <= '9') || (i < 5 && want[i] >= 'A' && want[i] <= 'Z'));
        }
        code[12] = want[12] = '\0';
        if (round % 50 == 0)
            memcpy(code, "000000000000", 13), memcpy(want, code, 13), valid = true;
        snprintf(text, sizeof text, "FILE x.bin BINARY\nTRACK 01 AUDIO\nISRC %s\nINDEX 01 00:00:00\n", code);
        memset(&e, 0, sizeof e);
        st = tocex_cue_parse("s.cue", (const uint8_t *)text, strlen(text), &sh, &e);
        if (!valid) {
            char msg[80];
            snprintf(msg, sizeof msg, "s.cue:3: ISRC \"%s\" is not CCOOOYYNNNNN (ISO 3901)", code);
            bool ascii = true;
            for (int i = 0; i < 12; i++)
                ascii = ascii && (unsigned char)code[i] < 0x80;
            assert_int_equal(st, TOCEX_E_PARSE);
            /* (bytes >= 80h that are not UTF-8 make the sheet Windows-1252: the message quotes the
             * converted text) */
            if (ascii)
                assert_string_equal(e.message, msg);
            continue;
        }
        assert_int_equal(st, TOCEX_OK);
        if (strcmp(want, "000000000000") == 0) {
            assert_true(sh->isrc_zero);
            assert_string_equal(sh->tracks[0].isrc, "");
        } else {
            assert_string_equal(sh->tracks[0].isrc, want);
            accepted++;
        }
        tocex_cue_sheet_free(sh);
    }
    assert_true(accepted > 5000);
}

/* Every prefix of a sheet, in a buffer of exactly its size and in one with other bytes after
 * it: the same outcome (nothing past the end is read; the sanitizer build checks the first). */
static void test_every_prefix(void **state)
{
    uint64_t rng = 0xc0de0006;
    char *text = instance(&rng, true);
    size_t n = strlen(text);
    (void)state;
    for (size_t k = 0; k <= n; k++) {
        char *exact = malloc(k > 0 ? k : 1), *padded = malloc(k + 64);
        tocex_cue_sheet *a = NULL, *b = NULL;
        tocex_error ea, eb;
        tocex_status sa, sb;
        assert_non_null(exact);
        assert_non_null(padded);
        memcpy(exact, text, k);
        memcpy(padded, text, k);
        memset(padded + k, k % 2 ? '1' : ' ', 64);
        memset(&ea, 0, sizeof ea);
        memset(&eb, 0, sizeof eb);
        sa = tocex_cue_parse("p.cue", (const uint8_t *)exact, k, &a, &ea);
        sb = tocex_cue_parse("p.cue", (const uint8_t *)padded, k, &b, &eb);
        assert_int_equal(sa, sb);
        assert_string_equal(ea.message, eb.message);
        if (sa == TOCEX_OK)
            same_sheet(a, b);
        tocex_cue_sheet_free(a);
        tocex_cue_sheet_free(b);
        free(exact);
        free(padded);
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_command_any_case),
        cmocka_unit_test(test_command_lookup_against_strcasecmp),
        cmocka_unit_test(test_mode_lookup_against_strcasecmp),
        cmocka_unit_test(test_sheet_in_any_case),
        cmocka_unit_test(test_index_layouts),
        cmocka_unit_test(test_index_random),
        cmocka_unit_test(test_quoted_texts),
        cmocka_unit_test(test_isrc_random),
        cmocka_unit_test(test_every_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
