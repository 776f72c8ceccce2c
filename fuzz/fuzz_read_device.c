/* The initiator against a drive that answers garbage: every READ TOC decoder runs on hostile
 * bytes through the reading strategy. Property: it never crashes, and a disc it accepts is one
 * the builder accepts. */
#include "fuzz_common.h"
#include "fuzz_common.c.inc"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_stream stream = {data, size, 0, 0};
    tocex_device *dev = fuzz_stream_device(&stream);
    tocex_disc *disc = malloc(sizeof *disc);
    tocex_read_report report;
    FUZZ_CHECK(dev != NULL && disc != NULL);
    tocex_disc_init(disc);
    if (tocex_read_disc(dev, NULL, disc, &report, NULL) == TOCEX_OK) {
        tocex_disc copy;
        FUZZ_CHECK(tocex_disc_copy(&copy, disc, NULL) == TOCEX_OK);
        FUZZ_CHECK(tocex_disc_finish(&copy, NULL) == TOCEX_OK);
        tocex_disc_free(&copy);
    }
    tocex_disc_free(disc);
    free(disc);
    tocex_device_close(dev);
    return 0;
}
