/* tocex program: human-readable views (aligned tables in the spirit of cd-info, cdrecord -toc
 * and EAC logs). Wording here is not part of the contract; JSON is.
 *
 * The rows printed once per track, CD-TEXT item or TOC entry, and the lines of `info`, are
 * written in place with the cli_fmt_* primitives (fmt.h) rather than formatted: each says the
 * printf format it stands for. Rare lines keep cli_printf. */
#include <string.h>

#include "cli.h"

/* "%-*u" for a width of at most 16: v, then spaces (at most 16 bytes are written). */
static inline char *put_u_left(char *p, unsigned v, size_t width)
{
    char *start = p;
    memcpy(p, "                ", 16);
    p = cli_fmt_u32(p, v);
    return (size_t)(p - start) < width ? start + width : p;
}

/* "%02u:%02u:%02u" (8 to 11 bytes). */
static char *put_msf3(char *p, unsigned m, unsigned s, unsigned f)
{
    p = cli_fmt_2digits(p, m);
    *p++ = ':';
    p = cli_fmt_2digits(p, s);
    *p++ = ':';
    return cli_fmt_2digits(p, f);
}

/* "%s" of a string of known length. */
static inline char *put_str(char *p, const char *s)
{
    return cli_fmt_copy(p, s, strlen(s));
}

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
    char *p = cli_out_reserve(out, 64);
    /* "Sessions:    %zu%s\n" of the count and " (last session open)" */
    p = CLI_FMT_LITERAL(p, "Sessions:    ");
    p = cli_fmt_uint(p, disc->session_count);
    if (disc->appendable)
        p = CLI_FMT_LITERAL(p, " (last session open)");
    *p++ = '\n';
    cli_out_commit(out, p);
    for (size_t i = 0; i < disc->session_count; i++) {
        const tocex_session *s = &disc->sessions[i];
        p = cli_out_reserve(out, 192);
        p = CLI_FMT_LITERAL(p, "  session ");
        if (s->first_track == s->last_track) {
            /* "  session %-2u track  %-5u" */
            p = put_u_left(p, s->number, 2);
            p = CLI_FMT_LITERAL(p, " track  ");
            p = put_u_left(p, s->first_track, 5);
        } else {
            /* "  session %-2u tracks %2u-%-2u" */
            p = put_u_left(p, s->number, 2);
            p = CLI_FMT_LITERAL(p, " tracks ");
            p = cli_fmt_u32_right(p, s->first_track, 2);
            *p++ = '-';
            p = put_u_left(p, s->last_track, 2);
        }
        /* " lead-out LBA %6ld (%s)" of the lead-out and its MSF */
        p = CLI_FMT_LITERAL(p, " lead-out LBA ");
        p = cli_fmt_long(p, (long)s->leadout, 6);
        p = CLI_FMT_LITERAL(p, " (");
        p = cli_fmt_lba_msf(p, s->leadout);
        *p++ = ')';
        /* the A0 disc type is a CD lead-in field; DVD/BD media have none */
        if (tocex_media_is_cd(disc->media)) {
            /* "  %02Xh %s" */
            p = CLI_FMT_LITERAL(p, "  ");
            p = cli_fmt_hex2(p, s->disc_type, 1);
            p = CLI_FMT_LITERAL(p, "h ");
            p = put_str(p, cli_disc_type_name(s->disc_type));
        }
        *p++ = '\n';
        if (s->has_b0) {
            /* "             next program area %s\n" */
            p = CLI_FMT_LITERAL(p, "             next program area ");
            if (s->b0_next_program == TOCEX_LBA_NONE)
                p = CLI_FMT_LITERAL(p, "none (disc closed)");
            else
                p = cli_fmt_lba_msf(p, s->b0_next_program);
            *p++ = '\n';
        }
        cli_out_commit(out, p);
    }
}

