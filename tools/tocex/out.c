/* tocex program: buffered text output (see out.h).
 *
 * How standard output reaches file descriptor 1. The behaviour promised in out.h is that of a
 * 64 KB buffer handed to stdio at fixed points ("hand-overs": the buffer fills, a message goes
 * to stderr, a large block is written, the end). Keeping a long text in memory until the end
 * touches a page per 4 KB of it, which costs more than writing the text in pieces, so:
 *
 * - While stdio has not been given any text, the text collects in an 8 KB buffer. When it
 *   fills, whole blocks of stdio's buffer size are written to fd 1 directly. At a hand-over
 *   the rest goes the way one fwrite of all the text so far would have sent it: glibc writes
 *   the whole blocks of the text to a fresh, fully buffered stream and keeps the rest in its
 *   buffer, so the whole blocks not yet written go to fd 1 directly and the rest to stdio.
 *   Everything on fd 1 at the moment of a message, and the failure a hand-over reports, is
 *   then what the 64 KB buffer would have given: a direct write that failed is reported at
 *   the next hand-over, where stdio's write would have failed.
 * - After that, or when fd 1 is a terminal (stdio buffers it by lines) or has a block size
 *   that does not divide 4 KB, everything goes through the 64 KB buffer and stdio as described
 *   in out.h.
 * - At the end, text that stdio has not seen is written to fd 1 directly (what fwrite and
 *   fflush would write), and stdio's buffer is never needed. */
#include "out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

enum {
    STDIO_SPACE = 64 * 1024, /**< the buffer of the behaviour promised in out.h */
    DIRECT_SPACE = 8 * 1024 + 64, /**< a block of up to 4 KB kept, a reserve of 4 KB + 1 */
};

/* cli_out.mode of standard output. With it: written, the bytes written to fd 1 directly (whole
 * blocks in OUT_DIRECT); block, stdio's buffer size for fd 1 (OUT_DIRECT); write_error, a
 * direct write failed (reported at the next hand-over). */
enum {
    OUT_FRESH,  /**< stdio has no text; fd 1 not looked at yet; nothing written */
    OUT_DIRECT, /**< stdio has no text; whole blocks are written to fd 1 directly */
    OUT_STDIO,  /**< everything through the 64 KB buffer and stdio */
};

/* The text of OUT_STDIO (untouched, and costing nothing, while it is not used). The 8 KB
 * buffer of OUT_FRESH and OUT_DIRECT is allocated when the first text comes: it then takes
 * memory the program has used and freed by then where it can (no new pages). */
static char stdio_space[STDIO_SPACE];

cli_out cli_stdout_text = {NULL, 0, 0, false, false, false, OUT_FRESH, false, 0, 0};

/* Where text goes that cannot be kept (a memory output out of memory). */
static char scratch_space[CLI_OUT_RESERVE_MAX];

static void use_stdio(cli_out *o);

/* The 8 KB buffer of OUT_FRESH, at the first text (the 64 KB one when memory runs out). */
static void direct_start(cli_out *o)
{
    o->buf = malloc(DIRECT_SPACE);
    o->len = 0;
    o->cap = DIRECT_SPACE;
    if (o->buf == NULL)
        use_stdio(o);
}

void cli_out_stdout_reset(void)
{
    cli_out *o = CLI_STDOUT;
    if (o->mode != OUT_STDIO)
        free(o->buf);
    *o = (cli_out){.mode = OUT_FRESH};
}

/* Text of CLI_STDOUT since the start that stdio has not been given. */
static size_t direct_total(const cli_out *o)
{
    return o->written + o->len;
}

/* write(2) as glibc's stdio does it: all of it, or up to the first failure (a short write is
 * continued). Nothing is written after a failure. */
static void direct_write(cli_out *o, const char *data, size_t n)
{
    while (n > 0 && !o->write_error) {
        ssize_t w = write(STDOUT_FILENO, data, n);
        if (w <= 0)
            o->write_error = true;
        else {
            data += w;
            n -= (size_t)w;
        }
    }
}

