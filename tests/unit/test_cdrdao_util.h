/* Shared by the cdrdao/ccd/sniff tests: CSV rows of the shared vectors, directory
 * listing, disc allocation. Static functions only (each test program includes it once). */
#ifndef TOCEX_TEST_CDRDAO_UTIL_H
#define TOCEX_TEST_CDRDAO_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tocex/disc.h"

#define TCU_MAX_FIELDS 16
#define TCU_FIELD_LEN 1024

typedef struct tcu_row {
    size_t count;
    char field[TCU_MAX_FIELDS][TCU_FIELD_LEN];
} tcu_row;

/* Parse one CSV record (RFC 4180 quoting) starting at *p; advances *p. False at the end. */
static inline bool tcu_csv_next(const char **p, tcu_row *row)
{
    const char *s = *p;
    size_t f = 0, k = 0;
    bool quoted = false;
    if (*s == '\0')
        return false;
    memset(row, 0, sizeof *row);
    for (;;) {
        char c = *s;
        if (quoted) {
            if (c == '\0') {
                break;
            } else if (c == '"' && s[1] == '"') {
                if (k + 1 < TCU_FIELD_LEN && f < TCU_MAX_FIELDS)
                    row->field[f][k++] = '"';
                s += 2;
                continue;
            } else if (c == '"') {
                quoted = false;
                s++;
                continue;
            }
        } else {
            if (c == '"') {
                quoted = true;
                s++;
                continue;
            }
            if (c == ',' || c == '\n' || c == '\r' || c == '\0') {
                if (f < TCU_MAX_FIELDS)
                    row->field[f][k] = '\0';
                f++;
                k = 0;
                if (c == ',') {
                    s++;
                    continue;
                }
                if (c == '\r')
                    s++;
                if (*s == '\n')
                    s++;
                break;
            }
        }
        if (k + 1 < TCU_FIELD_LEN && f < TCU_MAX_FIELDS)
            row->field[f][k++] = c;
        s++;
    }
    row->count = f < TCU_MAX_FIELDS ? f : TCU_MAX_FIELDS;
    *p = s;
    return true;
}

/* Sorted list of the regular files in `dir` whose names end in `suffix` ("" = all). */
static inline int tcu_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static inline size_t tcu_list(const char *dir, const char *suffix, char ***out)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0, cap = 0;
    char **names = NULL;
    *out = NULL;
    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name), sl = strlen(suffix);
        if (e->d_name[0] == '.' || len < sl || strcmp(e->d_name + len - sl, suffix) != 0)
            continue;
        if (n == cap) {
            char **nn;
            cap = cap ? cap * 2 : 32;
            nn = realloc(names, cap * sizeof *names);
            assert_non_null(nn);
            names = nn;
        }
        names[n] = malloc(strlen(dir) + len + 2);
        assert_non_null(names[n]);
        sprintf(names[n], "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, tcu_cmp);
    *out = names;
    return n;
}

static inline void tcu_list_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static inline tocex_disc *tcu_disc_new(void)
{
    tocex_disc *d = malloc(sizeof *d);
    assert_non_null(d);
    tocex_disc_init(d);
    return d;
}

static inline void tcu_disc_drop(tocex_disc *d)
{
    tocex_disc_free(d);
    free(d);
}

static inline const char *tcu_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s != NULL ? s + 1 : path;
}

/* Line `n` (1-based) of a text buffer into out. */
static inline bool tcu_line_of(const char *text, long n, char *out, size_t cap)
{
    const char *p = text;
    for (long i = 1; i < n; i++) {
        p = strchr(p, '\n');
        if (p == NULL)
            return false;
        p++;
    }
    {
        const char *e = strchr(p, '\n');
        size_t len = e != NULL ? (size_t)(e - p) : strlen(p);
        if (len >= cap)
            len = cap - 1;
        memcpy(out, p, len);
        out[len] = '\0';
    }
    return true;
}

#endif
