/* Nero .nrg images: only the chunk area at the end of the file is read.
 *
 * Layout facts (all integers big-endian): Aaru Nero/{Structs,Read}.cs, libmirage image-nrg,
 * libcdio nrg.h, summarised in the reference notes §3.4. The footer is the last 8 bytes
 * ("NERO" + u32 offset, Nero 5.0) or the last 12 bytes ("NER5" + u64 offset, Nero 5.5+) and
 * points at the first chunk; chunks (4-byte ID, u32 length, payload) run up to the footer.
 * CUES/CUEX, DAOI/DAOX and ETNF/ETN2 repeat once per session (libmirage takes the n-th
 * occurrence for session n). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tocex/addr.h"
#include "tocex/bytes.h"
#include "tocex/image.h"
#include "util/file.h"

/* The chunk area of a 99-track disc with 2048 CD-TEXT packs is below 64 KiB; anything above
 * this is not a chunk area and is refused before it is read. */
#define NRG_MAX_CHUNK_AREA (16u * 1024u * 1024u)

typedef struct nrg_chunk {
    tocex_span payload;
    uint64_t offset; /* file offset of the payload */
    bool present;
} nrg_chunk;

typedef struct nrg_ctx {
    const char *name;
    tocex_disc *disc;
    tocex_error *err;
    uint64_t data_end; /* first byte of the chunk area: every audio/data offset lies below it */
    size_t cue_count, dao_count, etn_count, sinf_count;
    nrg_chunk cue[TOCEX_MAX_SESSIONS];
    bool cue_v2[TOCEX_MAX_SESSIONS];
    nrg_chunk dao[TOCEX_MAX_SESSIONS];
    bool dao_v2[TOCEX_MAX_SESSIONS];
    nrg_chunk etn[TOCEX_MAX_SESSIONS];
    bool etn_v2[TOCEX_MAX_SESSIONS];
    uint32_t sinf[TOCEX_MAX_SESSIONS];
    nrg_chunk cdtx;
    bool have_mtyp;
    uint32_t mtyp;
} nrg_ctx;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static tocex_status
fail(nrg_ctx *c, tocex_status st, uint64_t offset, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tocex_error_at_offset(c->err, st, c->name, (long long)offset, "%s", msg);
}

/* Nero mode codes (DAO block byte 14, ETN mode field): Aaru Nero/Enums.cs, libmirage. */
static bool nrg_mode(uint32_t code, tocex_track_mode *mode, uint16_t *size)
{
    switch (code) {
    case 0x00: *mode = TOCEX_MODE_MODE1; *size = 2048; return true;
    case 0x02: *mode = TOCEX_MODE_MODE2_FORM1; *size = 2048; return true;
    case 0x03: *mode = TOCEX_MODE_MODE2; *size = 2336; return true;
    case 0x05: *mode = TOCEX_MODE_MODE1; *size = 2352; return true;
    case 0x06: *mode = TOCEX_MODE_MODE2_MIXED; *size = 2352; return true;
    case 0x07:
    case 0x08: *mode = TOCEX_MODE_AUDIO; *size = 2352; return true;
    case 0x0F: *mode = TOCEX_MODE_MODE1; *size = 2448; return true;
    case 0x10: *mode = TOCEX_MODE_AUDIO; *size = 2448; return true;
    case 0x11: *mode = TOCEX_MODE_MODE2_MIXED; *size = 2448; return true;
    default: return false;
    }
}

static bool is_chunk_id(const uint8_t id[4])
{
    for (int i = 0; i < 4; i++)
        if (id[i] < 0x20 || id[i] > 0x7E)
            return false;
    return true;
}

static tocex_status store_chunk(nrg_ctx *c, nrg_chunk *arr, bool *v2arr, size_t *count, bool v2,
                                const tocex_span *payload, uint64_t offset, const char *id)
{
    if (*count >= TOCEX_MAX_SESSIONS)
        return fail(c, TOCEX_E_LIMIT, offset - 8, "more than 99 %.4s chunks (one per session)", id);
    arr[*count].payload = *payload;
    arr[*count].offset = offset;
    arr[*count].present = true;
    v2arr[*count] = v2;
    (*count)++;
    return TOCEX_OK;
}

/* Walk the chunk list. `area` holds the bytes from the first chunk up to the footer;
 * `base` is its file offset, so every message names an absolute byte offset. */
