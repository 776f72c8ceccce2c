/* CloneCD .ccd reader.
 *
 * An INI-like text file (CloneCD; key set as written by DiscImageCreator output.cpp and read by
 * libmirage image-ccd/parser.c and Aaru CloneCD/Constants.cs). The [Entry N] sections are a text
 * dump of the READ TOC format-2 descriptors, so they are kept as the disc's recorded full TOC
 * exactly as written (MSF bytes are the truth; ALBA/PLBA are derived values and only checked),
 * and the tracks, sessions, lead-outs, disc types and B0/C0 values are rebuilt from them.
 * [TRACK N] adds the mode, INDEX 0 (pre-gap) and ISRC; [CDText] holds the CD-TEXT packs
 * without their CRCs.
 * Section and key names are compared case-insensitively (files in the wild differ in case),
 * keys may contain blanks ("INDEX 1", "Entry 0"), and lines may end in CRLF. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image/raw_fulltoc.h"
#include "tocex/addr.h"
#include "tocex/cdtext.h"
#include "tocex/image.h"
#include "util/file.h"
#include "util/text.h"

#define CCD_MAX_FILE (8u * 1024 * 1024)
#define CCD_MAX_LINE 4096
/* One READ TOC answer holds at most (65535 - 2) / 11 descriptors. */
#define CCD_MAX_ENTRIES ((0xFFFF - 2) / 11)

enum ccd_field {
    F_SESSION,
    F_POINT,
    F_ADR,
    F_CONTROL,
    F_TRACKNO,
    F_AMIN,
    F_ASEC,
    F_AFRAME,
    F_ALBA,
    F_ZERO,
    F_PMIN,
    F_PSEC,
    F_PFRAME,
    F_PLBA,
    F_COUNT
};

static const char *const field_names[F_COUNT] = {
    "Session", "Point", "ADR", "Control", "TrackNo", "AMin", "ASec", "AFrame", "ALBA", "Zero", "PMin", "PSec",
    "PFrame", "PLBA",
};

typedef struct ccd_entry {
    long values[F_COUNT];
    unsigned present; /* bit per field */
    long line;        /* of the [Entry N] header */
} ccd_entry;

typedef struct ccd_track {
    bool seen;
    long line;
    int mode; /* -1: not given */
    long index[100];
    bool has_index[100];
    char isrc[13];
} ccd_track;

typedef enum ccd_section { S_NONE, S_CLONECD, S_DISC, S_SESSION, S_ENTRY, S_TRACK, S_CDTEXT, S_OTHER } ccd_section;

typedef struct ccd_parser {
    const char *name;
    tocex_error *err;
    tocex_disc *disc;
    bool have_version;
    long toc_entries; /* -1: not given */
    long sessions;
    long cdtext_length;
    char mcn[14];
    ccd_entry *entries;
    size_t entry_cap;
    ccd_track tracks[100];
    uint8_t *packs; /* 18 bytes each, CRC appended */
    long pack_entries; /* [CDText] Entries, -1 if absent */
    size_t pack_cap;
    bool *pack_seen;
    ccd_section section;
    long section_index;
} ccd_parser;

static char *trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

/* Decimal (optionally negative) or 0x-prefixed hexadecimal; the whole string must be a number. */
static bool parse_long(const char *s, long *out)
{
    bool neg = false, hex = false;
    unsigned long v = 0;
    size_t digits = 0;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        hex = true;
        s += 2;
    }
    for (; *s != '\0'; s++, digits++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (hex && *s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else if (hex && *s >= 'A' && *s <= 'F')
            d = (unsigned)(*s - 'A' + 10);
        else
            return false;
        v = v * (hex ? 16u : 10u) + d;
        if (v > 0x7FFFFFFFul)
            return false;
    }
    if (digits == 0)
        return false;
    *out = neg ? -(long)v : (long)v;
    return true;
}

static tocex_status bad_number(ccd_parser *p, long line, const char *key, const char *value)
{
    return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "%s=%s: not a number (or out of range)", key,
                               value);
}

