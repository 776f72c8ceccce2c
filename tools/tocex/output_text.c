/* tocex program: human-readable views (aligned tables in the spirit of cd-info, cdrecord -toc
 * and EAC logs). Wording here is not part of the contract; JSON is. */
#include <string.h>

#include "cli.h"

char *cli_frames_msf(int32_t frames, char *buf, size_t size)
{
    char text[CLI_FMT_FRAMES_MSF_MAX];
    size_t n = (size_t)(cli_fmt_frames_msf(text, frames) - text);
    if (size > 0) {
        if (n >= size)
            n = size - 1;
        memcpy(buf, text, n);
        buf[n] = '\0';
    }
    return buf;
}

void cli_text_sessions(cli_out *out, const tocex_disc *disc)
{
    char msf[16];
    cli_printf(out, "Sessions:    %zu%s\n", disc->session_count, disc->appendable ? " (last session open)" : "");
    for (size_t i = 0; i < disc->session_count; i++) {
        const tocex_session *s = &disc->sessions[i];
        if (s->first_track == s->last_track)
            cli_printf(out, "  session %-2u track  %-5u", s->number, s->first_track);
        else
            cli_printf(out, "  session %-2u tracks %2u-%-2u", s->number, s->first_track, s->last_track);
        cli_printf(out, " lead-out LBA %6ld (%s)", (long)s->leadout, tocex_lba_format_msf(s->leadout, msf, sizeof msf));
        /* the A0 disc type is a CD lead-in field; DVD/BD media have none */
        if (tocex_media_is_cd(disc->media))
            cli_printf(out, "  %02Xh %s", s->disc_type, cli_disc_type_name(s->disc_type));
        cli_putc(out, '\n');
        if (s->has_b0)
            cli_printf(out, "             next program area %s\n",
                       s->b0_next_program == TOCEX_LBA_NONE
                           ? "none (disc closed)"
                           : tocex_lba_format_msf(s->b0_next_program, msf, sizeof msf));
    }
}

/* "pre-emphasis,copy,4ch" or "-" (at most 22 bytes), written in place. */
static char *put_track_flags(char *p, const tocex_track *t, bool data)
{
    char *start = p;
    if ((t->control & TOCEX_CONTROL_PREEMPHASIS) != 0)
        p = data ? CLI_FMT_LITERAL(p, "incremental,") : CLI_FMT_LITERAL(p, "pre-emphasis,");
    if ((t->control & TOCEX_CONTROL_COPY) != 0)
        p = CLI_FMT_LITERAL(p, "copy,");
    if (!data && (t->control & TOCEX_CONTROL_4CH) != 0)
        p = CLI_FMT_LITERAL(p, "4ch,");
    if (p == start)
        *p++ = '-';
    else
        p--; /* the last comma */
    return p;
}

void cli_text_tracks(cli_out *out, const tocex_disc *disc)
{
    cli_puts(out, "  track sess  start LBA  start MSF    length      frames  type   mode         flags         "
                  "ISRC\n");
    for (size_t i = 0; i < disc->track_count; i++) {
        const tocex_track *t = &disc->tracks[i];
        int32_t frames = tocex_disc_track_length(disc, i);
        const char *type = cli_track_type(t), *mode = tocex_track_mode_name(t->mode);
        size_t mode_len = strlen(mode), isrc_len = strnlen(t->isrc, sizeof t->isrc);
        char *p, *flags;
        /* "  %5u %4u  %9ld  %s  %s  %10ld  %-5s  %-11s  %-12s  %s\n" of number, session, start,
         * its MSF, the length as MSF, frames, type, mode, flags and ISRC, written in place (one
         * row per track). Besides the mode name and the ISRC it takes at most 42 bytes of
         * numbers, 23 of MSF texts, 20 of spaces, 5 of type, 11 of padding and 22 of flags. */
        p = cli_out_reserve(out, 192 + mode_len + isrc_len);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_long(p, (long)t->number, 5);
        p = CLI_FMT_LITERAL(p, " ");
        p = cli_fmt_long(p, (long)t->session, 4);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_long(p, (long)t->start, 9);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_lba_msf(p, t->start);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_frames_msf(p, frames);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_long(p, (long)frames, 10);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_left(p, type, 5);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_left_n(p, mode, mode_len, 11);
        p = CLI_FMT_LITERAL(p, "  ");
        flags = p;
        p = put_track_flags(p, t, strcmp(type, "data") == 0);
        if (p - flags < 12)
            p = cli_fmt_fill(p, ' ', (size_t)(12 - (p - flags)));
        p = CLI_FMT_LITERAL(p, "  ");
        p = isrc_len > 0 ? cli_fmt_copy(p, t->isrc, isrc_len) : CLI_FMT_LITERAL(p, "-");
        *p++ = '\n';
        cli_out_commit(out, p);
        if (i + 1 == disc->track_count || disc->tracks[i + 1].session != t->session) {
            const tocex_session *s = &disc->sessions[t->session - 1];
            char msf[16];
            cli_printf(out, "  %5s %4u  %9ld  %s\n", "lout", s->number, (long)s->leadout,
                       tocex_lba_format_msf(s->leadout, msf, sizeof msf));
        }
        if (t->pregap > 0) {
            /* "  %5s %4s  pregap %ld frames (INDEX 00 at LBA %ld)\n" of two empty strings, in place */
            p = cli_out_reserve(out, 96);
            p = CLI_FMT_LITERAL(p, "              pregap ");
            p = cli_fmt_long(p, (long)t->pregap, 0);
            p = CLI_FMT_LITERAL(p, " frames (INDEX 00 at LBA ");
            p = cli_fmt_long(p, (long)(t->start - t->pregap), 0);
            p = CLI_FMT_LITERAL(p, ")\n");
            cli_out_commit(out, p);
        }
    }
}

