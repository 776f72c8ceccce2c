#!/bin/bash
# Build the tocex test guest: a stock Debian kernel (downloaded with apt-get download, unpacked,
# never installed), the SCSI/CD modules it needs, busybox, and a payload.
#
#   build-guest.sh CACHE_DIR OUT_DIR RUN_SH [FILE...]
#
# CACHE_DIR keeps the kernel package and what is unpacked from it, so reruns are fast.
# OUT_DIR receives `kernel` (the uncompressed PVH vmlinux when it can be extracted: QEMU boots it
# directly, without firmware real-mode setup and in-guest decompression; else the bzImage) and
# `initramfs.cpio.gz` with /init, busybox, the modules, RUN_SH as /guest/run.sh and each FILE
# in /guest/. Exit status 77 (with "skipped: reason" on stdout) when the kernel cannot be had.
set -euo pipefail

CACHE=$1 OUT=$2 RUN_SH=$3
shift 3
HERE=$(cd "$(dirname "$0")" && pwd)
TOP_MODULES="sr_mod sg ata_piix virtio_pci virtio_scsi"
BUSYBOX=${TOCEX_GUEST_BUSYBOX:-/bin/busybox}

skip() { echo "skipped: $*"; exit 77; }

mkdir -p "$CACHE" "$OUT"
is_static() { ! command -v file >/dev/null || file -L "$1" | grep -q 'statically linked'; }
[ -x "$BUSYBOX" ] && is_static "$BUSYBOX" || skip "no static busybox at $BUSYBOX (apt-get install busybox-static)"
command -v cpio >/dev/null || skip "cpio not installed"

# Several build trees may share the cache: one download/unpack at a time.
if command -v flock >/dev/null; then
    exec 9>"$CACHE/.lock"
    flock 9
fi

# 1. The kernel package: the current dependency of linux-image-amd64, or a cached one.
deb=""
if command -v apt-cache >/dev/null; then
    kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
    if [ -n "$kpkg" ]; then
        deb=$(ls "$CACHE"/"$kpkg"_*.deb 2>/dev/null | head -n1 || true)
        if [ -z "$deb" ]; then
            (cd "$CACHE" && apt-get download "$kpkg" >"$CACHE/download.log" 2>&1) || true
            deb=$(ls "$CACHE"/"$kpkg"_*.deb 2>/dev/null | head -n1 || true)
        fi
    fi
fi
[ -n "$deb" ] || deb=$(ls "$CACHE"/linux-image-*-amd64_*.deb 2>/dev/null | sort | tail -n1 || true)
[ -n "$deb" ] || skip "cannot fetch a Debian linux-image-*-amd64 package (apt-get download failed, see $CACHE/download.log)"

# 2. Unpack only what is needed: the kernel image and the driver module trees.
kdir="$CACHE/$(basename "$deb" .deb)"
if [ ! -f "$kdir/.unpacked" ]; then
    rm -rf "$kdir"
    mkdir -p "$kdir"
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$kdir" --wildcards './boot/vmlinuz-*' \
        './lib/modules/*/kernel/drivers/ata/*' './lib/modules/*/kernel/drivers/cdrom/*' \
        './lib/modules/*/kernel/drivers/scsi/*' './lib/modules/*/kernel/drivers/virtio/*' ||
        skip "cannot unpack $deb"
    touch "$kdir/.unpacked"
fi
vmlinuz=$(ls "$kdir"/boot/vmlinuz-* | head -n1)
kver=${vmlinuz##*/vmlinuz-}
moddir="$kdir/lib/modules/$kver"

# 3. The uncompressed vmlinux (xz payload of the bzImage; it carries the PVH entry note).
if [ ! -f "$kdir/vmlinux" ] && command -v xz >/dev/null; then
    for off in $(grep -abo $'\xfd7zXZ' "$vmlinuz" | cut -d: -f1); do
        tail -c +$((off + 1)) "$vmlinuz" | xz -dc --single-stream >"$kdir/vmlinux.tmp" 2>/dev/null || true
        if [ "$(head -c 4 "$kdir/vmlinux.tmp" | od -An -c | tr -d ' ')" = "177ELF" ]; then
            mv "$kdir/vmlinux.tmp" "$kdir/vmlinux"
            break
        fi
    done
    rm -f "$kdir/vmlinux.tmp"
fi
if [ -f "$kdir/vmlinux" ] && [ -z "${TOCEX_GUEST_BZIMAGE:-}" ]; then
    cp "$kdir/vmlinux" "$OUT/kernel"
else
    cp "$vmlinuz" "$OUT/kernel"
fi

[ -n "$(command -v flock)" ] && flock -u 9

# 4. Modules in dependency order: modules.dep when the package has one (its postinst usually
#    makes it), else the depends= field of each module's .modinfo.
root="$OUT/root"
rm -rf "$root"
mkdir -p "$root/bin" "$root/lib/modules" "$root/guest" "$root/dev" "$root/proc" "$root/sys" "$root/tmp"
declare -A modpath=() done_mod=()
while IFS= read -r f; do
    b=${f##*/}
    b=${b%.xz}; b=${b%.zst}; b=${b%.ko}
    modpath[${b//-/_}]=$f
done < <(find "$moddir/kernel" -name '*.ko' -o -name '*.ko.xz' -o -name '*.ko.zst')

order=()
module_file() { # name -> uncompressed copy in the initramfs
    local f=${modpath[$1]:-} dst="$root/lib/modules/$1.ko"
    [ -n "$f" ] || { echo "build-guest: module $1 not found in $deb" >&2; exit 1; }
    case "$f" in
    *.xz) xz -dc "$f" >"$dst" ;;
    *.zst) zstd -qdc "$f" >"$dst" ;;
    *) cp "$f" "$dst" ;;
    esac
}
module_deps() {
    local name=$1 line
    if [ -f "$moddir/modules.dep" ]; then
        line=$(grep -E "/$name\.ko(\.xz|\.zst)?:" "$moddir/modules.dep" | head -n1 | cut -d: -f2)
        for d in $line; do d=${d##*/}; d=${d%.xz}; d=${d%.zst}; echo "${d%.ko}"; done
    else
        grep -a -o 'depends=[a-z0-9_,-]*' "$root/lib/modules/$name.ko" | head -n1 | cut -d= -f2 | tr ',' '\n' |
            sed '/^$/d; s/-/_/g'
    fi
}
add_module() {
    local name=$1
    [ -n "${done_mod[$name]:-}" ] && return
    done_mod[$name]=1
    module_file "$name"
    local d
    for d in $(module_deps "$name"); do add_module "$d"; done
    order+=("$name")
}
for m in $TOP_MODULES; do add_module "$m"; done
printf '%s\n' "${order[@]}" >"$root/modules.list"

# 5. The initramfs.
cp "$BUSYBOX" "$root/bin/busybox"
cp "$HERE/init" "$root/init"
chmod 755 "$root/init"
cp "$RUN_SH" "$root/guest/run.sh"
for f in "$@"; do cp "$f" "$root/guest/"; done
# The kernel opens /dev/console for /init before devtmpfs is mounted; /init re-opens it anyway.
[ "$(id -u)" = 0 ] && mknod -m 600 "$root/dev/console" c 5 1 2>/dev/null || true
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -n -1) \
    >"$OUT/initramfs.cpio.gz"
echo "kernel=$kver image=$( [ -f "$kdir/vmlinux" ] && [ -z "${TOCEX_GUEST_BZIMAGE:-}" ] && echo vmlinux || echo bzImage) modules=${order[*]}"
