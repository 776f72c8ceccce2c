#!/usr/bin/env python3
"""Check what the QEMU guest's drive answered over real Linux SG_IO.

usage: check_guest.py MODE CONSOLE_LOG SECTORS [HOST_REF]

MODE is "ide" (-cdrom: PIIX IDE, ATAPI, hw/ide/atapi.c) or "scsi" (virtio-scsi + scsi-cd,
hw/scsi/scsi-disk.c). The console log holds lines "@@R TAG rc=N JSON" printed by the guest's
run script. HOST_REF (optional) holds the same lines produced on the host by reading the same
ISO as an image (the reference the guest must match where QEMU is right).

For each READ TOC command three answers are compared:
  * the standard's answer for a one-session disc with one data track (MMC: ADR 1, CONTROL 4,
    lead-out at the ISO's sector count, MSF with the 150-frame offset),
  * the host's answer (tocex's emulated drive over the ISO), which must equal the standard,
  * QEMU's documented answer (reference/qemu-guest.md, mmc-read-toc.md section 5.1).
The guest's answer must be the standard one, or QEMU's predicted wrong one where QEMU is known
to be wrong. Anything else fails. Prints one line per command and a summary.
"""
import json
import re
import sys

ALLOC = 0x324  # allocation length used by the guest commands


