#!/bin/bash
# Image and dump sources through every reading command: the shipped two-session CD-TEXT sample
# and files of the shared test data. Skips what is missing.
set -u
. "$(dirname "$0")/lib/common.sh"
SRC=${TOCEX_SOURCE_DIR:-}
DATA=${TOCEX_TESTDATA:-}
SAMPLE="$SRC/samples/enhanced-cd.ccd"
ran=0

if [ -f "$SAMPLE" ]; then
    ran=1
    expect_exit 0 "sample info" -- "$TOCEX_BIN" info "$SAMPLE"
    if grep -q "^Sessions: *2" "$TMP/out" && grep -q "CD-TEXT:" "$TMP/out"; then ok; else bad "sample info text"; fi
    expect_exit 0 "sample info --json" -- "$TOCEX_BIN" info --json "$SAMPLE"
    pycheck "sample sessions and CD-TEXT" '
assert len(j["sessions"]) == 2
assert j["tracks"][-1]["type"] == "data" and j["tracks"][-1]["session"] == 2
assert j["cdtext"] is not None and len(j["cdtext"]["blocks"]) >= 1
assert j["discid"]["musicbrainz"] is not None
# MusicBrainz: the audio session ends 11400 frames before the data track.
data = j["tracks"][-1]["start"]
assert j["discid"]["toc"].split()[2] == str(data - 11400 + 150)
'
    expect_exit 0 "sample info --skip-cdtext" -- "$TOCEX_BIN" --skip-cdtext info --json "$SAMPLE"
    pycheck "--skip-cdtext" 'assert j["cdtext"] is None'
    expect_exit 0 "sample cdtext --json" -- "$TOCEX_BIN" cdtext --json "$SAMPLE"
    pycheck "sample cdtext" '
b = j["blocks"][0]
assert "title" in b["disc"], b["disc"]
assert j["packs"] >= 1
'
    expect_exit 0 "sample fulltoc" -- "$TOCEX_BIN" fulltoc --json "$SAMPLE"
    pycheck "sample fulltoc sessions" 'assert j["last_session"] == 2'
    expect_exit 0 "sample cue" -- "$TOCEX_BIN" cue "$SAMPLE"
    if grep -q "TRACK 01 AUDIO" "$TMP/out"; then ok; else bad "sample cue: $(head -n 5 "$TMP/out")"; fi
    expect_exit 0 "sample ccd" -- "$TOCEX_BIN" ccd "$SAMPLE"
    if grep -q "^\[CloneCD\]" "$TMP/out"; then ok; else bad "sample ccd: $(head -n 3 "$TMP/out")"; fi
    expect_exit 4 "sample atip" -- "$TOCEX_BIN" atip "$SAMPLE"
fi

if [ -n "$DATA" ] && [ -f "$DATA/libcdio/data/cdda.cue" ]; then
    ran=1
    # libcdio expected/cdda.right: one audio track, lead-out LSN 302, MCN 0000010271955.
    expect_exit 0 "cdda.cue toc --json" -- "$TOCEX_BIN" toc --json "$DATA/libcdio/data/cdda.cue"
    pycheck "cdda.cue" '
assert j["first_track"] == 1 and j["last_track"] == 1 and j["leadout"] == 302, (j["leadout"])
assert j["tracks"][0]["type"] == "audio"
'
    expect_exit 0 "cdda.cue info --json" -- "$TOCEX_BIN" info --json "$DATA/libcdio/data/cdda.cue"
    pycheck "cdda.cue MCN" 'assert j["mcn"] == "0000010271955", j["mcn"]'
fi
if [ -n "$DATA" ] && [ -f "$DATA/libcdio/data/cdtext.cdt" ]; then
    ran=1
    expect_exit 0 "cdtext.cdt" -- "$TOCEX_BIN" cdtext --json "$DATA/libcdio/data/cdtext.cdt"
    pycheck "cdtext.cdt blocks" 'assert len(j["blocks"]) == 2, len(j["blocks"])'
fi
if [ -n "$DATA" ] && [ -f "$DATA/libcdio/data/bad-msf-1.cue" ]; then
    ran=1
    expect_exit 2 "bad-msf-1.cue" -- "$TOCEX_BIN" info "$DATA/libcdio/data/bad-msf-1.cue"
    if grep -q "bad-msf-1.cue" "$TMP/err"; then ok; else bad "bad-msf-1.cue: $(cat "$TMP/err")"; fi
fi

# A raw READ TOC format-4 dump of a CD-R, laid out by hand from MMC (ATIP descriptor): ITWP 5,
# reference speed 2, CD-R sub-type 0, lead-in 97:26:66, last lead-out 79:59:74.
python3 -c "
d = bytes([0xD2, 0x00, 0x80, 0x00, 97, 26, 66, 0, 79, 59, 74, 0]) + bytes(12)
open('$TMP/cdr.atip', 'wb').write((len(d) + 2).to_bytes(2, 'big') + bytes(2) + d)
"
expect_exit 0 "atip --json of a CD-R dump" -- "$TOCEX_BIN" atip --json "$TMP/cdr.atip"
pycheck "ATIP fields" '
assert j["disc_type"] == "CD-R" and j["sub_type"] == 0 and j["writing_power"] == 5 and j["reference_speed"] == 2
assert j["leadin"] == 97 * 4500 + 26 * 75 + 66 - 450150 and j["leadin_msf"] == "97:26:66"
assert j["last_leadout"] == 79 * 4500 + 59 * 75 + 74 - 150 and j["last_leadout_msf"] == "79:59:74"
assert j["manufacturer_code"] == "97:26:60"
assert j["descriptor"] == "d2008000611a42004f3b4a00" + "00" * 12
'
expect_exit 0 "atip text" -- "$TOCEX_BIN" atip "$TMP/cdr.atip"
if grep -q "CD-R" "$TMP/out" && grep -q "97:26:66" "$TMP/out"; then ok; else bad "atip text: $(cat "$TMP/out")"; fi

if [ "$ran" -eq 0 ]; then
    echo "skipped: neither samples/ nor the shared test data are present"
    exit 77
fi
finish
