#!/usr/bin/env python3
"""Times two nomina binaries on the same command, run by run in turn.

Usage: python3 benches/alternate.py OLD_BIN NEW_BIN [--runs N] [--stdin FILE] -- ARGS...

Runs `OLD_BIN ARGS...` and `NEW_BIN ARGS...` alternately N times (default 7),
stdout to a digest, and reports each one's median wall time and peak RSS
(per process, from wait4), the median of the per-pair ratios new/old (a
load change on this shared machine moves both runs of a pair alike), and
whether the two outputs are byte-identical; the same for user CPU time,
which a busy machine moves less than wall time. With --stdin, FILE is fed
to every run. A failing run stops the comparison.

The baseline binary for later changes is built by benches/baseline.sh.
"""
import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import time


def run(cmd, stdin_path):
    """Wall seconds, peak RSS (MB), the SHA-256 of stdout and user CPU
    seconds of one run."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    h = hashlib.sha256()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    for chunk in iter(lambda: proc.stdout.read(1 << 20), b""):
        h.update(chunk)
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if stdin_path:
        stdin.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{err}")
    return wall, usage.ru_maxrss / 1024, h.hexdigest(), usage.ru_utime


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit(__doc__)
    split = argv.index("--")
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--stdin")
    opts = ap.parse_args(argv[:split])
    args = argv[split + 1:]
    results = {"old": [], "new": []}
    for _ in range(opts.runs):
        for which in ("old", "new"):
            results[which].append(run([getattr(opts, which), *args], opts.stdin))
    med = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
    rss = {k: statistics.median(r[1] for r in v) for k, v in results.items()}
    ratios = [n[0] / o[0] for o, n in zip(results["old"], results["new"])]
    same = {r[2] for r in results["old"]} == {r[2] for r in results["new"]}
    print(f"command: nomina {' '.join(args)}")
    for k in ("old", "new"):
        print(f"  {k}: median {med[k]:.3f} s, peak RSS {rss[k]:.1f} MB ({opts.runs} runs)")
    print(f"  new/old: ratio of medians {med['new'] / med['old']:.3f}, "
          f"median of pair ratios {statistics.median(ratios):.3f} "
          f"(range {min(ratios):.3f}-{max(ratios):.3f}); output identical: {same}")
    user = {k: statistics.median(r[3] for r in v) for k, v in results.items()}
    uratios = [n[3] / o[3] for o, n in zip(results["old"], results["new"])
               if o[3] > 0]
    print(f"  user CPU: old median {user['old']:.3f} s, new {user['new']:.3f} s, "
          f"median of pair ratios {statistics.median(uratios):.3f} "
          f"(range {min(uratios):.3f}-{max(uratios):.3f})")


if __name__ == "__main__":
    main()
