/* Internal: whole-file reading with a size limit, and path helpers. */
#ifndef TOCEX_UTIL_FILE_H
#define TOCEX_UTIL_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "tocex/disc.h"
#include "tocex/status.h"

/** Read a whole file (at most `max` bytes, else TOCEX_E_LIMIT). *data is NUL-terminated (extra byte). */
tocex_status tocex_file_read_all(const char *path, size_t max, uint8_t **data, size_t *len, tocex_error *err);
/** An in-memory parser of one image format (the tocex_image_parse_* functions). */
typedef tocex_status (*tocex_parse_fn)(const char *name, const uint8_t *data, size_t len, tocex_disc *out,
                                       tocex_error *err);
/** Initialise *out, read the whole file (at most `max` bytes) and run `parse` over it. */
tocex_status tocex_file_parse(const char *path, size_t max, tocex_parse_fn parse, tocex_disc *out, tocex_error *err);
/** Read up to n bytes at `offset` (retrying short reads and EINTR). *got is what was read, also
 *  on a read error (TOCEX_E_IO, naming the byte offset); fewer than n without error: end of file. */
tocex_status tocex_file_pread_some(int fd, const char *path, uint8_t *buf, size_t n, uint64_t offset, size_t *got,
                                   tocex_error *err);
/** Open a regular file read-only: *fd and *size on success. */
tocex_status tocex_file_open_regular(const char *path, int *fd, uint64_t *size, tocex_error *err);
/** Size of a file in bytes, or -1 (err filled). */
long long tocex_file_size(const char *path, tocex_error *err);
/** Join the directory of `base` with `rel` (rel absolute: copied). Returns malloc'd string or NULL. */
char *tocex_path_sibling(const char *base, const char *rel);
/** Replace the extension of `path` (".fulltoc"). malloc'd. */
char *tocex_path_with_ext(const char *path, const char *ext);
/** Last path component (pointer into path). */
const char *tocex_path_basename(const char *path);

#endif