/* "pre-emphasis,copy,4ch" or "-" (at most 22 bytes), written in place. */
static char *put_track_flags(char *p, uint8_t control, bool data)
{
    char *start = p;
    if ((control & TOCEX_CONTROL_PREEMPHASIS) != 0)
        p = data ? CLI_FMT_LITERAL(p, "incremental,") : CLI_FMT_LITERAL(p, "pre-emphasis,");
    if ((control & TOCEX_CONTROL_COPY) != 0)
        p = CLI_FMT_LITERAL(p, "copy,");
    if (!data && (control & TOCEX_CONTROL_4CH) != 0)
        p = CLI_FMT_LITERAL(p, "4ch,");
    if (p == start)
        *p++ = '-';
    else
        p--; /* the last comma */
    return p;
}

/* The end of a track row after the frames, "  %-5s  %-11s  %-12s  " of type, mode and flags:
 * the same for every track of the same mode and CONTROL, so made once for a run of them. */
typedef struct track_tail {
    tocex_track_mode mode;
    uint8_t control;
    bool made;
    size_t len;     /**< at most 2 + 5 + 2 + 11 + 2 + 22 + 2 = 46 */
    char text[64];  /**< copied whole (64 bytes), len kept */
} track_tail;

static void make_track_tail(track_tail *tail, const tocex_track *t)
{
    const char *type = cli_track_type(t), *mode = tocex_track_mode_name(t->mode);
    char *p = tail->text, *flags;
    memset(tail->text, ' ', sizeof tail->text);
    p = CLI_FMT_LITERAL(p, "  ");
    p = cli_fmt_left(p, type, 5);
    p = CLI_FMT_LITERAL(p, "  ");
    p = cli_fmt_left(p, mode, 11);
    p = CLI_FMT_LITERAL(p, "  ");
    flags = p;
    p = put_track_flags(p, t->control, type[0] == 'd');
    if (p - flags < 12)
        p = cli_fmt_fill(p, ' ', (size_t)(12 - (p - flags)));
    p = CLI_FMT_LITERAL(p, "  ");
    tail->len = (size_t)(p - tail->text);
    tail->mode = t->mode;
    tail->control = t->control;
    tail->made = true;
}

/* strnlen(isrc, 13): an ISRC has 12 characters or none, which one look at the 13 bytes tells. */
static inline size_t isrc_length(const char isrc[13])
{
    uint64_t a;
    uint32_t b;
    memcpy(&a, isrc, 8);
    memcpy(&b, isrc + 8, 4);
    if (((a - 0x0101010101010101u) & ~a & 0x8080808080808080u) == 0 && ((b - 0x01010101u) & ~b & 0x80808080u) == 0)
        return isrc[12] == '\0' ? 12 : 13;
    return strnlen(isrc, 13);
}

void cli_text_tracks(cli_out *out, const tocex_disc *disc)
{
    track_tail tail;
    tail.made = false;
    cli_puts(out, "  track sess  start LBA  start MSF    length      frames  type   mode         flags         "
                  "ISRC\n");
    for (size_t i = 0; i < disc->track_count; i++) {
        const tocex_track *t = &disc->tracks[i];
        int32_t frames = tocex_disc_track_length(disc, i);
        size_t isrc_len;
        char *p;
        if (!tail.made || tail.mode != t->mode || tail.control != t->control)
            make_track_tail(&tail, t);
        /* "  %5u %4u  %9ld  %s  %s  %10ld" of number, session, start, its MSF, the length as
         * MSF and in frames, then the tail and the ISRC or "-", written in place (one row per
         * track), with the lead-out and pregap rows after it: about 250 bytes at most. */
        p = cli_out_reserve(out, 320);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_u32_right(p, t->number, 5);
        *p++ = ' ';
        p = cli_fmt_u32_right(p, t->session, 4);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_long(p, (long)t->start, 9);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_lba_msf(p, t->start);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_frames_msf(p, frames);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_long(p, (long)frames, 10);
        memcpy(p, tail.text, sizeof tail.text);
        p += tail.len;
        isrc_len = isrc_length(t->isrc);
        p = isrc_len > 0 ? cli_fmt_copy(p, t->isrc, isrc_len) : CLI_FMT_LITERAL(p, "-");
        *p++ = '\n';
        if (i + 1 == disc->track_count || disc->tracks[i + 1].session != t->session) {
            /* "  %5s %4u  %9ld  %s\n" of "lout", the session, its lead-out and the MSF */
            const tocex_session *s = &disc->sessions[t->session - 1];
            p = CLI_FMT_LITERAL(p, "   lout ");
            p = cli_fmt_u32_right(p, s->number, 4);
            p = CLI_FMT_LITERAL(p, "  ");
            p = cli_fmt_long(p, (long)s->leadout, 9);
            p = CLI_FMT_LITERAL(p, "  ");
            p = cli_fmt_lba_msf(p, s->leadout);
            *p++ = '\n';
        }
        if (t->pregap > 0) {
            /* "  %5s %4s  pregap %ld frames (INDEX 00 at LBA %ld)\n" of two empty strings */
            p = CLI_FMT_LITERAL(p, "              pregap ");
            p = cli_fmt_long(p, (long)t->pregap, 0);
            p = CLI_FMT_LITERAL(p, " frames (INDEX 00 at LBA ");
            p = cli_fmt_long(p, (long)(t->start - t->pregap), 0);
            p = CLI_FMT_LITERAL(p, ")\n");
        }
        cli_out_commit(out, p);
    }
}

