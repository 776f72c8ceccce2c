/* CD-TEXT of a cue sheet: the binary CDTEXTFILE when there is one, else packs built from the
 * sheet's TITLE/PERFORMER/... lines.
 *
 * Character code of the built block (one block, number 0):
 *   - every text representable in ISO-8859-1 -> ISO-8859-1, language English (09h);
 *   - else every text representable in MS-JIS (CP932) -> MS-JIS, language Japanese (69h),
 *     the only double-byte code players commonly decode;
 *   - else no CD-TEXT is built and a note names the first text that fits neither (the TOC is
 *     still right; replacing characters would make up CD-TEXT the disc never had).
 * A sheet has no language field, so English/Japanese follow from the character code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cdtext/internal.h"
#include "image/cue.h"
#include "util/file.h"
#include "util/text.h"

#define CDT_MAX_BYTES (TOCEX_MAX_CDTEXT_PACKS * TOCEX_CDTEXT_PACK_SIZE + 5)

static tocex_status read_cdtextfile(const tocex_cue_sheet *sh, const char *cue_path, tocex_disc *disc, bool *done,
                                    tocex_error *err)
{
    char *path;
    uint8_t *data = NULL;
    size_t len = 0, first = 0, count = 0;
    tocex_status st;
    tocex_error local;
    *done = false;
    if (cue_path == NULL) {
        tocex_disc_note(disc, "CDTEXTFILE \"%s\" not read (in-memory sheet)", sh->cdtextfile);
        return TOCEX_OK;
    }
    path = tocex_cue_find_companion(cue_path, sh->cdtextfile);
    if (path == NULL) {
        tocex_disc_note(disc, "CDTEXTFILE \"%s\" (line %ld) does not exist; CD-TEXT taken from the sheet's text lines",
                        sh->cdtextfile, sh->cdtextfile_line);
        return TOCEX_OK;
    }
    st = tocex_file_read_all(path, CDT_MAX_BYTES, &data, &len, &local);
    free(path);
    if (st != TOCEX_OK)
        return tocex_error_at_line(err, st, sh->name, sh->cdtextfile_line, "CDTEXTFILE: %s", local.message);
    st = tocex_cdtext_locate_packs(data, len, &first, &count, &local);
    if (st == TOCEX_OK)
        st = tocex_disc_set_cdtext(disc, data + first, count, &local);
    free(data);
    if (st != TOCEX_OK)
        return tocex_error_at_line(err, st, sh->name, sh->cdtextfile_line, "CDTEXTFILE \"%s\": %s", sh->cdtextfile,
                                   local.message);
    if (sh->text_any)
        tocex_disc_note(disc, "CD-TEXT from CDTEXTFILE \"%s\"; the sheet's text lines are not used", sh->cdtextfile);
    *done = true;
    return TOCEX_OK;
}

/* The first text that does not convert to `charset`, or NULL when all do. */
static const char *first_misfit(const tocex_cue_sheet *sh, const char *charset, long *line)
{
    for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
        for (unsigned t = 0; t < 100; t++) {
            const char *s = sh->text[f][t];
            char *conv;
            if (s == NULL)
                continue;
            conv = tocex_text_from_utf8(s, charset, NULL);
            if (conv == NULL) {
                *line = sh->text_line[f][t];
                return s;
            }
            free(conv);
        }
    return NULL;
}

/* The block of the sheet's texts: the checks tocex_cdtext_set makes, with the sheet line in
 * errors (the UTF-8 check is skipped when `known_utf8`), and the 87h genre code. */
static tocex_status sheet_view(const tocex_cue_sheet *sh, bool known_utf8, tocex_cdtext_view *blk, tocex_error *err)
{
    tocex_status st = TOCEX_OK;
    for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT && st == TOCEX_OK; f++) {
        /* a row without texts is given as the shared empty one, which the encoder skips at once */
        bool unused = tocex_cdtext_row_unused(sh->text[f]);
        blk->text[f] = f == TOCEX_CDTEXT_GENRE || unused ? tocex_cdtext_no_texts : sh->text[f];
        /* a track field passes for any track 0..99 when the texts are known to be UTF-8 */
        if (unused || (known_utf8 && tocex_cdtext_text_field((tocex_cdtext_field)f) &&
                       !tocex_cdtext_disc_only((tocex_cdtext_field)f)))
            continue;
        for (unsigned t = 0; t < 100 && st == TOCEX_OK; t++) {
            const char *s = sh->text[f][t];
            if (s == NULL || s[0] == '\0')
                continue;
            if (f == TOCEX_CDTEXT_GENRE) {
                /* 87h: a genre code plus text; a name from the Sony table becomes its code */
                uint16_t code = 1; /* "not defined" */
                for (uint16_t c = 1; c < 256; c++) {
                    const char *gn = tocex_cdtext_genre_name(c);
                    if (gn != NULL && strcasecmp(gn, s) == 0) {
                        code = c;
                        break;
                    }
                }
                blk->genre = code;
                blk->genre_text = code == 1 ? s : NULL;
                continue;
            }
            {
                tocex_error local;
                st = tocex_cdtext_check_text(0, (tocex_cdtext_field)f, t, s, known_utf8, &local);
                if (st != TOCEX_OK)
                    st = tocex_error_at_line(err, st, sh->name, sh->text_line[f][t], "%s", local.message);
            }
        }
    }
    return st;
}

