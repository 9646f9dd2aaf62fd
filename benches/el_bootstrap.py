#!/usr/bin/env python3
"""A bootstrap interval over documents for ../shared/tools/el_eval.py.

el_eval scores nomina and an exact, case-sensitive tagger of the same names
on 40 gold-linked news documents (about 220 labels), so a difference of a
few points may be chance. This script draws documents with replacement
(seeded), writes each draw as a benchmark file (a document drawn twice
gets a second id), runs el_eval on it and reports the median and the 95 %
interval of nomina's F1, the tagger's F1 and their difference, which is
paired: both are scored on the same draw.

Usage, from the project root (needs ../shared):
    python3 benches/el_bootstrap.py [--resamples 200] [--seed 1] [--nomina BINARY]
"""
import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "data" / "el-news-dev" / "news-fair-v2-dev.benchmark.jsonl"
LINE = re.compile(r"nomina F1 ([0-9.]+) .* exact names F1 ([0-9.]+)")


def run(bench, nomina):
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "el_eval.py"),
                          "--nomina", nomina, str(bench)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    m = LINE.search(out.stdout)
    if not m:
        sys.exit(f"el_eval printed no figures: {out.stdout}{out.stderr}")
    return float(m.group(1)), float(m.group(2))


def interval(xs):
    xs = sorted(xs)
    lo, hi = xs[int(0.025 * (len(xs) - 1))], xs[int(0.975 * (len(xs) - 1))]
    return f"{statistics.median(xs):+.3f} [{lo:+.3f}, {hi:+.3f}]"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--resamples", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--nomina", default=str(ROOT / "target/release/nomina"))
    args = ap.parse_args()
    if not BENCH.exists():
        sys.exit("needs ../shared/data/el-news-dev")
    docs = [json.loads(l) for l in BENCH.open(encoding="utf-8")]
    whole = run(BENCH, args.nomina)
    print(f"all {len(docs)} documents: nomina F1 {whole[0]:.3f}, exact "
          f"{whole[1]:.3f}, difference {whole[0] - whole[1]:+.3f}")
    rng = random.Random(args.seed)
    ours, theirs, diff = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        bench = Path(tmp) / "draw.benchmark.jsonl"
        for _ in range(args.resamples):
            with bench.open("w", encoding="utf-8") as w:
                for k in range(len(docs)):
                    d = dict(rng.choice(docs))
                    d["id"] = f"{d['id']}-{k}"
                    w.write(json.dumps(d) + "\n")
            a, b = run(bench, args.nomina)
            ours.append(a)
            theirs.append(b)
            diff.append(a - b)
    print(f"{args.resamples} draws of {len(docs)} documents (seed {args.seed}), "
          "median [95 % interval]:")
    print(f"  nomina F1      {interval(ours)}")
    print(f"  exact F1       {interval(theirs)}")
    print(f"  nomina - exact {interval(diff)}")


if __name__ == "__main__":
    main()
