/* PLACEHOLDER: replaced by the real reader. */
#include "tocex/image.h"

tocex_status tocex_image_read_raw(const char *path, tocex_image_format format, tocex_disc *out, tocex_error *err)
{
    (void)out;
    (void)format;
    return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "%s: raw dumps are not supported yet", path);
}
