/* Alcohol 120% .mds descriptors (the .mdf data file is never opened).
 *
 * Little-endian. Layout facts: libmirage image-mds, Aaru Alcohol120, DiscImageCreator MDS_*
 * structs (reference notes §3.5). Header: "MEDIA DESCRIPTOR", version, medium type, session
 * count, ..., offset of the first session block at 50h. Session block (24 bytes): start, end,
 * number, number of all blocks, number of non-track blocks, first/last track, track-block offset.
 * Track block (80 bytes): mode, subchannel, a 10-byte lead-in Q entry (ADR/CONTROL, TNO, POINT,
 * MSF, ZERO, PMSF — the READ TOC format-2 layout without the session byte), extra-block offset
 * (pregap, length), sector size, start sector, start offset in the .mdf. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/raw_fulltoc.h"
#include "tocex/addr.h"
#include "tocex/bytes.h"
#include "tocex/image.h"
#include "util/file.h"

#define MDS_MAX_SIZE (16u * 1024u * 1024u)
#define MDS_HEADER_SIZE 0x58
#define MDS_SESSION_SIZE 24
#define MDS_TRACK_SIZE 80

typedef struct mds_ctx {
    const char *name;
    const uint8_t *data;
    size_t len;
    tocex_disc *disc;
    tocex_error *err;
} mds_ctx;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static tocex_status
fail(mds_ctx *c, tocex_status st, uint64_t offset, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tocex_error_at_offset(c->err, st, c->name, (long long)offset, "%s", msg);
}

/* A span over [offset, offset + n) of the file, or false when that lies outside it. */
static bool region(const mds_ctx *c, uint64_t offset, uint64_t n, tocex_span *out)
{
    tocex_span s;
    tocex_span_init(&s, c->data, c->len);
    if (offset > c->len || n > c->len - offset)
        return false;
    if (!tocex_span_skip(&s, (size_t)offset))
        return false;
    return tocex_span_get_span(&s, out, (size_t)n);
}

/* Track-block mode byte: low nibble 9 audio, A Mode 1, B Mode 2, C Mode 2 Form 1, D Form 2
 * (A9h..ADh, E9h..EDh in libmirage/Aaru); 02h marks a DVD track. */
static tocex_track_mode mds_mode(uint8_t m)
{
    switch (m & 0x0F) {
    case 0x9: return TOCEX_MODE_AUDIO;
    case 0xA: return TOCEX_MODE_MODE1;
    case 0xB: return TOCEX_MODE_MODE2;
    case 0xC: return TOCEX_MODE_MODE2_FORM1;
    case 0xD: return TOCEX_MODE_MODE2_FORM2;
    default: return TOCEX_MODE_UNKNOWN;
    }
}

typedef struct mds_track_info {
    uint8_t number;
    uint8_t mode_byte;
    uint16_t sector_size;
    uint32_t start_sector;
    uint32_t pregap, length;
    bool has_extra;
    uint64_t offset;
} mds_track_info;

static tocex_status read_extra(mds_ctx *c, uint32_t extra_offset, uint64_t field_at, mds_track_info *ti)
{
    tocex_span x;
    if (extra_offset == 0)
        return TOCEX_OK;
    if (!region(c, extra_offset, 8, &x))
        return fail(c, TOCEX_E_TRUNCATED, field_at, "extra block offset %lu lies outside the %zu-byte file",
                    (unsigned long)extra_offset, c->len);
    tocex_span_get_u32le(&x, &ti->pregap);
    tocex_span_get_u32le(&x, &ti->length);
    ti->has_extra = true;
    return TOCEX_OK;
}

