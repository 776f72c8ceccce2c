#!/bin/bash
# --hex and --raw give the same bytes for every command with a device response, and those bytes
# are what `cdb` reports for the same CDB.
set -u
. "$(dirname "$0")/lib/common.sh"
LADY_OPTS=(--from-toc "$LADY" --data-track 13)

same_bytes() { # what, args...
    local what=$1
    shift
    "$TOCEX_BIN" "$@" --hex >"$TMP/hex" 2>"$TMP/err"
    local rc_hex=$?
    "$TOCEX_BIN" "$@" --raw >"$TMP/raw" 2>>"$TMP/err"
    local rc_raw=$?
    if [ "$rc_hex" -ne "$rc_raw" ]; then bad "$what: exit $rc_hex with --hex, $rc_raw with --raw"; return; fi
    if python3 -c "
import sys
hexed = open('$TMP/hex').read().split()
raw = open('$TMP/raw', 'rb').read()
assert all(len(x) == 2 and x == x.lower() for x in hexed), 'not lowercase byte pairs'
assert bytes.fromhex(''.join(hexed)) == raw, (len(hexed), len(raw))
assert len(raw) > 0
"; then ok; else bad "$what: --hex and --raw differ"; fi
}

for cmd in info toc session fulltoc discid; do
    same_bytes "$cmd" $cmd "${LADY_OPTS[@]}"
done
same_bytes "toc --msf" toc --msf "${LADY_OPTS[@]}"
same_bytes "toc --track 13" toc --track 13 "${LADY_OPTS[@]}"
same_bytes "fulltoc --session 2" fulltoc --session 2 "${LADY_OPTS[@]}"
same_bytes "cdb" cdb "${LADY_OPTS[@]}" 43 02 00 00 00 00 01 03 24 00
same_bytes "ioctl" ioctl --code READ_TOC_EX --in 00000000 --out-len 804 "${LADY_OPTS[@]}"
same_bytes "drives" drives

# toc --raw is the READ TOC answer cdb returns for the CDB the toc command sends.
"$TOCEX_BIN" toc --raw "${LADY_OPTS[@]}" >"$TMP/raw"
"$TOCEX_BIN" cdb --json "${LADY_OPTS[@]}" 43 00 00 00 00 00 00 03 24 00 >"$TMP/out"
pycheck "toc --raw equals cdb data" '
assert bytes.fromhex(j["data"]) == open("'"$TMP"'/raw", "rb").read()
'
# MSF answer (MMC: byte 1 bit 1): the lead-out of Ladyhawke at 46:47:10 = 00 2e 2f 0a.
"$TOCEX_BIN" toc --raw --msf "${LADY_OPTS[@]}" >"$TMP/raw"
if python3 -c "
raw = open('$TMP/raw', 'rb').read()
assert raw[-4:] == bytes([0, 46, 47, 10]), raw[-8:].hex()
assert raw[-6] == 0xAA
"; then ok; else bad "toc --msf lead-out descriptor"; fi

# --quirk leadout-control-data: the lead-out descriptor's CONTROL is 4h whatever the last track
# (QEMU/DOSBox-X); without it, the last track's CONTROL (0 for audio), as MMC has it.
"$TOCEX_BIN" cdb --json --from-toc "$MBDOC" 43 00 00 00 00 00 00 03 24 00 >"$TMP/out"
pycheck "lead-out CONTROL without quirk" 'assert bytes.fromhex(j["data"])[-7] == 0x10, j["data"][-16:]'
"$TOCEX_BIN" --quirk leadout-control-data cdb --json --from-toc "$MBDOC" 43 00 00 00 00 00 00 03 24 00 >"$TMP/out"
pycheck "lead-out CONTROL with quirk" 'assert bytes.fromhex(j["data"])[-7] == 0x14, j["data"][-16:]'

# toc text resembles cdrecord -toc.
expect_exit 0 "toc text" -- "$TOCEX_BIN" toc "${LADY_OPTS[@]}"
if grep -q "^first: 1 last: 13" "$TMP/out" && grep -q "^track:lout lba:    210385 (   841540) 46:47:10" "$TMP/out"; then ok
else bad "toc text: $(cat "$TMP/out")"; fi

finish