/* "%s  %-9s %-11s %s\n" of indent, where ("disc", "track N" or ""), field name and text: one row
 * per CD-TEXT item, written in place. */
static void cdtext_row(cli_out *out, const char *indent, size_t indent_len, const char *where, size_t where_len,
                       const char *field, const char *text)
{
    size_t field_len = strlen(field), text_len = strlen(text);
    char *p;
    if (indent_len + where_len + field_len + text_len > CLI_OUT_RESERVE_MAX - 32) {
        cli_printf(out, "%s  %-9s %-11s %s\n", indent, where, field, text);
        return;
    }
    p = cli_out_reserve(out, indent_len + where_len + field_len + text_len + 32);
    p = cli_fmt_copy(p, indent, indent_len);
    p = CLI_FMT_LITERAL(p, "  ");
    p = cli_fmt_left_n(p, where, where_len, 9);
    *p++ = ' ';
    p = cli_fmt_left_n(p, field, field_len, 11);
    *p++ = ' ';
    p = cli_fmt_copy(p, text, text_len);
    *p++ = '\n';
    cli_out_commit(out, p);
}

void cli_text_cdtext(cli_out *out, const tocex_cdtext *ct, const char *indent)
{
    size_t indent_len = strlen(indent);
    for (size_t b = 0; b < ct->block_count; b++) {
        const tocex_cdtext_block *blk = &ct->blocks[b];
        const char *lang = tocex_cdtext_language_name(blk->language);
        const char *cs = tocex_cdtext_charset_name(blk->charset);
        cli_printf(out, "%sblock %u: %s (language %02Xh), %s, tracks %u-%u%s\n", indent, blk->number,
                   lang != NULL ? lang : "unknown language", blk->language, cs != NULL ? cs : "unknown charset",
                   blk->first_track, blk->last_track, blk->copyright ? ", copyrighted" : "");
        for (unsigned t = 0; t < 100; t++) {
            bool first = true;
            for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
                const char *text = blk->text[f][t];
                const char *fname;
                char where[16];
                size_t where_len = 0;
                if (text == NULL)
                    continue;
                fname = tocex_cdtext_field_name((tocex_cdtext_field)f);
                if (first) {
                    /* the first item of the disc or of a track names it */
                    char *end = t == 0 ? CLI_FMT_LITERAL(where, "disc")
                                       : cli_fmt_long(CLI_FMT_LITERAL(where, "track "), (long)t, 0);
                    where_len = (size_t)(end - where);
                }
                where[where_len] = '\0';
                cdtext_row(out, indent, indent_len, where, where_len, fname != NULL ? fname : "?", text);
                first = false;
            }
        }
        if (blk->genre != 0) {
            const char *g = tocex_cdtext_genre_name(blk->genre);
            cli_printf(out, "%s  %-9s %-11s %s%s%s\n", indent, "disc", "GENRE", g != NULL ? g : "unknown genre",
                       blk->genre_text != NULL ? " / " : "", blk->genre_text != NULL ? blk->genre_text : "");
        }
    }
    if (ct->crc_errors > 0)
        cli_printf(out, "%s%zu pack(s) with a wrong CRC (decoded anyway)\n", indent, ct->crc_errors);
    if (ct->zero_crc_packs > 0)
        cli_printf(out, "%s%zu pack(s) with CRC 0000 (the drive does not report CRCs)\n", indent, ct->zero_crc_packs);
}

