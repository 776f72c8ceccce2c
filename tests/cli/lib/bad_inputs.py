#!/usr/bin/env python3
"""Writes hostile inputs for every format tocex reads into DIR and lists them on stdout, one
"format<TAB>case<TAB>file" per line. Used by tests/cli/bad_input.sh; nothing here is committed
as a fixture: big inputs (a million TRACK lines, a multi-megabyte line, files above the readers'
size limits) are made at test time, the largest as sparse files.

Every input is broken so that no reading of it is a disc: each must make `tocex info FILE` exit
with status 2 and a message naming the file and a line or byte offset."""
import os
import struct
import sys

out_dir = sys.argv[1]
src_dir = sys.argv[2]  # the source tree (valid bases: samples/, tests/data/)
cases = []


def put(fmt, case, name, data):
    path = os.path.join(out_dir, fmt + "-" + name)  # one stem per case: no sibling files shared
    with open(path, "wb") as f:
        f.write(data)
    cases.append((fmt, case, path))


def valid(fmt, name, data):
    """The well-formed base a format's cases are made from: it must open (exit status 0)."""
    put(fmt, "VALID", name, data)


def sparse(fmt, case, name, head, size):
    """A file of `size` bytes starting with `head`, the rest a hole (reads as NUL bytes)."""
    path = os.path.join(out_dir, fmt + "-" + name)
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    cases.append((fmt, case, path))


def src(rel):
    with open(os.path.join(src_dir, rel), "rb") as f:
        return f.read()


BIG_LINE = b"A" * (4 * 1024 * 1024)  # a 4 MiB line
OVER_TEXT = 20 * 1024 * 1024  # above every text reader's limit (8-16 MiB)


def text_cases(fmt, ext, valid, truncated, bad_magic, absurd, nul, non_utf8, big_line):
    """The cases shared by the text formats; each argument is the broken text."""
    put(fmt, "empty file", "empty" + ext, b"")
    put(fmt, "truncated", "truncated" + ext, truncated)
    sparse(fmt, "oversized (20 MiB of NUL bytes after a valid start)", "oversized" + ext, valid, OVER_TEXT)
    put(fmt, "wrong magic / not this format", "wrong-magic" + ext, bad_magic)
    put(fmt, "absurd count", "absurd-count" + ext, absurd)
    put(fmt, "NUL bytes in a line", "nul" + ext, nul)
    put(fmt, "non-UTF-8 bytes in a keyword", "non-utf8" + ext, non_utf8)
    put(fmt, "multi-megabyte line", "big-line" + ext, big_line)


# ---------------------------------------------------------------- cue sheets
cue = (b'FILE "base.bin" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n'
       b'  TRACK 02 AUDIO\n    INDEX 01 00:02:00\n')
with open(os.path.join(out_dir, "base.bin"), "wb") as f:  # the cue sheets' and TOC files' data
    f.truncate(4 * 75 * 2352)  # 4 s of audio (sparse)
valid("cue", "valid.cue", cue)
text_cases(
    "cue", ".cue", cue,
    truncated=cue[: cue.rindex(b"00:02:00") + 4],  # "INDEX 01 00:0"
    bad_magic=b"this is not a cue sheet\nTRACK? INDEX?\n",
    absurd=b'FILE "base.bin" BINARY\n' + b"TRACK 1 AUDIO\n" * 1000000,  # a million TRACK lines (14 MB)
    nul=cue.replace(b"TRACK 02 AUDIO", b"TRACK 02\0AUDIO"),
    non_utf8=cue.replace(b"TRACK 02 AUDIO", b"TR\xff\xfeCK 02 AUDIO"),
    big_line=cue + b"TRACK 03 " + BIG_LINE + b"\n",
)
put("cue", "INDEX past 99:59:74", "bad-index.cue", cue.replace(b"00:02:00", b"00:99:00"))
put("cue", "track numbers out of order", "order.cue", cue.replace(b"TRACK 02", b"TRACK 00"))

