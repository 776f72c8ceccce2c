#include <string.h>

#include "tocex/bytes.h"

void tocex_span_init(tocex_span *s, const void *data, size_t len)
{
    s->data = data;
    s->len = data != NULL ? len : 0;
    s->base_len = s->len;
}

size_t tocex_span_left(const tocex_span *s) { return s->len; }

size_t tocex_span_offset(const tocex_span *s) { return s->base_len - s->len; }

static bool take(tocex_span *s, size_t n, const uint8_t **p)
{
    if (s->len < n)
        return false;
    *p = s->data;
    s->data += n;
    s->len -= n;
    return true;
}

bool tocex_span_get_u8(tocex_span *s, uint8_t *out)
{
    const uint8_t *p;
    if (!take(s, 1, &p))
        return false;
    *out = p[0];
    return true;
}

static bool get_be(tocex_span *s, size_t n, uint64_t *out)
{
    const uint8_t *p;
    uint64_t v = 0;
    if (!take(s, n, &p))
        return false;
    for (size_t i = 0; i < n; i++)
        v = v << 8 | p[i];
    *out = v;
    return true;
}

static bool get_le(tocex_span *s, size_t n, uint64_t *out)
{
    const uint8_t *p;
    uint64_t v = 0;
    if (!take(s, n, &p))
        return false;
    for (size_t i = n; i > 0; i--)
        v = v << 8 | p[i - 1];
    *out = v;
    return true;
}

bool tocex_span_get_u16be(tocex_span *s, uint16_t *out)
{
    uint64_t v;
    if (!get_be(s, 2, &v))
        return false;
    *out = (uint16_t)v;
    return true;
}

bool tocex_span_get_u24be(tocex_span *s, uint32_t *out)
{
    uint64_t v;
    if (!get_be(s, 3, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

bool tocex_span_get_u32be(tocex_span *s, uint32_t *out)
{
    uint64_t v;
    if (!get_be(s, 4, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

bool tocex_span_get_u64be(tocex_span *s, uint64_t *out) { return get_be(s, 8, out); }

bool tocex_span_get_u16le(tocex_span *s, uint16_t *out)
{
    uint64_t v;
    if (!get_le(s, 2, &v))
        return false;
    *out = (uint16_t)v;
    return true;
}

bool tocex_span_get_u32le(tocex_span *s, uint32_t *out)
{
    uint64_t v;
    if (!get_le(s, 4, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

bool tocex_span_get_u64le(tocex_span *s, uint64_t *out) { return get_le(s, 8, out); }

bool tocex_span_copy(tocex_span *s, void *out, size_t n)
{
    const uint8_t *p;
    if (!take(s, n, &p))
        return false;
    if (n > 0)
        memcpy(out, p, n);
    return true;
}

bool tocex_span_get_span(tocex_span *s, tocex_span *out, size_t n)
{
    const uint8_t *p;
    if (!take(s, n, &p))
        return false;
    out->data = p;
    out->len = n;
    out->base_len = n;
    return true;
}

bool tocex_span_skip(tocex_span *s, size_t n)
{
    const uint8_t *p;
    return take(s, n, &p);
}

bool tocex_span_peek_u8(const tocex_span *s, size_t at, uint8_t *out)
{
    if (at >= s->len)
        return false;
    *out = s->data[at];
    return true;
}
