/* The other commands an emulated drive answers besides READ TOC/PMA/ATIP: INQUIRY,
 * READ CAPACITY(10), GET CONFIGURATION, READ DISC INFORMATION — complete answers from the disc
 * model, truncation to the allocation length left to the drive. */
#include <string.h>

#include "mmc/encode.h"
#include "tocex/addr.h"
#include "tocex/mmc.h"

static tocex_status check_condition(tocex_sense *sense, tocex_sense value)
{
    if (sense != NULL)
        *sense = value;
    return TOCEX_E_CHECK_CONDITION;
}

static tocex_status done(const tocex_buf *out) { return out->failed ? TOCEX_E_NOMEM : TOCEX_OK; }

/* ---- INQUIRY (SPC) ---- */
tocex_status tocex_mmc_encode_inquiry(const tocex_mmc_ident *ident, const uint8_t *cdb, size_t cdb_len,
                                      tocex_buf *out, tocex_sense *sense)
{
    bool evpd;
    if (ident == NULL || out == NULL)
        return TOCEX_E_INVALID_ARGUMENT;
    if (cdb == NULL || cdb_len < 6)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    evpd = (tocex_mmc_cdb_u8(cdb, cdb_len, 1) & 0x01) != 0;
    /* CMDDT (bit 1, obsolete since SPC-3) is not supported; a page code without EVPD is
     * INVALID FIELD IN CDB (SPC). */
    if ((tocex_mmc_cdb_u8(cdb, cdb_len, 1) & 0x02) != 0 || (!evpd && tocex_mmc_cdb_u8(cdb, cdb_len, 2) != 0))
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    if (evpd) {
        if (tocex_mmc_cdb_u8(cdb, cdb_len, 2) != 0x00)
            return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
        /* Supported VPD Pages: only this page itself. */
        (void)tocex_buf_put_u8(out, 0x05);
        (void)tocex_buf_put_u8(out, 0x00);
        (void)tocex_buf_put_u16be(out, 1);
        (void)tocex_buf_put_u8(out, 0x00);
        return done(out);
    }
    (void)tocex_buf_put_u8(out, 0x05); /* qualifier 0, peripheral device type 05h: CD/DVD device */
    (void)tocex_buf_put_u8(out, 0x80); /* RMB: removable medium */
    (void)tocex_buf_put_u8(out, 0x05); /* VERSION: SPC-3, which MMC-5 builds on */
    (void)tocex_buf_put_u8(out, 0x02); /* response data format 2 */
    (void)tocex_buf_put_u8(out, 36 - 5); /* additional length */
    (void)tocex_buf_put_zeros(out, 3);
    (void)tocex_buf_put_bytes(out, ident->vendor, sizeof ident->vendor);
    (void)tocex_buf_put_bytes(out, ident->product, sizeof ident->product);
    (void)tocex_buf_put_bytes(out, ident->revision, sizeof ident->revision);
    return done(out);
}

/* End of the recorded area: a CD's last lead-out, a DVD/BD's capacity. TOCEX_LBA_NONE if blank. */
static int32_t recorded_end(const tocex_disc *disc)
{
    if (!tocex_media_is_cd(disc->media) && disc->capacity > 0)
        return disc->capacity;
    if (disc->track_count == 0)
        return TOCEX_LBA_NONE;
    return tocex_disc_leadout(disc);
}

/* ---- READ CAPACITY(10) (MMC: last recorded address and block length 2048) ---- */
tocex_status tocex_mmc_encode_read_capacity(const tocex_disc *disc, const uint8_t *cdb, size_t cdb_len,
                                            tocex_buf *out, tocex_sense *sense)
{
    int32_t end;
    uint32_t last = 0;
    if (out == NULL)
        return TOCEX_E_INVALID_ARGUMENT;
    if (!tocex_mmc_medium_present(disc))
        return check_condition(sense, TOCEX_SENSE_NO_MEDIUM);
    if (cdb == NULL || cdb_len < 10)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    end = recorded_end(disc);
    if (end != TOCEX_LBA_NONE && end > 0)
        last = (uint32_t)(end - 1); /* lead-out − 1: the last readable block */
    (void)tocex_buf_put_u32be(out, last);
    (void)tocex_buf_put_u32be(out, 2048);
    return done(out);
}

/* ---- GET CONFIGURATION ---- */

/* Profiles the emulated drive claims (it reads every medium tocex models), in descending
 * profile number as drives list them. */
