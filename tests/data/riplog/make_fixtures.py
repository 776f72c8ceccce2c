#!/usr/bin/env python3
"""Writes the ripper-log fixtures of tests/unit/test_riplog.c.

The TOC numbers come from the shared test data (vectors/discids.csv, LBA+150 convention, and
whipper/cure.toc for pre-gaps); the surrounding log text imitates each ripper's layout (headings,
column widths, per-track sections) with made-up titles, drives and checksums. Localized headings
(eac-ru-cp1251.log) are illustrative: only the table's structure matters to the reader.

Usage: make_fixtures.py TESTDATA_DIR OUT_DIR
"""
import csv
import re
import os
import sys

FRAMES_PER_SEC = 75


def rows_from_csv(testdata):
    out = {}
    with open(os.path.join(testdata, 'vectors', 'discids.csv'), newline='') as f:
        for i, r in enumerate(csv.DictReader(f)):
            out[i + 2] = r  # file line number of the row
    return out


def toc_of(r):
    """(starts LBA, ends LBA inclusive, data track numbers, sessions) as a disc's TOC."""
    offs = [int(x) - 150 for x in r['offsets'].split()]
    leadout = int(r['leadout_lba']) - 150
    data = {int(x) for x in r['data_tracks'].split()} if r['data_tracks'] else set()
    first = int(r['first_track'])
    ends = []
    for i, s in enumerate(offs):
        nxt = offs[i + 1] if i + 1 < len(offs) else leadout
        num = first + i
        # a trailing data track in session 2: the audio session ends 11400 sectors before it
        if i + 1 < len(offs) and (num + 1) in data and i + 2 == len(offs):
            nxt -= 11400
        ends.append(nxt - 1)
    return first, offs, ends, data


def msf_dot(frames):  # EAC: M:SS.FF
    m, rest = divmod(frames, 60 * FRAMES_PER_SEC)
    s, f = divmod(rest, FRAMES_PER_SEC)
    return '%d:%02d.%02d' % (m, s, f)


def msf_colon(frames):  # XLD / whipper: MM:SS:FF
    m, rest = divmod(frames, 60 * FRAMES_PER_SEC)
    s, f = divmod(rest, FRAMES_PER_SEC)
    return '%02d:%02d:%02d' % (m, s, f)


def eac_table(first, starts, ends, header=None):
    lines = [header or '     Track |   Start  |  Length  | Start sector | End sector ',
             '    ---------------------------------------------------------']
    for i, (s, e) in enumerate(zip(starts, ends)):
        lines.append('%9d  | %8s | %8s |  %9d    | %9d   ' % (first + i, msf_dot(s), msf_dot(e - s + 1), s, e))
    return lines


