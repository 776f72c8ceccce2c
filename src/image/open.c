/* Format sniffing and dispatch. PLACEHOLDER sniffing by extension; replaced by content sniffing. */
#include <string.h>
#include <strings.h>

#include "tocex/image.h"
#include "util/file.h"

static const char *const format_names[TOCEX_IMAGE_FORMAT_COUNT] = {
    [TOCEX_IMAGE_UNKNOWN] = "unknown", [TOCEX_IMAGE_CUE] = "cue",         [TOCEX_IMAGE_CCD] = "ccd",
    [TOCEX_IMAGE_CDRDAO_TOC] = "cdrdao-toc", [TOCEX_IMAGE_NRG] = "nrg",   [TOCEX_IMAGE_MDS] = "mds",
    [TOCEX_IMAGE_ISO] = "iso",           [TOCEX_IMAGE_RAW_TOC] = "raw-toc", [TOCEX_IMAGE_RAW_FULLTOC] = "raw-fulltoc",
    [TOCEX_IMAGE_RAW_PMA] = "raw-pma",   [TOCEX_IMAGE_RAW_ATIP] = "raw-atip", [TOCEX_IMAGE_RAW_CDTEXT] = "raw-cdtext",
    [TOCEX_IMAGE_CDT] = "cdt",           [TOCEX_IMAGE_RIPLOG] = "riplog",
};

const char *tocex_image_format_name(tocex_image_format format)
{
    if ((unsigned)format < TOCEX_IMAGE_FORMAT_COUNT)
        return format_names[format];
    return "unknown";
}

tocex_image_format tocex_image_sniff(const char *path, const uint8_t *head, size_t head_len)
{
    const char *dot = strrchr(tocex_path_basename(path), '.');
    (void)head;
    (void)head_len;
    if (dot == NULL)
        return TOCEX_IMAGE_UNKNOWN;
    if (strcasecmp(dot, ".cue") == 0)
        return TOCEX_IMAGE_CUE;
    if (strcasecmp(dot, ".ccd") == 0)
        return TOCEX_IMAGE_CCD;
    if (strcasecmp(dot, ".toc") == 0)
        return TOCEX_IMAGE_CDRDAO_TOC;
    if (strcasecmp(dot, ".nrg") == 0)
        return TOCEX_IMAGE_NRG;
    if (strcasecmp(dot, ".mds") == 0)
        return TOCEX_IMAGE_MDS;
    if (strcasecmp(dot, ".iso") == 0)
        return TOCEX_IMAGE_ISO;
    return TOCEX_IMAGE_UNKNOWN;
}

tocex_status tocex_image_open_as(const char *path, tocex_image_format format, tocex_disc *out, tocex_error *err)
{
    switch (format) {
    case TOCEX_IMAGE_CUE: return tocex_image_read_cue(path, out, err);
    case TOCEX_IMAGE_CCD: return tocex_image_read_ccd(path, out, err);
    case TOCEX_IMAGE_CDRDAO_TOC: return tocex_image_read_cdrdao(path, out, err);
    case TOCEX_IMAGE_NRG: return tocex_image_read_nrg(path, out, err);
    case TOCEX_IMAGE_MDS: return tocex_image_read_mds(path, out, err);
    case TOCEX_IMAGE_ISO: return tocex_image_read_iso(path, out, err);
    case TOCEX_IMAGE_RAW_TOC:
    case TOCEX_IMAGE_RAW_FULLTOC:
    case TOCEX_IMAGE_RAW_PMA:
    case TOCEX_IMAGE_RAW_ATIP:
    case TOCEX_IMAGE_RAW_CDTEXT:
    case TOCEX_IMAGE_CDT: return tocex_image_read_raw(path, format, out, err);
    case TOCEX_IMAGE_RIPLOG: return tocex_image_read_riplog(path, out, err);
    default: return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "%s: not a disc image tocex knows", path);
    }
}

tocex_status tocex_image_open(const char *path, tocex_disc *out, tocex_error *err)
{
    return tocex_image_open_as(path, tocex_image_sniff(path, NULL, 0), out, err);
}
