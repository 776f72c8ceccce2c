/* Tokenizer for cdrdao .toc files. */
#include <stdio.h>
#include <string.h>

#include "image/cdrdao_lex.h"

/* Frames and sample counts above this are refused: no CD holds them, and it keeps every sum
 * of lengths far from overflowing. */
#define CDRDAO_NUMBER_MAX UINT64_C(1000000000000)

void cdrdao_lex_init(cdrdao_lexer *lx, const char *name, const uint8_t *data, size_t len)
{
    tocex_span_init(&lx->in, data, len);
    lx->name = name;
    lx->line = 1;
    /* a UTF-8 byte order mark written by some editors */
    if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
        tocex_span_skip(&lx->in, 3);
}

static bool peek(const cdrdao_lexer *lx, size_t at, uint8_t *c) { return tocex_span_peek_u8(&lx->in, at, c); }

static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }
static bool is_ident_start(uint8_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static bool is_ident(uint8_t c) { return is_ident_start(c) || is_digit(c); }

static void skip_space_and_comments(cdrdao_lexer *lx)
{
    uint8_t c, d;
    while (peek(lx, 0, &c)) {
        if (c == '\n') {
            lx->line++;
            tocex_span_skip(&lx->in, 1);
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            tocex_span_skip(&lx->in, 1);
        } else if (c == '/' && peek(lx, 1, &d) && d == '/') {
            while (peek(lx, 0, &c) && c != '\n')
                tocex_span_skip(&lx->in, 1);
        } else {
            break;
        }
    }
}

static tocex_status read_number(cdrdao_lexer *lx, uint64_t *out, size_t *digits, tocex_error *err)
{
    uint8_t c;
    uint64_t v = 0;
    *digits = 0;
    while (peek(lx, 0, &c) && is_digit(c)) {
        v = v * 10 + (uint64_t)(c - '0');
        if (v > CDRDAO_NUMBER_MAX)
            return tocex_error_at_line(err, TOCEX_E_LIMIT, lx->name, lx->line, "number is too large");
        tocex_span_skip(&lx->in, 1);
        (*digits)++;
    }
    *out = v;
    return TOCEX_OK;
}

/* After the first number: ":digits:digit" follows (a time MM:SS:FF). */
static bool looks_like_time(const cdrdao_lexer *lx)
{
    uint8_t c;
    size_t at = 1;
    if (!(peek(lx, 0, &c) && c == ':'))
        return false;
    while (peek(lx, at, &c) && is_digit(c))
        at++;
    return at > 1 && peek(lx, at, &c) && c == ':' && peek(lx, at + 1, &c) && is_digit(c);
}

static tocex_status lex_number(cdrdao_lexer *lx, cdrdao_tok *tok, tocex_error *err)
{
    uint64_t part[3] = {0, 0, 0};
    size_t digits;
    uint8_t c, d;
    tocex_status st = read_number(lx, &part[0], &digits, err);
    if (st != TOCEX_OK)
        return st;
    /* "m:s:f" with no blanks is a time; "0 : 9", "0: 9" or "0:9" (LANGUAGE_MAP) is number, colon,
     * number */
    if (!looks_like_time(lx)) {
        if (peek(lx, 0, &c) && is_ident_start(c))
            return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line,
                                       "malformed number or time (a letter follows the digits)");
        tok->kind = CDRDAO_TOK_INT;
        tok->value = part[0];
        return TOCEX_OK;
    }
    for (int i = 1; i < 3; i++) {
        if (!(peek(lx, 0, &c) && c == ':' && peek(lx, 1, &d) && is_digit(d)))
            return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line,
                                       "malformed time: MM:SS:FF expected");
        tocex_span_skip(&lx->in, 1);
        if ((st = read_number(lx, &part[i], &digits, err)) != TOCEX_OK)
            return st;
    }
    if (peek(lx, 0, &c) && (is_ident(c) || c == ':'))
        return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line, "malformed time: MM:SS:FF expected");
    if (part[1] >= 60)
        return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line,
                                   "time %llu:%llu:%llu: seconds must be below 60", (unsigned long long)part[0],
                                   (unsigned long long)part[1], (unsigned long long)part[2]);
    if (part[2] >= 75)
        return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line,
                                   "time %llu:%llu:%llu: frames must be below 75", (unsigned long long)part[0],
                                   (unsigned long long)part[1], (unsigned long long)part[2]);
    if (part[0] > 100000)
        return tocex_error_at_line(err, TOCEX_E_LIMIT, lx->name, lx->line, "time of %llu minutes is too large",
                                   (unsigned long long)part[0]);
    tok->kind = CDRDAO_TOK_MSF;
    tok->value = part[0] * 4500 + part[1] * 75 + part[2];
    return TOCEX_OK;
}