def eac_log(first, starts, ends, data, artist, title, version='Exact Audio Copy V1.0 beta 3 from 29. August 2011',
            header=None, ripped_heading='Track %2d', pregap_word='Pre-gap length', extracted='TOC of the extracted CD',
            logline='EAC extraction logfile from 12. March 2021, 20:14', pregaps=None, ctdb=None):
    L = [version, '', logline, '', '%s / %s' % (artist, title), '',
         'Used drive  : PLEXTOR DVDR   PX-716A   Adapter: 1  ID: 0', '',
         'Read mode               : Secure', 'Utilize accurate stream : Yes', 'Defeat audio cache      : Yes',
         'Make use of C2 pointers : No', '', 'Read offset correction                      : 30',
         'Overread into Lead-In and Lead-Out          : No', 'Fill up missing offset samples with silence : Yes',
         'Delete leading and trailing silent blocks   : No', 'Null samples used in CRC calculations       : Yes',
         'Used interface                              : Native Win32 interface for Win NT & 2000',
         'Gap handling                                : Appended to previous track', '',
         'Used output format              : User Defined Encoder', 'Selected bitrate                : 1024 kBit/s',
         'Quality                         : High', 'Add ID3 tag                     : No',
         'Command line compressor         : C:\\Program Files\\Exact Audio Copy\\Flac\\flac.exe',
         'Additional command line options : -8 -V -T "ARTIST=%artist%" %source% -o %dest%', '', '',
         extracted, ''] + eac_table(first, starts, ends, header) + ['', '']
    for i in range(len(starts)):
        n = first + i
        if n in data:
            continue
        L += [ripped_heading % n, '', '     Filename C:\\Rips\\%s\\%02d - Track %d.wav' % (title, n, n), '']
        if pregaps is not None:
            L += ['     %s  %s' % (pregap_word, '0:' + msf_dot(pregaps[i]).rjust(8, '0')), '']
        crc = (0x1F2E3D4C * (n + 7)) & 0xFFFFFFFF
        L += ['     Peak level 97.%d %%' % (n % 10), '     Extraction speed 6.%d X' % (n % 10),
              '     Track quality 100.0 %', '     Test CRC %08X' % crc, '     Copy CRC %08X' % crc,
              '     Accurately ripped (confidence 4)  [%08X]  (AR v2)' % (crc ^ 0x5A5A5A5A), '     Copy OK', '']
    L += ['', 'All tracks accurately ripped', '', 'No errors occurred', '', 'End of status report', '', '']
    if ctdb:
        L += ['---- CUETools DB Plugin V2.1.6', '', '[CTDB TOCID: %s] found' % ctdb, 'Submit result: already submitted',
              'Track | CTDB Status']
        L += ['  %d   | (3/3) Accurately ripped' % (first + i) for i in range(len(starts)) if first + i not in data]
        L += ['', '']
    return L


def xld_log(first, starts, ends, pregaps, artist, title, arid):
    L = ['X Lossless Decoder version 20230627 (155.2)', '', 'XLD extraction logfile from 2023-09-14 22:05:41 +0200',
         '', '%s / %s' % (artist, title), '', 'Used drive : HL-DT-ST DVDRW GX50N (revision RR06)',
         'Media type : Pressed CD', '', 'Ripper mode             : XLD Secure Ripper',
         'Disable audio cache     : OK for the drive with a cache less than 1375KiB',
         'Make use of C2 pointers : NO', 'Read offset correction  : 6', 'Max retry count         : 20',
         'Gap status              : Analyzed, Appended', '', 'TOC of the extracted CD',
         '     Track |   Start  |  Length  | Start sector | End sector ',
         '    ---------------------------------------------------------']
    for i, (s, e) in enumerate(zip(starts, ends)):
        L.append('%9d  | %s | %s |  %9d    | %9d   ' % (first + i, msf_colon(s), msf_colon(e - s + 1), s, e))
    L += ['', 'AccurateRip Summary (DiscID: %s)' % arid]
    for i in range(len(starts)):
        L.append('    Track %02d : OK (v2, confidence 7/9)' % (first + i))
    L += ['        ->All tracks accurately ripped.', '', 'All Tracks', '    Statistics',
          '        Read error                           : 0', '        Jitter error (maybe fixed)           : 0',
          '        Retry sector count                   : 0', '        Damaged sector count                 : 0', '']
    for i in range(len(starts)):
        n = first + i
        L += ['Track %02d' % n, '    Filename : /Users/someone/Music/%02d %s.flac' % (n, title)]
        # XLD counts track 1's pre-gap with the 2 s before LBA 0
        if pregaps is not None:
            L.append('    Pre-gap length : %s' % msf_colon(pregaps[i] + (150 if i == 0 else 0)))
        crc = (0x0BADF00D * (n + 3)) & 0xFFFFFFFF
        L += ['', '    CRC32 hash               : %08X' % crc, '    AccurateRip v2 signature : %08X' % (crc ^ 0x33),
              '        ->Accurately ripped (v2, confidence 7/9)', '    Statistics',
              '        Read error                           : 0', '        Damaged sector count                 : 0', '']
    L += ['No errors occurred', '', 'End of status report', '']
    return L