static tocex_status walk_chunks(nrg_ctx *c, const uint8_t *area, size_t area_len, uint64_t base)
{
    tocex_span s;
    bool ended = false;
    bool noted_unknown = false;
    tocex_span_init(&s, area, area_len);
    while (tocex_span_left(&s) > 0) {
        uint64_t at = base + tocex_span_offset(&s);
        uint8_t id[4];
        uint32_t len;
        tocex_span payload;
        uint64_t pay_at;
        tocex_status st = TOCEX_OK;
        if (!tocex_span_copy(&s, id, 4) || !tocex_span_get_u32be(&s, &len))
            return fail(c, TOCEX_E_TRUNCATED, at, "chunk header cut off by the footer (%zu bytes left, 8 needed)",
                        tocex_span_left(&s));
        if (!is_chunk_id(id))
            return fail(c, TOCEX_E_PARSE, at, "not a chunk ID (%02X %02X %02X %02X)", id[0], id[1], id[2], id[3]);
        pay_at = at + 8;
        if (!tocex_span_get_span(&s, &payload, len))
            return fail(c, TOCEX_E_TRUNCATED, at + 4,
                        "chunk %.4s claims %lu bytes but only %zu remain before the footer", (const char *)id,
                        (unsigned long)len, tocex_span_left(&s));
        if (memcmp(id, "CUES", 4) == 0 || memcmp(id, "CUEX", 4) == 0)
            st = store_chunk(c, c->cue, c->cue_v2, &c->cue_count, id[3] == 'X', &payload, pay_at, (const char *)id);
        else if (memcmp(id, "DAOI", 4) == 0 || memcmp(id, "DAOX", 4) == 0)
            st = store_chunk(c, c->dao, c->dao_v2, &c->dao_count, id[3] == 'X', &payload, pay_at, (const char *)id);
        else if (memcmp(id, "ETNF", 4) == 0 || memcmp(id, "ETN2", 4) == 0)
            st = store_chunk(c, c->etn, c->etn_v2, &c->etn_count, id[3] == '2', &payload, pay_at, (const char *)id);
        else if (memcmp(id, "SINF", 4) == 0) {
            uint32_t v;
            if (!tocex_span_get_u32be(&payload, &v))
                return fail(c, TOCEX_E_TRUNCATED, pay_at, "SINF chunk of %lu bytes (4 expected)", (unsigned long)len);
            if (c->sinf_count >= TOCEX_MAX_SESSIONS)
                return fail(c, TOCEX_E_LIMIT, at, "more than 99 SINF chunks (one per session)");
            c->sinf[c->sinf_count++] = v;
        } else if (memcmp(id, "MTYP", 4) == 0) {
            if (!tocex_span_get_u32be(&payload, &c->mtyp))
                return fail(c, TOCEX_E_TRUNCATED, pay_at, "MTYP chunk of %lu bytes (4 expected)", (unsigned long)len);
            c->have_mtyp = true;
        } else if (memcmp(id, "CDTX", 4) == 0) {
            if (c->cdtx.present)
                tocex_disc_note(c->disc, "second CDTX chunk at byte %llu ignored", (unsigned long long)at);
            else {
                c->cdtx.payload = payload;
                c->cdtx.offset = pay_at;
                c->cdtx.present = true;
            }
        } else if (memcmp(id, "END!", 4) == 0) {
            ended = true;
            if (tocex_span_left(&s) > 0)
                tocex_disc_note(c->disc, "%zu bytes after the END! chunk ignored", tocex_span_left(&s));
            break;
        } else if (!noted_unknown) {
            /* DINF, TOCT, RELO and others: meaning unknown (Aaru), not needed for the TOC */
            tocex_disc_note(c->disc, "chunk %.4s at byte %llu skipped (not needed for the TOC)", (const char *)id,
                            (unsigned long long)at);
            noted_unknown = true;
        }
        if (st != TOCEX_OK)
            return st;
    }
    if (!ended)
        tocex_disc_note(c->disc, "chunk list has no END! chunk");
    return TOCEX_OK;
}

/* CUES (Nero 5.0) stores MSF; libcdio and lxdream read it as BCD, libmirage as binary. Decide
 * per chunk: BCD when every byte is a valid BCD digit pair, binary otherwise. */
static bool cues_is_bcd(const nrg_chunk *ch)
{
    tocex_span s = ch->payload;
    uint8_t e[8];
    while (tocex_span_copy(&s, e, 8))
        for (int i = 5; i < 8; i++)
            if (!tocex_is_bcd(e[i]))
                return false;
    return true;
}

typedef struct nrg_cue_track {
    uint8_t number;
    uint8_t control, adr;
    int32_t index0, index1;
    bool has_index0, has_index1;
} nrg_cue_track;

typedef struct nrg_dao_track {
    char isrc[13];
    uint16_t sector_size;
    uint8_t mode_code;
    uint64_t index0, index1, end;
    uint64_t field_offset;
} nrg_dao_track;