static const tocex_media drive_profiles[] = {
    TOCEX_MEDIA_BD_RE,       TOCEX_MEDIA_BD_R,       TOCEX_MEDIA_BD_ROM, TOCEX_MEDIA_DVD_PLUS_R_DL,
    TOCEX_MEDIA_DVD_PLUS_R,  TOCEX_MEDIA_DVD_PLUS_RW, TOCEX_MEDIA_DVD_RW, TOCEX_MEDIA_DVD_RAM,
    TOCEX_MEDIA_DVD_R,       TOCEX_MEDIA_DVD_ROM,    TOCEX_MEDIA_CD_RW,  TOCEX_MEDIA_CD_R,
    TOCEX_MEDIA_CD_ROM,
};

tocex_status tocex_mmc_encode_get_configuration(const tocex_disc *disc, const uint8_t *cdb, size_t cdb_len,
                                                tocex_buf *out, tocex_sense *sense)
{
    unsigned rt;
    uint16_t start_feature;
    uint16_t current = 0x0000; /* no current profile: no medium */
    size_t size, count = sizeof drive_profiles / sizeof drive_profiles[0];
    uint8_t *p;
    if (out == NULL)
        return TOCEX_E_INVALID_ARGUMENT;
    if (cdb == NULL || cdb_len < 10)
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    rt = tocex_mmc_cdb_u8(cdb, cdb_len, 1) & 0x03u;
    if (rt == 3) /* RT 11b is reserved */
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    start_feature = tocex_mmc_cdb_be16(cdb, cdb_len, 2);
    if (tocex_mmc_medium_present(disc))
        current = tocex_media_profile(disc->media);
    /* Header (Data Length, reserved, current profile), then the Profile List (0000h), the only
     * feature reported; it is always current, so RT 0 (all from the starting feature), 1
     * (current ones from it) and 2 (exactly it) all return it when the starting feature number
     * is 0000h, and only the header otherwise. Written in one piece of known size. */
    size = 8 + (start_feature == 0x0000 ? 4 + 4 * count : 0);
    p = tocex_buf_extend(out, size);
    if (p == NULL)
        return TOCEX_E_NOMEM;
    tocex_put_be32(p, (uint32_t)(size - 4));
    p[4] = 0;
    p[5] = 0;
    tocex_put_be16(p + 6, current);
    if (start_feature == 0x0000) {
        p[8] = 0;
        p[9] = 0;
        p[10] = 0x03; /* version 0, persistent, current */
        p[11] = (uint8_t)(4 * count);
        p += 12;
        for (size_t i = 0; i < count; i++, p += 4) {
            uint16_t profile = tocex_media_profile(drive_profiles[i]);
            tocex_put_be16(p, profile);
            p[2] = profile == current ? 0x01 : 0x00; /* CurrentP */
            p[3] = 0;
        }
    }
    return TOCEX_OK;
}

/* ---- READ DISC INFORMATION (standard disc information, 34 bytes) ---- */

static bool media_is_erasable(tocex_media m)
{
    return m == TOCEX_MEDIA_CD_RW || m == TOCEX_MEDIA_DVD_RW || m == TOCEX_MEDIA_DVD_PLUS_RW ||
           m == TOCEX_MEDIA_DVD_RAM || m == TOCEX_MEDIA_BD_RE;
}

/* MMC-5 6.22.3.1.16 (as libburn cites it): the two address fields are MSF for CD (00 M S F),
 * LBA otherwise; FFFFFFFFh when they do not apply (a complete disc). */
static void put_disc_address(tocex_buf *out, bool cd, int32_t lba)
{
    if (lba == TOCEX_LBA_NONE) {
        (void)tocex_buf_put_u32be(out, 0xFFFFFFFFu);
    } else if (cd) {
        tocex_msf m = tocex_lba_to_msf_wrap(lba);
        (void)tocex_buf_put_u8(out, 0);
        (void)tocex_buf_put_u8(out, m.m);
        (void)tocex_buf_put_u8(out, m.s);
        (void)tocex_buf_put_u8(out, m.f);
    } else {
        (void)tocex_buf_put_u32be(out, (uint32_t)lba);
    }
}

static int32_t atip_address(const tocex_disc *disc, size_t at)
{
    tocex_msf m;
    if (disc->atip_len < 24 || at + 3 > disc->atip_len)
        return TOCEX_LBA_NONE;
    m.m = disc->atip[at];
    m.s = disc->atip[at + 1];
    m.f = disc->atip[at + 2];
    return tocex_msf_to_lba(m);
}

