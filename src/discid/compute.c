/* All IDs of one disc, each service with its own rule for data tracks
 * (tools-formats-discids.md 2.6: libdiscid src/toc.c, whipper table.py, cuetools CDImage.cs). */
#include <stdio.h>
#include <string.h>

#include "tocex/discid.h"

static bool track_is_data(const tocex_track *t)
{
    return (t->control & TOCEX_CONTROL_DATA) != 0 || tocex_track_mode_is_data(t->mode);
}

static void compute_freedb(const tocex_disc *disc, int32_t leadout, tocex_discid *out)
{
    int32_t lbas[TOCEX_MAX_TRACKS];
    size_t n = disc->track_count, len;
    uint32_t id;
    int k;

    for (size_t i = 0; i < n; i++)
        lbas[i] = disc->tracks[i].start;
    id = tocex_discid_freedb_value(lbas, n, leadout);
    snprintf(out->freedb, sizeof out->freedb, "%08x", (unsigned)id);
    /* cddb query line: offsets with the 2-second offset, total seconds = lead-out / 75 + 2. */
    k = snprintf(out->freedb_query, sizeof out->freedb_query, "%08x %zu", (unsigned)id, n);
    len = k > 0 ? (size_t)k : 0;
    for (size_t i = 0; i < n && len < sizeof out->freedb_query; i++) {
        k = snprintf(out->freedb_query + len, sizeof out->freedb_query - len, " %ld", (long)lbas[i] + 150);
        len += k > 0 ? (size_t)k : 0;
    }
    if (len < sizeof out->freedb_query)
        snprintf(out->freedb_query + len, sizeof out->freedb_query - len, " %ld",
                 (long)(leadout + 150) / 75);
    snprintf(out->freedb_rule, sizeof out->freedb_rule,
             "CDDB1: all %zu tracks (data tracks included), lead-out of the last session (LBA %ld)", n,
             (long)leadout);
    out->has_freedb = true;
}

tocex_status tocex_discid_compute(const tocex_disc *disc, tocex_discid *out, tocex_error *err)
{
    int32_t leadout, audio_lbas[TOCEX_MAX_TRACKS], audio_leadout;
    size_t audio_count = 0, last_audio = 0, first_audio = 0;
    bool have_audio = false, data_after = false, data_before = false;
    uint32_t id1, id2;
    tocex_discid_toc *toc = &out->musicbrainz_toc;
    tocex_status st;

    memset(out, 0, sizeof *out);
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
        snprintf(out->freedb_libdiscid, sizeof out->freedb_libdiscid, "%08x",
                 (unsigned)tocex_discid_freedb_libdiscid(toc));
        if (data_after)
            snprintf(out->musicbrainz_rule, sizeof out->musicbrainz_rule,
                     "libdiscid: tracks %u..%u, lead-out = data track %u start - 11400 (LBA %ld)%s", toc->first,
                     toc->last, disc->tracks[last_audio + 1].number, (long)audio_leadout,
                     disc->session_count > 1 && s1->leadout != audio_leadout ? "; differs from session 1's lead-out"
                                                                              : "");
        else if (data_before)
            snprintf(out->musicbrainz_rule, sizeof out->musicbrainz_rule,
                     "libdiscid: tracks %u..%u, leading data track kept, disc lead-out", toc->first, toc->last);
        else
            snprintf(out->musicbrainz_rule, sizeof out->musicbrainz_rule,
                     "libdiscid: tracks %u..%u, disc lead-out", toc->first, toc->last);
    }

    /* AccurateRip: audio tracks only, k = ordinal among them, the whole-disc lead-out
     * ("does count the data track to determine the leadout offset", whipper table.py). */
    tocex_discid_accuraterip_values(audio_lbas, audio_count, leadout, &id1, &id2);
    out->has_accuraterip = true;
    out->accuraterip_tracks = (unsigned)audio_count;
    snprintf(out->accuraterip_id1, sizeof out->accuraterip_id1, "%08x", (unsigned)id1);
    snprintf(out->accuraterip_id2, sizeof out->accuraterip_id2, "%08x", (unsigned)id2);
    memcpy(out->accuraterip_freedb, out->freedb, sizeof out->accuraterip_freedb);
    snprintf(out->accuraterip_path, sizeof out->accuraterip_path, "%c/%c/%c/dBAR-%03u-%s-%s-%s.bin",
             out->accuraterip_id1[7], out->accuraterip_id1[6], out->accuraterip_id1[5], out->accuraterip_tracks,
             out->accuraterip_id1, out->accuraterip_id2, out->accuraterip_freedb);
    snprintf(out->accuraterip_rule, sizeof out->accuraterip_rule,
             "%zu audio tracks numbered 1..%zu among the audio tracks%s, whole-disc lead-out (LBA %ld)", audio_count,
             audio_count, data_before ? " (whipper numbers by track number instead)" : "", (long)leadout);

    /* CTDB: audio tracks relative to the first audio track, audio lead-out. */
    if ((st = tocex_discid_ctdb_value(audio_lbas, audio_count, audio_leadout, out->ctdb, NULL)) == TOCEX_OK) {
        out->has_ctdb = true;
        snprintf(out->ctdb_rule, sizeof out->ctdb_rule, "cuetools TOCID: %zu audio tracks, audio lead-out LBA %ld%s",
                 audio_count, (long)audio_leadout, data_after ? " (data track start - 11400)" : "");
    }
    return TOCEX_OK;
}
