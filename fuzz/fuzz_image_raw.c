/* Fuzz target: tocex_image_read_raw (saved READ TOC answers and .cdt files; path-only reader).
 * The first byte chooses the file kind (and its extension); the rest is the file. Property: a
 * dump it accepts is a valid disc the emulated drive answers back with the same tracks. */
#include "fuzz_image.h"
#include "fuzz_path.h"

static const struct {
    const char *name;
    tocex_image_format format;
} kinds[] = {
    {"d.toc", TOCEX_IMAGE_RAW_TOC},   {"d.fulltoc", TOCEX_IMAGE_RAW_FULLTOC}, {"d.pma", TOCEX_IMAGE_RAW_PMA},
    {"d.atip", TOCEX_IMAGE_RAW_ATIP}, {"d.cdtext", TOCEX_IMAGE_RAW_CDTEXT},   {"d.cdt", TOCEX_IMAGE_CDT},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    tocex_disc *disc;
    tocex_error err;
    unsigned k;
    if (size < 1)
        return 0;
    k = data[0] % (unsigned)(sizeof kinds / sizeof kinds[0]);
    if (fuzz_write_temp(kinds[k].name, data + 1, size - 1, path, sizeof path) != 0)
        return 0;
    disc = malloc(sizeof *disc);
    FUZZ_CHECK(disc != NULL);
    tocex_disc_init(disc);
    if (tocex_image_read_raw(path, kinds[k].format, disc, &err) == TOCEX_OK)
        check_disc_roundtrip(disc);
    else
        FUZZ_CHECK(err.message[0] != '\0');
    tocex_disc_free(disc);
    free(disc);
    remove(path);
    return 0;
}
