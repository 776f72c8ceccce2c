/* tocex program: JSON views of the disc model and decoded answers (keys per docs/CLI.md; keys
 * are only ever added, never renamed). */
#include <ctype.h>
#include <string.h>

#include "cli.h"

static json_t *jint(long long v)
{
    return json_integer((json_int_t)v);
}

static json_t *jstr_or_null(const char *s)
{
    return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

json_t *cli_json_msf(int32_t lba)
{
    char buf[16];
    return json_string(tocex_lba_format_msf(lba, buf, sizeof buf));
}

const char *cli_track_type(const tocex_track *t)
{
    return ((t->control & TOCEX_CONTROL_DATA) != 0 || tocex_track_mode_is_data(t->mode)) ? "data" : "audio";
}

json_t *cli_json_tracks(const tocex_disc *disc)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < disc->track_count; i++) {
        const tocex_track *t = &disc->tracks[i];
        bool data = strcmp(cli_track_type(t), "data") == 0;
        json_array_append_new(
            arr, json_pack("{s:i, s:i, s:i, s:o, s:i, s:i, s:s, s:i, s:s, s:i, s:b, s:b, s:b, s:b, s:o}",
                           "number", (int)t->number, "session", (int)t->session, "start", (int)t->start, "msf",
                           cli_json_msf(t->start), "adr", (int)t->adr, "control", (int)t->control, "type",
                           cli_track_type(t), "length", (int)tocex_disc_track_length(disc, i), "mode",
                           tocex_track_mode_name(t->mode), "pregap", (int)t->pregap, "preemphasis",
                           !data && (t->control & TOCEX_CONTROL_PREEMPHASIS) != 0, "incremental",
                           data && (t->control & TOCEX_CONTROL_PREEMPHASIS) != 0, "copy_permitted",
                           (t->control & TOCEX_CONTROL_COPY) != 0, "four_channel",
                           !data && (t->control & TOCEX_CONTROL_4CH) != 0, "isrc", jstr_or_null(t->isrc)));
    }
    return arr;
}