typedef struct nrg_dao {
    char mcn[14];
    uint8_t first, last;
    size_t count;
    nrg_dao_track tracks[TOCEX_MAX_TRACKS];
} nrg_dao;

static tocex_status parse_dao(nrg_ctx *c, const nrg_chunk *ch, bool v2, nrg_dao *out)
{
    tocex_span s = ch->payload;
    uint8_t mcn[14], skip[2];
    uint32_t redundant;
    size_t entry = v2 ? 42 : 30;
    memset(out, 0, sizeof *out);
    /* 22-byte header: size (redundant), MCN (13 characters + NUL), two bytes whose meaning
     * sources disagree on (libmirage: session type / sessions; Aaru: TOC type), first, last */
    if (!tocex_span_get_u32be(&s, &redundant) || !tocex_span_copy(&s, mcn, 14) || !tocex_span_copy(&s, skip, 2) ||
        !tocex_span_get_u8(&s, &out->first) || !tocex_span_get_u8(&s, &out->last))
        return fail(c, TOCEX_E_TRUNCATED, ch->offset, "DAO chunk shorter than its 22-byte header");
    if (tocex_span_left(&s) % entry != 0)
        return fail(c, TOCEX_E_PARSE, ch->offset + 22, "DAO track list of %zu bytes is not a multiple of %zu",
                    tocex_span_left(&s), entry);
    if (tocex_span_left(&s) / entry > TOCEX_MAX_TRACKS)
        return fail(c, TOCEX_E_LIMIT, ch->offset + 22, "DAO chunk lists %zu tracks (at most 99)",
                    tocex_span_left(&s) / entry);
    if (mcn[0] != 0) {
        bool printable = true;
        for (int i = 0; i < 13; i++)
            if (mcn[i] < 0x20 || mcn[i] > 0x7E)
                printable = false;
        if (!printable)
            tocex_disc_note(c->disc, "MCN field at byte %llu is not text: ignored", (unsigned long long)ch->offset + 4);
        else {
            memcpy(out->mcn, mcn, 13);
            out->mcn[13] = '\0';
        }
    }
    while (tocex_span_left(&s) > 0) {
        nrg_dao_track *t = &out->tracks[out->count];
        uint8_t isrc[12], pad;
        uint16_t unknown;
        t->field_offset = ch->offset + 22 + out->count * entry;
        if (!tocex_span_copy(&s, isrc, 12) || !tocex_span_get_u16be(&s, &t->sector_size) ||
            !tocex_span_get_u8(&s, &t->mode_code) || !tocex_span_get_u8(&s, &pad) ||
            !tocex_span_get_u16be(&s, &unknown))
            return fail(c, TOCEX_E_TRUNCATED, t->field_offset, "DAO track entry cut off");
        if (v2) {
            if (!tocex_span_get_u64be(&s, &t->index0) || !tocex_span_get_u64be(&s, &t->index1) ||
                !tocex_span_get_u64be(&s, &t->end))
                return fail(c, TOCEX_E_TRUNCATED, t->field_offset, "DAO track entry cut off");
        } else {
            uint32_t a, b, e;
            if (!tocex_span_get_u32be(&s, &a) || !tocex_span_get_u32be(&s, &b) || !tocex_span_get_u32be(&s, &e))
                return fail(c, TOCEX_E_TRUNCATED, t->field_offset, "DAO track entry cut off");
            t->index0 = a;
            t->index1 = b;
            t->end = e;
        }
        if (isrc[0] != 0) {
            bool ok = true;
            for (int i = 0; i < 12; i++)
                if (!((isrc[i] >= '0' && isrc[i] <= '9') || (isrc[i] >= 'A' && isrc[i] <= 'Z') ||
                      (isrc[i] >= 'a' && isrc[i] <= 'z')))
                    ok = false;
            if (ok) {
                memcpy(t->isrc, isrc, 12);
                t->isrc[12] = '\0';
            } else
                tocex_disc_note(c->disc, "ISRC at byte %llu is not 12 letters/digits: ignored",
                                (unsigned long long)t->field_offset);
        }
        if (t->index0 > t->index1 || t->index1 > t->end)
            return fail(c, TOCEX_E_PARSE, t->field_offset + 18,
                        "DAO offsets not ascending (index 0 %llu, index 1 %llu, end %llu)",
                        (unsigned long long)t->index0, (unsigned long long)t->index1, (unsigned long long)t->end);
        if (t->end > c->data_end)
            return fail(c, TOCEX_E_PARSE, t->field_offset + 18,
                        "track data ends at byte %llu, inside the chunk area (which starts at %llu)",
                        (unsigned long long)t->end, (unsigned long long)c->data_end);
        if (t->sector_size == 0)
            return fail(c, TOCEX_E_PARSE, t->field_offset + 12, "sector size 0");
        out->count++;
    }
    return TOCEX_OK;
}