/* "%s  %-9s %-11s %s\n" of indent, where ("disc", "track N" or ""), field name and text: one row
 * per CD-TEXT item, written in place (the general form, for long texts and long indents). */
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

/* A field with no text for any track (most of them): its 100 pointers compared at once. */
static bool column_empty(const char *const *col)
{
    static const char *const none[100];
    return memcmp(col, none, sizeof none) == 0;
}

void cli_text_cdtext(cli_out *out, const tocex_cdtext *ct, const char *indent)
{
    /* The rows are made from pieces prepared once: the start of a row without a `where`
     * (indent, 2 + 9 + 1 spaces; copied whole) and each field's column (its name, spaces up
     * to 11 and one more; 12 bytes of 16 copied whole). Indents of more than 32 bytes and
     * names of more than 11 take cdtext_row. */
    char start[48], column[TOCEX_CDTEXT_FIELD_COUNT][16];
    const char *names[TOCEX_CDTEXT_FIELD_COUNT];
    size_t indent_len = strlen(indent), start_len = indent_len + 12;
    bool fast = indent_len <= sizeof start - 16;

    if (fast) {
        memset(start, ' ', sizeof start);
        memcpy(start, indent, indent_len);
    }
    for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
        const char *name = tocex_cdtext_field_name((tocex_cdtext_field)f);
        size_t n;
        names[f] = name != NULL ? name : "?";
        n = strlen(names[f]);
        fast = fast && n <= 11;
        memset(column[f], ' ', sizeof column[f]);
        memcpy(column[f], names[f], n < sizeof column[f] ? n : sizeof column[f]);
    }
    for (size_t b = 0; b < ct->block_count; b++) {
        const tocex_cdtext_block *blk = &ct->blocks[b];
        const char *lang = tocex_cdtext_language_name(blk->language);
        const char *cs = tocex_cdtext_charset_name(blk->charset);
        unsigned fields[TOCEX_CDTEXT_FIELD_COUNT], used;
        char *p;
        if (lang == NULL)
            lang = "unknown language";
        if (cs == NULL)
            cs = "unknown charset";
        /* "%sblock %u: %s (language %02Xh), %s, tracks %u-%u%s\n" of indent, number, language
         * name and code, character set, first and last track, ", copyrighted" */
        p = cli_out_reserve(out, indent_len + strlen(lang) + strlen(cs) + 96);
        p = cli_fmt_copy(p, indent, indent_len);
        p = CLI_FMT_LITERAL(p, "block ");
        p = cli_fmt_u32(p, blk->number);
        p = CLI_FMT_LITERAL(p, ": ");
        p = put_str(p, lang);
        p = CLI_FMT_LITERAL(p, " (language ");
        p = cli_fmt_hex2(p, blk->language, 1);
        p = CLI_FMT_LITERAL(p, "h), ");
        p = put_str(p, cs);
        p = CLI_FMT_LITERAL(p, ", tracks ");
        p = cli_fmt_u32(p, blk->first_track);
        *p++ = '-';
        p = cli_fmt_u32(p, blk->last_track);
        if (blk->copyright)
            p = CLI_FMT_LITERAL(p, ", copyrighted");
        *p++ = '\n';
        cli_out_commit(out, p);

        /* the fields with any text (most have none), in order */
        used = 0;
        for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
            if (!column_empty((const char *const *)blk->text[f]))
                fields[used++] = f;
        /* "%s  %-9s %-11s %s\n" of indent, where ("disc", "track N" for the first item of the
         * disc or a track, else ""), field name and text: one row per item */
        for (unsigned t = 0; t < 100; t++) {
            char where[16];
            size_t where_len = 0;
            bool named = false;
            for (unsigned k = 0; k < used; k++) {
                unsigned f = fields[k];
                const char *text = blk->text[f][t];
                size_t text_len;
                if (text == NULL)
                    continue;
                if (named)
                    where_len = 0; /* only the first item of the disc or a track names it */
                else if (t == 0)
                    where_len = (size_t)(CLI_FMT_LITERAL(where, "disc") - where);
                else {
                    /* "track %u" of t < 100 */
                    char *w = CLI_FMT_LITERAL(where, "track ");
                    if (t >= 10) {
                        memcpy(w, tocex_digit_pairs + 2 * t, 2);
                        w += 2;
                    } else
                        *w++ = (char)('0' + t);
                    where_len = (size_t)(w - where);
                }
                text_len = strlen(text);
                if (fast && text_len <= CLI_OUT_RESERVE_MAX - 128) {
                    char *row = cli_out_reserve(out, start_len + text_len + 80);
                    memcpy(row, start, sizeof start);
                    if (where_len > 0)
                        cli_fmt_copy(row + indent_len + 2, where, where_len);
                    memcpy(row + start_len, column[f], sizeof column[f]);
                    p = cli_fmt_copy(row + start_len + 12, text, text_len);
                    *p++ = '\n';
                    cli_out_commit(out, p);
                } else {
                    where[where_len] = '\0';
                    cdtext_row(out, indent, indent_len, where, where_len, names[f], text);
                }
                named = true;
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
        CLI_PUTS(out, indent, "(no disc IDs: not a CD with tracks)\n");
        return;
    }
    if (ids->has_musicbrainz) {
        CLI_PUTS(out, indent, "MusicBrainz   ", ids->musicbrainz, "   ", ids->musicbrainz_rule, "\n");
        CLI_PUTS(out, indent, "  TOC         ", ids->musicbrainz_toc_string, "\n");
        if (tocex_discid_musicbrainz_url(ids, url, sizeof url, NULL) == TOCEX_OK)
            CLI_PUTS(out, indent, "  URL         ", url, "\n");
    } else
        CLI_PUTS(out, indent, "MusicBrainz   -   (no audio tracks)\n");
    CLI_PUTS(out, indent, "freedb/CDDB   ", ids->freedb, "   ", ids->freedb_rule, "\n");
    if (ids->freedb_libdiscid[0] != '\0' && strcmp(ids->freedb_libdiscid, ids->freedb) != 0)
        CLI_PUTS(out, indent, "  libdiscid   ", ids->freedb_libdiscid,
                 "   (libdiscid's variant: audio tracks, audio lead-out)\n");
    if (ids->has_accuraterip) {
        /* "%03u" of the track count */
        char count[16], *end;
        if (ids->accuraterip_tracks < 1000) {
            count[0] = (char)('0' + ids->accuraterip_tracks / 100);
            end = cli_fmt_2digits(count + 1, ids->accuraterip_tracks % 100);
        } else
            end = cli_fmt_u32(count, ids->accuraterip_tracks);
        *end = '\0';
        CLI_PUTS(out, indent, "AccurateRip   ", count, "-", ids->accuraterip_id1, "-", ids->accuraterip_id2, "-",
                 ids->accuraterip_freedb, "   ", ids->accuraterip_rule, "\n");
    }
    if (ids->has_ctdb)
        CLI_PUTS(out, indent, "CTDB          ", ids->ctdb, "   ", ids->ctdb_rule, "\n");
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
                CLI_PUTS(out, indent, "- ", cli_known_phrase(bit), "\n");
                shown++;
            }
    for (size_t i = 0; d != NULL && i < d->note_count; i++) {
        CLI_PUTS(out, indent, "* ", d->notes[i], "\n");
        shown++;
    }
    if (model != NULL && read != NULL && read != model)
        for (size_t i = 0; i < read->note_count; i++) {
            bool dup = false;
            for (size_t k = 0; k < model->note_count; k++)
                dup = dup || strcmp(model->notes[k], read->notes[i]) == 0;
            if (!dup) {
                CLI_PUTS(out, indent, "* ", read->notes[i], "\n");
                shown++;
            }
        }
    if (shown == 0)
        CLI_PUTS(out, indent, "(nothing: the source recorded everything tocex asks for)\n");
}

