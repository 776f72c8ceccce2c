#!/usr/bin/env bash
# Build tocex and show what it reads from the shipped sample disc (two sessions, CD-TEXT).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/deps.sh"
cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=Release -DTOCEX_TESTS=OFF >/dev/null
cmake --build "$here/build" -j"$(nproc)" >/dev/null
sample="$here/samples/enhanced-cd.ccd"
echo "\$ tocex info $sample"
"$here/build/tocex" info "$sample"
