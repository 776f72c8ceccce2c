/* Saved READ TOC/PMA/ATIP answers (redumper .toc/.fulltoc/.pma/.atip/.cdtext, readcd -fulltoc,
 * cdrdao) and .cdt CD-TEXT files, read together as one disc.
 *
 * Every answer file holds the complete answer with its 4-byte header (redumper
 * cd/cd_common.ixx toc_process; reference notes §1.4, §3.9): bytes 0-1 Data Length
 * (big-endian, excludes itself), then the descriptors (MMC, mmc-read-toc.md §2). The files of one
 * dump share a stem; the full TOC (if present) gives sessions, tracks and lead-outs, the format-0
 * TOC cross-checks it (BCD detection as cdrdao's getToc), PMA/ATIP/CD-TEXT attach. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "image/raw_fulltoc.h"
#include "tocex/addr.h"
#include "tocex/bytes.h"
#include "tocex/image.h"
#include "util/file.h"

#define RAW_MAX_SIZE (1024u * 1024u)

typedef struct raw_file {
    char *path;
    uint8_t *data;
    size_t len;
    bool present;
} raw_file;

/* Header check shared by all answers: a file shorter than Data Length + 2 is an error naming the
 * offset where it ends; a longer one is noted (the rest is not part of the answer). */
static tocex_status answer_body(const raw_file *f, size_t desc_size, tocex_disc *disc, tocex_span *body,
                                uint8_t hdr[2], tocex_error *err)
{
    tocex_span s;
    uint16_t dl;
    tocex_span_init(&s, f->data, f->len);
    if (!tocex_span_get_u16be(&s, &dl) || !tocex_span_copy(&s, hdr, 2))
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, f->path, (long long)f->len,
                                     "file ends inside the 4-byte answer header");
    if (dl < 2)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, 0, "Data Length %u is below 2", dl);
    if (f->len < (size_t)dl + 2)
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, f->path, (long long)f->len,
                                     "file ends here but Data Length %u says the answer has %u bytes", dl,
                                     (unsigned)dl + 2);
    if (f->len > (size_t)dl + 2)
        tocex_disc_note(disc, "%s: %zu bytes after the answer (Data Length %u) ignored", tocex_path_basename(f->path),
                        f->len - ((size_t)dl + 2), dl);
    if ((size_t)(dl - 2) % desc_size != 0)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, 0,
                                     "Data Length %u: %u descriptor bytes are not a multiple of %zu", dl, dl - 2,
                                     desc_size);
    tocex_span_get_span(&s, body, (size_t)dl - 2);
    return TOCEX_OK;
}

typedef struct fmt0_info {
    tocex_fmt0_view view;
    uint8_t adr[TOCEX_MAX_TRACKS], control[TOCEX_MAX_TRACKS];
    uint8_t first, last;
} fmt0_info;