static tocex_status get_number(ccd_parser *p, long line, const char *key, const char *value, long lo, long hi,
                               long *out)
{
    if (!parse_long(value, out))
        return bad_number(p, line, key, value);
    if (*out < lo || *out > hi)
        return tocex_error_at_line(p->err, (*out > hi && hi >= 0xFFFF) ? TOCEX_E_LIMIT : TOCEX_E_PARSE, p->name, line,
                                   "%s=%s is outside %ld..%ld", key, value, lo, hi);
    return TOCEX_OK;
}

static tocex_status grow_entries(ccd_parser *p, size_t need)
{
    size_t cap = p->entry_cap == 0 ? 16 : p->entry_cap;
    ccd_entry *n;
    if (need <= p->entry_cap)
        return TOCEX_OK;
    while (cap < need)
        cap *= 2;
    n = realloc(p->entries, cap * sizeof *n);
    if (n == NULL)
        return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
    memset(n + p->entry_cap, 0, (cap - p->entry_cap) * sizeof *n);
    p->entries = n;
    p->entry_cap = cap;
    return TOCEX_OK;
}

static tocex_status grow_packs(ccd_parser *p, size_t need)
{
    size_t cap = p->pack_cap == 0 ? 64 : p->pack_cap;
    uint8_t *n;
    bool *s;
    if (need <= p->pack_cap)
        return TOCEX_OK;
    while (cap < need)
        cap *= 2;
    n = realloc(p->packs, cap * TOCEX_CDTEXT_PACK_SIZE);
    if (n == NULL)
        return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
    p->packs = n;
    s = realloc(p->pack_seen, cap * sizeof *s);
    if (s == NULL)
        return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
    memset(s + p->pack_cap, 0, (cap - p->pack_cap) * sizeof *s);
    p->pack_seen = s;
    p->pack_cap = cap;
    return TOCEX_OK;
}

static tocex_status section_header(ccd_parser *p, long line, char *s)
{
    char *end = strchr(s, ']');
    char *name;
    long n;
    if (end == NULL || trim(end + 1)[0] != '\0')
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "malformed section header %s", s);
    *end = '\0';
    name = trim(s + 1);
    p->section_index = -1;
    if (strcasecmp(name, "CloneCD") == 0) {
        p->section = S_CLONECD;
    } else if (strcasecmp(name, "Disc") == 0) {
        p->section = S_DISC;
    } else if (strcasecmp(name, "CDText") == 0) {
        p->section = S_CDTEXT;
    } else if (strncasecmp(name, "Session", 7) == 0 && (name[7] == ' ' || name[7] == '\t')) {
        if (!parse_long(trim(name + 7), &n) || n < 1 || n > 99)
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "[%s]: session number 1..99 expected", name);
        p->section = S_SESSION;
        p->section_index = n;
    } else if (strncasecmp(name, "Entry", 5) == 0 && (name[5] == ' ' || name[5] == '\t')) {
        tocex_status st;
        if (!parse_long(trim(name + 5), &n) || n < 0)
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "[%s]: entry number expected", name);
        if (n >= CCD_MAX_ENTRIES || (p->toc_entries >= 0 && n >= p->toc_entries))
            return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, line, "[%s]: beyond TocEntries=%ld", name,
                                       p->toc_entries >= 0 ? p->toc_entries : (long)CCD_MAX_ENTRIES);
        if ((st = grow_entries(p, (size_t)n + 1)) != TOCEX_OK)
            return st;
        if (p->entries[n].line != 0)
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "[Entry %ld] appears twice (first on line %ld)",
                                       n, p->entries[n].line);
        p->entries[n].line = line;
        p->section = S_ENTRY;
        p->section_index = n;
    } else if (strncasecmp(name, "TRACK", 5) == 0 && (name[5] == ' ' || name[5] == '\t')) {
        if (!parse_long(trim(name + 5), &n) || n < 1 || n > 99)
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "[%s]: track number 1..99 expected", name);
        p->section = S_TRACK;
        p->section_index = n;
        if (p->tracks[n].seen)
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "[TRACK %ld] appears twice", n);
        p->tracks[n].seen = true;
        p->tracks[n].line = line;
        p->tracks[n].mode = -1;
    } else {
        p->section = S_OTHER; /* unknown sections are skipped, as CloneCD readers do */
    }
    return TOCEX_OK;
}