/* The room of the 8 KB buffer, up to where the 64 KB buffer would be full. */
static void direct_set_cap(cli_out *o)
{
    size_t left = STDIO_SPACE - o->written;
    o->cap = left < DIRECT_SPACE ? left : DIRECT_SPACE;
}

/* From now on everything goes through the 64 KB buffer and stdio; the text not yet handed over
 * (none after a hand-over) moves there. */
static void use_stdio(cli_out *o)
{
    if (o->len > 0)
        memcpy(stdio_space, o->buf, o->len);
    free(o->buf);
    o->buf = stdio_space;
    o->cap = STDIO_SPACE;
    o->mode = OUT_STDIO;
}

/* Look at fd 1 when the 8 KB buffer first fills: blocks go out directly when stdio would
 * buffer it fully with a buffer size that divides 4 KB (glibc: st_blksize when below BUFSIZ,
 * else BUFSIZ; by lines for a terminal). Otherwise the 64 KB buffer takes over (nothing has
 * been written yet). */
static void start_direct(cli_out *o)
{
    struct stat st;
    size_t block;
    if (fstat(STDOUT_FILENO, &st) != 0 ||
        (S_ISCHR(st.st_mode) && ((major(st.st_rdev) >= 136 && major(st.st_rdev) <= 143) || isatty(STDOUT_FILENO)))) {
        use_stdio(o);
        return;
    }
    block = st.st_blksize > 0 && st.st_blksize < BUFSIZ ? (size_t)st.st_blksize : (size_t)BUFSIZ;
    if (block < 128 || 4096 % block != 0) {
        use_stdio(o);
        return;
    }
    o->block = block;
    o->mode = OUT_DIRECT;
}

/* OUT_DIRECT: write the whole blocks of the buffer but at least one byte, which keeps at most a
 * block (see hand_over). */
static void direct_flush_blocks(cli_out *o)
{
    size_t n = o->len > 0 ? (o->len - 1) / o->block * o->block : 0;
    direct_write(o, o->buf, n);
    memmove(o->buf, o->buf + n, o->len - n);
    o->len -= n;
    o->written += n;
    direct_set_cap(o);
}

/* A hand-over while stdio has no text: what one fwrite of all the text so far would have done
 * to a fresh, fully buffered stdout (whole blocks written, the rest buffered; after a failure
 * the rest is dropped). Then OUT_STDIO with an empty buffer.
 * stdio itself is given the rest, or the last block when there is no rest: a fresh stream
 * given a whole block writes it and keeps its (empty) buffer, as after the one fwrite; given
 * nothing it would stay unused. The direct writes leave at least a byte for this. */
static void hand_over(cli_out *o)
{
    const char *rest = o->buf;
    size_t rest_len = o->len;
    if (o->mode == OUT_DIRECT) {
        size_t total = direct_total(o);
        size_t whole = total - total % o->block;
        if (whole == total)
            whole -= o->block;
        whole -= o->written;
        direct_write(o, o->buf, whole);
        rest += whole;
        rest_len -= whole;
        if (o->write_error) {
            o->failed = true;
            rest_len = 0;
        }
    }
    if (rest_len > 0 && fwrite(rest, 1, rest_len, stdout) != rest_len)
        o->failed = true;
    o->len = 0;
    use_stdio(o);
}

int cli_out_flush(cli_out *o)
{
    if (o->memory)
        return o->failed ? -1 : 0;
    if (o->mode != OUT_STDIO) {
        if (direct_total(o) > 0)
            hand_over(o);
    } else if (o->len > 0) {
        if (fwrite(o->buf, 1, o->len, stdout) != o->len)
            o->failed = true;
        o->len = 0;
    }
    return o->failed ? -1 : 0;
}

