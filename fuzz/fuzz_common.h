/* Shared bits of the fuzz targets: fixed discs to answer from, a device fed by fuzz bytes. */
#ifndef TOCEX_FUZZ_COMMON_H
#define TOCEX_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tocex/tocex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                                         \
    do {                                                                                                         \
        if (!(cond)) {                                                                                           \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);                          \
            abort();                                                                                             \
        }                                                                                                        \
    } while (0)

/* Discs the emulated drive answers from: 0 two-session CD-R with ATIP/PMA/CD-TEXT, 1 pressed audio
 * CD, 2 DVD-ROM, 3 blank CD-RW, 4 no medium. Caller frees with fuzz_disc_free. */
tocex_disc *fuzz_disc(unsigned which);
void fuzz_disc_free(tocex_disc *disc);

/* A device whose every answer is read from a fuzz byte stream: per command one byte chooses
 * GOOD / CHECK CONDITION (then 3 sense bytes) / transport error, then a 2-byte length and data. */
typedef struct fuzz_stream {
    const uint8_t *data;
    size_t size;
    size_t pos;
    unsigned commands;
} fuzz_stream;
tocex_device *fuzz_stream_device(fuzz_stream *stream);

#endif
