/* tocex cue / ccd / cdt: the disc as a cue sheet, a CloneCD control file or a .cdt CD-TEXT file
 * on stdout. */
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
    tocex_disc_init(disc);
    /* READ TOC does not carry INDEX 00 positions or an image's sector sizes; when the source is
     * an image, export the disc it describes (what the drive answered comes from that model). */
    model = cli_source_model(dev);
    /* The packs are all a .cdt needs: a CD-TEXT-only source (a .cdt file, a .cdtext dump) has
     * no TOC for the whole-disc read to succeed on, and its model already holds them. */
    if (model == NULL || strcmp(kind, "cdt") != 0) {
        if ((rc = cli_read_disc(args, dev, disc, NULL)) != CLI_EXIT_OK)
            goto done;
    }
    use = model != NULL ? model : disc;
    tocex_error_clear(&err);
    if ((st = cli_export(kind, use, args->source, &out, &err)) != TOCEX_OK || out.failed) {
        const char *why = err.message[0] != '\0' ? err.message : tocex_strerror(st != TOCEX_OK ? st : TOCEX_E_NOMEM);
        char prefix[16];
        /* The exporters' messages already say "<kind> export: ". */
        cli_snformat(prefix, sizeof prefix, "%s export: ", kind);
        if (strncmp(why, prefix, strlen(prefix)) == 0)
            why += strlen(prefix);
        cli_error("%s: %s export: %s%s", args->source != NULL ? args->source : "--from-toc", kind, why,
                  st == TOCEX_E_NOT_PRESENT && args->skip_cdtext && model == NULL
                      ? " (--skip-cdtext: CD-TEXT was not asked for)"
                      : "");
        rc = st == TOCEX_E_NOT_PRESENT ? CLI_EXIT_ABSENT : CLI_EXIT_SOURCE;
        goto done;
    }
    if (args->output == CLI_OUT_JSON && strcmp(kind, "cdt") == 0) {
        /* Binary: the bytes as hex, like the "data" of cdb --json. */
        json_t *o = json_object();
        char *hex = cli_hex_string(out.data, out.len);
        if (hex == NULL) {
            json_decref(o);
            cli_error("out of memory");
            rc = CLI_EXIT_SOURCE;
            goto done;
        }
        json_object_set_new(o, "format", json_string(kind));
        json_object_set_new(o, "packs", json_integer((json_int_t)(out.len / 18)));
        json_object_set_new(o, "data", json_string(hex));
        free(hex);
        rc = cli_json_emit(o);
    } else if (args->output == CLI_OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "format", json_string(kind));
        json_object_set_new(o, "text", json_stringn((const char *)out.data, out.len));
        rc = cli_json_emit(o);
    } else if (args->output == CLI_OUT_HEX)
        cli_print_hex(CLI_STDOUT, out.data, out.len);
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

int cmd_cdt(const cli_args *args)
{
    return export_command(args, "cdt");
}
