/* Plain ISO images (.iso): a made-up single-session TOC from the file size.
 *
 * The rule follows what drives and emulators do for a data-only image (reference notes §3.8:
 * QEMU hw/block/cdrom.c, libmirage image-iso): one Mode 1 data track (ADR 1, CONTROL 4) at
 * LBA 0, lead-out = number of sectors. Only the volume descriptors from sector 16 on are read
 * (ECMA-119 §8: the volume descriptor set starts at logical sector 16; ECMA-167 / UDF: the
 * volume recognition sequence BEA01 .. NSR02/NSR03 .. TEA01 follows in the next sectors).
 *
 * Sector layouts: 2048-byte user data; 2352-byte raw sectors (sync pattern 00 FF x10 00, mode
 * byte 15: Mode 1 data at +16, Mode 2 at +24 after the XA subheader); 2336-byte Mode 2 sectors
 * (data at +8), as libmirage accepts.
 *
 * CD or DVD: a CD TOC can state lead-outs up to 89:59:74 (LBA 404849); MSF >= 90:00:00 means
 * a lead-in address (MMC-3 Table 333). An image of more than 404850 sectors (about 829 MB at
 * 2048 bytes) therefore cannot be a CD and becomes DVD-ROM media with capacity = sectors; so
 * does an image with a UDF volume recognition sequence (BEA01/NSR02/NSR03), the DVD-Video and
 * DVD-ROM file system. Raw 2352/2336-byte images are CDs by construction. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tocex/addr.h"
#include "tocex/bytes.h"
#include "tocex/image.h"
#include "util/file.h"

#define ISO_FIRST_DESCRIPTOR 16
#define ISO_DESCRIPTORS_READ 32                   /* sectors 16..47: the descriptor sets */
#define ISO_CD_MAX_SECTORS (TOCEX_LBA_MAX_MSF + 1) /* 404850: lead-out 89:59:74 */

typedef struct iso_layout {
    uint16_t sector_size;
    uint16_t data_offset; /* user data inside a sector */
    tocex_track_mode mode;
} iso_layout;

/* Descriptor identifier at bytes 1..5 of a volume descriptor. */
static bool has_id(const uint8_t *sector, size_t len, const char *id)
{
    tocex_span s;
    uint8_t type, got[5];
    tocex_span_init(&s, sector, len);
    return tocex_span_get_u8(&s, &type) && tocex_span_copy(&s, got, 5) && memcmp(got, id, 5) == 0;
}

typedef struct iso_scan {
    bool iso9660, udf, pvd;
    uint32_t volume_space; /* PVD bytes 80..83 (little-endian half of the both-endian field) */
    char label[33];
} iso_scan;

static void scan_descriptors(const uint8_t *buf, size_t got, const iso_layout *lay, iso_scan *sc)
{
    memset(sc, 0, sizeof *sc);
    for (size_t i = 0; i < ISO_DESCRIPTORS_READ; i++) {
        size_t at = i * lay->sector_size + lay->data_offset;
        tocex_span s, d;
        uint8_t type;
        tocex_span_init(&s, buf, got);
        if (!tocex_span_skip(&s, at) || !tocex_span_get_span(&s, &d, 2048))
            break;
        if (!tocex_span_peek_u8(&d, 0, &type))
            break;
        if (has_id(d.data, d.len, "CD001")) {
            sc->iso9660 = true;
            if (type == 1 && !sc->pvd) {
                tocex_span p = d;
                uint8_t label[32];
                sc->pvd = true;
                if (tocex_span_skip(&p, 40) && tocex_span_copy(&p, label, 32)) {
                    size_t n = 32;
                    while (n > 0 && label[n - 1] == ' ')
                        n--;
                    for (size_t k = 0; k < n; k++)
                        sc->label[k] = (label[k] >= 0x20 && label[k] < 0x7F) ? (char)label[k] : '?';
                    sc->label[n] = '\0';
                }
                p = d;
                if (tocex_span_skip(&p, 80))
                    tocex_span_get_u32le(&p, &sc->volume_space);
            }
        } else if (has_id(d.data, d.len, "BEA01") || has_id(d.data, d.len, "NSR02") ||
                   has_id(d.data, d.len, "NSR03")) {
            sc->udf = true;
        } else if (has_id(d.data, d.len, "TEA01") || has_id(d.data, d.len, "BOOT2") ||
                   has_id(d.data, d.len, "CDW02")) {
            continue;
        } else if (!sc->iso9660 && !sc->udf) {
            break; /* the first sector must start the recognition sequence */
        }
    }
}