static tocex_status parse_fmt0(const raw_file *f, tocex_disc *disc, fmt0_info *out, tocex_error *err)
{
    tocex_span body;
    uint8_t hdr[2];
    uint8_t raw[100][8];
    size_t n = 0;
    bool msf_form = true;
    int32_t lba_leadout = TOCEX_LBA_NONE;
    tocex_status st = answer_body(f, 8, disc, &body, hdr, err);
    if (st != TOCEX_OK)
        return st;
    memset(out, 0, sizeof *out);
    out->view.leadout = TOCEX_LBA_NONE;
    out->first = hdr[0];
    out->last = hdr[1];
    /* MMC: the header names the first and last track of the disc, numbers 1..99 */
    if (out->first < 1 || out->first > 99 || out->last < out->first || out->last > 99)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, 2, "header tracks %u-%u are not a range within 1..99",
                                     out->first, out->last);
    if (tocex_span_left(&body) / 8 > 100)
        return tocex_error_at_offset(err, TOCEX_E_LIMIT, f->path, 0, "%zu descriptors (at most 99 tracks + lead-out)",
                                     tocex_span_left(&body) / 8);
    while (tocex_span_copy(&body, raw[n], 8))
        n++;
    if (n == 0)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, 4, "the TOC has no descriptors");
    /* TIME=1 answers carry 00 MM SS FF; redumper asks TIME=0 (LBA). Take MSF only when every
     * address is a valid 00/M/S/F and the LBA reading puts the lead-out beyond any CD. */
    for (size_t i = 0; i < n; i++) {
        if (raw[i][4] != 0 || raw[i][6] >= 60 || raw[i][7] >= 75)
            msf_form = false;
        if (raw[i][2] == 0xAA)
            lba_leadout = (int32_t)tocex_be32(&raw[i][4]);
    }
    /* 00 MM SS FF read as an LBA is beyond any CD (99:59:74 = LBA 449849) from minute 7 on;
     * shorter discs show MSF by track 1 at 00 00 02 00 (00:02:00 = LBA 0) */
    if (msf_form && !(lba_leadout > 449849 || tocex_be32(&raw[0][4]) == 0x00000200u))
        msf_form = false;
    if (msf_form)
        tocex_disc_note(disc, "%s: addresses read as MSF (TIME=1 answer)", tocex_path_basename(f->path));
    for (size_t i = 0; i < n; i++) {
        uint64_t at = 4 + i * 8;
        int32_t addr;
        uint8_t tno = raw[i][2];
        if (msf_form) {
            tocex_msf msf = {raw[i][5], raw[i][6], raw[i][7]};
            addr = tocex_msf_to_lba(msf);
        } else
            addr = (int32_t)tocex_be32(&raw[i][4]);
        if (tno == 0xAA) {
            if (i + 1 != n)
                return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, (long long)at + 2,
                                             "lead-out descriptor is not the last");
            out->view.leadout = addr;
            continue;
        }
        if (tno < 1 || tno > 99)
            return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, (long long)at + 2, "track number %u", tno);
        if (out->view.count > 0 && tno != out->view.number[out->view.count - 1] + 1)
            return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, (long long)at + 2,
                                         "track %u follows track %u", tno, out->view.number[out->view.count - 1]);
        out->view.number[out->view.count] = tno;
        out->view.start[out->view.count] = addr;
        out->adr[out->view.count] = (uint8_t)(raw[i][1] >> 4);
        out->control[out->view.count] = (uint8_t)(raw[i][1] & 0x0F);
        out->view.count++;
    }
    if (out->view.leadout == TOCEX_LBA_NONE)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, (long long)f->len, "no lead-out (AAh) descriptor");
    if (out->view.count == 0)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, 4, "no track descriptors");
    if (out->first != out->view.number[0] || out->last != out->view.number[out->view.count - 1])
        tocex_disc_note(disc, "%s: header says tracks %u-%u, descriptors %u-%u", tocex_path_basename(f->path),
                        out->first, out->last, out->view.number[0], out->view.number[out->view.count - 1]);
    return TOCEX_OK;
}

static tocex_status parse_entries(const raw_file *f, tocex_disc *disc, tocex_toc_entry **out, size_t *count,
                                  uint8_t hdr[2], tocex_error *err)
{
    tocex_span body;
    size_t n;
    tocex_status st = answer_body(f, 11, disc, &body, hdr, err);
    *out = NULL;
    *count = 0;
    if (st != TOCEX_OK)
        return st;
    n = tocex_span_left(&body) / 11;
    if (n == 0)
        return TOCEX_OK;
    *out = calloc(n, sizeof **out);
    if (*out == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", f->path);
    for (size_t i = 0; i < n; i++) {
        tocex_toc_entry *e = &(*out)[i];
        tocex_span_get_u8(&body, &e->session);
        tocex_span_get_u8(&body, &e->adr_control);
        tocex_span_get_u8(&body, &e->tno);
        tocex_span_get_u8(&body, &e->point);
        tocex_span_get_u8(&body, &e->min);
        tocex_span_get_u8(&body, &e->sec);
        tocex_span_get_u8(&body, &e->frame);
        tocex_span_get_u8(&body, &e->zero);
        tocex_span_get_u8(&body, &e->pmin);
        tocex_span_get_u8(&body, &e->psec);
        tocex_span_get_u8(&body, &e->pframe);
    }
    *count = n;
    return TOCEX_OK;
}

/* .cdt: 18-byte packs, optionally behind a 4-byte READ TOC header and/or followed by one NUL
 * (CDRWIN appends it; libcdio's bincue.c accepts both, reference notes §3.1). */
static tocex_status parse_cdt(const raw_file *f, tocex_disc *disc, tocex_error *err)
{
    size_t start = 0, n = f->len;
    if (f->len >= 4) {
        size_t dl = tocex_be16(f->data);
        if ((dl + 2 == f->len || dl + 3 == f->len) && dl >= 2 && (dl - 2) % 18 == 0 && f->data[2] == 0 &&
            f->data[3] == 0) {
            start = 4;
            n = dl - 2;
        }
    }
    if (start == 0 && n % 18 == 1 && f->data[n - 1] == 0)
        n--;
    if (start == 4 && f->len == n + 5 && f->data[f->len - 1] != 0)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, (long long)f->len - 1, "byte after the packs");
    if (n % 18 != 0)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, (long long)(start + n - n % 18),
                                     "%zu bytes of packs are not a multiple of 18", n);
    if (n / 18 > TOCEX_MAX_CDTEXT_PACKS)
        return tocex_error_at_offset(err, TOCEX_E_LIMIT, f->path, (long long)start + TOCEX_MAX_CDTEXT_PACKS * 18,
                                     "%zu packs: at most %d fit in the lead-in", n / 18, TOCEX_MAX_CDTEXT_PACKS);
    for (size_t i = 0; i < n / 18; i++) {
        uint8_t type = f->data[start + i * 18];
        if (type < 0x80 || type > 0x8F)
            return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, (long long)(start + i * 18),
                                         "pack type %02Xh is not a CD-TEXT pack (80h..8Fh)", type);
    }
    return tocex_disc_set_cdtext(disc, f->data + start, n / 18, err);
}

