/* All IDs of one disc, each service with its own rule for data tracks
 * (tools-formats-discids.md 2.6: libdiscid src/toc.c, whipper table.py, cuetools CDImage.cs). */
#include <string.h>

#include "discid/digits.h"
#include "tocex/discid.h"

static bool track_is_data(const tocex_track *t)
{
    return (t->control & TOCEX_CONTROL_DATA) != 0 || tocex_track_mode_is_data(t->mode);
}

/* A rule text built piece by piece, without the printf family (several per disc), and cut as
 * snprintf would cut the whole text. */
typedef struct rule_text {
    char *buf;
    size_t size, len;
} rule_text;

static rule_text rule_start(char *buf, size_t size)
{
    rule_text t = {buf, size, 0};
    buf[0] = '\0';
    return t;
}

static void rule_s(rule_text *t, const char *s)
{
    (void)tocex_digits_append(t->buf, t->size, &t->len, s, strlen(s));
}

static void rule_u(rule_text *t, unsigned long v)
{
    char digits[TOCEX_DIGITS_MAX];
    (void)tocex_digits_append(t->buf, t->size, &t->len, digits, tocex_digits_uint(digits, v));
}

static void rule_l(rule_text *t, long v) { (void)tocex_digits_append_long(t->buf, t->size, &t->len, 0, v); }

/* "%08x" and its NUL: 9 bytes */
static void put_hex8(char *p, uint32_t v)
{
    p[tocex_digits_hex8(p, v, 0)] = '\0';
}

/* Every field empty, as the has_* flags say; the two 1 KB strings and the rule texts are only
 * terminated, not cleared. */
static void clear_ids(tocex_discid *out)
{
    out->has_musicbrainz = false;
    out->musicbrainz[0] = '\0';
    memset(&out->musicbrainz_toc, 0, sizeof out->musicbrainz_toc);
    out->musicbrainz_toc_string[0] = '\0';
    out->musicbrainz_rule[0] = '\0';
    out->has_freedb = false;
    out->freedb[0] = '\0';
    out->freedb_libdiscid[0] = '\0';
    out->freedb_query[0] = '\0';
    out->freedb_rule[0] = '\0';
    out->has_accuraterip = false;
    out->accuraterip_tracks = 0;
    out->accuraterip_id1[0] = '\0';
    out->accuraterip_id2[0] = '\0';
    out->accuraterip_freedb[0] = '\0';
    out->accuraterip_path[0] = '\0';
    out->accuraterip_rule[0] = '\0';
    out->has_ctdb = false;
    out->ctdb[0] = '\0';
    out->ctdb_rule[0] = '\0';
}

static void compute_freedb(const tocex_disc *disc, int32_t leadout, tocex_discid *out)
{
    int32_t lbas[TOCEX_MAX_TRACKS];
    size_t n = disc->track_count, len = 0, k;
    char piece[2 * (TOCEX_DIGITS_MAX + 1)];
    uint32_t id;
    rule_text rule;

    for (size_t i = 0; i < n; i++)
        lbas[i] = disc->tracks[i].start;
    id = tocex_discid_freedb_value(lbas, n, leadout);
    put_hex8(out->freedb, id);
    /* cddb query line: offsets with the 2-second offset, total seconds = lead-out / 75 + 2.
     * "%08x %zu", " %ld" per track, " %ld" seconds, each cut as snprintf would cut it. */
    k = tocex_digits_hex8(piece, id, 0);
    piece[k++] = ' ';
    k += tocex_digits_uint(piece + k, (unsigned long)n);
    (void)tocex_digits_append(out->freedb_query, sizeof out->freedb_query, &len, piece, k);
    for (size_t i = 0; i < n && len < sizeof out->freedb_query; i++)
        (void)tocex_digits_append_long(out->freedb_query, sizeof out->freedb_query, &len, ' ', (long)lbas[i] + 150);
    if (len < sizeof out->freedb_query)
        (void)tocex_digits_append_long(out->freedb_query, sizeof out->freedb_query, &len, ' ',
                                       (long)(leadout + 150) / 75);
    /* "CDDB1: all %zu tracks (data tracks included), lead-out of the last session (LBA %ld)" */
    rule = rule_start(out->freedb_rule, sizeof out->freedb_rule);
    rule_s(&rule, "CDDB1: all ");
    rule_u(&rule, n);
    rule_s(&rule, " tracks (data tracks included), lead-out of the last session (LBA ");
    rule_l(&rule, leadout);
    rule_s(&rule, ")");
    out->has_freedb = true;
}

