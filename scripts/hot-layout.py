#!/usr/bin/env python3
"""Write tools/tocex/hot.ld: the code a `tocex` run executes, gathered in one place.

Why: each first touch of a 64 KiB window of the program's code costs a page fault that maps the
whole window (the kernel's fault-around); spread over the ~800 KiB of a static program, a short run
touches every window. Put together, the code one run needs fits in a few windows (README, "Speed").

How: the static program of a configured build directory is relinked with a link map; the code that
runs is found twice over:
  1. valgrind --tool=callgrind --dump-instr=yes: every instruction address executed, for each of
     the runs below, mapped to its input section (one function with -ffunction-sections; one
     object of an archive such as libc.a);
  2. page faults on this machine (perf): callgrind runs the program on a simulated CPU, so glibc
     picks other string-function variants and skips the vDSO; any fault in code outside the hot
     section names one more input section. Repeated until none is left.
The result is a linker script fragment (INSERT BEFORE .text) of input-section patterns; patterns
that match nothing in another libc are ignored by ld, so the file only ever changes placement.

Usage: python3 scripts/hot-layout.py [--out FILE] BUILD_DIR SAMPLE... (default tools/tocex/hot.ld)
`info` runs on every sample, in order, then the other commands on the first sample; the code of
the first run comes first, so that run touches the fewest windows.
BUILD_DIR must hold a static `tocex` (the default) built with -ffunction-sections (CMake does this).
"""
import bisect
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_map(path):
    """Input sections of a GNU ld map: (address, size, section, file)."""
    secs, pend = [], None
    for line in open(path, errors="replace"):
        m = re.match(r"^ (\.\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
        if m:
            secs.append((int(m.group(2), 16), int(m.group(3), 16), m.group(1), m.group(4).strip()))
            pend = None
            continue
        m = re.match(r"^ (\.\S+)\s*$", line)
        if m:
            pend = m.group(1)
            continue
        m = re.match(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
        if m and pend:
            secs.append((int(m.group(1), 16), int(m.group(2), 16), pend, m.group(3).strip()))
        pend = None
    secs = sorted(s for s in secs if s[1] > 0 and s[2].startswith(".text"))
    return secs


def pattern(sec, path):
    """A path-independent ld input-section pattern for one input section."""
    m = re.match(r".*/([^/()]+\.a)\((.+)\)$", path)
    if m:
        return "*%s:%s(%s)" % (m.group(1), m.group(2), sec)
    m = re.match(r".*?/((?:src|tools)/.*)$", path)
    name = m.group(1) if m else os.path.basename(path)
    return "*%s(%s)" % (name, sec)


def section_at(secs, starts, a):
    i = bisect.bisect_right(starts, a) - 1
    if i >= 0 and secs[i][0] <= a < secs[i][0] + secs[i][1]:
        return secs[i]
    return None


def link(build, ld_script, out, mapfile):
    """Relink the program from its CMake link line, with `ld_script` (or none) and a map."""
    cmd = open(os.path.join(build, "CMakeFiles/tocex.dir/link.txt")).read().strip()
    args = [a for a in shlex.split(cmd) if not re.match(r"^-Wl,-T,.*hot\.ld$", a)]
    i = args.index("-o")
    args[i + 1] = out
    args += ["-Wl,-Map=" + mapfile]
    if ld_script:
        args += ["-Wl,-T," + ld_script]
    subprocess.run(args, cwd=build, check=True)


def write_script(path, patterns, runs=()):
    with open(path, "w") as f:
        f.write("/* The code a tocex run executes, placed together at the start of the program's code (fewer\n"
                " * 64 KiB windows touched, fewer page faults). Written by scripts/hot-layout.py; patterns\n"
                " * that match nothing are ignored, so this file only changes where code is placed.\n")
        for r in runs:
            f.write(" *   tocex %s\n" % " ".join(os.path.basename(a) for a in r))
        f.write(" */\n")
        f.write("SECTIONS\n{\n  .text.hot :\n  {\n")
        f.write("    /* _fini (crti.o and crtn.o, in link order) runs at every exit */\n")
        f.write("    KEEP (*(SORT_NONE(.fini)))\n")
        for p in patterns:
            f.write("    %s\n" % p)
        f.write("  }\n}\nINSERT BEFORE .text;\n")


def main():
    args = sys.argv[1:]
    out = os.path.join(HERE, "tools/tocex/hot.ld")
    if len(args) >= 2 and args[0] == "--out":
        out, args = args[1], args[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    build, samples = os.path.abspath(args[0]), [os.path.abspath(a) for a in args[1:]]
    runs = [["info", s] for s in samples]
    runs += [c + [samples[0]] for c in (["toc"], ["session"], ["fulltoc"], ["cdtext"], ["discid"], ["--json", "info"])]
    tmp = tempfile.mkdtemp()
    exe, mapfile, script = os.path.join(tmp, "tocex"), os.path.join(tmp, "tocex.map"), os.path.join(tmp, "hot.ld")
    link(build, None, exe, mapfile)
    secs = load_map(mapfile)
    starts = [s[0] for s in secs]
    patterns, seen = [], set()

    def add(s):
        p = pattern(s[2], s[3])
        if p not in seen:
            seen.add(p)
            patterns.append(p)
            return True
        return False

    lo = hi = 0
    # command by command, `info` first: what it runs comes first in the section, so it touches the
    # fewest windows; what the other commands add comes after
    for c in runs:
        cg = os.path.join(tmp, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-instr=yes", "--compress-pos=no",
                        "--compress-strings=no", "--callgrind-out-file=" + cg, exe] + c,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for line in open(cg):
            if line.startswith("0x"):
                s = section_at(secs, starts, int(line.split()[0], 16))
                if s:
                    add(s)
        for _ in range(10):
            write_script(script, patterns)
            link(build, script, exe, mapfile)
            secs = load_map(mapfile)
            starts = [s[0] for s in secs]
            elf = subprocess.run(["readelf", "-SW", exe], capture_output=True, text=True).stdout
            m = re.search(r"\.text\.hot\s+PROGBITS\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", elf)
            lo, hi = int(m.group(1), 16), int(m.group(1), 16) + int(m.group(2), 16)
            pf = os.path.join(tmp, "pf.data")
            subprocess.run(["perf", "record", "-q", "-e", "page-faults", "-c", "1", "-d", "-o", pf, exe] + c,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            addrs = subprocess.run(["perf", "script", "-i", pf, "-F", "addr"], capture_output=True, text=True).stdout
            new = 0
            for a in addrs.split():
                a = int(a, 16)
                s = section_at(secs, starts, a)
                if s and s[2] != ".fini" and not lo <= a < hi and add(s):
                    new += 1
            if new == 0:
                break
    write_script(out, patterns, runs)
    print("%s: %d input sections, .text.hot %d bytes" % (out, len(patterns), hi - lo))


if __name__ == "__main__":
    main()