void cli_text_atip(cli_out *out, const tocex_atip_info *info, const char *indent)
{
    char msf[16], cap[16];
    const char *sub = tocex_atip_sub_type_name(info);
    cli_printf(out, "%sdisc type:            %s, sub-type %u (%s)\n", indent, tocex_atip_disc_type_name(info),
               info->sub_type, sub != NULL ? sub : "?");
    cli_printf(out, "%swriting power:        %u (indicative target writing power)\n", indent, info->itwp);
    cli_printf(out, "%sreference speed:      %s\n", indent, tocex_atip_reference_speed_name(info));
    cli_printf(out, "%sunrestricted use:     %s\n", indent, info->uru ? "yes" : "no");
    if (info->a1_valid)
        cli_printf(out, "%sspeeds (A1):          lowest CLV %u, highest CLV %u\n", indent, info->a1_lowest_clv,
                   info->a1_highest_clv);
    cli_printf(out, "%slead-in start:        %s (LBA %ld)", indent, tocex_msf_format(info->leadin, msf, sizeof msf),
               (long)info->leadin_lba);
    if (info->manufacturer_code_valid)
        cli_printf(out, " -> manufacturer code 97:%02u:%02u, %s", info->manufacturer_second, info->manufacturer_frame,
                   info->manufacturer != NULL ? info->manufacturer : "unknown manufacturer");
    cli_printf(out, "\n");
    if (info->dye != NULL)
        cli_printf(out, "%srecording layer:      %s\n", indent, info->dye);
    cli_printf(out, "%slast lead-out start:  %s (LBA %ld) -> capacity %s, %ld sectors, %.1f MiB of mode-1 data\n",
               indent, tocex_msf_format(info->last_leadout, msf, sizeof msf), (long)info->last_leadout_lba,
               cli_frames_msf(info->last_leadout_lba, cap, sizeof cap), (long)info->last_leadout_lba,
               (double)info->last_leadout_lba * 2048.0 / 1048576.0);
}

