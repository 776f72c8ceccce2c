/* The initiator's reading strategy: ask a device for every READ TOC/PMA/ATIP format the media
 * has, with as few commands as the answers' sizes allow, trust only the answers' own Data
 * Length, cross-check, work around known drive quirks, and fill a disc model.
 * Sources for every quirk: mmc-read-toc.md (sections named at each place). */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdtext/internal.h"
#include "tocex/bytes.h"
#include "tocex/cdtext.h"
#include "tocex/decode.h"
#include "tocex/mmc.h"
#include "tocex/read.h"

/* Format 0 is at most 4 + 8 x 100 bytes (99 tracks + lead-out; Windows MAXIMUM_CDROM_SIZE 804). */
#define TOC_ALLOCATION 804
#define SESSION_ALLOCATION 12
#define ATIP_ALLOCATION (4 + 28)
/* Never ask for fewer than 4 bytes: "some Y2k ATAPI drives as used by IOMEGA create a DMA
 * overrun if we try to transfer only 2 bytes" (cdrtools drv_mmc.c). */
#define PROBE_ALLOCATION 4
#define CONFIG_ALLOCATION 8
#define DEFAULT_UA_RETRIES 3

typedef struct reader {
    tocex_device *dev;
    unsigned ua_retries;
    bool ua_seen;
    bool shrinks; /* the drive shrinks Data Length to the allocation (DOSBox-X style) */
    /* CHECK CONDITION is the ordinary "not on this disc" answer of the command under way: its
     * message is left to the caller, which words it only when it reports it */
    bool check_expected;
    unsigned *commands;
    tocex_read_report *rep;
} reader;

