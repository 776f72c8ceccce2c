/* The READ TOC/PMA/ATIP answer decoders (include/tocex/decode.h) on raw bytes. The first byte
 * chooses the decoder (bits 0-2: format 0-5, 6 = full TOC as PMA, 7 = format 0 + session info),
 * the MSF bit (bit 3) and TOCEX_DECODE_ALLOW_TRUNCATED (bit 4); the rest is the answer.
 * Properties: counts are consistent with the Data Length and the bytes given; a formatted TOC
 * that makes a valid disc is answered by the emulated drive's encoder in a form that decodes to
 * the same tracks and lead-out (decode(encode(x)) == x). */
#include "fuzz_common.h"
#include "tocex/decode.h"
#include "tocex/emu.h"
#include "fuzz_common.c.inc"

static tocex_toc_view toc_a, toc_b;
static tocex_fulltoc_layout layout;

static void toc_roundtrip(const tocex_toc_view *v)
{
    const tocex_toc_descriptor *lo = tocex_toc_view_leadout(v);
    tocex_disc *disc;
    tocex_buf answer;
    tocex_sense sense;
    uint8_t cdb[10] = {TOCEX_OP_READ_TOC_PMA_ATIP, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0};
    size_t tracks = 0;
    if (lo == NULL || v->truncated)
        return;
    disc = malloc(sizeof *disc);
    FUZZ_CHECK(disc != NULL);
    tocex_disc_init(disc);
    for (size_t i = 0; i < v->count; i++) {
        const tocex_toc_descriptor *e = &v->entries[i];
        if (e->track == 0xAA)
            continue;
        if (tocex_disc_add_track(disc, 1, e->track, e->adr, e->control,
                                 (e->control & 4) ? TOCEX_MODE_MODE1 : TOCEX_MODE_AUDIO, e->lba, NULL) != TOCEX_OK)
            goto out;
        tracks++;
    }
    if (tracks == 0 || tocex_disc_set_leadout(disc, 1, lo->lba, NULL) != TOCEX_OK ||
        tocex_disc_finish(disc, NULL) != TOCEX_OK)
        goto out;
    cdb[1] = v->msf ? 0x02 : 0x00;
    cdb[6] = disc->tracks[0].number;
    tocex_buf_init(&answer);
    if (tocex_mmc_encode_read_toc(disc, cdb, sizeof cdb, 0, &answer, &sense) == TOCEX_OK) {
        FUZZ_CHECK(tocex_decode_toc(answer.data, answer.len, v->msf, 0, &toc_b, NULL) == TOCEX_OK);
        FUZZ_CHECK(toc_b.count == tracks + 1);
        for (size_t i = 0, j = 0; i < v->count; i++) {
            const tocex_toc_descriptor *e = &v->entries[i];
            if (e->track == 0xAA)
                continue;
            FUZZ_CHECK(toc_b.entries[j].track == e->track);
            FUZZ_CHECK(toc_b.entries[j].lba == e->lba);
            FUZZ_CHECK(toc_b.entries[j].control == e->control);
            FUZZ_CHECK(toc_b.entries[j].adr == e->adr);
            j++;
        }
        FUZZ_CHECK(tocex_toc_view_leadout(&toc_b) != NULL && tocex_toc_view_leadout(&toc_b)->lba == lo->lba);
    }
    tocex_buf_free(&answer);
out:
    tocex_disc_free(disc);
    free(disc);
}

static void check_fulltoc(const tocex_fulltoc_view *v, size_t len)
{
    FUZZ_CHECK(v->count <= v->expected);
    FUZZ_CHECK(v->truncated == (v->count < v->expected));
    FUZZ_CHECK(4 + 11 * v->count <= len);
    FUZZ_CHECK(v->count == 0 || v->entries != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p;
    size_t n;
    bool msf;
    unsigned flags, which;
    tocex_error err;
    tocex_status st;
    if (size < 1)
        return 0;
    which = data[0] & 7u;
    msf = (data[0] & 8u) != 0;
    flags = (data[0] & 16u) ? TOCEX_DECODE_ALLOW_TRUNCATED : 0;
    p = data + 1;
    n = size - 1;
    switch (which) {
    case 0:
    case 7:
        st = tocex_decode_toc(p, n, msf, flags, &toc_a, &err);
        if (st != TOCEX_OK) {
            FUZZ_CHECK(err.message[0] != '\0');
            break;
        }
        FUZZ_CHECK(toc_a.count <= toc_a.expected && toc_a.count <= TOCEX_TOC_MAX_DESCRIPTORS);
        FUZZ_CHECK(toc_a.truncated == (toc_a.count < toc_a.expected));
        FUZZ_CHECK(4 + 8 * toc_a.count <= n);
        if (which == 0)
            toc_roundtrip(&toc_a);
        else {
            tocex_session_info_view si;
            (void)tocex_decode_session_info(p, n, msf, &si, NULL);
        }
        break;
    case 1: {
        tocex_session_info_view si;
        st = tocex_decode_session_info(p, n, msf, &si, &err);
        FUZZ_CHECK(st == TOCEX_OK || err.message[0] != '\0');
        break;
    }
    case 2:
    case 3:
    case 6: {
        tocex_fulltoc_view v;
        memset(&v, 0, sizeof v);
        st = which == 2 ? tocex_decode_fulltoc(p, n, flags, &v, &err) : tocex_decode_pma(p, n, flags, &v, &err);
        if (st != TOCEX_OK) {
            FUZZ_CHECK(err.message[0] != '\0');
            tocex_fulltoc_view_free(&v);
            break;
        }
        check_fulltoc(&v, n);
        if (which == 2) {
            tocex_crosscheck cc;
            bool bcd = tocex_fulltoc_is_bcd(&v, NULL);
            if (!bcd || tocex_fulltoc_bcd_to_binary(&v, NULL) == TOCEX_OK) {
                if (tocex_fulltoc_interpret(&v, &layout, NULL) == TOCEX_OK) {
                    FUZZ_CHECK(layout.track_count <= TOCEX_MAX_TRACKS);
                    FUZZ_CHECK(layout.session_count <= TOCEX_MAX_SESSIONS);
                    toc_a.count = 0;
                    FUZZ_CHECK(tocex_fulltoc_crosscheck(&layout, &toc_a, &cc) == cc.count);
                }
            }
        }
        tocex_fulltoc_view_free(&v);
        break;
    }
    case 4: {
        tocex_atip_answer a;
        st = tocex_decode_atip_answer(p, n, &a, &err);
        if (st == TOCEX_OK)
            FUZZ_CHECK((a.len == 24 || a.len == 28) && 4 + a.len <= n);
        else
            FUZZ_CHECK(err.message[0] != '\0');
        break;
    }
    default: {
        tocex_cdtext_answer a;
        st = tocex_decode_cdtext_answer(p, n, flags, &a, &err);
        if (st != TOCEX_OK) {
            FUZZ_CHECK(err.message[0] != '\0');
            break;
        }
        FUZZ_CHECK(a.pack_count <= a.expected && 4 + 18 * a.pack_count <= n);
        FUZZ_CHECK(a.truncated == (a.pack_count < a.expected));
        if (a.pack_count > 0) {
            tocex_cdtext *ct = NULL;
            FUZZ_CHECK(a.packs >= p && a.packs + 18 * a.pack_count <= p + n);
            if (tocex_cdtext_decode(a.packs, a.pack_count, &ct, NULL) == TOCEX_OK)
                tocex_cdtext_free(ct);
        }
        break;
    }
    }
    return 0;
}
