/* CD-TEXT packs. Property: what decodes re-encodes, and the re-encoded packs decode to the same
 * texts (a fixpoint after one normalisation). */
#include "fuzz_common.h"
#include "fuzz_common.c.inc"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tocex_cdtext *a = NULL, *b = NULL;
    tocex_buf packs;
    if (tocex_cdtext_decode(data, size / 18, &a, NULL) != TOCEX_OK)
        return 0;
    tocex_buf_init(&packs);
    if (tocex_cdtext_encode(a, &packs, NULL) == TOCEX_OK) {
        FUZZ_CHECK(packs.len % 18 == 0);
        if (tocex_cdtext_decode(packs.data, packs.len / 18, &b, NULL) == TOCEX_OK) {
            FUZZ_CHECK(a->block_count == b->block_count);
            for (size_t i = 0; i < a->block_count; i++)
                for (unsigned f = 0; f < TOCEX_CDTEXT_TOC_INFO; f++)
                    for (unsigned t = 0; t < 100; t++) {
                        const char *x = a->blocks[i].text[f][t], *y = b->blocks[i].text[f][t];
                        FUZZ_CHECK((x == NULL) == (y == NULL));
                        FUZZ_CHECK(x == NULL || strcmp(x, y) == 0);
                    }
            tocex_cdtext_free(b);
        }
    }
    tocex_buf_free(&packs);
    tocex_cdtext_free(a);
    return 0;
}
