/* Internal: decoding of text-format inputs (cue sheets, cdrdao .toc files, ripper logs).
 *
 * These files have no declared encoding: Windows tools write the ANSI code page, newer ones
 * UTF-8 (with or without BOM), EAC can write UTF-16LE with BOM, and some editors drop the BOM.
 * tocex_text_decode() turns any of them into one NUL-terminated UTF-8 buffer; the line reader
 * then hands out lines with their numbers so parsers can report "file:line: reason".
 *
 * Detection order (first match wins):
 *   1. BOM: EF BB BF (UTF-8), FF FE 00 00 (UTF-32LE), 00 00 FE FF (UTF-32BE), FF FE (UTF-16LE),
 *      FE FF (UTF-16BE). The BOM is removed.
 *   2. No BOM, UTF-16 by NUL pattern: in the first 4 KiB, at least 3/4 of the odd-offset bytes
 *      are 00h and no more than 1/8 of the even-offset ones -> UTF-16LE (mirror -> UTF-16BE).
 *      Plain ASCII-range text in UTF-16 always looks like that; 8-bit text never does.
 *   3. The bytes are valid UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF) -> UTF-8.
 *   4. Otherwise Windows-1252 (the usual "ANSI" code page of Western Windows tools, a superset
 *      of ISO-8859-1's printable range); if a byte is undefined there (81h, 8Dh, 8Fh, 90h, 9Dh)
 *      the whole text is read as ISO-8859-1 instead, which maps every byte.
 * Conversion uses iconv. A NUL character in the decoded text is refused (it would cut C strings
 * short) with TOCEX_E_PARSE naming the line.
 */
#ifndef TOCEX_UTIL_TEXT_H
#define TOCEX_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/status.h"

typedef enum tocex_text_encoding {
    TOCEX_TEXT_UTF8 = 0,  /**< valid UTF-8 without BOM (includes plain ASCII) */
    TOCEX_TEXT_UTF8_BOM,
    TOCEX_TEXT_UTF16LE_BOM,
    TOCEX_TEXT_UTF16BE_BOM,
    TOCEX_TEXT_UTF32LE_BOM,
    TOCEX_TEXT_UTF32BE_BOM,
    TOCEX_TEXT_UTF16LE,   /**< no BOM, detected by NUL pattern */
    TOCEX_TEXT_UTF16BE,
    TOCEX_TEXT_CP1252,    /**< fallback for 8-bit text that is not UTF-8 */
    TOCEX_TEXT_LATIN1,    /**< fallback when CP1252 has no mapping for a byte */
    TOCEX_TEXT_ENCODING_COUNT
} tocex_text_encoding;

/** Decoded text: `utf8` is malloc'd, NUL-terminated, `len` bytes without the NUL. */
typedef struct tocex_text {
    char *utf8;
    size_t len;
    tocex_text_encoding encoding;
} tocex_text;

/** Name for messages: "UTF-8", "UTF-16LE (BOM)", "Windows-1252", ... */
const char *tocex_text_encoding_name(tocex_text_encoding enc);

/** Guess the encoding of raw bytes (rules 1-4 above; rule 4 only says CP1252). */
tocex_text_encoding tocex_text_detect(const uint8_t *data, size_t len);

/** True if `len` bytes are valid UTF-8 (RFC 3629). */
bool tocex_text_is_utf8(const uint8_t *data, size_t len);

/**
 * Decode `len` bytes into UTF-8. `name` is used in messages ("(input)" when NULL).
 * Errors: TOCEX_E_CHARSET (malformed UTF-16/32, odd length), TOCEX_E_PARSE (NUL character,
 * message names the line), TOCEX_E_NOMEM. On success free with tocex_text_free().
 */
tocex_status tocex_text_decode(const char *name, const uint8_t *data, size_t len, tocex_text *out,
                               tocex_error *err);
/**
 * Same, for bytes in a malloc'd buffer of `cap` bytes that the call takes over (freed, or kept
 * as out->utf8): UTF-8 text without byte order mark is used in place when cap > len.
 */
tocex_status tocex_text_decode_buffer(const char *name, uint8_t *buf, size_t len, size_t cap, tocex_text *out,
                                      tocex_error *err);
void tocex_text_free(tocex_text *text);

/**
 * Convert a UTF-8 string to another charset (iconv name, e.g. "ISO-8859-1", "CP932").
 * Returns malloc'd NUL-terminated bytes, or NULL when a character has no mapping there (or
 * the input is not valid UTF-8, or memory ran out). `*out_len` gets the length.
 */
char *tocex_text_from_utf8(const char *utf8, const char *charset, size_t *out_len);

/** Line reader over decoded text. Line ends: LF, CRLF or a lone CR (old Mac). */
typedef struct tocex_lines {
    const char *name;  /**< for messages */
    const char *data;
    size_t len;
    size_t pos;
    long line;         /**< number of the line last returned (1-based) */
    size_t max_line;   /**< longest line accepted, in bytes without the line end */
} tocex_lines;

/** Start reading `text`; lines longer than `max_line` bytes are refused. */
void tocex_lines_init(tocex_lines *r, const char *name, const tocex_text *text, size_t max_line);

/**
 * Next line: *line points into the text (not NUL-terminated), *len its length without the
 * line end. Returns 1 for a line, 0 at the end, -1 on error: TOCEX_E_LIMIT with
 * "name:line: line is longer than N bytes". A final line without a line end is returned; an
 * empty text has no lines.
 */
int tocex_lines_next(tocex_lines *r, const char **line, size_t *len, tocex_error *err);

#endif