tocex_status tocex_mmc_encode_disc_information(const tocex_disc *disc, const uint8_t *cdb, size_t cdb_len,
                                               tocex_buf *out, tocex_sense *sense)
{
    bool cd, blank, appendable;
    uint8_t status, session_state, first_track, sessions, last_first, last_last, disc_type, flags = 0;
    int32_t leadin = TOCEX_LBA_NONE, last_leadout = TOCEX_LBA_NONE;
    if (out == NULL)
        return TOCEX_E_INVALID_ARGUMENT;
    if (!tocex_mmc_medium_present(disc))
        return check_condition(sense, TOCEX_SENSE_NO_MEDIUM);
    if (cdb == NULL || cdb_len < 10 || (tocex_mmc_cdb_u8(cdb, cdb_len, 1) & 0x07) != 0) /* data type 000b only */
        return check_condition(sense, TOCEX_SENSE_INVALID_FIELD);
    if (disc->track_count > TOCEX_MAX_TRACKS || disc->session_count > TOCEX_MAX_SESSIONS)
        return TOCEX_E_INVALID_ARGUMENT;
    cd = tocex_media_is_cd(disc->media);
    blank = disc->track_count == 0 || disc->session_count == 0;
    appendable = !blank && disc->appendable;
    /* Counts include the empty session an appendable or blank disc has room for, whose
     * (invisible) track is the one after the last recorded track (MMC Number of Sessions,
     * First/Last Track in Last Session). */
    if (blank) {
        status = 0;        /* empty */
        session_state = 0; /* empty */
        first_track = 1;
        sessions = 1;
        last_first = last_last = 1;
    } else {
        const tocex_session *s = &disc->sessions[disc->session_count - 1];
        first_track = tocex_disc_first_track(disc);
        if (appendable) {
            status = 1;        /* incomplete (appendable) */
            session_state = 0; /* the next session is empty */
            sessions = (uint8_t)(disc->session_count + 1);
            last_first = last_last = (uint8_t)(tocex_disc_last_track(disc) + 1);
        } else {
            status = 2; /* complete */
            session_state = 3;
            sessions = (uint8_t)disc->session_count;
            last_first = s->first_track != 0 ? s->first_track : tocex_disc_first_track(disc);
            last_last = s->last_track != 0 ? s->last_track : tocex_disc_last_track(disc);
        }
        if (!cd) {
            /* DVD/BD: the same numbering as the made-up TOC of READ TOC (track n = session n),
             * so the two answers agree. */
            first_track = 1;
            last_first = last_last = (uint8_t)(appendable ? disc->session_count + 1 : disc->session_count);
        }
    }
    /* Disc type: the first session's A0 PSEC (00h CD-DA/CD-ROM, 10h CD-I, 20h XA); FFh
     * (undefined) for a blank CD; 00h on non-CD media. */
    if (!cd)
        disc_type = 0x00;
    else if (blank)
        disc_type = 0xFF;
    else
        disc_type = disc->sessions[0].disc_type == TOCEX_DISC_TYPE_AUTO ? 0x00 : disc->sessions[0].disc_type;
    if (cd && tocex_media_is_recordable_cd(disc->media)) {
        if (disc->atip_len >= 24 && (disc->atip[1] & 0x40) != 0)
            flags |= 0x20; /* URU from ATIP byte 5 bit 6 */
        if (blank) {
            /* The ATIP's start of lead-in and last possible start of lead-out. */
            leadin = atip_address(disc, 4);
            last_leadout = atip_address(disc, 8);
        } else if (appendable) {
            /* The next session's lead-in precedes its program area (B0) by 4500 frames
             * (Orange Book, as in HERONG's B0 arithmetic: lead-out + 6750 + 4500). */
            const tocex_session *s = &disc->sessions[disc->session_count - 1];
            if (s->has_b0 && s->b0_next_program != TOCEX_LBA_NONE) {
                leadin = s->b0_next_program - 4500;
                last_leadout = s->b0_max_leadout;
            } else {
                last_leadout = atip_address(disc, 8);
            }
        }
    }
    (void)tocex_buf_put_u16be(out, 32); /* Disc Information Length: 34 − 2 */
    (void)tocex_buf_put_u8(out, (uint8_t)((media_is_erasable(disc->media) ? 0x10 : 0) | session_state << 2 | status));
    (void)tocex_buf_put_u8(out, first_track);
    (void)tocex_buf_put_u8(out, sessions);
    (void)tocex_buf_put_u8(out, last_first);
    (void)tocex_buf_put_u8(out, last_last);
    (void)tocex_buf_put_u8(out, flags);
    (void)tocex_buf_put_u8(out, disc_type);
    (void)tocex_buf_put_zeros(out, 3); /* MSBs of the counts above: at most 100 here */
    (void)tocex_buf_put_zeros(out, 4); /* disc identification */
    put_disc_address(out, cd, leadin);
    put_disc_address(out, cd, last_leadout);
    (void)tocex_buf_put_zeros(out, 8); /* disc bar code */
    (void)tocex_buf_put_u8(out, 0);    /* disc application code */
    (void)tocex_buf_put_u8(out, 0);    /* number of OPC tables */
    return done(out);
}
