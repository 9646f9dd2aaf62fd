#!/usr/bin/env python3
"""Benchmarks of the Python binding and the Spark example (issue: pipelines
beyond the CLI), each against `nomina normalize` measured in the same run.

Usage: .venv/bin/python benches/bench_python.py [--runs N] [--repeat-to MB] [--spark] [--workers]

Needs ../shared/data (BBC and HuffPost corpora), the binding installed in the
running interpreter (scripts/test.sh sets up .venv) and, for --spark, PySpark.
Builds target/release/nomina, then:

  gazetteer  OFAC SDN + GeoNames cities + countries (as bench_normalize.py);
  corpus     the BBC and HuffPost texts as JSONL, read once (7.4 MB) or
             repeated with fresh ids to --repeat-to MB;
  CLI        `nomina --threads N normalize --format jsonl`, whole process;
  binding    Gazetteer.annotate_batch(texts, threads=N) on the texts already
             in memory, and Gazetteer.normalize_lines(lines, threads=N) (the
             CLI's whole per-document work: JSON in, JSON line out), each on
             a freshly opened gazetteer so that no answer is kept from an
             earlier run;
  spark      examples/spark_normalize.py on local[2] in both modes, the job
             alone (session started) and the whole run with session start,
             against the CLI on one thread; outputs compared with the CLI's.
  workers    the bound for any job of two worker processes, Spark or not:
             two Python processes started together, each opening the
             gazetteer and running normalize_lines(threads=1) on its half
             of the corpus (as Spark's Python workers do, each with its own
             memos), timed from start to the end of the slower, against the
             CLI on one thread.

Reports medians.
"""
import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches"))
import bench_normalize as bn  # noqa: E402  (corpus and gazetteer set-up)

import nomina  # noqa: E402


def median_time(f, runs):
    times = []
    for _ in range(runs):
        t = f()
        times.append(t)
    return statistics.median(times)


