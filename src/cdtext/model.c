/* CD-TEXT text blocks: allocation, lookup and setters. */
#include <stdlib.h>
#include <string.h>

#include "cdtext/charset.h"
#include "tocex/cdtext.h"

tocex_cdtext *tocex_cdtext_new(void) { return calloc(1, sizeof(tocex_cdtext)); }

void tocex_cdtext_free(tocex_cdtext *ct)
{
    if (ct == NULL)
        return;
    /* blocks past block_count are never filled (tocex_cdtext_block_get hands out the next) */
    for (size_t b = 0; b < ct->block_count && b < TOCEX_CDTEXT_MAX_BLOCKS; b++) {
        tocex_cdtext_block *blk = &ct->blocks[b];
        for (size_t f = 0; f < TOCEX_CDTEXT_FIELD_COUNT; f++)
            for (size_t t = 0; t < 100; t++)
                free(blk->text[f][t]);
        free(blk->genre_text);
    }
    free(ct);
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
    memset(blk, 0, sizeof *blk);
    blk->number = (uint8_t)block;
    blk->language = 0x09; /* English (EBU Tech 3264) */
    blk->charset = TOCEX_CDTEXT_CHARSET_ISO8859_1;
    return blk;
}

/* Fields that carry text: 80h..86h, 8Dh, 8Eh; 87h text is genre_text (disc only). */
static bool text_field(tocex_cdtext_field field)
{
    return field <= TOCEX_CDTEXT_DISC_ID || field == TOCEX_CDTEXT_CLOSED || field == TOCEX_CDTEXT_UPC_ISRC ||
           field == TOCEX_CDTEXT_GENRE;
}

static bool disc_only(tocex_cdtext_field field)
{
    return field == TOCEX_CDTEXT_DISC_ID || field == TOCEX_CDTEXT_CLOSED || field == TOCEX_CDTEXT_GENRE;
}

tocex_status tocex_cdtext_set(tocex_cdtext *ct, unsigned block, tocex_cdtext_field field, unsigned track,
                              const char *utf8, tocex_error *err)
{
    tocex_cdtext_block *blk;
    char *copy = NULL;
    char **slot;
    if (ct == NULL)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: no text set given");
    if (block >= TOCEX_CDTEXT_MAX_BLOCKS)
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: block %u: blocks are 0..7", block);
    if ((unsigned)field >= TOCEX_CDTEXT_FIELD_COUNT || !text_field(field))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: field %u (pack type %02Xh) holds no text",
                               (unsigned)field, 0x80u + (unsigned)field);
    if (track > 99 || (track != 0 && disc_only(field)))
        return tocex_error_set(err, TOCEX_E_INVALID_ARGUMENT, "CD-TEXT: %s: track %u out of range",
                               tocex_cdtext_field_name(field), track);
    if (utf8 != NULL && utf8[0] != '\0') {
        if (!tocex_cdtext_utf8_valid(utf8))
            return tocex_error_set(err, TOCEX_E_CHARSET, "CD-TEXT: block %u %s track %u: not valid UTF-8", block,
                                   tocex_cdtext_field_name(field), track);
        copy = strdup(utf8);
        if (copy == NULL)
            return tocex_error_set(err, TOCEX_E_NOMEM, "out of memory");
    }
    blk = tocex_cdtext_block_get(ct, block, true);
    if (blk == NULL) {
        free(copy);
        return tocex_error_set(err, TOCEX_E_LIMIT, "CD-TEXT: no room for block %u", block);
    }
    slot = field == TOCEX_CDTEXT_GENRE ? &blk->genre_text : &blk->text[field][track];
    free(*slot);
    *slot = copy; /* "" and NULL both mean absent */
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
