/* tocex — the disc model: what a disc's lead-in says, and what a source could not tell.
 *
 * One model serves both sides: image readers and the initiator's decoders fill it, the
 * emulated drive's encoders answer READ TOC/PMA/ATIP from it. Fill the public fields (or use
 * the add/set helpers), then call tocex_disc_finish(), which checks the invariants (refusing an
 * impossible disc with a message saying what is wrong) and derives what the source left open:
 * per-session first/last track, A0 disc type, B0/C0 values of multi-session discs. */
#ifndef TOCEX_DISC_H
#define TOCEX_DISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TOCEX_MAX_TRACKS 99
#define TOCEX_MAX_SESSIONS 99
#define TOCEX_MAX_NOTES 16
#define TOCEX_MAX_CDTEXT_PACKS 2048 /**< 8 blocks x 256 sequence numbers */
#define TOCEX_LBA_NONE INT32_MIN    /**< "not given / not present" for LBA fields */
#define TOCEX_DISC_TYPE_AUTO 0xFF   /**< session.disc_type: derive from the tracks */

/** Media as the drive's current profile says (MMC GET CONFIGURATION). */
typedef enum tocex_media {
    TOCEX_MEDIA_NONE = 0, /**< no disc */
    TOCEX_MEDIA_CD_ROM,
    TOCEX_MEDIA_CD_R,
    TOCEX_MEDIA_CD_RW,
    TOCEX_MEDIA_DVD_ROM,
    TOCEX_MEDIA_DVD_R,
    TOCEX_MEDIA_DVD_RAM,
    TOCEX_MEDIA_DVD_RW,
    TOCEX_MEDIA_DVD_PLUS_RW,
    TOCEX_MEDIA_DVD_PLUS_R,
    TOCEX_MEDIA_DVD_PLUS_R_DL,
    TOCEX_MEDIA_BD_ROM,
    TOCEX_MEDIA_BD_R,
    TOCEX_MEDIA_BD_RE,
    TOCEX_MEDIA_UNKNOWN,
    TOCEX_MEDIA_COUNT
} tocex_media;

/** "CD-ROM", "DVD+R", ... ("none" for NONE). */
const char *tocex_media_name(tocex_media media);
/** MMC profile number (0008h CD-ROM, 0009h CD-R, 000Ah CD-RW, 0010h DVD-ROM, ... 0040h BD-ROM). */
uint16_t tocex_media_profile(tocex_media media);
/** Profile number -> media (UNKNOWN for profiles tocex does not name). */
tocex_media tocex_media_from_profile(uint16_t profile);
/** Name -> media ("CD-ROM", case-insensitive); UNKNOWN if not a name. */
tocex_media tocex_media_from_name(const char *name);
bool tocex_media_is_cd(tocex_media media);
/** CD-R / CD-RW: media that has a PMA and ATIP. */
bool tocex_media_is_recordable_cd(tocex_media media);

/** What the sectors of a track hold. */
typedef enum tocex_track_mode {
    TOCEX_MODE_UNKNOWN = 0,
    TOCEX_MODE_AUDIO,
    TOCEX_MODE_MODE1,      /**< 2048 user bytes */
    TOCEX_MODE_MODE2,      /**< formless, 2336 user bytes */
    TOCEX_MODE_MODE2_FORM1,
    TOCEX_MODE_MODE2_FORM2,
    TOCEX_MODE_MODE2_MIXED, /**< XA, forms mixed */
    TOCEX_MODE_CDI,
    TOCEX_MODE_COUNT
} tocex_track_mode;

/** "audio", "mode1", "mode2", "mode2-form1", ... */
const char *tocex_track_mode_name(tocex_track_mode mode);
/** True for every mode but AUDIO and UNKNOWN. */
bool tocex_track_mode_is_data(tocex_track_mode mode);

/* CONTROL nibble bits (Red Book / MMC). */
#define TOCEX_CONTROL_PREEMPHASIS 0x1 /**< audio: pre-emphasis; data: recorded incrementally */
#define TOCEX_CONTROL_COPY 0x2        /**< digital copy permitted */
#define TOCEX_CONTROL_DATA 0x4        /**< data track */
#define TOCEX_CONTROL_4CH 0x8         /**< audio: four channels */