# ---------------------------------------------------------------- CloneCD control files
ccd = src("samples/enhanced-cd.ccd")
cut = ccd.index(b"[Entry 5]")
valid("ccd", "valid.ccd", ccd)
text_cases(
    "ccd", ".ccd", ccd,
    truncated=ccd[: cut + len(b"[Entry 5]\nSession=1\nPoi")],
    bad_magic=b"[NotCloneCD]\nVersion=3\n",
    absurd=ccd.replace(b"TocEntries=13", b"TocEntries=4000000000"),
    nul=ccd.replace(b"Point=0xa2", b"Point=0x\0a2", 1),
    non_utf8=ccd.replace(b"Point=0xa2", b"Po\xffnt=0xa2", 1),
    big_line=ccd.replace(b"[Entry 0]", b"[Entry 0]\nPoint=" + BIG_LINE, 1),
)
put("ccd", "TocEntries larger than the entries given", "toc-entries.ccd", ccd.replace(b"TocEntries=13", b"TocEntries=14"))
put("ccd", "PMin/PSec out of range", "msf.ccd", ccd.replace(b"PSec=35", b"PSec=250", 1))

# ---------------------------------------------------------------- cdrdao TOC files
toc = (b'CD_DA\n\nTRACK AUDIO\nNO COPY\nFILE "base.bin" 0 00:02:00\n\n'
       b'TRACK AUDIO\nFILE "base.bin" 00:02:00 00:02:00\n')
valid("cdrdao", "valid.toc", toc)
text_cases(
    "cdrdao", ".toc", toc,
    truncated=toc[: toc.rindex(b"00:02:00") + 4],
    bad_magic=b"CD_NONSENSE\nTRACK BANANA\n",
    absurd=b"CD_DA\n" + b'TRACK AUDIO\nSILENCE 0:0:1\n' * 1000000,  # a million TRACKs (28 MB: also > limit)
    nul=toc.replace(b"TRACK AUDIO\nFILE", b"TRACK AU\0DIO\nFILE", 1),
    non_utf8=toc.replace(b"NO COPY", b"NO C\xffPY"),
    big_line=toc + b"TRACK " + BIG_LINE + b"\n",
)
put("cdrdao", "a million TRACK lines under the size limit", "million-tracks.toc",
    b"CD_DA\n" + b"TRACK AUDIO\n" * 1000000)

# ---------------------------------------------------------------- ripper logs
log = src("tests/data/riplog/xld-cure.log")
toc_at = log.index(b"TOC of the extracted CD")
valid("riplog", "valid.log", log)
text_cases(
    "riplog", ".log", log,
    truncated=log[: log.index(b"\n", toc_at + 200) - 12],
    bad_magic=b"Some Other Ripper 1.0\n\nnothing here is a TOC\n",
    absurd=log[:toc_at] + b"TOC of the extracted CD\n" + b"".join(
        b"       %2d  | 00:00:00 | 00:02:00 |      %5d    |     %5d   \n" % (i % 99 + 1, i, i + 1)
        for i in range(200000)),
    nul=log.replace(b"TOC of the extracted CD", b"TOC of the\0extracted CD"),
    non_utf8=log.replace(b"        2  | 06:17:49", b"        \xff  | 06:17:49"),
    big_line=log[: toc_at + 200] + BIG_LINE + b"\n" + log[toc_at + 200:],
)

# ---------------------------------------------------------------- NRG (Nero): chunks + footer
def nrg_chunk(cid, body, length=None):
    return cid + struct.pack(">I", len(body) if length is None else length) + body


def nrg(chunks, magic=b"NER5"):
    data = b"\0" * 1024
    at = len(data)
    data += chunks + nrg_chunk(b"END!", b"")
    return data + magic + struct.pack(">Q", at)


