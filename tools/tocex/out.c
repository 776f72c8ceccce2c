/* tocex program: buffered text output (see out.h). */
#include "out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Large enough for the text of any ordinary disc; a larger text is written in pieces. */
static char stdout_space[64 * 1024];

cli_out cli_stdout_text = {stdout_space, 0, sizeof stdout_space, false, false, false};

/* Where text goes that cannot be kept (a memory output out of memory). */
static char scratch_space[CLI_OUT_RESERVE_MAX];

int cli_out_flush(cli_out *o)
{
    if (!o->memory && o->len > 0) {
        if (fwrite(o->buf, 1, o->len, stdout) != o->len)
            o->failed = true;
        o->len = 0;
    }
    return o->failed ? -1 : 0;
}

void cli_out_memory(cli_out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->cap = 0;
    o->memory = true;
    o->failed = false;
    o->scratch = false;
}

void cli_out_free(cli_out *o)
{
    if (o->memory)
        free(o->buf);
    cli_out_memory(o);
}

/* Room for `need` more bytes: grow a memory buffer, hand a stdout one to stdout. False when
 * they cannot go into the buffer (out of memory, or more than a stdout buffer holds). */
static bool make_room(cli_out *o, size_t need)
{
    if (o->cap - o->len >= need)
        return true;
    if (o->memory) {
        size_t cap = o->cap > 0 ? o->cap : 4096;
        char *grown;
        while (cap - o->len < need) {
            if (cap > (size_t)-1 / 2) {
                o->failed = true;
                return false;
            }
            cap *= 2;
        }
        grown = realloc(o->buf, cap);
        if (grown == NULL) {
            o->failed = true;
            return false;
        }
        o->buf = grown;
        o->cap = cap;
        return true;
    }
    cli_out_flush(o);
    return o->cap >= need;
}

char *cli_out_reserve_slow(cli_out *o, size_t n)
{
    if (n > CLI_OUT_RESERVE_MAX)
        abort(); /* callers check their sizes: this is a bug in the program, not bad input */
    o->scratch = false;
    if (make_room(o, n + 1))
        return o->buf + o->len;
    o->scratch = true;
    return scratch_space;
}

void cli_write(cli_out *o, const void *data, size_t len)
{
    if (!o->memory && len >= 4096) {
        /* large blocks (exports, --raw) go to stdout as they are, after what is buffered */
        cli_out_flush(o);
        if (fwrite(data, 1, len, stdout) != len)
            o->failed = true;
        return;
    }
    if (!make_room(o, len))
        return; /* a memory output out of memory: failed is set */
    if (len > 0)
        memcpy(o->buf + o->len, data, len);
    o->len += len;
}

void cli_puts(cli_out *o, const char *s)
{
    cli_write(o, s, strlen(s));
}

void cli_vprintf(cli_out *o, const char *fmt, va_list ap)
{
    va_list again;
    size_t room = o->cap - o->len;
    int n;

    va_copy(again, ap);
    n = cli_vsnformat(o->buf != NULL ? o->buf + o->len : NULL, room, fmt, ap);
    if (n >= 0 && (size_t)n < room)
        o->len += (size_t)n;
    else if (n < 0)
        o->failed = true;
    else if (make_room(o, (size_t)n + 1)) {
        /* formatted again where it now fits */
        cli_vsnformat(o->buf + o->len, o->cap - o->len, fmt, again);
        o->len += (size_t)n;
    } else if (!o->memory) {
        char *text = malloc((size_t)n + 1);
        if (text == NULL)
            o->failed = true;
        else {
            cli_vsnformat(text, (size_t)n + 1, fmt, again);
            if (fwrite(text, 1, (size_t)n, stdout) != (size_t)n)
                o->failed = true;
            free(text);
        }
    }
    va_end(again);
}

void cli_printf(cli_out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vprintf(o, fmt, ap);
    va_end(ap);
}
