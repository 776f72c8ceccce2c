#!/bin/bash
# --help everywhere: the program and every command print a usage to stdout and exit 0.
set -u
. "$(dirname "$0")/lib/common.sh"

expect_exit 0 "--help" -- "$TOCEX_BIN" --help
for c in info toc session fulltoc pma atip cdtext discid cdb ioctl cue ccd cdt drives; do
    if grep -q "^  $c " "$TMP/out"; then ok; else bad "--help does not list $c"; fi
done
expect_exit 0 "-h" -- "$TOCEX_BIN" -h
for c in info toc session fulltoc pma atip cdtext discid cdb ioctl cue ccd cdt drives; do
    expect_exit 0 "$c --help" -- "$TOCEX_BIN" $c --help
    if grep -q "^usage: tocex .*$c" "$TMP/out"; then ok; else bad "$c --help: $(head -n 2 "$TMP/out")"; fi
    # --help wins over everything else on the line, even a missing source.
    expect_exit 0 "--help $c" -- "$TOCEX_BIN" --json --help $c /nonexistent
done
expect_exit 0 "toc --help lists its options" -- "$TOCEX_BIN" toc --help
if grep -q -- "--msf" "$TMP/out" && grep -q -- "--track" "$TMP/out"; then ok; else bad "toc --help lacks --msf/--track"; fi

finish