static tocex_status lex_string(cdrdao_lexer *lx, cdrdao_tok *tok, tocex_error *err)
{
    uint8_t c;
    long start_line = lx->line;
    size_t n = 0;
    tocex_span_skip(&lx->in, 1); /* opening quote */
    for (;;) {
        uint8_t out;
        if (!tocex_span_get_u8(&lx->in, &c))
            return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, start_line, "string is not terminated");
        if (c == '"')
            break;
        if (c == '\n')
            return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, start_line,
                                       "string is not terminated before the end of the line");
        out = c;
        if (c == '\\') {
            uint8_t e;
            if (!tocex_span_get_u8(&lx->in, &e))
                return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, start_line, "string is not terminated");
            if (e >= '0' && e <= '7') {
                /* \ooo: up to three octal digits (cdrdao writes non-ASCII CD-TEXT bytes this way) */
                unsigned v = (unsigned)(e - '0');
                for (int i = 0; i < 2; i++) {
                    uint8_t o;
                    if (!peek(lx, 0, &o) || o < '0' || o > '7')
                        break;
                    v = v * 8 + (unsigned)(o - '0');
                    tocex_span_skip(&lx->in, 1);
                }
                if (v > 0xFF)
                    return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line,
                                               "octal escape \\%o does not fit a byte", v);
                out = (uint8_t)v;
            } else if (e == '\n') {
                return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, start_line,
                                           "string is not terminated before the end of the line");
            } else {
                out = e; /* \" \\ and any other escaped character stand for themselves */
            }
        }
        if (n >= CDRDAO_MAX_STRING)
            return tocex_error_at_line(err, TOCEX_E_LIMIT, lx->name, start_line,
                                       "string is longer than %d bytes", CDRDAO_MAX_STRING);
        tok->text[n++] = (char)out;
    }
    tok->text[n] = '\0';
    tok->text_len = n;
    tok->kind = CDRDAO_TOK_STRING;
    return TOCEX_OK;
}

tocex_status cdrdao_lex_next(cdrdao_lexer *lx, cdrdao_tok *tok, tocex_error *err)
{
    uint8_t c;
    skip_space_and_comments(lx);
    tok->line = lx->line;
    tok->value = 0;
    tok->text[0] = '\0';
    tok->text_len = 0;
    if (!peek(lx, 0, &c)) {
        tok->kind = CDRDAO_TOK_EOF;
        return TOCEX_OK;
    }
    if (is_ident_start(c)) {
        size_t n = 0;
        while (peek(lx, 0, &c) && is_ident(c)) {
            if (n >= 64)
                return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line, "word is too long");
            tok->text[n++] = (char)c;
            tocex_span_skip(&lx->in, 1);
        }
        tok->text[n] = '\0';
        tok->text_len = n;
        tok->kind = CDRDAO_TOK_IDENT;
        return TOCEX_OK;
    }
    if (is_digit(c))
        return lex_number(lx, tok, err);
    if (c == '"')
        return lex_string(lx, tok, err);
    if (c == '#') {
        size_t digits;
        uint8_t d;
        tocex_status st;
        tocex_span_skip(&lx->in, 1);
        if (!peek(lx, 0, &d) || !is_digit(d))
            return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line, "'#' must be followed by a byte offset");
        if ((st = read_number(lx, &tok->value, &digits, err)) != TOCEX_OK)
            return st;
        tok->kind = CDRDAO_TOK_OFFSET;
        return TOCEX_OK;
    }
    tocex_span_skip(&lx->in, 1);
    switch (c) {
    case '{': tok->kind = CDRDAO_TOK_LBRACE; return TOCEX_OK;
    case '}': tok->kind = CDRDAO_TOK_RBRACE; return TOCEX_OK;
    case ',': tok->kind = CDRDAO_TOK_COMMA; return TOCEX_OK;
    case ':': tok->kind = CDRDAO_TOK_COLON; return TOCEX_OK;
    default: break;
    }
    if (c >= 0x20 && c < 0x7F)
        return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line, "unexpected character '%c'", (char)c);
    return tocex_error_at_line(err, TOCEX_E_PARSE, lx->name, lx->line, "unexpected byte 0x%02X", c);
}

const char *cdrdao_tok_describe(const cdrdao_tok *tok, char *buf, size_t size)
{
    switch (tok->kind) {
    case CDRDAO_TOK_EOF: snprintf(buf, size, "end of file"); break;
    case CDRDAO_TOK_IDENT: snprintf(buf, size, "'%s'", tok->text); break;
    case CDRDAO_TOK_STRING: snprintf(buf, size, "a string"); break;
    case CDRDAO_TOK_INT: snprintf(buf, size, "the number %llu", (unsigned long long)tok->value); break;
    case CDRDAO_TOK_MSF: snprintf(buf, size, "a time"); break;
    case CDRDAO_TOK_OFFSET: snprintf(buf, size, "a #offset"); break;
    case CDRDAO_TOK_LBRACE: snprintf(buf, size, "'{'"); break;
    case CDRDAO_TOK_RBRACE: snprintf(buf, size, "'}'"); break;
    case CDRDAO_TOK_COMMA: snprintf(buf, size, "','"); break;
    case CDRDAO_TOK_COLON: snprintf(buf, size, "':'"); break;
    }
    return buf;
}
