/* Companion files of a cue sheet: where they are and how much data they hold. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image/cue.h"
#include "tocex/bytes.h"
#include "util/file.h"

#define CD_AUDIO_FRAME_BYTES 2352 /* 588 stereo 16-bit samples at 44.1 kHz */

/* A regular file; *st gets what stat() says of it (its size spares the caller a second look). */
static bool is_regular(const char *path, struct stat *st)
{
    return stat(path, st) == 0 && S_ISREG(st->st_mode);
}

/* Sheets written on Windows name files case-insensitively ("CDDA.BIN" for cdda.bin, libcdio
 * test data) and with backslashes (EAC: "Album\01 - Track.wav"). Walk the relative path one
 * component at a time, taking an exact match, else a unique case-insensitive one. *st: the
 * found file's stat(). */
static char *find_companion(const char *cue_path, const char *name, struct stat *st)
{
    char *rel = strdup(name), *path, *comp, *save = NULL;
    bool regular;
    if (rel == NULL)
        return NULL;
    for (char *c = rel; *c != '\0'; c++)
        if (*c == '\\')
            *c = '/';
    path = tocex_path_sibling(cue_path, rel);
    /* only regular files: a FIFO or device named by a hostile sheet must not block a read */
    regular = path != NULL && is_regular(path, st);
    if (path == NULL || regular || rel[0] == '/') {
        if (path != NULL && !regular) {
            free(path); /* an absolute name that is no regular file */
            path = NULL;
        }
        free(rel);
        return path;
    }
    free(path);
    /* start from the sheet's directory */
    {
        const char *slash = strrchr(cue_path, '/');
        size_t n = slash != NULL ? (size_t)(slash - cue_path) : 1;
        path = malloc(n + 1);
        if (path == NULL) {
            free(rel);
            return NULL;
        }
        if (slash != NULL)
            memcpy(path, cue_path, n);
        else
            path[0] = '.';
        path[n] = '\0';
    }
    for (comp = strtok_r(rel, "/", &save); comp != NULL; comp = strtok_r(NULL, "/", &save)) {
        char *next = NULL, *match = NULL;
        DIR *d;
        struct dirent *e;
        size_t plen = strlen(path);
        next = malloc(plen + strlen(comp) + 2);
        if (next == NULL)
            break;
        snprintf(next, plen + strlen(comp) + 2, "%s/%s", path, comp);
        if (access(next, F_OK) != 0 && (d = opendir(path)) != NULL) {
            while ((e = readdir(d)) != NULL) {
                if (strcasecmp(e->d_name, comp) == 0) {
                    free(match);
                    match = strdup(e->d_name);
                    break;
                }
            }
            closedir(d);
            if (match != NULL) {
                free(next);
                next = malloc(plen + strlen(match) + 2);
                if (next != NULL)
                    snprintf(next, plen + strlen(match) + 2, "%s/%s", path, match);
                free(match);
                if (next == NULL)
                    break;
            }
        }
        free(path);
        path = next;
    }
    free(rel);
    if (path != NULL && !is_regular(path, st)) {
        free(path);
        return NULL;
    }
    return path;
}

char *tocex_cue_find_companion(const char *cue_path, const char *name)
{
    struct stat st;
    return find_companion(cue_path, name, &st);
}

/* RIFF WAVE: the "data" chunk's size is the audio byte count (RIFF spec, little-endian). */
static long long wave_data_bytes(FILE *f, char *why, size_t why_len)
{
    uint8_t hdr[12];
    tocex_span s;
    uint32_t riff_size;
    for (int guard = 0; guard < 1000; guard++) {
        uint8_t ch[8];
        uint32_t size;
        if (guard == 0) {
            if (fread(hdr, 1, 12, f) != 12)
                break;
            tocex_span_init(&s, hdr, 12);
            tocex_span_skip(&s, 4);
            tocex_span_get_u32le(&s, &riff_size);
            (void)riff_size;
            if (memcmp(hdr, "RIFF", 4) != 0 || memcmp(hdr + 8, "WAVE", 4) != 0) {
                snprintf(why, why_len, "not a RIFF WAVE file");
                return -1;
            }
        }
        if (fread(ch, 1, 8, f) != 8)
            break;
        tocex_span_init(&s, ch, 8);
        tocex_span_skip(&s, 4);
        tocex_span_get_u32le(&s, &size);
        if (memcmp(ch, "data", 4) == 0)
            return (long long)size;
        if (fseek(f, (long)size + (long)(size & 1u), SEEK_CUR) != 0)
            break;
    }
    snprintf(why, why_len, "RIFF WAVE file without a data chunk");
    return -1;
}

/* AIFF / AIFF-C: SSND chunk = offset(4) blocksize(4) + sound data (big-endian sizes). */
static long long aiff_data_bytes(FILE *f, char *why, size_t why_len)
{
    uint8_t hdr[12];
    if (fread(hdr, 1, 12, f) != 12 || memcmp(hdr, "FORM", 4) != 0 ||
        (memcmp(hdr + 8, "AIFF", 4) != 0 && memcmp(hdr + 8, "AIFC", 4) != 0)) {
        snprintf(why, why_len, "not an AIFF file");
        return -1;
    }
    for (int guard = 0; guard < 1000; guard++) {
        uint8_t ch[16];
        tocex_span s;
        uint32_t size, offset;
        if (fread(ch, 1, 8, f) != 8)
            break;
        tocex_span_init(&s, ch, 8);
        tocex_span_skip(&s, 4);
        tocex_span_get_u32be(&s, &size);
        if (memcmp(ch, "SSND", 4) == 0) {
            if (size < 8 || fread(ch + 8, 1, 8, f) != 8)
                break;
            tocex_span_init(&s, ch + 8, 8);
            tocex_span_get_u32be(&s, &offset);
            if (offset > size - 8)
                break;
            return (long long)size - 8 - offset;
        }
        if (fseek(f, (long)size + (long)(size & 1u), SEEK_CUR) != 0)
            break;
    }
    snprintf(why, why_len, "AIFF file without a usable SSND chunk");
    return -1;
}

