/* tocex — ATIP field decoding (READ TOC/PMA/ATIP format 0100b descriptor, MMC; Orange Book).
 * Input is the descriptor after the 4-byte header (24 bytes, or 28 with S4 values), as kept in
 * tocex_disc.atip. Byte numbers in comments are the answer's (header included). */
#ifndef TOCEX_ATIP_H
#define TOCEX_ATIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/addr.h"
#include "tocex/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tocex_atip_info {
    uint8_t itwp;            /**< byte 4 bits 6-4: indicative target writing power (MMC-1 3-bit field) */
    bool itwp_msb;           /**< byte 4 bit 7 (1 in MMC-1; top bit of a 4-bit ITWP in MMC-4+) */
    bool ddcd;               /**< byte 4 bit 3 */
    uint8_t reference_speed; /**< byte 4 bits 2-0 */
    bool uru;                /**< byte 5 bit 6: unrestricted use */
    bool cdrw;               /**< byte 6 bit 6: disc type (0 CD-R, 1 CD-RW) */
    uint8_t sub_type;        /**< byte 6 bits 5-3 */
    bool a1_valid, a2_valid, a3_valid; /**< byte 6 bits 2/1/0 */
    uint8_t a1[3], a2[3], a3[3];       /**< bytes 16-18, 20-22, 24-26 */
    bool has_s4;
    uint8_t s4[3];                     /**< bytes 28-30 (28-byte descriptors) */
    tocex_msf leadin;        /**< bytes 8-10: start time of lead-in */
    int32_t leadin_lba;      /**< as LBA (lead-in minutes >= 90 -> negative) */
    tocex_msf last_leadout;  /**< bytes 12-14: last possible start time of lead-out */
    int32_t last_leadout_lba;
    /* A1 fields (MMC-1 / CD-RW meaning, valid when a1_valid) */
    uint8_t a1_lowest_clv, a1_highest_clv, a1_power_mult, a1_target_gamma, a1_erase_write_ratio;
    /* Manufacturer code per the Orange Book convention: lead-in minute 97, second, frame rounded
     * down to 10 — the pair (second, frame/10*10) identifies the disc manufacturer. */
    bool manufacturer_code_valid; /**< lead-in minute is 97 */
    uint8_t manufacturer_second, manufacturer_frame;
    /** Dye class from the lead-in frame's last digit: 0-4 long strategy (cyanine/AZO), 5-9 short
     *  strategy (phthalocyanine); CD-RW: phase change. */
    const char *dye;
    const char *manufacturer; /**< "unknown manufacturer": tocex carries no sourced table */
} tocex_atip_info;

/** Decode an ATIP descriptor (24 or 28 bytes). Refuses other sizes and byte-6 bit 7 = 0. */
tocex_status tocex_atip_decode(const uint8_t *desc, size_t len, tocex_atip_info *out, tocex_error *err);

/** "CD-R" / "CD-RW" (DDCD: "DDCD-R" / "DDCD-RW"). */
const char *tocex_atip_disc_type_name(const tocex_atip_info *info);
/** Sub-type name for the disc type ("normal speed CLV", "High Speed", ...). */
const char *tocex_atip_sub_type_name(const tocex_atip_info *info);
/** Reference speed as text ("2x"), or "reserved" / "unspecified". */
const char *tocex_atip_reference_speed_name(const tocex_atip_info *info);

#ifdef __cplusplus
}
#endif
#endif