static tocex_status key_value(ccd_parser *p, long line, char *key, char *value)
{
    tocex_status st;
    long v;
    switch (p->section) {
    case S_NONE:
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "%s= before the first [section]", key);
    case S_CLONECD:
        if (strcasecmp(key, "Version") == 0) {
            if ((st = get_number(p, line, key, value, 1, 1000, &v)) != TOCEX_OK)
                return st;
            p->have_version = true;
        }
        return TOCEX_OK;
    case S_DISC:
        if (strcasecmp(key, "TocEntries") == 0) {
            if (!parse_long(value, &v)) {
                /* 4000000000 and friends: a number, just far too large */
                if (strspn(value, "0123456789") == strlen(value) && value[0] != '\0')
                    return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, line,
                                               "TocEntries=%s: at most %d entries fit one READ TOC answer", value,
                                               CCD_MAX_ENTRIES);
                return bad_number(p, line, key, value);
            }
            if (v < 0)
                return bad_number(p, line, key, value);
            if (v > CCD_MAX_ENTRIES)
                return tocex_error_at_line(p->err, TOCEX_E_LIMIT, p->name, line,
                                           "TocEntries=%s: at most %d entries fit one READ TOC answer", value,
                                           CCD_MAX_ENTRIES);
            for (size_t i = (size_t)v; i < p->entry_cap; i++)
                if (p->entries[i].line != 0)
                    return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                               "TocEntries=%ld but [Entry %zu] exists", v, i);
            p->toc_entries = v;
        } else if (strcasecmp(key, "Sessions") == 0) {
            return get_number(p, line, key, value, 1, 99, &p->sessions);
        } else if (strcasecmp(key, "DataTracksScrambled") == 0) {
            if ((st = get_number(p, line, key, value, 0, 1, &v)) != TOCEX_OK)
                return st;
            if (v == 1)
                tocex_disc_note(p->disc, "DataTracksScrambled=1: data sectors in the .img are scrambled");
        } else if (strcasecmp(key, "CDTextLength") == 0) {
            return get_number(p, line, key, value, 0, TOCEX_MAX_CDTEXT_PACKS * TOCEX_CDTEXT_PACK_SIZE,
                              &p->cdtext_length);
        } else if (strcasecmp(key, "CATALOG") == 0) {
            if (strlen(value) != 13 || strspn(value, "0123456789") != 13)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "CATALOG=%s is not 13 digits", value);
            memcpy(p->mcn, value, 14);
        }
        return TOCEX_OK;
    case S_SESSION:
        /* PreGapMode / PreGapSubC: meaning undocumented (community guesses); not part of the TOC */
        if (strcasecmp(key, "PreGapMode") == 0 || strcasecmp(key, "PreGapSubC") == 0)
            return get_number(p, line, key, value, 0, 255, &v);
        return TOCEX_OK;
    case S_ENTRY: {
        ccd_entry *e = &p->entries[p->section_index];
        for (int f = 0; f < F_COUNT; f++) {
            if (strcasecmp(key, field_names[f]) != 0)
                continue;
            if (f == F_ALBA || f == F_PLBA)
                st = get_number(p, line, key, value, -500000, 500000, &v);
            else if (f == F_ADR || f == F_CONTROL)
                st = get_number(p, line, key, value, 0, 15, &v);
            else
                st = get_number(p, line, key, value, 0, 255, &v);
            if (st != TOCEX_OK)
                return st;
            if (e->present & (1u << f))
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "%s given twice in [Entry %ld]", key,
                                           p->section_index);
            e->values[f] = v;
            e->present |= 1u << f;
            return TOCEX_OK;
        }
        return TOCEX_OK;
    }
    case S_TRACK: {
        ccd_track *t = &p->tracks[p->section_index];
        if (strcasecmp(key, "MODE") == 0) {
            if ((st = get_number(p, line, key, value, 0, 2, &v)) != TOCEX_OK)
                return st;
            t->mode = (int)v;
        } else if (strncasecmp(key, "INDEX", 5) == 0 && (key[5] == ' ' || key[5] == '\t')) {
            long idx;
            if (!parse_long(trim(key + 5), &idx) || idx < 0 || idx > 99)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "%s: index number 0..99 expected", key);
            if ((st = get_number(p, line, key, value, -45150, 500000, &v)) != TOCEX_OK)
                return st;
            t->index[idx] = v;
            t->has_index[idx] = true;
        } else if (strcasecmp(key, "ISRC") == 0) {
            if (strlen(value) != 12)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "ISRC=%s is not 12 characters", value);
            for (size_t i = 0; i < 12; i++)
                if (!isalnum((unsigned char)value[i]))
                    return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "ISRC=%s: character %zu", value,
                                               i + 1);
            memcpy(t->isrc, value, 13);
        }
        /* FLAGS repeats the CONTROL nibble of the TOC entry, which is what the TOC uses */
        return TOCEX_OK;
    }
    case S_CDTEXT:
        if (strcasecmp(key, "Entries") == 0) {
            if ((st = get_number(p, line, key, value, 0, TOCEX_MAX_CDTEXT_PACKS, &p->pack_entries)) != TOCEX_OK)
                return st;
        } else if (strncasecmp(key, "Entry", 5) == 0 && (key[5] == ' ' || key[5] == '\t')) {
            long k;
            uint8_t *pack;
            size_t n = 0;
            const char *s = value;
            if (!parse_long(trim(key + 5), &k) || k < 0 || k >= TOCEX_MAX_CDTEXT_PACKS ||
                (p->pack_entries >= 0 && k >= p->pack_entries))
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "%s: pack number outside Entries", key);
            if ((st = grow_packs(p, (size_t)k + 1)) != TOCEX_OK)
                return st;
            if (p->pack_seen[k])
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line, "CD-TEXT %s given twice", key);
            pack = p->packs + (size_t)k * TOCEX_CDTEXT_PACK_SIZE;
            /* 16 hex bytes, blank-separated: one pack without its CRC */
            while (*s != '\0') {
                unsigned hi, lo;
                while (*s == ' ' || *s == '\t')
                    s++;
                if (*s == '\0')
                    break;
                if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]) ||
                    (s[2] != '\0' && s[2] != ' ' && s[2] != '\t') || n >= 16)
                    return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                               "%s: 16 two-digit hex bytes expected", key);
                hi = (unsigned)(isdigit((unsigned char)s[0]) ? s[0] - '0' : (tolower((unsigned char)s[0]) - 'a' + 10));
                lo = (unsigned)(isdigit((unsigned char)s[1]) ? s[1] - '0' : (tolower((unsigned char)s[1]) - 'a' + 10));
                pack[n++] = (uint8_t)(hi << 4 | lo);
                s += 2;
            }
            if (n != 16)
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, line,
                                           "%s: 16 hex bytes expected, %zu found", key, n);
            {
                uint16_t crc = tocex_cdtext_crc(pack);
                pack[16] = (uint8_t)(crc >> 8);
                pack[17] = (uint8_t)crc;
            }
            p->pack_seen[k] = true;
        }
        return TOCEX_OK;
    case S_OTHER:
        return TOCEX_OK;
    }
    return TOCEX_OK;
}

