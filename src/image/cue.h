/* Internal: CUE sheet reader in three steps, so each can be tested alone.
 *
 *   1. tocex_cue_parse():  text -> sheet (syntax, order, values; no files are touched).
 *   2. tocex_cue_measure(): look up each FILE next to the sheet and fill its data length.
 *   3. tocex_cue_layout():  sheet + lengths -> disc model; then tocex_cue_cdtext() and
 *      tocex_disc_finish() (tocex_image_parse_cue does all of it).
 *
 * Positions. INDEX times are frames relative to their FILE. A FILE's frame 0 lands on the
 * disc where the previous FILE ended (frame 0 of the first FILE is LBA 0, i.e. 00:02:00; the
 * 150-frame pre-gap of track 1 is implicit, as in CDRWIN). PREGAP / POSTGAP are silence not in
 * any file: they move everything after them. The TOC start of a track is its INDEX 01.
 *
 * Sessions (REM SESSION nn). Two dialects exist (reference notes §3.1, DIC issue #121):
 *  - one FILE per session or per track (redump): the first FILE of session n+1 starts after
 *    a gap. INDEX 01 of the session's first track = lead-out(n) + gap, where gap is the sum
 *    of REM LEAD-OUT + REM LEAD-IN + REM PREGAP lengths when the sheet gives them, else the
 *    Orange Book defaults: 6750 + 4500 + 150 = 11400 after session 1 and 2250 + 4500 + 150 =
 *    6900 after later sessions (= B0 next-program-area + 150; disc.h TOCEX_*_SESSION_GAP).
 *    Lead-out(n) itself is where the last FILE of session n ends.
 *  - one FILE for the whole disc (CDRWIN/IsoBuster): INDEX times are absolute positions and
 *    REM LEAD-OUT mm:ss:ff is the absolute position of session n's lead-out. Without it the
 *    lead-out is INDEX 01 of session n+1's first track minus the same gap (noted).
 * The dialect is chosen per boundary: it is "own file" when the new session's first index
 * lies in another FILE than the previous session's last index. For the last session a
 * REM LEAD-OUT is read as a position only when the sheet has a single FILE.
 *
 * Companions. A FILE's length is needed only to place what follows it (the next FILE, the
 * lead-out). A missing or unreadable companion is an error only then, naming the FILE line
 * and the reason ("does not exist", "MP3 length not read", "in-memory sheet"). Lookup
 * resolves backslashes and letter case; a lone FILE that is absent is replaced by the image
 * with the sheet's own stem (noted). BINARY/MOTOROLA: file size, split per track sector size;
 * WAVE: RIFF "data" chunk; AIFF: "SSND" chunk; FLAC (any type word): STREAMINFO samples.
 *
 * Choices. INDEX 01 is required for every track (libcue's issue10.cue, INDEX 00 only, is
 * refused). EAC's "MODEx/2xxx" is a data track of unknown mode. CATALOG 0000000000000 and
 * ISRC 000000000000 (EAC for "none") read as none, noted. A 12-digit CATALOG gets a leading 0.
 * FLAGS SCMS has no CONTROL bit (noted). TOC_INFO/TOC_INFO2/SIZE_INFO lines are ignored.
 * CD-TEXT: see cue_cdtext.c.
 */
#ifndef TOCEX_IMAGE_CUE_H
#define TOCEX_IMAGE_CUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/cdtext.h"
#include "tocex/disc.h"
#include "tocex/status.h"

#define TOCEX_CUE_MAX_SIZE (16u << 20) /**< largest cue sheet read from disk */
#define TOCEX_CUE_MAX_LINE 4096        /**< longest line accepted (bytes, UTF-8) */
#define TOCEX_CUE_MAX_FILES 198        /**< two FILEs per track at most (EAC gaps) */
#define TOCEX_CUE_NONE (-1)            /**< "not given" for frame counts */

typedef enum tocex_cue_file_type {
    TOCEX_CUE_FILE_BINARY = 0, /**< raw sectors, audio little-endian */
    TOCEX_CUE_FILE_MOTOROLA,   /**< raw sectors, audio big-endian */
    TOCEX_CUE_FILE_WAVE,       /**< RIFF WAVE (in practice also FLAC/APE/WavPack) */
    TOCEX_CUE_FILE_AIFF,
    TOCEX_CUE_FILE_MP3,
    TOCEX_CUE_FILE_OTHER       /**< FLAC, OGG, ... written as the type word */
} tocex_cue_file_type;