/* One DAO session from its CUE list (index positions) and DAO list (modes, sizes, ISRC). */
static tocex_status build_dao_session(nrg_ctx *c, uint8_t session, const nrg_chunk *cue, bool cue_v2,
                                      const nrg_chunk *dao, bool dao_v2)
{
    tocex_span s = cue->payload;
    nrg_cue_track tracks[TOCEX_MAX_TRACKS];
    size_t count = 0;
    int32_t leadout = TOCEX_LBA_NONE;
    bool bcd = !cue_v2 && cues_is_bcd(cue);
    nrg_dao *daoinfo = NULL;
    tocex_status st = TOCEX_OK;

    if (tocex_span_left(&s) % 8 != 0)
        return fail(c, TOCEX_E_PARSE, cue->offset, "CUE chunk of %zu bytes is not a multiple of 8",
                    tocex_span_left(&s));
    if (!cue_v2 && !bcd)
        tocex_disc_note(c->disc, "CUES addresses are not BCD: read as binary MSF");
    while (tocex_span_left(&s) > 0) {
        uint64_t at = cue->offset + tocex_span_offset(&s);
        uint8_t ctl_adr, tno, index, zero;
        uint32_t addr;
        int32_t lba;
        uint8_t number, idx;
        if (!tocex_span_get_u8(&s, &ctl_adr) || !tocex_span_get_u8(&s, &tno) || !tocex_span_get_u8(&s, &index) ||
            !tocex_span_get_u8(&s, &zero) || !tocex_span_get_u32be(&s, &addr))
            return fail(c, TOCEX_E_TRUNCATED, at, "CUE entry cut off");
        if (cue_v2) {
            lba = (int32_t)addr; /* s32: -150 for the lead-in entry */
            /* from the start of the lead-in (90:00:00) to 2^30 sectors (2 TiB, beyond any disc):
             * keeps pregap arithmetic (INDEX 01 - INDEX 00) within int32 */
            if (lba < TOCEX_LBA_MIN || lba > (1L << 30))
                return fail(c, TOCEX_E_PARSE, at + 4, "CUEX address %ld is outside any disc", (long)lba);
        } else {
            tocex_msf msf = {(uint8_t)(addr >> 16), (uint8_t)(addr >> 8), (uint8_t)addr};
            if (bcd) {
                tocex_bcd_to_bin(msf.m, &msf.m);
                tocex_bcd_to_bin(msf.s, &msf.s);
                tocex_bcd_to_bin(msf.f, &msf.f);
            }
            if (!tocex_msf_valid(msf))
                return fail(c, TOCEX_E_PARSE, at + 5, "CUES address %02u:%02u:%02u is not a valid MSF", msf.m, msf.s,
                            msf.f);
            /* relative to the start of the lead-in's last 150 frames: 00:00:00 = LBA -150 */
            lba = tocex_msf_to_lba_linear(msf);
        }
        if (tno == 0xAA) {
            leadout = lba;
            continue;
        }
        if (!tocex_bcd_to_bin(tno, &number) || !tocex_bcd_to_bin(index, &idx))
            return fail(c, TOCEX_E_PARSE, at + 1, "track %02X index %02X is not BCD", tno, index);
        if (number == 0)
            continue; /* lead-in entry */
        if (count == 0 || tracks[count - 1].number != number) {
            if (count >= TOCEX_MAX_TRACKS)
                return fail(c, TOCEX_E_LIMIT, at, "more than 99 tracks");
            if (count > 0 && number != tracks[count - 1].number + 1)
                return fail(c, TOCEX_E_PARSE, at + 1, "track %u follows track %u", number, tracks[count - 1].number);
            /* the lead-in lists tracks in Q mode 1 (MMC full TOC: POINT 01h-99h is ADR 1); any
             * other ADR makes a TOC no drive answers, read back as a different disc */
            if ((ctl_adr & 0x0F) != 1)
                return fail(c, TOCEX_E_PARSE, at, "track %u: ADR %u (1 expected)", number, ctl_adr & 0x0Fu);
            memset(&tracks[count], 0, sizeof tracks[count]);
            tracks[count].number = number;
            /* byte 0 is CONTROL<<4 | ADR: nibbles swapped against MMC (0x41 = data, ADR 1) */
            tracks[count].control = (uint8_t)(ctl_adr >> 4);
            tracks[count].adr = (uint8_t)(ctl_adr & 0x0F);
            count++;
        }
        if (idx == 0) {
            tracks[count - 1].index0 = lba;
            tracks[count - 1].has_index0 = true;
        } else if (idx == 1) {
            tracks[count - 1].index1 = lba;
            tracks[count - 1].has_index1 = true;
            tracks[count - 1].control = (uint8_t)(ctl_adr >> 4);
        }
    }
    if (count == 0)
        return fail(c, TOCEX_E_PARSE, cue->offset, "session %u: CUE chunk lists no tracks", session);
    if (leadout == TOCEX_LBA_NONE)
        return fail(c, TOCEX_E_PARSE, cue->offset, "session %u: CUE chunk has no lead-out (AA) entry", session);

    if (dao != NULL) {
        daoinfo = malloc(sizeof *daoinfo);
        if (daoinfo == NULL)
            return tocex_error_set(c->err, TOCEX_E_NOMEM, "%s: out of memory", c->name);
        if ((st = parse_dao(c, dao, dao_v2, daoinfo)) != TOCEX_OK)
            goto done;
        if (daoinfo->count != count) {
            st = fail(c, TOCEX_E_PARSE, dao->offset + 22, "session %u: DAO chunk lists %zu tracks, CUE chunk %zu",
                      session, daoinfo->count, count);
            goto done;
        }
        if (daoinfo->mcn[0] != '\0' && c->disc->mcn[0] == '\0')
            memcpy(c->disc->mcn, daoinfo->mcn, sizeof c->disc->mcn);
    }
    for (size_t i = 0; i < count; i++) {
        nrg_cue_track *ct = &tracks[i];
        tocex_track_mode mode = (ct->control & TOCEX_CONTROL_DATA) ? TOCEX_MODE_UNKNOWN : TOCEX_MODE_AUDIO;
        uint16_t size = 0;
        tocex_track *t;
        if (!ct->has_index1) {
            st = fail(c, TOCEX_E_PARSE, cue->offset, "session %u: track %u has no index 1", session, ct->number);
            goto done;
        }
        if (daoinfo != NULL) {
            nrg_dao_track *dt = &daoinfo->tracks[i];
            uint16_t mode_size;
            if (!nrg_mode(dt->mode_code, &mode, &mode_size)) {
                st = fail(c, TOCEX_E_UNSUPPORTED, dt->field_offset + 14, "track %u: unknown Nero mode code %02Xh",
                          ct->number, dt->mode_code);
                goto done;
            }
            if (mode_size != dt->sector_size)
                tocex_disc_note(c->disc, "track %u: sector size %u, mode code %02Xh implies %u", ct->number,
                                dt->sector_size, dt->mode_code, mode_size);
            size = dt->sector_size;
            if ((dt->index1 - dt->index0) / size != (uint64_t)(ct->has_index0 ? ct->index1 - ct->index0 : 0))
                tocex_disc_note(c->disc, "track %u: pregap in the file (%llu sectors) differs from the CUE list",
                                ct->number, (unsigned long long)((dt->index1 - dt->index0) / size));
        }
        if ((st = tocex_disc_add_track(c->disc, session, ct->number, ct->adr, ct->control, mode, ct->index1,
                                       c->err)) != TOCEX_OK)
            goto done;
        t = &c->disc->tracks[c->disc->track_count - 1];
        t->sector_size = size;
        if (ct->has_index0 && ct->index0 < ct->index1)
            t->pregap = ct->index1 - ct->index0;
        if (daoinfo != NULL)
            memcpy(t->isrc, daoinfo->tracks[i].isrc, sizeof t->isrc);
        if (mode != TOCEX_MODE_AUDIO && mode != TOCEX_MODE_UNKNOWN && !(ct->control & TOCEX_CONTROL_DATA))
            tocex_disc_note(c->disc, "track %u: data mode but CONTROL says audio", ct->number);
    }
    st = tocex_disc_set_leadout(c->disc, session, leadout, c->err);
done:
    free(daoinfo);
    return st;
}

