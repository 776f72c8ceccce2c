/* tocex — initiator-side decoders: READ TOC/PMA/ATIP answers (formats 0-5) -> structured views.
 *
 * Every decoder is pure and bounded: it reads only the `len` bytes it is given (through
 * tocex_span), checks every length and field, and names the byte offset of anything wrong.
 * An answer shorter than its own Data Length + 2 is "truncated": the decoders refuse it with
 * TOCEX_E_TRUNCATED unless TOCEX_DECODE_ALLOW_TRUNCATED is given, in which case they decode the
 * complete descriptors only and set `truncated`. */
#ifndef TOCEX_DECODE_H
#define TOCEX_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/addr.h"
#include "tocex/disc.h"
#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Decoder flags. */
#define TOCEX_DECODE_ALLOW_TRUNCATED 0x1u

/* ---------------------------------------------------------------- format 0: formatted TOC */

#define TOCEX_TOC_MAX_DESCRIPTORS 100 /**< 99 tracks + lead-out (MMC: 4 + 8 x 100 = 804 bytes) */

typedef struct tocex_toc_descriptor {
    uint8_t adr;
    uint8_t control;
    uint8_t track;     /**< 1..99, or AAh for the lead-out */
    int32_t lba;       /**< the address as LBA (converted from MSF when the answer was MSF) */
    tocex_msf msf;     /**< MSF=1 answers: the M/S/F bytes as sent; MSF=0: derived where defined */
    uint32_t raw;      /**< bytes 4-7 as a big-endian number, as sent */
} tocex_toc_descriptor;

typedef struct tocex_toc_view {
    bool msf;               /**< addresses were MSF (the request's MSF bit) */
    uint16_t data_length;   /**< as sent (never reduced by a short allocation, MMC) */
    uint8_t first_track, last_track;
    size_t expected;        /**< descriptors the Data Length announces */
    size_t count;           /**< descriptors decoded */
    bool truncated;         /**< fewer bytes than Data Length + 2 */
    tocex_toc_descriptor entries[TOCEX_TOC_MAX_DESCRIPTORS];
} tocex_toc_view;

/** Decode a format-0 answer. `msf` = the MSF bit of the request. */
tocex_status tocex_decode_toc(const uint8_t *data, size_t len, bool msf, unsigned flags, tocex_toc_view *out,
                              tocex_error *err);
/** The lead-out descriptor (track AAh) of a complete view, or NULL. */
const tocex_toc_descriptor *tocex_toc_view_leadout(const tocex_toc_view *view);

/* ---------------------------------------------------------------- format 1: session info */

typedef struct tocex_session_info_view {
    uint16_t data_length;
    uint8_t first_session, last_session; /**< first / last complete session */
    uint8_t adr, control;
    uint8_t first_track_last_session;    /**< first track in the last complete session */
    int32_t start;                       /**< its start, as LBA */
    tocex_msf msf;
    bool zero_descriptor; /**< ADR/CONTROL 0, track 0, address 0: QEMU hw/scsi fills nothing in */
} tocex_session_info_view;

/** Decode a format-1 answer (12 bytes, Data Length 0Ah). */
tocex_status tocex_decode_session_info(const uint8_t *data, size_t len, bool msf, tocex_session_info_view *out,
                                       tocex_error *err);

/* ---------------------------------------------------------------- format 2: full TOC, format 3: PMA */

/** A full-TOC or PMA answer: the 11-byte descriptors exactly as sent (heap array). */
typedef struct tocex_fulltoc_view {
    uint16_t data_length;
    uint8_t first_session, last_session; /**< full TOC header bytes 2/3 (PMA: reserved) */
    size_t expected;
    size_t count;
    bool truncated;
    tocex_toc_entry *entries;
} tocex_fulltoc_view;

/** Decode a format-2 answer: Data Length = 2 + 11 n, ADR of every descriptor checked. */
tocex_status tocex_decode_fulltoc(const uint8_t *data, size_t len, unsigned flags, tocex_fulltoc_view *out,
                                  tocex_error *err);
/** Decode a format-3 (PMA) answer: same layout, byte 0 of a descriptor reserved, ADR 1..6. */
tocex_status tocex_decode_pma(const uint8_t *data, size_t len, unsigned flags, tocex_fulltoc_view *out,
                              tocex_error *err);
void tocex_fulltoc_view_free(tocex_fulltoc_view *view);

/**
 * Decide whether a full TOC is in BCD (cdrdao's heuristic, mmc-read-toc.md 4.2): candidates are
 * answers whose ADR-1 track POINTs and track/A2 PMIN/PSEC/PFRAME are all valid BCD. With a
 * formatted TOC to compare against (`toc` may be NULL): binary when the binary reading already
 * agrees with it; BCD when the BCD reading agrees (every track start and the last lead-out);
 * else binary. Without one: BCD only when some value is impossible in binary (second >= 60,
 * frame >= 75) while all are valid BCD.
 */