def msf(lba):
    lba += 150
    return bytes([0, lba // 4500, (lba // 75) % 60, lba % 75])


def addr(lba, use_msf):
    return msf(lba) if use_msf else lba.to_bytes(4, "big", signed=True)


def std_format0(n, m):
    return (bytes([0x00, 0x12, 1, 1]) + bytes([0, 0x14, 1, 0]) + addr(0, m) +
            bytes([0, 0x14, 0xAA, 0]) + addr(n, m))


def std_format1(n, m):
    return bytes([0x00, 0x0A, 1, 1]) + bytes([0, 0x14, 1, 0]) + addr(0, m)


def raw_desc(point, pmin, psec, pframe):
    # session 1, ADR 1 / CONTROL 4, TNO 0, POINT, MIN SEC FRAME (lead-in time: masked), ZERO
    return bytes([1, 0x14, 0, point, 0, 0, 0, 0, pmin, psec, pframe])


def std_format2(n):
    lo = msf(n)
    return (bytes([0x00, 0x2E, 1, 1]) + raw_desc(0xA0, 1, 0x00, 0) + raw_desc(0xA1, 1, 0, 0) +
            raw_desc(0xA2, lo[1], lo[2], lo[3]) + raw_desc(1, 0, 2, 0))


def qemu_format0(n, m):
    # QEMU hw/block/cdrom.c cdrom_read_toc: lead-out ADR/CONTROL 16h (track 1 says 14h)
    a = bytearray(std_format0(n, m))
    a[13] = 0x16
    return bytes(a)


def qemu_format1(n, m):
    # QEMU: only Data Length and first/last session are written; the descriptor stays zero
    return bytes([0x00, 0x0A, 1, 1]) + bytes(8)


def qemu_format2(n, m):
    # QEMU cdrom_read_toc_raw: MSF honoured although the raw TOC has no LBA form; with MSF=0
    # the A2 point gets a 4-byte LBA in bytes 7-10 and track 1 gets zeros
    if m:
        return std_format2(n)
    a = bytearray(std_format2(n))
    a2 = 4 + 2 * 11
    a[a2 + 7:a2 + 11] = n.to_bytes(4, "big")
    t1 = 4 + 3 * 11
    a[t1 + 8:t1 + 11] = bytes(3)
    return bytes(a)


def parse_cdb(hexbytes):
    b = bytes(int(x, 16) for x in hexbytes.split("-"))
    fmt = b[2] & 0x0F
    legacy = b[9] >> 6
    return b, fmt, legacy, bool(b[1] & 2), (b[7] << 8) | b[8]


def mask_raw(data):
    """Raw TOC: MIN/SEC/FRAME of each descriptor is the lead-in time of the Q frame, which
    the standard leaves to the drive; compare everything else."""
    if len(data) < 4 or data[1] + 2 != len(data) or (len(data) - 4) % 11:
        return data
    a = bytearray(data)
    for i in range(4, len(a), 11):
        a[i + 4:i + 7] = bytes(3)
    return bytes(a)


def trim(data):
    """The answer as the device meant it: Data Length + 2 bytes (resid is not trusted)."""
    if len(data) < 2:
        return data
    return data[: min(len(data), ((data[0] << 8) | data[1]) + 2)]


def load(path):
    res = {}
    with open(path, "r", errors="replace") as f:
        for line in f:
            m = re.search(r"@@R (\S+) rc=(\d+) (.*)$", line.rstrip("\r\n"))
            if not m:
                continue
            text = m.group(3).strip()
            try:
                obj = json.loads(text) if text else None
            except ValueError:
                obj = {"unparsable": text}
            res[m.group(1)] = (int(m.group(2)), obj)
    return res


def main():
    mode, log, sectors = sys.argv[1], sys.argv[2], int(sys.argv[3])
    host = load(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else {}
    guest = load(log)
    failures = []
    wrong = []
    ok = 0
    cdb_tags = sorted(t for t in guest if t.startswith("cdb:"))
    if not cdb_tags:
        print("FAIL: no command results in %s" % log)
        return 1
    for tag in cdb_tags:
        rc, ans = guest[tag]
        _, dev, hexbytes = tag.split(":", 2)
        cdb, fmt, legacy, m, alloc = parse_cdb(hexbytes)
        # what the standard says (format from byte 2, or byte 9 when byte 2 is 0: SFF-8020i)
        eff = fmt if fmt != 0 else legacy
        if eff == 0:
            std = ("GOOD", std_format0(sectors, m))
        elif eff == 1:
            std = ("GOOD", std_format1(sectors, m))
        elif eff == 2:
            std = ("GOOD", std_format2(sectors))
        else:  # PMA / ATIP / CD-TEXT on a pressed CD-ROM without CD-TEXT
            std = ("CHECK CONDITION", None)
        # MMC leaves open how a drive says "no CD-TEXT": CHECK CONDITION, or a header with
        # Data Length 2 and no packs (Bochs; what Aaru reads as "none"): both are accepted.
        std_alt = ("GOOD", bytes([0, 2, 0, 0])) if eff == 5 else None
        # what QEMU is documented to answer
        qfmt = legacy if mode == "ide" else fmt  # IDE reads only byte 9; scsi-disk only byte 2
        if qfmt == 0:
            qemu = ("GOOD", qemu_format0(sectors, m))
        elif qfmt == 1:
            qemu = ("GOOD", qemu_format1(sectors, m))
        elif qfmt == 2:
            qemu = ("GOOD", qemu_format2(sectors, m))
        else:
            qemu = ("CHECK CONDITION", None)
        if ans is None or "status" not in ans:
            failures.append("%s: no answer (%s)" % (tag, ans))
            continue
        st = ans["status"]
        data = bytes.fromhex(ans.get("data", ""))
        got = trim(data) if st == "GOOD" else None
        if st == "GOOD" and alloc < len(std[1] or b""):
            # short allocation: MMC transfers the first `alloc` bytes, Data Length unchanged
            stdv = std[1][:alloc] if std[1] else None
            qv = qemu[1][:alloc] if qemu[1] else None
            got = data[:alloc]
        else:
            stdv, qv = std[1], qemu[1]
        # QEMU zero-pads every emulated answer to the allocation length and neither libata
        # nor virtio-scsi report a residual here (qemu-guest.md gotcha 2): the transfer is the
        # whole allocation, and the SG_IO device must say that it cannot tell.
        if st == "GOOD" and len(data) != alloc:
            failures.append("%s: transferred %d bytes, QEMU prediction: the whole allocation %d" %
                            (tag, len(data), alloc))
        if st == "GOOD" and ans.get("transferred_known", False):
            failures.append("%s: SG_IO device claims to know the transfer count although resid is 0" % tag)
        h = host.get(tag.replace(":" + dev + ":", ":image:", 1))
        if h is not None and h[1] is not None and "status" in h[1]:
            hst = h[1]["status"]
            hdata = trim(bytes.fromhex(h[1].get("data", ""))) if hst == "GOOD" else None
            if hst == "GOOD" and alloc < len(std[1] or b""):
                hdata = bytes.fromhex(h[1].get("data", ""))[:alloc]
            host_ok = (hst == std[0] and (hdata is None or mask_raw(hdata) == mask_raw(stdv))) or \
                (std_alt is not None and hst == std_alt[0] and hdata == std_alt[1])
            if not host_ok:
                failures.append("%s: host tocex answered %s %s, standard %s %s" %
                                (tag, hst, hdata.hex() if hdata else "", std[0], stdv.hex() if stdv else ""))
        sense = ans.get("sense")
        if std_alt is not None and st == std_alt[0] and got == std_alt[1]:
            print("ok      %-34s %s %s (no CD-TEXT: header only)" % (tag, st, got.hex()))
            ok += 1
        elif st == std[0] and (stdv is None or mask_raw(got) == mask_raw(stdv)):
            if st == "CHECK CONDITION" and (not sense or sense.get("key") != 5 or sense.get("asc") != 0x24):
                failures.append("%s: CHECK CONDITION with sense %s, expected 5/24/00" % (tag, sense))
                continue
            print("ok      %-34s %s%s%s" % (tag, st, " " + got.hex() if got else "",
                                             " sense %s" % sense if sense else ""))
            ok += 1
        elif st == qemu[0] and (qv is None or got == qv):
            what = "%s %s" % (st, got.hex() if got else "")
            print("QEMU    %-34s %s  (standard: %s %s)" % (tag, what, std[0], stdv.hex() if stdv else ""))
            wrong.append(tag)
        else:
            failures.append("%s: got %s %s, standard %s %s, QEMU prediction %s %s" %
                            (tag, st, got.hex() if got else sense, std[0], stdv.hex() if stdv else "",
                             qemu[0], qv.hex() if qv else ""))
    # The reading strategy over the wrong answers: the TOC must still come out right.
    for tag in sorted(t for t in guest if t.startswith("toc:") or t.startswith("info:")):
        rc, ans = guest[tag]
        if rc != 0 or not isinstance(ans, dict) or ans.get("leadout") != sectors or ans.get("first_track") != 1 \
                or ans.get("last_track") != 1 or not ans.get("tracks") or ans["tracks"][0].get("start") != 0 \
                or ans["tracks"][0].get("type") != "data":
            failures.append("%s: tocex toc gave rc=%d %s" % (tag, rc, ans))
        else:
            print("ok      %-34s leadout %d, track 1 data at 0" % (tag, sectors))
            ok += 1
        # the drive's TOC as tocex decodes it = the image's TOC as tocex reads it on the host
        h = host.get("toc:image")
        if tag.startswith("toc:") and h is not None and isinstance(h[1], dict) and isinstance(ans, dict):
            keys = ("media", "first_track", "last_track", "leadout")
            tkeys = ("number", "session", "start", "msf", "adr", "control", "type", "length")
            skeys = ("number", "first_track", "last_track", "leadout")
            def view(o):
                return ([o.get(k) for k in keys],
                        [[t.get(k) for k in tkeys] for t in o.get("tracks", [])],
                        [[x.get(k) for k in skeys] for x in o.get("sessions", [])])
            if view(ans) != view(h[1]):
                failures.append("%s: TOC differs from the host's reading of the image: %s vs %s" %
                                (tag, view(ans), view(h[1])))
            else:
                print("ok      %-34s same TOC as tocex toc on the ISO image" % tag)
                ok += 1
    # The reading strategy must say which answers it did not believe: in both modes QEMU's
    # format 1 (IDE: a formatted TOC; SCSI: a zero descriptor) and format 2 (IDE: a formatted
    # TOC; SCSI with MSF=0: an LBA where the A2 point's MSF belongs) are wrong.
    for tag in sorted(t for t in guest if t.startswith("info:")):
        rc, ans = guest[tag]
        warns = None
        if isinstance(ans, dict):
            warns = ans.get("warnings")
            if warns is None and isinstance(ans.get("read"), dict):
                warns = ans["read"].get("warnings")
        for w in warns or []:
            print("warning %-34s %s" % (tag, w))
        for fmt in ("format 1", "format 2"):
            if not any(fmt in w for w in warns or []):
                failures.append("%s: QEMU's wrong %s answer was not reported as a warning (warnings: %s)" %
                                (tag, fmt, json.dumps(warns)))
    print("summary: %s: %d as the standard says, %d wrong answers from QEMU as predicted, %d failures" %
          (mode, ok, len(wrong), len(failures)))
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
