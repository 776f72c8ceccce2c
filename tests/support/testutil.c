#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"

const char *tu_testdata(void)
{
    static char path[4096];
    struct stat st;
    const char *env = getenv("TOCEX_TESTDATA");
    if (env != NULL && *env != '\0')
        snprintf(path, sizeof path, "%s", env);
    else {
        const char *src = getenv("TOCEX_SOURCE_DIR");
        snprintf(path, sizeof path, "%s/../shared/testdata", src != NULL ? src : ".");
    }
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    return path;
}

static char *ring_slot(void)
{
    static char ring[8][4096];
    static unsigned next;
    return ring[next++ % 8];
}

const char *tu_data_path(const char *rel)
{
    const char *base = tu_testdata();
    char *slot;
    if (base == NULL)
        return NULL;
    slot = ring_slot();
    snprintf(slot, 4096, "%s/%s", base, rel);
    return slot;
}

const char *tu_src_path(const char *rel)
{
    const char *src = getenv("TOCEX_SOURCE_DIR");
    char *slot = ring_slot();
    snprintf(slot, 4096, "%s/%s", src != NULL ? src : ".", rel);
    return slot;
}

uint8_t *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long size;
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)size + 1);
        if (buf != NULL && fread(buf, 1, (size_t)size, f) == (size_t)size) {
            buf[size] = 0;
            *len = (size_t)size;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long tu_hex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (const char *p = hex; *p != '\0'; p++) {
        int v = hexval(*p);
        if (v < 0) {
            if (*p == ' ' || *p == '\n' || *p == '\t' || *p == ':' || *p == '|')
                continue;
            return -1;
        }
        if (hi < 0)
            hi = v;
        else {
            if (n >= cap)
                return -1;
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return hi < 0 ? (long)n : -1;
}

static char tmpdir[64];

int tu_tmpdir_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tocex-test-XXXXXX");
    return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

int tu_tmpdir_teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

const char *tu_tmp_path(const char *name)
{
    static char ring[4][256];
    static unsigned n;
    char *p = ring[n++ % 4];
    snprintf(p, 256, "%s/%s", tmpdir, name);
    return p;
}

uint64_t tu_rand(uint64_t *state)
{
    uint64_t x = *state != 0 ? *state : 0x9E3779B97F4A7C15ull;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

long tu_rand_range(uint64_t *state, long lo, long hi)
{
    return lo + (long)(tu_rand(state) % (uint64_t)(hi - lo + 1));
}
