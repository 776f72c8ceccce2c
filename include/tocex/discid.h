/* tocex — disc identifiers computed from a disc model: MusicBrainz, freedb/CDDB, AccurateRip and
 * CUETools DB (CTDB). The services disagree on how data tracks count (Enhanced CD with a trailing
 * data session, mixed-mode discs with data first); every ID is returned together with the rule
 * that produced it, in words, so a user can tell which convention a number follows. */
#ifndef TOCEX_DISCID_H
#define TOCEX_DISCID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/disc.h"
#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Characters of a MusicBrainz / CTDB identifier (Base64 of a SHA-1 digest, no terminator). */
#define TOCEX_DISCID_B64_LEN 28
/** Frames between an Enhanced CD's audio lead-out and its data track (6750 lead-out + 4500
 *  lead-in + 150 pregap; libdiscid XA_INTERVAL, whipper, cuetools). */
#define TOCEX_DISCID_DATA_SESSION_GAP 11400
/** Room for a MusicBrainz TOC string: 2 + 99 + lead-out numbers of at most 7 digits. */
#define TOCEX_DISCID_TOC_STRING_MAX 1024

/**
 * The numbers a MusicBrainz-style ID hashes, in the discid_put() convention: addresses are
 * LBA + 150, offsets[0] is the lead-out, offsets[n] the start of track n (first..last), all
 * other entries 0.
 */
typedef struct tocex_discid_toc {
    uint8_t first;
    uint8_t last;
    int32_t offsets[100];
} tocex_discid_toc;

/** Every identifier of one disc. A `has_*` flag is false when the ID does not apply (no audio
 *  tracks, not a CD, blank disc); its strings are then empty. */
typedef struct tocex_discid {
    bool has_musicbrainz;
    char musicbrainz[TOCEX_DISCID_B64_LEN + 1];
    tocex_discid_toc musicbrainz_toc;                 /**< what was hashed */
    char musicbrainz_toc_string[TOCEX_DISCID_TOC_STRING_MAX]; /**< "first last leadout off..." */
    char musicbrainz_rule[192];

    bool has_freedb;
    char freedb[9];            /**< standard CDDB1: all tracks, the disc's real lead-out */
    char freedb_libdiscid[9];  /**< libdiscid's discid_get_freedb_id over musicbrainz_toc ("" if none) */
    char freedb_query[TOCEX_DISCID_TOC_STRING_MAX]; /**< "ID COUNT OFF1 ... OFFN SECONDS" (cddb query) */
    char freedb_rule[192];

    bool has_accuraterip;
    unsigned accuraterip_tracks; /**< audio tracks counted */
    char accuraterip_id1[9];
    char accuraterip_id2[9];
    char accuraterip_freedb[9];  /**< the CDDB ID AccurateRip files are keyed with (standard form) */
    char accuraterip_path[64];   /**< "a/5/d/dBAR-012-0013bd5a-00b8d489-c60af50d.bin" */
    char accuraterip_rule[192];

    bool has_ctdb;
    char ctdb[TOCEX_DISCID_B64_LEN + 1];
    char ctdb_rule[192];
} tocex_discid;

/**
 * Compute every ID of a finished disc, following each service's rule for data tracks:
 * MusicBrainz (libdiscid): tracks first..last audio, a data track after the last audio track
 * moves the lead-out to its start - 11400, data tracks in front are kept;
 * freedb: all tracks and the real lead-out; AccurateRip: audio tracks numbered 1..A among the
 * audio tracks, the real lead-out; CTDB: audio tracks relative to the first, audio lead-out.
 * Returns TOCEX_OK even when some IDs do not apply (see the has_* flags).
 */
tocex_status tocex_discid_compute(const tocex_disc *disc, tocex_discid *out, tocex_error *err);

/**
 * MusicBrainz disc ID of a discid_put()-style TOC: SHA-1 over "%02X%02X" first/last and 100
 * "%08X" offsets (lead-out first), Base64 with '.', '_', '-' in place of '+', '/', '='.
 * Entries outside first..last hash as 0 whatever they hold (libdiscid 0.6.2 hashes entries
 * below `first` as given; callers of discid_put() leave them 0). Refuses
 * (TOCEX_E_INVALID_ARGUMENT) everything libdiscid refuses — tracks outside 1..99, offsets
 * decreasing or after the lead-out, a lead-out beyond 90 minutes — and also equal offsets and
 * a lead-out not after the last track. `out` gets 28 characters and a NUL.
 */
tocex_status tocex_discid_musicbrainz(const tocex_discid_toc *toc, char out[TOCEX_DISCID_B64_LEN + 1],
                                      tocex_error *err);

/** "first last leadout off1 ... offN" of a TOC into buf (truncated to size). Returns buf. */
char *tocex_discid_toc_string(const tocex_discid_toc *toc, char *buf, size_t size);

/**
 * The MusicBrainz lookup/attach URL of computed IDs:
 * "https://musicbrainz.org/cdtoc/attach?id=ID&tracks=N&toc=FIRST+LAST+LEADOUT+OFF1+...".
 * TOCEX_E_NOT_PRESENT when the disc has no MusicBrainz ID, TOCEX_E_LIMIT when buf is too small.
 */
tocex_status tocex_discid_musicbrainz_url(const tocex_discid *ids, char *buf, size_t size, tocex_error *err);

/**
 * Standard freedb/CDDB1 disc ID: `count` track start LBAs (0-based) and the lead-out LBA.
 * ((sum of digit sums of whole seconds incl. the 2 s offset) mod 255) << 24 | seconds from the
 * first track to the lead-out << 8 | count.
 */
uint32_t tocex_discid_freedb_value(const int32_t *lbas, size_t count, int32_t leadout);

/** libdiscid's variant over a discid_put()-style TOC: tracks 1..last (missing ones count 0),
 *  track count = last, length measured from offsets[1]. */
uint32_t tocex_discid_freedb_libdiscid(const tocex_discid_toc *toc);

/**
 * AccurateRip IDs over the audio tracks' start LBAs (in disc order) and the disc's lead-out LBA:
 * id1 = sum of LBAs + lead-out; id2 = sum of max(LBA,1) * k (k = 1..count) + max(lead-out,1) *
 * (count + 1); both modulo 2^32.
 */
void tocex_discid_accuraterip_values(const int32_t *audio_lbas, size_t count, int32_t leadout, uint32_t *id1,
                                     uint32_t *id2);

/**
 * CUETools DB TOC ID over the audio tracks' start LBAs and the audio lead-out: "%08X" of each
 * later track's start minus the first's, then of the lead-out minus the first, padded with '0'
 * to 800 characters, SHA-1, MusicBrainz Base64. TOCEX_E_INVALID_ARGUMENT for no tracks / > 99.
 */
tocex_status tocex_discid_ctdb_value(const int32_t *audio_lbas, size_t count, int32_t audio_leadout,
                                     char out[TOCEX_DISCID_B64_LEN + 1], tocex_error *err);

#ifdef __cplusplus
}
#endif
#endif