tocex_status tocex_image_parse_mds(const char *name, const uint8_t *data, size_t len, tocex_disc *out,
                                   tocex_error *err)
{
    mds_ctx ctx = {name != NULL ? name : "(mds)", data, len, out, err};
    mds_ctx *c = &ctx;
    tocex_span h;
    uint8_t sig[16], major, minor;
    uint16_t medium, nsessions, bca_len;
    uint32_t session_offset, u32;
    tocex_toc_entry *entries = NULL;
    uint64_t *entry_offsets = NULL;
    mds_track_info *infos = NULL;
    size_t nentries = 0, ninfos = 0, cap = 0;
    bool dvd;
    tocex_status st = TOCEX_OK;
    uint8_t skip[24];

    if (out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no output disc", c->name);
    tocex_disc_init(out);
    if (data == NULL)
        len = 0;
    c->len = len;
    tocex_span_init(&h, data, len);
    if (!tocex_span_copy(&h, sig, 16) || memcmp(sig, "MEDIA DESCRIPTOR", 16) != 0)
        return fail(c, TOCEX_E_PARSE, 0, "no \"MEDIA DESCRIPTOR\" signature: not an Alcohol .mds file");
    if (!tocex_span_get_u8(&h, &major) || !tocex_span_get_u8(&h, &minor) || !tocex_span_get_u16le(&h, &medium) ||
        !tocex_span_get_u16le(&h, &nsessions) || !tocex_span_get_u32le(&h, &u32) ||
        !tocex_span_get_u16le(&h, &bca_len) || !tocex_span_skip(&h, 8) || !tocex_span_get_u32le(&h, &u32) ||
        !tocex_span_copy(&h, skip, 24) || !tocex_span_get_u32le(&h, &u32) || !tocex_span_skip(&h, 12) ||
        !tocex_span_get_u32le(&h, &session_offset))
        return fail(c, TOCEX_E_TRUNCATED, tocex_span_offset(&h), "header cut off (%zu bytes, %d needed)", len,
                    MDS_HEADER_SIZE);
    if (major != 1)
        /* major 2 is Daemon Tools' MDS v2 / MDX (libmirage image-mdx), possibly encrypted */
        return fail(c, TOCEX_E_UNSUPPORTED, 16, "descriptor version %u.%u (only 1.x is supported)", major, minor);
    switch (medium) {
    case 0x00: out->media = TOCEX_MEDIA_CD_ROM; break;
    case 0x01: out->media = TOCEX_MEDIA_CD_R; break;
    case 0x02: out->media = TOCEX_MEDIA_CD_RW; break;
    case 0x10: out->media = TOCEX_MEDIA_DVD_ROM; break;
    case 0x12: out->media = TOCEX_MEDIA_DVD_R; break;
    default: return fail(c, TOCEX_E_UNSUPPORTED, 0x12, "medium type %04Xh is not known", medium);
    }
    out->known |= TOCEX_KNOWN_MEDIA;
    dvd = !tocex_media_is_cd(out->media);
    if (nsessions == 0 || nsessions > TOCEX_MAX_SESSIONS)
        return fail(c, TOCEX_E_PARSE, 0x14, "%u sessions (1..99 expected)", nsessions);

    for (uint16_t si = 0; si < nsessions; si++) {
        uint64_t sat = (uint64_t)session_offset + (uint64_t)si * MDS_SESSION_SIZE;
        tocex_span s;
        int32_t sstart, send;
        uint16_t snum, first, last;
        uint8_t nblocks, nleadin;
        uint32_t track_offset;
        if (!region(c, sat, MDS_SESSION_SIZE, &s)) {
            st = fail(c, TOCEX_E_TRUNCATED, si == 0 ? 0x50 : sat,
                      "session block %u at byte %llu lies outside the %zu-byte file", si + 1,
                      (unsigned long long)sat, len);
            goto done;
        }
        tocex_span_get_u32le(&s, &u32);
        sstart = (int32_t)u32;
        tocex_span_get_u32le(&s, &u32);
        send = (int32_t)u32;
        tocex_span_get_u16le(&s, &snum);
        tocex_span_get_u8(&s, &nblocks);
        tocex_span_get_u8(&s, &nleadin);
        tocex_span_get_u16le(&s, &first);
        tocex_span_get_u16le(&s, &last);
        tocex_span_get_u32le(&s, &u32);
        tocex_span_get_u32le(&s, &track_offset);
        (void)sstart;
        if (snum != si + 1) {
            st = fail(c, TOCEX_E_PARSE, sat + 8, "session block %u says it is session %u", si + 1, snum);
            goto done;
        }
        if (nblocks == 0) {
            st = fail(c, TOCEX_E_PARSE, sat + 10, "session %u has no track blocks", snum);
            goto done;
        }
        if (nleadin > nblocks)
            tocex_disc_note(out, "session %u: %u non-track blocks of %u", snum, nleadin, nblocks);
        if (nentries + nblocks > cap) { /* nentries >= ninfos: entries and infos grow together */
            size_t ncap = (cap + nblocks) * 2;
            void *p1 = realloc(entries, ncap * sizeof *entries);
            void *p2 = p1 != NULL ? realloc(entry_offsets, ncap * sizeof *entry_offsets) : NULL;
            void *p3 = p2 != NULL ? realloc(infos, ncap * sizeof *infos) : NULL;
            if (p1 != NULL)
                entries = p1;
            if (p2 != NULL)
                entry_offsets = p2;
            if (p3 != NULL)
                infos = p3;
            if (p1 == NULL || p2 == NULL || p3 == NULL) {
                st = tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", c->name);
                goto done;
            }
            cap = ncap;
        }
        for (uint8_t k = 0; k < nblocks; k++) {
            uint64_t tat = (uint64_t)track_offset + (uint64_t)k * MDS_TRACK_SIZE;
            tocex_span t;
            tocex_toc_entry *e = &entries[nentries];
            mds_track_info *ti = &infos[ninfos];
            uint8_t mode_byte, sub;
            uint32_t extra_offset;
            uint16_t sector_size;
            uint32_t start_sector;
            if (!region(c, tat, MDS_TRACK_SIZE, &t)) {
                st = fail(c, TOCEX_E_TRUNCATED, sat + 20,
                          "session %u: track block %u at byte %llu lies outside the %zu-byte file", snum, k + 1,
                          (unsigned long long)tat, len);
                goto done;
            }
            memset(e, 0, sizeof *e);
            memset(ti, 0, sizeof *ti);
            tocex_span_get_u8(&t, &mode_byte);
            tocex_span_get_u8(&t, &sub);
            e->session = (uint8_t)snum;
            tocex_span_get_u8(&t, &e->adr_control);
            tocex_span_get_u8(&t, &e->tno);
            tocex_span_get_u8(&t, &e->point);
            tocex_span_get_u8(&t, &e->min);
            tocex_span_get_u8(&t, &e->sec);
            tocex_span_get_u8(&t, &e->frame);
            tocex_span_get_u8(&t, &e->zero);
            tocex_span_get_u8(&t, &e->pmin);
            tocex_span_get_u8(&t, &e->psec);
            tocex_span_get_u8(&t, &e->pframe);
            tocex_span_get_u32le(&t, &extra_offset);
            tocex_span_get_u16le(&t, &sector_size);
            tocex_span_skip(&t, 18);
            tocex_span_get_u32le(&t, &start_sector);
            entry_offsets[nentries] = tat + 2;
            nentries++;
            if (e->point >= 1 && e->point <= 99) {
                ti->number = e->point;
                ti->mode_byte = mode_byte;
                ti->sector_size = sector_size;
                ti->start_sector = start_sector;
                ti->offset = tat;
                if ((st = read_extra(c, extra_offset, tat + 12, ti)) != TOCEX_OK)
                    goto done;
                if (sub != 0 && sub != 0x08)
                    tocex_disc_note(out, "track %u: subchannel type %02Xh", e->point, sub);
                ninfos++;
            }
        }
        if (dvd) {
            /* DVD: the Q entry carries no meaningful MSF; the track block's start sector and
             * the extra block's length describe the (single-layer) track */
            for (size_t k = 0; k < ninfos; k++) {
                mds_track_info *ti = &infos[k];
                int32_t end;
                if (k > 0 && ti->number == infos[k - 1].number)
                    continue;
                if ((st = tocex_disc_add_track(out, (uint8_t)snum, ti->number, 1, TOCEX_CONTROL_DATA,
                                               TOCEX_MODE_MODE1, (int32_t)ti->start_sector, err)) != TOCEX_OK)
                    goto done;
                out->tracks[out->track_count - 1].sector_size = ti->sector_size;
                end = ti->has_extra && ti->length > 0 ? (int32_t)(ti->start_sector + ti->length) : send;
                if ((st = tocex_disc_set_leadout(out, (uint8_t)snum, end, err)) != TOCEX_OK)
                    goto done;
            }
            ninfos = 0;
        }
        (void)first;
        (void)last;
    }

    if (!dvd) {
        if ((st = tocex_fulltoc_apply(out, entries, nentries, false, c->name, entry_offsets, TOCEX_LBA_NONE, err)) !=
            TOCEX_OK)
            goto done;
        for (size_t k = 0; k < ninfos; k++) {
            mds_track_info *ti = &infos[k];
            int idx = tocex_disc_track_index(out, ti->number);
            tocex_track *t;
            if (idx < 0)
                continue;
            t = &out->tracks[idx];
            if (ti->mode_byte != 0) {
                tocex_track_mode m = mds_mode(ti->mode_byte);
                if (m == TOCEX_MODE_UNKNOWN)
                    tocex_disc_note(out, "track %u: mode byte %02Xh not known", ti->number, ti->mode_byte);
                else
                    t->mode = m;
            }
            t->sector_size = ti->sector_size;
            if ((int32_t)ti->start_sector != t->start)
                tocex_disc_note(out, "track %u: start sector %lu differs from the Q entry (LBA %ld)", ti->number,
                                (unsigned long)ti->start_sector, (long)t->start);
            if (ti->has_extra)
                t->pregap = (int32_t)ti->pregap;
        }
        out->known |= TOCEX_KNOWN_MODES | TOCEX_KNOWN_GAPS;
    } else {
        out->known |= TOCEX_KNOWN_SESSIONS | TOCEX_KNOWN_LEADOUT;
        tocex_disc_note(out, "DVD: the TOC is made up from the track's start and length");
    }
    if (bca_len > 0)
        tocex_disc_note(out, "BCA of %u bytes not read", bca_len);
    tocex_disc_note(out, "CD-TEXT, MCN and ISRC are not read from an .mds (they live in the .mdf subchannel, if anywhere)");
    st = tocex_disc_finish(out, err);
done:
    free(entries);
    free(entry_offsets);
    free(infos);
    if (st != TOCEX_OK)
        tocex_disc_free(out);
    return st;
}

tocex_status tocex_image_read_mds(const char *path, tocex_disc *out, tocex_error *err)
{
    return tocex_file_parse(path, MDS_MAX_SIZE, tocex_image_parse_mds, out, err);
}