json_t *cli_json_sessions(const tocex_disc *disc)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < disc->session_count; i++) {
        const tocex_session *s = &disc->sessions[i];
        json_t *o = json_pack("{s:i, s:i, s:i, s:i, s:o, s:i, s:s}", "number", (int)s->number, "first_track",
                              (int)s->first_track, "last_track", (int)s->last_track, "leadout", (int)s->leadout,
                              "leadout_msf", cli_json_msf(s->leadout), "disc_type", (int)s->disc_type,
                              "disc_type_name", cli_disc_type_name(s->disc_type));
        if (s->has_b0) {
            json_object_set_new(o, "next_program_area",
                                s->b0_next_program == TOCEX_LBA_NONE ? json_null() : jint(s->b0_next_program));
            json_object_set_new(o, "max_leadout", jint(s->b0_max_leadout));
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

json_t *cli_json_disc(const tocex_disc *disc)
{
    json_t *o = json_object();
    int32_t leadout = tocex_disc_leadout(disc);
    json_object_set_new(o, "media", json_string(tocex_media_name(disc->media)));
    json_object_set_new(o, "first_track", jint(tocex_disc_first_track(disc)));
    json_object_set_new(o, "last_track", jint(tocex_disc_last_track(disc)));
    json_object_set_new(o, "leadout", leadout == TOCEX_LBA_NONE ? json_null() : jint(leadout));
    json_object_set_new(o, "leadout_msf", leadout == TOCEX_LBA_NONE ? json_null() : cli_json_msf(leadout));
    json_object_set_new(o, "sessions", cli_json_sessions(disc));
    json_object_set_new(o, "tracks", cli_json_tracks(disc));
    json_object_set_new(o, "mcn", jstr_or_null(disc->mcn));
    json_object_set_new(o, "appendable", json_boolean(disc->appendable));
    if (disc->capacity > 0)
        json_object_set_new(o, "capacity", jint(disc->capacity));
    return o;
}

json_t *cli_json_discid(const tocex_discid *ids)
{
    json_t *o = json_object(), *rules = json_object();
    char url[2048];
    json_object_set_new(o, "musicbrainz", ids->has_musicbrainz ? json_string(ids->musicbrainz) : json_null());
    json_object_set_new(o, "freedb", ids->has_freedb ? json_string(ids->freedb) : json_null());
    if (ids->has_accuraterip) {
        json_t *ar = json_object();
        json_object_set_new(ar, "id1", json_string(ids->accuraterip_id1));
        json_object_set_new(ar, "id2", json_string(ids->accuraterip_id2));
        json_object_set_new(ar, "freedb", json_string(ids->accuraterip_freedb));
        json_object_set_new(ar, "tracks", jint(ids->accuraterip_tracks));
        json_object_set_new(ar, "path", json_string(ids->accuraterip_path));
        {
            char arurl[160];
            snprintf(arurl, sizeof arurl, "http://www.accuraterip.com/accuraterip/%s", ids->accuraterip_path);
            json_object_set_new(ar, "url", json_string(arurl));
        }
        json_object_set_new(o, "accuraterip", ar);
    } else
        json_object_set_new(o, "accuraterip", json_null());
    json_object_set_new(o, "ctdb", ids->has_ctdb ? json_string(ids->ctdb) : json_null());
    json_object_set_new(o, "toc", ids->has_musicbrainz ? json_string(ids->musicbrainz_toc_string) : json_null());
    json_object_set_new(o, "musicbrainz_url",
                        tocex_discid_musicbrainz_url(ids, url, sizeof url, NULL) == TOCEX_OK ? json_string(url)
                                                                                             : json_null());
    json_object_set_new(o, "freedb_libdiscid", jstr_or_null(ids->freedb_libdiscid));
    json_object_set_new(o, "freedb_query", ids->has_freedb ? json_string(ids->freedb_query) : json_null());
    json_object_set_new(rules, "musicbrainz", jstr_or_null(ids->musicbrainz_rule));
    json_object_set_new(rules, "freedb", jstr_or_null(ids->freedb_rule));
    json_object_set_new(rules, "accuraterip", jstr_or_null(ids->accuraterip_rule));
    json_object_set_new(rules, "ctdb", jstr_or_null(ids->ctdb_rule));
    json_object_set_new(o, "rules", rules);
    return o;
}

static void field_key(tocex_cdtext_field f, char *buf, size_t size)
{
    const char *name = tocex_cdtext_field_name(f);
    size_t i = 0;
    if (name == NULL)
        name = "field";
    for (; name[i] != '\0' && i + 1 < size; i++)
        buf[i] = isalnum((unsigned char)name[i]) ? (char)tolower((unsigned char)name[i]) : '_';
    buf[i] = '\0';
}

json_t *cli_json_cdtext(const tocex_cdtext *ct)
{
    json_t *o = json_object(), *blocks = json_array();
    for (size_t b = 0; b < ct->block_count; b++) {
        const tocex_cdtext_block *blk = &ct->blocks[b];
        json_t *jb = json_object(), *disc = json_object(), *tracks = json_array();
        const char *lang = tocex_cdtext_language_name(blk->language);
        json_object_set_new(jb, "block", jint(blk->number));
        json_object_set_new(jb, "language", jint(blk->language));
        json_object_set_new(jb, "language_name", jstr_or_null(lang));
        json_object_set_new(jb, "charset", jint(blk->charset));
        json_object_set_new(jb, "charset_name", jstr_or_null(tocex_cdtext_charset_name(blk->charset)));
        json_object_set_new(jb, "copyright", json_boolean(blk->copyright));
        json_object_set_new(jb, "first_track", jint(blk->first_track));
        json_object_set_new(jb, "last_track", jint(blk->last_track));
        for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
            char key[32];
            if (blk->text[f][0] == NULL)
                continue;
            field_key((tocex_cdtext_field)f, key, sizeof key);
            json_object_set_new(disc, key, json_string(blk->text[f][0]));
        }
        if (blk->genre != 0) {
            json_object_set_new(jb, "genre", jint(blk->genre));
            json_object_set_new(jb, "genre_name", jstr_or_null(tocex_cdtext_genre_name(blk->genre)));
            json_object_set_new(jb, "genre_text", jstr_or_null(blk->genre_text));
        }
        for (unsigned t = 1; t < 100; t++) {
            json_t *jt = NULL;
            for (unsigned f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
                char key[32];
                if (blk->text[f][t] == NULL)
                    continue;
                if (jt == NULL) {
                    jt = json_object();
                    json_object_set_new(jt, "number", jint(t));
                }
                field_key((tocex_cdtext_field)f, key, sizeof key);
                json_object_set_new(jt, key, json_string(blk->text[f][t]));
            }
            if (jt != NULL)
                json_array_append_new(tracks, jt);
        }
        json_object_set_new(jb, "disc", disc);
        json_object_set_new(jb, "tracks", tracks);
        json_array_append_new(blocks, jb);
    }
    json_object_set_new(o, "blocks", blocks);
    json_object_set_new(o, "crc_errors", jint((long long)ct->crc_errors));
    json_object_set_new(o, "zero_crc_packs", jint((long long)ct->zero_crc_packs));
    return o;
}

static json_t *msf_string(tocex_msf m)
{
    char buf[16];
    return json_string(tocex_msf_format(m, buf, sizeof buf));
}

json_t *cli_json_atip(const tocex_atip_info *info)
{
    json_t *o = json_object();
    json_object_set_new(o, "disc_type", json_string(tocex_atip_disc_type_name(info)));
    json_object_set_new(o, "sub_type", jint(info->sub_type));
    json_object_set_new(o, "sub_type_name", jstr_or_null(tocex_atip_sub_type_name(info)));
    json_object_set_new(o, "writing_power", jint(info->itwp));
    json_object_set_new(o, "reference_speed", jint(info->reference_speed));
    json_object_set_new(o, "reference_speed_name", jstr_or_null(tocex_atip_reference_speed_name(info)));
    json_object_set_new(o, "unrestricted_use", json_boolean(info->uru));
    json_object_set_new(o, "ddcd", json_boolean(info->ddcd));
    json_object_set_new(o, "leadin", jint(info->leadin_lba));
    json_object_set_new(o, "leadin_msf", msf_string(info->leadin));
    json_object_set_new(o, "last_leadout", jint(info->last_leadout_lba));
    json_object_set_new(o, "last_leadout_msf", msf_string(info->last_leadout));
    json_object_set_new(o, "capacity", jint(info->last_leadout_lba > 0 ? info->last_leadout_lba : 0));
    if (info->manufacturer_code_valid) {
        char code[16];
        snprintf(code, sizeof code, "97:%02u:%02u", info->manufacturer_second, info->manufacturer_frame);
        json_object_set_new(o, "manufacturer_code", json_string(code));
    } else
        json_object_set_new(o, "manufacturer_code", json_null());
    json_object_set_new(o, "manufacturer", jstr_or_null(info->manufacturer));
    json_object_set_new(o, "dye", jstr_or_null(info->dye));
    if (info->a1_valid) {
        json_t *a1 = json_object();
        json_object_set_new(a1, "lowest_clv", jint(info->a1_lowest_clv));
        json_object_set_new(a1, "highest_clv", jint(info->a1_highest_clv));
        json_object_set_new(a1, "power_multiplication", jint(info->a1_power_mult));
        json_object_set_new(a1, "target_gamma", jint(info->a1_target_gamma));
        json_object_set_new(a1, "erase_write_ratio", jint(info->a1_erase_write_ratio));
        json_object_set_new(o, "a1", a1);
    }
    return o;
}

json_t *cli_json_sense(tocex_sense sense)
{
    json_t *o = json_object();
    json_object_set_new(o, "key", jint(sense.key));
    json_object_set_new(o, "asc", jint(sense.asc));
    json_object_set_new(o, "ascq", jint(sense.ascq));
    return o;
}

json_t *cli_json_toc_entries(const tocex_toc_entry *entries, size_t count, bool pma)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < count; i++) {
        const tocex_toc_entry *e = &entries[i];
        char meaning[192];
        json_t *o = json_object();
        json_object_set_new(o, pma ? "reserved" : "session", jint(e->session));
        json_object_set_new(o, "adr", jint(e->adr_control >> 4));
        json_object_set_new(o, "control", jint(e->adr_control & 0xF));
        json_object_set_new(o, "tno", jint(e->tno));
        json_object_set_new(o, "point", jint(e->point));
        json_object_set_new(o, "min", jint(e->min));
        json_object_set_new(o, "sec", jint(e->sec));
        json_object_set_new(o, "frame", jint(e->frame));
        json_object_set_new(o, "zero", jint(e->zero));
        json_object_set_new(o, "pmin", jint(e->pmin));
        json_object_set_new(o, "psec", jint(e->psec));
        json_object_set_new(o, "pframe", jint(e->pframe));
        json_object_set_new(o, "meaning", json_string(cli_toc_entry_meaning(e, pma, meaning, sizeof meaning)));
        json_array_append_new(arr, o);
    }
    return arr;
}