bool tocex_fulltoc_is_bcd(const tocex_fulltoc_view *view, const tocex_toc_view *toc);
/** Convert a BCD full TOC to binary in place (POINTs below A0h, times; never ADR/CONTROL, A0 PSEC
 *  disc type or C0 ATIP bytes). Fails naming the descriptor whose byte is not BCD. */
tocex_status tocex_fulltoc_bcd_to_binary(tocex_fulltoc_view *view, tocex_error *err);

/** One session as a full TOC describes it. */
typedef struct tocex_fulltoc_session {
    bool present;
    bool have_a0, have_a1, have_a2;
    uint8_t first_track, last_track; /**< A0 / A1 PMIN */
    uint8_t disc_type;               /**< A0 PSEC */
    uint8_t leadout_adr, leadout_control;
    int32_t leadout;                 /**< A2 PMSF as LBA */
    bool has_b0;
    int32_t b0_next_program;         /**< TOCEX_LBA_NONE for FF:FF:FF */
    uint8_t b0_pointers;
    int32_t b0_max_leadout;
    bool has_c0;
    uint8_t c0_atip[3];
    int32_t c0_first_leadin;
} tocex_fulltoc_session;

typedef struct tocex_fulltoc_track {
    uint8_t number, session, adr, control;
    int32_t start;
} tocex_fulltoc_track;

/** The meaning of a (binary) full TOC: sessions 1..99 by number, tracks in ascending order.
 *  Only sessions[0..session_count) and tracks[0..track_count) are set; the slots after them are
 *  not cleared. */
typedef struct tocex_fulltoc_layout {
    size_t session_count; /**< highest session number seen */
    tocex_fulltoc_session sessions[TOCEX_MAX_SESSIONS];
    size_t track_count;
    tocex_fulltoc_track tracks[TOCEX_MAX_TRACKS];
} tocex_fulltoc_layout;

/**
 * Interpret a binary full TOC. ADR is checked before POINT is looked at: ADR 1 POINT 01h-63h,
 * A0h-A2h; ADR 5 B0h-B4h, C0h, C1h, 01h-40h (skip intervals); ADR 2/3/4/6 entries are skipped.
 * Refuses a track listed twice, an unknown POINT for its ADR, session 0, times that are not MSF.
 */
tocex_status tocex_fulltoc_interpret(const tocex_fulltoc_view *view, tocex_fulltoc_layout *out, tocex_error *err);

#define TOCEX_CROSSCHECK_MAX 16
typedef struct tocex_crosscheck {
    size_t count;        /**< mismatches found (messages kept for the first 16; the rest are "") */
    char messages[TOCEX_CROSSCHECK_MAX][160];
} tocex_crosscheck;

/** Compare a full TOC layout with a formatted TOC: track set, ADR/CONTROL, starts, lead-out of
 *  the last session. Returns the number of mismatches (each described in `out`). */
size_t tocex_fulltoc_crosscheck(const tocex_fulltoc_layout *layout, const tocex_toc_view *toc, tocex_crosscheck *out);

/* ---------------------------------------------------------------- format 4: ATIP */

typedef struct tocex_atip_answer {
    uint16_t data_length;
    size_t len;            /**< descriptor bytes after the header: 24 or 28 */
    uint8_t bytes[28];     /**< descriptor (ATIP bytes 4..31), binary after any conversion */
    bool ricoh_bcd;        /**< lead-in/lead-out were BCD and were converted */
} tocex_atip_answer;

/**
 * Decode a format-4 answer. TOCEX_E_NOT_PRESENT for the "no ATIP" answers of drives that do not
 * refuse the command (all zero: Yamaha; lead-in not before lead-out: LITE-ON on pressed discs),
 * TOCEX_E_BAD_ANSWER when byte 6 bit 7 (always 1) is 0.
 */
tocex_status tocex_decode_atip_answer(const uint8_t *data, size_t len, tocex_atip_answer *out, tocex_error *err);

/* ---------------------------------------------------------------- format 5: CD-TEXT */

typedef struct tocex_cdtext_answer {
    uint16_t data_length;
    size_t expected;
    size_t pack_count;     /**< complete packs */
    const uint8_t *packs;  /**< points into the decoded data (not copied); NULL when none */
    bool truncated;
    bool last_pack_zero_crc; /**< CRC 0000 on the last pack (drive quirk, accepted) */
} tocex_cdtext_answer;

/** Decode a format-5 answer. Data Length 2 (header only) = no CD-TEXT: OK with 0 packs. */
tocex_status tocex_decode_cdtext_answer(const uint8_t *data, size_t len, unsigned flags, tocex_cdtext_answer *out,
                                        tocex_error *err);

#ifdef __cplusplus
}
#endif
#endif
