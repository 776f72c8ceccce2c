/* CD-TEXT text blocks: allocation, lookup and setters. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cdtext/charset.h"
#include "cdtext/internal.h"
#include "tocex/cdtext.h"

char *const tocex_cdtext_no_texts[100] = {NULL};

tocex_cdtext *tocex_cdtext_new(void)
{
    /* The blocks are cleared when tocex_cdtext_block_get or the decoder hands one out; slots
     * past block_count are never read. */
    tocex_cdtext *ct = malloc(sizeof *ct);
    if (ct == NULL)
        return NULL;
    ct->block_count = 0;
    ct->crc_errors = 0;
    ct->zero_crc_packs = 0;
    ct->warnings = 0;
    ct->first_warning[0] = '\0';
    ct->text_store = NULL;
    ct->text_store_size = 0;
    ct->texts_outside = true; /* (no storage: every text is its own) */
    return ct;
}

void tocex_cdtext_block_clear(tocex_cdtext_block *blk)
{
    blk->number = 0;
    blk->language = 0;
    blk->charset = 0;
    blk->copyright = false;
    blk->first_track = 0;
    blk->last_track = 0;
    for (size_t f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
        blk->text[f] = tocex_cdtext_empty_row();
    blk->genre = 0;
    blk->genre_text = NULL;
    memset(blk->pack_count, 0, sizeof blk->pack_count);
    blk->last_sequence = 0;
}

void tocex_cdtext_free(tocex_cdtext *ct)
{
    if (ct == NULL)
        return;
    /* blocks past block_count are never filled (tocex_cdtext_block_get hands out the next);
     * when every text and row lies in the storage, there is nothing else to free */
    for (size_t b = 0; ct->texts_outside && b < ct->block_count && b < TOCEX_CDTEXT_MAX_BLOCKS; b++) {
        tocex_cdtext_block *blk = &ct->blocks[b];
        for (size_t f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++) {
            char **row = blk->text[f];
            if (row == tocex_cdtext_empty_row())
                continue;
            if (!tocex_cdtext_row_unused(row))
                for (size_t t = 0; t < 100; t++)
                    tocex_cdtext_release(ct, row[t]);
            if (!tocex_cdtext_in_store(ct, (const char *)row))
                free(row);
        }
        tocex_cdtext_release(ct, blk->genre_text);
    }
    /* the text storage is part of the set's allocation */
    free(ct);
}

char **tocex_cdtext_row(tocex_cdtext *ct, tocex_cdtext_block *blk, tocex_cdtext_field field)
{
    char **row;
    uintptr_t at;
    if (ct == NULL || blk == NULL || (unsigned)field >= TOCEX_CDTEXT_FIELD_COUNT)
        return NULL;
    /* blk must be one of the set's blocks in use (compared as integers: it may be any pointer) */
    at = (uintptr_t)blk - (uintptr_t)ct->blocks;
    if (at >= ct->block_count * sizeof ct->blocks[0] || at % sizeof ct->blocks[0] != 0)
        return NULL;
    ct->texts_outside = true; /* the caller may put a malloc'd string into the row */
    if (blk->text[field] != tocex_cdtext_empty_row())
        return blk->text[field];
    row = calloc(100, sizeof *row);
    if (row != NULL)
        blk->text[field] = row;
    return row;
}

tocex_cdtext_block *tocex_cdtext_block_get(tocex_cdtext *ct, unsigned block, bool create)
{
    tocex_cdtext_block *blk;
    if (ct == NULL || block >= TOCEX_CDTEXT_MAX_BLOCKS)
        return NULL;
    for (size_t i = 0; i < ct->block_count && i < TOCEX_CDTEXT_MAX_BLOCKS; i++)
        if (ct->blocks[i].number == block)
            return &ct->blocks[i];
    if (!create || ct->block_count >= TOCEX_CDTEXT_MAX_BLOCKS)
        return NULL;
    blk = &ct->blocks[ct->block_count++];
    tocex_cdtext_block_clear(blk);
    blk->number = (uint8_t)block;
    blk->language = 0x09; /* English (EBU Tech 3264) */
    blk->charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
    return blk;
}

static tocex_status check_args(unsigned block, tocex_cdtext_field field, unsigned track, tocex_error *err)
{
    if (block >= TOCEX_CDTEXT_MAX_BLOCKS)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: block %u: blocks are 0..7", block);
    if ((unsigned)field >= TOCEX_CDTEXT_FIELD_COUNT || !tocex_cdtext_text_field(field))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: field %u (pack type %02Xh) holds no text",
                               (unsigned)field, 0x80u + (unsigned)field);
    if (track > 99 || (track != 0 && tocex_cdtext_disc_only(field)))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: %s: track %u out of range",
                               tocex_cdtext_field_name(field), track);
    return TOCEX_OK;
}

tocex_status tocex_cdtext_check_text(unsigned block, tocex_cdtext_field field, unsigned track, const char *utf8,
                                     bool known_utf8, tocex_error *err)
{
    tocex_status st = check_args(block, field, track, err);
    if (st != TOCEX_OK)
        return st;
    if (!known_utf8 && !tocex_cdtext_utf8_valid(utf8))
        return tocex_error_set(err, TOCEX_E_CHARSET, "CD-TEXT: block %u %s track %u: not valid UTF-8", block,
                               tocex_cdtext_field_name(field), track);
    return TOCEX_OK;
}

tocex_status tocex_cdtext_set(tocex_cdtext *ct, unsigned block, tocex_cdtext_field field, unsigned track,
                              const char *utf8, tocex_error *err)
{
    tocex_cdtext_block *blk;
    char *copy = NULL;
    char **slot;
    tocex_status st;
    if (ct == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: no text set given");
    if (utf8 != NULL && utf8[0] != '\0') {
        size_t len;
        if ((st = tocex_cdtext_check_text(block, field, track, utf8, false, err)) != TOCEX_OK)
            return st;
        len = strlen(utf8) + 1;
        copy = malloc(len);
        if (copy == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
        memcpy(copy, utf8, len);
    } else if ((st = check_args(block, field, track, err)) != TOCEX_OK) {
        return st;
    }
    blk = tocex_cdtext_block_get(ct, block, true);
    if (blk == NULL) {
        free(copy);
        return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT: no room for block %u", block);
    }
    if (field == TOCEX_CDTEXT_GENRE) {
        slot = &blk->genre_text;
    } else if (copy == NULL && blk->text[field] == tocex_cdtext_empty_row()) {
        return TOCEX_OK; /* removing a text from a field that has none */
    } else {
        char **row = tocex_cdtext_row(ct, blk, field);
        if (row == NULL) {
            free(copy);
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
        }
        slot = &row[track];
    }
    tocex_cdtext_release(ct, *slot);
    *slot = copy; /* "" and NULL both mean absent */
    if (copy != NULL)
        ct->texts_outside = true;
    return TOCEX_OK;
}

const char *tocex_cdtext_get(const tocex_cdtext *ct, unsigned block, tocex_cdtext_field field, unsigned track)
{
    if (ct == NULL || (unsigned)field >= TOCEX_CDTEXT_FIELD_COUNT || track > 99)
        return NULL;
    for (size_t i = 0; i < ct->block_count && i < TOCEX_CDTEXT_MAX_BLOCKS; i++) {
        const tocex_cdtext_block *blk = &ct->blocks[i];
        if (blk->number != block)
            continue;
        if (field == TOCEX_CDTEXT_GENRE)
            return track == 0 ? blk->genre_text : NULL;
        return blk->text[field][track];
    }
    return NULL;
}