int cli_out_finish(cli_out *o)
{
    if (o->memory || o->mode == OUT_STDIO || o->failed)
        return cli_out_flush(o);
    /* stdio has seen none of the text: fwrite and fflush would write all of it */
    direct_write(o, o->buf, o->len);
    if (o->write_error)
        o->failed = true;
    /* stdio's buffer would now be empty: the output starts afresh */
    o->mode = OUT_FRESH;
    o->written = 0;
    o->write_error = false;
    o->len = 0;
    o->cap = o->buf != NULL ? DIRECT_SPACE : 0;
    return o->failed ? -1 : 0;
}

void cli_out_memory(cli_out *o)
{
    *o = (cli_out){.memory = true, .mode = OUT_STDIO};
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
    if (o->mode != OUT_STDIO) {
        if (o->buf == NULL) {
            direct_start(o);
            if (o->cap - o->len >= need)
                return true;
        }
        if (STDIO_SPACE - direct_total(o) < need) {
            /* the 64 KB buffer would be handed over here */
            hand_over(o);
            return o->cap >= need;
        }
        if (o->mode == OUT_FRESH) {
            start_direct(o);
            if (o->mode == OUT_STDIO)
                return true; /* the 64 KB buffer has the room */
        }
        direct_flush_blocks(o);
        /* at most a block (4 KB) is left of 8 KB, or what the 64 KB buffer has left */
        return o->cap - o->len >= need;
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

/* OUT_DIRECT: n bytes that the 64 KB buffer would hold (no hand-over), through the 8 KB one. */
static void direct_append(cli_out *o, const char *data, size_t n)
{
    while (n > 0) {
        size_t room = o->cap - o->len, k;
        if (room == 0) {
            direct_flush_blocks(o);
            room = o->cap - o->len;
            if (room == 0) {
                o->failed = true; /* cannot happen: the caller checked the 64 KB room */
                return;
            }
        }
        k = n < room ? n : room;
        memcpy(o->buf + o->len, data, k);
        o->len += k;
        data += k;
        n -= k;
    }
}

void cli_write(cli_out *o, const void *data, size_t len)
{
    if (!o->memory && len >= 4096) {
        /* large blocks (exports, --raw) go to stdout as they are, after what is buffered */
        cli_out_flush(o);
        if (o->mode != OUT_STDIO)
            use_stdio(o); /* nothing was buffered */
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

void cli_puts_list(cli_out *o, const char *const *parts)
{
    for (; *parts != NULL; parts++) {
        size_t n = strlen(*parts);
        if (n < 4096 && n < o->cap - o->len)
            o->len = (size_t)(cli_fmt_copy(o->buf + o->len, *parts, n) - o->buf);
        else
            cli_write(o, *parts, n);
    }
}

void cli_vprintf(cli_out *o, const char *fmt, va_list ap)
{
    va_list again;
    size_t room = o->cap - o->len;
    int n;

    if (o->buf == NULL && !o->memory && o->mode != OUT_STDIO) {
        direct_start(o);
        room = o->cap - o->len;
    }
    va_copy(again, ap);
    n = cli_vsnformat(o->buf != NULL ? o->buf + o->len : NULL, room, fmt, ap);
    if (n >= 0 && (size_t)n < room)
        o->len += (size_t)n;
    else if (n < 0)
        o->failed = true;
    else if (!o->memory && o->mode != OUT_STDIO && (size_t)n < STDIO_SPACE - direct_total(o)) {
        /* more than the 8 KB buffer has room for, no more than the 64 KB one would hold */
        if (o->mode == OUT_FRESH)
            start_direct(o);
        if (o->mode == OUT_DIRECT)
            direct_flush_blocks(o);
        if ((size_t)n < o->cap - o->len) {
            cli_vsnformat(o->buf + o->len, o->cap - o->len, fmt, again);
            o->len += (size_t)n;
        } else {
            /* longer than 4 KB: the 64 KB buffer is free while text goes out directly */
            cli_vsnformat(stdio_space, (size_t)n + 1, fmt, again);
            direct_append(o, stdio_space, (size_t)n);
        }
    } else if (make_room(o, (size_t)n + 1)) {
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
