#!/usr/bin/env python3
"""Build and lookup at 10 million names (issue 22: scale).

Usage: python3 benches/bench_10m.py [--names N] [--runs R]

Makes benches/data/gazetteer-10m.jsonl if missing (benches/make_gazetteer.py:
every entity of the default gazetteer's sources, then seeded synthetic
persons from real name parts, one in three with an initialled alias, up to
N names and aliases), and benches/data/gazetteer-1m.* for the 1M reference.
Then, in one run, so that figures read as ratios on a noisy machine:

  build     `nomina build` of the 10M source: wall time and peak RSS
            (from wait4), and the artifact's size against its source's;
  open      one `nomina resolve` process on the 10M artifact (memory
            map, full checksum, one lookup, exit) against `nomina
            --version` (process start-up), 2R+1 runs each, median, page
            cache warm;
  resolve   target/release/examples/query_latency on the 10M and the 1M
            artifact with the OFAC dev variants as queries (if
            ../shared/data is present): median and p99 of
            `resolve_top(q, 1)`, and the 10M/1M ratio of medians.

Targets (issue 22): build <= 60 s and <= 4 GB, artifact <= 1.0x its source,
open <= 150 ms, 10M/1M latency <= 1.3.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benches/data"
NOMINA = ROOT / "target/release/nomina"
LATENCY = ROOT / "target/release/examples/query_latency"
DEV = ROOT.parent / "shared/data/ofac-variants-split/dev.tsv"
sys.path.insert(0, str(ROOT / "benches"))
from bench_1m import run  # noqa: E402  (one process: wall time, peak RSS)


def median_of(cmd, runs):
    walls = [run(cmd)[0] for _ in range(runs)]
    return statistics.median(walls)


def gazetteer(names, label):
    src = DATA / f"gazetteer-{label}.jsonl"
    if not src.exists():
        subprocess.run([sys.executable, ROOT / "benches/make_gazetteer.py", src, str(names)], check=True)
    return src


def latency(art):
    out = subprocess.run([LATENCY, art, DEV], capture_output=True, text=True, check=True).stdout
    m = re.search(r"resolve_top\(q, 1\)\s+median\s+([\d.]+) µs.*?p99\s+([\d.]+)", out)
    return float(m.group(1)), float(m.group(2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "nomina",
                    "--example", "query_latency"], cwd=ROOT, check=True)
    DATA.mkdir(parents=True, exist_ok=True)
    src = gazetteer(args.names, "10m")
    art = DATA / "gazetteer-10m.nom"
    print(f"machine: {os.cpu_count()} cores; source {src.stat().st_size / 1e6:.1f} MB")

    wall, rss = run([NOMINA, "build", "-o", art, src])
    size = art.stat().st_size
    print(f"build 10M: {wall:.1f} s, peak RSS {rss / 1024:.2f} GB; artifact {size / 1e6:.1f} MB "
          f"= {size / src.stat().st_size:.2f} x its source")

    runs = args.runs * 2 + 1
    q = "LAVROV, Sergei Viktorovich"
    start = median_of([NOMINA, "--version"], runs)
    opened = median_of([NOMINA, "resolve", "-g", art, q], runs)
    print(f"open 10M and resolve one name: {opened * 1000:.1f} ms; process start "
          f"{start * 1000:.1f} ms; difference {(opened - start) * 1000:.1f} ms (median of {runs})")

    if DEV.exists():
        small = gazetteer(1_000_000, "1m")
        small_art = DATA / "gazetteer-1m.nom"
        # Rebuilt every time: an artifact of an older name model would
        # compare lookups of two different indexes.
        run([NOMINA, "build", "-o", small_art, small])
        big, small_l = latency(art), latency(small_art)
        print(f"resolve_top(q, 1): 10M median {big[0]:.1f} µs p99 {big[1]:.1f} µs; "
              f"1M median {small_l[0]:.1f} µs p99 {small_l[1]:.1f} µs; "
              f"10M/1M {big[0] / small_l[0]:.2f}")


if __name__ == "__main__":
    main()