def cli_time(art, corpus, threads):
    start = time.perf_counter()
    subprocess.run([bn.NOMINA, "--threads", str(threads), "normalize", "-q", "-g", art,
                    "--format", "jsonl", corpus], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def binding_time(art, work):
    g = nomina.Gazetteer(str(art))  # fresh: its memos start empty
    start = time.perf_counter()
    work(g)
    return time.perf_counter() - start


def sha_of_cli(art, corpus):
    out = subprocess.run([bn.NOMINA, "normalize", "-q", "-g", art, "--format", "jsonl", corpus],
                         capture_output=True, check=True).stdout
    return hashlib.sha256(out).hexdigest()


def bench_spark(art, corpus, mb, runs, cli_one):
    """Each configuration: a fresh session (so no worker keeps answers from
    an earlier run), a warm-up job on empty documents (starts the Python
    workers and opens the gazetteer, stores no answer), then the timed job."""
    sys.path.insert(0, str(ROOT / "examples"))
    import spark_normalize as job
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    want = sha_of_cli(art, corpus)
    tmp = Path(tempfile.mkdtemp())
    warm = tmp / "warm.jsonl"
    warm.write_text("".join(f'{{"id": {i}, "text": ""}}\n' for i in range(1000)))
    for mode, cpus in (("binding", 1), ("binding", 2), ("pipe", 1), ("pipe", 2)):
        jobs, wholes, same = [], [], True
        for run in range(runs):
            t0 = time.perf_counter()
            spark = (SparkSession.builder.master("local[2]").appName("nomina-bench")
                     .config("spark.ui.enabled", "false").config("spark.task.cpus", str(cpus))
                     .getOrCreate())
            spark.sparkContext.setLogLevel("ERROR")
            sc = spark.sparkContext
            job.normalize(sc, [str(warm)], str(tmp / f"warm-{mode}-{cpus}-{run}"), gazetteer=str(art),
                          mode=mode, nomina_bin=str(bn.NOMINA), partitions=4)
            out = tmp / f"out-{mode}-{cpus}-{run}"
            t1 = time.perf_counter()
            job.normalize(sc, [str(corpus)], str(out), gazetteer=str(art), mode=mode,
                          nomina_bin=str(bn.NOMINA), partitions=8)
            t2 = time.perf_counter()
            spark.stop()
            jobs.append(t2 - t1)
            wholes.append(t2 - t0)
            h = hashlib.sha256()
            for part in sorted(p for p in os.listdir(out) if p.startswith("part-")):
                h.update((out / part).read_bytes())
            same &= h.hexdigest() == want
        j, w = statistics.median(jobs), statistics.median(wholes)
        print(f"spark local[2] {mode:<7} task.cpus={cpus}: job {j:6.2f} s {mb / j:6.1f} MB/s "
              f"(×{cli_one / j:.2f} the CLI on 1 thread); whole run with session start and "
              f"warm-up {w:6.2f} s (×{cli_one / w:.2f}); output equal to CLI: {same}", flush=True)
    shutil.rmtree(tmp)


WORKER = """
import sys, nomina
art, corpus, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(corpus, "rb") as f:
    f.seek(start)
    lines = f.read(end - start).decode("utf-8").splitlines()
g = nomina.Gazetteer(art)
print(sum(len(x) for x in g.normalize_lines(lines, threads=1)))
"""


def bench_workers(art, corpus, lines, runs, cli_one, workers=2):
    """Each worker reads only its own byte range of the corpus, split at
    line boundaries, as a Spark task reads its input split."""
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")) + 1)
    bounds = [offsets[len(lines) * k // workers] for k in range(workers + 1)]

    def once():
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(art), str(corpus),
                                   str(bounds[k]), str(bounds[k + 1])], stdout=subprocess.DEVNULL)
                 for k in range(workers)]
        if any(p.wait() != 0 for p in procs):
            sys.exit("a worker failed")
        return time.perf_counter() - start

    t = median_time(once, runs)
    print(f"{workers} worker processes, no Spark: {t:6.2f} s (×{cli_one / t:.2f} the CLI on 1 thread)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeat-to", type=float, default=0)
    ap.add_argument("--spark", action="store_true")
    ap.add_argument("--workers", action="store_true")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "nomina"], cwd=ROOT, check=True)
    bn.DATA.mkdir(parents=True, exist_ok=True)
    art = bn.DATA / "sdn-places.nom"
    if not art.exists():
        subprocess.run([bn.NOMINA, "build", "-o", art, *bn.SOURCES], check=True, stderr=subprocess.DEVNULL)
    corpus = bn.DATA / f"news-{int(args.repeat_to)}mb.jsonl"
    mb = bn.write_corpus(corpus, args.repeat_to)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    print(f"machine: {os.cpu_count()} cores; corpus {mb:.1f} MB, {len(lines)} documents")

    cli = {}
    for threads in (1, 2):
        c = median_time(lambda: cli_time(art, corpus, threads), args.runs)
        a = median_time(lambda: binding_time(art, lambda g: g.annotate_batch(texts, threads=threads)), args.runs)
        n = median_time(lambda: binding_time(art, lambda g: g.normalize_lines(lines, threads=threads)), args.runs)
        cli[threads] = c
        print(f"threads {threads}: CLI {c:6.2f} s {mb / c:6.1f} MB/s | annotate_batch {a:6.2f} s "
              f"{mb / a:6.1f} MB/s (×{c / a:.2f} the CLI's speed) | normalize_lines {n:6.2f} s "
              f"{mb / n:6.1f} MB/s (×{c / n:.2f})")
    g = nomina.Gazetteer(str(art))
    got = "".join(x + "\n" for x in g.normalize_lines(lines))
    print(f"normalize_lines output equal to CLI: "
          f"{hashlib.sha256(got.encode()).hexdigest() == sha_of_cli(art, corpus)}")
    if args.workers:
        bench_workers(art, corpus, lines, args.runs, cli[1])
    if args.spark:
        bench_spark(art, corpus, mb, args.runs, cli[1])


if __name__ == "__main__":
    main()
