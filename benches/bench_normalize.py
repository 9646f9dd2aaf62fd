#!/usr/bin/env python3
"""Whole-process benchmarks of `nomina normalize` (issue: corpus normalisation).

Usage: python3 benches/bench_normalize.py [--runs N] [--repeat-to MB] [--memory-gb G]

Needs ../shared/data (BBC and HuffPost corpora). Builds target/release/nomina
and the aho-corasick reference example, then, in one run so that figures read
as ratios on a noisy machine:

  gazetteer  OFAC SDN + GeoNames cities + countries from data/default
             (~372k names and aliases), built once;
  corpus     the text of the BBC and HuffPost documents as JSONL (7.3 MB),
             read once, or repeated with fresh ids to --repeat-to MB;
  reference  examples/aho_corasick_scan: exact-only leftmost-longest
             whole-word scan of the same names over the same text (its
             scan time alone, automaton build excluded, and its whole
             process);
  nomina     `nomina --threads 1` and `--threads 2 normalize --format jsonl`,
             whole process; outputs must be byte-identical.

With --memory-gb, also runs `--threads 2` on a corpus of that many GB made by
repetition and compares peak RSS with the small corpus.
Reports medians of wall time and of peak RSS (per process, from wait4).
"""
import argparse
import hashlib
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benches/data"
SHARED = ROOT.parent / "shared/data"
NOMINA = ROOT / "target/release/nomina"
AC = ROOT / "target/release/examples/aho_corasick_scan"
SOURCES = [ROOT / "data/default" / f for f in
           ("ofac-sdn.jsonl.gz", "cities.jsonl.gz", "countries.jsonl.gz")]
CORPORA = [SHARED / "corpus-bbc-news/bbc-news.jsonl.gz",
           SHARED / "corpus-huffpost-news-category/news-category-v3-subset.jsonl.gz"]


def run(cmd, out=subprocess.DEVNULL):
    """Wall seconds, peak RSS (MB) and stderr of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{err}")
    return wall, usage.ru_maxrss / 1024, err


def measure(name, cmd, runs, mb, out=subprocess.DEVNULL):
    results = [run(cmd, out) for _ in range(runs)]
    w = statistics.median(r[0] for r in results)
    rss = statistics.median(r[1] for r in results)
    print(f"{name:<34} median {w:7.2f} s  {mb / w:6.1f} MB/s  peak RSS {rss:7.1f} MB  ({runs} runs)")
    return w, rss, [r[2] for r in results]


def write_corpus(path, target_mb):
    docs = []
    for c in CORPORA:
        with gzip.open(c, "rt", encoding="utf-8") as f:
            docs += [json.loads(l) for l in f]
    size, copy = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while copy == 0 or size < target_mb * 1e6:
            for d in docs:
                line = json.dumps({"id": f"{d['id']}#{copy}", "text": d["text"]},
                                  ensure_ascii=False) + "\n"
                out.write(line)
                size += len(line.encode())
            copy += 1
    return size / 1e6


def digest(cmd):
    h = hashlib.sha256()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as p:
        for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeat-to", type=float, default=0, help="corpus size in MB")
    ap.add_argument("--memory-gb", type=float, default=0)
    args = ap.parse_args()
    if not all(c.exists() for c in CORPORA):
        sys.exit("needs ../shared/data with the BBC and HuffPost corpora")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "nomina",
                    "--example", "aho_corasick_scan"], cwd=ROOT, check=True)
    DATA.mkdir(parents=True, exist_ok=True)
    art = DATA / "sdn-places.nom"
    subprocess.run([NOMINA, "build", "-o", art, *SOURCES], check=True,
                   stderr=subprocess.DEVNULL)
    corpus = DATA / f"news-{int(args.repeat_to)}mb.jsonl"
    mb = write_corpus(corpus, args.repeat_to)
    print(f"machine: {os.cpu_count()} cores; corpus {mb:.1f} MB; gazetteer {art.stat().st_size / 1e6:.1f} MB")

    ac = measure("aho-corasick reference (process)", [AC, corpus, *SOURCES], args.runs, mb)
    scans = [float(re.search(r"scan ([0-9.]+) s", e).group(1)) for e in ac[2]]
    scan = statistics.median(scans)
    print(f"{'aho-corasick reference (scan only)':<34} median {scan:7.2f} s  {mb / scan:6.1f} MB/s")
    base = [NOMINA, "normalize", "-q", "-g", art, "--format", "jsonl", corpus]
    one = measure("nomina --threads 1", [NOMINA, "--threads", "1", *base[1:]], args.runs, mb)
    two = measure("nomina --threads 2", [NOMINA, "--threads", "2", *base[1:]], args.runs, mb)
    same = digest([NOMINA, "--threads", "1", *base[1:]]) == digest([NOMINA, "--threads", "2", *base[1:]])
    print(f"ratio nomina 1 thread / reference scan (speed): {scan / one[0]:.2f}")
    print(f"ratio nomina 1 thread / reference process (speed): {ac[0] / one[0]:.2f}")
    print(f"scaling 2 threads / 1 thread: {one[0] / two[0]:.2f}; output identical: {same}")

    if args.memory_gb:
        big = DATA / "news-big.jsonl"
        big_mb = write_corpus(big, args.memory_gb * 1000)
        w, rss, _ = run([NOMINA, "--threads", "2", *base[1:-1], big])
        print(f"memory: {big_mb / 1000:.2f} GB corpus, --threads 2: {w:.1f} s, "
              f"peak RSS {rss:.1f} MB (small corpus: {two[1]:.1f} MB)")
        big.unlink()


if __name__ == "__main__":
    main()
