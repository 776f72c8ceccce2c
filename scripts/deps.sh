#!/usr/bin/env bash
# Install the Debian 12 packages tocex needs (as root; idempotent). What each is for:
#   build:   build-essential cmake pkg-config libjansson-dev libmd-dev
#   --test:  libcmocka-dev; oracles libdiscid-dev (disc IDs), libcdio-utils (cd-info), mingw-w64
#            (Windows header layouts); the real-kernel guest test: qemu-system-x86 busybox-static
#            cpio xz-utils zstd file; valgrind; python3 xxd for the shell tests
#   --fuzz:  clang (libFuzzer)
#   --bench: valgrind (callgrind), strace, time, file
set -euo pipefail
want=(build-essential cmake pkg-config libjansson-dev libmd-dev)
for arg in "$@"; do
  case $arg in
    --test) want+=(libcmocka-dev libdiscid-dev libcdio-utils mingw-w64 qemu-system-x86 busybox-static cpio
                   xz-utils zstd file valgrind python3 xxd) ;;
    --fuzz) want+=(clang) ;;
    --bench) want+=(valgrind strace time file libcdio-utils python3) ;;
    *) echo "deps.sh: unknown option $arg" >&2; exit 1 ;;
  esac
done
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
