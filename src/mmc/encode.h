/* tocex — internal: response encoders of the emulated drive (target side).
 *
 * Pure functions over the disc model: they build the complete answer a correct MMC drive
 * gives for one CDB, or say which CHECK CONDITION it reports. Transfer truncation to the
 * allocation length is the caller's business (the drive), except where noted. */
#ifndef TOCEX_MMC_ENCODE_H
#define TOCEX_MMC_ENCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/bytes.h"
#include "tocex/device.h"
#include "tocex/disc.h"
#include "tocex/status.h"

/**
 * Size of the repeating unit of a READ TOC/PMA/ATIP answer after its 4-byte header:
 * 8 (formats 0, 1), 11 (formats 2, 3), 18 (format 5); for format 4 the whole ATIP descriptor
 * (`full_len` − 4), since it is one record. 0 for anything else.
 */
size_t tocex_mmc_toc_unit_size(unsigned format, size_t full_len);

/** CDB byte `at` read through the bounded reader; 0 beyond the CDB's length (or for NULL). */
uint8_t tocex_mmc_cdb_u8(const uint8_t *cdb, size_t cdb_len, size_t at);
/** Big-endian 16-bit CDB field at `at` (allocation lengths, feature numbers), bounded the same way. */
uint16_t tocex_mmc_cdb_be16(const uint8_t *cdb, size_t cdb_len, size_t at);

/** True when the disc is present (non-NULL and media not NONE). */
bool tocex_mmc_medium_present(const tocex_disc *disc);

/** Identification strings of the emulated drive, already space-padded to their field widths. */
typedef struct tocex_mmc_ident {
    char vendor[8];
    char product[16];
    char revision[4];
} tocex_mmc_ident;

/**
 * INQUIRY (12h). Standard data (36 bytes) for EVPD=0 and page 0; EVPD=1 page 00h lists the
 * supported VPD pages (only 00h). Anything else: 05/24/00.
 */
tocex_status tocex_mmc_encode_inquiry(const tocex_mmc_ident *ident, const uint8_t *cdb, size_t cdb_len,
                                      tocex_buf *out, tocex_sense *sense);

/** READ CAPACITY(10) (25h): last LBA (lead-out − 1) and block length 2048. Needs a medium. */
tocex_status tocex_mmc_encode_read_capacity(const tocex_disc *disc, const uint8_t *cdb, size_t cdb_len,
                                            tocex_buf *out, tocex_sense *sense);

/**
 * GET CONFIGURATION (46h): feature header with the current profile (0000h when empty) and the
 * Profile List feature (0000h). RT 0/1/2 honoured, RT 3 → 05/24/00.
 */
tocex_status tocex_mmc_encode_get_configuration(const tocex_disc *disc, const uint8_t *cdb, size_t cdb_len,
                                                tocex_buf *out, tocex_sense *sense);

/** READ DISC INFORMATION (51h), data type 000b (standard disc information, 34 bytes). */
tocex_status tocex_mmc_encode_disc_information(const tocex_disc *disc, const uint8_t *cdb, size_t cdb_len,
                                               tocex_buf *out, tocex_sense *sense);

#endif
