/* Disc models shared by the encoder and emulated-drive tests. Each is malloc'd and finished;
 * free with tocex_disc_free, then free. */
#ifndef TOCEX_TEST_DISCS_H
#define TOCEX_TEST_DISCS_H

#include "tocex/disc.h"

/** The two-session CD-R of HERONG's `readcd -fulltoc` sample (mmc-read-toc.md 2.3): track 1 at
 *  00:02:00 (LBA 0), session-1 lead-out 26:24:65 (LBA 118715), track 2 at 28:56:65 (LBA 130115),
 *  session-2 lead-out 30:04:60 (LBA 135210), appendable; ATIP lead-in 97:34:21, last lead-out
 *  74:43:00, special information bytes 80 00 00 (what the drive's C0 copies). */
tocex_disc *tu_herong_disc(void);

/** A small pressed disc of `media`: two audio tracks and a data track, lead-out at LBA 45000. */
tocex_disc *tu_small_disc(tocex_media media);

#endif