typedef struct tocex_cue_file {
    char *name;                /**< as written, UTF-8 (points into the sheet's storage) */
    tocex_cue_file_type type;
    char type_word[16];
    long line;
    long long data_bytes;      /**< sector/audio data bytes; -1 = unknown (see why) */
    char why[160];             /**< why the length is unknown, or how it was found */
} tocex_cue_file;

typedef struct tocex_cue_index {
    bool set;
    int32_t frames;            /**< relative to its FILE */
    uint16_t file;
    long line;
} tocex_cue_index;

typedef struct tocex_cue_track {
    uint8_t number;
    uint8_t session;
    tocex_track_mode mode;
    uint16_t sector_size;
    char mode_word[16];        /**< "MODE1/2352" as written (upper case) */
    uint8_t control;           /**< data bit from the mode, FLAGS bits */
    bool placeholder;          /**< EAC's "MODEx/2xxx": a data track that was not extracted */
    bool scms;
    char isrc[13];
    int32_t pregap;            /**< PREGAP frames, TOCEX_CUE_NONE */
    int32_t postgap;           /**< POSTGAP frames, TOCEX_CUE_NONE */
    long line;
    uint16_t file;             /**< FILE current at the TRACK line */
    int8_t last_index;         /**< highest INDEX number given, -1 before the first */
    /** INDEX 00..99: index[0..max(1, last_index)] may be read. Points at index_01 (INDEX 00 and
     *  01) until the track gives INDEX 02 or higher, then at a malloc'd array of 100 that the
     *  sheet frees. Keeping the usual two inline keeps a 99-track sheet at a few pages. */
    tocex_cue_index *index;
    tocex_cue_index index_01[2];
} tocex_cue_track;

/** Gap lengths / positions given by REM lines after a session (TOCEX_CUE_NONE if absent). */
typedef struct tocex_cue_session_rem {
    int32_t lead_out;          /**< REM LEAD-OUT (length or absolute position, see above) */
    int32_t lead_in;           /**< REM LEAD-IN length */
    int32_t pregap;            /**< REM PREGAP length */
    long lead_out_line;
} tocex_cue_session_rem;

/** Storage of one CD-TEXT field's texts (see tocex_cue_sheet.text). */
typedef struct tocex_cue_text_row {
    char *text[100];
    long line[100];
} tocex_cue_text_row;

/* The sheet is malloc'd without clearing: the big arrays at its end are written only where
 * used, so parsing touches only the memory a sheet needs. Read only the parts said to be set. */
typedef struct tocex_cue_sheet {
    const char *name;          /**< for messages ("(input)" for NULL) */
    size_t file_count;
    tocex_cue_file *files;     /**< file_count of them (malloc'd, grown as FILE lines come) */
    size_t file_cap;
    size_t track_count;
    bool sessions_given;       /**< a REM SESSION line was seen */
    char mcn[14];
    long mcn_line;
    bool mcn_zero;             /**< CATALOG 0000000000000 (EAC: none read) */
    bool isrc_zero;            /**< some ISRC 000000000000 (EAC: none read) */
    char *cdtextfile;
    long cdtextfile_line;
    tocex_media media;
    bool media_given;
    /** Decoded text of the sheet, cut into NUL-terminated pieces: every string of the sheet
     *  (FILE names, texts, CDTEXTFILE, REM values) points into it. Freed with the sheet. */
    char *storage;
    /** CD-TEXT from the sheet: text[field][0] = disc, text[field][n] = track n (UTF-8, NULL =
     *  none); every row has 100 entries. A field the sheet never gives shares one row of NULLs. */
    char *const *text[TOCEX_CDTEXT_FIELD_COUNT];
    /** text_line[field][n]: the line of text[field][n], set where that text is not NULL. */
    const long *text_line[TOCEX_CDTEXT_FIELD_COUNT];
    bool text_any;
    bool ignored_binary_text;  /**< TOC_INFO / SIZE_INFO lines (binary; regenerated) */
    /* EAC/foobar metadata (REM), kept for callers; not part of the disc. */
    char *rem_genre, *rem_date, *rem_discid, *rem_comment;
    const char *encoding;      /**< encoding the text was read in */
    /** [n] = after session n; set for n = 0, 1 and each session a REM SESSION line opened. */
    tocex_cue_session_rem session_rem[TOCEX_MAX_SESSIONS + 1];
    tocex_cue_track tracks[TOCEX_MAX_TRACKS]; /**< [0, track_count) are set */
    tocex_cue_text_row text_rows[TOCEX_CDTEXT_FIELD_COUNT]; /**< rows text[] points at once used */
} tocex_cue_sheet;

/** Parse the text of a sheet (any encoding, see util/text.h). *out is malloc'd; free with
 *  tocex_cue_sheet_free. Errors name "name:line: reason". */
