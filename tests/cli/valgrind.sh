#!/bin/bash
# tocex info under valgrind (memcheck, full leak check) on one file of every format and on a few
# hostile inputs: no invalid read or write, no use of uninitialised memory, no leak. Skipped when
# valgrind is missing or the program is built with sanitizers (ASan and valgrind do not mix).
# memcheck watches malloc and free only in a dynamically linked program: when the installed program
# is static, the build's dynamically linked copy (TOCEX_BIN_DYNAMIC) runs instead.
set -u
TOCEX_BIN=${TOCEX_BIN_DYNAMIC:-${TOCEX_BIN:?}}
command -v valgrind >/dev/null || { echo "skipped: valgrind not installed"; exit 77; }
if [ "${TOCEX_SANITIZED:-0}" = 1 ] || grep -q __asan_init "${TOCEX_BIN:?}" 2>/dev/null; then
    echo "skipped: sanitizer build"
    exit 77
fi
. "$(dirname "$0")/lib/common.sh"
src=${TOCEX_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
data=${TOCEX_TESTDATA:-}

python3 "$src/tests/cli/lib/bad_inputs.py" "$TMP" "$src" >"$TMP/cases" || { echo "FAIL: generator"; exit 1; }
files=("$src/samples/enhanced-cd.ccd" "$src/tests/data/raw/herong.toc" "$src/tests/data/riplog/xld-cure.log"
    "$src/tests/data/riplog/eac-en-utf16le.log" "$TMP/mds-valid.mds" "$TMP/nrg-valid.nrg" "$TMP/iso-valid.iso")
if [ -n "$data" ] && [ -d "$data" ]; then
    for f in libcdio/data/cdda.cue libcdio/data/isofs-m1.cue libcdio/data/p1.nrg libcdio/data/cdtext.toc \
        libcdio/data/copying.iso cdrdao/testtocs/data1.toc whipper/ladyhawke.toc; do
        [ -f "$data/$f" ] && files+=("$data/$f")
    done
else
    echo "note: TOCEX_TESTDATA not set: the shared samples are left out"
fi
# hostile inputs: one per kind of damage
bad_files=()
for n in cue-truncated.cue cue-big-line.cue cue-nul.cue ccd-absurd-count.ccd ccd-truncated.ccd cdrdao-non-utf8.toc \
    riplog-non-utf8.log nrg-chunk-length.nrg mds-offset.mds raw-length.fulltoc cdt-trunc.cdt iso-ragged.iso; do
    bad_files+=("$TMP/$n")
done

run() { # expected-exit file [command]
    local want=$1 f=$2 cmd=${3:-info}
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$TOCEX_BIN" "$cmd" "$f" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    if [ "$rc" -eq 99 ] || grep -q '^==[0-9]*== ' "$TMP/err"; then
        bad "$f: valgrind: $(grep -m3 '^==[0-9]*== ' "$TMP/err" | tr '\n' ' ')"
    elif [ "$rc" -ne "$want" ]; then
        bad "$f: exit $rc, expected $want ($(head -c 200 "$TMP/err"))"
    else ok; fi
}
for f in "${files[@]}"; do run 0 "$f"; done
run 0 "$TMP/cdt-valid.cdt" cdtext
for f in "${bad_files[@]}"; do run 2 "$f"; done
echo "${#files[@]} samples and ${#bad_files[@]} hostile inputs under valgrind"
finish
