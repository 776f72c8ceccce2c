/* tocex info: everything the source can tell. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tocex/sgio.h"

static void print_source(cli_out *out, const cli_args *args, tocex_device *dev, const tocex_disc *model)
{
    const tocex_sgio_identity *id = tocex_sgio_device_identity(dev);
    const char *name = args->source != NULL ? args->source : "--from-toc";
    if (id != NULL)
        cli_printf(out, "Source:      %s: %s %s %s\n", name, id->vendor, id->model, id->revision);
    else
        cli_printf(out, "Source:      %s (%s drive%s)\n", name, tocex_device_kind(dev),
                   model != NULL ? " over the disc the source describes" : "");
}

static json_t *warnings_json(const tocex_read_report *rep)
{
    json_t *o = json_object(), *w = json_array();
    for (size_t i = 0; i < rep->warning_count && i < TOCEX_READ_MAX_WARNINGS; i++)
        json_array_append_new(w, json_string(rep->warnings[i]));
    json_object_set_new(o, "commands", json_integer((json_int_t)rep->commands));
    json_object_set_new(o, "fulltoc_bcd", json_boolean(rep->fulltoc_bcd));
    json_object_set_new(o, "warnings", w);
    return o;
}

static int info_bytes(const cli_args *args, tocex_device *dev)
{
    tocex_buf buf;
    tocex_sense sense;
    bool checked;
    char text[160];
    int rc;
    tocex_buf_init(&buf);
    rc = cli_read_answer(dev, TOCEX_TOC_FORMAT_TOC, false, 0, &buf, &sense, &checked);
    if (checked)
        cli_error("READ TOC format 0: CHECK CONDITION %s", cli_sense_text(sense, text, sizeof text));
    if (rc == CLI_EXIT_OK)
        rc = cli_emit_bytes(args, buf.data, buf.len);
    tocex_buf_free(&buf);
    return rc;
}

int cmd_info(const cli_args *args)
{
    tocex_device *dev;
    tocex_disc *disc;
    tocex_discid ids;
    tocex_read_report report;
    tocex_cdtext *ct = NULL;
    tocex_atip_info atip;
    bool have_atip = false;
    const tocex_disc *model;
    tocex_error err;
    int rc;

    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return rc;
    if (args->output == CLI_OUT_HEX || args->output == CLI_OUT_RAW) {
        rc = info_bytes(args, dev);
        tocex_device_close(dev);
        return rc;
    }
    disc = malloc(sizeof *disc);
    if (disc == NULL) {
        tocex_device_close(dev);
        cli_error("out of memory");
        return CLI_EXIT_SOURCE;
    }
    memset(&report, 0, sizeof report);
    if ((rc = cli_read_disc(args, dev, disc, &report)) != CLI_EXIT_OK)
        goto done;
    model = cli_source_model(dev);
    cli_enrich(disc, model);
    tocex_error_clear(&err);
    if (tocex_discid_compute(disc, &ids, &err) != TOCEX_OK)
        memset(&ids, 0, sizeof ids);
    if (disc->cdtext_packs > 0 && tocex_cdtext_decode(disc->cdtext, disc->cdtext_packs, &ct, &err) != TOCEX_OK) {
        cli_error("CD-TEXT: %s", err.message);
        ct = NULL;
    }
    if (disc->atip_len > 0 && tocex_atip_decode(disc->atip, disc->atip_len, &atip, &err) == TOCEX_OK)
        have_atip = true;

    if (args->output == CLI_OUT_JSON) {
        json_t *o = cli_json_disc(disc);
        json_t *src = json_object();
        json_object_set_new(src, "name", json_string(args->source != NULL ? args->source : "--from-toc"));
        json_object_set_new(src, "device", json_string(tocex_device_kind(dev)));
        json_object_set_new(o, "source", src);
        json_object_set_new(o, "cdtext", ct != NULL ? cli_json_cdtext(ct) : json_null());
        json_object_set_new(o, "atip", have_atip ? cli_json_atip(&atip) : json_null());
        json_object_set_new(o, "discid", cli_json_discid(&ids));
        json_object_set_new(o, "unknown", cli_json_unknown(model, disc));
        json_object_set_new(o, "read", warnings_json(&report));
        rc = cli_json_emit(o);
    } else {
        cli_out *out = CLI_STDOUT;
        char msf[16], len[16];
        int32_t leadout = tocex_disc_leadout(disc);
        print_source(out, args, dev, model);
        cli_printf(out, "Media:       %s\n", tocex_media_name(disc->media));
        if (disc->track_count == 0)
            cli_puts(out, "Tracks:      none (blank disc)\n");
        else {
            if (tocex_disc_first_track(disc) == tocex_disc_last_track(disc))
                cli_printf(out, "Tracks:      %u", tocex_disc_first_track(disc));
            else
                cli_printf(out, "Tracks:      %u-%u", tocex_disc_first_track(disc), tocex_disc_last_track(disc));
            cli_printf(out, ", lead-out LBA %ld (%s), %s of program\n", (long)leadout,
                       tocex_lba_format_msf(leadout, msf, sizeof msf), cli_frames_msf(leadout, len, sizeof len));
            cli_text_sessions(out, disc);
            cli_putc(out, '\n');
            cli_text_tracks(out, disc);
            cli_putc(out, '\n');
        }
        cli_printf(out, "MCN:         %s\n", disc->mcn[0] != '\0' ? disc->mcn : "none");
        if (ct != NULL) {
            cli_printf(out, "CD-TEXT:     %zu pack(s), %zu block(s)\n", disc->cdtext_packs, ct->block_count);
            cli_text_cdtext(out, ct, "  ");
        } else
            cli_printf(out, "CD-TEXT:     none%s\n", args->skip_cdtext ? " (not asked: --skip-cdtext)" : "");
        if (have_atip) {
            cli_puts(out, "ATIP:\n");
            cli_text_atip(out, &atip, "  ");
        } else
            cli_printf(out, "ATIP:        none%s\n",
                       tocex_media_is_recordable_cd(disc->media) ? "" : " (not a recordable disc)");
        cli_puts(out, "Disc IDs:\n");
        cli_text_discid(out, &ids, "  ");
        cli_printf(out, "Read:        %u command(s)%s\n", report.commands,
                   report.fulltoc_bcd ? ", the drive answered the full TOC in BCD (converted)" : "");
        for (size_t i = 0; i < report.warning_count && i < TOCEX_READ_MAX_WARNINGS; i++)
            cli_printf(out, "  warning: %s\n", report.warnings[i]);
        cli_puts(out, "What the source could not tell:\n");
        cli_text_unknown(out, model, disc, "  ");
    }
done:
    if (ct != NULL)
        tocex_cdtext_free(ct);
    tocex_disc_free(disc);
    free(disc);
    tocex_device_close(dev);
    return rc;
}
