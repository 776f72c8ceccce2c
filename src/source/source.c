/* SOURCE -> device: one path for drives, images, logs and TOC strings. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tocex/image.h"
#include "tocex/sgio.h"
#include "tocex/source.h"

static bool is_data_track(unsigned number, const unsigned *data_tracks, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (data_tracks[i] == number)
            return true;
    return false;
}

static tocex_status parse_numbers(const char *toc, long *values, size_t cap, size_t *count, tocex_error *err)
{
    const char *p = toc;
    size_t n = 0;
    while (*p != '\0') {
        char *end;
        long v;
        if (*p == ' ' || *p == '\t' || *p == '+' || *p == ',') {
            p++;
            continue;
        }
        if (*p < '0' || *p > '9')
            return tocex_error_set(err, TOCEX_E_PARSE, "--from-toc: character %ld: '%c' is not a number",
                                   (long)(p - toc) + 1, *p);
        errno = 0;
        v = strtol(p, &end, 10);
        if (errno != 0 || v > 10000000)
            return tocex_error_set(err, TOCEX_E_PARSE, "--from-toc: character %ld: number out of range",
                                   (long)(p - toc) + 1);
        if (n >= cap)
            return tocex_error_set(err, TOCEX_E_LIMIT, "--from-toc: more than %zu numbers", cap);
        values[n++] = v;
        p = end;
    }
    *count = n;
    return TOCEX_OK;
}

tocex_status tocex_disc_from_toc_string(const char *toc, const unsigned *data_tracks, size_t data_track_count,
                                        tocex_disc *out, tocex_error *err)
{
    long v[3 + TOCEX_MAX_TRACKS];
    size_t n = 0;
    long first, last, leadout;
    size_t tracks;
    bool enhanced;
    tocex_status st;

    tocex_disc_init(out);
    if (toc == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "--from-toc: no TOC given");
    if ((st = parse_numbers(toc, v, sizeof v / sizeof v[0], &n, err)) != TOCEX_OK)
        return st;
    if (n < 4)
        return tocex_error_set(err, TOCEX_E_PARSE,
                               "--from-toc: need FIRST LAST LEADOUT and one offset per track, got %zu numbers", n);
    first = v[0];
    last = v[1];
    leadout = v[2];
    if (first < 1 || first > 99 || last < first || last > 99)
        return tocex_error_set(err, TOCEX_E_PARSE, "--from-toc: tracks %ld..%ld are not within 1..99", first, last);
    tracks = (size_t)(last - first + 1);
    if (n != 3 + tracks)
        return tocex_error_set(err, TOCEX_E_PARSE, "--from-toc: tracks %ld..%ld need %zu offsets, got %zu", first,
                               last, tracks, n - 3);
    for (size_t i = 0; i < data_track_count; i++)
        if (data_tracks[i] < (unsigned)first || data_tracks[i] > (unsigned)last)
            return tocex_error_set(err, TOCEX_E_PARSE, "--data-track %u: not a track of this TOC (%ld..%ld)",
                                   data_tracks[i], first, last);
    for (size_t i = 0; i < tracks; i++)
        if (v[3 + i] < 150)
            return tocex_error_set(err, TOCEX_E_PARSE,
                                   "--from-toc: offset of track %ld is %ld, before 150 (addresses are LBA+150)",
                                   first + (long)i, v[3 + i]);

    /* A data track at the end of an otherwise audio disc is an Enhanced CD (Blue Book): the
     * data sits in a second session whose first track starts 11400 frames after the first
     * session's lead-out (6750 lead-out + 4500 lead-in + 150 pregap). */
    enhanced = tracks >= 2 && is_data_track((unsigned)last, data_tracks, data_track_count) &&
               !is_data_track((unsigned)last - 1, data_tracks, data_track_count) &&
               v[3 + tracks - 1] - 11400 > v[3 + tracks - 2];
    for (size_t i = 0; i < tracks; i++) {
        unsigned number = (unsigned)(first + (long)i);
        bool data = is_data_track(number, data_tracks, data_track_count);
        uint8_t session = (uint8_t)(enhanced && i + 1 == tracks ? 2 : 1);
        if ((st = tocex_disc_add_track(out, session, (uint8_t)number, 1, data ? TOCEX_CONTROL_DATA : 0,
                                       data ? TOCEX_MODE_MODE1 : TOCEX_MODE_AUDIO, (int32_t)(v[3 + i] - 150), err)) !=
            TOCEX_OK)
            goto fail;
    }
    if (enhanced) {
        if ((st = tocex_disc_set_leadout(out, 1, (int32_t)(v[3 + tracks - 1] - 150 - 11400), err)) != TOCEX_OK)
            goto fail;
        if ((st = tocex_disc_set_leadout(out, 2, (int32_t)(leadout - 150), err)) != TOCEX_OK)
            goto fail;
        tocex_disc_note(out, "Enhanced CD assumed from the TOC string: data track %ld in session 2, "
                             "session 1 lead-out 11400 frames before it",
                        last);
    } else if ((st = tocex_disc_set_leadout(out, 1, (int32_t)(leadout - 150), err)) != TOCEX_OK)
        goto fail;
    out->known = TOCEX_KNOWN_LEADOUT;
    tocex_disc_note(out, "a TOC string gives only track starts and the lead-out: no gaps, CD-TEXT, ATIP, PMA, "
                         "ISRC or MCN");
    if ((st = tocex_disc_finish(out, err)) != TOCEX_OK) {
        char msg[sizeof err->message];
        if (err != NULL) {
            memcpy(msg, err->message, sizeof msg);
            tocex_error_set(err, st, "--from-toc: %s", msg);
        }
        goto fail;
    }
    return TOCEX_OK;
