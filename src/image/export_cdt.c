/* Disc model -> .cdt CD-TEXT file (the form CDRWIN writes and cdrecord's textfile= reads):
 * the lead-in's 18-byte packs in order, CRCs included, then one 00h byte. No READ TOC header. */
#include "tocex/cdtext.h"
#include "tocex/export.h"

tocex_status tocex_export_cdt(const tocex_disc *disc, tocex_buf *out, tocex_error *err)
{
    size_t bytes;
    if (disc == NULL || out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "cdt export: no disc or output");
    if (disc->cdtext_packs == 0 || disc->cdtext == NULL)
        return tocex_error_set(err, TOCEX_E_NOT_PRESENT, "cdt export: the disc has no CD-TEXT");
    if (disc->cdtext_packs > TOCEX_MAX_CDTEXT_PACKS)
        return tocex_error_set(err, TOCEX_E_LIMIT, "cdt export: %zu CD-TEXT packs (at most %d fit in the lead-in)",
                               disc->cdtext_packs, TOCEX_MAX_CDTEXT_PACKS);
    bytes = disc->cdtext_packs * TOCEX_CDTEXT_PACK_SIZE;
    /* The packs are written byte for byte as the disc holds them, CRC fields included (a CRC
     * that does not match stays visible to whoever reads the file, as it was on the disc). The
     * trailing 00h is CDRWIN's; readers of .cdt files (libcdio's bincue driver, tocex) accept
     * it, and a length of 18n + 1 cannot be mistaken for packs behind a 4-byte header. */
    if (!tocex_buf_put_bytes(out, disc->cdtext, bytes) || !tocex_buf_put_u8(out, 0x00))
        return tocex_error_set(err, TOCEX_E_NOMEM, "cdt export: output buffer full or out of memory");
    return TOCEX_OK;
}