static tocex_status parse_cdtext_answer(const raw_file *f, tocex_disc *disc, tocex_error *err)
{
    tocex_span body;
    uint8_t hdr[2];
    tocex_status st = answer_body(f, 18, disc, &body, hdr, err);
    if (st != TOCEX_OK)
        return st;
    if (tocex_span_left(&body) / 18 > TOCEX_MAX_CDTEXT_PACKS)
        return tocex_error_at_offset(err, TOCEX_E_LIMIT, f->path, 0, "%zu packs: at most %d",
                                     tocex_span_left(&body) / 18, TOCEX_MAX_CDTEXT_PACKS);
    return tocex_disc_set_cdtext(disc, body.data, tocex_span_left(&body) / 18, err);
}

static tocex_status parse_atip(const raw_file *f, tocex_disc *disc, tocex_error *err)
{
    tocex_span body;
    uint8_t hdr[2];
    size_t n;
    tocex_status st = answer_body(f, 1, disc, &body, hdr, err);
    if (st != TOCEX_OK)
        return st;
    n = tocex_span_left(&body);
    if (n == 0) {
        disc->known |= TOCEX_KNOWN_ATIP; /* the drive answered: no ATIP */
        return TOCEX_OK;
    }
    if (n != 24 && n != 28)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, f->path, 0, "ATIP of %zu bytes (24 or 28 expected)", n);
    if ((st = tocex_disc_set_atip(disc, body.data, n, err)) != TOCEX_OK)
        return st;
    /* ATIP byte 6 bit 6: disc type, 0 = CD-R, 1 = CD-RW (mmc-read-toc.md §2.5) */
    disc->media = (body.data[2] & 0x40) ? TOCEX_MEDIA_CD_RW : TOCEX_MEDIA_CD_R;
    disc->known |= TOCEX_KNOWN_MEDIA;
    return TOCEX_OK;
}

/* Does this sibling .toc hold a binary format-0 answer (not a cdrdao text TOC)? */
static bool looks_fmt0(const raw_file *f)
{
    size_t dl;
    if (f->len < 12)
        return false;
    dl = tocex_be16(f->data);
    return dl + 2 <= f->len && dl >= 10 && (dl - 2) % 8 == 0 && f->data[2] <= f->data[3];
}

