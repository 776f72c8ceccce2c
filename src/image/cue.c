/* CUE sheet reader: parse (cue_parse.c), measure companions (cue_files.c), lay out the disc
 * (cue_layout.c), CD-TEXT (cue_cdtext.c). Rules in image/cue.h. */
#include <stdlib.h>

#include "image/cue.h"
#include "tocex/image.h"
#include "util/file.h"

static tocex_status build_disc(const char *name, tocex_cue_sheet *sheet, tocex_disc *out, tocex_error *err)
{
    tocex_status st;
    tocex_cue_measure(sheet, name);
    st = tocex_cue_layout(sheet, out, err);
    if (st == TOCEX_OK)
        st = tocex_cue_cdtext(sheet, name, out, err);
    if (st == TOCEX_OK)
        st = tocex_disc_finish(out, err);
    tocex_cue_sheet_free(sheet);
    if (st != TOCEX_OK)
        tocex_disc_free(out);
    return st;
}

tocex_status tocex_image_parse_cue(const char *name, const uint8_t *data, size_t len, tocex_disc *out, tocex_error *err)
{
    tocex_cue_sheet *sheet;
    tocex_status st;
    /* out is initialised by the layout step, or here when the sheet does not parse */
    if ((st = tocex_cue_parse(name, data, len, &sheet, err)) != TOCEX_OK) {
        tocex_disc_init(out);
        return st;
    }
    return build_disc(name, sheet, out, err);
}

tocex_status tocex_image_parse_cue_buffer(const char *name, uint8_t *buf, size_t len, size_t cap, tocex_disc *out,
                                          tocex_error *err)
{
    tocex_cue_sheet *sheet;
    tocex_status st;
    if ((st = tocex_cue_parse_buffer(name, buf, len, cap, &sheet, err)) != TOCEX_OK) {
        tocex_disc_init(out);
        return st;
    }
    return build_disc(name, sheet, out, err);
}

tocex_status tocex_image_read_cue(const char *path, tocex_disc *out, tocex_error *err)
{
    return tocex_file_parse(path, TOCEX_CUE_MAX_SIZE, tocex_image_parse_cue, out, err);
}
