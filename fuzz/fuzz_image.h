/* One fuzz target per image parser (in-memory entry points). Property: a disc a parser accepts is
 * a valid disc, and an emulated drive holding it gives back the same TOC through the initiator. */
#include "fuzz_common.h"
#include "fuzz_common.c.inc"

static void check_disc_roundtrip(const tocex_disc *disc)
{
    tocex_device *dev = tocex_emu_open(disc, NULL, NULL);
    tocex_disc *back = malloc(sizeof *back);
    FUZZ_CHECK(dev != NULL && back != NULL);
    tocex_disc_init(back);
    if (disc->track_count > 0 && tocex_media_is_cd(disc->media)) {
        FUZZ_CHECK(tocex_read_disc(dev, NULL, back, NULL, NULL) == TOCEX_OK);
        FUZZ_CHECK(back->track_count == disc->track_count);
        FUZZ_CHECK(back->session_count == disc->session_count);
        for (size_t i = 0; i < disc->track_count; i++) {
            FUZZ_CHECK(back->tracks[i].number == disc->tracks[i].number);
            FUZZ_CHECK(back->tracks[i].start == disc->tracks[i].start);
            FUZZ_CHECK(back->tracks[i].control == disc->tracks[i].control);
        }
        for (size_t i = 0; i < disc->session_count; i++)
            FUZZ_CHECK(back->sessions[i].leadout == disc->sessions[i].leadout);
    }
    tocex_disc_free(back);
    free(back);
    tocex_device_close(dev);
}

#define TOCEX_FUZZ_PARSER(parse)                                                                                 \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                                                 \
    {                                                                                                            \
        tocex_disc *disc = malloc(sizeof *disc);                                                                 \
        tocex_error err;                                                                                         \
        FUZZ_CHECK(disc != NULL);                                                                                \
        tocex_disc_init(disc);                                                                                   \
        if (parse(NULL, data, size, disc, &err) == TOCEX_OK)                                                     \
            check_disc_roundtrip(disc);                                                                          \
        else                                                                                                     \
            FUZZ_CHECK(err.message[0] != '\0');                                                                  \
        tocex_disc_free(disc);                                                                                   \
        free(disc);                                                                                              \
        return 0;                                                                                                \
    }
