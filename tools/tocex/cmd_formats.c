/* tocex fulltoc / pma / atip / cdtext: READ TOC formats 2 to 5. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Fetch one answer. For formats whose data a disc may lack, the refusals drives give for
 * "not on this medium" mean exit 4, other CHECK CONDITIONs exit 3. */
static int fetch(tocex_device *dev, unsigned format, uint8_t ts, const char *what, tocex_buf *buf)
{
    tocex_sense sense;
    bool checked;
    char text[160];
    int rc = cli_read_answer(dev, format, false, ts, buf, &sense, &checked);
    if (checked) {
        cli_sense_text(sense, text, sizeof text);
        if (what != NULL && cli_sense_means_absent(sense)) {
            cli_error("%s: no %s on this disc (the drive answered %s)", tocex_device_name(dev), what, text);
            return CLI_EXIT_ABSENT;
        }
        cli_error("%s: READ TOC/PMA/ATIP format %u: CHECK CONDITION %s", tocex_device_name(dev), format, text);
    }
    return rc;
}

static bool bytes_wanted(const cli_args *args)
{
    return args->output == CLI_OUT_HEX || args->output == CLI_OUT_RAW;
}

static int entries_command(const cli_args *args, bool pma)
{
    tocex_device *dev;
    tocex_buf buf;
    tocex_fulltoc_view view;
    tocex_error err;
    tocex_status st;
    bool bcd = false;
    int rc;

    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return rc;
    memset(&view, 0, sizeof view);
    tocex_buf_init(&buf);
    rc = fetch(dev, pma ? TOCEX_TOC_FORMAT_PMA : TOCEX_TOC_FORMAT_FULL_TOC, pma ? 0 : (uint8_t)args->session,
               pma ? "PMA" : NULL, &buf);
    if (rc != CLI_EXIT_OK)
        goto done;
    if (bytes_wanted(args)) {
        rc = cli_emit_bytes(args, buf.data, buf.len);
        if (rc == CLI_EXIT_OK && pma && buf.len <= 4)
            rc = CLI_EXIT_ABSENT;
        goto done;
    }
    tocex_error_clear(&err);
    st = pma ? tocex_decode_pma(buf.data, buf.len, 0, &view, &err) : tocex_decode_fulltoc(buf.data, buf.len, 0, &view, &err);
    if (st != TOCEX_OK) {
        cli_error("%s: READ TOC format %u answer: %s", tocex_device_name(dev), pma ? 3u : 2u, err.message);
        rc = cli_exit_for(st, false);
        goto done;
    }
    if (pma && view.count == 0) {
        cli_error("%s: no PMA on this disc (the answer holds no descriptors)", tocex_device_name(dev));
        rc = CLI_EXIT_ABSENT;
        goto done;
    }
    if (!pma && tocex_fulltoc_is_bcd(&view, NULL)) {
        if (tocex_fulltoc_bcd_to_binary(&view, &err) == TOCEX_OK)
            bcd = true;
    }
    if (args->output == CLI_OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "data_length", json_integer(view.data_length));
        if (!pma) {
            json_object_set_new(o, "first_session", json_integer(view.first_session));
            json_object_set_new(o, "last_session", json_integer(view.last_session));
            json_object_set_new(o, "bcd", json_boolean(bcd));
        }
        json_object_set_new(o, "entries", cli_json_toc_entries(view.entries, view.count, pma));
        rc = cli_json_emit(o);
    } else {
        if (!pma)
            cli_printf(CLI_STDOUT, "first session: %u  last session: %u  (%zu descriptors%s)\n", view.first_session,
                       view.last_session, view.count, bcd ? ", sent in BCD and converted" : "");
        else
            cli_printf(CLI_STDOUT, "PMA: %zu descriptors\n", view.count);
        cli_text_toc_entries(CLI_STDOUT, view.entries, view.count, pma);
    }
done:
    tocex_fulltoc_view_free(&view);
    tocex_buf_free(&buf);
    tocex_device_close(dev);
    return rc;
}

int cmd_fulltoc(const cli_args *args)
{
    return entries_command(args, false);
}

int cmd_pma(const cli_args *args)
{
    return entries_command(args, true);
}