json_t *cli_json_unknown(const tocex_disc *model, const tocex_disc *read)
{
    json_t *o = json_object(), *unknown = json_array(), *notes = json_array();
    const tocex_disc *d = model != NULL ? model : read;
    if (model != NULL)
        for (uint32_t bit = 1; bit <= TOCEX_KNOWN_FULLTOC; bit <<= 1)
            if ((model->known & bit) == 0 && cli_known_key(bit) != NULL)
                json_array_append_new(unknown, json_string(cli_known_key(bit)));
    for (size_t i = 0; d != NULL && i < d->note_count; i++)
        json_array_append_new(notes, json_string(d->notes[i]));
    if (model != NULL && read != NULL && read != model)
        for (size_t i = 0; i < read->note_count; i++) {
            bool dup = false;
            for (size_t k = 0; k < model->note_count; k++)
                dup = dup || strcmp(model->notes[k], read->notes[i]) == 0;
            if (!dup)
                json_array_append_new(notes, json_string(read->notes[i]));
        }
    json_object_set_new(o, "not_recorded", unknown);
    json_object_set_new(o, "notes", notes);
    return o;
}

const char *cli_disc_type_name(uint8_t type)
{
    switch (type) {
    case 0x00: return "CD-DA or CD-ROM";
    case 0x10: return "CD-I";
    case 0x20: return "CD-ROM XA";
    default: return "unknown";
    }
}
