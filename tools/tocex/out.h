/* tocex program: buffered text output.
 *
 * Everything the program prints on standard output goes through one cli_out (CLI_STDOUT): the
 * text collects in a large buffer that is handed to stdout in one fwrite when it fills, before
 * anything is written to stderr (cli_error) and at the end of the run. Standard output keeps
 * its stdio buffering behind that, so what reaches the terminal or a pipe, and in which order
 * with error messages, is what printing to stdout directly would give. A cli_out can also
 * collect text in memory (cli_out_memory) for a command that shows its text as bytes. */
#ifndef TOCEX_CLI_OUT_H
#define TOCEX_CLI_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "fmt.h"

typedef struct cli_out {
    char *buf;
    size_t len;
    size_t cap;
    bool memory;  /**< grow the buffer instead of writing it to stdout */
    bool failed;  /**< a write to stdout failed, memory ran out or a format was refused */
    bool scratch; /**< the last cli_out_reserve could not give room: its text is dropped */
} cli_out;

extern cli_out cli_stdout_text;
#define CLI_STDOUT (&cli_stdout_text)

void cli_printf(cli_out *o, const char *fmt, ...) CLI_PRINTF_LIKE(2, 3);
void cli_vprintf(cli_out *o, const char *fmt, va_list ap) CLI_PRINTF_LIKE(2, 0);
void cli_write(cli_out *o, const void *data, size_t len);
/** Like fputs: the string without a newline. */
void cli_puts(cli_out *o, const char *s);

static inline void cli_putc(cli_out *o, char c)
{
    if (o->len < o->cap)
        o->buf[o->len++] = c;
    else
        cli_write(o, &c, 1);
}

/** Most bytes one cli_out_reserve gives. */
#define CLI_OUT_RESERVE_MAX 4096

char *cli_out_reserve_slow(cli_out *o, size_t n);

/** Room for n (at most CLI_OUT_RESERVE_MAX) bytes of text written in place with the cli_fmt_*
 *  primitives; returns where it starts. cli_out_commit(o, end) keeps what was written. */
static inline char *cli_out_reserve(cli_out *o, size_t n)
{
    if (n < o->cap - o->len)
        return o->buf + o->len;
    return cli_out_reserve_slow(o, n);
}

static inline void cli_out_commit(cli_out *o, const char *end)
{
    if (o->scratch)
        o->scratch = false;
    else
        o->len = (size_t)(end - o->buf);
}

/** Hand the buffered text of CLI_STDOUT to stdout (fwrite; stdio flushes as usual).
 *  Returns 0, or -1 when any write or format of this output has failed. */
int cli_out_flush(cli_out *o);
/** Start collecting text in memory (empty, owns its buffer; cli_out_free releases it). */
void cli_out_memory(cli_out *o);
void cli_out_free(cli_out *o);

#endif
