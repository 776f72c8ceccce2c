#!/bin/bash
# Export round trips over every disc the shared test data, samples/ and tests/data/ hold:
#  cue: `tocex cue F` reopened on its own (no image next to it: the REM LEAD-OUT lines carry the
#       lead-outs) gives the tracks, starts, ADR/CONTROL, lead-out and sessions of F;
#  ccd: `tocex ccd F` reopened gives the same full TOC answer bytes (format 2) and the same
#       toc --json as F;
#  cdt: `tocex cdt F` is the packs of F's READ TOC format-5 answer plus one 00h byte, and reopened
#       it answers format 5 with the same bytes as F. A disc without CD-TEXT: exit 4.
# Files that legitimately cannot round-trip are listed below with the reason; a listed file that
# does round-trip fails the test, so the lists stay true.
set -u
. "$(dirname "$0")/lib/common.sh"
DATA=${TOCEX_TESTDATA:-}
SRC=${TOCEX_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if [ -z "$DATA" ] || [ ! -d "$DATA" ]; then
    echo "skipped: TOCEX_TESTDATA is not set or absent"
    exit 77
fi

# Known non-round-trips: "path relative to the test data or the source tree" -> "WORD: reason",
# where WORD must appear in the failure (the file fails for the listed reason only). (A cue
# sheet carries neither the medium nor track modes exactly: the cue comparison leaves them out;
# the ccd comparison allows exactly the mode mapping described below.)
declare -A CUE_CANNOT=()
declare -A CCD_CANNOT=(
    # whipper logged "CD-R detected: Yes"; a CloneCD control file has no field for the medium
    # (no ATIP, no profile), so the .ccd reopens as a CD-ROM. The TOC itself round-trips.
    [tests/data/riplog/whipper-capital-cdextra.log]="media: medium CD-R is not expressible in a .ccd"
)
declare -A CDT_CANNOT=()

rel() {
    case $1 in
        "$DATA"/*) echo "${1#"$DATA"/}" ;;
        "$SRC"/*) echo "${1#"$SRC"/}" ;;
        *) echo "$1" ;;
    esac
}

# Compare two toc --json outputs. cue: the fields a cue sheet carries (tracks with number,
# session, start, ADR, CONTROL; lead-out; sessions with first/last track and lead-out; first and
# last track). ccd: the whole object, where the only allowed difference is the track mode a
# CloneCD file can hold: MODE=0/1/2 only, so every Mode-2 variant reads back as "mode2-mixed"
# (CloneCD's MODE=2 is XA with both forms) and a data track of unknown mode is written MODE=1.
cat >"$TMP/cmp.py" <<'EOF'
import json, sys

def cue_view(j):
    return {
        "first_track": j["first_track"], "last_track": j["last_track"], "leadout": j["leadout"],
        "tracks": [(t["number"], t["session"], t["start"], t["adr"], t["control"]) for t in j["tracks"]],
        "sessions": [(s["number"], s["first_track"], s["last_track"], s["leadout"]) for s in j["sessions"]],
    }

def compare_json(a, b, kind):
    if kind == "cue":
        va, vb = cue_view(a), cue_view(b)
        for k in va:
            assert va[k] == vb[k], "%s: %r != %r" % (k, va[k], vb[k])
        return
    assert len(a["tracks"]) == len(b["tracks"]), "track count %d != %d" % (len(a["tracks"]), len(b["tracks"]))
    for ta, tb in zip(a["tracks"], b["tracks"]):
        ma, mb = ta.get("mode"), tb.get("mode")
        if ma != mb:
            if ma is not None and ma.startswith("mode2"):
                assert mb == "mode2-mixed", "track %d: mode %s read back as %s" % (ta["number"], ma, mb)
            elif ma == "unknown" and ta["type"] == "data":
                assert mb == "mode1", "track %d: data of unknown mode read back as %s" % (ta["number"], mb)
            else:
                raise AssertionError("track %d: mode %s read back as %s" % (ta["number"], ma, mb))
            tb["mode"] = ma
    if a != b:
        diffs = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
        raise AssertionError("toc --json differs in %s: %r != %r" % (diffs, a.get(diffs[0]), b.get(diffs[0])))

# The .cdt bytes against the packs of the source's format-5 answer (4-byte header, 18-byte packs).
def compare_cdt(cdt, ans):
    assert len(ans) >= 4 and (len(ans) - 4) % 18 == 0, "format-5 answer of %d bytes" % len(ans)
    assert int.from_bytes(ans[0:2], "big") == len(ans) - 2, "Data Length is not the answer's length - 2"
    packs = ans[4:]
    assert len(packs) > 0, "no packs in the answer"
    assert len(cdt) == len(packs) + 1, ".cdt of %d bytes for %d packs" % (len(cdt), len(packs) // 18)
    assert cdt[-1] == 0, "last byte %02x, not the 00h CDRWIN appends" % cdt[-1]
    assert cdt[:-1] == packs, "packs differ from the format-5 answer"
    # Every source of the data has correct pack CRCs (or gets them from the CD-TEXT encoder), so
    # every pack of the file must carry its CRC: CRC-16, polynomial 1021h, initial 0, over bytes
    # 0-15, all bits inverted, high byte first (MMC Annex J / reference mmc-read-toc.md 2.6).
    for i in range(len(packs) // 18):
        p = packs[i * 18:i * 18 + 18]
        c = 0
        for byte in p[:16]:
            c ^= byte << 8
            for _ in range(8):
                c = ((c << 1) ^ 0x1021) & 0xFFFF if c & 0x8000 else (c << 1) & 0xFFFF
        assert p[16:18] == ((~c) & 0xFFFF).to_bytes(2, "big"), "pack %d: CRC %s, computed %04x" % (i, p[16:18].hex(), (~c) & 0xFFFF)

# One comparison per line, KIND TAB NAME TAB ORIGINAL TAB EXPORTED (one python run for all: it
# starts slowly); prints KIND TAB NAME TAB "ok" or the reason.
for line in open(sys.argv[1], encoding="utf-8"):
    kind, name, fa, fb = line.rstrip("\n").split("\t")
    try:
        if kind == "cdt":
            compare_cdt(open(fb, "rb").read(), open(fa, "rb").read())
        else:
            compare_json(json.load(open(fa)), json.load(open(fb)), kind)
        print("%s\t%s\tok" % (kind, name))
    except Exception as e:
        print("%s\t%s\t%s" % (kind, name, " ".join(str(e).split())[:400]))
EOF

# Every file of the test data, the samples and the repository's own test files (ripper logs,
# CloneCD files, raw dumps); CD-TEXT-only files (.cdt) take part in the cdt check.
mapfile -t FILES < <(find "$DATA" "$SRC/samples" "$SRC/tests/data" -type f 2>/dev/null | LC_ALL=C sort)
n_cue=0 n_ccd=0 n_cdt=0 n_nocdtext=0 n_files=0
declare -A SEEN_CUE=() SEEN_CCD=() SEEN_CDT=()
PENDING="$TMP/pending"
: >"$PENDING"

# record KIND REL RESULT(0 = round-trips) MESSAGE
record() {
    local kind=$1 r=$2 res=$3 msg=$4 reason=""
    case $kind in
        cue) reason=${CUE_CANNOT[$r]:-}; SEEN_CUE[$r]=1 ;;
        ccd) reason=${CCD_CANNOT[$r]:-}; SEEN_CCD[$r]=1 ;;
        cdt) reason=${CDT_CANNOT[$r]:-}; SEEN_CDT[$r]=1 ;;
    esac
    if [ -n "$reason" ]; then
        if [ "$res" -eq 0 ]; then
            bad "$kind: $r round-trips now but is listed as unable to ($reason): remove it from the list"
        elif [[ $msg != *"${reason%%:*}"* ]]; then
            bad "$kind: $r is listed (${reason#*: }) but fails otherwise: $msg"
        else
            ok
            echo "  $kind: $r: does not round-trip, as listed (${reason#*: })"
        fi
    elif [ "$res" -eq 0 ]; then
        ok
        case $kind in cue) n_cue=$((n_cue + 1)) ;; ccd) n_ccd=$((n_ccd + 1)) ;; cdt) n_cdt=$((n_cdt + 1)) ;; esac
    else
        bad "$kind: $r: $msg"
    fi
}

i=0
for f in "${FILES[@]}"; do
    r=$(rel "$f")
    i=$((i + 1))
    W="$TMP/f$i"
    mkdir -p "$W"
    if "$TOCEX_BIN" toc --json "$f" >"$W/orig.json" 2>/dev/null; then
        n_files=$((n_files + 1))

        # (a) cue sheet
        if ! "$TOCEX_BIN" cue "$f" >"$W/x.cue" 2>"$W/err"; then
            record cue "$r" 1 "cue export failed: $(head -c 300 "$W/err")"
        elif ! "$TOCEX_BIN" toc --json "$W/x.cue" >"$W/cue.json" 2>"$W/err"; then
            record cue "$r" 1 "the exported sheet does not reopen: $(head -c 300 "$W/err")"
        else
            printf 'cue\t%s\t%s\t%s\n' "$r" "$W/orig.json" "$W/cue.json" >>"$PENDING"
        fi

        # (b) CloneCD control file
        if ! "$TOCEX_BIN" ccd "$f" >"$W/x.ccd" 2>"$W/err"; then
            record ccd "$r" 1 "ccd export failed: $(head -c 300 "$W/err")"
        elif ! "$TOCEX_BIN" fulltoc --hex "$f" >"$W/orig.fulltoc" 2>"$W/err"; then
            record ccd "$r" 1 "fulltoc of the source failed: $(head -c 300 "$W/err")"
        elif ! "$TOCEX_BIN" fulltoc --hex "$W/x.ccd" >"$W/ccd.fulltoc" 2>"$W/err"; then
            record ccd "$r" 1 "the exported .ccd does not reopen: $(head -c 300 "$W/err")"
        elif ! cmp -s "$W/orig.fulltoc" "$W/ccd.fulltoc"; then
            record ccd "$r" 1 "full TOC differs: $(diff "$W/orig.fulltoc" "$W/ccd.fulltoc" | head -n 4 | tr '\n' ' ')"
        elif ! "$TOCEX_BIN" toc --json "$W/x.ccd" >"$W/ccd.json" 2>"$W/err"; then
            record ccd "$r" 1 "toc --json of the .ccd failed: $(head -c 300 "$W/err")"
        else
            printf 'ccd\t%s\t%s\t%s\n' "$r" "$W/orig.json" "$W/ccd.json" >>"$PENDING"
        fi
    fi

    # (c) .cdt: every source whose format-5 answer has packs (CD-TEXT-only files included).
    "$TOCEX_BIN" cdtext --hex "$f" >"$W/orig.cdtext" 2>/dev/null
    rc=$?
    if [ "$rc" -eq 4 ]; then
        # No CD-TEXT: the cdt command says so with exit 4 (data not on this disc).
        n_nocdtext=$((n_nocdtext + 1))
        "$TOCEX_BIN" cdt "$f" >"$W/x.cdt" 2>"$W/err"
        rc=$?
        if [ "$rc" -eq 4 ] && [ ! -s "$W/x.cdt" ] && [ -s "$W/err" ]; then ok; else
            bad "cdt: $r has no CD-TEXT: exit $rc (expected 4 with a message, nothing on stdout)"
        fi
    elif [ "$rc" -eq 0 ]; then
        if ! "$TOCEX_BIN" cdt "$f" >"$W/x.cdt" 2>"$W/err"; then
            record cdt "$r" 1 "cdt export failed: $(head -c 300 "$W/err")"
        elif ! "$TOCEX_BIN" cdtext --raw "$f" >"$W/orig.cdtext.raw" 2>"$W/err"; then
            record cdt "$r" 1 "cdtext --raw of the source failed: $(head -c 300 "$W/err")"
        elif ! "$TOCEX_BIN" cdtext --hex "$W/x.cdt" >"$W/cdt.cdtext" 2>"$W/err"; then
            record cdt "$r" 1 "the exported .cdt does not reopen: $(head -c 300 "$W/err")"
        elif ! cmp -s "$W/orig.cdtext" "$W/cdt.cdtext"; then
            record cdt "$r" 1 "format-5 answer differs: $(diff "$W/orig.cdtext" "$W/cdt.cdtext" | head -n 4 | tr '\n' ' ')"
        elif ! "$TOCEX_BIN" cdt --hex "$f" >"$W/x.cdt.hex" 2>"$W/err" ||
            [ "$(tr -d ' \n' <"$W/x.cdt.hex")" != "$(xxd -p "$W/x.cdt" | tr -d '\n')" ]; then
            record cdt "$r" 1 "cdt --hex does not print the bytes of cdt"
        else
            printf 'cdt\t%s\t%s\t%s\n' "$r" "$W/orig.cdtext.raw" "$W/x.cdt" >>"$PENDING"
        fi
    fi
done

# The comparisons that needed python, all in one run.
if ! python3 "$TMP/cmp.py" "$PENDING" >"$TMP/results" 2>"$TMP/pyerr"; then
    bad "comparison script failed: $(tail -n 3 "$TMP/pyerr")"
fi
if [ "$(wc -l <"$TMP/results")" -ne "$(wc -l <"$PENDING")" ]; then
    bad "$(wc -l <"$PENDING") comparisons asked, $(wc -l <"$TMP/results") answered"
fi
while IFS=$'\t' read -r kind r verdict; do
    if [ "$verdict" = ok ]; then record "$kind" "$r" 0 ""; else record "$kind" "$r" 1 "$verdict"; fi
done <"$TMP/results"

# A CDRWIN .cdt (packs + 00h, libcdio's cdtext.cdt: 96 packs and the NUL per MANIFEST.md) comes
# back byte for byte.
if [ -f "$DATA/libcdio/data/cdtext.cdt" ]; then
    "$TOCEX_BIN" cdt "$DATA/libcdio/data/cdtext.cdt" >"$TMP/same.cdt" 2>"$TMP/err"
    if cmp -s "$TMP/same.cdt" "$DATA/libcdio/data/cdtext.cdt"; then ok; else
        bad "cdt of libcdio/data/cdtext.cdt is not the file itself"
    fi
    if [ "$(stat -c %s "$TMP/same.cdt")" -eq $((96 * 18 + 1)) ]; then ok; else bad "cdtext.cdt: not 96 packs + 1"; fi
fi
# --json of cdt: the bytes as hex.
if [ -f "$SRC/samples/enhanced-cd.ccd" ]; then
    "$TOCEX_BIN" cdt "$SRC/samples/enhanced-cd.ccd" >"$TMP/s.cdt"
    expect_exit 0 "cdt --json" -- "$TOCEX_BIN" cdt --json "$SRC/samples/enhanced-cd.ccd"
    want=$(xxd -p "$TMP/s.cdt" | tr -d '\n')
    pycheck "cdt --json" "
assert j['format'] == 'cdt'
assert j['data'] == '$want', j['data'][:40]
assert j['packs'] * 18 + 1 == len(j['data']) // 2
"
fi
# A saved READ TOC format-5 answer (4-byte header + packs, no TOC) gives the same .cdt as the disc.
if [ -f "$SRC/samples/enhanced-cd.ccd" ]; then
    "$TOCEX_BIN" cdtext --raw "$SRC/samples/enhanced-cd.ccd" >"$TMP/s.cdtext"
    expect_exit 0 "cdt of a .cdtext dump" -- "$TOCEX_BIN" cdt "$TMP/s.cdtext"
    if cmp -s "$TMP/out" "$TMP/s.cdt"; then ok; else bad "cdt of the .cdtext dump differs from cdt of the disc"; fi
fi
expect_exit 4 "cdt of a TOC without CD-TEXT" -- "$TOCEX_BIN" cdt --from-toc "$MBDOC"
if grep -q "CD-TEXT" "$TMP/err"; then ok; else bad "cdt without CD-TEXT: message: $(cat "$TMP/err")"; fi
expect_exit 0 "cdt --help" -- "$TOCEX_BIN" cdt --help
if grep -q "cdt SOURCE" "$TMP/out"; then ok; else bad "cdt --help: $(head -n 2 "$TMP/out")"; fi
expect_exit 0 "--help lists cdt" -- "$TOCEX_BIN" --help
if grep -q "^  cdt " "$TMP/out"; then ok; else bad "--help does not list cdt"; fi

# Listed files that were not seen at all: the list is stale.
for k in "${!CUE_CANNOT[@]}"; do [ -n "${SEEN_CUE[$k]:-}" ] || bad "cue list names $k, which is not in the test data"; done
for k in "${!CCD_CANNOT[@]}"; do [ -n "${SEEN_CCD[$k]:-}" ] || bad "ccd list names $k, which is not in the test data"; done
for k in "${!CDT_CANNOT[@]}"; do [ -n "${SEEN_CDT[$k]:-}" ] || bad "cdt list names $k, which is not in the test data"; done

echo "round trips: $n_files discs read; cue $n_cue, ccd $n_ccd, cdt $n_cdt (plus $n_nocdtext sources without CD-TEXT: cdt exit 4)"
if [ "$n_files" -eq 0 ]; then bad "no disc of the test data could be read"; fi
finish
