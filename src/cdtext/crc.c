/* CD-TEXT pack CRC (MMC-3 Annex J: generator x^16 + x^12 + x^5 + 1, all bits inverted). */
#include "tocex/cdtext.h"

uint16_t tocex_cdtext_crc(const uint8_t pack[16])
{
    /* MSB-first polynomial division, initial value 0, over bytes 0..15; the residue is
     * inverted (catalogue name CRC-16/GSM) and stored big-endian in bytes 16..17. */
    uint16_t crc = 0;
    for (size_t i = 0; i < 16; i++) {
        crc = (uint16_t)(crc ^ (uint16_t)((unsigned)pack[i] << 8));
        for (int bit = 0; bit < 8; bit++) {
            if ((crc & 0x8000u) != 0)
                crc = (uint16_t)((unsigned)(crc << 1) ^ 0x1021u);
            else
                crc = (uint16_t)(crc << 1);
        }
    }
    return (uint16_t)(crc ^ 0xFFFFu);
}

bool tocex_cdtext_pack_crc_ok(const uint8_t pack[18])
{
    return tocex_cdtext_crc(pack) == tocex_be16(pack + 16);
}
