#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tocex/status.h"

#ifndef TOCEX_VERSION_STRING
#define TOCEX_VERSION_STRING "0.0.0"
#endif

static const char *const status_text[TOCEX_STATUS_COUNT] = {
    [TOCEX_OK] = "success",
    [TOCEX_E_INVALID_ARGUMENT] = "invalid argument",
    [TOCEX_E_NOMEM] = "out of memory",
    [TOCEX_E_IO] = "input/output error",
    [TOCEX_E_PARSE] = "malformed input",
    [TOCEX_E_TRUNCATED] = "input is truncated",
    [TOCEX_E_UNSUPPORTED] = "not supported",
    [TOCEX_E_INVALID_DISC] = "impossible disc",
    [TOCEX_E_BAD_ANSWER] = "the device gave an invalid answer",
    [TOCEX_E_CHECK_CONDITION] = "the device answered CHECK CONDITION",
    [TOCEX_E_NOT_PRESENT] = "the requested data is not on this disc",
    [TOCEX_E_NO_MEDIUM] = "no medium in the drive",
    [TOCEX_E_PERMISSION] = "permission denied",
    [TOCEX_E_BUSY] = "device is busy",
    [TOCEX_E_NOT_MMC] = "not an MMC (optical) device",
    [TOCEX_E_TIMEOUT] = "command timed out",
    [TOCEX_E_CHARSET] = "character set conversion failed",
    [TOCEX_E_LIMIT] = "input exceeds a limit",
};

const char *tocex_strerror(tocex_status status)
{
    if ((unsigned)status < TOCEX_STATUS_COUNT && status_text[status] != NULL)
        return status_text[status];
    return "unknown status";
}

const char *tocex_version(void) { return TOCEX_VERSION_STRING; }

void tocex_error_clear(tocex_error *err)
{
    if (err == NULL)
        return;
    err->status = TOCEX_OK;
    err->line = -1;
    err->offset = -1;
    err->message[0] = '\0';
}

#if defined(__GNUC__)
__attribute__((format(printf, 6, 0)))
#endif
static void fill(tocex_error *err, tocex_status status, long line, long long offset, const char *prefix,
                 const char *fmt, va_list ap)
{
    size_t used;
    err->status = status;
    err->line = line;
    err->offset = offset;
    snprintf(err->message, sizeof err->message, "%s", prefix);
    used = strlen(err->message);
    if (used < sizeof err->message)
        vsnprintf(err->message + used, sizeof err->message - used, fmt, ap);
}

tocex_status tocex_error_set(tocex_error *err, tocex_status status, const char *fmt, ...)
{
    va_list ap;
    if (err == NULL)
        return status;
    va_start(ap, fmt);
    fill(err, status, -1, -1, "", fmt, ap);
    va_end(ap);
    return status;
}

tocex_status tocex_error_at_line(tocex_error *err, tocex_status status, const char *file, long line,
                                 const char *fmt, ...)
{
    char prefix[300];
    va_list ap;
    if (err == NULL)
        return status;
    snprintf(prefix, sizeof prefix, "%s:%ld: ", file != NULL ? file : "(input)", line);
    va_start(ap, fmt);
    fill(err, status, line, -1, prefix, fmt, ap);
    va_end(ap);
    return status;
}

tocex_status tocex_error_at_offset(tocex_error *err, tocex_status status, const char *file,
                                   long long offset, const char *fmt, ...)
{
    char prefix[300];
    va_list ap;
    if (err == NULL)
        return status;
    snprintf(prefix, sizeof prefix, "%s: byte %lld: ", file != NULL ? file : "(input)", offset);
    va_start(ap, fmt);
    fill(err, status, -1, offset, prefix, fmt, ap);
    va_end(ap);
    return status;
}