/* FLAC (often written with type WAVE by EAC and whipper): STREAMINFO's total samples
 * (FLAC format spec: 20 bits rate, 3 channels-1, 5 bps-1, 36 bits total samples). */
static long long flac_data_bytes(FILE *f, char *why, size_t why_len)
{
    uint8_t b[42];
    tocex_span s;
    uint64_t v;
    uint8_t type;
    if (fread(b, 1, sizeof b, f) != sizeof b || memcmp(b, "fLaC", 4) != 0) {
        snprintf(why, why_len, "not a FLAC file");
        return -1;
    }
    tocex_span_init(&s, b + 4, sizeof b - 4);
    tocex_span_get_u8(&s, &type);
    if ((type & 0x7F) != 0) {
        snprintf(why, why_len, "FLAC file whose first block is not STREAMINFO");
        return -1;
    }
    tocex_span_skip(&s, 3 + 10);
    tocex_span_get_u64be(&s, &v);
    {
        unsigned rate = (unsigned)(v >> 44), channels = (unsigned)((v >> 41) & 7u) + 1,
                 bps = (unsigned)((v >> 36) & 31u) + 1;
        uint64_t samples = v & 0xFFFFFFFFFull;
        if (rate != 44100 || channels != 2 || bps != 16) {
            snprintf(why, why_len, "FLAC file is %u Hz, %u channels, %u bits, not CD audio", rate, channels, bps);
            return -1;
        }
        if (samples == 0) {
            snprintf(why, why_len, "FLAC file does not state its length");
            return -1;
        }
        return (long long)(samples * 4);
    }
}

/* `st`: the file's stat() from the lookup. */
static void measure_one(tocex_cue_file *cf, const char *path, const struct stat *st)
{
    FILE *f;
    uint8_t magic[4] = {0, 0, 0, 0};
    long long bytes = -1;
    if (cf->type == TOCEX_CUE_FILE_BINARY || cf->type == TOCEX_CUE_FILE_MOTOROLA) {
        cf->data_bytes = (long long)st->st_size;
        return;
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(cf->why, sizeof cf->why, "cannot open it: %s", strerror(errno));
        return;
    }
    if (fread(magic, 1, 4, f) != 4 || fseek(f, 0, SEEK_SET) != 0) {
        snprintf(cf->why, sizeof cf->why, "file is too short for an audio header");
        fclose(f);
        return;
    }
    /* go by content: the type word is often WAVE for FLAC/APE files */
    if (memcmp(magic, "RIFF", 4) == 0)
        bytes = wave_data_bytes(f, cf->why, sizeof cf->why);
    else if (memcmp(magic, "FORM", 4) == 0)
        bytes = aiff_data_bytes(f, cf->why, sizeof cf->why);
    else if (memcmp(magic, "fLaC", 4) == 0)
        bytes = flac_data_bytes(f, cf->why, sizeof cf->why);
    else
        snprintf(cf->why, sizeof cf->why, "a %s file whose length tocex does not read (only WAVE, AIFF and FLAC)",
                 cf->type_word);
    fclose(f);
    cf->data_bytes = bytes;
}

void tocex_cue_measure(tocex_cue_sheet *sheet, const char *cue_path)
{
    for (size_t i = 0; i < sheet->file_count; i++) {
        tocex_cue_file *cf = &sheet->files[i];
        struct stat st;
        char *path;
        cf->data_bytes = -1;
        if (cue_path == NULL) {
            snprintf(cf->why, sizeof cf->why, "in-memory sheet: companion files are not looked up");
            continue;
        }
        path = find_companion(cue_path, cf->name, &st);
        if (path == NULL && sheet->file_count == 1) {
            /* a lone image renamed along with its sheet: "p1.cue" naming "BOING.BIN" next to
             * p1.bin (libcdio test data). Same stem as the sheet, the FILE's extension. */
            const char *dot = strrchr(tocex_path_basename(cf->name), '.');
            char *alt = tocex_path_with_ext(cue_path, dot != NULL ? dot : ".bin");
            if (alt != NULL) {
                path = find_companion(cue_path, tocex_path_basename(alt), &st);
                free(alt);
            }
            if (path != NULL) {
                measure_one(cf, path, &st);
                if (cf->data_bytes >= 0)
                    snprintf(cf->why, sizeof cf->why, "\"%s\" does not exist; used \"%s\" (same name as the sheet)",
                             cf->name, tocex_path_basename(path));
                free(path);
                continue;
            }
        }
        if (path == NULL) {
            snprintf(cf->why, sizeof cf->why, "the file does not exist");
            continue;
        }
        measure_one(cf, path, &st);
        free(path);
    }
}