cuex = b"".join([
    bytes([0x01, 0x00, 0x00, 0x00]) + struct.pack(">i", -150),
    bytes([0x01, 0x01, 0x00, 0x00]) + struct.pack(">i", -150),
    bytes([0x01, 0x01, 0x01, 0x00]) + struct.pack(">i", 0),
    bytes([0x01, 0xAA, 0x01, 0x00]) + struct.pack(">i", 300),
])
good_nrg = nrg(nrg_chunk(b"CUEX", cuex) + nrg_chunk(b"SINF", struct.pack(">I", 1)))
valid("nrg", "valid.nrg", good_nrg)
put("nrg", "empty file", "empty.nrg", b"")
put("nrg", "truncated (footer cut)", "truncated.nrg", good_nrg[:-5])
put("nrg", "wrong magic", "wrong-magic.nrg", nrg(nrg_chunk(b"CUEX", cuex), magic=b"NERX"))
put("nrg", "chunk length 2^32-1", "chunk-length.nrg", nrg(nrg_chunk(b"CUEX", cuex, 0xFFFFFFFF)))
put("nrg", "chunk list offset past the end", "offset.nrg", good_nrg[:-8] + struct.pack(">Q", 1 << 40))
put("nrg", "chunk header cut by the footer", "no-end.nrg",
    b"\0" * 16 + nrg_chunk(b"CUEX", cuex) + b"DAOX" + b"NER5" + struct.pack(">Q", 16))
put("nrg", "CUEX length not a whole number of entries", "cuex.nrg", nrg(nrg_chunk(b"CUEX", cuex[:-3])))
put("nrg", "99 SINF chunks and more", "sinf.nrg", nrg(nrg_chunk(b"CUEX", cuex) + nrg_chunk(b"SINF", struct.pack(">I", 1)) * 100))
sparse("nrg", "oversized with NUL bytes only", "zeros.nrg", b"", 64 * 1024 * 1024)

# ---------------------------------------------------------------- MDS (Alcohol 120%)
def mds(blocks, sessions=1, session_blocks=None, magic=b"MEDIA DESCRIPTOR", track_at=None):
    sess_at = 0x58
    tr_at = sess_at + 24 if track_at is None else track_at
    extra_at = sess_at + 24 + 80 * len(blocks)
    out = bytearray(extra_at + 8 * len(blocks))
    out[0:16] = magic
    out[16], out[17] = 1, 5
    struct.pack_into("<HH", out, 0x12, 0, sessions)
    struct.pack_into("<I", out, 0x50, sess_at)
    nontrack = sum(1 for b in blocks if not 1 <= b[2] <= 99)
    struct.pack_into("<iiHBB", out, sess_at, -150, 2000, 1,
                     len(blocks) if session_blocks is None else session_blocks, nontrack)
    struct.pack_into("<I", out, sess_at + 20, tr_at)
    at = sess_at + 24
    for mode, ac, point, pm, ps, pf, start in blocks:
        out[at], out[at + 2], out[at + 4] = mode, ac, point
        out[at + 9], out[at + 10], out[at + 11] = pm, ps, pf
        if 1 <= point <= 99:
            struct.pack_into("<IH", out, at + 12, extra_at, 2352)
            struct.pack_into("<I", out, at + 36, start)
            struct.pack_into("<II", out, extra_at, 150, 0)
            extra_at += 8
        at += 80
    return bytes(out[:extra_at])


blocks = [(0, 0x10, 0xA0, 1, 0, 0, 0), (0, 0x10, 0xA1, 1, 0, 0, 0), (0, 0x10, 0xA2, 0, 28, 50, 0),
          (0xA9, 0x10, 1, 0, 2, 0, 0)]
