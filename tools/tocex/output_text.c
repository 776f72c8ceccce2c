/* tocex program: human-readable views (aligned tables in the spirit of cd-info, cdrecord -toc
 * and EAC logs). Wording here is not part of the contract; JSON is. */
#include <string.h>

#include "cli.h"

char *cli_frames_msf(int32_t frames, char *buf, size_t size)
{
    if (frames < 0)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%02ld:%02ld:%02ld", (long)(frames / 4500), (long)(frames / 75 % 60), (long)(frames % 75));
    return buf;
}


void cli_text_sessions(FILE *out, const tocex_disc *disc)
{
    char msf[16];
    fprintf(out, "Sessions:    %zu%s\n", disc->session_count, disc->appendable ? " (last session open)" : "");
    for (size_t i = 0; i < disc->session_count; i++) {
        const tocex_session *s = &disc->sessions[i];
        if (s->first_track == s->last_track)
            fprintf(out, "  session %-2u track  %-5u", s->number, s->first_track);
        else
            fprintf(out, "  session %-2u tracks %2u-%-2u", s->number, s->first_track, s->last_track);
        fprintf(out, " lead-out LBA %6ld (%s)", (long)s->leadout, tocex_lba_format_msf(s->leadout, msf, sizeof msf));
        /* the A0 disc type is a CD lead-in field; DVD/BD media have none */
        if (tocex_media_is_cd(disc->media))
            fprintf(out, "  %02Xh %s", s->disc_type, cli_disc_type_name(s->disc_type));
        fputc('\n', out);
        if (s->has_b0)
            fprintf(out, "             next program area %s\n",
                    s->b0_next_program == TOCEX_LBA_NONE ? "none (disc closed)"
                                                          : tocex_lba_format_msf(s->b0_next_program, msf, sizeof msf));
    }
}

static void track_flags(const tocex_track *t, char *buf, size_t size)
{
    bool data = strcmp(cli_track_type(t), "data") == 0;
    buf[0] = '\0';
    if ((t->control & TOCEX_CONTROL_PREEMPHASIS) != 0)
        strncat(buf, data ? "incremental," : "pre-emphasis,", size - strlen(buf) - 1);
    if ((t->control & TOCEX_CONTROL_COPY) != 0)
        strncat(buf, "copy,", size - strlen(buf) - 1);
    if (!data && (t->control & TOCEX_CONTROL_4CH) != 0)
        strncat(buf, "4ch,", size - strlen(buf) - 1);
    if (buf[0] == '\0')
        snprintf(buf, size, "-");
    else
        buf[strlen(buf) - 1] = '\0';
}

void cli_text_tracks(FILE *out, const tocex_disc *disc)
{
    char msf[16], len[16], flags[48];
    fprintf(out, "  track sess  start LBA  start MSF    length      frames  type   mode         flags         "
                 "ISRC\n");
    for (size_t i = 0; i < disc->track_count; i++) {
        const tocex_track *t = &disc->tracks[i];
        int32_t frames = tocex_disc_track_length(disc, i);
        track_flags(t, flags, sizeof flags);
        fprintf(out, "  %5u %4u  %9ld  %s  %s  %10ld  %-5s  %-11s  %-12s  %s\n", t->number, t->session, (long)t->start,
                tocex_lba_format_msf(t->start, msf, sizeof msf), cli_frames_msf(frames, len, sizeof len), (long)frames,
                cli_track_type(t), tocex_track_mode_name(t->mode), flags, t->isrc[0] != '\0' ? t->isrc : "-");
        if (i + 1 == disc->track_count || disc->tracks[i + 1].session != t->session) {
            const tocex_session *s = &disc->sessions[t->session - 1];
            fprintf(out, "  %5s %4u  %9ld  %s\n", "lout", s->number, (long)s->leadout,
                    tocex_lba_format_msf(s->leadout, msf, sizeof msf));
        }
        if (t->pregap > 0)
            fprintf(out, "  %5s %4s  pregap %ld frames (INDEX 00 at LBA %ld)\n", "", "", (long)t->pregap,
                    (long)(t->start - t->pregap));
    }
}