static tocex_status load(raw_file *f, const char *path, tocex_error *err)
{
    memset(f, 0, sizeof *f);
    f->path = strdup(path);
    if (f->path == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
    f->present = true;
    return tocex_file_read_all(path, RAW_MAX_SIZE, &f->data, &f->len, err);
}

static tocex_status load_sibling(raw_file *f, const char *stem_path, const char *ext, tocex_error *err)
{
    struct stat sb;
    char *p = tocex_path_with_ext(stem_path, ext);
    tocex_status st = TOCEX_OK;
    memset(f, 0, sizeof *f);
    if (p == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
    if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
        st = load(f, p, err);
    free(p);
    return st;
}

enum { R_TOC, R_FULLTOC, R_PMA, R_ATIP, R_CDTEXT, R_CDT, R_COUNT };

static const char *const raw_ext[R_COUNT] = {".toc", ".fulltoc", ".pma", ".atip", ".cdtext", ".cdt"};

static int role_of(tocex_image_format format)
{
    switch (format) {
    case TOCEX_IMAGE_RAW_TOC: return R_TOC;
    case TOCEX_IMAGE_RAW_FULLTOC: return R_FULLTOC;
    case TOCEX_IMAGE_RAW_PMA: return R_PMA;
    case TOCEX_IMAGE_RAW_ATIP: return R_ATIP;
    case TOCEX_IMAGE_RAW_CDTEXT: return R_CDTEXT;
    case TOCEX_IMAGE_CDT: return R_CDT;
    default: return -1;
    }
}

static tocex_status build(raw_file files[R_COUNT], tocex_disc *out, tocex_error *err)
{
    tocex_status st;
    fmt0_info *f0 = NULL;
    tocex_toc_entry *entries = NULL;
    size_t count = 0;
    uint8_t hdr[2];

    if (files[R_TOC].present) {
        f0 = calloc(1, sizeof *f0);
        if (f0 == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
        if ((st = parse_fmt0(&files[R_TOC], out, f0, err)) != TOCEX_OK)
            goto done;
    }
    if (files[R_FULLTOC].present) {
        uint64_t *offsets;
        bool bcd;
        if ((st = parse_entries(&files[R_FULLTOC], out, &entries, &count, hdr, err)) != TOCEX_OK)
            goto done;
        if (count == 0) {
            st = tocex_error_at_offset(err, TOCEX_E_PARSE, files[R_FULLTOC].path, 4, "the full TOC has no entries");
            goto done;
        }
        offsets = malloc(count * sizeof *offsets);
        if (offsets == NULL) {
            st = tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < count; i++)
            offsets[i] = 4 + 11 * i;
        bcd = tocex_image_fulltoc_is_bcd(entries, count, f0 != NULL ? &f0->view : NULL);
        st = tocex_fulltoc_apply(out, entries, count, bcd, files[R_FULLTOC].path, offsets,
                                 f0 != NULL ? f0->view.leadout : TOCEX_LBA_NONE, err);
        free(offsets);
        if (st != TOCEX_OK)
            goto done;
        if (hdr[1] != out->session_count)
            tocex_disc_note(out, "full TOC header says last session %u, entries hold %zu", hdr[1], out->session_count);
        if (f0 != NULL) {
            /* drives get the full TOC wrong more often than format 0 (redumper toc_choose,
             * PX-W5224TA): say where they disagree */
            for (size_t i = 0; i < f0->view.count; i++) {
                int idx = tocex_disc_track_index(out, f0->view.number[i]);
                if (idx < 0)
                    tocex_disc_note(out, "format-0 TOC has track %u, the full TOC does not", f0->view.number[i]);
                else if (out->tracks[idx].start != f0->view.start[i])
                    tocex_disc_note(out, "track %u: full TOC says LBA %ld, format-0 TOC %ld", f0->view.number[i],
                                    (long)out->tracks[idx].start, (long)f0->view.start[i]);
            }
            if (tocex_disc_leadout(out) != f0->view.leadout)
                tocex_disc_note(out, "lead-out: full TOC says LBA %ld, format-0 TOC %ld", (long)tocex_disc_leadout(out),
                                (long)f0->view.leadout);
        }
    } else if (f0 != NULL) {
        for (size_t i = 0; i < f0->view.count; i++) {
            uint8_t ctl = f0->control[i];
            if ((st = tocex_disc_add_track(out, 1, f0->view.number[i], f0->adr[i], ctl,
                                           (ctl & TOCEX_CONTROL_DATA) ? TOCEX_MODE_UNKNOWN : TOCEX_MODE_AUDIO,
                                           f0->view.start[i], err)) != TOCEX_OK)
                goto done;
        }
        if ((st = tocex_disc_set_leadout(out, 1, f0->view.leadout, err)) != TOCEX_OK)
            goto done;
        out->known |= TOCEX_KNOWN_LEADOUT;
        tocex_disc_note(out, "only a format-0 TOC: one session assumed");
    } else {
        tocex_disc_note(out, "no TOC in the dump (.toc or .fulltoc): no tracks");
    }
    st = TOCEX_OK;
done:
    free(f0);
    free(entries);
    return st;
}

static tocex_status attach(raw_file files[R_COUNT], tocex_disc *out, tocex_error *err)
{
    tocex_status st;
    if (files[R_PMA].present) {
        tocex_toc_entry *entries = NULL;
        size_t count = 0;
        uint8_t hdr[2];
        if ((st = parse_entries(&files[R_PMA], out, &entries, &count, hdr, err)) != TOCEX_OK)
            return st;
        st = tocex_disc_set_pma(out, entries, count, err);
        free(entries);
        if (st != TOCEX_OK)
            return st;
        out->known |= TOCEX_KNOWN_PMA;
        if (count > 0 && !tocex_media_is_recordable_cd(out->media)) {
            out->media = TOCEX_MEDIA_CD_R; /* only recordable media have a PMA */
            out->known |= TOCEX_KNOWN_MEDIA;
        }
    }
    if (files[R_ATIP].present && (st = parse_atip(&files[R_ATIP], out, err)) != TOCEX_OK)
        return st;
    if (files[R_CDTEXT].present) {
        if ((st = parse_cdtext_answer(&files[R_CDTEXT], out, err)) != TOCEX_OK)
            return st;
        if (files[R_CDT].present)
            tocex_disc_note(out, "both .cdtext and .cdt present: the .cdtext answer is used");
    } else if (files[R_CDT].present && (st = parse_cdt(&files[R_CDT], out, err)) != TOCEX_OK)
        return st;
    return TOCEX_OK;
}

tocex_status tocex_image_read_raw(const char *path, tocex_image_format format, tocex_disc *out, tocex_error *err)
{
    raw_file files[R_COUNT];
    int role = role_of(format);
    tocex_status st = TOCEX_OK;
    if (out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no output disc", path);
    tocex_disc_init(out);
    memset(files, 0, sizeof files);
    if (role < 0) {
        /* no format given: take it from the extension */
        const char *dot = strrchr(tocex_path_basename(path), '.');
        for (int r = 0; r < R_COUNT && dot != NULL; r++)
            if (strcmp(dot, raw_ext[r]) == 0)
                role = r;
        if (role < 0)
            return tocex_error_set(err, TOCEX_E_UNSUPPORTED, "%s: not a raw READ TOC dump (.toc .fulltoc .pma .atip "
                                   ".cdtext .cdt)", path);
    }
    if ((st = load(&files[role], path, err)) != TOCEX_OK)
        goto done;
    for (int r = 0; r < R_COUNT; r++) {
        char *sib;
        bool same;
        if (r == role)
            continue;
        sib = tocex_path_with_ext(path, raw_ext[r]);
        same = sib != NULL && strcmp(sib, path) == 0;
        free(sib);
        if (same)
            continue;
        if ((st = load_sibling(&files[r], path, raw_ext[r], err)) != TOCEX_OK)
            goto done;
        /* a sibling .toc may be a cdrdao text TOC, which is not part of the dump */
        if (r == R_TOC && files[r].present && !looks_fmt0(&files[r])) {
            free(files[r].path);
            free(files[r].data);
            memset(&files[r], 0, sizeof files[r]);
        }
        if (files[r].present)
            tocex_disc_note(out, "read together with %s", tocex_path_basename(files[r].path));
    }
    if ((st = build(files, out, err)) != TOCEX_OK)
        goto done;
    if ((st = attach(files, out, err)) != TOCEX_OK)
        goto done;
    if (!(out->known & TOCEX_KNOWN_ATIP) && !files[R_ATIP].present)
        tocex_disc_note(out, "no .atip in the dump: ATIP unknown");
    st = tocex_disc_finish(out, err);
done:
    for (int r = 0; r < R_COUNT; r++) {
        free(files[r].path);
        free(files[r].data);
    }
    if (st != TOCEX_OK)
        tocex_disc_free(out);
    return st;
}
