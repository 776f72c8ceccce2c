# Shared functions and fixtures sourced by tests/cli/*.sh.
: "${TOCEX_BIN:?TOCEX_BIN must name the tocex program}"
command -v python3 >/dev/null || { echo "skipped: python3 not installed"; exit 77; }
FAILS=0
CHECKS=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The MusicBrainz documentation disc (Disc_ID_Calculation): tracks 1..6, LBAs 0 15213 32164 46442
# 63264 80339, lead-out 95312.
MBDOC="1 6 95462 150 15363 32314 46592 63414 80489"
# Ladyhawke (whipper test_image_table.py): CD-Extra, data track 13 in session 2.
LADY="1 13 210535 150 15687 31841 51016 66616 81352 99559 116070 133243 149997 161710 177832 207256"

ok() { CHECKS=$((CHECKS + 1)); }
bad() { CHECKS=$((CHECKS + 1)); FAILS=$((FAILS + 1)); echo "FAIL: $*"; }

# expect_exit CODE DESCRIPTION -- command...: run, keep stdout/stderr in $TMP/out, $TMP/err.
expect_exit() {
    local want=$1 what=$2
    shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, expected $want ($(head -c 300 "$TMP/err"))"; fi
}

# pycheck DESCRIPTION PYTHON-EXPR-FILE: run python with j = JSON of $TMP/out; the snippet raises
# AssertionError on mismatch.
pycheck() {
    local what=$1 code=$2
    if python3 -c "
import json, sys
j = json.load(open('$TMP/out'))
$code
" 2>"$TMP/pyerr"; then ok; else bad "$what: $(tail -n 3 "$TMP/pyerr")"; fi
}

finish() {
    echo "$CHECKS checks, $FAILS failed"
    [ "$FAILS" -eq 0 ]
    exit $?
}
