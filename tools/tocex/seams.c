/* tocex program: the calls into the Windows IOCTL layer and the exporters, kept behind one
 * function each so that a build without those modules only has to replace this file. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tocex/export.h"
#include "tocex/win.h"

tocex_status cli_ioctl_call(tocex_device *dev, uint32_t code, const uint8_t *in, uint32_t in_len, uint8_t *out,
                            uint32_t out_len, uint32_t *information, int32_t *ntstatus)
{
    *information = 0;
    *ntstatus = tocex_win_device_io_control(dev, code, in, in_len, out, out_len, information, NULL);
    return TOCEX_OK;
}

uint32_t cli_ioctl_code(const char *name)
{
    char *end;
    unsigned long v;
    uint32_t code = tocex_win_ioctl_from_name(name);
    if (code != 0)
        return code;
    v = strtoul(name, &end, 0);
    if (end != name && *end == '\0' && v > 0 && v <= 0xFFFFFFFFul)
        return (uint32_t)v;
    return 0;
}

const char *cli_ntstatus_name(int32_t status)
{
    return tocex_win_status_name(status);
}

static char *bin_name_for(const char *source)
{
    const char *base = source != NULL ? strrchr(source, '/') : NULL;
    const char *dot;
    size_t stem;
    char *name;
    base = base != NULL ? base + 1 : source;
    if (base == NULL || *base == '\0')
        return strdup("disc.bin");
    dot = strrchr(base, '.');
    stem = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
    name = malloc(stem + 5);
    if (name == NULL)
        return NULL;
    memcpy(name, base, stem);
    memcpy(name + stem, ".bin", 5);
    /* A name a cue sheet cannot quote falls back to a plain one. */
    if (strpbrk(name, "\"\r\n") != NULL) {
        free(name);
        return strdup("disc.bin");
    }
    return name;
}

tocex_status cli_export(const char *kind, const tocex_disc *disc, const char *source_name, tocex_buf *out,
                        tocex_error *err)
{
    if (strcmp(kind, "ccd") == 0)
        return tocex_export_ccd(disc, out, err);
    if (strcmp(kind, "cdt") == 0)
        return tocex_export_cdt(disc, out, err);
    if (strcmp(kind, "cue") == 0) {
        char *bin = bin_name_for(source_name);
        tocex_status st;
        if (bin == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
        st = tocex_export_cue(disc, bin, out, err);
        free(bin);
        return st;
    }
    return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "no exporter for '%s'", kind);
}
