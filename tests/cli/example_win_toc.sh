#!/usr/bin/env bash
# The Windows-names example (examples/win_toc.c) prints the shipped sample's TOC, sessions and
# CD-TEXT through IOCTL_CDROM_READ_TOC_EX; its track lines must agree with `tocex toc --json`
# and its titles with `tocex cdtext --json`.
set -euo pipefail
bin=${TOCEX_BINARY_DIR:?}/win_toc
sample=${TOCEX_SOURCE_DIR:?}/samples/enhanced-cd.ccd
[ -x "$bin" ] || { echo "FAIL: $bin not built"; exit 1; }
[ -f "$sample" ] || { echo "skipped: $sample missing"; exit 77; }
out=$("$bin" "$sample")
echo "$out"
json=$("$TOCEX_BIN" toc --json "$sample")
python3 - "$out" "$json" <<'PY'
import json, re, sys
out, toc = sys.argv[1], json.loads(sys.argv[2])
lines = {int(m.group(1)): int(m.group(2)) for m in re.finditer(r"track +(\d+) +\S+ +LBA +(\d+)", out)}
want = {t["number"]: t["start"] for t in toc["tracks"]}
assert lines == want, (lines, want)
m = re.search(r"lead-out +\S+ +LBA +(\d+)", out)
assert m and int(m.group(1)) == toc["leadout"], (m and m.group(1), toc["leadout"])
sessions = re.findall(r"session (\d+) lead-out", out)
assert len(sessions) == len(toc["sessions"]), (sessions, toc["sessions"])
assert "album 0:" in out, "no CD-TEXT album title"
print("example agrees with tocex: %d tracks, %d sessions" % (len(lines), len(sessions)))
PY