static bool detect_layout(int fd, const char *path, uint64_t size, iso_layout *lay, uint8_t *buf, size_t bufcap,
                          size_t *got, iso_scan *sc, tocex_error *err, tocex_status *st)
{
    static const uint8_t sync[12] = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
    const iso_layout candidates[] = {
        {2048, 0, TOCEX_MODE_MODE1},
        {2352, 16, TOCEX_MODE_MODE1},
        {2352, 24, TOCEX_MODE_MODE2_FORM1},
        {2336, 8, TOCEX_MODE_MODE2},
    };
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        const iso_layout *c = &candidates[i];
        uint64_t at = (uint64_t)ISO_FIRST_DESCRIPTOR * c->sector_size;
        size_t want = (size_t)c->sector_size * ISO_DESCRIPTORS_READ;
        if (c->sector_size != 2048 && size % c->sector_size != 0)
            continue;
        if (want > bufcap)
            want = bufcap;
        *st = tocex_file_pread_some(fd, path, buf, want, at, got, err);
        if (*st != TOCEX_OK)
            return false;
        if (c->sector_size == 2352) {
            uint8_t mode;
            tocex_span s;
            tocex_span_init(&s, buf, *got);
            if (*got < 16 || memcmp(buf, sync, sizeof sync) != 0)
                continue;
            tocex_span_skip(&s, 15);
            tocex_span_get_u8(&s, &mode);
            if ((mode == 1) != (c->data_offset == 16))
                continue;
        }
        scan_descriptors(buf, *got, c, sc);
        if (sc->iso9660 || sc->udf) {
            *lay = *c;
            return true;
        }
    }
    return false;
}

tocex_status tocex_image_read_iso(const char *path, tocex_disc *out, tocex_error *err)
{
    int fd;
    uint64_t size, sectors, rest;
    uint8_t *buf;
    size_t got = 0, bufcap = 2352u * ISO_DESCRIPTORS_READ;
    iso_layout lay;
    iso_scan sc;
    tocex_status st = TOCEX_OK;
    bool dvd;

    if (out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no output disc", path);
    tocex_disc_init(out);
    if ((st = tocex_file_open_regular(path, &fd, &size, err)) != TOCEX_OK)
        return st;
    if (size < (uint64_t)(ISO_FIRST_DESCRIPTOR + 1) * 2048) {
        close(fd);
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, path, (long long)size,
                                     "file of %llu bytes ends before the volume descriptors (byte 32768)",
                                     (unsigned long long)size);
    }
    buf = malloc(bufcap);
    if (buf == NULL) {
        close(fd);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", path);
    }
    if (!detect_layout(fd, path, size, &lay, buf, bufcap, &got, &sc, err, &st)) {
        free(buf);
        close(fd);
        if (st != TOCEX_OK)
            return st;
        return tocex_error_at_offset(err, TOCEX_E_PARSE, path, 32768,
                                     "no ISO 9660 (CD001) or UDF (BEA01/NSR02/NSR03) volume descriptor: not an "
                                     "ISO image");
    }
    free(buf);
    close(fd);

    sectors = size / lay.sector_size;
    rest = size % lay.sector_size;
    if (rest != 0)
        tocex_disc_note(out, "file size is not a multiple of %u: the last %llu bytes are not a whole sector",
                        lay.sector_size, (unsigned long long)rest);
    if (sc.pvd && sc.volume_space != sectors)
        tocex_disc_note(out, "the ISO 9660 volume says %lu sectors, the file holds %llu: lead-out from the file",
                        (unsigned long)sc.volume_space, (unsigned long long)sectors);
    if (!sc.pvd && sc.iso9660)
        tocex_disc_note(out, "no ISO 9660 primary volume descriptor found");
    dvd = lay.sector_size == 2048 && (sectors > ISO_CD_MAX_SECTORS || sc.udf);
    if (sectors > INT32_MAX) {
        return tocex_error_set(err, TOCEX_E_LIMIT, "%s: %llu sectors is more than any disc holds", path,
                               (unsigned long long)sectors);
    }
    if (dvd) {
        out->media = TOCEX_MEDIA_DVD_ROM;
        out->capacity = (int32_t)sectors;
        tocex_disc_note(out, "%s: taken as a DVD-ROM with a made-up single-track TOC",
                        sc.udf ? "UDF volume" : "larger than a CD TOC can address");
    }
    st = tocex_disc_add_track(out, 1, 1, 1, TOCEX_CONTROL_DATA, lay.mode, 0, err);
    if (st == TOCEX_OK) {
        out->tracks[0].sector_size = lay.sector_size;
        st = tocex_disc_set_leadout(out, 1, (int32_t)sectors, err);
    }
    if (st == TOCEX_OK && sectors == 0)
        st = tocex_error_set(err, TOCEX_E_PARSE, "%s: no whole sector", path);
    if (st == TOCEX_OK) {
        out->known |= TOCEX_KNOWN_MODES;
        if (!dvd)
            tocex_disc_note(out, "an ISO image holds no CD-TEXT, ATIP, PMA, MCN, ISRC or pregaps: none assumed; one "
                                 "session, lead-out from the file size");
        st = tocex_disc_finish(out, err);
    }
    if (st != TOCEX_OK)
        tocex_disc_free(out);
    return st;
}