/* Track-at-once: ETNF/ETN2 entries give file offset, byte length, mode and a start sector.
 * TAO tracks are separated by a 150-sector pregap that is not in the file (libmirage; it
 * reproduces cd-info's track list for libcdio's videocd.nrg). */
static tocex_status build_tao(nrg_ctx *c)
{
    uint8_t number = 1;
    int32_t pos = 0;
    size_t sessions = c->etn_count;
    tocex_status st;
    /* one ETN chunk and several SINF counts: split the list by SINF (tracks per session) */
    size_t split[TOCEX_MAX_SESSIONS];
    size_t nsplit = 0;
    if (c->etn_count == 1 && c->sinf_count > 1) {
        size_t entry = c->etn_v2[0] ? 32 : 20;
        size_t total = tocex_span_left(&c->etn[0].payload) / entry, sum = 0;
        for (size_t i = 0; i < c->sinf_count; i++)
            sum += c->sinf[i];
        if (sum == total) {
            for (size_t i = 0; i < c->sinf_count; i++)
                split[nsplit++] = c->sinf[i];
            sessions = c->sinf_count;
        } else
            tocex_disc_note(c->disc, "SINF track counts (sum %zu) do not match the %zu TAO tracks: one session",
                            sum, total);
    }
    for (size_t si = 0; si < sessions; si++) {
        const nrg_chunk *ch = &c->etn[nsplit > 0 ? 0 : si];
        bool v2 = c->etn_v2[nsplit > 0 ? 0 : si];
        size_t entry = v2 ? 32 : 20;
        tocex_span s = ch->payload;
        size_t skip_entries = 0, take;
        uint8_t session = (uint8_t)(si + 1);
        if (tocex_span_left(&s) % entry != 0)
            return fail(c, TOCEX_E_PARSE, ch->offset, "%s chunk of %zu bytes is not a multiple of %zu",
                        v2 ? "ETN2" : "ETNF", tocex_span_left(&s), entry);
        if (nsplit > 0) {
            for (size_t k = 0; k < si; k++)
                skip_entries += split[k];
            take = split[si];
            if (!tocex_span_skip(&s, skip_entries * entry))
                return fail(c, TOCEX_E_TRUNCATED, ch->offset, "ETN list shorter than SINF says");
        } else
            take = tocex_span_left(&s) / entry;
        if (take == 0)
            return fail(c, TOCEX_E_PARSE, ch->offset, "session %u: no tracks", session);
        if (si > 0) {
            /* gap between sessions: lead-out + lead-in + pregap (Orange Book, reference §1.4) */
            pos += (si == 1 ? TOCEX_FIRST_SESSION_GAP : TOCEX_LATER_SESSION_GAP) + 150;
            tocex_disc_note(c->disc, "session %u of a TAO image assumed to start %d sectors after the previous "
                            "lead-out", session, (si == 1 ? TOCEX_FIRST_SESSION_GAP : TOCEX_LATER_SESSION_GAP) + 150);
        }
        for (size_t k = 0; k < take; k++) {
            uint64_t at = ch->offset + tocex_span_offset(&s);
            uint64_t off, length;
            uint32_t mode_code, start_field, u32;
            uint64_t u64;
            tocex_track_mode mode;
            uint16_t size;
            tocex_track *t;
            int32_t start;
            if (v2) {
                if (!tocex_span_get_u64be(&s, &off) || !tocex_span_get_u64be(&s, &length) ||
                    !tocex_span_get_u32be(&s, &mode_code) || !tocex_span_get_u32be(&s, &start_field) ||
                    !tocex_span_get_u64be(&s, &u64))
                    return fail(c, TOCEX_E_TRUNCATED, at, "ETN2 entry cut off");
            } else {
                uint32_t o32, l32;
                if (!tocex_span_get_u32be(&s, &o32) || !tocex_span_get_u32be(&s, &l32) ||
                    !tocex_span_get_u32be(&s, &mode_code) || !tocex_span_get_u32be(&s, &start_field) ||
                    !tocex_span_get_u32be(&s, &u32))
                    return fail(c, TOCEX_E_TRUNCATED, at, "ETNF entry cut off");
                off = o32;
                length = l32;
            }
            if (!nrg_mode(mode_code, &mode, &size))
                return fail(c, TOCEX_E_UNSUPPORTED, at + (v2 ? 16 : 8), "unknown Nero mode code %lXh",
                            (unsigned long)mode_code);
            if (off > c->data_end || length > c->data_end - off)
                return fail(c, TOCEX_E_PARSE, at, "track data (byte %llu, %llu bytes) runs into the chunk area",
                            (unsigned long long)off, (unsigned long long)length);
            if (length % size != 0)
                return fail(c, TOCEX_E_PARSE, at + (v2 ? 8 : 4), "track length %llu is not a multiple of %u-byte sectors",
                            (unsigned long long)length, size);
            if (length / size == 0 || length / size > 450000)
                return fail(c, TOCEX_E_PARSE, at + (v2 ? 8 : 4), "track of %llu sectors",
                            (unsigned long long)(length / size));
            if (number > 99)
                return fail(c, TOCEX_E_LIMIT, at, "more than 99 tracks");
            start = pos + (k > 0 ? 150 : 0);
            if ((st = tocex_disc_add_track(c->disc, session, number, 1,
                                           mode == TOCEX_MODE_AUDIO ? 0 : TOCEX_CONTROL_DATA, mode, start, c->err)) !=
                TOCEX_OK)
                return st;
            t = &c->disc->tracks[c->disc->track_count - 1];
            t->sector_size = size;
            if (k > 0)
                t->pregap = 150;
            pos = start + (int32_t)(length / size);
            number++;
        }
        if ((st = tocex_disc_set_leadout(c->disc, session, pos, c->err)) != TOCEX_OK)
            return st;
    }
    tocex_disc_note(c->disc, "track-at-once image: 150-sector pregaps and CONTROL bits assumed");
    return TOCEX_OK;
}

