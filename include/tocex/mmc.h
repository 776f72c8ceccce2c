/* tocex — MMC names: opcodes, READ TOC formats, sense codes, and CDB builders.
 * Names follow the standards (Linux scsi_proto.h style) so a reader can grep the spec. */
#ifndef TOCEX_MMC_H
#define TOCEX_MMC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/device.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Opcodes */
#define TOCEX_OP_TEST_UNIT_READY 0x00
#define TOCEX_OP_REQUEST_SENSE 0x03
#define TOCEX_OP_INQUIRY 0x12
#define TOCEX_OP_MODE_SENSE_10 0x5A
#define TOCEX_OP_READ_CAPACITY 0x25
#define TOCEX_OP_READ_TOC_PMA_ATIP 0x43
#define TOCEX_OP_GET_CONFIGURATION 0x46
#define TOCEX_OP_READ_DISC_INFORMATION 0x51
#define TOCEX_OP_READ_TRACK_INFORMATION 0x52

/* READ TOC/PMA/ATIP formats (CDB byte 2 bits 3-0) */
#define TOCEX_TOC_FORMAT_TOC 0x0
#define TOCEX_TOC_FORMAT_SESSION 0x1
#define TOCEX_TOC_FORMAT_FULL_TOC 0x2
#define TOCEX_TOC_FORMAT_PMA 0x3
#define TOCEX_TOC_FORMAT_ATIP 0x4
#define TOCEX_TOC_FORMAT_CD_TEXT 0x5

#define TOCEX_TRACK_LEADOUT 0xAA

/* Sense keys */
#define TOCEX_SK_NO_SENSE 0x0
#define TOCEX_SK_RECOVERED_ERROR 0x1
#define TOCEX_SK_NOT_READY 0x2
#define TOCEX_SK_MEDIUM_ERROR 0x3
#define TOCEX_SK_HARDWARE_ERROR 0x4
#define TOCEX_SK_ILLEGAL_REQUEST 0x5
#define TOCEX_SK_UNIT_ATTENTION 0x6
#define TOCEX_SK_DATA_PROTECT 0x7
#define TOCEX_SK_ABORTED_COMMAND 0xB

/* Additional sense codes */
#define TOCEX_ASC_LOGICAL_UNIT_NOT_READY 0x04          /* ascq 01: becoming ready */
#define TOCEX_ASC_INVALID_COMMAND_OPERATION_CODE 0x20
#define TOCEX_ASC_LBA_OUT_OF_RANGE 0x21
#define TOCEX_ASC_INVALID_FIELD_IN_CDB 0x24
#define TOCEX_ASC_NOT_READY_TO_READY_CHANGE 0x28       /* medium may have changed */
#define TOCEX_ASC_POWER_ON_RESET 0x29
#define TOCEX_ASC_INCOMPATIBLE_MEDIUM 0x30             /* ascq 02: cannot read medium, incompatible format */
#define TOCEX_ASC_MEDIUM_NOT_PRESENT 0x3A

/** Named sense triples used across tocex. */
#define TOCEX_SENSE_NO_MEDIUM ((tocex_sense){TOCEX_SK_NOT_READY, TOCEX_ASC_MEDIUM_NOT_PRESENT, 0x00})
#define TOCEX_SENSE_INVALID_FIELD ((tocex_sense){TOCEX_SK_ILLEGAL_REQUEST, TOCEX_ASC_INVALID_FIELD_IN_CDB, 0x00})
#define TOCEX_SENSE_INVALID_OPCODE \
    ((tocex_sense){TOCEX_SK_ILLEGAL_REQUEST, TOCEX_ASC_INVALID_COMMAND_OPERATION_CODE, 0x00})
#define TOCEX_SENSE_MEDIUM_CHANGED \
    ((tocex_sense){TOCEX_SK_UNIT_ATTENTION, TOCEX_ASC_NOT_READY_TO_READY_CHANGE, 0x00})
#define TOCEX_SENSE_INCOMPATIBLE_FORMAT \
    ((tocex_sense){TOCEX_SK_ILLEGAL_REQUEST, TOCEX_ASC_INCOMPATIBLE_MEDIUM, 0x02})

/** Sense key name ("ILLEGAL REQUEST"). */
const char *tocex_sense_key_name(uint8_t key);
/** Additional sense text ("INVALID FIELD IN CDB"), generic text for unknown codes. */
const char *tocex_sense_asc_name(uint8_t asc, uint8_t ascq);

/**
 * Build a READ TOC/PMA/ATIP CDB (10 bytes): format in byte 2, MSF bit, track/session,
 * allocation length. Byte 9 (control) is 0.
 */
void tocex_mmc_build_read_toc(uint8_t cdb[10], unsigned format, bool msf, uint8_t track_session,
                              uint16_t allocation);

/** The format a drive acts on: byte 2 bits 3-0, or byte 9 bits 7-6 when byte 2 gives 0 (SFF-8020i). */
unsigned tocex_mmc_read_toc_format(const uint8_t *cdb, size_t cdb_len);

#ifdef __cplusplus
}
#endif
#endif
