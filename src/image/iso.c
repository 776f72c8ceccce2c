/* PLACEHOLDER: replaced by the real reader. */
#include "tocex/image.h"

tocex_status tocex_image_read_iso(const char *path, tocex_disc *out, tocex_error *err)
{
    (void)out;
    return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "%s: ISO images are not supported yet", path);
}
