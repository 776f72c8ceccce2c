/* READ TOC/PMA/ATIP (43h) — the drive's side: the complete answer for formats 0-5 from the
 * disc model. Byte layouts and the sources behind every choice are in the project's READ TOC
 * research notes, mmc-read-toc.md (sections cited as "§n", open questions as "Open question n"). */
#include <string.h>

#include "mmc/encode.h"
#include "tocex/addr.h"
#include "tocex/emu.h"
#include "tocex/mmc.h"

/* What the CDB asks for, once validated. */
typedef struct toc_request {
    unsigned format;
    bool msf;
    uint8_t start;      /* Track/Session Number (byte 6) */
    bool legacy_format; /* the format came from byte 9 (SFF-8020i), not from byte 2 */
} toc_request;

static tocex_status check_condition(tocex_sense *sense, tocex_sense value)
{
    if (sense != NULL)
        *sense = value;
    return TOCEX_E_CHECK_CONDITION;
}

uint8_t tocex_mmc_cdb_u8(const uint8_t *cdb, size_t cdb_len, size_t at)
{
    return cdb != NULL && at < cdb_len ? cdb[at] : 0;
}

uint16_t tocex_mmc_cdb_be16(const uint8_t *cdb, size_t cdb_len, size_t at)
{
    return (uint16_t)(tocex_mmc_cdb_u8(cdb, cdb_len, at) << 8 | tocex_mmc_cdb_u8(cdb, cdb_len, at + 1));
}

bool tocex_mmc_medium_present(const tocex_disc *disc)
{
    return disc != NULL && disc->media != TOCEX_MEDIA_NONE;
}

size_t tocex_mmc_toc_unit_size(unsigned format, size_t full_len)
{
    switch (format) {
    case TOCEX_TOC_FORMAT_TOC:
    case TOCEX_TOC_FORMAT_SESSION:
        return 8;
    case TOCEX_TOC_FORMAT_FULL_TOC:
    case TOCEX_TOC_FORMAT_PMA:
        return 11;
    case TOCEX_TOC_FORMAT_ATIP:
        return full_len > 4 ? full_len - 4 : 0;
    case TOCEX_TOC_FORMAT_CD_TEXT:
        return 18;
    default:
        return 0;
    }
}

/*
 * CDB validation (§1.1). Byte 1: bit 1 is MSF; bits 7-5 were the SCSI-2 LUN field (Sony CDU-541
 * and Pioneer SCSI-2 manuals) and are ignored, as Linux f_mass_storage does (it masks the LUN
 * before checking the rest) — hosts of that era fill in their LUN there, and for a single-LUN
 * device the transport has already addressed us. Every other bit of byte 1, byte 2 bits 7-4
 * and bytes 3-5 are reserved in MMC: a set bit is INVALID FIELD IN CDB.
 * Byte 9 bits 7-6 are the SFF-8020i legacy format, used only when byte 2 gives 0; SFF-8020i
 * defines 00b/01b/10b there, so 11b (which would read as format 3) is reserved.
 */
static tocex_status parse_request(const uint8_t *cdb, size_t cdb_len, toc_request *req, tocex_sense *sense)
{
    uint8_t b[10];
    if (cdb == NULL || cdb_len < 10)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    memcpy(b, cdb, sizeof b); /* cdb_len >= 10 was checked */
    if (b[0] != TOCEX_OP_READ_TOC_PMA_ATIP)
        return check_condition(sense, TOCEX_SENSE_INVALID_OPCODE);
    if ((b[1] & 0x1D) != 0 || (b[2] & 0xF0) != 0 || b[3] != 0 || b[4] != 0 || b[5] != 0)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    req->format = tocex_mmc_read_toc_format(b, sizeof b);
    req->legacy_format = (b[2] & 0x0F) == 0 && (b[9] >> 6) != 0;
    if (req->legacy_format && req->format > TOCEX_TOC_FORMAT_FULL_TOC)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    if (req->format > TOCEX_TOC_FORMAT_CD_TEXT)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    req->msf = (b[1] & 0x02) != 0;
    req->start = b[6];
    return TOCEX_OK;
}

