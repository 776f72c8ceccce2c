/* tocex drives: the optical drives of this machine. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tocex/sgio.h"

static const char *media_text(const tocex_drive_info *d, char *buf, size_t size)
{
    if (!d->media_known)
        return "unknown";
    if (d->media == TOCEX_MEDIA_NONE)
        return "no disc";
    cli_snformat(buf, size, "%s (profile %04Xh)", tocex_media_name(d->media), d->profile);
    return buf;
}

int cmd_drives(const cli_args *args)
{
    tocex_drive_info *drives = NULL;
    size_t count = 0;
    tocex_error err;
    tocex_status st;
    cli_out text;
    cli_out *out;
    int rc = CLI_EXIT_OK;

    tocex_error_clear(&err);
    st = tocex_sgio_list_drives(&drives, &count, &err);
    if (st != TOCEX_OK) {
        cli_error("drives: %s", err.message[0] != '\0' ? err.message : tocex_strerror(st));
        return CLI_EXIT_SOURCE;
    }
    if (args->output == CLI_OUT_JSON) {
        json_t *o = json_object(), *arr = json_array();
        for (size_t i = 0; i < count; i++) {
            const tocex_drive_info *d = &drives[i];
            json_t *j = json_object();
            json_object_set_new(j, "device", json_string(d->path));
            json_object_set_new(j, "sg", d->sg_path[0] != '\0' ? json_string(d->sg_path) : json_null());
            json_object_set_new(j, "vendor", json_string(d->vendor));
            json_object_set_new(j, "model", json_string(d->model));
            json_object_set_new(j, "revision", json_string(d->revision));
            json_object_set_new(j, "media", d->media_known ? json_string(tocex_media_name(d->media)) : json_null());
            json_object_set_new(j, "profile", d->media_known ? json_integer(d->profile) : json_null());
            json_object_set_new(j, "note", d->note[0] != '\0' ? json_string(d->note) : json_null());
            json_array_append_new(arr, j);
        }
        json_object_set_new(o, "drives", arr);
        tocex_sgio_free_drives(drives);
        return cli_json_emit(o);
    }
    /* Text, or its bytes for --hex/--raw (there is no device response to show). */
    cli_out_memory(&text);
    out = args->output == CLI_OUT_TEXT ? CLI_STDOUT : &text;
    if (count == 0)
        cli_printf(out, "no optical drives found\n");
    else
        cli_printf(out, "%-12s %-10s %-8s %-16s %-4s  %s\n", "device", "sg", "vendor", "model", "rev", "media");
    for (size_t i = 0; i < count; i++) {
        const tocex_drive_info *d = &drives[i];
        char media[64];
        cli_printf(out, "%-12s %-10s %-8s %-16s %-4s  %s%s%s\n", d->path, d->sg_path[0] != '\0' ? d->sg_path : "-",
                   d->vendor, d->model, d->revision, media_text(d, media, sizeof media), d->note[0] != '\0' ? "  " : "",
                   d->note);
    }
    if (out == &text) {
        if (text.failed) {
            cli_error("out of memory");
            rc = CLI_EXIT_SOURCE;
        } else
            rc = cli_emit_bytes(args, (const uint8_t *)text.buf, text.len);
        cli_out_free(&text);
    }
    tocex_sgio_free_drives(drives);
    return rc;
}
