/* tocex cue / ccd: the disc as a cue sheet or CloneCD control file on stdout. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int export_command(const cli_args *args, const char *kind)
{
    tocex_device *dev;
    tocex_disc *disc;
    const tocex_disc *model, *use;
    tocex_buf out;
    tocex_error err;
    tocex_status st;
    int rc;

    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return rc;
    disc = malloc(sizeof *disc);
    if (disc == NULL) {
        tocex_device_close(dev);
        cli_error("out of memory");
        return CLI_EXIT_SOURCE;
    }
    tocex_buf_init(&out);
    if ((rc = cli_read_disc(args, dev, disc, NULL)) != CLI_EXIT_OK)
        goto done;
    /* READ TOC does not carry INDEX 00 positions or an image's sector sizes; when the source is
     * an image, export the disc it describes (what the drive answered comes from that model). */
    model = cli_source_model(dev);
    use = model != NULL ? model : disc;
    tocex_error_clear(&err);
    if ((st = cli_export(kind, use, args->source, &out, &err)) != TOCEX_OK || out.failed) {
        cli_error("%s: %s export: %s", args->source != NULL ? args->source : "--from-toc", kind,
                  err.message[0] != '\0' ? err.message : tocex_strerror(st != TOCEX_OK ? st : TOCEX_E_NOMEM));
        rc = st == TOCEX_E_NOT_PRESENT ? CLI_EXIT_ABSENT : CLI_EXIT_SOURCE;
        goto done;
    }
    if (args->output == CLI_OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "format", json_string(kind));
        json_object_set_new(o, "text", json_stringn((const char *)out.data, out.len));
        rc = cli_json_emit(o);
    } else if (args->output == CLI_OUT_HEX)
        cli_print_hex(stdout, out.data, out.len);
    else
        rc = cli_write_raw(out.data, out.len);
done:
    tocex_buf_free(&out);
    tocex_disc_free(disc);
    free(disc);
    tocex_device_close(dev);
    return rc;
}

int cmd_cue(const cli_args *args)
{
    return export_command(args, "cue");
}

int cmd_ccd(const cli_args *args)
{
    return export_command(args, "ccd");
}
