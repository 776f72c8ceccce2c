/* tocex — the emulated drive: a device that answers CDBs from a disc model, byte for byte
 * like a correct MMC drive. Where real drives disagree, the standard's answer is the default
 * and the others are named quirks. */
#ifndef TOCEX_EMU_H
#define TOCEX_EMU_H

#include <stdint.h>

#include "tocex/bytes.h"
#include "tocex/device.h"
#include "tocex/disc.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Quirks: behaviours of particular drives/emulators, off by default. */
enum {
    /** Formatted-TOC lead-out descriptor ADR/CONTROL fixed at 14h (data) instead of ADR 1 with
     *  the last track's CONTROL (DOSBox-X; QEMU uses a fixed 16h; see mmc-read-toc.md Open
     *  question 9). */
    TOCEX_QUIRK_LEADOUT_CONTROL_DATA = 1u << 0,
    /** No CD-TEXT: CHECK CONDITION 05/24/00 instead of a header with Data Length 2. */
    TOCEX_QUIRK_CDTEXT_ABSENT_CHECK_CONDITION = 1u << 1,
    /** Legacy byte-9 80h full TOC answered in BCD (Matshita SCSI-2 drives). */
    TOCEX_QUIRK_LEGACY_FULLTOC_BCD = 1u << 2,
    /** Data Length shrunk to what fits the allocation length (DOSBox-X for OAKCDROM.SYS). */
    TOCEX_QUIRK_DATA_LENGTH_TRUNCATED = 1u << 3,
    /** DVD/BD formats 2-5: 05/30/02 INCOMPATIBLE FORMAT instead of 05/24/00. */
    TOCEX_QUIRK_NONCD_INCOMPATIBLE_FORMAT = 1u << 4,
    /** Full TOC in BCD for every request (NEC CDR-260 style). */
    TOCEX_QUIRK_FULLTOC_BCD = 1u << 5,
};

typedef struct tocex_emu_options {
    uint32_t quirks;     /**< TOCEX_QUIRK_* */
    char vendor[9];      /**< INQUIRY vendor (default "TOCEX") */
    char product[17];    /**< INQUIRY product (default "EMULATED DRIVE") */
    char revision[5];    /**< INQUIRY revision (default version) */
} tocex_emu_options;

/** Parse a quirk name ("leadout-control-data", ...) -> bit; 0 if unknown. */
uint32_t tocex_emu_quirk_from_name(const char *name);
/** Name of a single quirk bit, NULL if unknown. */
const char *tocex_emu_quirk_name(uint32_t quirk);

/**
 * Open an emulated drive holding a copy of `disc` (NULL or media NONE: a drive with no medium).
 * `opts` may be NULL for defaults. The copy goes through tocex_disc_finish(): a disc it refuses
 * is refused here (NULL, `err` filled). The drive answers TEST UNIT READY, REQUEST SENSE,
 * INQUIRY, READ CAPACITY(10), READ TOC/PMA/ATIP, GET CONFIGURATION and READ DISC INFORMATION;
 * other opcodes get 05/20/00.
 */
tocex_device *tocex_emu_open(const tocex_disc *disc, const tocex_emu_options *opts, tocex_error *err);
/**
 * tocex_emu_open() without the copy: the drive takes `disc` itself, which must come from
 * malloc() (NULL or media NONE: no medium). From this call on the disc is the drive's: freed
 * (tocex_disc_free + free) when the drive closes, or before returning NULL on failure.
 */
tocex_device *tocex_emu_open_owned(tocex_disc *disc, const tocex_emu_options *opts, tocex_error *err);
/** Put a (copied) disc in the drive; the next command sees UNIT ATTENTION 06/28/00 once. */
tocex_status tocex_emu_insert(tocex_device *dev, const tocex_disc *disc, tocex_error *err);
/** Remove the disc: commands needing a medium answer 02/3A/00. */
void tocex_emu_eject(tocex_device *dev);
/** The disc in an emulated drive (NULL when empty or not an emulated drive). */
const tocex_disc *tocex_emu_disc(tocex_device *dev);

/**
 * The pure encoder behind the emulated drive's READ TOC/PMA/ATIP: the complete answer for
 * this CDB (Data Length = full size), before truncation to the allocation length.
 * Returns TOCEX_OK with `out` filled, or TOCEX_E_CHECK_CONDITION with `*sense` set (no medium:
 * 02/3A/00; bad CDB field, format, track or session: 05/24/00; formats 2-5 on DVD/BD: 05/24/00,
 * or 05/30/02 with TOCEX_QUIRK_NONCD_INCOMPATIBLE_FORMAT). TOCEX_E_INVALID_ARGUMENT for a NULL
 * `out` or a model with impossible counts, TOCEX_E_NOMEM / TOCEX_E_LIMIT when the answer cannot
 * be built. The answer is appended to `out` (normally empty). A CDB shorter than 10 bytes is
 * an invalid field. TOCEX_QUIRK_DATA_LENGTH_TRUNCATED is not applied here: it needs the
 * allocation length, so the emulated drive applies it.
 */
tocex_status tocex_mmc_encode_read_toc(const tocex_disc *disc, const uint8_t *cdb, size_t cdb_len,
                                       uint32_t quirks, tocex_buf *out, tocex_sense *sense);

#ifdef __cplusplus
}
#endif
#endif
