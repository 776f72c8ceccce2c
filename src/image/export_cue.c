/* Disc model -> CDRWIN cue sheet (conventions in include/tocex/export.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tocex/addr.h"
#include "tocex/cdtext.h"
#include "tocex/export.h"


/* Relative cue time of a frame count. */
static const char *cue_time(int32_t frames, char *buf, size_t cap)
{
    if (frames < 0)
        frames = 0;
    snprintf(buf, cap, "%02ld:%02ld:%02ld", (long)(frames / 4500), (long)(frames / 75 % 60), (long)(frames % 75));
    return buf;
}

static const char *type_word(const tocex_track *t)
{
    switch (t->mode) {
    case TOCEX_MODE_AUDIO: return t->sector_size == 2448 ? "CDG" : "AUDIO";
    case TOCEX_MODE_MODE1: return t->sector_size == 2048 ? "MODE1/2048" : "MODE1/2352";
    case TOCEX_MODE_MODE2:
    case TOCEX_MODE_MODE2_MIXED: return t->sector_size == 2336 ? "MODE2/2336" : "MODE2/2352";
    case TOCEX_MODE_MODE2_FORM1: return t->sector_size == 2048 ? "MODE2/2048" : "MODE2/2352";
    case TOCEX_MODE_MODE2_FORM2: return t->sector_size == 2324 ? "MODE2/2324" : "MODE2/2352";
    case TOCEX_MODE_CDI: return t->sector_size == 2336 ? "CDI/2336" : "CDI/2352";
    default: return (t->control & TOCEX_CONTROL_DATA) ? "MODE1/2352" : "AUDIO";
    }
}

static bool is_data(const tocex_track *t)
{
    return (t->control & TOCEX_CONTROL_DATA) != 0;
}

static tocex_status put_text(tocex_buf *out, const char *indent, const char *cmd, const char *text, unsigned track,
                             tocex_error *err)
{
    if (text == NULL || text[0] == '\0')
        return TOCEX_OK;
    if (strchr(text, '\n') != NULL || strchr(text, '\r') != NULL)
        return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "CD-TEXT %s of track %u holds a line break, which a cue "
                               "sheet cannot carry", cmd, track);
    tocex_buf_printf(out, "%s%s \"%s\"\n", indent, cmd, text);
    return TOCEX_OK;
}

static const struct {
    tocex_cdtext_field field;
    const char *cmd;
} text_cmds[] = {
    {TOCEX_CDTEXT_TITLE, "TITLE"},         {TOCEX_CDTEXT_PERFORMER, "PERFORMER"},
    {TOCEX_CDTEXT_SONGWRITER, "SONGWRITER"}, {TOCEX_CDTEXT_COMPOSER, "COMPOSER"},
    {TOCEX_CDTEXT_ARRANGER, "ARRANGER"},   {TOCEX_CDTEXT_MESSAGE, "MESSAGE"},
};

static tocex_status put_texts(tocex_buf *out, const tocex_cdtext_block *blk, unsigned track, const char *indent,
                              tocex_error *err)
{
    tocex_status st;
    if (blk == NULL)
        return TOCEX_OK;
    for (size_t i = 0; i < sizeof text_cmds / sizeof text_cmds[0]; i++)
        if ((st = put_text(out, indent, text_cmds[i].cmd, blk->text[text_cmds[i].field][track], track, err)) !=
            TOCEX_OK)
            return st;
    if (track == 0) {
        const char *genre = blk->genre_text;
        if ((genre == NULL || genre[0] == '\0') && blk->genre > 1)
            genre = tocex_cdtext_genre_name(blk->genre);
        if ((st = put_text(out, indent, "DISC_ID", blk->text[TOCEX_CDTEXT_DISC_ID][0], 0, err)) != TOCEX_OK ||
            (st = put_text(out, indent, "GENRE", genre, 0, err)) != TOCEX_OK ||
            (st = put_text(out, indent, "UPC_EAN", blk->text[TOCEX_CDTEXT_UPC_ISRC][0], 0, err)) != TOCEX_OK)
            return st;
    }
    return TOCEX_OK;
}

