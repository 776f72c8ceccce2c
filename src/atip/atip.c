/* ATIP descriptor fields (mmc-read-toc.md 2.5: MMC-1 Table 77 as quoted by libburn, cdrtools
 * struct atipdesc, Aaru's decoder). Offsets below are into the descriptor, which starts at
 * byte 4 of the READ TOC answer. */
#include <string.h>

#include "tocex/atip.h"

tocex_status tocex_atip_decode(const uint8_t *desc, size_t len, tocex_atip_info *out, tocex_error *err)
{
    memset(out, 0, sizeof *out);
    if (desc == NULL || (len != 24 && len != 28))
        return tocex_error_set(err, TOCEX_E_BAD_ANSWER, "ATIP descriptor of %zu bytes (24 or 28 expected)", len);
    if (!(desc[2] & 0x80))
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, "ATIP", 6, "byte 6 is %02Xh, bit 7 must be 1",
                                     desc[2]);
    /* byte 4: 1www dsss (MMC-1: bit 7 fixed 1, ITWP 3 bits; MMC-4+: 4-bit ITWP), DDCD, speed */
    out->itwp_msb = (desc[0] & 0x80) != 0;
    out->itwp = (uint8_t)((desc[0] >> 4) & 0x07);
    out->ddcd = (desc[0] & 0x08) != 0;
    out->reference_speed = (uint8_t)(desc[0] & 0x07);
    /* byte 5: 0u00 0000 */
    out->uru = (desc[1] & 0x40) != 0;
    /* byte 6: 1 t sss a1 a2 a3 */
    out->cdrw = (desc[2] & 0x40) != 0;
    out->sub_type = (uint8_t)((desc[2] >> 3) & 0x07);
    out->a1_valid = (desc[2] & 0x04) != 0;
    out->a2_valid = (desc[2] & 0x02) != 0;
    out->a3_valid = (desc[2] & 0x01) != 0;
    out->leadin = (tocex_msf){desc[4], desc[5], desc[6]};
    out->last_leadout = (tocex_msf){desc[8], desc[9], desc[10]};
    if (!tocex_msf_valid(out->leadin))
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, "ATIP", 8, "start of lead-in %u:%u:%u is not MSF",
                                     out->leadin.m, out->leadin.s, out->leadin.f);
    if (!tocex_msf_valid(out->last_leadout))
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, "ATIP", 12,
                                     "last possible lead-out %u:%u:%u is not MSF", out->last_leadout.m,
                                     out->last_leadout.s, out->last_leadout.f);
    /* lead-in minutes >= 90 are the lead-in's negative LBAs (MMC-3 Table 333) */
    out->leadin_lba = tocex_msf_to_lba(out->leadin);
    out->last_leadout_lba = tocex_msf_to_lba(out->last_leadout);
    memcpy(out->a1, &desc[12], 3);
    memcpy(out->a2, &desc[16], 3);
    memcpy(out->a3, &desc[20], 3);
    if (len == 28) {
        out->has_s4 = true;
        memcpy(out->s4, &desc[24], 3);
    }
    /* A1 (MMC-1, CD-RW): b16 0 lll hhhh, b17 0 ppp ggg 0, b18 1 rrr 0000 */
    out->a1_lowest_clv = (uint8_t)((out->a1[0] >> 4) & 0x07);
    out->a1_highest_clv = (uint8_t)(out->a1[0] & 0x0F);
    out->a1_power_mult = (uint8_t)((out->a1[1] >> 4) & 0x07);
    out->a1_target_gamma = (uint8_t)((out->a1[1] >> 1) & 0x07);
    out->a1_erase_write_ratio = (uint8_t)((out->a1[2] >> 4) & 0x07);
    /* Orange Book: the lead-in start 97:ss:ff identifies the manufacturer by (ss, ff rounded down
     * to 10); the frame's last digit 0-4 = long-strategy dye, 5-9 = short-strategy dye (Aaru
     * ManufacturerFromATIP). No sourced name table is carried, hence "unknown manufacturer". */
    if (out->leadin.m == 97) {
        out->manufacturer_code_valid = true;
        out->manufacturer_second = out->leadin.s;
        out->manufacturer_frame = (uint8_t)(out->leadin.f / 10 * 10);
    }
    if (out->cdrw)
        out->dye = "phase change";
    else if (out->leadin.f % 10 < 5)
        out->dye = "long strategy (cyanine, AZO or similar)";
    else
        out->dye = "short strategy (phthalocyanine or similar)";
    out->manufacturer = "unknown manufacturer";
    return TOCEX_OK;
}

const char *tocex_atip_disc_type_name(const tocex_atip_info *info)
{
    if (info->ddcd)
        return info->cdrw ? "DDCD-RW" : "DDCD-R";
    return info->cdrw ? "CD-RW" : "CD-R";
}

const char *tocex_atip_sub_type_name(const tocex_atip_info *info)
{
    /* Aaru ATIP.cs sub-type names (mmc-read-toc.md 2.5) */
    static const char *const cdr[8] = {"normal speed CLV", "high speed CAV", "medium type A-", "medium type A+",
                                       "medium type B-",   "medium type B+", "medium type C-", "medium type C+"};
    static const char *const cdrw[8] = {"standard speed", "High Speed",     "Ultra Speed",    "Ultra Speed+",
                                        "medium type B-", "medium type B+", "medium type C-", "medium type C+"};
    return info->cdrw ? cdrw[info->sub_type & 7] : cdr[info->sub_type & 7];
}

const char *tocex_atip_reference_speed_name(const tocex_atip_info *info)
{
    /* CD-RW: 1 = 2x; DDCD: 2 = 4x, 3 = 8x (Aaru); MMC leaves the rest open */
    if (info->ddcd) {
        switch (info->reference_speed) {
        case 2: return "4x";
        case 3: return "8x";
        default: return "reserved";
        }
    }
    if (info->cdrw)
        return info->reference_speed == 1 ? "2x" : "reserved";
    return "unspecified";
}