tocex_status tocex_cue_parse(const char *name, const uint8_t *data, size_t len, tocex_cue_sheet **out,
                             tocex_error *err);
void tocex_cue_sheet_free(tocex_cue_sheet *sheet);
/** tocex_cue_parse for bytes in a malloc'd buffer of `cap` bytes that the call takes over:
 *  UTF-8 text is parsed in place (no copy) when cap > len. */
tocex_status tocex_cue_parse_buffer(const char *name, uint8_t *buf, size_t len, size_t cap, tocex_cue_sheet **out,
                                    tocex_error *err);
/** tocex_image_parse_cue over such a buffer (taken over, as above). */
tocex_status tocex_image_parse_cue_buffer(const char *name, uint8_t *buf, size_t len, size_t cap, tocex_disc *out,
                                          tocex_error *err);
/** Set text[field][slot] (slot 0 = disc, n = track n, up to 99) to `text`, read at `line`. The
 *  pointer is kept, not copied, and not freed with the sheet. */
void tocex_cue_sheet_set_text(tocex_cue_sheet *sheet, tocex_cdtext_field field, unsigned slot, char *text, long line);

/** Fill files[].data_bytes from the companions next to `cue_path` (NULL: all unknown).
 *  Never fails for a missing or unreadable companion: the reason goes into files[].why and
 *  becomes an error only if layout needs that length. */
void tocex_cue_measure(tocex_cue_sheet *sheet, const char *cue_path);

/** Path of a companion named in the sheet (backslashes and letter case as Windows writers
 *  leave them are resolved), malloc'd; NULL if there is no such regular file. */
char *tocex_cue_find_companion(const char *cue_path, const char *name);

/** Sheet -> disc model with tracks, sessions, lead-outs, MCN, notes (out is initialised
 *  here; CD-TEXT and tocex_disc_finish are left to the caller). */
tocex_status tocex_cue_layout(const tocex_cue_sheet *sheet, tocex_disc *out, tocex_error *err);
/** Same, also giving the LBA of every INDEX: positions[k][i] for sheet track k, index i
 *  (entries of indexes the sheet does not set are left untouched). */
tocex_status tocex_cue_layout_positions(const tocex_cue_sheet *sheet, tocex_disc *out, int32_t (*positions)[100],
                                        tocex_error *err);

/** Build CD-TEXT packs from the sheet's texts (or read CDTEXTFILE) into `disc`. */
tocex_status tocex_cue_cdtext(const tocex_cue_sheet *sheet, const char *cue_path, tocex_disc *disc,
                              tocex_error *err);

/** Track-type word (any letter case) -> mode, sector size; false if unknown. */
bool tocex_cue_mode_lookup(const char *word, tocex_track_mode *mode, uint16_t *sector_size);

/** Commands a sheet line can start with. */
typedef enum tocex_cue_command {
    TOCEX_CUE_CMD_NONE = 0,
    TOCEX_CUE_CMD_REM,
    TOCEX_CUE_CMD_FILE,
    TOCEX_CUE_CMD_TRACK,
    TOCEX_CUE_CMD_INDEX,
    TOCEX_CUE_CMD_PREGAP,
    TOCEX_CUE_CMD_POSTGAP,
    TOCEX_CUE_CMD_FLAGS,
    TOCEX_CUE_CMD_ISRC,
    TOCEX_CUE_CMD_CATALOG,
    TOCEX_CUE_CMD_CDTEXTFILE,
    TOCEX_CUE_CMD_CDTEXMAIN, /**< libmirage's alias of CDTEXTFILE */
    TOCEX_CUE_CMD_TITLE,
    TOCEX_CUE_CMD_PERFORMER,
    TOCEX_CUE_CMD_SONGWRITER,
    TOCEX_CUE_CMD_COMPOSER,
    TOCEX_CUE_CMD_ARRANGER,
    TOCEX_CUE_CMD_MESSAGE,
    TOCEX_CUE_CMD_DISC_ID,
    TOCEX_CUE_CMD_GENRE,
    TOCEX_CUE_CMD_UPC_EAN,
    TOCEX_CUE_CMD_TOC_INFO,
    TOCEX_CUE_CMD_TOC_INFO2,
    TOCEX_CUE_CMD_SIZE_INFO,
    TOCEX_CUE_CMD_COUNT
} tocex_cue_command;

/** The command a word of `len` bytes names, in any (ASCII) letter case; TOCEX_CUE_CMD_NONE if
 *  it names none. */
tocex_cue_command tocex_cue_command_lookup(const char *word, size_t len);

#endif