static int32_t entry_lba(uint8_t m, uint8_t s, uint8_t f)
{
    tocex_msf msf = {m, s, f};
    return tocex_msf_to_lba(msf);
}

/* What a full-TOC or PMA descriptor says (cli_toc_entry_meaning), written in place: at most
 * about 100 bytes (the longest, B0's, with three-digit fields). */
static char *put_entry_meaning(char *p, const tocex_toc_entry *e, bool pma)
{
    unsigned adr = e->adr_control >> 4;
    if (pma) {
        switch (adr) {
        case 1:
            /* "track %u: start %s, stop %02u:%02u:%02u" */
            p = CLI_FMT_LITERAL(p, "track ");
            p = cli_fmt_u32(p, e->point);
            p = CLI_FMT_LITERAL(p, ": start ");
            p = put_msf3(p, e->pmin, e->psec, e->pframe);
            p = CLI_FMT_LITERAL(p, ", stop ");
            return put_msf3(p, e->min, e->sec, e->frame);
        case 2: return CLI_FMT_LITERAL(p, "disc identification");
        case 3: return CLI_FMT_LITERAL(p, "skip interval");
        case 4: return CLI_FMT_LITERAL(p, "unskip interval");
        case 5: return CLI_FMT_LITERAL(p, "skip track assignment");
        default: return cli_fmt_u32(CLI_FMT_LITERAL(p, "ADR "), adr);
        }
    }
    if (adr == 1) {
        if (e->point >= 1 && e->point <= 99) {
            /* "track %u starts at %s (LBA %ld)" */
            p = CLI_FMT_LITERAL(p, "track ");
            p = cli_fmt_u32(p, e->point);
            p = CLI_FMT_LITERAL(p, " starts at ");
            p = put_msf3(p, e->pmin, e->psec, e->pframe);
            p = CLI_FMT_LITERAL(p, " (LBA ");
            p = cli_fmt_long(p, (long)entry_lba(e->pmin, e->psec, e->pframe), 0);
            *p++ = ')';
            return p;
        }
        if (e->point == 0xA0) {
            /* "first track %u, disc type %02Xh (%s)" */
            p = CLI_FMT_LITERAL(p, "first track ");
            p = cli_fmt_u32(p, e->pmin);
            p = CLI_FMT_LITERAL(p, ", disc type ");
            p = cli_fmt_hex2(p, e->psec, 1);
            p = CLI_FMT_LITERAL(p, "h (");
            p = put_str(p, cli_disc_type_name(e->psec));
            *p++ = ')';
            return p;
        }
        if (e->point == 0xA1)
            return cli_fmt_u32(CLI_FMT_LITERAL(p, "last track "), e->pmin);
        if (e->point == 0xA2) {
            /* "lead-out at %s (LBA %ld)" */
            p = CLI_FMT_LITERAL(p, "lead-out at ");
            p = put_msf3(p, e->pmin, e->psec, e->pframe);
            p = CLI_FMT_LITERAL(p, " (LBA ");
            p = cli_fmt_long(p, (long)entry_lba(e->pmin, e->psec, e->pframe), 0);
            *p++ = ')';
            return p;
        }
        p = cli_fmt_hex2(CLI_FMT_LITERAL(p, "POINT "), e->point, 1);
        *p++ = 'h';
        return p;
    }
    if (adr == 5) {
        if (e->point == 0xB0) {
            /* "next program area %s, %u mode-5 pointer(s), outermost lead-out by %s" */
            p = CLI_FMT_LITERAL(p, "next program area ");
            if (e->min == 0xFF && e->sec == 0xFF && e->frame == 0xFF)
                p = CLI_FMT_LITERAL(p, "none (closed)");
            else
                p = put_msf3(p, e->min, e->sec, e->frame);
            p = CLI_FMT_LITERAL(p, ", ");
            p = cli_fmt_u32(p, e->zero);
            p = CLI_FMT_LITERAL(p, " mode-5 pointer(s), outermost lead-out by ");
            return put_msf3(p, e->pmin, e->psec, e->pframe);
        }
        if (e->point == 0xC0) {
            /* "ATIP bytes %02x %02x %02x, first lead-in at %s" */
            p = CLI_FMT_LITERAL(p, "ATIP bytes ");
            p = cli_fmt_hex2(p, e->min, 0);
            *p++ = ' ';
            p = cli_fmt_hex2(p, e->sec, 0);
            *p++ = ' ';
            p = cli_fmt_hex2(p, e->frame, 0);
            p = CLI_FMT_LITERAL(p, ", first lead-in at ");
            return put_msf3(p, e->pmin, e->psec, e->pframe);
        }
        if (e->point == 0xC1)
            return CLI_FMT_LITERAL(p, "copy of additional ATIP information");
        if (e->point >= 1 && e->point <= 0x40)
            return CLI_FMT_LITERAL(p, "skip interval pointer");
        p = cli_fmt_hex2(CLI_FMT_LITERAL(p, "mode-5 POINT "), e->point, 1);
        *p++ = 'h';
        return p;
    }
    if (adr == 2)
        return CLI_FMT_LITERAL(p, "media catalog number");
    if (adr == 3)
        return CLI_FMT_LITERAL(p, "ISRC");
    return cli_fmt_u32(CLI_FMT_LITERAL(p, "ADR "), adr);
}

