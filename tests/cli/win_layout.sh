#!/usr/bin/env bash
# Layout test: tocex/ntddcdrm.h against mingw-w64's own ntddcdrm.h (Debian's mingw-w64 headers).
# The probe (tests/win/layout_probe.c) is compiled by the Windows cross compiler against mingw-w64
# and by the host compiler against ours; the constant object it emits (sizes, offsets, constants,
# one struct instance per bit-field with that field set to all ones) must be byte-identical.
set -euo pipefail
src=${TOCEX_SOURCE_DIR:?}
cc_win=$(command -v x86_64-w64-mingw32-gcc || true)
if [ -z "$cc_win" ]; then echo "skipped: x86_64-w64-mingw32-gcc not installed (Debian package mingw-w64)"; exit 77; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$cc_win" -std=gnu11 -DPROBE_MINGW -c "$src/tests/win/layout_probe.c" -o "$work/mingw.o"
cc -std=c11 -Wall -Wextra -Wpedantic -Werror -I"$src/include" -c "$src/tests/win/layout_probe.c" -o "$work/ours.o"
x86_64-w64-mingw32-objcopy -O binary --only-section=.tlayout "$work/mingw.o" "$work/mingw.bin"
objcopy -O binary --only-section=.tlayout "$work/ours.o" "$work/ours.bin"
cc -std=c11 -DPROBE_PRINT -I"$src/include" "$src/tests/win/layout_probe.c" -o "$work/print"
python3 - "$work/mingw.bin" "$work/ours.bin" <<'PY'
import sys
m = open(sys.argv[1], 'rb').read(); o = open(sys.argv[2], 'rb').read()
if len(o) == 0 or len(m) < len(o) or any(m[len(o):]):
    sys.exit("FAIL: probe sizes differ: mingw %d bytes, tocex %d bytes" % (len(m), len(o)))
bad = [i for i in range(len(o)) if m[i] != o[i]]
if bad:
    for i in bad[:20]:
        print("FAIL: byte %d (word %d): mingw %02x, tocex %02x" % (i, i // 4, m[i], o[i]))
    sys.exit(1)
print("layout identical: %d bytes of sizes, offsets, constants and bit positions" % len(o))
PY
# (through a file: head closing the pipe early would fail the test under pipefail)
"$work/print" >"$work/print.txt"
head -14 "$work/print.txt"