void cli_text_cdtext(FILE *out, const tocex_cdtext *ct, const char *indent)
{
    for (size_t b = 0; b < ct->block_count; b++) {
        const tocex_cdtext_block *blk = &ct->blocks[b];
        const char *lang = tocex_cdtext_language_name(blk->language);
        const char *cs = tocex_cdtext_charset_name(blk->charset);
        fprintf(out, "%sblock %u: %s (language %02Xh), %s, tracks %u-%u%s\n", indent, blk->number,
                lang != NULL ? lang : "unknown language", blk->language, cs != NULL ? cs : "unknown charset",
                blk->first_track, blk->last_track, blk->copyright ? ", copyrighted" : "");
        for (unsigned t = 0; t < 100; t++) {
            bool first = true;
            for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
                const char *text = blk->text[f][t];
                const char *fname = tocex_cdtext_field_name((tocex_cdtext_field)f);
                char where[16];
                if (text == NULL)
                    continue;
                if (t == 0)
                    snprintf(where, sizeof where, "disc");
                else
                    snprintf(where, sizeof where, "track %u", t);
                fprintf(out, "%s  %-9s %-11s %s\n", indent, first ? where : "", fname != NULL ? fname : "?", text);
                first = false;
            }
        }
        if (blk->genre != 0) {
            const char *g = tocex_cdtext_genre_name(blk->genre);
            fprintf(out, "%s  %-9s %-11s %s%s%s\n", indent, "disc", "GENRE", g != NULL ? g : "unknown genre",
                    blk->genre_text != NULL ? " / " : "", blk->genre_text != NULL ? blk->genre_text : "");
        }
    }
    if (ct->crc_errors > 0)
        fprintf(out, "%s%zu pack(s) with a wrong CRC (decoded anyway)\n", indent, ct->crc_errors);
    if (ct->zero_crc_packs > 0)
        fprintf(out, "%s%zu pack(s) with CRC 0000 (the drive does not report CRCs)\n", indent, ct->zero_crc_packs);
}

void cli_text_atip(FILE *out, const tocex_atip_info *info, const char *indent)
{
    char msf[16], cap[16];
    const char *sub = tocex_atip_sub_type_name(info);
    fprintf(out, "%sdisc type:            %s, sub-type %u (%s)\n", indent, tocex_atip_disc_type_name(info),
            info->sub_type, sub != NULL ? sub : "?");
    fprintf(out, "%swriting power:        %u (indicative target writing power)\n", indent, info->itwp);
    fprintf(out, "%sreference speed:      %s\n", indent, tocex_atip_reference_speed_name(info));
    fprintf(out, "%sunrestricted use:     %s\n", indent, info->uru ? "yes" : "no");
    if (info->a1_valid)
        fprintf(out, "%sspeeds (A1):          lowest CLV %u, highest CLV %u\n", indent, info->a1_lowest_clv,
                info->a1_highest_clv);
    fprintf(out, "%slead-in start:        %s (LBA %ld)", indent, tocex_msf_format(info->leadin, msf, sizeof msf),
            (long)info->leadin_lba);
    if (info->manufacturer_code_valid)
        fprintf(out, " -> manufacturer code 97:%02u:%02u, %s", info->manufacturer_second, info->manufacturer_frame,
                info->manufacturer != NULL ? info->manufacturer : "unknown manufacturer");
    fprintf(out, "\n");
    if (info->dye != NULL)
        fprintf(out, "%srecording layer:      %s\n", indent, info->dye);
    fprintf(out, "%slast lead-out start:  %s (LBA %ld) -> capacity %s, %ld sectors, %.1f MiB of mode-1 data\n",
            indent, tocex_msf_format(info->last_leadout, msf, sizeof msf), (long)info->last_leadout_lba,
            cli_frames_msf(info->last_leadout_lba, cap, sizeof cap), (long)info->last_leadout_lba,
            (double)info->last_leadout_lba * 2048.0 / 1048576.0);
}