const char *cli_toc_entry_meaning(const tocex_toc_entry *e, bool pma, char *buf, size_t size)
{
    char text[160];
    size_t n = (size_t)(put_entry_meaning(text, e, pma) - text);
    if (size > 0) {
        if (n >= size)
            n = size - 1;
        memcpy(buf, text, n);
        buf[n] = '\0';
    }
    return buf;
}

void cli_text_toc_entries(cli_out *out, const tocex_toc_entry *entries, size_t count, bool pma)
{
    cli_printf(out, "  %-4s %3s %4s %3s %5s  %-8s  %4s  %-8s  %s\n", pma ? "rsvd" : "sess", "adr", "ctrl", "tno",
               "point", "min:s:f", "zero", "pmsf", "meaning");
    for (size_t i = 0; i < count; i++) {
        const tocex_toc_entry *e = &entries[i];
        /* "  %4u %3u %4u %3u   %02X   %02u:%02u:%02u  %4u  %02u:%02u:%02u  %s\n" of session (or
         * reserved byte), ADR, CONTROL, TNO, POINT, MIN:SEC:FRAME, ZERO, PMIN:PSEC:PFRAME and
         * the meaning: at most about 80 + 100 bytes */
        char *p = cli_out_reserve(out, 256);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_u32_right(p, e->session, 4);
        *p++ = ' ';
        p = cli_fmt_u32_right(p, (unsigned)e->adr_control >> 4, 3);
        *p++ = ' ';
        p = cli_fmt_u32_right(p, (unsigned)e->adr_control & 0xF, 4);
        *p++ = ' ';
        p = cli_fmt_u32_right(p, e->tno, 3);
        p = CLI_FMT_LITERAL(p, "   ");
        p = cli_fmt_hex2(p, e->point, 1);
        p = CLI_FMT_LITERAL(p, "   ");
        p = put_msf3(p, e->min, e->sec, e->frame);
        p = CLI_FMT_LITERAL(p, "  ");
        p = cli_fmt_u32_right(p, e->zero, 4);
        p = CLI_FMT_LITERAL(p, "  ");
        p = put_msf3(p, e->pmin, e->psec, e->pframe);
        p = CLI_FMT_LITERAL(p, "  ");
        p = put_entry_meaning(p, e, pma);
        *p++ = '\n';
        cli_out_commit(out, p);
    }
}