static void apply_media(nrg_ctx *c)
{
    /* NeroAPI NERO_MEDIA_TYPE bits (libmirage): the media the compilation was written for, which
     * is the image recorder's choice, not a description of the source disc. */
    uint32_t m = c->mtyp;
    if (!c->have_mtyp)
        return;
    if (m & 0x00000200u)
        c->disc->media = TOCEX_MEDIA_DVD_ROM;
    else if (m & 0x00000004u)
        c->disc->media = TOCEX_MEDIA_DVD_R;
    else if (m & 0x00000008u)
        c->disc->media = TOCEX_MEDIA_DVD_PLUS_R;
    else if (m & 0x00000010u)
        c->disc->media = TOCEX_MEDIA_DVD_RAM;
    else if (m & 0x00100000u)
        c->disc->media = TOCEX_MEDIA_BD_ROM;
    else {
        tocex_disc_note(c->disc, "Nero media type %08lXh is a CD target: presented as CD-ROM",
                        (unsigned long)m);
        return;
    }
    c->disc->known |= TOCEX_KNOWN_MEDIA;
}

static tocex_status build_disc(nrg_ctx *c)
{
    tocex_status st;
    tocex_disc *d = c->disc;
    if (c->cue_count > 0) {
        if (c->dao_count != 0 && c->dao_count != c->cue_count)
            tocex_disc_note(d, "%zu CUE chunks but %zu DAO chunks: DAO data used where present", c->cue_count,
                            c->dao_count);
        for (size_t i = 0; i < c->cue_count; i++) {
            const nrg_chunk *dao = i < c->dao_count ? &c->dao[i] : NULL;
            if ((st = build_dao_session(c, (uint8_t)(i + 1), &c->cue[i], c->cue_v2[i], dao,
                                        dao != NULL ? c->dao_v2[i] : false)) != TOCEX_OK)
                return st;
        }
        d->known |= TOCEX_KNOWN_GAPS | TOCEX_KNOWN_LEADOUT | TOCEX_KNOWN_SESSIONS;
        if (c->dao_count >= c->cue_count)
            d->known |= TOCEX_KNOWN_MCN | TOCEX_KNOWN_ISRC | TOCEX_KNOWN_MODES;
    } else if (c->etn_count > 0) {
        if ((st = build_tao(c)) != TOCEX_OK)
            return st;
        d->known |= TOCEX_KNOWN_MODES;
        if (c->sinf_count == d->session_count)
            d->known |= TOCEX_KNOWN_SESSIONS;
    } else
        return tocex_error_set(c->err, TOCEX_E_PARSE, "%s: no CUES/CUEX or ETNF/ETN2 chunk: no track list",
                               c->name);
    /* SINF = number of tracks in each session (Aaru; libcdio reads it as a session count) */
    if (c->sinf_count > 0 && c->sinf_count != d->session_count)
        tocex_disc_note(d, "%zu SINF chunks for %zu sessions", c->sinf_count, d->session_count);
    if (c->cdtx.present) {
        size_t n = tocex_span_left(&c->cdtx.payload);
        const uint8_t *packs = c->cdtx.payload.data;
        if (n % 18 != 0)
            return fail(c, TOCEX_E_PARSE, c->cdtx.offset, "CDTX chunk of %zu bytes is not a whole number of "
                        "18-byte packs", n);
        if ((st = tocex_disc_set_cdtext(d, packs, n / 18, c->err)) != TOCEX_OK)
            return st;
    }
    /* Nero writes a CDTX chunk whenever the compilation has CD-TEXT */
    d->known |= TOCEX_KNOWN_CDTEXT;
    apply_media(c);
    return tocex_disc_finish(d, c->err);
}