def whipper_log(first, starts, ends, data, htoa, zero_pad, cdr, title, cddb, mb, pregaps=None):
    L = ['Log created by: whipper 0.10.0 (internal logger)', 'Log creation date: 2021-11-02T18:44:09Z', '',
         'Ripping phase information:', '  Drive: HL-DT-STDVDRAM GH24NSD1 (revision LG00)',
         '  Extraction engine: cdparanoia cdparanoia III 10.2 libcdio 2.1.0 x86_64-pc-linux-gnu',
         '  Defeat audio cache: Yes', '  Read offset correction: +6', '  Overread into lead-out: No',
         '  Gap detection: cdrdao 1.2.4', '  CD-R detected: %s' % ('Yes' if cdr else 'No'), '', 'CD metadata:',
         '  Release:', '    Artist: Someone', '    Title: %s' % title, '  CDDB Disc ID: %s' % cddb]
    if mb:
        L.append('  MusicBrainz Disc ID: %s' % mb)
    L += ['', 'TOC:']
    fmt = '  %02d:' if zero_pad else '  %d:'
    if htoa:
        L += [fmt % 0, '    Start: %s' % msf_colon(0), '    Length: %s' % msf_colon(starts[0]),
              '    Start sector: 0', '    End sector: %d' % (starts[0] - 1), '']
    for i, (s, e) in enumerate(zip(starts, ends)):
        L += [fmt % (first + i), '    Start: %s' % msf_colon(s), '    Length: %s' % msf_colon(e - s + 1),
              '    Start sector: %d' % s, '    End sector: %d' % e, '']
    L.append('Tracks:')
    if htoa:
        L += [fmt % 0, '    Filename: ./%s/00. Hidden Track One Audio.flac' % title, '    Peak level: 0.501221', '']
    for i in range(len(starts)):
        n = first + i
        if n in data:
            continue
        L += [fmt % n, '    Filename: ./%s/%02d. Track.flac' % (title, n)]
        if i == 0 and htoa:
            L.append('    Pre-gap length: %s' % msf_colon(starts[0]))
        elif pregaps is not None and i < len(pregaps) and pregaps[i]:
            L.append('    Pre-gap length: %s' % msf_colon(pregaps[i]))
        crc = (0x600DCAFE * (n + 1)) & 0xFFFFFFFF
        L += ['    Peak level: 0.98', '    Pre-emphasis: No', '    Extraction speed: 7.1 X',
              '    Test CRC: %08X' % crc, '    Copy CRC: %08X' % crc, '    Status: Copy OK', '']
    L += ['Conclusive status report:', '  AccurateRip summary: All tracks accurately ripped',
          '  Health status: No errors occurred', '  EOF: End of status report', '',
          'SHA-256 hash: ' + '0' * 64, '']
    return L


