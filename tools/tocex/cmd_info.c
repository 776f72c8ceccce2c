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
        CLI_PUTS(out, "Source:      ", name, ": ", id->vendor, " ", id->model, " ", id->revision, "\n");
    else
        CLI_PUTS(out, "Source:      ", name, " (", tocex_device_kind(dev), " drive",
                 model != NULL ? " over the disc the source describes" : "", ")\n");
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

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* Show a disc that was read. The IDs (3.4 KB) are on the stack only from here on. */
static NOINLINE int info_show(const cli_args *args, tocex_device *dev, tocex_disc *disc,
                              const tocex_read_report *rep)
{
    tocex_discid ids;
    tocex_cdtext *ct = NULL;
    tocex_atip_info atip;
    bool have_atip = false;
    const tocex_disc *model;
    tocex_error err;
    int rc = CLI_EXIT_OK;

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
        json_object_set_new(o, "read", warnings_json(rep));
        rc = cli_json_emit(o);
    } else {
        cli_out *out = CLI_STDOUT;
        int32_t leadout = tocex_disc_leadout(disc);
        char *p;
        print_source(out, args, dev, model);
        CLI_PUTS(out, "Media:       ", tocex_media_name(disc->media), "\n");
        if (disc->track_count == 0)
            cli_puts(out, "Tracks:      none (blank disc)\n");
        else {
            /* "Tracks:      %u" or "%u-%u" of the first and last track, then ", lead-out LBA %ld
             * (%s), %s of program\n" of the lead-out, its MSF and its length as MSF */
            p = cli_out_reserve(out, 160);
            p = CLI_FMT_LITERAL(p, "Tracks:      ");
            p = cli_fmt_u32(p, tocex_disc_first_track(disc));
            if (tocex_disc_first_track(disc) != tocex_disc_last_track(disc)) {
                *p++ = '-';
                p = cli_fmt_u32(p, tocex_disc_last_track(disc));
            }
            p = CLI_FMT_LITERAL(p, ", lead-out LBA ");
            p = cli_fmt_long(p, (long)leadout, 0);
            p = CLI_FMT_LITERAL(p, " (");
            p = cli_fmt_lba_msf(p, leadout);
            p = CLI_FMT_LITERAL(p, "), ");
            p = cli_fmt_frames_msf(p, leadout);
            p = CLI_FMT_LITERAL(p, " of program\n");
            cli_out_commit(out, p);
            cli_text_sessions(out, disc);
            cli_putc(out, '\n');
            cli_text_tracks(out, disc);
            cli_putc(out, '\n');
        }
        CLI_PUTS(out, "MCN:         ", disc->mcn[0] != '\0' ? disc->mcn : "none", "\n");
        if (ct != NULL) {
            /* "CD-TEXT:     %zu pack(s), %zu block(s)\n" */
            p = cli_out_reserve(out, 96);
            p = CLI_FMT_LITERAL(p, "CD-TEXT:     ");
            p = cli_fmt_uint(p, disc->cdtext_packs);
            p = CLI_FMT_LITERAL(p, " pack(s), ");
            p = cli_fmt_uint(p, ct->block_count);
            p = CLI_FMT_LITERAL(p, " block(s)\n");
            cli_out_commit(out, p);
            cli_text_cdtext(out, ct, "  ");
        } else
            CLI_PUTS(out, "CD-TEXT:     none", args->skip_cdtext ? " (not asked: --skip-cdtext)" : "", "\n");
        if (have_atip) {
            cli_puts(out, "ATIP:\n");
            cli_text_atip(out, &atip, "  ");
        } else
            CLI_PUTS(out, "ATIP:        none",
                     tocex_media_is_recordable_cd(disc->media) ? "" : " (not a recordable disc)", "\n");
        cli_puts(out, "Disc IDs:\n");
        cli_text_discid(out, &ids, "  ");
        /* "Read:        %u command(s)%s\n" */
        p = cli_out_reserve(out, 128);
        p = CLI_FMT_LITERAL(p, "Read:        ");
        p = cli_fmt_u32(p, rep->commands);
        p = CLI_FMT_LITERAL(p, " command(s)");
        if (rep->fulltoc_bcd)
            p = CLI_FMT_LITERAL(p, ", the drive answered the full TOC in BCD (converted)");
        *p++ = '\n';
        cli_out_commit(out, p);
        for (size_t i = 0; i < rep->warning_count && i < TOCEX_READ_MAX_WARNINGS; i++)
            CLI_PUTS(out, "  warning: ", rep->warnings[i], "\n");
        cli_puts(out, "What the source could not tell:\n");
        cli_text_unknown(out, model, disc, "  ");
    }
    if (ct != NULL)
        tocex_cdtext_free(ct);
    return rc;
}

/* Read the disc and show it. Not part of cmd_info's frame, so that the read report (3 KB) is on
 * the stack only from here on, not also under the deeper calls that open the source: fewer
 * stack pages are touched. */
static NOINLINE int info_disc(const cli_args *args, tocex_device *dev)
{
    tocex_read_report report; /* filled by tocex_read_disc */
    tocex_disc *disc = malloc(sizeof *disc);
    int rc;
    if (disc == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_SOURCE;
    }
    if ((rc = cli_read_disc(args, dev, disc, &report)) == CLI_EXIT_OK)
        rc = info_show(args, dev, disc, &report);
    tocex_disc_free(disc);
    free(disc);
    return rc;
}


int cmd_info(const cli_args *args)
{
    tocex_device *dev;
    int rc;

    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return rc;
    if (args->output == CLI_OUT_HEX || args->output == CLI_OUT_RAW)
        rc = info_bytes(args, dev);
    else
        rc = info_disc(args, dev);
    tocex_device_close(dev);
    return rc;
}