/* tocex_lba_to_msf_wrap, written out: called for every address of an MSF answer or a full TOC */
static tocex_msf msf_wrap(int32_t lba)
{
    tocex_msf msf = {0, 0, 0};
    uint32_t frames;
    if (lba < TOCEX_LBA_MIN)
        return msf;
    frames = lba >= -TOCEX_MSF_OFFSET ? (uint32_t)lba + TOCEX_MSF_OFFSET : (uint32_t)(lba + TOCEX_LEADIN_OFFSET);
    msf.m = (uint8_t)((frames / TOCEX_FRAMES_PER_MINUTE) & 0xFF);
    msf.s = (uint8_t)((frames / TOCEX_FRAMES_PER_SECOND) % TOCEX_SECONDS_PER_MINUTE);
    msf.f = (uint8_t)(frames % TOCEX_FRAMES_PER_SECOND);
    return msf;
}

/* Track Start Address (§2.1, §4.1): MSF=1 → reserved byte then M, S, F in binary with the
 * 150-frame offset (90-minute rule for lead-in LBAs, minutes keep counting past 99 for DVD
 * sizes); MSF=0 → 32-bit big-endian two's complement LBA (−150 = FF FF FF 6A). */
static void write_address(uint8_t *p, int32_t lba, bool msf)
{
    if (msf) {
        tocex_msf m = msf_wrap(lba);
        p[0] = 0;
        p[1] = m.m;
        p[2] = m.s;
        p[3] = m.f;
    } else {
        tocex_put_be32(p, (uint32_t)lba);
    }
}

/* The answers are written with direct stores into space taken from the buffer in one piece;
 * a buffer that cannot grow is marked failed, which finish_answer reports. */
static void write_track_descriptor(uint8_t *p, uint8_t adr_control, uint8_t number, int32_t lba, bool msf)
{
    p[0] = 0;
    p[1] = adr_control;
    p[2] = number;
    p[3] = 0;
    write_address(p + 4, lba, msf);
}

static void put_track_descriptor(tocex_buf *out, uint8_t adr_control, uint8_t number, int32_t lba, bool msf)
{
    uint8_t *p = tocex_buf_extend(out, 8);
    if (p != NULL)
        write_track_descriptor(p, adr_control, number, lba, msf);
}

static uint8_t adr_control(const tocex_track *t)
{
    return (uint8_t)((t->adr & 0x0F) << 4 | (t->control & 0x0F));
}

/* Index of the first / last track of a session, or -1. Computed from the track list so an
 * unfinished model never sends us past the arrays. */
static int session_first_index(const tocex_disc *disc, unsigned session)
{
    for (size_t i = 0; i < disc->track_count; i++)
        if (disc->tracks[i].session == session)
            return (int)i;
    return -1;
}

static int session_last_index(const tocex_disc *disc, unsigned session)
{
    int found = -1;
    for (size_t i = 0; i < disc->track_count; i++)
        if (disc->tracks[i].session == session)
            found = (int)i;
    return found;
}

/* Header (Data Length placeholder + two format-specific bytes). */
static void put_header(tocex_buf *out, uint8_t b2, uint8_t b3)
{
    uint8_t *p = tocex_buf_extend(out, 4);
    if (p == NULL)
        return;
    p[0] = 0;
    p[1] = 0;
    p[2] = b2;
    p[3] = b3;
}

/* Data Length = everything after the field itself, never reduced for the allocation length
 * (MMC as quoted in §1.4: "This value is not modified when the allocation length is
 * insufficient"). */
static tocex_status finish_answer(tocex_buf *out, size_t base)
{
    size_t len;
    if (out->failed)
        return TOCEX_E_NOMEM;
    len = out->len - base;
    if (len < 4 || len - 2 > 0xFFFF)
        return TOCEX_E_LIMIT;
    (void)tocex_buf_set_u16be(out, base, (uint16_t)(len - 2));
    return TOCEX_OK;
}