/* Footer: v1 = "NERO" + u32 at the last 8 bytes, v2 = "NER5" + u64 at the last 12 bytes. */
static tocex_status read_footer(const char *name, const uint8_t *tail, size_t tail_len, uint64_t file_size,
                                uint64_t *chunk_offset, uint64_t *footer_start, tocex_error *err)
{
    tocex_span s;
    uint8_t magic[4];
    if (tail_len >= 12) {
        tocex_span_init(&s, tail + tail_len - 12, 12);
        tocex_span_copy(&s, magic, 4);
        if (memcmp(magic, "NER5", 4) == 0) {
            tocex_span_get_u64be(&s, chunk_offset);
            *footer_start = file_size - 12;
            goto check;
        }
    }
    if (tail_len >= 8) {
        uint32_t off32;
        tocex_span_init(&s, tail + tail_len - 8, 8);
        tocex_span_copy(&s, magic, 4);
        if (memcmp(magic, "NERO", 4) == 0) {
            tocex_span_get_u32be(&s, &off32);
            *chunk_offset = off32;
            *footer_start = file_size - 8;
            goto check;
        }
    }
    return tocex_error_at_offset(err, TOCEX_E_PARSE, name, (long long)(file_size >= 12 ? file_size - 12 : 0),
                                 "no Nero footer (\"NERO\" or \"NER5\" in the last 12 bytes): not an .nrg image");
check:
    if (*chunk_offset >= *footer_start)
        return tocex_error_at_offset(err, TOCEX_E_PARSE, name, (long long)*footer_start + 4,
                                     "footer points at byte %llu, at or past the footer itself (%llu)",
                                     (unsigned long long)*chunk_offset, (unsigned long long)*footer_start);
    if (*footer_start - *chunk_offset > NRG_MAX_CHUNK_AREA)
        return tocex_error_at_offset(err, TOCEX_E_LIMIT, name, (long long)*footer_start + 4,
                                     "chunk area of %llu bytes (from byte %llu) is larger than %u: not a chunk area",
                                     (unsigned long long)(*footer_start - *chunk_offset),
                                     (unsigned long long)*chunk_offset, NRG_MAX_CHUNK_AREA);
    return TOCEX_OK;
}

