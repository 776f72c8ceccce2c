/* Internal: turning recorded full-TOC entries (READ TOC format 2 descriptors, Alcohol .mds
 * Q entries) into tracks, sessions and lead-outs of a disc model. */
#ifndef TOCEX_IMAGE_RAW_FULLTOC_H
#define TOCEX_IMAGE_RAW_FULLTOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tocex/disc.h"
#include "tocex/status.h"

/** Format-0 facts to check a full TOC against (count 0 = none). */
typedef struct tocex_fmt0_view {
    size_t count;
    uint8_t number[TOCEX_MAX_TRACKS];
    int32_t start[TOCEX_MAX_TRACKS];
    int32_t leadout; /* TOCEX_LBA_NONE if none */
} tocex_fmt0_view;

/**
 * cdrdao's heuristic (reference notes §3.9): the entries are BCD only if every ADR-1 POINT below
 * A0h and every track/A2 PMSF is a valid BCD byte, some value differs between the two readings,
 * and (when a format-0 TOC is given) the BCD reading reproduces its track starts and lead-out.
 * Without a format-0 TOC the standard (binary) is kept.
 */
bool tocex_image_fulltoc_is_bcd(const tocex_toc_entry *e, size_t n, const tocex_fmt0_view *fmt0);

/**
 * Build tracks, sessions, lead-outs, A0 disc types and given B0/C0 values from the entries
 * (converted from BCD first when `bcd`), and record the entries (binary) as the disc's full TOC.
 * `offsets` (may be NULL) gives each entry's byte offset in `name` for messages; else the
 * message names the entry index. `fallback_leadout` (TOCEX_LBA_NONE: none) stands in for a
 * missing A2 of the last session (noted).
 */
tocex_status tocex_fulltoc_apply(tocex_disc *disc, const tocex_toc_entry *e, size_t n, bool bcd,
                                 const char *name, const uint64_t *offsets, int32_t fallback_leadout,
                                 tocex_error *err);

/**
 * Check that the entries, answered verbatim as READ TOC format 2, are an answer the initiator's
 * decoder and interpreter accept. On failure `why` describes the problem (without an offset) and
 * `*bad` is the index of the offending entry.
 */
tocex_status tocex_fulltoc_entries_check(const tocex_toc_entry *e, size_t n, size_t *bad, tocex_error *why);
#endif