/* ---- DVD/BD: the made-up CD-like TOC (§3 "DVD/BD (non-CD) media") ----
 * MMC-5 leaves the fabricated formatted TOC to the drive (libburn cookbook: "fictional
 * information much at the discretion of the drive"). We follow libburn's reading of drives
 * (mmc_read_toc_fmt0_al): track n = session n, header first/last = first/last session, and
 * Pioneer R8 "The ADR/Control field for DVD media is always set to 14h". Lead-out = the
 * medium's capacity when known (what QEMU, f_mass_storage and ZuluSCSI put there), else the
 * last session's lead-out. */
static int32_t noncd_session_start(const tocex_disc *disc, unsigned session)
{
    int i = session_first_index(disc, session);
    return i >= 0 ? disc->tracks[i].start : 0;
}

static tocex_status encode_noncd_toc(const tocex_disc *disc, const toc_request *req, tocex_buf *out,
                                     tocex_sense *sense)
{
    unsigned n = (unsigned)disc->session_count;
    unsigned from;
    int32_t leadout = disc->capacity > 0 ? disc->capacity : tocex_disc_leadout(disc);
    if (n == 0 || disc->track_count == 0)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD); /* blank: no TOC to report */
    if (req->format == TOCEX_TOC_FORMAT_SESSION) {
        put_header(out, 1, (uint8_t)n);
        put_track_descriptor(out, 0x14, (uint8_t)n, noncd_session_start(disc, n), req->msf);
        return TOCEX_OK;
    }
    if (req->start == 0)
        from = 1;
    else if (req->start == TOCEX_TRACK_LEADOUT)
        from = n + 1;
    else if (req->start <= n)
        from = req->start;
    else
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    put_header(out, 1, (uint8_t)n);
    for (unsigned k = from; k <= n; k++)
        put_track_descriptor(out, 0x14, (uint8_t)k, noncd_session_start(disc, k), req->msf);
    put_track_descriptor(out, 0x14, TOCEX_TRACK_LEADOUT, leadout, req->msf);
    return TOCEX_OK;
}

/* ---- Format 0: formatted TOC (§2.1) ---- */
static tocex_status encode_formatted_toc(const tocex_disc *disc, const toc_request *req, uint32_t quirks,
                                         tocex_buf *out, tocex_sense *sense)
{
    const tocex_track *last_track;
    uint8_t first = tocex_disc_first_track(disc);
    uint8_t last = tocex_disc_last_track(disc);
    uint8_t leadout_adr_control;
    size_t from;
    /* A blank CD-R/RW has no TOC: drives answer INVALID FIELD IN CDB (ASUS DRW-24D5MT, udftools
     * issue #33), and Linux then fails CDROMREADTOCHDR with EIO. */
    if (disc->track_count == 0 || disc->session_count == 0)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    /* Start track (MMC as quoted in §1.3): 0 = from the first track, a track number = from that
     * track, AAh = the lead-out alone. A number below the first track (discs whose first track
     * is not 1) starts at the first track, as "tracks >= start" reads. Anything above the last
     * track other than AAh is INVALID FIELD IN CDB (§3; QEMU, f_mass_storage, ZuluSCSI). The
     * emulators that answer such requests with the lead-out or a bare header (86Box, MAME,
     * DOSBox-X) are not followed. */
    if (req->start == TOCEX_TRACK_LEADOUT) {
        from = disc->track_count;
    } else if (req->start == 0 || req->start <= last) {
        from = 0;
        while (from < disc->track_count && disc->tracks[from].number < req->start)
            from++;
    } else {
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    }
    /* Header: the whole disc's first and last track, not the returned range (MAME, 86Box,
     * DOSBox-X and QEMU agree; PCem's "first returned track" is a bug). */
    put_header(out, first, last);
    if (from < disc->track_count) {
        uint8_t *p = tocex_buf_extend(out, 8 * (disc->track_count - from));
        for (size_t i = from; p != NULL && i < disc->track_count; i++, p += 8) {
            const tocex_track *t = &disc->tracks[i];
            write_track_descriptor(p, adr_control(t), t->number, t->start, req->msf);
        }
    }
    /* Lead-out (AAh) of the last complete session. Its CONTROL: no MMC text was found (Open
     * question 9); real drives and Aaru/86Box report the last track's CONTROL, which is the
     * default. TOCEX_QUIRK_LEADOUT_CONTROL_DATA gives the fixed 14h of DOSBox-X (and the
     * data CONTROL QEMU's cdrom_read_toc uses for track 1). */
    last_track = &disc->tracks[disc->track_count - 1];
    if (quirks & TOCEX_QUIRK_LEADOUT_CONTROL_DATA)
        leadout_adr_control = 0x14;
    else
        leadout_adr_control = (uint8_t)(0x10 | (last_track->control & 0x0F));
    put_track_descriptor(out, leadout_adr_control, TOCEX_TRACK_LEADOUT, tocex_disc_leadout(disc), req->msf);
    return TOCEX_OK;
}

