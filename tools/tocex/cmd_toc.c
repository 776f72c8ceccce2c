/* tocex toc / session: READ TOC formats 0 and 1. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Fetch one answer; CHECK CONDITION is reported here (exit 3). */
static int fetch(tocex_device *dev, unsigned format, bool msf, uint8_t ts, tocex_buf *buf)
{
    tocex_sense sense;
    bool checked;
    char text[160];
    int rc = cli_read_answer(dev, format, msf, ts, buf, &sense, &checked);
    if (checked)
        cli_error("%s: READ TOC/PMA/ATIP format %u: CHECK CONDITION %s", tocex_device_name(dev), format,
                  cli_sense_text(sense, text, sizeof text));
    return rc;
}

int cmd_toc(const cli_args *args)
{
    tocex_device *dev;
    tocex_buf buf;
    tocex_toc_view *view = NULL;
    tocex_disc *disc = NULL;
    tocex_error err;
    tocex_status st;
    int rc;

    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return rc;
    tocex_buf_init(&buf);
    if ((rc = fetch(dev, TOCEX_TOC_FORMAT_TOC, args->msf, (uint8_t)args->track, &buf)) != CLI_EXIT_OK)
        goto done;
    if (args->output == CLI_OUT_HEX || args->output == CLI_OUT_RAW) {
        rc = cli_emit_bytes(args, buf.data, buf.len);
        goto done;
    }
    view = malloc(sizeof *view);
    disc = malloc(sizeof *disc);
    if (view == NULL || disc == NULL) {
        cli_error("out of memory");
        rc = CLI_EXIT_SOURCE;
        goto done;
    }
    tocex_disc_init(disc);
    tocex_error_clear(&err);
    if ((st = tocex_decode_toc(buf.data, buf.len, args->msf, 0, view, &err)) != TOCEX_OK) {
        cli_error("%s: READ TOC format 0 answer: %s", tocex_device_name(dev), err.message);
        rc = cli_exit_for(st, false);
        goto done;
    }
    /* Media, sessions and modes come from reading the whole disc the same way. */
    if ((rc = cli_read_disc(args, dev, disc, NULL)) != CLI_EXIT_OK)
        goto done;
    cli_enrich(disc, cli_source_model(dev));

    if (args->output == CLI_OUT_JSON) {
        json_t *o = cli_json_disc(disc), *desc = json_array();
        for (size_t i = 0; i < view->count; i++) {
            const tocex_toc_descriptor *d = &view->entries[i];
            json_t *e = json_object();
            char msf[16];
            json_object_set_new(e, "track", json_integer(d->track));
            json_object_set_new(e, "adr", json_integer(d->adr));
            json_object_set_new(e, "control", json_integer(d->control));
            json_object_set_new(e, "lba", json_integer(d->lba));
            json_object_set_new(e, "msf", json_string(tocex_msf_format(d->msf, msf, sizeof msf)));
            json_array_append_new(desc, e);
        }
        json_object_set_new(o, "msf_request", json_boolean(view->msf));
        json_object_set_new(o, "data_length", json_integer(view->data_length));
        json_object_set_new(o, "descriptors", desc);
        rc = cli_json_emit(o);
    } else
        cli_text_toc(CLI_STDOUT, view, disc);
done:
    if (disc != NULL)
        tocex_disc_free(disc);
    free(disc);
    free(view);
    tocex_buf_free(&buf);
    tocex_device_close(dev);
    return rc;
}

int cmd_session(const cli_args *args)
{
    tocex_device *dev;
    tocex_buf buf;
    tocex_session_info_view view;
    tocex_error err;
    tocex_status st;
    int rc;

    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return rc;
    tocex_buf_init(&buf);
    if ((rc = fetch(dev, TOCEX_TOC_FORMAT_SESSION, args->msf, 0, &buf)) != CLI_EXIT_OK)
        goto done;
    if (args->output == CLI_OUT_HEX || args->output == CLI_OUT_RAW) {
        rc = cli_emit_bytes(args, buf.data, buf.len);
        goto done;
    }
    tocex_error_clear(&err);
    if ((st = tocex_decode_session_info(buf.data, buf.len, args->msf, &view, &err)) != TOCEX_OK) {
        cli_error("%s: READ TOC format 1 answer: %s", tocex_device_name(dev), err.message);
        rc = cli_exit_for(st, false);
        goto done;
    }
    if (args->output == CLI_OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "data_length", json_integer(view.data_length));
        json_object_set_new(o, "first_session", json_integer(view.first_session));
        json_object_set_new(o, "last_session", json_integer(view.last_session));
        json_object_set_new(o, "first_track_last_session", json_integer(view.first_track_last_session));
        json_object_set_new(o, "start", json_integer(view.start));
        json_object_set_new(o, "msf", cli_json_msf(view.start));
        json_object_set_new(o, "adr", json_integer(view.adr));
        json_object_set_new(o, "control", json_integer(view.control));
        json_object_set_new(o, "zero_descriptor", json_boolean(view.zero_descriptor));
        rc = cli_json_emit(o);
    } else {
        char msf[16];
        cli_printf(CLI_STDOUT, "first session: %u  last session: %u\n", view.first_session, view.last_session);
        cli_printf(CLI_STDOUT, "first track of the last session: %u at LBA %ld (%s), adr %u control %u\n",
                   view.first_track_last_session, (long)view.start, tocex_lba_format_msf(view.start, msf, sizeof msf),
                   view.adr, view.control);
        if (view.zero_descriptor)
            cli_printf(CLI_STDOUT, "note: the descriptor is all zero (some emulators fill nothing in)\n");
    }
done:
    tocex_buf_free(&buf);
    tocex_device_close(dev);
    return rc;
}