fail:
    tocex_disc_free(out);
    return st;
}

/* The drive takes the disc (no copy of the 10 KB model): it is the drive's from here on. */
static tocex_device *open_emulated(tocex_disc *disc, const tocex_source_options *opts, const char *name,
                                   tocex_error *err)
{
    tocex_device *dev = tocex_emu_open_owned(disc, opts != NULL ? &opts->emu : NULL, err);
    if (dev != NULL)
        tocex_device_set_name(dev, name);
    return dev;
}

tocex_status tocex_source_open(const char *spec, const tocex_source_options *opts, tocex_device **out,
                               tocex_error *err)
{
    tocex_disc *disc;
    tocex_status st;
    struct stat sb;

    *out = NULL;
    if (opts != NULL && opts->from_toc != NULL) {
        disc = malloc(sizeof *disc);
        if (disc == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
        st = tocex_disc_from_toc_string(opts->from_toc, opts->data_tracks, opts->data_track_count, disc, err);
        if (st == TOCEX_OK) {
            *out = open_emulated(disc, opts, "--from-toc", err);
            if (*out == NULL)
                st = err != NULL && err->status != TOCEX_OK ? err->status : TOCEX_E_NOMEM;
            return st;
        }
        tocex_disc_free(disc);
        free(disc);
        return st;
    }
    if (spec == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "no source given");
    if (stat(spec, &sb) != 0)
        return tocex_error_set(err, errno == EACCES ? TOCEX_E_PERMISSION : TOCEX_E_IO, "%s: %s", spec,
                               strerror(errno));
    if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode)) {
        st = tocex_sgio_open(spec, opts != NULL && opts->exclusive, out, err);
        if (st == TOCEX_OK)
            tocex_device_set_name(*out, spec);
        return st;
    }
    disc = malloc(sizeof *disc);
    if (disc == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
    tocex_disc_init(disc);
    st = tocex_image_open(spec, disc, err);
    if (st == TOCEX_OK) {
        *out = open_emulated(disc, opts, spec, err);
        if (*out == NULL)
            st = err != NULL && err->status != TOCEX_OK ? err->status : TOCEX_E_NOMEM;
        return st;
    }
    tocex_disc_free(disc);
    free(disc);
    return st;
}
