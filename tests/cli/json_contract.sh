#!/bin/bash
# JSON of every command checked for the contract keys of docs/CLI.md, with expected values from
# the standard (MMC READ TOC layouts) and the MusicBrainz documentation example.
set -u
. "$(dirname "$0")/lib/common.sh"

# info / toc: contract keys and values of the MusicBrainz documentation disc.
for cmd in info toc; do
    expect_exit 0 "$cmd --json" -- "$TOCEX_BIN" $cmd --json --from-toc "$MBDOC"
    pycheck "$cmd contract keys" '
for k in ("media", "first_track", "last_track", "leadout", "sessions", "tracks"):
    assert k in j, k
assert j["media"] == "CD-ROM", j["media"]
assert j["first_track"] == 1 and j["last_track"] == 6
assert j["leadout"] == 95312, j["leadout"]
s = j["sessions"]
assert len(s) == 1 and s[0]["number"] == 1 and s[0]["first_track"] == 1 and s[0]["last_track"] == 6 and s[0]["leadout"] == 95312
lbas = [0, 15213, 32164, 46442, 63264, 80339, 95312]
for i, t in enumerate(j["tracks"]):
    for k in ("number", "session", "start", "msf", "adr", "control", "type", "length"):
        assert k in t, k
    assert t["number"] == i + 1 and t["session"] == 1 and t["start"] == lbas[i]
    f = lbas[i] + 150
    assert t["msf"] == "%02d:%02d:%02d" % (f // 4500, f // 75 % 60, f % 75), t["msf"]
    assert t["adr"] == 1 and t["control"] == 0 and t["type"] == "audio"
    assert t["length"] == lbas[i + 1] - lbas[i]
assert len(j["tracks"]) == 6
'
done

# info: the disc IDs and what a TOC string cannot tell.
expect_exit 0 "info --json ids" -- "$TOCEX_BIN" info --json --from-toc "$MBDOC"
pycheck "info discid/unknown" '
assert j["discid"]["musicbrainz"] == "49HHV7Eb8UKF3aQiNmu1GR8vKTY-"
assert j["discid"]["freedb"] == "3404f606"
assert j["cdtext"] is None and j["atip"] is None
assert len(j["unknown"]["notes"]) >= 1
'

# Enhanced CD: two sessions, session 1 ends 11400 frames before the data track.
expect_exit 0 "info --json enhanced" -- "$TOCEX_BIN" info --json --from-toc "$LADY" --data-track 13
pycheck "enhanced sessions" '
s = j["sessions"]
assert len(s) == 2, s
assert s[0]["last_track"] == 12 and s[0]["leadout"] == 207106 - 11400
assert s[1]["first_track"] == 13 and s[1]["leadout"] == 210385
t = j["tracks"][12]
assert t["type"] == "data" and t["session"] == 2 and t["control"] & 4
'

# discid: contract keys; values from whipper (Ladyhawke) and the reference (2.7).
expect_exit 0 "discid --json" -- "$TOCEX_BIN" discid --json --from-toc "$LADY" --data-track 13
pycheck "discid keys" '
for k in ("musicbrainz", "freedb", "accuraterip", "ctdb", "toc"):
    assert k in j, k
assert j["musicbrainz"] == "KnpGsLhvH.lPrNc1PBL21lb9Bg4-"
assert j["freedb"] == "c60af50d"
assert j["accuraterip"] == {**j["accuraterip"], "id1": "0013bd5a", "id2": "00b8d489", "freedb": "c60af50d"}
assert j["toc"] == "1 12 195856 " + " ".join(str(x) for x in [150, 15687, 31841, 51016, 66616, 81352, 99559, 116070, 133243, 149997, 161710, 177832])
'
expect_exit 0 "discid --url" -- "$TOCEX_BIN" discid --url --from-toc "$MBDOC"
if grep -q '^https://musicbrainz.org/cdtoc/attach?id=49HHV7Eb8UKF3aQiNmu1GR8vKTY-&tracks=6&toc=1+6+95462+150+15363+32314+46592+63414+80489$' "$TMP/out"; then ok; else bad "discid --url: $(cat "$TMP/out")"; fi

# Mixed mode (data track 1, audio 2-3): MusicBrainz keeps track 1 (libdiscid), AccurateRip counts
# the audio tracks 1..2 among themselves: id1 = 20000 + 30000 + 40000, id2 = 20000*1 + 30000*2 + 40000*3.
expect_exit 0 "discid mixed mode" -- "$TOCEX_BIN" discid --json --from-toc "1 3 40150 150 20150 30150" --data-track 1
pycheck "discid mixed mode" '
assert j["toc"] == "1 3 40150 150 20150 30150", j["toc"]
assert j["accuraterip"]["id1"] == "%08x" % 90000 and j["accuraterip"]["id2"] == "%08x" % 200000, j["accuraterip"]
assert j["freedb"].endswith("03")
'

# A data-only disc: audio IDs are null, freedb stays.
expect_exit 0 "discid data-only" -- "$TOCEX_BIN" discid --json --from-toc "1 1 300150 150" --data-track 1
pycheck "discid nulls" '
assert j["musicbrainz"] is None and j["accuraterip"] is None and j["ctdb"] is None and j["toc"] is None
assert j["freedb"] == "020fa001", j["freedb"]
'

# cdb: READ TOC format 0 of the documentation disc, byte for byte as MMC lays it out.
expect_exit 0 "cdb GOOD" -- "$TOCEX_BIN" cdb --json --from-toc "$MBDOC" 43 00 00 00 00 00 00 03 24 00
pycheck "cdb GOOD exact" '
lbas = [0, 15213, 32164, 46442, 63264, 80339]
body = b"".join(bytes([0, 0x10, n + 1, 0]) + l.to_bytes(4, "big") for n, l in enumerate(lbas))
body += bytes([0, 0x10, 0xAA, 0]) + (95312).to_bytes(4, "big")
want = (len(body) + 2).to_bytes(2, "big") + bytes([1, 6]) + body
assert set(j) == {"status", "data"}, j
assert j["status"] == "GOOD"
assert j["data"] == want.hex(), (j["data"], want.hex())
'
# Short allocation length: exactly the bytes the device transferred, Data Length not reduced (MMC).
expect_exit 0 "cdb short" -- "$TOCEX_BIN" cdb --json --from-toc "$MBDOC" 43 00 00 00 00 00 00 00 06 00
pycheck "cdb short allocation" '
assert j["data"] == "003a01060010", j["data"]
'
# CHECK CONDITION: format 0Fh is reserved (MMC) -> ILLEGAL REQUEST / INVALID FIELD IN CDB.
expect_exit 3 "cdb CHECK CONDITION" -- "$TOCEX_BIN" cdb --json --from-toc "$MBDOC" 43 00 0f 00 00 00 00 03 24 00
pycheck "cdb CHECK CONDITION exact" '
assert set(j) == {"status", "sense", "data"}, j
assert j["status"] == "CHECK CONDITION"
assert j["sense"] == {"key": 5, "asc": 36, "ascq": 0}, j["sense"]
assert j["data"] == ""
'

# session (format 1) and fulltoc (format 2) of the Enhanced CD.
expect_exit 0 "session --json" -- "$TOCEX_BIN" session --json --from-toc "$LADY" --data-track 13
pycheck "session values" '
assert j["first_session"] == 1 and j["last_session"] == 2
assert j["first_track_last_session"] == 13 and j["start"] == 207106
'
expect_exit 0 "fulltoc --json" -- "$TOCEX_BIN" fulltoc --json --from-toc "$LADY" --data-track 13
pycheck "fulltoc entries" '
assert j["first_session"] == 1 and j["last_session"] == 2
e = j["entries"]
for x in e:
    for k in ("session", "adr", "control", "tno", "point", "min", "sec", "frame", "zero", "pmin", "psec", "pframe"):
        assert k in x, k
a2 = [x for x in e if x["point"] == 0xA2 and x["adr"] == 1]
assert len(a2) == 2
f = 207106 - 11400 + 150
assert (a2[0]["pmin"], a2[0]["psec"], a2[0]["pframe"]) == (f // 4500, f // 75 % 60, f % 75), a2[0]
t13 = [x for x in e if x["point"] == 13 and x["adr"] == 1][0]
assert t13["session"] == 2 and t13["control"] == 4
'

# ioctl: READ_TOC_EX with CDROM_READ_TOC_EX = 00 00 00 00 (Format 0, Msf 0, SessionTrack 0):
# success with Information = the bytes transferred (windows-ioctl.md 3.4: a short transfer succeeds).
expect_exit 0 "ioctl --json" -- "$TOCEX_BIN" ioctl --json --from-toc "$MBDOC" --code READ_TOC_EX --in 00000000 --out-len 804
pycheck "ioctl success" '
assert set(("status", "ntstatus", "information", "data")) <= set(j), j
assert j["status"] == "STATUS_SUCCESS" and j["ntstatus"] == "0x00000000"
assert j["information"] == 4 + 7 * 8, j["information"]
assert j["data"].startswith("003a0106") and len(j["data"]) == 2 * j["information"]
'
# V2: an output buffer below 2 bytes -> STATUS_BUFFER_TOO_SMALL with Information 2.
expect_exit 3 "ioctl small buffer" -- "$TOCEX_BIN" ioctl --json --from-toc "$MBDOC" --code READ_TOC_EX --in 00000000 --out-len 1
pycheck "ioctl BUFFER_TOO_SMALL" '
assert j["status"] == "STATUS_BUFFER_TOO_SMALL" and j["ntstatus"].upper() == "0XC0000023", j
assert j["information"] == 2 and j["data"] == ""
'
# V1: an input buffer below sizeof(CDROM_READ_TOC_EX) -> STATUS_INFO_LENGTH_MISMATCH.
expect_exit 3 "ioctl short input" -- "$TOCEX_BIN" ioctl --json --from-toc "$MBDOC" --code READ_TOC_EX --in 00 --out-len 804
pycheck "ioctl INFO_LENGTH_MISMATCH" '
assert j["status"] == "STATUS_INFO_LENGTH_MISMATCH" and j["ntstatus"].upper() == "0XC0000004", j
assert j["information"] == 0 and j["data"] == ""
'

finish
