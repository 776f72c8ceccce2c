#!/bin/bash
# Exit status contract (docs/CLI.md): 0 success, 1 usage error, 2 source not opened/parsed (the
# message names the file), 3 CHECK CONDITION / device failure, 4 data not on this disc.
set -u
. "$(dirname "$0")/lib/common.sh"

# 1: usage errors
expect_exit 1 "unknown option" -- "$TOCEX_BIN" --no-such-option --from-toc "$MBDOC"
expect_exit 1 "no source" -- "$TOCEX_BIN" toc
expect_exit 1 "option of another command" -- "$TOCEX_BIN" info --msf --from-toc "$MBDOC"
expect_exit 1 "--track out of range" -- "$TOCEX_BIN" toc --track 100 --from-toc "$MBDOC"
expect_exit 1 "unknown quirk" -- "$TOCEX_BIN" --quirk no-such-quirk toc --from-toc "$MBDOC"
expect_exit 1 "--data-track without --from-toc" -- "$TOCEX_BIN" --data-track 2 toc /nonexistent
expect_exit 1 "two output switches" -- "$TOCEX_BIN" toc --json --hex --from-toc "$MBDOC"
expect_exit 1 "cdb without bytes" -- "$TOCEX_BIN" cdb --from-toc "$MBDOC"
expect_exit 1 "cdb bad hex" -- "$TOCEX_BIN" cdb --from-toc "$MBDOC" 43 zz
expect_exit 1 "cdb too long" -- "$TOCEX_BIN" cdb --from-toc "$MBDOC" 43000000000000000000000000000000 00
expect_exit 1 "ioctl without --code" -- "$TOCEX_BIN" ioctl --from-toc "$MBDOC"
expect_exit 1 "ioctl unknown code" -- "$TOCEX_BIN" ioctl --code NO_SUCH_IOCTL --from-toc "$MBDOC"
expect_exit 1 "two sources" -- "$TOCEX_BIN" toc a.cue b.cue
expect_exit 1 "drives with a source" -- "$TOCEX_BIN" drives /dev/sr0

# 2: the source cannot be opened or parsed; the message names the file
expect_exit 2 "missing file" -- "$TOCEX_BIN" info "$TMP/no-such-disc.cue"
if grep -q "no-such-disc.cue" "$TMP/err"; then ok; else bad "missing file: stderr does not name it: $(cat "$TMP/err")"; fi
expect_exit 2 "cdb on a missing file" -- "$TOCEX_BIN" cdb --json "$TMP/no-such-disc.cue" 43 00 00 00 00 00 00 00 0c 00
pycheck "cdb JSON whatever the outcome" 'assert j["status"] != "GOOD" and j["data"] == ""'
printf 'FILE "x.bin" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:99:00\n' >"$TMP/broken.cue"
expect_exit 2 "broken cue" -- "$TOCEX_BIN" toc "$TMP/broken.cue"
if grep -q "broken.cue:[0-9]" "$TMP/err"; then ok; else bad "broken cue: no file:line in: $(cat "$TMP/err")"; fi
expect_exit 2 "malformed --from-toc" -- "$TOCEX_BIN" toc --from-toc "1 3 9000 150 100"
expect_exit 2 "--data-track outside the TOC" -- "$TOCEX_BIN" toc --from-toc "$MBDOC" --data-track 9

# 3: CHECK CONDITION via cdb (reserved READ TOC format 0Fh -> 05/24/00), text output too
expect_exit 3 "cdb CHECK CONDITION" -- "$TOCEX_BIN" cdb --from-toc "$MBDOC" 43 00 0f 00 00 00 00 03 24 00
if grep -q "CHECK CONDITION" "$TMP/out" && grep -q "05/24/00" "$TMP/out"; then ok; else bad "cdb text: $(cat "$TMP/out")"; fi
expect_exit 3 "cdb unknown opcode" -- "$TOCEX_BIN" cdb --json --from-toc "$MBDOC" ff 00 00 00 00 00
expect_exit 0 "cdb GOOD" -- "$TOCEX_BIN" cdb --from-toc "$MBDOC" 43 00 00 00 00 00 00 00 0c 00
# A track number beyond the last track: MMC says INVALID FIELD IN CDB for READ TOC format 0.
expect_exit 3 "toc --track beyond last" -- "$TOCEX_BIN" toc --track 7 --from-toc "$MBDOC"

# 4: data not on this disc (a TOC string describes a pressed disc without CD-TEXT)
expect_exit 4 "atip on a pressed disc" -- "$TOCEX_BIN" atip --from-toc "$MBDOC"
expect_exit 4 "cdtext without CD-TEXT" -- "$TOCEX_BIN" cdtext --from-toc "$MBDOC"
expect_exit 4 "cdtext --json without CD-TEXT" -- "$TOCEX_BIN" cdtext --json --from-toc "$MBDOC"
expect_exit 4 "pma on a pressed disc" -- "$TOCEX_BIN" pma --from-toc "$MBDOC"
expect_exit 4 "discid --url without audio" -- "$TOCEX_BIN" discid --url --from-toc "1 1 300150 150" --data-track 1

# 0
expect_exit 0 "--version" -- "$TOCEX_BIN" --version
if grep -Eq '^tocex [0-9]+\.[0-9]+' "$TMP/out"; then ok; else bad "--version: $(cat "$TMP/out")"; fi
expect_exit 0 "default command is info" -- "$TOCEX_BIN" --from-toc "$MBDOC"
if grep -q "49HHV7Eb8UKF3aQiNmu1GR8vKTY-" "$TMP/out"; then ok; else bad "info output lacks the disc ID"; fi
expect_exit 0 "drives" -- "$TOCEX_BIN" drives
expect_exit 0 "drives --json" -- "$TOCEX_BIN" drives --json
pycheck "drives JSON" 'assert isinstance(j["drives"], list)'

finish
