#!/usr/bin/env python3
"""Incremental build against a full rebuild (issue: periodic rebuilds).

Usage: python3 benches/bench_incremental.py [--runs N] [--names N] [--delta-share F]

Builds target/release/nomina, writes the benchmark gazetteer
(benches/make_gazetteer.py, 1,000,000 names + aliases) and a delta of
--delta-share (default 1 %) of its entities, deterministically: a third
deleted, a third upserted with a changed name and an extra alias, a third
new entities. Then, in one run (medians, peak RSS from wait4):

  full         nomina build -o full.nom GAZ.jsonl DELTA.jsonl
               (the rebuild the incremental build replaces)
  incremental  nomina build --base base.nom -o inc.nom DELTA.jsonl
               (base.nom built from GAZ.jsonl beforehand)

alternated run by run (each pair gives a ratio: the median of the pairs
is reported beside the ratio of the medians), and checks that inc.nom and
full.nom are byte-identical.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benches/data"
NOMINA = ROOT / "target/release/nomina"


def run(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{err}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def report(name, results):
    w = statistics.median(r[0] for r in results)
    rss = statistics.median(r[1] for r in results)
    print(f"{name:<12} median {w:6.2f} s  peak RSS {rss:7.1f} MB  ({len(results)} runs: "
          + ", ".join(f"{r[0]:.2f}" for r in results) + ")")
    return w


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--names", type=int, default=1_000_000)
    ap.add_argument("--delta-share", type=float, default=0.01)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "nomina"], cwd=ROOT, check=True)
    DATA.mkdir(parents=True, exist_ok=True)
    gaz = DATA / f"gazetteer-{args.names // 1000}k.jsonl"
    if not gaz.exists():
        subprocess.run([sys.executable, ROOT / "benches/make_gazetteer.py", gaz, str(args.names)], check=True)
    rows = [json.loads(line) for line in gaz.open(encoding="utf-8")]
    rng = random.Random(7)
    picked = rng.sample(range(len(rows)), int(len(rows) * args.delta_share))
    delta = DATA / "delta.jsonl"
    with delta.open("w", encoding="utf-8") as f:
        for k, i in enumerate(picked):
            r = rows[i]
            if k % 3 == 0:
                line = {"id": r["id"], "op": "delete"}
            elif k % 3 == 1:
                line = {**r, "op": "upsert", "name": r["name"] + " (renamed)",
                        "aliases": list(r.get("aliases", [])) + [r["name"]]}
            else:
                line = {"id": f"delta-{k}", "name": f"{r['name']} Junior", "type": r.get("type", "person")}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    names = sum(1 + len(r.get("aliases", [])) for r in rows)
    print(f"machine: {os.cpu_count()} cores; gazetteer {len(rows)} entities, {names} names; "
          f"delta {len(picked)} rows ({args.delta_share:.1%} of entities)")
    base, inc, full = DATA / "base.nom", DATA / "inc.nom", DATA / "full.nom"
    run([NOMINA, "build", "-o", base, gaz])
    # The two builds alternate, so that a change in the machine's load
    # falls on both alike; each pair gives a ratio of its own.
    fulls, incs = [], []
    for _ in range(args.runs):
        fulls.append(run([NOMINA, "build", "-o", full, gaz, delta]))
        incs.append(run([NOMINA, "build", "--base", base, "-o", inc, delta]))
    f = report("full", fulls)
    i = report("incremental", incs)
    pairs = sorted(b[0] / a[0] for a, b in zip(fulls, incs))
    same = inc.read_bytes() == full.read_bytes()
    print(f"incremental / full: {i / f:.2f} of the medians, {statistics.median(pairs):.2f} "
          f"median of the pairs (range {pairs[0]:.2f}-{pairs[-1]:.2f}; target <= 0.25); "
          f"byte-identical: {same}")


if __name__ == "__main__":
    main()
