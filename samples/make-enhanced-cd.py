#!/usr/bin/env python3
"""Write samples/enhanced-cd.ccd: an Enhanced CD (Blue Book) described as CloneCD would save it.

Session 1: four audio tracks; session 2: one Mode-2 (XA) data track 11400 frames after the first
lead-out (6750 lead-out + 4500 lead-in + 150 pregap). Full TOC entries as a drive reports them
(binary values; B0/C0 Mode-5 pointers in session 1), CD-TEXT block 0 in English/ISO-8859-1,
a catalog number and ISRCs. Run: python3 samples/make-enhanced-cd.py > samples/enhanced-cd.ccd
"""

AUDIO_STARTS = [0, 16000, 33500, 52000]
LEADOUT_1 = 70000
DATA_START = LEADOUT_1 + 11400
LEADOUT_2 = DATA_START + 6000
MAX_LEADOUT = (79 * 60 + 59) * 75 + 74 - 150
FIRST_LEADIN = 95 * 4500 - 450150

ALBUM = ("Harbour Lights", "The Lanterns")
TRACKS = [("Lantern Song", "The Lanterns"), ("Caf\u00e9 Nocturne", "The Lanterns feat. Ren\u00e9e"),
          ("Tide Tables", "The Lanterns"), ("North Pier", "The Lanterns"), ("Extras", "The Lanterns")]
ISRCS = ["GBXYZ2600001", "GBXYZ2600002", "GBXYZ2600003", "GBXYZ2600004"]
CATALOG = "5012345678900"


def msf(lba):
    frames = lba + 150 if lba >= -150 else lba + 450150
    return frames // 4500, frames // 75 % 60, frames % 75


def entry(session, adr, ctl, point, amsf, zero, pmsf):
    return dict(session=session, adr=adr, ctl=ctl, point=point, a=amsf, zero=zero, p=pmsf)


def full_toc():
    e = []
    e.append(entry(1, 1, 0, 0xA0, (0, 0, 0), 0, (1, 0x00, 0)))
    e.append(entry(1, 1, 0, 0xA1, (0, 0, 0), 0, (4, 0, 0)))
    e.append(entry(1, 1, 0, 0xA2, (0, 0, 0), 0, msf(LEADOUT_1)))
    for n, start in enumerate(AUDIO_STARTS, 1):
        e.append(entry(1, 1, 0, n, (0, 0, 0), 0, msf(start)))
    e.append(entry(1, 5, 0, 0xB0, msf(LEADOUT_1 + 11250), 2, msf(MAX_LEADOUT)))
    e.append(entry(1, 5, 0, 0xC0, (0, 0, 0), 0, msf(FIRST_LEADIN)))
    e.append(entry(2, 1, 4, 0xA0, (0, 0, 0), 0, (5, 0x20, 0)))
    e.append(entry(2, 1, 4, 0xA1, (0, 0, 0), 0, (5, 0, 0)))
    e.append(entry(2, 1, 4, 0xA2, (0, 0, 0), 0, msf(LEADOUT_2)))
    e.append(entry(2, 1, 4, 5, (0, 0, 0), 0, msf(DATA_START)))
    return e


def cdtext_packs():
    """CD-TEXT block 0 (ISO-8859-1, English) as 16-byte packs (CloneCD stores them without CRC)."""
    packs = []
    seq = 0
    counts = [0] * 16
    for pack_type, texts in ((0x80, [ALBUM[0]] + [t[0] for t in TRACKS]),
                             (0x81, [ALBUM[1]] + [t[1] for t in TRACKS])):
        stream = []  # (track, char index within its string, byte)
        for track, text in enumerate(texts):
            data = text.encode("iso-8859-1") + b"\0"
            stream += [(track, i, b) for i, b in enumerate(data)]
        for off in range(0, len(stream), 12):
            chunk = stream[off:off + 12]
            track, pos, _ = chunk[0]
            payload = bytes(b for _, _, b in chunk).ljust(12, b"\0")
            packs.append(bytes([pack_type, track, seq, min(pos, 15)]) + payload)
            seq += 1
            counts[pack_type - 0x80] += 1
    counts[0x0F] = 3
    last_seq = seq + 2
    size_info = bytes([0x00, 1, len(TRACKS), 0x00] + counts + [last_seq] + [0] * 7 + [0x09] + [0] * 7)
    for i in range(3):
        packs.append(bytes([0x8F, i, seq, 0]) + size_info[12 * i:12 * i + 12])
        seq += 1
    return packs


def main():
    toc = full_toc()
    packs = cdtext_packs()
    out = ["[CloneCD]", "Version=3", "", "[Disc]", "TocEntries=%d" % len(toc), "Sessions=2",
           "DataTracksScrambled=0", "CDTextLength=%d" % (18 * len(packs)), "CATALOG=%s" % CATALOG, "",
           "[CDText]", "Entries=%d" % len(packs)]
    for i, p in enumerate(packs):
        out.append("Entry %d=%s" % (i, " ".join("%02x" % b for b in p)))
    out += ["", "[Session 1]", "PreGapMode=0", "PreGapSubC=0", "", "[Session 2]", "PreGapMode=2",
            "PreGapSubC=0"]
    for i, e in enumerate(toc):
        plba = (e["p"][0] * 60 + e["p"][1]) * 75 + e["p"][2]
        plba = plba - 450150 if e["p"][0] >= 90 else plba - 150
        alba = (e["a"][0] * 60 + e["a"][1]) * 75 + e["a"][2] - 150
        out += ["", "[Entry %d]" % i, "Session=%d" % e["session"], "Point=0x%02x" % e["point"],
                "ADR=0x%02x" % e["adr"], "Control=0x%02x" % e["ctl"], "TrackNo=0",
                "AMin=%d" % e["a"][0], "ASec=%d" % e["a"][1], "AFrame=%d" % e["a"][2], "ALBA=%d" % alba,
                "Zero=%d" % e["zero"], "PMin=%d" % e["p"][0], "PSec=%d" % e["p"][1], "PFrame=%d" % e["p"][2],
                "PLBA=%d" % plba]
    for n, start in enumerate(AUDIO_STARTS + [DATA_START], 1):
        out += ["", "[TRACK %d]" % n, "MODE=%d" % (0 if n <= 4 else 2), "INDEX 1=%d" % start]
        if n <= 4:
            out.append("ISRC=%s" % ISRCS[n - 1])
    print("\r\n".join(out), end="\r\n")


main()