static int32_t msf_lba(long m, long s, long f)
{
    tocex_msf msf = {(uint8_t)m, (uint8_t)s, (uint8_t)f};
    return tocex_msf_to_lba(msf);
}

static tocex_status build_from_entries(ccd_parser *p, tocex_toc_entry *raw, size_t count, long last_line)
{
    tocex_disc *d = p->disc;
    tocex_status st;
    bool have_track[100] = {false};
    bool all_modes = true;
    unsigned max_session = 0;
    int mismatches = 0;

    for (size_t i = 0; i < count; i++) {
        const ccd_entry *e = i < p->entry_cap ? &p->entries[i] : NULL;
        static const int required[] = {F_SESSION, F_POINT, F_ADR, F_CONTROL, F_PMIN, F_PSEC, F_PFRAME};
        if (e == NULL || e->line == 0) {
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, last_line,
                                       "TocEntries=%zu but [Entry %zu] is missing", count, i);
        }
        for (size_t r = 0; r < sizeof required / sizeof required[0]; r++) {
            if (!(e->present & (1u << required[r]))) {
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, e->line, "[Entry %zu] has no %s", i,
                                           field_names[required[r]]);
            }
        }
        if (e->values[F_SESSION] < 1 || e->values[F_SESSION] > 99) {
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, e->line, "[Entry %zu]: Session=%ld is outside 1..99",
                                       i, e->values[F_SESSION]);
        }
        raw[i].session = (uint8_t)e->values[F_SESSION];
        raw[i].adr_control = (uint8_t)(e->values[F_ADR] << 4 | e->values[F_CONTROL]);
        raw[i].tno = (uint8_t)e->values[F_TRACKNO];
        raw[i].point = (uint8_t)e->values[F_POINT];
        raw[i].min = (uint8_t)e->values[F_AMIN];
        raw[i].sec = (uint8_t)e->values[F_ASEC];
        raw[i].frame = (uint8_t)e->values[F_AFRAME];
        raw[i].zero = (uint8_t)e->values[F_ZERO];
        raw[i].pmin = (uint8_t)e->values[F_PMIN];
        raw[i].psec = (uint8_t)e->values[F_PSEC];
        raw[i].pframe = (uint8_t)e->values[F_PFRAME];
        if (raw[i].session > max_session)
            max_session = raw[i].session;
        /* PLBA is PMSF - 150 (lead-in rule at 90 minutes); for A0/A1 PMSF is not an address */
        if ((e->present & (1u << F_PLBA)) && raw[i].point != 0xA0 && raw[i].point != 0xA1 &&
            raw[i].psec < 60 && raw[i].pframe < 75 &&
            e->values[F_PLBA] != msf_lba(raw[i].pmin, raw[i].psec, raw[i].pframe))
            mismatches++;
    }
    if (mismatches > 0)
        tocex_disc_note(d, "%d [Entry] PLBA value(s) disagree with PMin/PSec/PFrame; the MSF bytes were used",
                        mismatches);
    if (p->sessions > 0 && (unsigned)p->sessions != max_session)
        tocex_disc_note(d, "[Disc] Sessions=%ld but the entries name %u session(s)", p->sessions, max_session);

    /* Tracks in number order (the entries are per session, tracks ascending within it). */
    for (unsigned n = 1; n <= 99; n++) {
        for (size_t i = 0; i < count; i++) {
            const tocex_toc_entry *e = &raw[i];
            int32_t start;
            tocex_track_mode mode;
            ccd_track *t = &p->tracks[n];
            if (e->point != n || (e->adr_control >> 4) != 1)
                continue;
            if (have_track[n]) {
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->entries[i].line,
                                           "[Entry %zu]: track %u appears twice in the TOC", i, n);
            }
            if (e->psec >= 60 || e->pframe >= 75) {
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->entries[i].line,
                                           "[Entry %zu]: %02u:%02u:%02u is not a valid time", i, e->pmin, e->psec,
                                           e->pframe);
            }
            have_track[n] = true;
            start = msf_lba(e->pmin, e->psec, e->pframe);
            if (t->seen && t->mode >= 0) {
                mode = t->mode == 0 ? TOCEX_MODE_AUDIO : t->mode == 1 ? TOCEX_MODE_MODE1 : TOCEX_MODE_MODE2;
            } else {
                mode = (e->adr_control & TOCEX_CONTROL_DATA) ? TOCEX_MODE_UNKNOWN : TOCEX_MODE_AUDIO;
                all_modes = false;
            }
            st = tocex_disc_add_track(d, e->session, (uint8_t)n, 1, (uint8_t)(e->adr_control & 0x0F), mode, start,
                                      p->err);
            if (st != TOCEX_OK) {
                char msg[sizeof p->err->message];
                snprintf(msg, sizeof msg, "%s", p->err->message);
                return tocex_error_at_line(p->err, st, p->name, p->entries[i].line, "%s", msg);
            }
            if (t->seen) {
                tocex_track *dt = &d->tracks[d->track_count - 1];
                memcpy(dt->isrc, t->isrc, sizeof dt->isrc);
                dt->sector_size = 2352;
                if (t->has_index[1] && t->index[1] != start)
                    tocex_disc_note(d, "[TRACK %u] INDEX 1=%ld differs from the TOC's %ld; the TOC was used", n,
                                    t->index[1], (long)start);
                if (t->has_index[0] && t->has_index[1] && t->index[0] < t->index[1])
                    dt->pregap = (int32_t)(t->index[1] - t->index[0]);
            }
        }
    }
    for (unsigned n = 1; n <= 99; n++)
        if (p->tracks[n].seen && !have_track[n])
            tocex_disc_note(d, "[TRACK %u] has no TOC entry; ignored", n);

    /* Per-session pointers: A0 disc type, A2 lead-out, Mode-5 B0/C0 as recorded. */
    for (size_t i = 0; i < count; i++) {
        const tocex_toc_entry *e = &raw[i];
        unsigned adr = e->adr_control >> 4;
        tocex_session *s;
        if (e->session > d->session_count)
            continue; /* a session without tracks: finish() refuses the disc below if it matters */
        s = &d->sessions[e->session - 1];
        if (adr == 1 && e->point == 0xA0) {
            s->disc_type = e->psec;
        } else if (adr == 1 && e->point == 0xA2) {
            s->leadout = msf_lba(e->pmin, e->psec, e->pframe);
        } else if (adr == 5 && e->point == 0xB0) {
            s->has_b0 = s->b0_given = true;
            s->b0_next_program = (e->min == 0xFF && e->sec == 0xFF && e->frame == 0xFF)
                                     ? TOCEX_LBA_NONE
                                     : msf_lba(e->min, e->sec, e->frame);
            s->b0_pointers = e->zero;
            s->b0_max_leadout = msf_lba(e->pmin, e->psec, e->pframe);
        } else if (adr == 5 && e->point == 0xC0) {
            s->has_c0 = s->c0_given = true;
            s->c0_atip[0] = e->min;
            s->c0_atip[1] = e->sec;
            s->c0_atip[2] = e->frame;
            s->c0_first_leadin = msf_lba(e->pmin, e->psec, e->pframe);
        }
    }
    if (max_session > d->session_count) {
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, last_line, "session %u has no track entries",
                                   max_session);
    }
    for (size_t k = 0; k < d->session_count; k++) {
        tocex_session *s = &d->sessions[k];
        if (s->leadout == TOCEX_LBA_NONE) {
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, last_line,
                                       "session %u has no A2 (lead-out) entry", s->number);
        }
        if (!s->b0_given) /* recorded TOC without B0: none on the disc */
            s->b0_given = true;
        if (!s->c0_given)
            s->c0_given = true;
        /* CD-ROM XA sessions hold mode-2 tracks in XA form */
        for (size_t t = 0; t < d->track_count; t++)
            if (d->tracks[t].session == s->number && d->tracks[t].mode == TOCEX_MODE_MODE2 && s->disc_type == 0x20)
                d->tracks[t].mode = TOCEX_MODE_MODE2_MIXED;
    }
    if (d->session_count > 0) {
        const tocex_session *last = &d->sessions[d->session_count - 1];
        d->appendable = last->has_b0 && last->b0_next_program != TOCEX_LBA_NONE;
    }
    {
        tocex_error why;
        size_t bad;
        if (tocex_fulltoc_entries_check(raw, count, &bad, &why) != TOCEX_OK)
            return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, p->entries[bad].line, "[Entry %zu]: %s", bad,
                                       why.message);
    }
    st = tocex_disc_set_fulltoc(d, raw, count, p->err);
    if (st != TOCEX_OK)
        return st;
    memcpy(d->mcn, p->mcn, sizeof p->mcn);
    d->known |= TOCEX_KNOWN_FULLTOC | TOCEX_KNOWN_SESSIONS | TOCEX_KNOWN_LEADOUT | TOCEX_KNOWN_MCN | TOCEX_KNOWN_CDTEXT;
    if (all_modes)
        d->known |= TOCEX_KNOWN_MODES;
    for (unsigned n = 1; n <= 99; n++)
        if (p->tracks[n].seen) {
            d->known |= TOCEX_KNOWN_ISRC | TOCEX_KNOWN_GAPS;
            break;
        }

    if (p->pack_entries > 0 || p->pack_cap > 0) {
        size_t packs = p->pack_entries >= 0 ? (size_t)p->pack_entries : 0;
        for (size_t k = 0; k < packs; k++)
            if (k >= p->pack_cap || !p->pack_seen[k])
                return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, last_line,
                                           "[CDText] Entries=%zu but Entry %zu is missing", packs, k);
        if (p->cdtext_length > 0 && (size_t)p->cdtext_length != packs * TOCEX_CDTEXT_PACK_SIZE)
            tocex_disc_note(d, "[Disc] CDTextLength=%ld but [CDText] holds %zu packs", p->cdtext_length, packs);
        if ((st = tocex_disc_set_cdtext(d, p->packs, packs, p->err)) != TOCEX_OK)
            return st;
    } else if (p->cdtext_length > 0) {
        tocex_disc_note(d, "[Disc] CDTextLength=%ld but no [CDText] packs", p->cdtext_length);
    }
    st = tocex_disc_finish(d, p->err);
    if (st != TOCEX_OK) {
        char msg[sizeof p->err->message];
        snprintf(msg, sizeof msg, "%s", p->err->message);
        return tocex_error_set(p->err, st, "%s: %s", p->name, msg);
    }
    return TOCEX_OK;
}