tocex_status tocex_export_cue(const tocex_disc *disc, const char *bin_name, tocex_buf *out, tocex_error *err)
{
    tocex_cdtext *ct = NULL;
    const tocex_cdtext_block *blk = NULL;
    bool multi = disc->session_count > 1;
    int32_t silence = 0;
    tocex_status st = TOCEX_OK;
    char t1[16], t2[16];

    if (disc->track_count == 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "cue export: the disc has no tracks");
    if (bin_name == NULL || bin_name[0] == '\0' || strpbrk(bin_name, "\"\r\n") != NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT,
                               "cue export: image file name is empty or holds a quote or line break");
    for (size_t i = 0; i < disc->track_count; i++) {
        const tocex_track *t = &disc->tracks[i];
        if ((t->mode == TOCEX_MODE_AUDIO && is_data(t)) || (tocex_track_mode_is_data(t->mode) && !is_data(t)))
            return tocex_error_set(err, TOCEX_E_UNSUPPORTED,
                                   "cue export: track %u is %s but its CONTROL data bit says otherwise; a cue sheet "
                                   "derives the bit from the track type",
                                   t->number, tocex_track_mode_name(t->mode));
    }

    if (disc->cdtext_packs > 0) {
        tocex_error local;
        if (tocex_cdtext_decode(disc->cdtext, disc->cdtext_packs, &ct, &local) == TOCEX_OK)
            blk = tocex_cdtext_block_get(ct, 0, false);
        else
            tocex_buf_printf(out, "REM CD-TEXT not exported: %s\n", local.message);
    }
    if (disc->mcn[0] != '\0')
        tocex_buf_printf(out, "CATALOG %s\n", disc->mcn);
    if ((st = put_texts(out, blk, 0, "", err)) != TOCEX_OK)
        goto done;
    tocex_buf_printf(out, "FILE \"%s\" BINARY\n", bin_name);

    for (size_t i = 0; i < disc->track_count; i++) {
        const tocex_track *t = &disc->tracks[i];
        int32_t pregap = t->pregap > 0 ? t->pregap : 0;
        int32_t floor_lba = i == 0 ? 0 : disc->tracks[i - 1].start + 1;
        bool session_start = i == 0 || t->session != disc->tracks[i - 1].session;
        if (session_start && i > 0)
            floor_lba = disc->sessions[disc->tracks[i - 1].session - 1].leadout;
        if (multi && session_start) {
            if (i > 0)
                tocex_buf_printf(out, "REM LEAD-OUT %s\n",
                    cue_time(disc->sessions[disc->tracks[i - 1].session - 1].leadout - silence, t1, sizeof t1));
            tocex_buf_printf(out, "REM SESSION %02u\n", t->session);
        }
        /* INDEX 00 cannot lie before LBA 0, inside the previous track's INDEX 01, or in the
         * previous session's lead-out */
        if (t->start - pregap < floor_lba)
            pregap = t->start - floor_lba > 0 ? t->start - floor_lba : 0;
        tocex_buf_printf(out, "  TRACK %02u %s\n", t->number, type_word(t));
        if (t->control & (TOCEX_CONTROL_COPY | TOCEX_CONTROL_4CH | TOCEX_CONTROL_PREEMPHASIS))
            tocex_buf_printf(out, "    FLAGS%s%s%s\n", (t->control & TOCEX_CONTROL_COPY) ? " DCP" : "",
                (t->control & TOCEX_CONTROL_4CH) ? " 4CH" : "", (t->control & TOCEX_CONTROL_PREEMPHASIS) ? " PRE" : "");
        if (t->isrc[0] != '\0')
            tocex_buf_printf(out, "    ISRC %.12s\n", t->isrc);
        if ((st = put_texts(out, blk, t->number, "    ", err)) != TOCEX_OK)
            goto done;
        if (pregap > 0 && i > 0 && !session_start && is_data(t) != is_data(&disc->tracks[i - 1])) {
            tocex_buf_printf(out, "    PREGAP %s\n", cue_time(pregap, t1, sizeof t1));
            silence += pregap;
        } else if (pregap > 0) {
            tocex_buf_printf(out, "    INDEX 00 %s\n", cue_time(t->start - pregap - silence, t1, sizeof t1));
        }
        tocex_buf_printf(out, "    INDEX 01 %s\n", cue_time(t->start - silence, t2, sizeof t2));
    }
    tocex_buf_printf(out, "REM LEAD-OUT %s\n", cue_time(tocex_disc_leadout(disc) - silence, t1, sizeof t1));
    if (out->failed)
        st = tocex_error_set(err, TOCEX_E_NOMEM, "cue export: out of memory");
done:
    tocex_cdtext_free(ct);
    return st;
}
