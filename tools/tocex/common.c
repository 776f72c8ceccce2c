/* tocex program: opening sources, reading, error reporting and byte output shared by commands. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    /* what the program printed so far comes first, as with unbuffered output */
    cli_out_flush(CLI_STDOUT);
    fputs("tocex: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_exit_for(tocex_status st, bool opening)
{
    switch (st) {
    case TOCEX_OK:
        return CLI_EXIT_OK;
    case TOCEX_E_NOT_PRESENT:
        return CLI_EXIT_ABSENT;
    case TOCEX_E_INVALID_ARGUMENT:
        return opening ? CLI_EXIT_SOURCE : CLI_EXIT_USAGE;
    default:
        return opening ? CLI_EXIT_SOURCE : CLI_EXIT_DEVICE;
    }
}

int cli_open(const cli_args *args, tocex_device **dev)
{
    tocex_error err;
    tocex_status st;
    tocex_error_clear(&err);
    st = tocex_source_open(args->source, &args->source_opts, dev, &err);
    if (st != TOCEX_OK) {
        /* Messages from the readers already name the file (file:line or byte offset). */
        const char *name = args->source != NULL ? args->source : "--from-toc";
        if (err.message[0] == '\0')
            cli_error("%s: %s", name, tocex_strerror(st));
        else if (strstr(err.message, name) != NULL || args->source == NULL)
            cli_error("%s", err.message);
        else
            cli_error("%s: %s", name, err.message);
        *dev = NULL;
        return CLI_EXIT_SOURCE;
    }
    return CLI_EXIT_OK;
}

static const char *device_label(tocex_device *dev)
{
    const char *name = tocex_device_name(dev);
    return name != NULL && name[0] != '\0' ? name : "device";
}

int cli_read_disc(const cli_args *args, tocex_device *dev, tocex_disc *disc, tocex_read_report *report)
{
    tocex_read_options opts;
    tocex_error err;
    tocex_status st;
    memset(&opts, 0, sizeof opts);
    opts.skip_cdtext = args->skip_cdtext;
    tocex_error_clear(&err);
    tocex_disc_init(disc);
    st = tocex_read_disc(dev, &opts, disc, report, &err);
    if (st != TOCEX_OK) {
        cli_error("%s: %s", device_label(dev), err.message[0] != '\0' ? err.message : tocex_strerror(st));
        return cli_exit_for(st, false);
    }
    return CLI_EXIT_OK;
}

const char *cli_sense_text(tocex_sense sense, char *buf, size_t size)
{
    cli_snformat(buf, size, "%02X/%02X/%02X %s, %s", sense.key, sense.asc, sense.ascq, tocex_sense_key_name(sense.key),
                 tocex_sense_asc_name(sense.asc, sense.ascq));
    return buf;
}

bool cli_sense_means_absent(tocex_sense sense)
{
    /* MMC: a format whose data the medium lacks (ATIP/PMA of a pressed disc, CD-TEXT) is refused
     * with INVALID FIELD IN CDB; some drives say CANNOT READ MEDIUM - INCOMPATIBLE FORMAT. */
    return sense.key == TOCEX_SK_ILLEGAL_REQUEST &&
           (sense.asc == TOCEX_ASC_INVALID_FIELD_IN_CDB || (sense.asc == TOCEX_ASC_INCOMPATIBLE_MEDIUM && sense.ascq == 2));
}

int cli_read_answer(tocex_device *dev, unsigned format, bool msf, uint8_t track_session, tocex_buf *out,
                    tocex_sense *sense, bool *checked)
{
    tocex_error err;
    tocex_status st;
    unsigned commands = 0;
    tocex_error_clear(&err);
    memset(sense, 0, sizeof *sense);
    *checked = false;
    st = tocex_read_toc_answer(dev, format, msf, track_session, out, sense, &commands, &err);
    if (st == TOCEX_E_CHECK_CONDITION) {
        *checked = true;
        return CLI_EXIT_DEVICE;
    }
    if (st != TOCEX_OK) {
        cli_error("%s: READ TOC/PMA/ATIP format %u: %s", device_label(dev), format,
                  err.message[0] != '\0' ? err.message : tocex_strerror(st));
        return cli_exit_for(st, false);
    }
    return CLI_EXIT_OK;
}

void cli_print_hex(cli_out *out, const uint8_t *data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    /* "%02x" and a space per byte, a newline after every 16th and the last: a line at a time */
    for (size_t i = 0; i < len; i += 16) {
        size_t n = len - i < 16 ? len - i : 16;
        char *p = cli_out_reserve(out, 48);
        for (size_t k = 0; k < n; k++) {
            *p++ = digits[data[i + k] >> 4];
            *p++ = digits[data[i + k] & 0xF];
            *p++ = k + 1 == n ? '\n' : ' ';
        }
        cli_out_commit(out, p);
    }
}

int cli_write_raw(const uint8_t *data, size_t len)
{
    cli_write(CLI_STDOUT, data, len);
    if (CLI_STDOUT->failed) {
        cli_error("cannot write to standard output");
        return CLI_EXIT_SOURCE;
    }
    return CLI_EXIT_OK;
}

int cli_emit_bytes(const cli_args *args, const uint8_t *data, size_t len)
{
    if (args->output == CLI_OUT_RAW)
        return cli_write_raw(data, len);
    cli_print_hex(CLI_STDOUT, data, len);
    return CLI_EXIT_OK;
}

char *cli_hex_string(const uint8_t *data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    char *s = malloc(len * 2 + 1);
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        s[2 * i] = digits[data[i] >> 4];
        s[2 * i + 1] = digits[data[i] & 0xF];
    }
    s[len * 2] = '\0';
    return s;
}