def dbpa_log(first, starts, ends, arid=None):
    L = ['dBpoweramp Release 17.1 Digital Audio Extraction Log from Sunday, 07 August 2022 14:02', '',
         'Drive & Settings', '----------------', '',
         "Ripping with drive 'D:   [ASUS     - DRW-24D5MT       ]',  Drive offset: 6,  Overread Lead-in/out: No",
         'AccurateRip: Active,  Using C2: No,  Cache: 2048 KB,  FUA Cache Invalidate: No',
         'Pass 1 Drive Speed: Max,  Pass 2 Drive Speed: Max', '',
         'Encoder: FLAC -compression-level-5 -verify', '', 'Extraction Log', '--------------', '']
    for i, (s, e) in enumerate(zip(starts, ends)):
        n = first + i
        secs = (e + 1 - s) // 75
        crc = (0x13579BDF * (n + 5)) & 0xFFFFFFFF
        L += ['Track %d:  Ripped LBA %d to %d (%d:%02d) in 0:%02d. Filename: C:\\Rips\\%02d Track.flac'
              % (n, s, e + 1, secs // 60, secs % 60, 10 + n % 40, n),
              '  AccurateRip: Accurate (confidence 12)     [Pass 1]',
              '  CRC32: %08X     AccurateRip CRC: %08X (CRCv2)' % (crc, crc ^ 0x0F0F)
              + ('     [DiscID: %03d-%s-%d]' % (len(starts), arid, n) if arid else ''), '']
    L += ['--------------', '', '%d Tracks Ripped Accurately' % len(starts), '']
    return L


def freac_log(first, starts, ends, data, cddb):
    body = ['Starting conversion process...', '    Selected encoder:     FLAC Audio Encoder v1.3.4',
            '', '    Using drive:          device://cdda:0/', '        Drive model:      ASUS BW-16D1HT 3.10',
            '        Read offset:      6 samples', '', '    Disc TOC:', '',
            '        Track |   Start  |  Length  | Start sector | End sector',
            '        -------------------------------------------------------']
    for i, (s, e) in enumerate(zip(starts, ends)):
        n = first + i
        if n in data:
            body.append('         DATA |          |          | %12d | %10d' % (s, e))
        else:
            body.append('%13d | %s | %s | %12d | %10d' % (n, msf_dot(s).rjust(8, '0'),
                                                          msf_dot(e - s + 1).rjust(8, '0'), s, e))
    body += ['', '    Disc info:', '        CDDB disc ID:  %s' % cddb, '']
    for i in range(len(starts)):
        n = first + i
        if n in data:
            continue
        body += ['    Ripping: device://cdda:0/%d' % n, '         to: Someone - Album/%02d Track.flac' % n,
                 '    Finished ripping: device://cdda:0/%d' % n, '']
    L = ['Conversion #1 - %d tracks' % len(starts), '', 'Client:  fre:ac - free audio converter',
         'Version: v1.1.7 (x86-64)', '', 'System:  GNU/Linux', '', 'Date:    2023-02-11', 'Time:    10:21:03', '',
         'hh:mm:ss.fff', '------------']
    for k, b in enumerate(body):
        ms = 2 + k * 7
        L.append('00:00:%02d.%03d %s' % (ms // 1000, ms % 1000, b))
    L.append('')
    return L


def cyanrip_log(first, starts, ends, pregap_lsn, mb, cddb):
    L = ['cyanrip 0.9.3 (c23f1c4)', 'System device: /dev/sr0', 'Device model: TSSTcorp CDDVDW SE-208GB',
         'Offset: +6 samples', 'Overread: +0 frames', 'Speed: default (unchangeable)', 'Paranoia level: max',
         'Outputs: flac', 'Disc tracks: %d' % len(starts), 'Tracks to rip: all', 'DiscID: %s' % mb,
         'CDDB ID: %s' % cddb.upper(), 'Gaps: None signalled', 'Tracks:', '']
    for i, (s, e) in enumerate(zip(starts, ends)):
        n = first + i
        frames = e - s + 1
        L += ['Track %d ripped and encoded successfully!' % n, '', '  Preemphasis: none detected', '',
              '  Properties:', '    Duration: 00:%02d:%02d.%03d' % (frames // 4500, frames // 75 % 60, 0),
              '    Samples: %d' % (frames * 588), '    Frames: %d' % frames,
              '    Pregap LSN: %s' % (str(pregap_lsn[i]) if pregap_lsn[i] is not None else 'none'),
              '    Start LSN: %d' % s, '    End LSN: %d' % e, '',
              '    EAC CRC32: %08X' % ((0x2468ACE0 * (n + 1)) & 0xFFFFFFFF), '    Accurip: not found', '',
              '  Metadata:', '    track: %d' % n, '    tracktotal: %d' % len(starts), '', '']
    L += ['Ripping errors: 0', 'Ripping finished at 2026-01-12T14:08:47', '']
    return L


MIXED_DATA_SECTORS = 15000  # tests/unit/test_riplog.c uses the same value


def ctdb_of(r):
    return re.search(r'expected CTDB id ([A-Za-z0-9._-]{28})', r['notes']).group(1)


def arid(r):
    return '%s-%s-%s' % (r['expected_accuraterip_id1'], r['expected_accuraterip_id2'], r['expected_freedb_id'])


def write(path, lines, encoding, newline='\n', bom=b''):
    with open(path, 'wb') as f:
        f.write(bom + newline.join(lines).encode(encoding))


def toc_pregaps(testdata, name):
    """START values (INDEX 00 -> 01 frames) per track of one of whipper's cdrdao .toc files."""
    gaps = []
    with open(os.path.join(testdata, 'whipper', name)) as f:
        for line in f:
            w = line.split()
            if w[:1] == ['TRACK']:
                gaps.append(0)
            elif w[:1] == ['START'] and gaps:
                m, s, fr = (int(x) for x in w[1].split(':'))
                gaps[-1] = (m * 60 + s) * 75 + fr
    return gaps


def main():
    testdata, out = sys.argv[1], sys.argv[2]
    rows = rows_from_csv(testdata)
    j = lambda name: os.path.join(out, name)

    f, s, e, d = toc_of(rows[2])
    write(j('eac-en-utf16le.log'), eac_log(f, s, e, d, 'Ettella Diamant', 'Demo Disc',
                                          pregaps=[150] + [0] * (len(s) - 1)), 'utf-16-le', '\r\n', b'\xff\xfe')
    f, s, e, d = toc_of(rows[22])
    write(j('eac-cp1252.log'), eac_log(f, s, e, d, 'Interpol', 'Turn On The Bright Lights \u2013 caf\u00e9 edition',
                                       version='Exact Audio Copy V0.99 prebeta 5 from 4. May 2009',
                                       logline='EAC extraction logfile from 3. June 2009, 21:40'), 'cp1252', '\r\n')
    f, s, e, d = toc_of(rows[19])
    write(j('eac-cdextra-utf16le.log'), eac_log(f, s, e, d, 'Ladyhawke', 'Ladyhawke'), 'utf-16-le', '\r\n',
          b'\xff\xfe')
    f, s, e, d = toc_of(rows[13])
    write(j('eac-cdextra-utf8bom.log'), eac_log(f, s, e, d, 'Various', 'Twenty-Four', ctdb=ctdb_of(rows[13])),
          'utf-8', '\r\n',
          b'\xef\xbb\xbf')
    f, s, e, d = toc_of(rows[15])
    write(j('eac-ru-cp1251.log'),
          eac_log(f, s, e, d, '\u0418\u0441\u043f\u043e\u043b\u043d\u0438\u0442\u0435\u043b\u044c',
                  '\u0410\u043b\u044c\u0431\u043e\u043c',
                  header='     \u0422\u0440\u0435\u043a |  \u041d\u0430\u0447\u0430\u043b\u043e  | '
                         '\u0414\u043b\u0438\u0442\u0435\u043b\u044c\u043d\u043e\u0441\u0442\u044c | '
                         '\u041d\u0430\u0447\u0430\u043b\u044c\u043d\u044b\u0439 \u0441\u0435\u043a\u0442\u043e\u0440 | '
                         '\u041a\u043e\u043d\u0435\u0447\u043d\u044b\u0439 \u0441\u0435\u043a\u0442\u043e\u0440',
                  ripped_heading='\u0422\u0440\u0435\u043a %2d',
                  extracted='\u041e\u0433\u043b\u0430\u0432\u043b\u0435\u043d\u0438\u0435 '
                            '\u0438\u0437\u0432\u043b\u0435\u0447\u0451\u043d\u043d\u043e\u0433\u043e CD',
                  logline='\u041e\u0442\u0447\u0451\u0442 EAC \u043e\u0431 \u0438\u0437\u0432\u043b\u0435\u0447\u0435'
                          '\u043d\u0438\u0438 \u043e\u0442 5. \u043c\u0430\u0440\u0442\u0430 2020, 18:02',
                  ctdb=ctdb_of(rows[15])),
          'cp1251', '\r\n')
    # a mixed-mode layout: a data track of MIXED_DATA_SECTORS in front of row 15's audio tracks,
    # which keep their positions relative to each other (so the CTDB TOCID stays cdtoc's value)
    f, s, e, d = toc_of(rows[15])
    s = [0] + [x + MIXED_DATA_SECTORS for x in s]
    e = [MIXED_DATA_SECTORS - 1] + [x + MIXED_DATA_SECTORS for x in e]
    write(j('eac-mixedmode-ctdb.log'), eac_log(1, s, e, {1}, 'Game', 'Soundtrack', ctdb=ctdb_of(rows[15])),
          'utf-16-le', '\r\n', b'\xff\xfe')
    f, s, e, d = toc_of(rows[3])
    lines = eac_log(f, s, e, d, 'Someone', 'Fifteen')
    write(j('eac-utf32le-bom.log'), lines, 'utf-32-le', '\r\n', b'\xff\xfe\x00\x00')
    write(j('eac-utf32be-nobom.log'), lines, 'utf-32-be', '\r\n')
    write(j('eac-utf16le-nobom.log'), lines, 'utf-16-le', '\r\n')
    write(j('eac-utf16be-bom.log'), lines, 'utf-16-be', '\r\n', b'\xfe\xff')

    f, s, e, d = toc_of(rows[21])
    write(j('xld-cure.log'), xld_log(f, s, e, toc_pregaps(testdata, 'cure.toc'), 'The Cure', '4:13 Dream', arid(rows[21])),
          'utf-8')
    f, s, e, d = toc_of(rows[20])
    write(j('whipper-bloc-htoa.log'), whipper_log(f, s, e, d, True, True, False, 'Silent Alarm', rows[20]['expected_freedb_id'],
                                                          rows[20]['expected_musicbrainz_id']), 'utf-8')
    f, s, e, d = toc_of(rows[24])
    write(j('whipper-capital-cdextra.log'), whipper_log(f, s, e, d, False, False, True, 'Capital', rows[24]['expected_freedb_id'],
                                                                rows[24]['expected_musicbrainz_id'],
                                                                toc_pregaps(testdata, 'capital.1.toc')), 'utf-8')
    f, s, e, d = toc_of(rows[23])
    write(j('dbpoweramp-gentlemen-utf8bom.txt'), dbpa_log(f, s, e), 'utf-8', '\r\n', b'\xef\xbb\xbf')
    f, s, e, d = toc_of(rows[18])
    write(j('dbpoweramp-99-utf16le.txt'), dbpa_log(f, s, e, arid(rows[18])), 'utf-16-le', '\r\n', b'\xff\xfe')
    # an Enhanced CD as dBpoweramp and XLD list it: the audio tracks only, plus the disc's AccurateRip ID
    f, s, e, d = toc_of(rows[19])
    write(j('dbpoweramp-ladyhawke-audio-only.txt'), dbpa_log(f, s[:-1], e[:-1], arid(rows[19])), 'utf-8', '\r\n')
    write(j('xld-ladyhawke-audio-only.log'), xld_log(f, s[:-1], e[:-1], None, 'Ladyhawke', 'Ladyhawke',
                                                     arid(rows[19])), 'utf-8')
    f, s, e, d = toc_of(rows[19])
    write(j('freac-ladyhawke-data.log'), freac_log(f, s, e, d, rows[19]['expected_freedb_id']), 'utf-8')
    f, s, e, d = toc_of(rows[16])
    write(j('cyanrip-16.log'), cyanrip_log(f, s, e, [0] + [None] * (len(s) - 1), rows[16]['expected_musicbrainz_id'],
                                                  rows[16]['expected_freedb_id']), 'utf-8')


if __name__ == '__main__':
    main()
