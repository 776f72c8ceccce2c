#!/usr/bin/env bash
# Run every libFuzzer target for N seconds each (default 60): bash fuzz/run.sh [SECONDS] [TARGET...]
# One target at a time; for one per core start several with disjoint target lists.
# Seeds: fuzz/corpus/<target>/ (committed: seeds and past findings) plus the shared test data.
# New crashes land in fuzz/artifacts/<target>/; once fixed, copy each into fuzz/corpus/<target>/
# so the replay test in the normal suite keeps it fixed.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}; shift || true
data=${TOCEX_TESTDATA:-$here/../shared/testdata}
build=$here/build-fuzz
bash "$here/scripts/deps.sh" --test --fuzz >/dev/null
# UBSan findings stop the run like ASan ones.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
mkdir -p "$build"
# Several run.sh may run side by side (one per core): the build is serialised by a lock.
(
  flock 9
  CC=clang cmake -S "$here" -B "$build" -DTOCEX_FUZZ=ON -DTOCEX_TESTS=OFF -DTOCEX_WERROR=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
    cmake --build "$build" -j"$(nproc)" >/dev/null
) 9>"$build/.fuzz-build.lock" || { echo "fuzz build failed"; exit 1; }
seed() { # target, find-pattern...
  local dir=$here/fuzz/work/$1; shift
  mkdir -p "$dir"
  [ -d "$data" ] && find "$data" -type f \( "$@" \) -size -2M -exec cp -n {} "$dir/" \; 2>/dev/null
  echo "$dir"
}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cd "$build/fuzz" && ls fuzz_* | grep -v '\.'))
printf "%-24s %10s %14s %8s\n" target seconds executions crashes
for t in "${targets[@]}"; do
  case $t in
    fuzz_image_cue) w=$(seed "$t" -name '*.cue') ;;
    fuzz_image_ccd) w=$(seed "$t" -name '*.ccd') ;;
    fuzz_image_cdrdao) w=$(seed "$t" -name '*.toc') ;;
    fuzz_image_nrg) w=$(seed "$t" -name '*.nrg') ;;
    fuzz_image_mds) w=$(seed "$t" -name '*.mds') ;;
    fuzz_image_riplog) w=$(seed "$t" -name '*.log') ;;
    fuzz_image_iso) w=$(seed "$t" -name '*.iso') ;;
    fuzz_cdtext) w=$(seed "$t" -name '*.cdt') ;;
    *) w=$here/fuzz/work/$t; mkdir -p "$w" ;;
  esac
  mkdir -p "$here/fuzz/corpus/$t" "$here/fuzz/artifacts/$t"
  log=$here/fuzz/artifacts/$t.log
  : >"$log"
  # libFuzzer stops at the first crash: start it again (keeping the corpus) until the time is used,
  # so one finding does not end the campaign for the target; the executions of every run add up.
  start=$SECONDS execs=0 runs=0
  while left=$((secs - (SECONDS - start))); [ "$left" -gt 0 ] && [ "$runs" -lt 50 ]; do
    runs=$((runs + 1))
    "$build/fuzz/$t" -max_total_time="$left" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$here/fuzz/artifacts/$t/" "$w" "$here/fuzz/corpus/$t" >>"$log" 2>&1
    n=$(grep 'stat::number_of_executed_units' "$log" | tail -1 | awk '{print $2}')
    execs=$((execs + ${n:-0}))
    sed -i 's/stat::number_of_executed_units/stat::counted_executed_units/' "$log"
  done
  crashes=$(ls "$here/fuzz/artifacts/$t" | wc -l)
  printf "%-24s %10s %14s %8s\n" "$t" "$((SECONDS - start))" "$execs" "$crashes"
done
