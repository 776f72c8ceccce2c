/* For readers that only take a path: the fuzz input is written to a file in a per-process
 * directory /tmp/tocex-fuzz-<pid>/ (removed at exit) and removed again after each run. */
#ifndef TOCEX_FUZZ_PATH_H
#define TOCEX_FUZZ_PATH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_dir[64];

static void fuzz_dir_remove(void)
{
    if (fuzz_dir[0] != '\0')
        rmdir(fuzz_dir);
}

/* Writes data to <dir>/<name>; fills path. Returns 0 on success. */
static int fuzz_write_temp(const char *name, const uint8_t *data, size_t size, char *path, size_t path_size)
{
    FILE *f;
    if (fuzz_dir[0] == '\0') {
        snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/tocex-fuzz-%ld", (long)getpid());
        if (mkdir(fuzz_dir, 0700) != 0) {
            fuzz_dir[0] = '\0';
            return -1;
        }
        atexit(fuzz_dir_remove);
    }
    snprintf(path, path_size, "%s/%s", fuzz_dir, name);
    f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    {
        int bad = size > 0 && fwrite(data, 1, size, f) != size;
        bad |= fclose(f) != 0;
        if (bad) {
            remove(path);
            return -1;
        }
    }
    return 0;
}

#endif