typedef struct tocex_track {
    uint8_t number;        /**< 1..99 */
    uint8_t session;       /**< 1..99 */
    uint8_t adr;           /**< Q mode of the TOC entry, normally 1 */
    uint8_t control;       /**< CONTROL nibble */
    tocex_track_mode mode; /**< UNKNOWN when only the TOC is known */
    int32_t start;         /**< LBA of INDEX 01 (what the TOC reports) */
    int32_t pregap;        /**< frames of INDEX 00 before start (0 = none or unknown) */
    uint16_t sector_size;  /**< bytes per sector in an image (0 = not from an image) */
    char isrc[13];         /**< ISRC, "" if none */
} tocex_track;

typedef struct tocex_session {
    uint8_t number;      /**< 1..99 */
    uint8_t first_track; /**< derived by finish */
    uint8_t last_track;  /**< derived by finish */
    uint8_t disc_type;   /**< A0 PSEC: 00h CD-DA/CD-ROM, 10h CD-I, 20h CD-ROM XA; TOCEX_DISC_TYPE_AUTO */
    int32_t leadout;     /**< LBA of this session's lead-out (A2) */
    /* Mode-5 pointers of multi-session discs (full TOC). finish() derives them unless
     * b0_given/c0_given say the source recorded them. */
    bool has_b0;
    bool b0_given;
    int32_t b0_next_program;    /**< next possible program area; TOCEX_LBA_NONE = FF:FF:FF (closed) */
    uint8_t b0_pointers;        /**< number of different Mode-5 pointers (Zero byte) */
    int32_t b0_max_leadout;     /**< maximum start of the outermost lead-out */
    bool has_c0;
    bool c0_given;
    uint8_t c0_atip[3];         /**< copy of ATIP bytes 4..6 (00 00 00 on pressed media) */
    int32_t c0_first_leadin;    /**< start of the first lead-in of the disc */
} tocex_session;

/** One 11-byte full-TOC / PMA descriptor, exactly as on the wire. */
typedef struct tocex_toc_entry {
    uint8_t session; /**< PMA: reserved byte */
    uint8_t adr_control;
    uint8_t tno;
    uint8_t point;
    uint8_t min, sec, frame;
    uint8_t zero;
    uint8_t pmin, psec, pframe;
} tocex_toc_entry;

/** Bits of tocex_disc.known: what the source recorded (vs. assumed). */
enum {
    TOCEX_KNOWN_GAPS = 1u << 0,     /**< pregaps (INDEX 00) are real */
    TOCEX_KNOWN_CDTEXT = 1u << 1,   /**< CD-TEXT presence is known (packs may be 0 = none) */
    TOCEX_KNOWN_ATIP = 1u << 2,     /**< ATIP presence is known */
    TOCEX_KNOWN_PMA = 1u << 3,      /**< PMA presence is known */
    TOCEX_KNOWN_SESSIONS = 1u << 4, /**< session layout is recorded, not guessed */
    TOCEX_KNOWN_MCN = 1u << 5,      /**< MCN presence is known */
    TOCEX_KNOWN_ISRC = 1u << 6,     /**< ISRC presence is known */
    TOCEX_KNOWN_MODES = 1u << 7,    /**< track modes are known */
    TOCEX_KNOWN_MEDIA = 1u << 8,    /**< media type is known (not assumed CD-ROM) */
    TOCEX_KNOWN_LEADOUT = 1u << 9,  /**< lead-outs recorded (not computed from file sizes) */
    TOCEX_KNOWN_FULLTOC = 1u << 10, /**< the full TOC was recorded as-is */
};

typedef struct tocex_disc {
    tocex_media media;
    size_t track_count;
    tocex_track tracks[TOCEX_MAX_TRACKS]; /**< ascending; tracks[i].number = first + i */
    size_t session_count;
    tocex_session sessions[TOCEX_MAX_SESSIONS]; /**< sessions[i].number = i + 1 */
    bool appendable; /**< last session left open: its B0 points at the next program area */
    char mcn[14];    /**< 13-digit catalog number, "" if none */
    int32_t capacity; /**< DVD/BD: blocks of the medium (lead-out of the made-up TOC); 0 = unknown */

    /* Full TOC recorded as-is (CloneCD, raw dumps): when count > 0, format 2 answers these. */
    tocex_toc_entry *fulltoc;
    size_t fulltoc_count;
    /* PMA entries (recordable media). */
    tocex_toc_entry *pma;
    size_t pma_count;
    /* ATIP descriptor bytes after the 4-byte header: 24 (or 28 with S4). 0 = none. */
    uint8_t atip[28];
    size_t atip_len;
    /* CD-TEXT: raw 18-byte packs (CRC included), as in the lead-in. */
    uint8_t *cdtext;
    size_t cdtext_packs;

    uint32_t known; /**< TOCEX_KNOWN_* */
    size_t note_count;
    char notes[TOCEX_MAX_NOTES][192]; /**< what was assumed, in words */
} tocex_disc;

