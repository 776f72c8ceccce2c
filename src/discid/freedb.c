/* freedb / CDDB1 disc IDs. */
#include "tocex/discid.h"

/* digit sums of 00..99: two digits per step */
static const uint8_t pair_sum[100] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
};

static uint32_t digit_sum(uint32_t v)
{
    uint32_t s = 0;
    while (v >= 100) {
        s += pair_sum[v % 100];
        v /= 100;
    }
    return s + pair_sum[v];
}

static uint32_t seconds_of(int32_t address_plus_150)
{
    return address_plus_150 > 0 ? (uint32_t)address_plus_150 / 75u : 0u;
}

uint32_t tocex_discid_freedb_value(const int32_t *lbas, size_t count, int32_t leadout)
{
    /* CDDB1 (cd-discid, EAC, cuetools CalculateCDDBId): times are taken with the 2-second
     * offset, i.e. from (LBA + 150) / 75. */
    uint32_t n = 0, t = 0;
    for (size_t i = 0; i < count; i++)
        n += digit_sum(seconds_of(lbas[i] + 150));
    if (count > 0) {
        uint32_t end = seconds_of(leadout + 150), start = seconds_of(lbas[0] + 150);
        t = end > start ? end - start : 0;
    }
    return (n % 255u) << 24 | (t & 0xFFFFu) << 8 | (uint32_t)(count & 0xFF);
}

uint32_t tocex_discid_freedb_libdiscid(const tocex_discid_toc *toc)
{
    /* libdiscid src/disc.c create_freedb_disc_id: iterates tracks 1..last (tracks before `first`
     * have offset 0), counts `last` tracks and measures the length from offsets[1] — which is 0
     * when the disc starts with track 2 or later (python-discid "Lunar" vector 840bc20b). */
    uint32_t n = 0, t;
    unsigned last = toc->last < 100 ? toc->last : 99;
    for (unsigned i = 1; i <= last; i++) {
        int32_t off = i >= toc->first ? toc->offsets[i] : 0;
        n += digit_sum(seconds_of(off));
    }
    {
        uint32_t end = seconds_of(toc->offsets[0]);
        uint32_t start = toc->first <= 1 ? seconds_of(toc->offsets[1]) : 0;
        t = end > start ? end - start : 0;
    }
    return (n % 255u) << 24 | (t & 0xFFFFu) << 8 | (uint32_t)(last & 0xFF);
}