/* ---- Format 1: multi-session information (§2.2) ---- */
static tocex_status encode_session_info(const tocex_disc *disc, const toc_request *req, tocex_buf *out,
                                        tocex_sense *sense)
{
    int i;
    if (disc->track_count == 0 || disc->session_count == 0)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD); /* blank: no complete session */
    i = session_first_index(disc, (unsigned)disc->session_count);
    if (i < 0)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    /* Every session of the model is complete (an appendable disc's open session holds no
     * track), so first = 1 and last = the session count. Track/Session Number is ignored. */
    put_header(out, 1, (uint8_t)disc->session_count);
    put_track_descriptor(out, adr_control(&disc->tracks[i]), disc->tracks[i].number, disc->tracks[i].start,
                         req->msf);
    return TOCEX_OK;
}

/* ---- Format 2: full TOC (§2.3) ---- */

static uint8_t bcd(uint8_t v) { return tocex_bin_to_bcd(v); }

/*
 * BCD rendering of one descriptor for drives that answer in BCD (NEC CDR-260 per Linux ide-cd
 * and 86Box; Matshita SCSI-2 legacy 80h per ZuluSCSI). Times become BCD, and so do the track
 * numbers that the Q sub-channel carries in BCD: track POINTs 01-99 (usbode-circle PR #227:
 * "the full TOC POINT field stayed binary in BCD replies") and the A0/A1 PMIN track numbers.
 * Never converted (§4.2): the POINT codes A0h-C1h, ADR/CONTROL, the A0 disc type (PSEC), the
 * B0 pointer count, B0's FF:FF:FF "disc closed" mark and C0's ATIP bit fields.
 */
static void entry_to_bcd(tocex_toc_entry *e)
{
    unsigned adr = (unsigned)e->adr_control >> 4;
    uint8_t point = e->point;
    if (adr == 1) {
        if (point >= 1 && point <= 99)
            e->point = bcd(point);
        e->min = bcd(e->min);
        e->sec = bcd(e->sec);
        e->frame = bcd(e->frame);
        e->pmin = bcd(e->pmin);
        if (point != 0xA0)
            e->psec = bcd(e->psec);
        e->pframe = bcd(e->pframe);
    } else if (adr == 5 && (point == 0xB0 || point == 0xC0)) {
        if (point == 0xB0 && !(e->min == 0xFF && e->sec == 0xFF && e->frame == 0xFF)) {
            e->min = bcd(e->min);
            e->sec = bcd(e->sec);
            e->frame = bcd(e->frame);
        }
        e->pmin = bcd(e->pmin);
        e->psec = bcd(e->psec);
        e->pframe = bcd(e->pframe);
    }
}

static void store_entry(uint8_t *p, const tocex_toc_entry *e)
{
    p[0] = e->session;
    p[1] = e->adr_control;
    p[2] = e->tno;
    p[3] = e->point;
    p[4] = e->min;
    p[5] = e->sec;
    p[6] = e->frame;
    p[7] = e->zero;
    p[8] = e->pmin;
    p[9] = e->psec;
    p[10] = e->pframe;
}

/* One descriptor at p (11 bytes the caller has taken from the buffer). */
static void store_converted(uint8_t *p, const tocex_toc_entry *src, bool as_bcd)
{
    tocex_toc_entry e;
    if (!as_bcd) {
        store_entry(p, src);
        return;
    }
    e = *src;
    entry_to_bcd(&e);
    store_entry(p, &e);
}

static void put_entry(tocex_buf *out, const tocex_toc_entry *src, bool as_bcd)
{
    uint8_t *p = tocex_buf_extend(out, 11);
    if (p != NULL)
        store_converted(p, src, as_bcd);
}

