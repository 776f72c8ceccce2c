#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tocex/bytes.h"

void tocex_buf_init(tocex_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->fixed = false;
    b->failed = false;
}

void tocex_buf_init_fixed(tocex_buf *b, void *storage, size_t cap)
{
    b->data = storage;
    b->len = 0;
    b->cap = cap;
    b->fixed = true;
    b->failed = false;
}

void tocex_buf_free(tocex_buf *b)
{
    if (!b->fixed)
        free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

static uint8_t *reserve(tocex_buf *b, size_t n)
{
    if (b->failed)
        return NULL;
    if (n > SIZE_MAX - b->len) {
        b->failed = true;
        return NULL;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap != 0 ? b->cap : 64;
        uint8_t *p;
        if (b->fixed) {
            b->failed = true;
            return NULL;
        }
        while (cap < b->len + n) {
            if (cap > SIZE_MAX / 2) {
                cap = b->len + n;
                break;
            }
            cap *= 2;
        }
        p = realloc(b->data, cap);
        if (p == NULL) {
            b->failed = true;
            return NULL;
        }
        b->data = p;
        b->cap = cap;
    }
    {
        uint8_t *out = b->data + b->len;
        b->len += n;
        return out;
    }
}

uint8_t *tocex_buf_extend(tocex_buf *b, size_t n)
{
    if (n == 0) /* nothing to point at (an empty buffer has no storage) */
        return NULL;
    return reserve(b, n);
}

bool tocex_buf_put_u8(tocex_buf *b, uint8_t v)
{
    uint8_t *p = reserve(b, 1);
    if (p == NULL)
        return false;
    p[0] = v;
    return true;
}

bool tocex_buf_put_u16be(tocex_buf *b, uint16_t v)
{
    uint8_t *p = reserve(b, 2);
    if (p == NULL)
        return false;
    tocex_put_be16(p, v);
    return true;
}

bool tocex_buf_put_u24be(tocex_buf *b, uint32_t v)
{
    uint8_t *p = reserve(b, 3);
    if (p == NULL)
        return false;
    p[0] = (uint8_t)(v >> 16);
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)v;
    return true;
}

bool tocex_buf_put_u32be(tocex_buf *b, uint32_t v)
{
    uint8_t *p = reserve(b, 4);
    if (p == NULL)
        return false;
    tocex_put_be32(p, v);
    return true;
}

bool tocex_buf_put_u16le(tocex_buf *b, uint16_t v)
{
    uint8_t *p = reserve(b, 2);
    if (p == NULL)
        return false;
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    return true;
}

bool tocex_buf_put_u32le(tocex_buf *b, uint32_t v)
{
    uint8_t *p = reserve(b, 4);
    if (p == NULL)
        return false;
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
    return true;
}

bool tocex_buf_put_bytes(tocex_buf *b, const void *src, size_t n)
{
    uint8_t *p;
    if (n == 0) /* nothing to reserve: an empty buffer has no storage to point into */
        return !b->failed;
    p = reserve(b, n);
    if (p == NULL)
        return false;
    if (n > 0)
        memcpy(p, src, n);
    return true;
}

bool tocex_buf_put_zeros(tocex_buf *b, size_t n)
{
    uint8_t *p;
    if (n == 0)
        return !b->failed;
    p = reserve(b, n);
    if (p == NULL)
        return false;
    if (n > 0)
        memset(p, 0, n);
    return true;
}

bool tocex_buf_set_u16be(tocex_buf *b, size_t at, uint16_t v)
{
    if (b->failed || at > b->len || b->len - at < 2)
        return false;
    tocex_put_be16(b->data + at, v);
    return true;
}

bool tocex_buf_vprintf(tocex_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    uint8_t *p;
    int n;
    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    if (n < 0) {
        b->failed = true;
        return false;
    }
    /* room for vsnprintf's NUL, which is then dropped from the length */
    if ((p = reserve(b, (size_t)n + 1)) == NULL)
        return false;
    vsnprintf((char *)p, (size_t)n + 1, fmt, ap);
    b->len--;
    return true;
}

bool tocex_buf_printf(tocex_buf *b, const char *fmt, ...)
{
    va_list ap;
    bool ok;
    va_start(ap, fmt);
    ok = tocex_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return ok;
}
