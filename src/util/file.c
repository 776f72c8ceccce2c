#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"

tocex_status tocex_file_read_all(const char *path, size_t max, uint8_t **data, size_t *len, tocex_error *err)
{
    FILE *f;
    struct stat st;
    uint8_t *buf;
    size_t size, got;
    *data = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (f == NULL)
        return tocex_error_set(err, errno == EACCES ? TOCEX_E_PERMISSION : TOCEX_E_IO, "%s: cannot open: %s",
                               path, strerror(errno));
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return tocex_error_set(err, TOCEX_E_IO, "%s: not a regular file", path);
    }
    if ((unsigned long long)st.st_size > max) {
        fclose(f);
        return tocex_error_at_offset(err, TOCEX_E_LIMIT, path, (long long)max,
                                     "%lld bytes is larger than the %zu this format allows", (long long)st.st_size,
                                     max);
    }
    size = (size_t)st.st_size;
    buf = malloc(size + 1);
    if (buf == NULL) {
        fclose(f);
        return tocex_error_set(err, TOCEX_E_NOMEM, "%s: out of memory", path);
    }
    got = size > 0 ? fread(buf, 1, size, f) : 0;
    if (got != size || ferror(f)) {
        free(buf);
        fclose(f);
        return tocex_error_set(err, TOCEX_E_IO, "%s: read error", path);
    }
    fclose(f);
    buf[size] = '\0';
    *data = buf;
    *len = size;
    return TOCEX_OK;
}

tocex_status tocex_file_parse(const char *path, size_t max, tocex_parse_fn parse, tocex_disc *out, tocex_error *err)
{
    uint8_t *data;
    size_t len;
    tocex_status st;
    if (out == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "%s: no output disc", path);
    tocex_disc_init(out);
    if ((st = tocex_file_read_all(path, max, &data, &len, err)) != TOCEX_OK)
        return st;
    st = parse(path, data, len, out, err);
    free(data);
    return st;
}

tocex_status tocex_file_open_regular(const char *path, int *fd, uint64_t *size, tocex_error *err)
{
    struct stat sb;
    *fd = open(path, O_RDONLY | O_CLOEXEC);
    if (*fd < 0)
        return tocex_error_set(err, errno == EACCES ? TOCEX_E_PERMISSION : TOCEX_E_IO, "%s: cannot open: %s", path,
                               strerror(errno));
    if (fstat(*fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(*fd);
        *fd = -1;
        return tocex_error_set(err, TOCEX_E_IO, "%s: not a regular file", path);
    }
    *size = (uint64_t)sb.st_size;
    return TOCEX_OK;
}

long long tocex_file_size(const char *path, tocex_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        tocex_error_set(err, TOCEX_E_IO, "%s: %s", path, strerror(errno));
        return -1;
    }
    return (long long)st.st_size;
}

char *tocex_path_sibling(const char *base, const char *rel)
{
    const char *slash;
    size_t dirlen;
    char *out;
    if (rel == NULL)
        return NULL;
    if (rel[0] == '/' || base == NULL || (slash = strrchr(base, '/')) == NULL)
        return strdup(rel);
    dirlen = (size_t)(slash - base) + 1;
    out = malloc(dirlen + strlen(rel) + 1);
    if (out == NULL)
        return NULL;
    memcpy(out, base, dirlen);
    strcpy(out + dirlen, rel);
    return out;
}

char *tocex_path_with_ext(const char *path, const char *ext)
{
    const char *base = tocex_path_basename(path);
    const char *dot = strrchr(base, '.');
    size_t stem = dot != NULL ? (size_t)(dot - path) : strlen(path);
    char *out = malloc(stem + strlen(ext) + 1);
    if (out == NULL)
        return NULL;
    memcpy(out, path, stem);
    strcpy(out + stem, ext);
    return out;
}

const char *tocex_path_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

tocex_status tocex_file_pread_some(int fd, const char *path, uint8_t *buf, size_t n, uint64_t offset, size_t *got,
                                   tocex_error *err)
{
    *got = 0;
    while (*got < n) {
        ssize_t r = pread(fd, buf + *got, n - *got, (off_t)(offset + *got));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return tocex_error_set(err, TOCEX_E_IO, "%s: read error at byte %llu: %s", path,
                                   (unsigned long long)(offset + *got), strerror(errno));
        }
        if (r == 0)
            break;
        *got += (size_t)r;
    }
    return TOCEX_OK;
}
