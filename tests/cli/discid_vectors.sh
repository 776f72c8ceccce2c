#!/bin/bash
# Every row of vectors/discids.csv through `tocex discid --json --from-toc ... [--data-track N]`:
# MusicBrainz, freedb, AccurateRip and CTDB (where the row gives them) must match.
set -u
: "${TOCEX_BIN:?}"
DATA=${TOCEX_TESTDATA:-}
CSV="$DATA/vectors/discids.csv"
if [ -z "$DATA" ] || [ ! -f "$CSV" ]; then
    echo "skipped: $CSV not found (set TOCEX_TESTDATA)"
    exit 77
fi
command -v python3 >/dev/null || { echo "skipped: python3 not installed"; exit 77; }

exec python3 - "$TOCEX_BIN" "$CSV" <<'PY'
import csv, json, re, subprocess, sys
tocex, path = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(path, newline='', encoding='utf-8')))
counts = {"rows": 0, "musicbrainz": 0, "freedb": 0, "accuraterip_id1": 0, "accuraterip_id2": 0, "ctdb": 0}
failures = []
for row in rows:
    first, last = int(row["first_track"]), int(row["last_track"])
    offsets = row["offsets"].split()
    toc = " ".join([str(first), str(last), row["leadout_lba"]] + offsets)
    cmd = [tocex, "discid", "--json", "--from-toc", toc]
    for n in row["data_tracks"].split():
        cmd += ["--data-track", n]
    p = subprocess.run(cmd, capture_output=True, text=True)
    name = row["source"][:70]
    if p.returncode != 0:
        failures.append("%s: exit %d: %s" % (name, p.returncode, p.stderr.strip()))
        continue
    j = json.loads(p.stdout)
    for key in ("musicbrainz", "freedb", "accuraterip", "ctdb", "toc"):
        if key not in j:
            failures.append("%s: key %s missing" % (name, key))
    counts["rows"] += 1
    def check(service, got, want):
        if want == "":
            return
        if got != want:
            failures.append("%s: %s %s, expected %s" % (name, service, got, want))
        else:
            counts[service] += 1
    check("musicbrainz", j["musicbrainz"], row["expected_musicbrainz_id"])
    # "mb" rows: the freedb value libdiscid computes from the already reduced TOC.
    fdb_key = "freedb_libdiscid" if row["toc_view"] == "mb" else "freedb"
    check("freedb", j.get(fdb_key), row["expected_freedb_id"])
    ar = j["accuraterip"] or {}
    check("accuraterip_id1", ar.get("id1"), row["expected_accuraterip_id1"])
    check("accuraterip_id2", ar.get("id2"), row["expected_accuraterip_id2"])
    m = re.search(r"CTDB id ([A-Za-z0-9._-]{28})", row["notes"])
    if m:
        check("ctdb", j["ctdb"], m.group(1))
    # The TOC string hashed for an all-audio "mb" row is the input itself.
    if row["toc_view"] == "mb" and j["toc"] != toc:
        failures.append("%s: toc %s, expected %s" % (name, j["toc"], toc))
print("discid vectors through the program:", ", ".join("%s %d" % kv for kv in counts.items()))
for f in failures:
    print("FAIL", f)
if failures or counts["rows"] != len(rows) or counts["musicbrainz"] == 0:
    sys.exit(1)
PY