/** Empty disc: media CD-ROM, no tracks, nothing known. The slots of tracks[], sessions[] and
 *  notes[] past their counts are not cleared (the model is 10 KB, mostly unused slots):
 *  tocex_disc_add_track() and tocex_disc_note() initialise each slot they take, so fill tracks
 *  and sessions through them, then set fields of the slots they made. */
void tocex_disc_init(tocex_disc *disc);
/** Free owned arrays (fulltoc, pma, cdtext) and reset. */
void tocex_disc_free(tocex_disc *disc);
/** Deep copy of the slots in use (dst must not hold owned arrays). */
tocex_status tocex_disc_copy(tocex_disc *dst, const tocex_disc *src, tocex_error *err);

/**
 * Append a track. Sessions are created as needed (a session number may repeat or grow by
 * one). Leaves leadout as TOCEX_LBA_NONE for new sessions. Refuses > 99 tracks or sessions.
 */
tocex_status tocex_disc_add_track(tocex_disc *disc, uint8_t session, uint8_t number, uint8_t adr,
                                  uint8_t control, tocex_track_mode mode, int32_t start, tocex_error *err);
/** Set the lead-out of a session (1-based). */
tocex_status tocex_disc_set_leadout(tocex_disc *disc, uint8_t session, int32_t leadout, tocex_error *err);
/** Replace the recorded full TOC / PMA / CD-TEXT packs (copied). */
tocex_status tocex_disc_set_fulltoc(tocex_disc *disc, const tocex_toc_entry *entries, size_t count, tocex_error *err);
tocex_status tocex_disc_set_pma(tocex_disc *disc, const tocex_toc_entry *entries, size_t count, tocex_error *err);
tocex_status tocex_disc_set_cdtext(tocex_disc *disc, const uint8_t *packs, size_t pack_count, tocex_error *err);
/** Set ATIP descriptor bytes (24 or 28). */
tocex_status tocex_disc_set_atip(tocex_disc *disc, const uint8_t *bytes, size_t len, tocex_error *err);
/** Record an assumption in words ("no pregaps in a .iso: assumed none"). Silently drops past 16. */
void tocex_disc_note(tocex_disc *disc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/**
 * Check invariants and derive the rest. Refuses (TOCEX_E_INVALID_DISC, message names the track
 * or session): track numbers not contiguous ascending or outside 1..99, > 99 tracks, sessions
 * not numbered 1..n in order, an empty session, track starts not ascending, a track at or
 * after its session's lead-out, a session overlapping the next, a missing lead-out, a CD-TEXT
 * pack count above 2048. Derives first/last track per session; disc_type AUTO -> 20h if the
 * session has a mode-2 track, 10h for CD-I, else 00h; on multi-session CDs, B0 on every
 * session but a closed disc's last (next program area = lead-out + 11250 after the first
 * session, + 6750 after later ones; pointers 2 in session 1 (B0, C0), else 1; max lead-out
 * from ATIP or 79:59:74) and C0 in session 1 (ATIP bytes 4..6, first lead-in from ATIP or
 * 95:00:00 — assumptions are noted). A disc with no tracks is blank and valid.
 */
tocex_status tocex_disc_finish(tocex_disc *disc, tocex_error *err);

/** Index of track `number` in disc->tracks, or -1. */
int tocex_disc_track_index(const tocex_disc *disc, unsigned number);
/** Frames from a track's start to the next track's start (or its session's lead-out). */
int32_t tocex_disc_track_length(const tocex_disc *disc, size_t index);
/** Lead-out of the last session (TOCEX_LBA_NONE if no sessions). */
int32_t tocex_disc_leadout(const tocex_disc *disc);
/** First track number of the disc (0 if blank) / last track number. */
uint8_t tocex_disc_first_track(const tocex_disc *disc);
uint8_t tocex_disc_last_track(const tocex_disc *disc);

/** Session gaps (Orange Book), in frames, from a session's lead-out to its B0 value. */
#define TOCEX_FIRST_SESSION_GAP 11250 /**< 6750 lead-out + 4500 lead-in */
#define TOCEX_LATER_SESSION_GAP 6750  /**< 2250 lead-out + 4500 lead-in */
#define TOCEX_DEFAULT_MAX_LEADOUT 359849   /**< 79:59:74 */
#define TOCEX_DEFAULT_FIRST_LEADIN (-450150 + 95 * 4500) /**< 95:00:00 */

#ifdef __cplusplus
}
#endif
#endif
