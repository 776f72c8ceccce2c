/* Internal: CD-TEXT character codes <-> UTF-8. */
#ifndef TOCEX_CDTEXT_CHARSET_H
#define TOCEX_CDTEXT_CHARSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tocex/cdtext.h"
#include "tocex/status.h"

/** True when `s` is well-formed UTF-8 (no overlongs, surrogates or values above 10FFFFh). */
bool tocex_cdtext_utf8_valid(const char *s);

/** Bytes in `charset` -> malloc'd NUL-terminated UTF-8. Undecodable bytes become U+FFFD and
 *  are counted in *bad. Unknown codes are read as ISO-8859-1 (counted in *bad once).
 *  TOCEX_E_CHARSET when the converter for a double-byte code is not available. */
tocex_status tocex_cdtext_to_utf8(uint8_t charset, const uint8_t *in, size_t len, char **out, size_t *bad,
                                  tocex_error *err);

/** UTF-8 -> malloc'd bytes in `charset` (no terminator). TOCEX_E_CHARSET when a character is
 *  not representable (message names `what`, e.g. "block 1 TITLE track 3"). */
tocex_status tocex_cdtext_from_utf8(uint8_t charset, const char *utf8, uint8_t **out, size_t *out_len,
                                    const char *what, tocex_error *err);

/* Single-byte codes (ISO-8859-1, ASCII; unknown codes read as ISO-8859-1) without
 * allocating. Text is mostly plain ASCII, which needs no conversion: it is copied in a few
 * word-sized moves (overlapping at the end) while the high bits are collected. */

/** Copy `len` bytes; true when none has the high bit set (else `out` holds the copy anyway). */
static inline bool tocex_cdtext_ascii_copy(const uint8_t *in, size_t len, uint8_t *out)
{
    if (len >= 8) {
        uint64_t w, acc = 0;
        for (size_t i = 0; len - i > 8; i += 8) {
            memcpy(&w, in + i, 8);
            memcpy(out + i, &w, 8);
            acc |= w;
        }
        memcpy(&w, in + len - 8, 8);
        memcpy(out + len - 8, &w, 8);
        return ((acc | w) & UINT64_C(0x8080808080808080)) == 0;
    }
    if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, in, 4);
        memcpy(&b, in + len - 4, 4);
        memcpy(out, &a, 4);
        memcpy(out + len - 4, &b, 4);
        return ((a | b) & 0x80808080u) == 0;
    }
    {
        unsigned acc = 0;
        for (size_t i = 0; i < len; i++) {
            out[i] = in[i];
            acc |= in[i];
        }
        return acc < 0x80;
    }
}

/** `len` bytes (no 00 among them) in a code that is not double-byte -> UTF-8 at `out` (room
 *  for 2 * len + 1 bytes), NUL-terminated: the text and *bad count of tocex_cdtext_to_utf8,
 *  except its one count for an unknown code (the caller's). Returns the UTF-8 length. */
static inline size_t tocex_cdtext_sb_to_utf8(uint8_t charset, const uint8_t *in, size_t len, uint8_t *out, size_t *bad)
{
    size_t o = 0;
    if (tocex_cdtext_ascii_copy(in, len, out)) {
        out[len] = 0;
        return len;
    }
    for (size_t i = 0; i < len; i++) {
        uint8_t c = in[i];
        if (c < 0x80) {
            out[o++] = c;
        } else {
            if (charset == TOCEX_CDTEXT_CHARSET_ASCII) /* keep it readable as ISO-8859-1 */
                (*bad)++;
            out[o++] = (uint8_t)(0xC0u | (c >> 6));
            out[o++] = (uint8_t)(0x80u | (c & 0x3Fu));
        }
    }
    out[o] = 0;
    return o;
}

/** UTF-8 (`len` bytes, no 00 inside) -> one byte per character up to `max` (7Fh ASCII, FFh
 *  ISO-8859-1) at `out` (room for len bytes). False when a sequence is malformed or a
 *  character is above `max`; tocex_cdtext_from_utf8 then gives the error. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool tocex_cdtext_sb_from_utf8(const char *utf8, size_t len, uint32_t max, uint8_t *out,
                                             size_t *out_len)
{
    const uint8_t *u = (const uint8_t *)utf8;
    size_t i = 0, n = 0;
    if (tocex_cdtext_ascii_copy(u, len, out)) {
        *out_len = len;
        return true;
    }
    while (i < len) {
        uint8_t c = u[i];
        if (c < 0x80) {
            out[n++] = c;
            i++;
        } else {
            /* U+0080..U+00FF are the two-byte sequences C2 80..C3 BF; anything else is either
             * malformed or above FFh */
            uint32_t cp;
            if ((c != 0xC2 && c != 0xC3) || i + 1 >= len || (u[i + 1] & 0xC0u) != 0x80u)
                return false;
            cp = ((uint32_t)(c & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu);
            if (cp > max)
                return false;
            out[n++] = (uint8_t)cp;
            i += 2;
        }
    }
    *out_len = n;
    return true;
}

#endif