int cmd_atip(const cli_args *args)
{
    tocex_device *dev;
    tocex_buf buf;
    tocex_atip_answer answer;
    tocex_atip_info info;
    tocex_error err;
    tocex_status st;
    int rc;

    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return rc;
    tocex_buf_init(&buf);
    if ((rc = fetch(dev, TOCEX_TOC_FORMAT_ATIP, 0, "ATIP", &buf)) != CLI_EXIT_OK)
        goto done;
    tocex_error_clear(&err);
    st = tocex_decode_atip_answer(buf.data, buf.len, &answer, &err);
    if (bytes_wanted(args)) {
        rc = cli_emit_bytes(args, buf.data, buf.len);
        if (rc == CLI_EXIT_OK && st == TOCEX_E_NOT_PRESENT)
            rc = CLI_EXIT_ABSENT;
        goto done;
    }
    if (st == TOCEX_E_NOT_PRESENT) {
        cli_error("%s: no ATIP on this disc (%s)", tocex_device_name(dev), err.message);
        rc = CLI_EXIT_ABSENT;
        goto done;
    }
    if (st != TOCEX_OK || (st = tocex_atip_decode(answer.bytes, answer.len, &info, &err)) != TOCEX_OK) {
        cli_error("%s: READ TOC format 4 answer: %s", tocex_device_name(dev), err.message);
        rc = cli_exit_for(st, false);
        goto done;
    }
    if (args->output == CLI_OUT_JSON) {
        json_t *o = cli_json_atip(&info);
        char *hex = cli_hex_string(answer.bytes, answer.len);
        json_object_set_new(o, "data_length", json_integer(answer.data_length));
        json_object_set_new(o, "descriptor", hex != NULL ? json_string(hex) : json_null());
        json_object_set_new(o, "bcd_converted", json_boolean(answer.ricoh_bcd));
        free(hex);
        rc = cli_json_emit(o);
    } else {
        cli_text_atip(CLI_STDOUT, &info, "");
        if (answer.ricoh_bcd)
            cli_printf(CLI_STDOUT, "note: the drive sent the lead-in/lead-out times in BCD (converted)\n");
    }
done:
    tocex_buf_free(&buf);
    tocex_device_close(dev);
    return rc;
}

int cmd_cdtext(const cli_args *args)
{
    tocex_device *dev;
    tocex_buf buf;
    tocex_cdtext_answer answer;
    tocex_cdtext *ct = NULL;
    tocex_error err;
    tocex_status st;
    int rc;

    if ((rc = cli_open(args, &dev)) != CLI_EXIT_OK)
        return rc;
    tocex_buf_init(&buf);
    if ((rc = fetch(dev, TOCEX_TOC_FORMAT_CD_TEXT, 0, "CD-TEXT", &buf)) != CLI_EXIT_OK)
        goto done;
    tocex_error_clear(&err);
    st = tocex_decode_cdtext_answer(buf.data, buf.len, 0, &answer, &err);
    if (bytes_wanted(args)) {
        rc = cli_emit_bytes(args, buf.data, buf.len);
        if (rc == CLI_EXIT_OK && st == TOCEX_OK && answer.pack_count == 0)
            rc = CLI_EXIT_ABSENT;
        goto done;
    }
    if (st != TOCEX_OK) {
        cli_error("%s: READ TOC format 5 answer: %s", tocex_device_name(dev), err.message);
        rc = cli_exit_for(st, false);
        goto done;
    }
    if (answer.pack_count == 0) {
        cli_error("%s: no CD-TEXT on this disc", tocex_device_name(dev));
        rc = CLI_EXIT_ABSENT;
        goto done;
    }
    if ((st = tocex_cdtext_decode(answer.packs, answer.pack_count, &ct, &err)) != TOCEX_OK) {
        cli_error("%s: CD-TEXT: %s", tocex_device_name(dev), err.message);
        rc = cli_exit_for(st, false);
        goto done;
    }
    if (args->output == CLI_OUT_JSON) {
        json_t *o = cli_json_cdtext(ct);
        json_object_set_new(o, "data_length", json_integer(answer.data_length));
        json_object_set_new(o, "packs", json_integer((json_int_t)answer.pack_count));
        rc = cli_json_emit(o);
    } else {
        cli_printf(CLI_STDOUT, "CD-TEXT: %zu packs, %zu block(s)\n", answer.pack_count, ct->block_count);
        cli_text_cdtext(CLI_STDOUT, ct, "");
    }
done:
    if (ct != NULL)
        tocex_cdtext_free(ct);
    tocex_buf_free(&buf);
    tocex_device_close(dev);
    return rc;
}