/* The mode cdrecord -toc prints for a track: -1 for audio, 1 for mode 1, 2 for mode 2 (XA,
 * CD-i), 0 when unknown. */
static int cdrecord_mode(const tocex_disc *disc, uint8_t number, uint8_t control)
{
    int i;
    if ((control & TOCEX_CONTROL_DATA) == 0)
        return -1; /* cdrecord -toc prints mode -1 for audio */
    i = tocex_disc_track_index(disc, number);
    switch (i >= 0 ? disc->tracks[i].mode : TOCEX_MODE_UNKNOWN) {
    case TOCEX_MODE_MODE1: return 1;
    case TOCEX_MODE_MODE2:
    case TOCEX_MODE_MODE2_FORM1:
    case TOCEX_MODE_MODE2_FORM2:
    case TOCEX_MODE_MODE2_MIXED:
    case TOCEX_MODE_CDI: return 2;
    default: return 0;
    }
}

void cli_text_toc(cli_out *out, const tocex_toc_view *view, const tocex_disc *disc)
{
    char *p = cli_out_reserve(out, 64);
    /* "first: %u last: %u\n" */
    p = CLI_FMT_LITERAL(p, "first: ");
    p = cli_fmt_u32(p, view->first_track);
    p = CLI_FMT_LITERAL(p, " last: ");
    p = cli_fmt_u32(p, view->last_track);
    *p++ = '\n';
    cli_out_commit(out, p);
    for (size_t i = 0; i < view->count; i++) {
        const tocex_toc_descriptor *d = &view->entries[i];
        int mode;
        /* "track:%4u lba: %9ld (%9ld) %s adr: %u control: %u mode: %d\n" of the track ("lout"
         * for the lead-out), the LBA, 4 times it, its MSF, ADR, CONTROL and cdrecord's mode:
         * at most about 110 bytes */
        p = cli_out_reserve(out, 160);
        p = CLI_FMT_LITERAL(p, "track:");
        if (d->track == TOCEX_TRACK_LEADOUT) {
            p = CLI_FMT_LITERAL(p, "lout");
            mode = -1;
        } else {
            p = cli_fmt_u32_right(p, d->track, 4);
            mode = cdrecord_mode(disc, d->track, d->control);
        }
        p = CLI_FMT_LITERAL(p, " lba: ");
        p = cli_fmt_long(p, (long)d->lba, 9);
        p = CLI_FMT_LITERAL(p, " (");
        p = cli_fmt_long(p, (long)d->lba * 4, 9);
        p = CLI_FMT_LITERAL(p, ") ");
        p = cli_fmt_lba_msf(p, d->lba);
        p = CLI_FMT_LITERAL(p, " adr: ");
        p = cli_fmt_u32(p, d->adr);
        p = CLI_FMT_LITERAL(p, " control: ");
        p = cli_fmt_u32(p, d->control);
        p = CLI_FMT_LITERAL(p, " mode: ");
        if (mode < 0) {
            *p++ = '-';
            mode = -mode;
        }
        p = cli_fmt_u32(p, (uint32_t)mode);
        *p++ = '\n';
        cli_out_commit(out, p);
    }
}