void cli_text_discid(FILE *out, const tocex_discid *ids, const char *indent)
{
    char url[2048];
    if (!ids->has_freedb) {
        fprintf(out, "%s(no disc IDs: not a CD with tracks)\n", indent);
        return;
    }
    if (ids->has_musicbrainz) {
        fprintf(out, "%sMusicBrainz   %s   %s\n", indent, ids->musicbrainz, ids->musicbrainz_rule);
        fprintf(out, "%s  TOC         %s\n", indent, ids->musicbrainz_toc_string);
        if (tocex_discid_musicbrainz_url(ids, url, sizeof url, NULL) == TOCEX_OK)
            fprintf(out, "%s  URL         %s\n", indent, url);
    } else
        fprintf(out, "%sMusicBrainz   -   (no audio tracks)\n", indent);
    fprintf(out, "%sfreedb/CDDB   %s   %s\n", indent, ids->freedb, ids->freedb_rule);
    if (ids->freedb_libdiscid[0] != '\0' && strcmp(ids->freedb_libdiscid, ids->freedb) != 0)
        fprintf(out, "%s  libdiscid   %s   (libdiscid's variant: audio tracks, audio lead-out)\n", indent,
                ids->freedb_libdiscid);
    if (ids->has_accuraterip)
        fprintf(out, "%sAccurateRip   %03u-%s-%s-%s   %s\n", indent, ids->accuraterip_tracks, ids->accuraterip_id1,
                ids->accuraterip_id2, ids->accuraterip_freedb, ids->accuraterip_rule);
    if (ids->has_ctdb)
        fprintf(out, "%sCTDB          %s   %s\n", indent, ids->ctdb, ids->ctdb_rule);
}

const char *cli_known_key(uint32_t bit)
{
    switch (bit) {
    case TOCEX_KNOWN_GAPS: return "gaps";
    case TOCEX_KNOWN_CDTEXT: return "cdtext";
    case TOCEX_KNOWN_ATIP: return "atip";
    case TOCEX_KNOWN_PMA: return "pma";
    case TOCEX_KNOWN_SESSIONS: return "sessions";
    case TOCEX_KNOWN_MCN: return "mcn";
    case TOCEX_KNOWN_ISRC: return "isrc";
    case TOCEX_KNOWN_MODES: return "modes";
    case TOCEX_KNOWN_MEDIA: return "media";
    case TOCEX_KNOWN_LEADOUT: return "leadout";
    case TOCEX_KNOWN_FULLTOC: return "fulltoc";
    default: return NULL;
    }
}

const char *cli_known_phrase(uint32_t bit)
{
    switch (bit) {
    case TOCEX_KNOWN_GAPS: return "track pregaps (INDEX 00): none recorded, assumed none";
    case TOCEX_KNOWN_CDTEXT: return "whether the disc has CD-TEXT";
    case TOCEX_KNOWN_ATIP: return "whether the disc has an ATIP (recordable media)";
    case TOCEX_KNOWN_PMA: return "whether the disc has a PMA";
    case TOCEX_KNOWN_SESSIONS: return "the session layout (inferred, not recorded)";
    case TOCEX_KNOWN_MCN: return "the media catalog number (MCN)";
    case TOCEX_KNOWN_ISRC: return "the tracks' ISRCs";
    case TOCEX_KNOWN_MODES: return "the data tracks' sector modes";
    case TOCEX_KNOWN_MEDIA: return "the media type (assumed CD-ROM)";
    case TOCEX_KNOWN_LEADOUT: return "the lead-out (computed, not recorded)";
    case TOCEX_KNOWN_FULLTOC: return "the full TOC as recorded (made up from the track list)";
    default: return NULL;
    }
}

void cli_text_unknown(FILE *out, const tocex_disc *model, const tocex_disc *read, const char *indent)
{
    unsigned shown = 0;
    const tocex_disc *d = model != NULL ? model : read;
    if (model != NULL)
        for (uint32_t bit = 1; bit <= TOCEX_KNOWN_FULLTOC; bit <<= 1)
            if ((model->known & bit) == 0 && cli_known_phrase(bit) != NULL) {
                fprintf(out, "%s- %s\n", indent, cli_known_phrase(bit));
                shown++;
            }
    for (size_t i = 0; d != NULL && i < d->note_count; i++) {
        fprintf(out, "%s* %s\n", indent, d->notes[i]);
        shown++;
    }
    if (model != NULL && read != NULL && read != model)
        for (size_t i = 0; i < read->note_count; i++) {
            bool dup = false;
            for (size_t k = 0; k < model->note_count; k++)
                dup = dup || strcmp(model->notes[k], read->notes[i]) == 0;
            if (!dup) {
                fprintf(out, "%s* %s\n", indent, read->notes[i]);
                shown++;
            }
        }
    if (shown == 0)
        fprintf(out, "%s(nothing: the source recorded everything tocex asks for)\n", indent);
}