static tocex_toc_entry make_entry(unsigned session, uint8_t adr_control, uint8_t point)
{
    tocex_toc_entry e;
    memset(&e, 0, sizeof e);
    e.session = (uint8_t)session;
    e.adr_control = adr_control;
    e.point = point;
    return e;
}

static void set_pmsf(tocex_toc_entry *e, int32_t lba)
{
    tocex_msf m = msf_wrap(lba);
    e->pmin = m.m;
    e->psec = m.s;
    e->pframe = m.f;
}

/*
 * One session's lead-in, in the order and with the ADR/CONTROL of a real drive (HERONG's
 * `readcd -fulltoc` of a two-session CD-R, §2.3): A0 (PMIN first track, PSEC disc type),
 * A1 (PMIN last track), A2 (lead-out), the tracks (ADR 1, PMSF = INDEX 01), then the Mode-5
 * entries B0 and C0. A0 carries the CONTROL of the session's first track, A1/A2 that of its
 * last track. The sample shows 54h on B0/C0 of data sessions: ADR 5 with the CONTROL of the
 * session's tracks; we take the last track's (the one the next program area follows), so an
 * audio session's Mode-5 entries read 50h. ATIME (Min/Sec/Frame of ADR-1 entries) is 00:00:00
 * as drives report it (ZuluSCSI: "On all disks tested so far these are given as 00/00/00").
 */
static void put_session_entries(const tocex_disc *disc, const tocex_session *s, tocex_buf *out, bool as_bcd)
{
    int fi = session_first_index(disc, s->number);
    int li = session_last_index(disc, s->number);
    const tocex_track *first, *last;
    tocex_toc_entry e;
    uint8_t *p;
    if (fi < 0 || li < 0)
        return;
    first = &disc->tracks[fi];
    last = &disc->tracks[li];
    /* the session's descriptors are taken from the buffer in one piece */
    p = tocex_buf_extend(out, 11 * (3 + (size_t)(li - fi + 1) + (s->has_b0 ? 1 : 0) + (s->has_c0 ? 1 : 0)));
    if (p == NULL)
        return;

    e = make_entry(s->number, (uint8_t)(0x10 | (first->control & 0x0F)), 0xA0);
    e.pmin = first->number;
    e.psec = s->disc_type == TOCEX_DISC_TYPE_AUTO ? 0x00 : s->disc_type;
    store_converted(p, &e, as_bcd);
    p += 11;

    e = make_entry(s->number, (uint8_t)(0x10 | (last->control & 0x0F)), 0xA1);
    e.pmin = last->number;
    store_converted(p, &e, as_bcd);
    p += 11;

    e = make_entry(s->number, (uint8_t)(0x10 | (last->control & 0x0F)), 0xA2);
    set_pmsf(&e, s->leadout);
    store_converted(p, &e, as_bcd);
    p += 11;

    for (int i = fi; i <= li; i++, p += 11) {
        const tocex_track *t = &disc->tracks[i];
        if (as_bcd) {
            e = make_entry(s->number, adr_control(t), t->number);
            set_pmsf(&e, t->start);
            store_converted(p, &e, true);
        } else {
            /* the common case written directly: ATIME 00:00:00, PMSF = the track's start */
            tocex_msf m = msf_wrap(t->start);
            p[0] = s->number;
            p[1] = adr_control(t);
            p[2] = 0;
            p[3] = t->number;
            p[4] = p[5] = p[6] = p[7] = 0;
            p[8] = m.m;
            p[9] = m.s;
            p[10] = m.f;
        }
    }

    if (s->has_b0) {
        e = make_entry(s->number, (uint8_t)(0x50 | (last->control & 0x0F)), 0xB0);
        if (s->b0_next_program == TOCEX_LBA_NONE) {
            e.min = e.sec = e.frame = 0xFF; /* disc closed */
        } else {
            tocex_msf m = msf_wrap(s->b0_next_program);
            e.min = m.m;
            e.sec = m.s;
            e.frame = m.f;
        }
        e.zero = s->b0_pointers;
        set_pmsf(&e, s->b0_max_leadout);
        store_converted(p, &e, as_bcd);
        p += 11;
    }
    if (s->has_c0) {
        e = make_entry(s->number, (uint8_t)(0x50 | (last->control & 0x0F)), 0xC0);
        e.min = s->c0_atip[0];
        e.sec = s->c0_atip[1];
        e.frame = s->c0_atip[2];
        set_pmsf(&e, s->c0_first_leadin);
        store_converted(p, &e, as_bcd);
    }
}

