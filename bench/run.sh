#!/usr/bin/env bash
# tocex against libcdio's cd-info, measured in one run on this machine:
#   * whole-process wall time: RUNS alternating runs of each, median of the per-pair ratios, timed
#     from posix_spawn to waitpid (bench/spawn_pair.c) and, for comparison, around Python's
#     subprocess.run (whose own overhead adds to both sides and pulls the ratio towards 1);
#   * instructions (valgrind --tool=callgrind), ratio tocex/cd-info;
#   * the emulated drive's instructions per READ TOC answer, per format;
#   * bytes read and peak memory opening a 700 MB image (the data area must not be read).
# Usage: bash bench/run.sh [RUNS]   (default 51)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-51}
data=${TOCEX_TESTDATA:-$here/../shared/testdata}
bash "$here/scripts/deps.sh" --bench >/dev/null
build=$here/build-bench
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTOCEX_TESTS=OFF -DTOCEX_STATIC_EXE=ON >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
tocex=$build/tocex
echo "tocex: $(file -b "$tocex" | grep -o "statically linked\|dynamically linked")"
# Wall times are only comparable on an otherwise idle machine: a process that waits for a core
# adds the same delay to both programs and pulls every ratio towards 1.
busy=$(python3 -c '
import time
def cpu():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return sum(v), v[3] + v[4]  # total, idle + iowait
t0, i0 = cpu(); time.sleep(1); t1, i1 = cpu()
print(round(100 * (1 - (i1 - i0) / max(1, t1 - t0))))')
if [ "$busy" -gt 20 ]; then
  echo "warning: the CPUs were ${busy}% busy with other work: the wall-time ratios will read high"
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$here/bench/make-99-cdtext.py" "$work" >/dev/null

cdinfo_args() { # cd-info's option for a file, by extension
  case $1 in
    *.cue) echo "--cue-file=$1" ;; *.nrg) echo "--nrg-file=$1" ;; *.toc) echo "--toc-file=$1" ;; *) echo "-i $1" ;;
  esac
}
samples=("$work/bench99.cue")
if [ -d "$data" ]; then
  for f in libcdio/data/cdda.cue libcdio/data/isofs-m1.cue libcdio/data/cdtext.toc libcdio/data/p1.nrg libcdio/data/svcd_ogt_test_ntsc.cue; do
    [ -f "$data/$f" ] && samples+=("$data/$f")
  done
fi

python3 - "$tocex" "$build/spawn_pair" "$runs" "${samples[@]}" <<'PY'
import os, re, statistics, subprocess, sys, time
tocex, spawn_pair, runs, samples = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
goal = None
def cdinfo(f):
    ext = os.path.splitext(f)[1]
    opt = {".cue": "--cue-file=", ".nrg": "--nrg-file=", ".toc": "--toc-file="}.get(ext, "--input=")
    return ["cd-info", "--no-header", "--no-device-info", "-A", "-q", opt + f]
def ours(f):
    return [tocex, "info", f]
def wall(cmd):  # the same, timed around Python's subprocess (its own overhead counts on both sides)
    t = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); return time.perf_counter() - t
def wall_pair(cmd_a, cmd_b):  # bench/spawn_pair.c: alternating runs, posix_spawn to waitpid
    r = subprocess.run([spawn_pair, str(runs)] + cmd_a + ["--"] + cmd_b, capture_output=True, text=True, check=True)
    return [float(x) for x in r.stdout.split()]
def faults(cmd):  # minor page faults: each first touch of a page costs about as much as 10k instructions
    r = subprocess.run(["/usr/bin/time", "-f", "%R"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return r.stderr.strip().splitlines()[-1]
def instructions(cmd):
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    return int(m.group(1)) if m else None
print("%-28s %9s %11s %7s %8s %12s %14s %7s %7s %8s" % ("sample", "tocex ms", "cd-info ms", "wall", "(python)",
      "tocex instr", "cd-info instr", "instr", "faults", "(cd-info)"))
for f in samples:
    if subprocess.run(ours(f), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        print("%-28s tocex cannot read it" % os.path.basename(f)); continue
    ms_a, ms_b, ratio = wall_pair(ours(f), cdinfo(f))
    py_ratios = []
    for _ in range(runs):  # alternate so drift hits both equally
        x = wall(ours(f)); y = wall(cdinfo(f)); py_ratios.append(x / y)
    ia, ib = instructions(ours(f)), instructions(cdinfo(f))
    ir = "%.3f" % (ia / ib) if ia and ib else "n/a"
    print("%-28s %9.2f %11.2f %7.3f %8.3f %12s %14s %7s %7s %8s" % (os.path.basename(f), ms_a, ms_b, ratio,
          statistics.median(py_ratios), ia, ib, ir, faults(ours(f)), faults(cdinfo(f))))
    if f == samples[0] and ia and ib:  # the generated 99-track CD-TEXT cue: the goal of the benchmark
        goal = (ratio, ia / ib, statistics.median(py_ratios))
if goal:
    print("\ngoal on bench99.cue: wall %.3f of cd-info (at most 0.5: %s; %.3f timed through Python), instructions %.3f"
          " (at most 0.25: %s)" % (goal[0], "met" if goal[0] <= 0.5 else "NOT met", goal[2], goal[1],
                                  "met" if goal[1] <= 0.25 else "NOT met"))
PY

echo
echo "emulated drive: instructions per READ TOC answer (99 tracks, CD-TEXT, ATIP, PMA)"
for fmt in 0 1 2 3 4 5; do
  "$build/emu_cost" $fmt 1 || { echo "  format $fmt: emu_cost failed (exit $?)"; continue; }
  base=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$build/emu_cost" $fmt 0 2>&1 | sed -n 's/.*Collected : //p')
  many=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$build/emu_cost" $fmt 1000 2>&1 | sed -n 's/.*Collected : //p')
  echo "  format $fmt: $(( (many - base) / 1000 )) instructions"
done

echo
echo "opening a 700 MB image (sparse files): bytes read by tocex info, peak RSS"
truncate -s 700M "$work/big.bin"
printf 'FILE "big.bin" BINARY\n  TRACK 01 MODE1/2352\n    INDEX 01 00:00:00\n' > "$work/big.cue"
truncate -s 700M "$work/big.iso"
printf '\001CD001\001' | dd of="$work/big.iso" bs=1 seek=32768 conv=notrunc status=none
printf '\377CD001\001' | dd of="$work/big.iso" bs=1 seek=34816 conv=notrunc status=none
for f in "$work/big.cue" "$work/big.iso"; do
  strace -f -e trace=read,pread64,readv,preadv -o "$work/strace.log" "$tocex" info "$f" >/dev/null 2>&1 || true
  bytes=$(awk -F'= ' '/= [0-9]+$/ {s += $NF} END {print s+0}' "$work/strace.log")
  rss=$(/usr/bin/time -f %M "$tocex" info "$f" 2>&1 >/dev/null | tail -1)
  echo "  $(basename "$f"): $bytes bytes read, peak RSS ${rss} KiB"
done