void cli_text_discid(cli_out *out, const tocex_discid *ids, const char *indent)
{
    char url[2048];
    if (!ids->has_freedb) {
        cli_printf(out, "%s(no disc IDs: not a CD with tracks)\n", indent);
        return;
    }
    if (ids->has_musicbrainz) {
        cli_printf(out, "%sMusicBrainz   %s   %s\n", indent, ids->musicbrainz, ids->musicbrainz_rule);
        cli_printf(out, "%s  TOC         %s\n", indent, ids->musicbrainz_toc_string);
        if (tocex_discid_musicbrainz_url(ids, url, sizeof url, NULL) == TOCEX_OK)
            cli_printf(out, "%s  URL         %s\n", indent, url);
    } else
        cli_printf(out, "%sMusicBrainz   -   (no audio tracks)\n", indent);
    cli_printf(out, "%sfreedb/CDDB   %s   %s\n", indent, ids->freedb, ids->freedb_rule);
    if (ids->freedb_libdiscid[0] != '\0' && strcmp(ids->freedb_libdiscid, ids->freedb) != 0)
        cli_printf(out, "%s  libdiscid   %s   (libdiscid's variant: audio tracks, audio lead-out)\n", indent,
                   ids->freedb_libdiscid);
    if (ids->has_accuraterip)
        cli_printf(out, "%sAccurateRip   %03u-%s-%s-%s   %s\n", indent, ids->accuraterip_tracks, ids->accuraterip_id1,
                   ids->accuraterip_id2, ids->accuraterip_freedb, ids->accuraterip_rule);
    if (ids->has_ctdb)
        cli_printf(out, "%sCTDB          %s   %s\n", indent, ids->ctdb, ids->ctdb_rule);
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

void cli_text_unknown(cli_out *out, const tocex_disc *model, const tocex_disc *read, const char *indent)
{
    unsigned shown = 0;
    const tocex_disc *d = model != NULL ? model : read;
    if (model != NULL)
        for (uint32_t bit = 1; bit <= TOCEX_KNOWN_FULLTOC; bit <<= 1)
            if ((model->known & bit) == 0 && cli_known_phrase(bit) != NULL) {
                cli_printf(out, "%s- %s\n", indent, cli_known_phrase(bit));
                shown++;
            }
    for (size_t i = 0; d != NULL && i < d->note_count; i++) {
        cli_printf(out, "%s* %s\n", indent, d->notes[i]);
        shown++;
    }
    if (model != NULL && read != NULL && read != model)
        for (size_t i = 0; i < read->note_count; i++) {
            bool dup = false;
            for (size_t k = 0; k < model->note_count; k++)
                dup = dup || strcmp(model->notes[k], read->notes[i]) == 0;
            if (!dup) {
                cli_printf(out, "%s* %s\n", indent, read->notes[i]);
                shown++;
            }
        }
    if (shown == 0)
        cli_printf(out, "%s(nothing: the source recorded everything tocex asks for)\n", indent);
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
    cli_snformat(p, sizeof p, "%02u:%02u:%02u", e->pmin, e->psec, e->pframe);
    if (pma) {
        switch (adr) {
        case 1:
            cli_snformat(buf, size, "track %u: start %s, stop %02u:%02u:%02u", e->point, p, e->min, e->sec, e->frame);
            break;
        case 2: cli_snformat(buf, size, "disc identification"); break;
        case 3: cli_snformat(buf, size, "skip interval"); break;
        case 4: cli_snformat(buf, size, "unskip interval"); break;
        case 5: cli_snformat(buf, size, "skip track assignment"); break;
        default: cli_snformat(buf, size, "ADR %u", adr); break;
        }
        return buf;
    }
    if (adr == 1) {
        if (e->point >= 1 && e->point <= 99)
            cli_snformat(buf, size, "track %u starts at %s (LBA %ld)", e->point, p, (long)plba);
        else if (e->point == 0xA0)
            cli_snformat(buf, size, "first track %u, disc type %02Xh (%s)", e->pmin, e->psec,
                         cli_disc_type_name(e->psec));
        else if (e->point == 0xA1)
            cli_snformat(buf, size, "last track %u", e->pmin);
        else if (e->point == 0xA2)
            cli_snformat(buf, size, "lead-out at %s (LBA %ld)", p, (long)plba);
        else
            cli_snformat(buf, size, "POINT %02Xh", e->point);
    } else if (adr == 5) {
        if (e->point == 0xB0) {
            char nxt[16];
            if (e->min == 0xFF && e->sec == 0xFF && e->frame == 0xFF)
                cli_snformat(nxt, sizeof nxt, "none (closed)");
            else
                cli_snformat(nxt, sizeof nxt, "%02u:%02u:%02u", e->min, e->sec, e->frame);
            cli_snformat(buf, size, "next program area %s, %u mode-5 pointer(s), outermost lead-out by %s", nxt,
                         e->zero, p);
        } else if (e->point == 0xC0)
            cli_snformat(buf, size, "ATIP bytes %02x %02x %02x, first lead-in at %s", e->min, e->sec, e->frame, p);
        else if (e->point == 0xC1)
            cli_snformat(buf, size, "copy of additional ATIP information");
        else if (e->point >= 1 && e->point <= 0x40)
            cli_snformat(buf, size, "skip interval pointer");
        else
            cli_snformat(buf, size, "mode-5 POINT %02Xh", e->point);
    } else if (adr == 2)
        cli_snformat(buf, size, "media catalog number");
    else if (adr == 3)
        cli_snformat(buf, size, "ISRC");
    else
        cli_snformat(buf, size, "ADR %u", adr);
    return buf;
}

void cli_text_toc_entries(cli_out *out, const tocex_toc_entry *entries, size_t count, bool pma)
{
    cli_printf(out, "  %-4s %3s %4s %3s %5s  %-8s  %4s  %-8s  %s\n", pma ? "rsvd" : "sess", "adr", "ctrl", "tno",
               "point", "min:s:f", "zero", "pmsf", "meaning");
    for (size_t i = 0; i < count; i++) {
        const tocex_toc_entry *e = &entries[i];
        char meaning[192];
        cli_printf(out, "  %4u %3u %4u %3u   %02X   %02u:%02u:%02u  %4u  %02u:%02u:%02u  %s\n", e->session,
                   e->adr_control >> 4, e->adr_control & 0xF, e->tno, e->point, e->min, e->sec, e->frame, e->zero,
                   e->pmin, e->psec, e->pframe, cli_toc_entry_meaning(e, pma, meaning, sizeof meaning));
    }
}