static tocex_status encode_full_toc(const tocex_disc *disc, const toc_request *req, uint32_t quirks,
                                    tocex_buf *out, tocex_sense *sense)
{
    unsigned last_session = (unsigned)disc->session_count;
    unsigned from;
    /* BCD: every request under TOCEX_QUIRK_FULLTOC_BCD (NEC CDR-260 style); only the legacy
     * byte-9 80h form under TOCEX_QUIRK_LEGACY_FULLTOC_BCD (Matshita, per ZuluSCSI's comment:
     * "The full TOC page is identical _except_ it returns addresses in bcd"). The default is
     * binary: MMC answers are binary, HERONG's real drive answers binary, and a modern ASUS
     * drive answers even 80h in hex (ZuluSCSI) — Open question 6. */
    bool as_bcd = (quirks & TOCEX_QUIRK_FULLTOC_BCD) != 0 ||
                  ((quirks & TOCEX_QUIRK_LEGACY_FULLTOC_BCD) != 0 && req->legacy_format);
    if (disc->fulltoc_count > 0 && disc->fulltoc != NULL) {
        for (size_t i = 0; i < disc->fulltoc_count; i++)
            if (disc->fulltoc[i].session > last_session)
                last_session = disc->fulltoc[i].session;
    } else if (disc->track_count == 0) {
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD); /* blank: no lead-in recorded */
    }
    if (last_session == 0)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    /* Starting session (MMC as quoted in §1.3): readcd sends 0, cdrdao 1 — both mean all
     * sessions. A session beyond the last is INVALID FIELD IN CDB (§3; ZuluSCSI). */
    from = req->start == 0 ? 1 : req->start;
    if (from > last_session)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    put_header(out, 1, (uint8_t)last_session);
    if (disc->fulltoc_count > 0 && disc->fulltoc != NULL) {
        /* Recorded as-is (CloneCD, raw dumps): answer those entries, session filter applied. */
        for (size_t i = 0; i < disc->fulltoc_count; i++)
            if (disc->fulltoc[i].session >= from)
                put_entry(out, &disc->fulltoc[i], as_bcd);
        return TOCEX_OK;
    }
    for (size_t k = 0; k < disc->session_count && k < TOCEX_MAX_SESSIONS; k++)
        if (disc->sessions[k].number >= from)
            put_session_entries(disc, &disc->sessions[k], out, as_bcd);
    return TOCEX_OK;
}

/* ---- Formats 3/4/5 (§2.4-2.6) ---- */

/* PMA: recordable CDs only. A pressed CD has no PMA: CHECK CONDITION like the LG WH16NS40 in
 * aaru-dps/Aaru #810 (ASC not logged; INVALID FIELD IN CDB chosen, Open question 4). A CD-R/RW
 * whose PMA holds nothing (blank, or finalized and PMA not kept) answers the bare header. */
static tocex_status encode_pma(const tocex_disc *disc, tocex_buf *out, tocex_sense *sense)
{
    if (!tocex_media_is_recordable_cd(disc->media))
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    put_header(out, 0, 0);
    if (disc->pma != NULL) {
        for (size_t i = 0; i < disc->pma_count; i++) {
            tocex_toc_entry e = disc->pma[i];
            e.session = 0; /* byte 0 is reserved in a PMA descriptor (Aaru PMA.cs) */
            put_entry(out, &e, false);
        }
    }
    return TOCEX_OK;
}

/* ATIP: header + the 24 (or 28, with S4) descriptor bytes. Pressed CDs and recordables whose
 * ATIP is unknown: CHECK CONDITION 05/24/00 (Open question 4; the zeroed ATIP of Yamaha drives
 * and the garbage of LITE-ON ones are not emulated). */
