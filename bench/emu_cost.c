/* Instructions per READ TOC answer of the emulated drive: run under callgrind with COUNT=0 and
 * COUNT=N for one format; the difference divided by N is the cost of one answer. The drive keeps
 * the last READ TOC answer for a repeat of the same request (a probe of the length, then the
 * read): the CDBs alternate the MSF bit so that every answer is built.
 * Usage: emu_cost FORMAT COUNT   (the disc: 99 audio tracks with CD-TEXT on a CD-R with ATIP/PMA) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tocex/tocex.h"

static tocex_disc *make_disc(void)
{
    tocex_disc *d = malloc(sizeof *d);
    tocex_cdtext *ct = tocex_cdtext_new();
    tocex_buf packs;
    uint8_t atip[24] = {0x80, 0x00, 0x80, 0x00, 97, 34, 21, 0, 79, 59, 74, 0};
    tocex_toc_entry pma[99];
    char text[64];
    if (d == NULL || ct == NULL)
        exit(2);
    tocex_disc_init(d);
    d->media = TOCEX_MEDIA_CD_R;
    for (unsigned t = 1; t <= 99; t++) {
        tocex_disc_add_track(d, 1, (uint8_t)t, 1, 0, TOCEX_MODE_AUDIO, (int32_t)(t - 1) * 3000, NULL);
        /* as bench/make-99-cdtext.py: short texts, so one block's 253 text packs hold them */
        snprintf(text, sizeof text, "Song %u", t);
        tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, t, text, NULL);
        snprintf(text, sizeof text, "Artist %u", t);
        tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_PERFORMER, t, text, NULL);
        memset(&pma[t - 1], 0, sizeof pma[0]);
        pma[t - 1].adr_control = 0x10;
        pma[t - 1].point = (uint8_t)t;
    }
    tocex_cdtext_set(ct, 0, TOCEX_CDTEXT_TITLE, 0, "Ninety-nine tracks", NULL);
    tocex_disc_set_leadout(d, 1, 99 * 3000, NULL);
    tocex_disc_set_atip(d, atip, sizeof atip, NULL);
    tocex_disc_set_pma(d, pma, 99, NULL);
    tocex_buf_init(&packs);
    if (tocex_cdtext_encode(ct, &packs, NULL) != TOCEX_OK ||
        tocex_disc_set_cdtext(d, packs.data, packs.len / 18, NULL) != TOCEX_OK || tocex_disc_finish(d, NULL) != TOCEX_OK)
        exit(2);
    tocex_buf_free(&packs);
    tocex_cdtext_free(ct);
    return d;
}

int main(int argc, char **argv)
{
    static uint8_t buf[0x10000];
    unsigned format, count;
    tocex_disc *disc;
    tocex_device *dev;
    uint8_t cdb[2][10];
    if (argc != 3)
        return 1;
    format = (unsigned)atoi(argv[1]);
    count = (unsigned)atoi(argv[2]);
    disc = make_disc();
    dev = tocex_emu_open(disc, NULL, NULL);
    if (dev == NULL)
        return 2;
    tocex_mmc_build_read_toc(cdb[0], format, true, 0, 0xFFFF);
    tocex_mmc_build_read_toc(cdb[1], format, false, 0, 0xFFFF);
    for (unsigned i = 0; i < count; i++) {
        tocex_cmd cmd;
        tocex_cmd_init(&cmd, cdb[i % 2], sizeof cdb[0], buf, sizeof buf);
        if (tocex_device_execute(dev, &cmd, NULL) != TOCEX_OK || cmd.status != TOCEX_SCSI_STATUS_GOOD)
            return 3;
    }
    tocex_device_close(dev);
    tocex_disc_free(disc);
    free(disc);
    return 0;
}