/* "%c/%c/%c/dBAR-%03u-%s-%s-%s.bin" of the last three digits of id1, the track count and the
 * three IDs (8 characters each, all set before). */
static void accuraterip_path(tocex_discid *out)
{
    char *p = out->accuraterip_path;
    size_t n = 0;
    unsigned tracks = out->accuraterip_tracks;
    p[n++] = out->accuraterip_id1[7];
    p[n++] = '/';
    p[n++] = out->accuraterip_id1[6];
    p[n++] = '/';
    p[n++] = out->accuraterip_id1[5];
    p[n++] = '/';
    memcpy(p + n, "dBAR-", 5);
    n += 5;
    if (tracks < 100)
        p[n++] = '0';
    if (tracks < 10)
        p[n++] = '0';
    n += tocex_digits_uint(p + n, tracks);
    p[n++] = '-';
    memcpy(p + n, out->accuraterip_id1, 8);
    n += 8;
    p[n++] = '-';
    memcpy(p + n, out->accuraterip_id2, 8);
    n += 8;
    p[n++] = '-';
    memcpy(p + n, out->accuraterip_freedb, 8);
    n += 8;
    memcpy(p + n, ".bin", 5);
}

tocex_status tocex_discid_compute(const tocex_disc *disc, tocex_discid *out, tocex_error *err)
{
    int32_t leadout, audio_lbas[TOCEX_MAX_TRACKS], audio_leadout;
    size_t audio_count = 0, last_audio = 0, first_audio = 0;
    bool have_audio = false, data_after = false, data_before = false;
    uint32_t id1, id2;
    tocex_discid_toc *toc = &out->musicbrainz_toc;
    tocex_status st;
    rule_text rule;

    clear_ids(out);
    if (disc == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "disc IDs: no disc");
    if (!tocex_media_is_cd(disc->media) || disc->track_count == 0)
        return TOCEX_OK; /* IDs exist for CDs with tracks only */
    leadout = tocex_disc_leadout(disc);
    if (leadout == TOCEX_LBA_NONE || leadout <= disc->tracks[disc->track_count - 1].start)
        return tocex_error_set(err, TOCEX_E_INVALID_DISC, "disc IDs: the disc has no usable lead-out");

    compute_freedb(disc, leadout, out);

    for (size_t i = 0; i < disc->track_count; i++) {
        if (track_is_data(&disc->tracks[i]))
            continue;
        if (!have_audio)
            first_audio = i;
        have_audio = true;
        last_audio = i;
        audio_lbas[audio_count++] = disc->tracks[i].start;
    }
    if (!have_audio)
        return TOCEX_OK; /* a data-only disc has no audio IDs */
    data_after = last_audio + 1 < disc->track_count;
    data_before = first_audio > 0;

    /* Audio lead-out of MusicBrainz and CTDB: a data track after the audio is taken to be an
     * Enhanced CD's second session, starting 11400 frames after the audio session's lead-out
     * (libdiscid XA_INTERVAL; cuetools CDImageLayout 152 s rule). */
    audio_leadout = data_after ? disc->tracks[last_audio + 1].start - TOCEX_DISCID_DATA_SESSION_GAP : leadout;

    /* MusicBrainz, libdiscid rule: first = the disc's first track (data in front is kept,
     * "releases are always expected to start with track 1"), last = last audio track. */
    toc->first = disc->tracks[0].number;
    toc->last = disc->tracks[last_audio].number;
    for (size_t i = 0; i <= last_audio; i++) {
        int32_t start = disc->tracks[i].start;
        /* A negative start (copy-protected discs) is hashed as 150, as libdiscid does. */
        toc->offsets[disc->tracks[i].number] = start < 0 ? 150 : start + 150;
    }
    toc->offsets[0] = audio_leadout + 150;
    /* Broken discs whose lead-out lands before the last track: drop trailing tracks. */
    while (toc->last > toc->first && toc->offsets[0] <= toc->offsets[toc->last]) {
        toc->offsets[toc->last] = 0;
        toc->last--;
    }
    if (tocex_discid_musicbrainz(toc, out->musicbrainz, NULL) == TOCEX_OK) {
        const tocex_session *s1 = &disc->sessions[0];
        out->has_musicbrainz = true;
        tocex_discid_toc_string(toc, out->musicbrainz_toc_string, sizeof out->musicbrainz_toc_string);
        put_hex8(out->freedb_libdiscid, tocex_discid_freedb_libdiscid(toc));
        rule = rule_start(out->musicbrainz_rule, sizeof out->musicbrainz_rule);
        rule_s(&rule, "libdiscid: tracks ");
        rule_u(&rule, toc->first);
        rule_s(&rule, "..");
        rule_u(&rule, toc->last);
        if (data_after) {
            /* "..., lead-out = data track %u start - 11400 (LBA %ld)%s" */
            rule_s(&rule, ", lead-out = data track ");
            rule_u(&rule, disc->tracks[last_audio + 1].number);
            rule_s(&rule, " start - 11400 (LBA ");
            rule_l(&rule, audio_leadout);
            rule_s(&rule, ")");
            if (disc->session_count > 1 && s1->leadout != audio_leadout)
                rule_s(&rule, "; differs from session 1's lead-out");
        } else if (data_before) {
            rule_s(&rule, ", leading data track kept, disc lead-out");
        } else {
            rule_s(&rule, ", disc lead-out");
        }
    }

    /* AccurateRip: audio tracks only, k = ordinal among them, the whole-disc lead-out
     * ("does count the data track to determine the leadout offset", whipper table.py). */
    tocex_discid_accuraterip_values(audio_lbas, audio_count, leadout, &id1, &id2);
    out->has_accuraterip = true;
    out->accuraterip_tracks = (unsigned)audio_count;
    put_hex8(out->accuraterip_id1, id1);
    put_hex8(out->accuraterip_id2, id2);
    memcpy(out->accuraterip_freedb, out->freedb, sizeof out->accuraterip_freedb);
    accuraterip_path(out);
    /* "%zu audio tracks numbered 1..%zu among the audio tracks%s, whole-disc lead-out (LBA %ld)" */
    rule = rule_start(out->accuraterip_rule, sizeof out->accuraterip_rule);
    rule_u(&rule, audio_count);
    rule_s(&rule, " audio tracks numbered 1..");
    rule_u(&rule, audio_count);
    rule_s(&rule, " among the audio tracks");
    if (data_before)
        rule_s(&rule, " (whipper numbers by track number instead)");
    rule_s(&rule, ", whole-disc lead-out (LBA ");
    rule_l(&rule, leadout);
    rule_s(&rule, ")");

    /* CTDB: audio tracks relative to the first audio track, audio lead-out. */
    if ((st = tocex_discid_ctdb_value(audio_lbas, audio_count, audio_leadout, out->ctdb, NULL)) == TOCEX_OK) {
        out->has_ctdb = true;
        /* "cuetools TOCID: %zu audio tracks, audio lead-out LBA %ld%s" */
        rule = rule_start(out->ctdb_rule, sizeof out->ctdb_rule);
        rule_s(&rule, "cuetools TOCID: ");
        rule_u(&rule, audio_count);
        rule_s(&rule, " audio tracks, audio lead-out LBA ");
        rule_l(&rule, audio_leadout);
        if (data_after)
            rule_s(&rule, " (data track start - 11400)");
    }
    return TOCEX_OK;
}
