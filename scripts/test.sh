#!/usr/bin/env bash
# Build and run every test: once plain (warnings are errors), once under ASan+UBSan.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/deps.sh" --test
export TOCEX_TESTDATA="${TOCEX_TESTDATA:-$here/../shared/testdata}"
jobs=$(nproc)
status=0
run() { # name, build dir, cmake args...
  local name=$1 dir=$2; shift 2
  echo "=== $name build"
  cmake -S "$here" -B "$dir" -DTOCEX_WERROR=ON "$@" >/dev/null
  if ! cmake --build "$dir" -j"$jobs" >"$dir/build.log" 2>&1; then
    grep -E -A5 "error|warning" "$dir/build.log" | head -80
    return 1
  fi
  echo "=== $name tests"
  ctest --test-dir "$dir" -j"$jobs" --output-on-failure --timeout 900
}
run plain "$here/build-test" -DCMAKE_BUILD_TYPE=RelWithDebInfo || status=1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
TOCEX_SANITIZED=1 run "asan+ubsan" "$here/build-asan" -DCMAKE_BUILD_TYPE=Debug -DTOCEX_SANITIZE=ON || status=1
exit $status