good_mds = mds(blocks)
valid("mds", "valid.mds", good_mds)
put("mds", "empty file", "empty.mds", b"")
put("mds", "truncated", "truncated.mds", good_mds[:0x58 + 30])
put("mds", "wrong magic", "wrong-magic.mds", mds(blocks, magic=b"MEDIA DESCRIPTOX"))
put("mds", "session count 65535", "sessions.mds", mds(blocks, sessions=65535))
put("mds", "track block count past the end", "blocks.mds", mds(blocks, session_blocks=255))
put("mds", "track block offset past the end", "offset.mds", mds(blocks, track_at=0x7FFFFFF0))
put("mds", "track start not an MSF time", "msf.mds", mds(blocks[:3] + [(0xA9, 0x10, 1, 0, 99, 0, 0)]))
sparse("mds", "oversized", "oversized.mds", good_mds, 32 * 1024 * 1024)

# ---------------------------------------------------------------- ISO images
valid("iso", "valid.iso", b"\0" * 2048 * 16 + b"\x01CD001\x01" + b"\0" * 2041 + b"\xffCD001\x01" + b"\0" * 2041)
put("iso", "empty file", "empty.iso", b"")
put("iso", "wrong magic (CD002)", "wrong-magic.iso", b"\0" * 2048 * 16 + b"\x01CD002\x01" + b"\0" * 2041 + b"\xffCD002\x01" + b"\0" * 2041)
put("iso", "truncated (less than one sector)", "truncated.iso", b"\0" * 1000)
put("iso", "size not a whole number of sectors", "ragged.iso", b"\0" * (2048 * 17 + 5))

# ---------------------------------------------------------------- raw READ TOC dumps
herong_toc = src("tests/data/raw/herong.toc")
herong_full = src("tests/data/raw/herong.fulltoc")
valid("raw", "valid-raw.toc", herong_toc)
valid("raw", "valid-raw.fulltoc", herong_full)
put("raw", "format 0: truncated", "trunc.toc", herong_toc[:-5])
put("raw", "format 0: Data Length past the end", "length.toc", b"\xff\xf0" + herong_toc[2:])
put("raw", "format 0: absurd track range", "range.toc", herong_toc[:2] + b"\x01\xfe" + herong_toc[4:])
put("raw", "format 2: truncated", "trunc.fulltoc", herong_full[:-7])
put("raw", "format 2: Data Length past the end", "length.fulltoc", b"\xff\xff" + herong_full[2:])
put("raw", "format 2: ADR 0 descriptor", "adr.fulltoc", herong_full[:5] + b"\x04" + herong_full[6:])
put("raw", "format 4: truncated ATIP", "short.atip", b"\x00\x1a\x00\x00" + b"\x80" * 10)
put("raw", "format 5: Data Length past the end", "long.cdtext", b"\xff\xff\x00\x00" + b"\x80" * 18)
put("raw", "format 5: packs with bad CRCs", "crc.cdtext", b"\x00\x26\x00\x00" + b"\x80\x00\x00\x00" + b"x" * 14 * 2)
sparse("raw", "oversized dump", "oversized.fulltoc", herong_full, 8 * 1024 * 1024)

# ---------------------------------------------------------------- .cdt CD-TEXT files
def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc ^ 0xFFFF


def pack(ptype, track, seq, text):
    body = bytes([ptype, track, seq, 0]) + text.ljust(12, b"\0")[:12]
    return body + struct.pack(">H", crc16(body))


size_info = [pack(0x8F, 0, 1, b"\x00\x01\x01\x00\x02\x00" + b"\x00" * 6),
             pack(0x8F, 1, 2, b"\x00" * 12), pack(0x8F, 2, 3, b"\x00" * 12)]
cdt = pack(0x80, 0, 0, b"Album\0Track\0") + b"".join(size_info)
valid("cdt", "valid.cdt", cdt)
put("cdt", "truncated pack", "trunc.cdt", cdt[:-7])
put("cdt", "header Data Length past the end", "length.cdt", b"\xff\xff\x00\x00" + cdt)
put("cdt", "pack types that do not exist", "types.cdt", b"".join(pack(0x20, 0, i, b"x") for i in range(4)))
sparse("cdt", "oversized", "oversized.cdt", cdt, 4 * 1024 * 1024)

for fmt, case, path in cases:
    print("%s\t%s\t%s" % (fmt, case, path))
