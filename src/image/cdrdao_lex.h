/* Internal: tokenizer for cdrdao .toc files (grammar: cdrdao trackdb/TocParser.g, man page
 * "TOC FILES"). Free-form tokens, `//` comments, strings with \" \\ and \ooo escapes. */
#ifndef TOCEX_IMAGE_CDRDAO_LEX_H
#define TOCEX_IMAGE_CDRDAO_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/bytes.h"
#include "tocex/status.h"

typedef enum cdrdao_tok_kind {
    CDRDAO_TOK_EOF = 0,
    CDRDAO_TOK_IDENT,  /**< keyword or bare word */
    CDRDAO_TOK_STRING, /**< "...", escapes resolved; bytes in text/text_len */
    CDRDAO_TOK_INT,    /**< decimal number */
    CDRDAO_TOK_MSF,    /**< m:s:f, value = frames */
    CDRDAO_TOK_OFFSET, /**< #number */
    CDRDAO_TOK_LBRACE,
    CDRDAO_TOK_RBRACE,
    CDRDAO_TOK_COMMA,
    CDRDAO_TOK_COLON
} cdrdao_tok_kind;

#define CDRDAO_MAX_STRING 4096

typedef struct cdrdao_tok {
    cdrdao_tok_kind kind;
    long line;
    uint64_t value;  /**< INT, OFFSET; MSF: frames */
    char text[CDRDAO_MAX_STRING + 1]; /**< IDENT / STRING bytes, NUL-terminated */
    size_t text_len;
} cdrdao_tok;

typedef struct cdrdao_lexer {
    tocex_span in;
    const char *name; /**< for messages */
    long line;
} cdrdao_lexer;

void cdrdao_lex_init(cdrdao_lexer *lx, const char *name, const uint8_t *data, size_t len);
/** Next token into *tok; errors name file:line. */
tocex_status cdrdao_lex_next(cdrdao_lexer *lx, cdrdao_tok *tok, tocex_error *err);
/** Short description of a token for messages ("'TRACK'", "a string", "end of file"). */
const char *cdrdao_tok_describe(const cdrdao_tok *tok, char *buf, size_t size);

#endif