static tocex_status parse_area(const char *name, const uint8_t *area, size_t area_len, uint64_t base,
                               tocex_disc *out, tocex_error *err)
{
    tocex_status st;
    nrg_ctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", name);
    c->name = name;
    c->disc = out;
    c->err = err;
    c->data_end = base;
    tocex_disc_init(out);
    st = walk_chunks(c, area, area_len, base);
    if (st == TOCEX_OK)
        st = build_disc(c);
    free(c);
    if (st != TOCEX_OK)
        tocex_disc_free(out);
    return st;
}

tocex_status tocex_image_parse_nrg(const char *name, const uint8_t *data, size_t len, tocex_disc *out,
                                   tocex_error *err)
{
    uint64_t chunk_offset = 0, footer_start = 0;
    tocex_status st;
    if (name == NULL)
        name = "(nrg)";
    if (out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no output disc", name);
    tocex_disc_init(out);
    if (data == NULL && len > 0)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no data", name);
    st = read_footer(name, data, len, len, &chunk_offset, &footer_start, err);
    if (st != TOCEX_OK)
        return st;
    return parse_area(name, data + chunk_offset, (size_t)(footer_start - chunk_offset), chunk_offset, out, err);
}

static tocex_status pread_all(int fd, const char *path, uint8_t *buf, size_t n, uint64_t offset, tocex_error *err)
{
    size_t got;
    tocex_status st = tocex_file_pread_some(fd, path, buf, n, offset, &got, err);
    if (st == TOCEX_OK && got < n)
        return tocex_error_at_offset(err, TOCEX_E_TRUNCATED, path, (long long)(offset + got), "file ends early");
    return st;
}

tocex_status tocex_image_read_nrg(const char *path, tocex_disc *out, tocex_error *err)
{
    int fd;
    uint8_t tail[12];
    size_t tail_len;
    uint64_t size, chunk_offset = 0, footer_start = 0;
    uint8_t *area = NULL;
    tocex_status st;
    if (out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no output disc", path);
    tocex_disc_init(out);
    if ((st = tocex_file_open_regular(path, &fd, &size, err)) != TOCEX_OK)
        return st;
    tail_len = size < sizeof tail ? (size_t)size : sizeof tail;
    /* only the footer and the chunk area are read, never the audio/data before them */
    st = pread_all(fd, path, tail, tail_len, size - tail_len, err);
    if (st == TOCEX_OK)
        st = read_footer(path, tail, tail_len, size, &chunk_offset, &footer_start, err);
    if (st == TOCEX_OK) {
        size_t area_len = (size_t)(footer_start - chunk_offset);
        area = malloc(area_len > 0 ? area_len : 1);
        if (area == NULL)
            st = tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", path);
        else
            st = pread_all(fd, path, area, area_len, chunk_offset, err);
        if (st == TOCEX_OK)
            st = parse_area(path, area, area_len, chunk_offset, out, err);
    }
    free(area);
    close(fd);
    return st;
}