static void warn(reader *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void warn(reader *r, const char *fmt, ...)
{
    va_list ap;
    if (r->rep == NULL || r->rep->warning_count >= TOCEX_READ_MAX_WARNINGS)
        return;
    va_start(ap, fmt);
    vsnprintf(r->rep->warnings[r->rep->warning_count], sizeof r->rep->warnings[0], fmt, ap);
    va_end(ap);
    r->rep->warning_count++;
}

static bool is_unit_attention(const tocex_sense *s)
{
    /* 06/28 medium may have changed; 06/29 power on / reset: both say "ask again". DOSBox-X
     * reports the medium change as NOT READY 02/28/00 instead (mmc-read-toc.md 5.5). */
    if (s->key == TOCEX_SK_NOT_READY && s->asc == TOCEX_ASC_NOT_READY_TO_READY_CHANGE)
        return true;
    return s->key == TOCEX_SK_UNIT_ATTENTION &&
           (s->asc == TOCEX_ASC_NOT_READY_TO_READY_CHANGE || s->asc == TOCEX_ASC_POWER_ON_RESET);
}

static tocex_status check_condition_error(tocex_error *err, uint8_t opcode, const tocex_sense *sense)
{
    return tocex_error_set(err, TOCEX_E_CHECK_CONDITION, "opcode %02Xh: CHECK CONDITION %X/%02X/%02X (%s)", opcode,
                           sense->key, sense->asc, sense->ascq, tocex_sense_asc_name(sense->asc, sense->ascq));
}

/* One command, retried on UNIT ATTENTION. *got = bytes usable in buf. */
static tocex_status run(reader *r, const uint8_t *cdb, size_t cdb_len, uint8_t *buf, size_t alloc, size_t *got,
                        tocex_sense *sense, tocex_error *err)
{
    for (unsigned attempt = 0;; attempt++) {
        tocex_cmd cmd;
        tocex_status st;
        tocex_cmd_init(&cmd, cdb, cdb_len, buf, alloc);
        if (alloc > 0)
            memset(buf, 0, alloc);
        st = tocex_device_execute(r->dev, &cmd, err);
        if (st != TOCEX_OK)
            return st;
        if (r->commands != NULL)
            (*r->commands)++;
        if (cmd.status == TOCEX_SCSI_STATUS_CHECK_CONDITION) {
            if (is_unit_attention(&cmd.sense) && attempt < r->ua_retries) {
                r->ua_seen = true;
                continue;
            }
            /* QEMU hw/ide/atapi.c answers the first command after a medium change with 02/3A
             * once, then 06/28: the first command of a read asks once more before concluding
             * that there is no disc. */
            if (cmd.sense.key == TOCEX_SK_NOT_READY && cmd.sense.asc == TOCEX_ASC_MEDIUM_NOT_PRESENT &&
                r->commands != NULL && *r->commands == 1 && attempt == 0) {
                continue;
            }
            if (sense != NULL)
                *sense = cmd.sense;
            if (r->check_expected && sense != NULL) {
                if (err != NULL)
                    err->status = TOCEX_E_CHECK_CONDITION;
                return TOCEX_E_CHECK_CONDITION;
            }
            return check_condition_error(err, cdb[0], &cmd.sense);
        }
        if (cmd.status != TOCEX_SCSI_STATUS_GOOD)
            return tocex_error_set(err, cmd.status == TOCEX_SCSI_STATUS_BUSY ? TOCEX_E_BUSY : TOCEX_E_IO,
                                   "opcode %02Xh: SCSI status %02Xh", cdb[0], cmd.status);
        /* A transport that cannot report a residual (QEMU IDE pass-through) fills the buffer;
         * the caller then goes by the answer's own Data Length, never by the padding. */
        *got = cmd.transferred_known ? cmd.transferred : alloc;
        return TOCEX_OK;
    }
}

static size_t answer_length(const uint8_t *buf, size_t got)
{
    size_t need;
    if (got < 2)
        return got;
    need = (size_t)tocex_be16(buf) + 2;
    /* the 4-byte header is always kept, even under a Data Length below 2 */
    if (need < 4)
        need = 4;
    return got < need ? got : need;
}

static tocex_status read_answer(reader *r, unsigned format, bool msf, uint8_t track_session, tocex_buf *out,
                                tocex_sense *sense, tocex_error *err)
{
    uint8_t cdb[10];
    uint8_t probe[SESSION_ALLOCATION > TOC_ALLOCATION ? SESSION_ALLOCATION : TOC_ALLOCATION];
    size_t alloc, got = 0, need;
    uint8_t *big = NULL;
    bool shrink_test = false;
    tocex_status st;

    switch (format) {
    case TOCEX_TOC_FORMAT_TOC: alloc = TOC_ALLOCATION; break;
    case TOCEX_TOC_FORMAT_SESSION: alloc = SESSION_ALLOCATION; break;
    case TOCEX_TOC_FORMAT_ATIP: alloc = ATIP_ALLOCATION; break;
    default: /* full TOC, PMA, CD-TEXT: size unknown */
        alloc = r->shrinks ? 0xFFFF : PROBE_ALLOCATION;
        break;
    }
    if (alloc > sizeof probe) {
        big = malloc(alloc);
        if (big == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for %zu bytes", alloc);
        tocex_mmc_build_read_toc(cdb, format, msf, track_session, (uint16_t)alloc);
        st = run(r, cdb, sizeof cdb, big, alloc, &got, sense, err);
        if (st == TOCEX_OK && !tocex_buf_put_bytes(out, big, answer_length(big, got)))
            st = tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for a READ TOC answer");
        free(big);
        return st;
    }
    tocex_mmc_build_read_toc(cdb, format, msf, track_session, (uint16_t)alloc);
    if ((st = run(r, cdb, sizeof cdb, probe, alloc, &got, sense, err)) != TOCEX_OK)
        return st;
    if (got < 2)
        return tocex_error_set(err, TOCEX_E_BAD_ANSWER, "READ TOC format %u: %zu bytes, no Data Length", format,
                               got);
    need = (size_t)tocex_be16(probe) + 2;
    if (format == TOCEX_TOC_FORMAT_FULL_TOC && need == 2 + 2 && got >= 4 && alloc == PROBE_ALLOCATION) {
        /* A full TOC always has descriptors; Data Length 2 to a 4-byte probe is a drive that
         * shrinks Data Length to the allocation (DOSBox-X does so for OAKCDROM.SYS, against
         * MMC). Ask once with the largest allocation to find out. */
        shrink_test = true;
        need = 0xFFFF;
    }
    if (need <= alloc || got < alloc) {
        /* complete (or the drive sent less than it announced: the decoder reports truncation) */
        if (!tocex_buf_put_bytes(out, probe, answer_length(probe, got)))
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for a READ TOC answer");
        return TOCEX_OK;
    }
    /* MMC: Data Length is not reduced by a short allocation length; ask again for all of it */
    {
        alloc = need > 0xFFFF ? 0xFFFF : need;
        big = malloc(alloc);
        if (big == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for %zu bytes", alloc);
        tocex_mmc_build_read_toc(cdb, format, msf, track_session, (uint16_t)alloc);
        st = run(r, cdb, sizeof cdb, big, alloc, &got, sense, err);
        if (st == TOCEX_OK && got < 2)
            st = tocex_error_set(err, TOCEX_E_BAD_ANSWER, "READ TOC format %u: %zu bytes, no Data Length", format,
                                 got);
        if (st == TOCEX_OK && shrink_test && tocex_be16(big) > 2)
            r->shrinks = true;
        if (st == TOCEX_OK && !tocex_buf_put_bytes(out, big, answer_length(big, got)))
            st = tocex_error_set(err, TOCEX_E_NOMEM, "out of memory for a READ TOC answer");
        free(big);
        return st;
    }
}

tocex_status tocex_read_toc_answer(tocex_device *dev, unsigned format, bool msf, uint8_t track_session,
                                   tocex_buf *out, tocex_sense *sense, unsigned *commands, tocex_error *err)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.dev = dev;
    r.ua_retries = DEFAULT_UA_RETRIES;
    r.commands = commands;
    if (dev == NULL || out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "no device or output buffer");
    if (format > TOCEX_TOC_FORMAT_CD_TEXT)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "READ TOC format %u is reserved", format);
    return read_answer(&r, format, msf, track_session, out, sense, err);
}

/* ------------------------------------------------------------------ the whole disc */

static bool sense_is(const tocex_sense *s, uint8_t key, uint8_t asc)
{
    return s->key == key && s->asc == asc;
}

typedef struct read_state {
    bool blank; /* recordable CD without a session: format 0 refused with 05/24/00 */
    tocex_buf toc_raw;
    tocex_toc_view toc;
    bool have_session;
    tocex_session_info_view session;
    tocex_fulltoc_view full;
    bool have_layout;
    tocex_fulltoc_view pma;
    bool have_pma;
    tocex_atip_answer atip;
    bool have_atip;
    tocex_buf cdtext_raw;
    tocex_cdtext_answer cdtext;
    /* Last, and not cleared with the rest: the interpreter fills it, and it is read only when
     * have_layout says so. */
    tocex_fulltoc_layout layout;
} read_state;

static tocex_status read_profile(reader *r, tocex_disc *disc, tocex_error *err)
{
    /* GET CONFIGURATION, RT = 01b (current features), starting feature 0: the 8-byte feature
     * header carries the current profile in bytes 6-7. */
    uint8_t cdb[10] = {TOCEX_OP_GET_CONFIGURATION, 0x01, 0, 0, 0, 0, 0, 0, CONFIG_ALLOCATION, 0};
    uint8_t buf[CONFIG_ALLOCATION];
    size_t got = 0;
    tocex_sense sense = {0, 0, 0};
    tocex_error e2;
    tocex_status st = run(r, cdb, sizeof cdb, buf, sizeof buf, &got, &sense, &e2);
    if (st == TOCEX_E_CHECK_CONDITION && sense_is(&sense, TOCEX_SK_NOT_READY, TOCEX_ASC_MEDIUM_NOT_PRESENT))
        return tocex_error_set(err, TOCEX_E_NO_MEDIUM, "no disc in the drive (GET CONFIGURATION: 02/3A)");
    if (st == TOCEX_E_CHECK_CONDITION || (st == TOCEX_OK && got < 8)) {
        /* pre-MMC-3 drives do not know GET CONFIGURATION */
        disc->media = TOCEX_MEDIA_CD_ROM;
        warn(r, "drive did not answer GET CONFIGURATION (%s): assumed CD-ROM",
             st == TOCEX_OK ? "short answer" : e2.message);
        tocex_disc_note(disc, "media type assumed CD-ROM: the drive did not answer GET CONFIGURATION");
        return TOCEX_OK;
    }
    if (st != TOCEX_OK) {
        if (err != NULL)
            *err = e2;
        return st;
    }
    {
        uint16_t profile = tocex_be16(&buf[6]);
        tocex_media media = tocex_media_from_profile(profile);
        if (profile == 0 || media == TOCEX_MEDIA_UNKNOWN || media == TOCEX_MEDIA_NONE) {
            disc->media = TOCEX_MEDIA_CD_ROM;
            warn(r, "current profile %04Xh is not a known media: assumed CD-ROM", profile);
            tocex_disc_note(disc, "media type assumed CD-ROM: current profile %04Xh", profile);
        } else {
            disc->media = media;
            disc->known |= TOCEX_KNOWN_MEDIA;
        }
    }
    return TOCEX_OK;
}

static tocex_status read_toc0(reader *r, read_state *rs, tocex_disc *disc, tocex_error *err)
{
    uint8_t start = 0; /* starting track 0: from the first track (Linux sr, cdrtools) */
    tocex_sense sense = {0, 0, 0};
    tocex_status st = read_answer(r, TOCEX_TOC_FORMAT_TOC, false, 0, &rs->toc_raw, &sense, err);
    if (st == TOCEX_E_CHECK_CONDITION && sense_is(&sense, TOCEX_SK_NOT_READY, TOCEX_ASC_MEDIUM_NOT_PRESENT))
        return tocex_error_set(err, TOCEX_E_NO_MEDIUM, "no disc in the drive (READ TOC: 02/3A)");
    if (st == TOCEX_E_CHECK_CONDITION && sense_is(&sense, TOCEX_SK_ILLEGAL_REQUEST, TOCEX_ASC_INVALID_FIELD_IN_CDB) &&
        tocex_media_is_recordable_cd(disc->media)) {
        /* a blank CD-R/RW has no TOC: 05/24/00 to the formatted TOC (ASUS DRW-24D5MT, udftools #33) */
        rs->blank = true;
        warn(r, "formatted TOC refused (05/24/00) on %s: blank disc", tocex_media_name(disc->media));
        return TOCEX_OK;
    }
    if (st == TOCEX_E_CHECK_CONDITION && sense_is(&sense, TOCEX_SK_ILLEGAL_REQUEST, TOCEX_ASC_INVALID_FIELD_IN_CDB)) {
        /* pre-MMC drives (Sony CDU-541) take starting track 1..63h or AAh, not 0 */
        start = 1;
        st = read_answer(r, TOCEX_TOC_FORMAT_TOC, false, start, &rs->toc_raw, &sense, err);
        if (st == TOCEX_OK)
            warn(r, "formatted TOC refused for starting track 0, read from track 1 (pre-MMC drive)");
    }
    if (st != TOCEX_OK)
        return st;
    if (r->ua_seen) {
        /* The first TOC read after a medium change may differ from the second (drives still
         * settling); read again and keep the second. */
        tocex_buf second;
        tocex_buf_init(&second);
        st = read_answer(r, TOCEX_TOC_FORMAT_TOC, false, start, &second, &sense, err);
        if (st != TOCEX_OK) {
            tocex_buf_free(&second);
            return st;
        }
        if (second.len != rs->toc_raw.len || memcmp(second.data, rs->toc_raw.data, second.len) != 0)
            warn(r, "formatted TOC read right after the medium change differed from the second read; used the "
                    "second");
        tocex_buf_free(&rs->toc_raw);
        rs->toc_raw = second;
    }
    return tocex_decode_toc(rs->toc_raw.data, rs->toc_raw.len, false, 0, &rs->toc, err);
}

static bool same_bytes(const tocex_buf *a, const tocex_buf *b)
{
    return a->len == b->len && a->len > 0 && memcmp(a->data, b->data, a->len) == 0;
}

static void read_session_info(reader *r, read_state *rs)
{
    tocex_buf raw;
    tocex_sense sense;
    tocex_error e;
    tocex_buf_init(&raw);
    if (read_answer(r, TOCEX_TOC_FORMAT_SESSION, false, 0, &raw, &sense, &e) != TOCEX_OK) {
        warn(r, "session info (format 1) not read: %s", e.message);
    } else if (same_bytes(&raw, &rs->toc_raw)) {
        /* QEMU hw/ide/atapi.c reads the format from byte 9 only: every format gets the TOC */
        warn(r, "session info (format 1) answer equals the formatted TOC (a drive that ignores the format "
                "field, like QEMU IDE): ignored");
    } else if (tocex_decode_session_info(raw.data, raw.len, false, &rs->session, &e) != TOCEX_OK) {
        warn(r, "session info (format 1) ignored: %s", e.message);
    } else if (rs->session.zero_descriptor) {
        warn(r, "session info (format 1) descriptor is all zero (QEMU SCSI): used the formatted TOC instead");
    } else {
        rs->have_session = true;
    }
    tocex_buf_free(&raw);
}

static bool layout_usable(reader *r, read_state *rs)
{
    const tocex_fulltoc_layout *l = &rs->layout;
    tocex_crosscheck cc;
    size_t n = tocex_fulltoc_crosscheck(l, &rs->toc, &cc);
    if (n > 0) {
        for (size_t i = 0; i < n && i < TOCEX_CROSSCHECK_MAX; i++)
            warn(r, "full TOC vs formatted TOC: %s", cc.messages[i]);
        warn(r, "full TOC disagrees with the formatted TOC in %zu place(s): sessions not taken from it", n);
        return false;
    }
    if (l->session_count == 0 || l->track_count == 0)
        return false;
    {
        bool has_track[256] = {false};
        size_t tracks = l->track_count < TOCEX_MAX_TRACKS ? l->track_count : TOCEX_MAX_TRACKS;
        for (size_t i = 0; i < tracks; i++)
            has_track[l->tracks[i].session] = true;
        for (size_t s = 1; s <= l->session_count; s++) {
            if (s > 255 || !has_track[s]) {
                warn(r, "full TOC session %zu has no tracks: sessions not taken from it", s);
                return false;
            }
        }
    }
    for (size_t i = 1; i < l->track_count; i++)
        if (l->tracks[i].session < l->tracks[i - 1].session) {
            warn(r, "full TOC puts track %u in session %u, before track %u's: sessions not taken from it",
                 l->tracks[i].number, l->tracks[i].session, l->tracks[i - 1].number);
            return false;
        }
    return true;
}

static void read_fulltoc(reader *r, read_state *rs, tocex_read_report *rep)
{
    tocex_buf raw;
    tocex_sense sense;
    tocex_error e;
    tocex_buf_init(&raw);
    /* starting session 1 (cdrdao; readcd sends 0, equivalent on MMC drives) */
    if (read_answer(r, TOCEX_TOC_FORMAT_FULL_TOC, false, 1, &raw, &sense, &e) != TOCEX_OK) {
        warn(r, "full TOC (format 2) not read: %s", e.message);
        goto done;
    }
    if (r->shrinks)
        warn(r, "drive shrinks Data Length to the allocation length (DOSBox-X style, against MMC): PMA and "
                "CD-TEXT asked with the largest allocation");
    if (same_bytes(&raw, &rs->toc_raw)) {
        /* QEMU hw/ide/atapi.c reads only byte 9: a format-2 request gets the formatted TOC */
        warn(r, "full TOC (format 2) answer equals the formatted TOC (a drive that ignores the format field, like "
                "QEMU IDE): not a full TOC, ignored");
        goto done;
    }
    if (tocex_decode_fulltoc(raw.data, raw.len, 0, &rs->full, &e) != TOCEX_OK) {
        warn(r, "full TOC (format 2) ignored: %s", e.message);
        goto done;
    }
    /* NEC CDR-260 and Matshita drives answer the full TOC in BCD (mmc-read-toc.md 4.2) */
    if (tocex_fulltoc_is_bcd(&rs->full, &rs->toc)) {
        if (tocex_fulltoc_bcd_to_binary(&rs->full, &e) != TOCEX_OK) {
            warn(r, "full TOC in BCD could not be converted: %s", e.message);
            tocex_fulltoc_view_free(&rs->full);
            goto done;
        }
        if (rep != NULL)
            rep->fulltoc_bcd = true;
        warn(r, "full TOC was answered in BCD (converted to binary)");
    }
    if (tocex_fulltoc_interpret(&rs->full, &rs->layout, &e) != TOCEX_OK) {
        warn(r, "full TOC (format 2) not interpreted: %s", e.message);
        tocex_fulltoc_view_free(&rs->full);
        goto done;
    }
    if (rep != NULL)
        rep->have_fulltoc = true;
    rs->have_layout = layout_usable(r, rs);
done:
    tocex_buf_free(&raw);
}

/* PMA, ATIP, CD-TEXT: a CHECK CONDITION means "not on this disc" (pressed media answer 05/24
 * or 05/30; Aaru #810 shows sense for formats 3/4 on a pressed disc). */
static void note_refusal(reader *r, const char *what, tocex_status st, const tocex_sense *sense, tocex_error *e)
{
    if (st == TOCEX_E_CHECK_CONDITION && sense->key == TOCEX_SK_ILLEGAL_REQUEST)
        return; /* not present: the ordinary answer */
    if (st == TOCEX_E_CHECK_CONDITION && sense->key == TOCEX_SK_NOT_READY && sense->asc == TOCEX_ASC_INCOMPATIBLE_MEDIUM)
        return; /* 02/30/xx: some drives say "cannot read this" for CD-only formats (Open question 4) */
    if (st == TOCEX_E_CHECK_CONDITION) /* read with check_expected: worded only now */
        (void)check_condition_error(e, TOCEX_OP_READ_TOC_PMA_ATIP, sense);
    warn(r, "%s not read: %s", what, e->message);
}

/* read_answer for a format whose absence is a CHECK CONDITION (PMA, ATIP, CD-TEXT) */
static tocex_status read_optional(reader *r, unsigned format, tocex_buf *out, tocex_sense *sense, tocex_error *err)
{
    tocex_status st;
    r->check_expected = true;
    st = read_answer(r, format, false, 0, out, sense, err);
    r->check_expected = false;
    return st;
}

static void read_pma(reader *r, read_state *rs, tocex_read_report *rep)
{
    tocex_buf raw;
    tocex_sense sense = {0, 0, 0};
    tocex_error e;
    tocex_status st;
    tocex_buf_init(&raw);
    st = read_optional(r, TOCEX_TOC_FORMAT_PMA, &raw, &sense, &e);
    if (st != TOCEX_OK) {
        note_refusal(r, "PMA", st, &sense, &e);
        rs->have_pma = st == TOCEX_E_CHECK_CONDITION;
    } else if (same_bytes(&raw, &rs->toc_raw)) {
        warn(r, "PMA answer equals the formatted TOC (QEMU-style drive): ignored");
    } else if (tocex_decode_pma(raw.data, raw.len, 0, &rs->pma, &e) != TOCEX_OK) {
        warn(r, "PMA ignored: %s", e.message);
    } else {
        rs->have_pma = true;
        if (rep != NULL)
            rep->have_pma = rs->pma.count > 0;
    }
    tocex_buf_free(&raw);
}

static void read_atip(reader *r, read_state *rs, tocex_disc *disc, tocex_read_report *rep)
{
    tocex_buf raw;
    tocex_sense sense = {0, 0, 0};
    tocex_error e;
    tocex_status st;
    tocex_buf_init(&raw);
    st = read_optional(r, TOCEX_TOC_FORMAT_ATIP, &raw, &sense, &e);
    if (st != TOCEX_OK) {
        note_refusal(r, "ATIP", st, &sense, &e);
        if (st == TOCEX_E_CHECK_CONDITION)
            disc->known |= TOCEX_KNOWN_ATIP;
    } else if (same_bytes(&raw, &rs->toc_raw)) {
        warn(r, "ATIP answer equals the formatted TOC (QEMU-style drive): ignored");
    } else {
        st = tocex_decode_atip_answer(raw.data, raw.len, &rs->atip, &e);
        if (st == TOCEX_E_NOT_PRESENT) {
            warn(r, "no ATIP: %s", e.message);
            disc->known |= TOCEX_KNOWN_ATIP;
        } else if (st != TOCEX_OK) {
            warn(r, "ATIP ignored: %s", e.message);
        } else {
            if (rs->atip.ricoh_bcd)
                warn(r, "ATIP lead-in/lead-out were in BCD (Ricoh firmware): converted");
            rs->have_atip = true;
            if (rep != NULL)
                rep->have_atip = true;
        }
    }
    tocex_buf_free(&raw);
}

static void read_cdtext(reader *r, read_state *rs, tocex_disc *disc, tocex_read_report *rep)
{
    tocex_sense sense = {0, 0, 0};
    tocex_error e;
    tocex_status st = read_optional(r, TOCEX_TOC_FORMAT_CD_TEXT, &rs->cdtext_raw, &sense, &e);
    if (st != TOCEX_OK) {
        /* CD-TEXT absent is answered either as Data Length 2 or as CHECK CONDITION 05/24/00 */
        note_refusal(r, "CD-TEXT", st, &sense, &e);
        if (st == TOCEX_E_CHECK_CONDITION)
            disc->known |= TOCEX_KNOWN_CDTEXT;
        return;
    }
    if (same_bytes(&rs->cdtext_raw, &rs->toc_raw)) {
        warn(r, "CD-TEXT answer equals the formatted TOC (QEMU-style drive): ignored");
        return;
    }
    if (tocex_decode_cdtext_answer(rs->cdtext_raw.data, rs->cdtext_raw.len, 0, &rs->cdtext, &e) != TOCEX_OK) {
        warn(r, "CD-TEXT ignored: %s", e.message);
        return;
    }
    disc->known |= TOCEX_KNOWN_CDTEXT;
    if (rs->cdtext.last_pack_zero_crc)
        warn(r, "CD-TEXT: last pack has CRC 0000 (drive quirk, accepted)");
    {
        /* CRC failures are kept (the CD-TEXT decoder counts them too) but said here; the
         * decoder hands over pack_count whole packs, and sets last_pack_zero_crc only when the
         * last of them is the last announced one. A CRC 0000 that does not match is a failure
         * like any other, except on that accepted last pack, which is left out of the count. */
        size_t bad = 0, zero = 0;
        size_t checked = rs->cdtext.pack_count - (rs->cdtext.last_pack_zero_crc ? 1u : 0u);
        tocex_cdtext_crc_count(rs->cdtext.packs, checked, &bad, &zero);
        bad += zero;
        if (bad > 0)
            warn(r, "CD-TEXT: %zu of %zu packs fail their CRC (kept as read)", bad, rs->cdtext.pack_count);
    }
    if (rep != NULL)
        rep->have_cdtext = rs->cdtext.pack_count > 0;
}

static tocex_status build(reader *r, read_state *rs, tocex_disc *disc, tocex_error *err)
{
    tocex_status st;
    const tocex_toc_descriptor *lo = tocex_toc_view_leadout(&rs->toc);
    const tocex_fulltoc_layout *l = &rs->layout;
    bool cd = tocex_media_is_cd(disc->media);
    uint8_t session_of[256];

    if (rs->blank) {
        /* no tracks: only what a blank recordable disc has */
        if (rs->have_pma && (st = tocex_disc_set_pma(disc, rs->pma.entries, rs->pma.count, err)) != TOCEX_OK)
            return st;
        if (rs->have_pma)
            disc->known |= TOCEX_KNOWN_PMA;
        if (rs->have_atip && (st = tocex_disc_set_atip(disc, rs->atip.bytes, rs->atip.len, err)) != TOCEX_OK)
            return st;
        return tocex_disc_finish(disc, err);
    }
    if (lo == NULL)
        return tocex_error_set(err, TOCEX_E_BAD_ANSWER, "formatted TOC has no lead-out");
    /* session of each track number (0: not in the full TOC, session 1 then); the last listing
     * of a number counts */
    memset(session_of, 0, sizeof session_of);
    if (rs->have_layout)
        for (size_t k = 0; k < l->track_count && k < TOCEX_MAX_TRACKS; k++)
            session_of[l->tracks[k].number] = l->tracks[k].session;
    for (size_t i = 0; i < rs->toc.count; i++) {
        const tocex_toc_descriptor *d = &rs->toc.entries[i];
        uint8_t session = session_of[d->track] != 0 ? session_of[d->track] : 1;
        tocex_track_mode mode = TOCEX_MODE_UNKNOWN;
        if (d->track == TOCEX_TRACK_LEADOUT)
            continue;
        /* CONTROL bit 2 clear = audio (Red Book); a data track's mode is not in the TOC */
        if (cd && !(d->control & TOCEX_CONTROL_DATA))
            mode = TOCEX_MODE_AUDIO;
        if ((st = tocex_disc_add_track(disc, session, d->track, d->adr, d->control, mode, d->lba, err)) != TOCEX_OK)
            return st;
    }
    if (rs->have_layout && rs->have_session) {
        /* format 1 names the last complete session and its first track: both must agree */
        uint8_t first = 0;
        for (size_t i = 0; i < disc->track_count && first == 0; i++)
            if (disc->tracks[i].session == disc->session_count)
                first = disc->tracks[i].number;
        if (rs->session.last_session != disc->session_count)
            warn(r, "session info says %u sessions, the full TOC %zu", rs->session.last_session,
                 disc->session_count);
        else if (rs->session.first_track_last_session != first)
            warn(r, "session info says the last session starts with track %u, the full TOC with track %u",
                 rs->session.first_track_last_session, first);
    }
    if (rs->have_layout) {
        for (size_t s = 0; s < disc->session_count; s++) {
            const tocex_fulltoc_session *fs = &l->sessions[s];
            tocex_session *ds = &disc->sessions[s];
            bool last = s + 1 == disc->session_count;
            if (fs->have_a2) {
                ds->leadout = fs->leadout;
            } else if (last) {
                /* Some drives leave A2 out of the full TOC: the formatted TOC's lead-out is the
                 * last session's. */
                ds->leadout = lo->lba;
                warn(r, "full TOC has no A2 (lead-out) for session %zu: took the formatted TOC's", s + 1);
            } else {
                return tocex_error_set(err, TOCEX_E_BAD_ANSWER,
                                       "full TOC has no A2 (lead-out) for session %zu of %zu", s + 1,
                                       disc->session_count);
            }
            if (fs->have_a0)
                ds->disc_type = fs->disc_type;
            ds->b0_given = true;
            ds->has_b0 = fs->has_b0;
            ds->b0_next_program = fs->has_b0 ? fs->b0_next_program : TOCEX_LBA_NONE;
            ds->b0_pointers = fs->b0_pointers;
            ds->b0_max_leadout = fs->b0_max_leadout;
            ds->c0_given = true;
            ds->has_c0 = fs->has_c0;
            memcpy(ds->c0_atip, fs->c0_atip, sizeof ds->c0_atip);
            ds->c0_first_leadin = fs->has_c0 ? fs->c0_first_leadin : TOCEX_LBA_NONE;
        }
        {
            const tocex_session *ls = &disc->sessions[disc->session_count - 1];
            disc->appendable = ls->has_b0 && ls->b0_next_program != TOCEX_LBA_NONE;
        }
        if ((st = tocex_disc_set_fulltoc(disc, rs->full.entries, rs->full.count, err)) != TOCEX_OK)
            return st;
        disc->known |= TOCEX_KNOWN_FULLTOC | TOCEX_KNOWN_SESSIONS;
    } else if (disc->session_count > 0) {
        disc->sessions[0].leadout = lo->lba;
        if (cd && rs->have_session && rs->session.last_session > 1)
            tocex_disc_note(disc, "the drive reports %u sessions, but without a usable full TOC all tracks are "
                                  "put in session 1",
                            rs->session.last_session);
        else if (cd && !rs->have_session)
            tocex_disc_note(disc, "sessions unknown: all tracks assumed in session 1");
        else
            disc->known |= TOCEX_KNOWN_SESSIONS;
    }
    if (!cd) {
        disc->capacity = lo->lba;
    }
    disc->known |= TOCEX_KNOWN_LEADOUT;
    if (rs->have_pma) {
        if ((st = tocex_disc_set_pma(disc, rs->pma.entries, rs->pma.count, err)) != TOCEX_OK)
            return st;
        disc->known |= TOCEX_KNOWN_PMA;
    }
    if (rs->have_atip && (st = tocex_disc_set_atip(disc, rs->atip.bytes, rs->atip.len, err)) != TOCEX_OK)
        return st;
    if (rs->cdtext.pack_count > 0 &&
        (st = tocex_disc_set_cdtext(disc, rs->cdtext.packs, rs->cdtext.pack_count, err)) != TOCEX_OK)
        return st;
    return tocex_disc_finish(disc, err);
}

tocex_status tocex_read_disc(tocex_device *dev, const tocex_read_options *opts, tocex_disc *out,
                             tocex_read_report *report, tocex_error *err)
{
    reader r;
    read_state *rs;
    tocex_read_options defaults;
    tocex_status st;
    unsigned commands = 0;
    bool ua_at_toc;

    if (dev == NULL || out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "no device or disc");
    if (opts == NULL) {
        memset(&defaults, 0, sizeof defaults);
        opts = &defaults;
    }
    if (report != NULL) {
        /* field by field: the warning texts are most of the report and are written when used */
        report->commands = 0;
        report->fulltoc_bcd = false;
        report->have_fulltoc = report->have_pma = report->have_atip = report->have_cdtext = false;
        report->warning_count = 0;
        for (size_t i = 0; i < TOCEX_READ_MAX_WARNINGS; i++)
            report->warnings[i][0] = '\0';
    }
    tocex_disc_init(out);
    memset(&r, 0, sizeof r);
    r.dev = dev;
    r.ua_retries = opts->unit_attention_retries != 0 ? opts->unit_attention_retries : DEFAULT_UA_RETRIES;
    r.commands = &commands;
    r.rep = report;
    rs = malloc(sizeof *rs);
    if (rs == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
    memset(rs, 0, offsetof(read_state, layout));
    tocex_buf_init(&rs->toc_raw);
    tocex_buf_init(&rs->cdtext_raw);

    if ((st = read_profile(&r, out, err)) != TOCEX_OK)
        goto done;
    st = read_toc0(&r, rs, out, err);
    if (st != TOCEX_OK)
        goto done;
    ua_at_toc = r.ua_seen;
    if (rs->blank) {
        if (!opts->skip_pma)
            read_pma(&r, rs, report);
        if (!opts->skip_atip)
            read_atip(&r, rs, out, report);
        st = build(&r, rs, out, err);
        goto done;
    }
    read_session_info(&r, rs);
    if (tocex_media_is_cd(out->media)) {
        read_fulltoc(&r, rs, report);
        if (!opts->skip_pma)
            read_pma(&r, rs, report);
        if (!opts->skip_atip)
            read_atip(&r, rs, out, report);
        if (!opts->skip_cdtext)
            read_cdtext(&r, rs, out, report);
    } else {
        /* DVD/BD: the drive makes up formats 0/1; the others are CD-only (MMC-5 6.26.3) */
        tocex_disc_note(out, "%s: formatted TOC made up by the drive", tocex_media_name(out->media));
    }
    if (r.ua_seen && !ua_at_toc)
        warn(&r, "UNIT ATTENTION after the formatted TOC was read: the medium may have changed during the read");
    st = build(&r, rs, out, err);
done:
    if (report != NULL)
        report->commands = commands;
    tocex_fulltoc_view_free(&rs->full);
    tocex_fulltoc_view_free(&rs->pma);
    tocex_buf_free(&rs->toc_raw);
    tocex_buf_free(&rs->cdtext_raw);
    free(rs);
    if (st != TOCEX_OK)
        tocex_disc_free(out);
    return st;
}
