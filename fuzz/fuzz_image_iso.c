/* Fuzz target: tocex_image_read_iso (path-only reader). Property: an image it accepts is a valid
 * disc the emulated drive answers back with the same tracks. */
#include "fuzz_image.h"
#include "fuzz_path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    tocex_disc *disc;
    tocex_error err;
    if (fuzz_write_temp("d.iso", data, size, path, sizeof path) != 0)
        return 0;
    disc = malloc(sizeof *disc);
    FUZZ_CHECK(disc != NULL);
    tocex_disc_init(disc);
    if (tocex_image_read_iso(path, disc, &err) == TOCEX_OK)
        check_disc_roundtrip(disc);
    else
        FUZZ_CHECK(err.message[0] != '\0');
    tocex_disc_free(disc);
    free(disc);
    remove(path);
    return 0;
}