static int json_to_out(const char *buffer, size_t size, void *data)
{
    cli_out *out = data;
    cli_write(out, buffer, size);
    return out->failed ? -1 : 0;
}

int cli_json_emit(json_t *obj)
{
    int rc = CLI_EXIT_OK;
    if (obj == NULL) {
        cli_error("out of memory building JSON");
        return CLI_EXIT_SOURCE;
    }
    if (json_dump_callback(obj, json_to_out, CLI_STDOUT, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) != 0) {
        cli_error("cannot write to standard output");
        rc = CLI_EXIT_SOURCE;
    } else
        cli_putc(CLI_STDOUT, '\n');
    json_decref(obj);
    return rc;
}

const tocex_disc *cli_source_model(tocex_device *dev)
{
    return tocex_emu_disc(dev);
}

void cli_enrich(tocex_disc *read, const tocex_disc *model)
{
    /* READ TOC carries neither track modes, INDEX 00 positions, ISRCs nor the MCN; when the
     * device is emulated over an image that recorded them, show them (same tracks only). */
    if (model == NULL || model->track_count != read->track_count)
        return;
    for (size_t i = 0; i < read->track_count; i++)
        if (read->tracks[i].number != model->tracks[i].number || read->tracks[i].start != model->tracks[i].start)
            return;
    for (size_t i = 0; i < read->track_count; i++) {
        tocex_track *t = &read->tracks[i];
        const tocex_track *m = &model->tracks[i];
        if (t->mode == TOCEX_MODE_UNKNOWN)
            t->mode = m->mode;
        if (t->isrc[0] == '\0')
            memcpy(t->isrc, m->isrc, sizeof t->isrc);
        if (t->pregap == 0)
            t->pregap = m->pregap;
        if (t->sector_size == 0)
            t->sector_size = m->sector_size;
    }
    if (read->mcn[0] == '\0')
        memcpy(read->mcn, model->mcn, sizeof read->mcn);
}

int cli_json_open_failure(const cli_args *args, int rc)
{
    /* cdb and ioctl answer in JSON whatever happens; the message itself went to stderr. */
    if (args->output == CLI_OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "status", json_string("SOURCE ERROR"));
        json_object_set_new(o, "data", json_string(""));
        cli_json_emit(o);
    }
    return rc;
}
