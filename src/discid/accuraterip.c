/* AccurateRip disc IDs (as whipper, cuetools and the AccurateRip database key their files). */
#include "tocex/discid.h"

void tocex_discid_accuraterip_values(const int32_t *audio_lbas, size_t count, int32_t leadout, uint32_t *id1,
                                     uint32_t *id2)
{
    uint32_t a = 0, b = 0;
    for (size_t i = 0; i < count; i++) {
        uint32_t lba = (uint32_t)audio_lbas[i];
        uint32_t k = (uint32_t)(i + 1); /* ordinal among audio tracks (EAC, cuetools, CTDB toc2arid) */
        a += lba;
        b += (audio_lbas[i] > 1 ? lba : 1u) * k;
    }
    a += (uint32_t)leadout;
    b += (leadout > 1 ? (uint32_t)leadout : 1u) * (uint32_t)(count + 1);
    *id1 = a;
    *id2 = b;
}
