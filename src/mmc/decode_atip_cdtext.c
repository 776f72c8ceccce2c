/* Decoders for READ TOC/PMA/ATIP format 4 (ATIP) and format 5 (CD-TEXT).
 * Layouts and drive quirks: mmc-read-toc.md 2.5 and 2.6. */
#include <stdio.h>
#include <string.h>

#include "tocex/bytes.h"
#include "tocex/cdtext.h"
#include "tocex/decode.h"

#define WHERE "READ TOC answer"

static tocex_status bcd_msf(uint8_t *p, size_t at, tocex_error *err)
{
    for (size_t i = 0; i < 3; i++) {
        uint8_t b;
        if (!tocex_bcd_to_bin(p[i], &b))
            return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)(at + i),
                                         "ATIP: lead-in minute >= 90h says BCD, but %02Xh is not BCD", p[i]);
        p[i] = b;
    }
    return TOCEX_OK;
}

tocex_status tocex_decode_atip_answer(const uint8_t *data, size_t len, tocex_atip_answer *out, tocex_error *err)
{
    tocex_span s;
    uint16_t dl, reserved;
    size_t n;
    bool all_zero = true;
    tocex_msf in, lo;
    tocex_status st;

    memset(out, 0, sizeof *out);
    tocex_span_init(&s, data, len);
    if (!tocex_span_get_u16be(&s, &dl) || !tocex_span_get_u16be(&s, &reserved))
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                     "ATIP: %zu bytes, the 4-byte header is incomplete", len);
    out->data_length = dl;
    if (dl == 2)
        return tocex_error_at_offset(err, TOCEX_E_NOT_PRESENT, WHERE, 0, "ATIP: Data Length 2, no descriptor");
    /* 24 descriptor bytes (MMC-1..3), 28 with the S4 values (newer MMC / DDCD; Aaru accepts both) */
    if (dl != 2 + 24 && dl != 2 + 28)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 0,
                                     "ATIP: Data Length %u, 26 or 30 expected (24 or 28 descriptor bytes)", dl);
    n = (size_t)dl - 2;
    if (!tocex_span_copy(&s, out->bytes, n))
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                     "ATIP truncated: %zu bytes, Data Length %u announces %zu", len, dl, n + 4);
    out->len = n;
    for (size_t i = 0; i < n; i++)
        if (out->bytes[i] != 0)
            all_zero = false;
    /* Yamaha drives answer an all-zero ATIP for discs that have none, instead of CHECK CONDITION
     * (cdrtools cdrecord/drv_mmc.c). */
    if (all_zero)
        return tocex_error_at_offset(err, TOCEX_E_NOT_PRESENT, WHERE, 4,
                                     "ATIP: all zero, the answer of a drive (Yamaha) for a disc without ATIP");
    /* MMC: byte 6 bit 7 is always 1 (Aaru's decoder rejects the answer otherwise) */
    if (!(out->bytes[2] & 0x80))
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 6,
                                     "ATIP: byte 6 is %02Xh, bit 7 must be 1", out->bytes[2]);
    /* Buggy Ricoh firmware answers lead-in and lead-out in BCD; a lead-in minute of 90h or more
     * cannot be binary (cdrecord converts when lead-in M >= 0x90). */
    if (out->bytes[4] >= 0x90) {
        if ((st = bcd_msf(&out->bytes[4], 8, err)) != TOCEX_OK || (st = bcd_msf(&out->bytes[8], 12, err)) != TOCEX_OK)
            return st;
        out->ricoh_bcd = true;
    }
    in = (tocex_msf){out->bytes[4], out->bytes[5], out->bytes[6]};
    lo = (tocex_msf){out->bytes[8], out->bytes[9], out->bytes[10]};
    if (!tocex_msf_valid(in))
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 8,
                                     "ATIP: start of lead-in %u:%u:%u is not an MSF time", in.m, in.s, in.f);
    if (!tocex_msf_valid(lo))
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 12,
                                     "ATIP: last possible lead-out %u:%u:%u is not an MSF time", lo.m, lo.s, lo.f);
    /* LITE-ON LTR-48125S answers garbage for pressed discs; libburn discards an ATIP whose
     * lead-in does not come before the lead-out. */
    if (tocex_msf_to_lba(in) >= tocex_msf_to_lba(lo))
        return tocex_error_at_offset(err, TOCEX_E_NOT_PRESENT, WHERE, 8,
                                     "ATIP: lead-in %02u:%02u:%02u is not before lead-out %02u:%02u:%02u, the "
                                     "garbage a drive (LITE-ON) answers for a disc without ATIP",
                                     in.m, in.s, in.f, lo.m, lo.s, lo.f);
    return TOCEX_OK;
}