static int32_t entry_lba(uint8_t m, uint8_t s, uint8_t f)
{
    tocex_msf msf = {m, s, f};
    return tocex_msf_to_lba(msf);
}

const char *cli_toc_entry_meaning(const tocex_toc_entry *e, bool pma, char *buf, size_t size)
{
    unsigned adr = e->adr_control >> 4;
    char p[16];
    int32_t plba = entry_lba(e->pmin, e->psec, e->pframe);
    snprintf(p, sizeof p, "%02u:%02u:%02u", e->pmin, e->psec, e->pframe);
    if (pma) {
        switch (adr) {
        case 1:
            snprintf(buf, size, "track %u: start %s, stop %02u:%02u:%02u", e->point, p, e->min, e->sec, e->frame);
            break;
        case 2: snprintf(buf, size, "disc identification"); break;
        case 3: snprintf(buf, size, "skip interval"); break;
        case 4: snprintf(buf, size, "unskip interval"); break;
        case 5: snprintf(buf, size, "skip track assignment"); break;
        default: snprintf(buf, size, "ADR %u", adr); break;
        }
        return buf;
    }
    if (adr == 1) {
        if (e->point >= 1 && e->point <= 99)
            snprintf(buf, size, "track %u starts at %s (LBA %ld)", e->point, p, (long)plba);
        else if (e->point == 0xA0)
            snprintf(buf, size, "first track %u, disc type %02Xh (%s)", e->pmin, e->psec, cli_disc_type_name(e->psec));
        else if (e->point == 0xA1)
            snprintf(buf, size, "last track %u", e->pmin);
        else if (e->point == 0xA2)
            snprintf(buf, size, "lead-out at %s (LBA %ld)", p, (long)plba);
        else
            snprintf(buf, size, "POINT %02Xh", e->point);
    } else if (adr == 5) {
        if (e->point == 0xB0) {
            char nxt[16];
            if (e->min == 0xFF && e->sec == 0xFF && e->frame == 0xFF)
                snprintf(nxt, sizeof nxt, "none (closed)");
            else
                snprintf(nxt, sizeof nxt, "%02u:%02u:%02u", e->min, e->sec, e->frame);
            snprintf(buf, size, "next program area %s, %u mode-5 pointer(s), outermost lead-out by %s", nxt, e->zero,
                     p);
        } else if (e->point == 0xC0)
            snprintf(buf, size, "ATIP bytes %02x %02x %02x, first lead-in at %s", e->min, e->sec, e->frame, p);
        else if (e->point == 0xC1)
            snprintf(buf, size, "copy of additional ATIP information");
        else if (e->point >= 1 && e->point <= 0x40)
            snprintf(buf, size, "skip interval pointer");
        else
            snprintf(buf, size, "mode-5 POINT %02Xh", e->point);
    } else if (adr == 2)
        snprintf(buf, size, "media catalog number");
    else if (adr == 3)
        snprintf(buf, size, "ISRC");
    else
        snprintf(buf, size, "ADR %u", adr);
    return buf;
}

void cli_text_toc_entries(FILE *out, const tocex_toc_entry *entries, size_t count, bool pma)
{
    fprintf(out, "  %-4s %3s %4s %3s %5s  %-8s  %4s  %-8s  %s\n", pma ? "rsvd" : "sess", "adr", "ctrl", "tno", "point",
            "min:s:f", "zero", "pmsf", "meaning");
    for (size_t i = 0; i < count; i++) {
        const tocex_toc_entry *e = &entries[i];
        char meaning[192];
        fprintf(out, "  %4u %3u %4u %3u   %02X   %02u:%02u:%02u  %4u  %02u:%02u:%02u  %s\n", e->session,
                e->adr_control >> 4, e->adr_control & 0xF, e->tno, e->point, e->min, e->sec, e->frame, e->zero,
                e->pmin, e->psec, e->pframe, cli_toc_entry_meaning(e, pma, meaning, sizeof meaning));
    }
}
