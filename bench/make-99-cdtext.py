#!/usr/bin/env python3
"""Write a 99-track audio cue sheet with CD-TEXT (TITLE/PERFORMER/SONGWRITER for the disc, TITLE/PERFORMER
for every track, within one block's 253 text packs) and its .bin as a sparse file: bench/make-99-cdtext.py DIR"""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
frames_per_track = 3000  # 40 s
lines = ['REM GENRE "Benchmark"', 'CATALOG 0123456789012', 'PERFORMER "The Benchmark Ensemble"',
         'SONGWRITER "A. Composer"', 'TITLE "Ninety-nine tracks"', 'FILE "bench99.bin" BINARY']
for t in range(1, 100):
    start = (t - 1) * frames_per_track + (150 if t > 1 else 0)
    # one CD-TEXT block holds at most 253 text packs (12 bytes each): short per-track texts
    lines += ['  TRACK %02d AUDIO' % t, '    TITLE "Song %d"' % t, '    PERFORMER "Artist %d"' % t,
              '    ISRC GBXYZ26%05d' % t]
    if t > 1:
        s = start - 150
        lines.append('    INDEX 00 %02d:%02d:%02d' % (s // 4500, s // 75 % 60, s % 75))
    lines.append('    INDEX 01 %02d:%02d:%02d' % (start // 4500, start // 75 % 60, start % 75))
with open(os.path.join(out, 'bench99.cue'), 'w') as f:
    f.write('\n'.join(lines) + '\n')
with open(os.path.join(out, 'bench99.bin'), 'wb') as f:
    f.truncate(99 * frames_per_track * 2352 + 150 * 2352)
