/* tocex — bounded big-endian reader (span) and growable writer (buf).
 * Every parser and encoder in tocex goes through these: a get never reads past the end,
 * it returns false instead; a put either succeeds or marks the writer failed. */
#ifndef TOCEX_BYTES_H
#define TOCEX_BYTES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A read-only view of bytes; reading advances `data` and shrinks `len`. */
typedef struct tocex_span {
    const uint8_t *data;
    size_t len;
    size_t base_len; /**< length when initialised, so offset() can report absolute positions */
} tocex_span;

/** Start a span over `len` bytes at `data`. */
void tocex_span_init(tocex_span *s, const void *data, size_t len);
/** Bytes left. */
size_t tocex_span_left(const tocex_span *s);
/** Position from the start of the original span (for error messages). */
size_t tocex_span_offset(const tocex_span *s);
bool tocex_span_get_u8(tocex_span *s, uint8_t *out);
bool tocex_span_get_u16be(tocex_span *s, uint16_t *out);
bool tocex_span_get_u24be(tocex_span *s, uint32_t *out);
bool tocex_span_get_u32be(tocex_span *s, uint32_t *out);
bool tocex_span_get_u16le(tocex_span *s, uint16_t *out);
bool tocex_span_get_u32le(tocex_span *s, uint32_t *out);
bool tocex_span_get_u64be(tocex_span *s, uint64_t *out);
bool tocex_span_get_u64le(tocex_span *s, uint64_t *out);
/** Copy `n` bytes out. */
bool tocex_span_copy(tocex_span *s, void *out, size_t n);
/** Take a sub-span of `n` bytes (and advance past it). */
bool tocex_span_get_span(tocex_span *s, tocex_span *out, size_t n);
/** Skip `n` bytes. */
bool tocex_span_skip(tocex_span *s, size_t n);
/** Look at the byte `at` positions ahead without consuming. */
bool tocex_span_peek_u8(const tocex_span *s, size_t at, uint8_t *out);

/** A growable (or fixed) output buffer. Once a put fails, all later puts fail too. */
typedef struct tocex_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
    bool fixed;  /**< caller-owned storage of size cap; never grows */
    bool failed; /**< a put did not fit or allocation failed */
} tocex_buf;

/** Growable buffer (heap); free with tocex_buf_free. */
void tocex_buf_init(tocex_buf *b);
/** Fixed buffer over caller storage; never allocates. */
void tocex_buf_init_fixed(tocex_buf *b, void *storage, size_t cap);
void tocex_buf_free(tocex_buf *b);
/** Append `n` (> 0) bytes that the caller then writes (no put call per byte): returns where
 *  they start, or NULL (and the buffer failed) when they do not fit. The bytes are not cleared.
 *  NULL for n = 0, the buffer unchanged. */
uint8_t *tocex_buf_extend(tocex_buf *b, size_t n);
bool tocex_buf_put_u8(tocex_buf *b, uint8_t v);
bool tocex_buf_put_u16be(tocex_buf *b, uint16_t v);
bool tocex_buf_put_u24be(tocex_buf *b, uint32_t v);
bool tocex_buf_put_u32be(tocex_buf *b, uint32_t v);
bool tocex_buf_put_u16le(tocex_buf *b, uint16_t v);
bool tocex_buf_put_u32le(tocex_buf *b, uint32_t v);
bool tocex_buf_put_bytes(tocex_buf *b, const void *p, size_t n);
bool tocex_buf_put_zeros(tocex_buf *b, size_t n);
/** Append formatted text (no terminating NUL). */
bool tocex_buf_printf(tocex_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
bool tocex_buf_vprintf(tocex_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
/** Overwrite a big-endian u16 at an earlier position (for length fields). */
bool tocex_buf_set_u16be(tocex_buf *b, size_t at, uint16_t v);

/** Plain helpers for already-bounded arrays (caller guarantees p has the bytes). */
static inline uint16_t tocex_be16(const uint8_t *p) { return (uint16_t)((unsigned)p[0] << 8 | p[1]); }
static inline uint32_t tocex_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void tocex_put_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
static inline void tocex_put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

#ifdef __cplusplus
}
#endif
#endif
