/* PLACEHOLDER: replaced by the real reader. */
#include "tocex/image.h"
#include "util/file.h"

tocex_status tocex_image_parse_mds(const char *name, const uint8_t *data, size_t len, tocex_disc *out, tocex_error *err)
{
    (void)data;
    (void)len;
    (void)out;
    return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "%s: this format is not supported yet", name != NULL ? name : "(input)");
}

tocex_status tocex_image_read_mds(const char *path, tocex_disc *out, tocex_error *err)
{
    return tocex_image_parse_mds(path, NULL, 0, out, err);
}
