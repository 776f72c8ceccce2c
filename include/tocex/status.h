/* tocex — library status codes and error records. */
#ifndef TOCEX_STATUS_H
#define TOCEX_STATUS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One status enum for the whole library (0 = success). */
typedef enum tocex_status {
    TOCEX_OK = 0,
    TOCEX_E_INVALID_ARGUMENT, /**< a caller passed something impossible */
    TOCEX_E_NOMEM,            /**< allocation failed */
    TOCEX_E_IO,               /**< a file or device could not be read or opened */
    TOCEX_E_PARSE,            /**< a file's content is malformed (file:line or byte offset given) */
    TOCEX_E_TRUNCATED,        /**< input ends before a length says it should */
    TOCEX_E_UNSUPPORTED,      /**< understood but not supported (format, feature) */
    TOCEX_E_INVALID_DISC,     /**< the disc model breaks an invariant (the builder refused it) */
    TOCEX_E_BAD_ANSWER,       /**< a device answered bytes that contradict themselves or the standard */
    TOCEX_E_CHECK_CONDITION,  /**< a device answered CHECK CONDITION (sense in the result) */
    TOCEX_E_NOT_PRESENT,      /**< the requested data is not on this disc (no CD-TEXT, no ATIP, ...) */
    TOCEX_E_NO_MEDIUM,        /**< the drive has no disc */
    TOCEX_E_PERMISSION,       /**< permission denied opening a device */
    TOCEX_E_BUSY,             /**< the device is in use */
    TOCEX_E_NOT_MMC,          /**< the device is not an MMC (optical) device */
    TOCEX_E_TIMEOUT,          /**< a command did not complete in time */
    TOCEX_E_CHARSET,          /**< text could not be converted between character sets */
    TOCEX_E_LIMIT,            /**< input exceeds a hard limit (tracks, packs, line length, ...) */
    TOCEX_STATUS_COUNT
} tocex_status;

/** Human text for a status; never NULL. */
const char *tocex_strerror(tocex_status status);

/**
 * An error record. Functions taking a `tocex_error *` (which may be NULL) fill it
 * on failure with the status and a message that names the place: "file.cue:12: ..."
 * or "file.nrg: byte 1234: ...". `line` and `offset` are -1 when not applicable.
 */
typedef struct tocex_error {
    tocex_status status;
    long line;
    long long offset;
    char message[512];
} tocex_error;

/** Reset a record to "no error". */
void tocex_error_clear(tocex_error *err);

/** Fill a record (printf-style message). Returns `status` for tail calls. NULL err is fine. */
tocex_status tocex_error_set(tocex_error *err, tocex_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/** Like tocex_error_set, prefixing "FILE:LINE: ". */
tocex_status tocex_error_at_line(tocex_error *err, tocex_status status, const char *file, long line,
                                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/** Like tocex_error_set, prefixing "FILE: byte OFFSET: ". */
tocex_status tocex_error_at_offset(tocex_error *err, tocex_status status, const char *file,
                                   long long offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/** Library version string, e.g. "0.1.0". */
const char *tocex_version(void);

#ifdef __cplusplus
}
#endif
#endif