static tocex_status build(ccd_parser *p, long last_line)
{
    tocex_toc_entry *raw;
    size_t count;
    tocex_status st;
    if (!p->have_version)
        tocex_disc_note(p->disc, "no [CloneCD] Version in the file");
    if (p->toc_entries < 0)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, last_line, "no [Disc] TocEntries");
    count = (size_t)p->toc_entries;
    if (count == 0)
        return tocex_error_at_line(p->err, TOCEX_E_PARSE, p->name, last_line, "TocEntries=0: no TOC");
    raw = calloc(count, sizeof *raw);
    if (raw == NULL)
        return tocex_error_set(p->err, TOCEX_E_NOMEM, "%s: out of memory", p->name);
    st = build_from_entries(p, raw, count, last_line);
    free(raw);
    return st;
}

tocex_status tocex_image_parse_ccd(const char *name, const uint8_t *data, size_t len, tocex_disc *out, tocex_error *err)
{
    ccd_parser *p;
    tocex_text text;
    tocex_lines lines;
    tocex_status st;
    tocex_error local;
    const char *line;
    size_t line_len;
    int r;
    if (err == NULL)
        err = &local;
    tocex_error_clear(err);
    if (out == NULL || (data == NULL && len > 0))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "ccd reader: no input or output");
    tocex_disc_init(out);
    if (name == NULL)
        name = "(input)";
    st = tocex_text_decode(name, data != NULL ? data : (const uint8_t *)"", len, &text, err);
    if (st != TOCEX_OK)
        return st;
    p = calloc(1, sizeof *p);
    if (p == NULL) {
        tocex_text_free(&text);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", name);
    }
    p->name = name;
    p->err = err;
    p->disc = out;
    p->toc_entries = -1;
    p->pack_entries = -1;
    tocex_lines_init(&lines, name, &text, CCD_MAX_LINE);
    while ((r = tocex_lines_next(&lines, &line, &line_len, err)) == 1) {
        char buf[CCD_MAX_LINE + 1];
        char *s, *eq;
        memcpy(buf, line, line_len);
        buf[line_len] = '\0';
        s = trim(buf);
        if (*s == '\0' || *s == ';')
            continue;
        if (*s == '[') {
            st = section_header(p, lines.line, s);
        } else if ((eq = strchr(s, '=')) != NULL) {
            *eq = '\0';
            st = key_value(p, lines.line, trim(s), trim(eq + 1));
        } else {
            st = tocex_error_at_line(err, TOCEX_E_PARSE, name, lines.line, "neither [section] nor key=value: %.60s", s);
        }
        if (st != TOCEX_OK)
            break;
    }
    if (r < 0)
        st = err->status;
    else if (st == TOCEX_OK)
        st = build(p, lines.line > 0 ? lines.line : 1);
    free(p->entries);
    free(p->packs);
    free(p->pack_seen);
    free(p);
    tocex_text_free(&text);
    if (st != TOCEX_OK)
        tocex_disc_free(out);
    return st;
}

tocex_status tocex_image_read_ccd(const char *path, tocex_disc *out, tocex_error *err)
{
    return tocex_file_parse(path, CCD_MAX_FILE, tocex_image_parse_ccd, out, err);
}
