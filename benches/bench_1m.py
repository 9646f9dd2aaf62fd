#!/usr/bin/env python3
"""Whole-process benchmarks at 1M names + aliases (issue: foundation).

Usage: python3 benches/bench_1m.py [--runs N]

Builds target/release/nomina and the aho-corasick reference example, makes
benches/data/gazetteer-1m.jsonl if missing (benches/make_gazetteer.py), then
times in one run, so that figures can be read as ratios on a noisy machine:

  build     nomina build of the 1M-alias gazetteer, against the reference
            aho-corasick automaton over the same names and aliases;
  resolve   one `nomina resolve` process on the 1M artifact (open, checksum,
            lookup, exit), against `nomina --version` (process start-up);
  default   one `nomina resolve` process on the embedded default gazetteer.

Reports medians of wall time and of peak RSS (per process, from wait4).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benches/data"
NOMINA = ROOT / "target/release/nomina"
AC = ROOT / "target/release/examples/aho_corasick_build"


def run(cmd):
    """Wall seconds and peak RSS (MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}")
    return wall, usage.ru_maxrss / 1024


def measure(name, cmd, runs):
    walls, rss = zip(*(run(cmd) for _ in range(runs)))
    w, r = statistics.median(walls), statistics.median(rss)
    print(f"{name:<28} median {w * 1000:10.1f} ms   peak RSS {r:7.1f} MB   ({runs} runs)")
    return w, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "nomina",
                    "--example", "aho_corasick_build"], cwd=ROOT, check=True)
    DATA.mkdir(parents=True, exist_ok=True)
    src = DATA / "gazetteer-1m.jsonl"
    if not src.exists():
        subprocess.run([sys.executable, ROOT / "benches/make_gazetteer.py", src], check=True)
    art = DATA / "gazetteer-1m.nom"

    print(f"machine: {os.cpu_count()} cores; source {src.stat().st_size / 1e6:.1f} MB")
    b = measure("build 1M (nomina)", [NOMINA, "build", "-o", art, src], args.runs)
    a = measure("build 1M (aho-corasick ref)", [AC, src], max(1, args.runs // 2))
    size = art.stat().st_size
    print(f"artifact {size / 1e6:.1f} MB = {size / src.stat().st_size:.2f} x its JSONL source")
    print(f"build ratio nomina/aho-corasick: time {b[0] / a[0]:.2f}, RSS {b[1] / a[1]:.2f}")

    runs = args.runs * 4 + 1
    q = "LAVROV, Sergei Viktorovich"
    v = measure("process start (--version)", [NOMINA, "--version"], runs)
    r = measure("resolve 1 name, 1M artifact", [NOMINA, "resolve", "-g", art, q], runs)
    d = measure("resolve 1 name, default", [NOMINA, "resolve", "Sergey Lavrov"], runs)
    print(f"resolve ratio vs process start: 1M {r[0] / v[0]:.2f}, default {d[0] / v[0]:.2f}")


if __name__ == "__main__":
    main()
