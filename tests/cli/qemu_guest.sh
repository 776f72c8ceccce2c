#!/bin/bash
# Real Linux SG_IO against QEMU's emulated CD drives: a static tocex runs in a tiny guest (stock
# Debian kernel, busybox initramfs, TCG) and reads /dev/sr0 and /dev/sg0 twice: behind PIIX
# IDE/ATAPI (-cdrom) and behind virtio-scsi + scsi-cd. The answers are compared with the
# standard and with what tocex answers for the same ISO as an image on the host; where QEMU is
# known to answer wrongly (reference/qemu-guest.md, mmc-read-toc.md 5.1) the test asserts
# exactly the predicted wrong bytes, and that tocex's reading strategy still gets the right TOC.
#
# Environment: TOCEX_SOURCE_DIR, TOCEX_BINARY_DIR (CTest); TOCEX_GUEST_CACHE (default
# ~/.cache/tocex) keeps the kernel package; TOCEX_GUEST_TIMEOUT per boot (default 120 s).
# Exit 77 with "skipped: reason" when QEMU, the kernel or the tools to build the guest are absent.
set -uo pipefail

SRC=${TOCEX_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${TOCEX_BINARY_DIR:-$SRC/build}
WORK=$BIN/qemu-guest
CACHE=${TOCEX_GUEST_CACHE:-${HOME:-/tmp}/.cache/tocex}/kernel
TIMEOUT=${TOCEX_GUEST_TIMEOUT:-120}
SECTORS=915 # as in reference/qemu-guest.md: lead-out 0393h, MSF 00:14:15

skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

command -v qemu-system-x86_64 >/dev/null || skip "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)"
command -v python3 >/dev/null || skip "python3 not installed"
command -v cmake >/dev/null || skip "cmake not installed"
command -v cc >/dev/null || skip "no C compiler"
command -v dpkg-deb >/dev/null || skip "dpkg-deb not available (not a Debian system)"
for a in libjansson.a libmd.a libc.a; do
    [ -n "$(cc -print-file-name=$a | grep /)" ] && [ -f "$(cc -print-file-name=$a)" ] ||
        skip "static $a not found (apt-get install libjansson-dev libmd-dev libc6-dev)"
done
mkdir -p "$WORK" || fail "cannot create $WORK"
mkdir -p "$CACHE" 2>/dev/null || CACHE=$WORK/cache # no writable home: keep the kernel with the build
T0=$(date +%s)

# 1. A static tocex (and the static SG_IO probe program) for the guest. The build under test is
#    used when its program is static (the default); sanitizer builds are dynamic, so a static
#    copy is built beside them.
STATIC=$WORK/static
TOCEX_STATIC=""
if [ -n "${TOCEX_BINARY_DIR:-}" ] && [ -f "$TOCEX_BINARY_DIR/libtocex.a" ] && command -v file >/dev/null &&
    file -L "${TOCEX_BIN:-/nonexistent}" | grep -q 'statically linked'; then
    TOCEX_STATIC=$TOCEX_BIN
    LIBTOCEX_A=$TOCEX_BINARY_DIR/libtocex.a
else
    # Warnings are enforced by the normal build; this one only has to produce a static program.
    # pkg-config's imported targets name the shared libraries: point them at the static archives.
    if ! cmake -S "$SRC" -B "$STATIC" -DTOCEX_STATIC_EXE=ON -DTOCEX_TESTS=OFF -DTOCEX_WERROR=OFF \
        -DCMAKE_BUILD_TYPE=Release -Dpkgcfg_lib_LIBMD_md="$(cc -print-file-name=libmd.a)" \
        -Dpkgcfg_lib_JANSSON_jansson="$(cc -print-file-name=libjansson.a)" >"$WORK/static-configure.log" 2>&1; then
        tail -n 20 "$WORK/static-configure.log"
        fail "static configure failed (log: $WORK/static-configure.log)"
    fi
    if ! cmake --build "$STATIC" -j2 --target tocex_static >"$WORK/static-build.log" 2>&1; then
        tail -n 20 "$WORK/static-build.log"
        fail "static library build failed (log: $WORK/static-build.log)"
    fi
    LIBTOCEX_A=$STATIC/libtocex.a
    if cmake --build "$STATIC" -j2 --target tocex >>"$WORK/static-build.log" 2>&1 &&
        { ! command -v file >/dev/null || file -L "$STATIC/tocex" | grep -q 'statically linked'; }; then
        TOCEX_STATIC=$STATIC/tocex
    fi
fi
PROBE=$WORK/sgio_probe
cc -std=c11 -D_GNU_SOURCE -O2 -static -I"$SRC/include" -o "$PROBE" "$SRC/tests/programs/sgio_probe.c" \
    "$LIBTOCEX_A" "$(cc -print-file-name=libmd.a)" >"$WORK/probe-build.log" 2>&1 ||
    { cat "$WORK/probe-build.log"; fail "cannot link the static sgio_probe"; }

# 2. The disc: a small ISO 9660 image.
ISO=$WORK/test.iso
python3 "$SRC/tests/qemu/mkiso.py" "$ISO" "$SECTORS" || fail "cannot write $ISO"

# 3. The commands: READ TOC formats 0-5 in LBA and MSF (format 2 from session 1), the legacy
#    format bits in byte 9 (40h session info, 80h full TOC: SFF-8020i), and a 4-byte header probe.
CDBS=()
for msf in 00 02; do
    CDBS+=("43 $msf 00 00 00 00 00 03 24 00" "43 $msf 01 00 00 00 00 03 24 00" "43 $msf 02 00 00 00 01 03 24 00")
    CDBS+=("43 $msf 00 00 00 00 00 03 24 40" "43 $msf 00 00 00 00 01 03 24 80")
done
CDBS+=("43 00 03 00 00 00 00 03 24 00" "43 00 04 00 00 00 00 03 24 00" "43 00 05 00 00 00 00 03 24 00")
CDBS+=("43 00 00 00 00 00 00 00 04 00")

# Does the tocex program speak `cdb --json` yet? Then it is what runs in the guest.
CLI=""
if [ -n "$TOCEX_STATIC" ] && "$TOCEX_STATIC" cdb --json "$ISO" 43 00 00 00 00 00 00 00 0c 00 2>/dev/null |
    grep -q '"status"'; then
    CLI=1
fi

# Host reference: the same CDBs against the ISO as an image (tocex's emulated drive).
HOSTREF=$WORK/host.ref
: >"$HOSTREF"
if [ -n "$CLI" ]; then
    for c in "${CDBS[@]}"; do
        out=$("$TOCEX_STATIC" cdb --json "$ISO" $c 2>/dev/null | tr -d '\n')
        echo "@@R cdb:image:${c// /-} rc=$? $out" >>"$HOSTREF"
    done
    out=$("$TOCEX_STATIC" toc --json "$ISO" 2>/dev/null | tr -d '\n')
    echo "@@R toc:image rc=$? $out" >>"$HOSTREF"
fi

RUN=$WORK/run.sh
{
    echo '# generated by tests/cli/qemu_guest.sh'
    echo 'r() { tag=$1; shift; "$@" >/tmp/out 2>/tmp/err; rc=$?; echo "@@R $tag rc=$rc $(tr -d "\n" </tmp/out)"; [ -s /tmp/err ] && echo "@@E $tag $(tr "\n" " " </tmp/err)"; return 0; }'
    echo 'P=/guest/sgio_probe'
    echo 'r drives:probe $P drives'
    echo 'for d in /dev/sr0 /dev/sg*; do [ -e "$d" ] && r "open:${d#/dev/}" $P open "$d"; done'
    # sg's exclusive open: while one program holds /dev/sg0 with O_EXCL, another gets EBUSY
    echo '$P open /dev/sg0 --exclusive --hold 3 >/tmp/hold 2>&1 &'
    echo 'i=0; while [ ! -s /tmp/hold ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done'
    echo 'r busy:sg0 $P open /dev/sg0 --exclusive'
    echo 'r busy-shared:sg0 $P open /dev/sg0'
    echo 'wait'
    # a user without access to the device nodes (devtmpfs makes them 0600 root)
    echo 'r perm:sr0 $P open /dev/sr0 --uid 1000'
    echo 'r perm:sg0 $P open /dev/sg0 --uid 1000'
    for dev in sr0 sg0; do
        for c in "${CDBS[@]}"; do
            if [ -n "$CLI" ]; then
                echo "r cdb:$dev:${c// /-} /guest/tocex cdb --json /dev/$dev $c"
            else
                echo "r cdb:$dev:${c// /-} \$P cdb /dev/$dev $c"
            fi
        done
        if [ -n "$CLI" ]; then
            echo "r toc:$dev /guest/tocex toc --json /dev/$dev"
            echo "r info:$dev /guest/tocex info --json /dev/$dev"
        fi
    done
    # The second, empty drive: no medium must come back as sense (MMC 02/3A/xx), not as data.
    echo 'r nomedium:sr1 $P cdb /dev/sr1 43 00 00 00 00 00 00 03 24 00'
    echo 'r nomedium-tur:sr1 $P cdb /dev/sr1 00 00 00 00 00 00'
    if [ -n "$CLI" ]; then
        echo 'r nomedium-toc:sr1 /guest/tocex toc --json /dev/sr1'
        echo 'r drives:tocex /guest/tocex drives --json'
    fi
} >"$RUN"

# 4. The guest.
files=("$PROBE")
[ -n "$CLI" ] && files+=("$TOCEX_STATIC")
bash "$SRC/tests/qemu/build-guest.sh" "$CACHE" "$WORK/guest" "$RUN" "${files[@]}" >"$WORK/guest-build.log" 2>&1
rc=$?
if [ $rc = 77 ]; then
    grep '^skipped:' "$WORK/guest-build.log" | head -n1
    exit 77
fi
[ $rc = 0 ] || { tail -n 20 "$WORK/guest-build.log"; fail "guest build failed"; }
cat "$WORK/guest-build.log"

# A small scsi-hd disk next to the CD in the virtio run: its sg node must be refused (not MMC).
DISK=$WORK/disk.img
head -c $((1024 * 1024)) /dev/zero >"$DISK"

boot() { # name, qemu drive arguments...
    local name=$1 t1 t2
    shift
    t1=$(date +%s.%N)
    timeout "$TIMEOUT" qemu-system-x86_64 -nodefaults -no-user-config -machine pc,accel=tcg -cpu qemu64 -m 256 \
        -smp 1 -display none -monitor none -serial "file:$WORK/console-$name.log" -no-reboot \
        -kernel "$WORK/guest/kernel" -initrd "$WORK/guest/initramfs.cpio.gz" \
        -append 'console=ttyS0 quiet loglevel=3 panic=-1' "$@" >"$WORK/qemu-$name.log" 2>&1
    local qrc=$?
    t2=$(date +%s.%N)
    echo "boot $name: qemu rc=$qrc, $(awk -v a="$t1" -v b="$t2" 'BEGIN{printf "%.1f", b - a}') s (TCG)"
    [ $qrc = 0 ] || { cat "$WORK/qemu-$name.log"; tail -n 30 "$WORK/console-$name.log"; fail "QEMU run $name failed"; }
    grep -q '@@GUEST-END rc=0@@' "$WORK/console-$name.log" ||
        { tail -n 30 "$WORK/console-$name.log"; fail "guest $name did not finish its script"; }
    grep '^init: sg' "$WORK/console-$name.log"
}

# IDE: -cdrom is the secondary master (sr0/sg0); an empty CD drive as secondary slave (sr1/sg1).
boot ide -cdrom "$ISO" -drive if=ide,index=3,media=cdrom
# virtio-scsi, scanned by target id: the CD (sr0/sg0), a disk (sg1), an empty CD (sr1/sg2).
boot scsi -device virtio-scsi-pci,id=scsi0 \
    -drive "file=$ISO,if=none,id=cd0,media=cdrom,format=raw,readonly=on" \
    -device scsi-cd,drive=cd0,bus=scsi0.0,channel=0,scsi-id=0,lun=0 \
    -drive "file=$DISK,if=none,id=hd0,format=raw" \
    -device scsi-hd,drive=hd0,bus=scsi0.0,channel=0,scsi-id=1,lun=0 \
    -drive if=none,id=cd1,media=cdrom \
    -device scsi-cd,drive=cd1,bus=scsi0.0,channel=0,scsi-id=2,lun=0

# 5. The verdicts.
status=0
for name in ide scsi; do
    echo "== $name: $( [ -n "$CLI" ] && echo "tocex cdb/toc/info" || echo "sgio_probe (tocex cdb not available yet)")"
    grep -E '^@@R (drives|open|nomedium)' "$WORK/console-$name.log" | cut -c1-400
    grep -E '^@@E ' "$WORK/console-$name.log" | cut -c1-300
    python3 "$SRC/tests/qemu/check_guest.py" "$name" "$WORK/console-$name.log" "$SECTORS" "$HOSTREF" || status=1
done

# The drive list and the open checks over the real kernel's sysfs and SG_IO.
python3 - "$WORK/console-ide.log" "$WORK/console-scsi.log" <<'EOF' || status=1
import json, re, sys
bad = []
for path, mode in zip(sys.argv[1:], ("ide", "scsi")):
    res = {}
    for line in open(path, errors="replace"):
        m = re.match(r"@@R (\S+) rc=(\d+) (.*)$", line.rstrip("\r\n"))
        if m:
            try:
                res[m.group(1)] = (int(m.group(2)), json.loads(m.group(3)))
            except ValueError:
                res[m.group(1)] = (int(m.group(2)), None)
    rc, d = res.get("drives:probe", (None, None))
    drives = (d or {}).get("drives", [])
    empty_sg = "/dev/sg1" if mode == "ide" else "/dev/sg2"
    if len(drives) != 2 or drives[0].get("device") != "/dev/sr0" or drives[0].get("sg") != "/dev/sg0" \
            or drives[0].get("vendor") != "QEMU" or drives[0].get("media") != "CD-ROM" \
            or drives[0].get("profile") != 8 or drives[1].get("device") != "/dev/sr1" \
            or drives[1].get("sg") != empty_sg or drives[1].get("media") != "none":
        bad.append("%s: drive list %s (expected /dev/sr0+/dev/sg0 with a CD-ROM (profile 0008h), "
                   "/dev/sr1+%s empty)" % (mode, d, empty_sg))
    else:
        print("ok      %s: drive list: sr0/sg0 CD-ROM, sr1/%s no medium" % (mode, empty_sg[5:]))
    # MMC: no medium = CHECK CONDITION, NOT READY, MEDIUM NOT PRESENT (02/3A/xx)
    for tag in ("nomedium:sr1", "nomedium-tur:sr1"):
        rc, o = res.get(tag, (None, None))
        s = (o or {}).get("sense") or {}
        if rc != 3 or (o or {}).get("status") != "CHECK CONDITION" or s.get("key") != 2 or s.get("asc") != 0x3A \
                or (o or {}).get("data"):
            bad.append("%s: %s: rc=%s %s (expected CHECK CONDITION 2/3A, no data)" % (mode, tag, rc, o))
        else:
            print("ok      %s: %s: CHECK CONDITION sense 2/3A/%02X" % (mode, tag, s.get("ascq", 0)))
    if "nomedium-toc:sr1" in res:
        rc, o = res["nomedium-toc:sr1"]
        print("info    %s: tocex toc on the empty drive: rc=%s %s" % (mode, rc, o))
        # CLI contract: exit 3 when the device answered CHECK CONDITION
        if rc != 3:
            bad.append("%s: tocex toc on the empty drive: exit %s, expected 3" % (mode, rc))
    if "drives:tocex" in res:
        rc, d = res["drives:tocex"]
        got = [(x.get("device"), x.get("sg"), x.get("media")) for x in (d or {}).get("drives", [])]
        want = [("/dev/sr0", "/dev/sg0", "CD-ROM"), ("/dev/sr1", empty_sg, "none")]
        if rc != 0 or got != want:
            bad.append("%s: tocex drives: rc=%s %s, expected %s" % (mode, rc, got, want))
        else:
            print("ok      %s: tocex drives: %s" % (mode, got))
    for dev in ("sr0", "sg0"):
        rc, o = res.get("open:" + dev, (None, None))
        if rc != 0 or not o or o.get("kind") != "sg_io" or o.get("vendor") != "QEMU":
            bad.append("%s: open /dev/%s: rc=%s %s" % (mode, dev, rc, o))
    # errno of the real kernel -> status: EBUSY -> TOCEX_E_BUSY (13), EACCES -> TOCEX_E_PERMISSION (12)
    for tag, code, needle in (("busy:sg0", 13, "busy"), ("busy-shared:sg0", 13, "busy"),
                              ("perm:sr0", 12, "cdrom"), ("perm:sg0", 12, "cdrom")):
        rc, o = res.get(tag, (None, None))
        if rc != 2 or not o or o.get("status_code") != code or needle not in o.get("message", ""):
            bad.append("%s: %s: rc=%s %s (expected status %d, message with '%s')" % (mode, tag, rc, o, code, needle))
        else:
            print("ok      %s: %s: %s" % (mode, tag, o["message"]))
    if mode == "scsi":
        rc, o = res.get("open:sg1", (None, None))
        # sg1 is the scsi-hd disk: TOCEX_E_NOT_MMC (status code 14), message naming type 00h
        if rc != 2 or not o or o.get("status_code") != 14 or "00h" not in o.get("message", ""):
            bad.append("scsi: the disk /dev/sg1 was not refused as non-MMC: rc=%s %s" % (rc, o))
        else:
            print("ok      scsi: /dev/sg1 (scsi-hd) refused: " + o["message"])
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
EOF

echo "total $(($(date +%s) - T0)) s"
exit $status