static tocex_status encode_atip(const tocex_disc *disc, tocex_buf *out, tocex_sense *sense)
{
    size_t len = disc->atip_len;
    if (!tocex_media_is_recordable_cd(disc->media) || len == 0)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    if (len > sizeof disc->atip)
        len = sizeof disc->atip;
    put_header(out, 0, 0);
    (void)tocex_buf_put_bytes(out, disc->atip, len);
    return TOCEX_OK;
}

/* CD-TEXT: the lead-in packs as recorded. None: a header with Data Length 2 (Bochs; what Aaru
 * reads as "no CD-TEXT"), or 05/24/00 with TOCEX_QUIRK_CDTEXT_ABSENT_CHECK_CONDITION — both
 * are seen from drives and accepted by Aaru and libburn (Open question 3). */
static tocex_status encode_cdtext(const tocex_disc *disc, uint32_t quirks, tocex_buf *out, tocex_sense *sense)
{
    bool have = disc->cdtext_packs > 0 && disc->cdtext != NULL;
    if (!have && (quirks & TOCEX_QUIRK_CDTEXT_ABSENT_CHECK_CONDITION))
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    put_header(out, 0, 0);
    if (have)
        (void)tocex_buf_put_bytes(out, disc->cdtext, disc->cdtext_packs * 18);
    return TOCEX_OK;
}

tocex_status tocex_mmc_encode_read_toc(const tocex_disc *disc, const uint8_t *cdb, size_t cdb_len,
                                       uint32_t quirks, tocex_buf *out, tocex_sense *sense)
{
    toc_request req;
    tocex_status st;
    size_t base;
    if (out == NULL)
        return TOCEX_E_INVALID_ARGUMENT;
    /* MMC-5 §4.1.8 (as QEMU cites it): no medium is NOT READY, MEDIUM NOT PRESENT. */
    if (!tocex_mmc_medium_present(disc))
        return check_condition(sense, TOCEX_SENSE_NO_MEDIUM);
    if (disc->track_count > TOCEX_MAX_TRACKS || disc->session_count > TOCEX_MAX_SESSIONS ||
        disc->cdtext_packs > TOCEX_MAX_CDTEXT_PACKS)
        return TOCEX_E_INVALID_ARGUMENT;
    st = parse_request(cdb, cdb_len, &req, sense);
    if (st != TOCEX_OK)
        return st;
    if (!tocex_media_is_cd(disc->media) && req.format >= TOCEX_TOC_FORMAT_FULL_TOC) {
        /* Raw TOC, PMA, ATIP and CD-TEXT exist on CDs only. Default 05/24/00 (libburn: "For
         * DVD this fails with 5,24,00"); TOCEX_QUIRK_NONCD_INCOMPATIBLE_FORMAT gives 05/30/02,
         * what the DVD drive in HERONG's sample answers (Open question 4). */
        if (quirks & TOCEX_QUIRK_NONCD_INCOMPATIBLE_FORMAT)
            return check_condition(sense, TOCEX_SENSE_INCOMPATIBLE_FORMAT);
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    }
    base = out->len;
    switch (req.format) {
    case TOCEX_TOC_FORMAT_TOC:
        st = tocex_media_is_cd(disc->media) ? encode_formatted_toc(disc, &req, quirks, out, sense)
                                            : encode_noncd_toc(disc, &req, out, sense);
        break;
    case TOCEX_TOC_FORMAT_SESSION:
        st = tocex_media_is_cd(disc->media) ? encode_session_info(disc, &req, out, sense)
                                            : encode_noncd_toc(disc, &req, out, sense);
        break;
    case TOCEX_TOC_FORMAT_FULL_TOC:
        st = encode_full_toc(disc, &req, quirks, out, sense);
        break;
    case TOCEX_TOC_FORMAT_PMA:
        st = encode_pma(disc, out, sense);
        break;
    case TOCEX_TOC_FORMAT_ATIP:
        st = encode_atip(disc, out, sense);
        break;
    default:
        st = encode_cdtext(disc, quirks, out, sense);
        break;
    }
    if (st != TOCEX_OK) {
        if (!out->failed && out->len > base)
            out->len = base;
        return st;
    }
    return finish_answer(out, base);
}
