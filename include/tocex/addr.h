/* tocex — CD addresses: LBA <-> MSF <-> BCD.
 * LBA 0 is MSF 00:02:00 (the 150-frame offset). Lead-in addresses are negative LBAs written
 * as MSF >= 90:00:00 (MMC-3 Table 333): -45150 <= LBA <= -151 maps to 90:00:00 .. 99:59:74. */
#ifndef TOCEX_ADDR_H
#define TOCEX_ADDR_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TOCEX_FRAMES_PER_SECOND 75
#define TOCEX_SECONDS_PER_MINUTE 60
#define TOCEX_FRAMES_PER_MINUTE (75 * 60)
#define TOCEX_MSF_OFFSET 150       /**< LBA 0 = 00:02:00 */
#define TOCEX_LEADIN_OFFSET 450150 /**< MSF >= 90:00:00: LBA = frames - 450150 */
#define TOCEX_LBA_MIN (-45150)     /**< 90:00:00 */
#define TOCEX_LBA_MAX_MSF 404849   /**< 89:59:74; larger LBAs have no standard MSF */

/** Minute/second/frame, binary values. */
typedef struct tocex_msf {
    uint8_t m, s, f;
} tocex_msf;

/**
 * LBA -> MSF by the standard rule. Returns false (and leaves *out untouched) for LBAs outside
 * -45150..404849. Use tocex_lba_to_msf_wrap where a drive must still emit something.
 */
bool tocex_lba_to_msf(int32_t lba, tocex_msf *out);

/**
 * LBA -> MSF for any LBA >= -45150: beyond 89:59:74 the minutes keep counting (up to 255,
 * then wrapping modulo 256), the way drives fill one-byte binary fields for DVD-sized
 * capacities. Negative LBAs use the 90-minute rule.
 */
tocex_msf tocex_lba_to_msf_wrap(int32_t lba);

/** MSF -> LBA: minutes < 90 -> frames - 150, minutes >= 90 -> frames - 450150. */
int32_t tocex_msf_to_lba(tocex_msf msf);

/** MSF -> LBA with no lead-in rule (frames - 150), for binary fields that may exceed 99 min. */
int32_t tocex_msf_to_lba_linear(tocex_msf msf);

/** True when s < 60 and f < 75. */
bool tocex_msf_valid(tocex_msf msf);

/** Frames count (M*4500 + S*75 + F), no offset. */
int32_t tocex_msf_frames(tocex_msf msf);

/** Format "MM:SS:FF" (minutes may be 3 digits) into buf of >= 10 bytes; returns buf. */
char *tocex_msf_format(tocex_msf msf, char *buf, unsigned long size);

/** Format an LBA as absolute "MM:SS:FF" (with the 150 offset); out-of-range -> "--:--:--". */
char *tocex_lba_format_msf(int32_t lba, char *buf, unsigned long size);

/** Parse "MM:SS:FF" (relative, no offset) into frames; false on any malformation. */
bool tocex_msf_parse_frames(const char *text, int32_t *frames);

/** Binary 0..99 -> BCD byte. Values > 99 return 0xFF. */
uint8_t tocex_bin_to_bcd(uint8_t v);
/** BCD byte -> binary; false if either nibble > 9. */
bool tocex_bcd_to_bin(uint8_t bcd, uint8_t *out);
/** True if both nibbles are 0..9. */
bool tocex_is_bcd(uint8_t v);

#ifdef __cplusplus
}
#endif
#endif
