/* tocex discid: MusicBrainz, freedb, AccurateRip and CTDB IDs of the disc read from the source. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_discid(const cli_args *args)
{
    tocex_device *dev;
    tocex_disc *disc;
    tocex_discid *ids;
    tocex_error err;
    tocex_status st;
    int rc;

    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return rc;
    if (args->output == CLI_OUT_HEX || args->output == CLI_OUT_RAW) {
        /* The response the IDs are computed from: the formatted TOC. */
        tocex_buf buf;
        tocex_sense sense;
        bool checked;
        char text[160];
        tocex_buf_init(&buf);
        rc = cli_read_answer(dev, TOCEX_TOC_FORMAT_TOC, false, 0, &buf, &sense, &checked);
        if (checked)
            cli_error("READ TOC format 0: CHECK CONDITION %s", cli_sense_text(sense, text, sizeof text));
        if (rc == CLI_EXIT_OK)
            rc = cli_emit_bytes(args, buf.data, buf.len);
        tocex_buf_free(&buf);
        tocex_device_close(dev);
        return rc;
    }
    disc = malloc(sizeof *disc);
    ids = malloc(sizeof *ids);
    if (disc == NULL || ids == NULL) {
        free(disc);
        free(ids);
        tocex_device_close(dev);
        cli_error("out of memory");
        return CLI_EXIT_SOURCE;
    }
    if ((rc = cli_read_disc(args, dev, disc, NULL)) != CLI_EXIT_OK)
        goto done;
    tocex_error_clear(&err);
    if ((st = tocex_discid_compute(disc, ids, &err)) != TOCEX_OK) {
        cli_error("%s: %s", tocex_device_name(dev), err.message);
        rc = cli_exit_for(st, false);
        goto done;
    }
    if (args->url && args->output != CLI_OUT_JSON) {
        char url[2048];
        if (tocex_discid_musicbrainz_url(ids, url, sizeof url, &err) != TOCEX_OK) {
            cli_error("%s: %s", tocex_device_name(dev), err.message);
            rc = CLI_EXIT_ABSENT;
        } else
            cli_printf(CLI_STDOUT, "%s\n", url);
        goto done;
    }
    if (args->output == CLI_OUT_JSON) {
        json_t *o = cli_json_discid(ids);
        if (args->url)
            json_object_set(o, "url", json_object_get(o, "musicbrainz_url"));
        rc = cli_json_emit(o);
    } else
        cli_text_discid(CLI_STDOUT, ids, "");
    /* No ID applies (not a CD, blank): the requested data is not on this disc. */
    if (rc == CLI_EXIT_OK && (!ids->has_freedb || (args->url && !ids->has_musicbrainz)))
        rc = CLI_EXIT_ABSENT;
done:
    tocex_disc_free(disc);
    free(disc);
    free(ids);
    tocex_device_close(dev);
    return rc;
}