tocex_status tocex_decode_cdtext_answer(const uint8_t *data, size_t len, unsigned flags, tocex_cdtext_answer *out,
                                        tocex_error *err)
{
    tocex_span s, packs;
    uint16_t dl, reserved;
    size_t total, available;

    memset(out, 0, sizeof *out);
    tocex_span_init(&s, data, len);
    if (!tocex_span_get_u16be(&s, &dl) || !tocex_span_get_u16be(&s, &reserved))
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                     "CD-TEXT: %zu bytes, the 4-byte header is incomplete", len);
    out->data_length = dl;
    /* Header only (Data Length 2) = no CD-TEXT (Aaru, Bochs). A fork of MAME sends Data Length 0,
     * which is inconsistent but means the same. */
    if (dl == 0 || dl == 2)
        return TOCEX_OK;
    if (dl < 2 || (dl - 2) % TOCEX_CDTEXT_PACK_SIZE != 0)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 0,
                                     "CD-TEXT: Data Length %u is not 2 + 18 n (18-byte packs)", dl);
    out->expected = (size_t)(dl - 2) / TOCEX_CDTEXT_PACK_SIZE;
    if (out->expected > 2048)
        return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, 0,
                                     "CD-TEXT: %zu packs, more than 8 blocks x 256 fit in the lead-in",
                                     out->expected);
    total = (size_t)dl + 2;
    if (len < total) {
        out->truncated = true;
        if (!(flags & TOCEX_DECODE_ALLOW_TRUNCATED))
            return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, (long long)len,
                                         "CD-TEXT truncated: %zu bytes, Data Length %u announces %zu", len, dl,
                                         total);
    }
    available = (len < total ? len : total) - 4;
    out->pack_count = available / TOCEX_CDTEXT_PACK_SIZE;
    if (out->pack_count > out->expected)
        out->pack_count = out->expected;
    if (out->pack_count == 0)
        return TOCEX_OK;
    if (!tocex_span_get_span(&s, &packs, out->pack_count * TOCEX_CDTEXT_PACK_SIZE))
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, WHERE, 4, "CD-TEXT packs cut off");
    out->packs = packs.data;
    /* the sub-span holds pack_count whole packs: each is read in place */
    for (size_t i = 0; i < out->pack_count; i++) {
        const uint8_t *pack = packs.data + TOCEX_CDTEXT_PACK_SIZE * i;
        uint8_t type = pack[0], crc_hi = pack[16], crc_lo = pack[17];
        /* MMC-3 Annex J: pack types 80h-8Fh */
        if (type < 0x80 || type > 0x8F)
            return tocex_error_at_offset(err, TOCEX_E_BAD_ANSWER, WHERE, (long long)(4 + 18 * i),
                                         "CD-TEXT pack %zu: type %02Xh is outside 80h-8Fh", i + 1, type);
        /* Some drives send CRC 0000 on the last pack (accepted; the CD-TEXT decoder counts CRC
         * failures). */
        if (i + 1 == out->expected && crc_hi == 0 && crc_lo == 0)
            out->last_pack_zero_crc = true;
    }
    return TOCEX_OK;
}
