/* tocex program: buffered text output.
 *
 * Everything the program prints on standard output goes through one cli_out (CLI_STDOUT).
 * What reaches file descriptor 1, and when, is what this gives: the text collects in a 64 KB
 * buffer that is handed to stdio's stdout in one fwrite when it fills, before anything is
 * written to stderr (cli_error), before a block of 4 KB or more (cli_write) and at the end
 * (cli_out_finish); stdio then buffers as usual. So the order of text and error messages on a
 * terminal, a pipe or a file, and the moment a failing write is noticed, are those of printing
 * to stdout with stdio. (out.c keeps that behaviour while touching less memory.) Nothing else
 * may write to stdout, and messages on stderr go through cli_error.
 *
 * A cli_out can also collect text in memory (cli_out_memory) for a command that shows its text
 * as bytes. */
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
    /* How standard output's text is on its way (out.c's own). */
    unsigned char mode;
    bool write_error;
    size_t written;
    size_t block;
} cli_out;

extern cli_out cli_stdout_text;
#define CLI_STDOUT (&cli_stdout_text)

void cli_printf(cli_out *o, const char *fmt, ...) CLI_PRINTF_LIKE(2, 3);
void cli_vprintf(cli_out *o, const char *fmt, va_list ap) CLI_PRINTF_LIKE(2, 0);
void cli_write(cli_out *o, const void *data, size_t len);
/** Like fputs: the string without a newline. */
void cli_puts(cli_out *o, const char *s);
/** The strings of a NULL-terminated list, one after the other (see CLI_PUTS). */
void cli_puts_list(cli_out *o, const char *const *parts);
/** CLI_PUTS(o, "a", b, "c\n"): the strings in a row. */
#define CLI_PUTS(o, ...) cli_puts_list((o), (const char *const[]){__VA_ARGS__, NULL})

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

/** Hand the buffered text of CLI_STDOUT to stdout (fwrite; stdio buffers as usual), as before
 *  a message on stderr. Returns 0, or -1 when any write or format of this output has failed.
 *  A memory output stays as it is. */
int cli_out_flush(cli_out *o);
/** The end of the output: what cli_out_flush and then fflush(stdout) would write. Returns 0,
 *  or -1 as cli_out_flush; call fflush(stdout) after a 0 (text may still be in stdio). */
int cli_out_finish(cli_out *o);
/** Forget the standard output written so far; the next text starts as at the start of the
 *  program. stdout must hold no text (fflush it first). For running the output more than once
 *  in one process. */
void cli_out_stdout_reset(void);
/** Start collecting text in memory (empty, owns its buffer; cli_out_free releases it). */
void cli_out_memory(cli_out *o);
void cli_out_free(cli_out *o);

#endif