static void view_init(tocex_cdtext_view *blk, uint8_t charset, uint8_t language, const tocex_disc *disc)
{
    memset(blk, 0, sizeof *blk);
    blk->charset = charset;
    blk->language = language;
    blk->first_track = tocex_disc_first_track(disc);
    blk->last_track = tocex_disc_last_track(disc);
}

/* Packs for texts that all fit ISO-8859-1, the usual case, without converting each text three
 * times: the encoder's single-byte path accepts exactly the texts that are well-formed UTF-8 and
 * within ISO-8859-1, and when it accepts them all, the sheet needs no other character code and
 * passes tocex_cdtext_set's UTF-8 check. False (nothing kept) on anything else; the caller then
 * takes the general path, which gives the same result or the errors and notes in their order. */
static bool latin1_packs(const tocex_cue_sheet *sh, const tocex_disc *disc, tocex_buf *packs)
{
    tocex_cdtext_view blk;
    tocex_error local;
    view_init(&blk, TOCEX_CDTEXT_CHARSET_ISO8859_1, 0x09, disc);
    if (sheet_view(sh, true, &blk, &local) != TOCEX_OK)
        return false;
    tocex_buf_init(packs);
    if (tocex_cdtext_encode_views(&blk, 1, NULL, packs, &local) == TOCEX_OK && !packs->failed)
        return true;
    tocex_buf_free(packs);
    return false;
}

tocex_status tocex_cue_cdtext(const tocex_cue_sheet *sh, const char *cue_path, tocex_disc *disc, tocex_error *err)
{
    tocex_cdtext_view blk;
    tocex_buf packs;
    tocex_status st = TOCEX_OK;
    uint8_t charset = TOCEX_CDTEXT_CHARSET_ISO8859_1, language = 0x09;
    long line = 0;
    const char *bad;
    bool done;
    tocex_error local;

    if (sh->cdtextfile != NULL) {
        if ((st = read_cdtextfile(sh, cue_path, disc, &done, err)) != TOCEX_OK || done)
            return st;
    }
    if (!sh->text_any) {
        /* a sheet can carry CD-TEXT, and this one has none */
        disc->known |= TOCEX_KNOWN_CDTEXT;
        return TOCEX_OK;
    }
    if (!latin1_packs(sh, disc, &packs)) {
        if (first_misfit(sh, "ISO-8859-1", &line) != NULL) {
            if ((bad = first_misfit(sh, "CP932", &line)) != NULL) {
                tocex_disc_note(disc, "no CD-TEXT built: \"%.60s\" (line %ld) fits neither ISO-8859-1 nor MS-JIS",
                                bad, line);
                return TOCEX_OK;
            }
            charset = TOCEX_CDTEXT_CHARSET_MS_JIS;
            language = 0x69; /* Japanese (EBU Tech 3264) */
        }
        /* One block (number 0) encoded straight from the sheet's texts. */
        view_init(&blk, charset, language, disc);
        if ((st = sheet_view(sh, false, &blk, err)) != TOCEX_OK)
            return st;
        tocex_buf_init(&packs);
        st = tocex_cdtext_encode_views(&blk, 1, NULL, &packs, &local);
        if (st == TOCEX_OK && packs.failed)
            st = tocex_error_set(&local, TOCEX_E_NOMEM, "out of memory");
    }
    if (st == TOCEX_OK)
        st = tocex_disc_set_cdtext(disc, packs.data, packs.len / TOCEX_CDTEXT_PACK_SIZE, &local);
    if (st != TOCEX_OK)
        tocex_error_set(err, st, "%s: CD-TEXT from the sheet's text lines: %s", sh->name, local.message);
    tocex_buf_free(&packs);
    if (st == TOCEX_OK)
        tocex_disc_note(disc, "CD-TEXT built from the sheet's text lines (rippers write these from databases too; "
                              "the disc may have had none)");
    if (st == TOCEX_OK && sh->ignored_binary_text)
        tocex_disc_note(disc, "TOC_INFO/SIZE_INFO lines ignored: the CD-TEXT encoder derives those packs");
    return st;
}
