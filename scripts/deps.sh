#!/usr/bin/env bash
# Install the Debian 12 packages tocex needs to build and test (as root; idempotent).
#   build:  build-essential cmake pkg-config libjansson-dev libmd-dev
#   tests:  libcmocka-dev libdiscid-dev (oracle) libcdio-utils (cd-info oracle) mingw-w64 (layout oracle)
#           qemu-system-x86 busybox-static cpio kmod xz-utils zstd (real-kernel guest test) clang (fuzz smoke)
#           valgrind python3 xxd
set -euo pipefail
want=(build-essential cmake pkg-config libjansson-dev libmd-dev)
if [ "${1:-}" = "--test" ]; then
  want+=(libcmocka-dev libdiscid-dev libcdio-utils mingw-w64 qemu-system-x86 busybox-static cpio kmod
         xz-utils zstd clang valgrind python3 xxd genisoimage)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
