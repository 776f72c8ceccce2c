#!/bin/bash
# Hostile files for every format (cue, ccd, cdrdao toc, nrg, mds, iso, raw READ TOC dumps, .cdt,
# ripper logs): truncated, oversized, wrong magic, absurd counts (a million TRACK lines, a chunk
# length of 2^32-1, TocEntries=4000000000), NUL bytes and non-UTF-8 text, a multi-megabyte line,
# lengths that point past the end. Each must make `tocex info FILE` exit with status 2 and a
# message naming the file and a line or byte offset, within 20 s and 300 MB of memory. The
# inputs are generated here (tests/cli/lib/bad_inputs.py), next to the valid base each is made
# from, which must open (status 0) so every case is broken for the reason it names.
set -u
. "$(dirname "$0")/lib/common.sh"
src=${TOCEX_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}

python3 "$src/tests/cli/lib/bad_inputs.py" "$TMP" "$src" >"$TMP/cases" || { echo "FAIL: generator"; exit 1; }
# Peak memory in KiB (GNU time); sanitizer builds map more, so they get more room.
limit_kb=300000
if grep -q __asan_init "$TOCEX_BIN" 2>/dev/null; then limit_kb=900000; fi
have_time=0
[ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$TMP/mem" true 2>/dev/null && have_time=1

broken=0
while IFS=$'\t' read -r fmt what path; do
    name=$(basename "$path")
    if [ "$have_time" = 1 ]; then
        timeout 20 /usr/bin/time -f %M -o "$TMP/mem" "$TOCEX_BIN" info "$path" >"$TMP/out" 2>"$TMP/err"
    else
        (ulimit -v 1048576; timeout 20 "$TOCEX_BIN" info "$path" >"$TMP/out" 2>"$TMP/err")
    fi
    rc=$?
    if [ "$what" = VALID ] && [ "$fmt" = cdt ]; then
        # a .cdt holds CD-TEXT only (no TOC): it is read with the cdtext command
        "$TOCEX_BIN" cdtext "$path" >"$TMP/out" 2>"$TMP/err"
        rc=$?
    fi
    if [ "$what" = VALID ]; then
        if [ "$rc" -eq 0 ]; then ok; else bad "$fmt $name (valid base): exit $rc ($(head -c 300 "$TMP/err"))"; fi
        continue
    fi
    broken=$((broken + 1))
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        bad "$fmt: $what ($name): no answer within 20 s"
        continue
    fi
    if [ "$rc" -eq 2 ]; then ok; else bad "$fmt: $what ($name): exit $rc, expected 2 ($(head -c 300 "$TMP/err"))"; fi
    # the message names the file, then a line (FILE:N:) or a byte offset (FILE: byte N:)
    if grep -q -E -- "$name(:[0-9]+|: byte [0-9]+):" "$TMP/err"; then ok; else
        bad "$fmt: $what ($name): no file:line or byte offset in: $(head -c 300 "$TMP/err")"
    fi
    if grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error:' "$TMP/err"; then
        bad "$fmt: $what ($name): sanitizer report: $(grep -m1 -E 'Sanitizer|runtime error' "$TMP/err")"
    else ok; fi
    if [ "$have_time" = 1 ]; then
        kb=$(tail -n 1 "$TMP/mem")
        if [ "${kb:-0}" -lt "$limit_kb" ]; then ok; else bad "$fmt: $what ($name): peak memory $kb KiB"; fi
    fi
done <"$TMP/cases"
echo "$broken hostile inputs"
finish
