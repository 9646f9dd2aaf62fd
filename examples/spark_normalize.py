#!/usr/bin/env python3
"""Normalise a JSONL corpus on Apache Spark with nomina.

Usage:
    spark-submit examples/spark_normalize.py INPUT... --output DIR [options]
    python3 examples/spark_normalize.py INPUT... --output DIR --master local[2] [options]

Options:
    --gazetteer ARTIFACT   artifact to ship to the executors (default: the
                           gazetteer embedded in the nomina module)
    --mode binding|pipe    binding: the Python binding in mapPartitions (the
                           documented way, measured faster); pipe: the
                           `nomina` binary through RDD.pipe
    --nomina-bin PATH      the binary for --mode pipe (on every executor)
    --partitions N         minimum number of input partitions
    --text-field F, --id-field F, --replace    as for `nomina normalize`

The output folder holds Spark's part files; read in name order, their lines
are exactly what `nomina normalize --format jsonl [-g ARTIFACT] INPUT...`
writes (one line per document, in input order). Documents that cannot be
read (bad JSON, no text field) are counted and reported with their input and
byte offset, and skipped, as the command does.

Python on the executors: the job needs `import nomina` on every executor.
Run directly with a local master (`--master local[2]`), it makes Spark's
workers use the Python that runs it (PYSPARK_PYTHON, unless already set).
On a cluster, install the binding on every executor and set PYSPARK_PYTHON
(and PYSPARK_DRIVER_PYTHON) to that interpreter, or ship an environment
with `spark-submit --archives`.

Counting: documents written and documents reported are counted with
accumulators updated once per batch inside the job's only stage, which
writes the output. That stage is Spark's result stage, whose accumulator
updates Spark applies once per partition, so retried or speculative task
attempts are not counted twice. (Updates made in a stage before a shuffle
are applied once per attempt; the job has none.)

How it runs: the artifact is shipped with SparkContext.addFile (spark-submit
--files does the same) and opened, i.e. memory-mapped and checksummed, once
per Python worker process, which Spark reuses across tasks; each partition
is annotated in batches by Gazetteer.normalize_lines, which releases the GIL.
Input lines are split on "\\n" alone, as `nomina normalize` splits them (a
trailing "\\r" is dropped). One difference is Hadoop's: it decodes invalid
UTF-8 with replacement characters, where the command reports such a line.
"""

import argparse
import os
import shlex
import sys
import time

# Documents handed to the binding at a time: bounds a worker's memory.
BATCH = 2048


def open_gazetteer(name):
    """The gazetteer shipped as `name` (None: the embedded one), opened once
    per worker process and kept on the nomina module across tasks."""
    import nomina

    cache = nomina.__dict__.setdefault("_spark_gazetteers", {})
    if name not in cache:
        if name is None:
            cache[name] = nomina.Gazetteer()
        else:
            from pyspark import SparkFiles

            # Verified once here; every task of this worker reuses it.
            cache[name] = nomina.Gazetteer(SparkFiles.get(name))
    return cache[name]


def read_lines(sc, inputs, partitions):
    """(input, byte offset, line) of every line of the inputs, in order,
    split on "\\n" alone; each input in at least `partitions` splits when
    it can be split (not gzip)."""
    rdds = []
    for path in inputs:
        conf = {"textinputformat.record.delimiter": "\n"}
        if partitions:
            size = total_size(sc, path)
            conf["mapreduce.input.fileinputformat.split.maxsize"] = str(max(1, -(-size // partitions)))
        rdd = sc.newAPIHadoopFile(
            path,
            "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
            "org.apache.hadoop.io.LongWritable",
            "org.apache.hadoop.io.Text",
            conf=conf,
        )
        rdds.append(rdd.map(lambda kv, p=path: (p, kv[0], clean(kv[0], kv[1]))))
    return rdds[0] if len(rdds) == 1 else sc.union(rdds)


def clean(offset, line):
    """The line as `nomina normalize` reads it: no "\\r" before the line
    break, no byte-order mark at the start of the input."""
    if line.endswith("\r"):
        line = line[:-1]
    if offset == 0 and line.startswith("\ufeff"):
        line = line[1:]
    return line


def total_size(sc, path):
    jvm = sc._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(sc._jsc.hadoopConfiguration())
    return fs.getContentSummary(p).getLength()


def annotate_partition(gazetteer, options, written, errors):
    def run(records):
        from pyspark import TaskContext

        g = open_gazetteer(gazetteer)
        # As many threads as the task has cores (spark.task.cpus): tasks of
        # several cores share one gazetteer and its memos in one process.
        threads = TaskContext.get().cpus()
        batch = []

        def flush():
            lines = [r[2] for r in batch]
            bad = 0
            for record, out in zip(batch, g.normalize_lines(lines, threads=threads, **options)):
                if isinstance(out, str):
                    yield out
                else:
                    bad += 1
                    print(f"nomina: {record[0]}@{record[1]}: {out.reason}", file=sys.stderr)
            # Once per batch (see "Counting" above).
            written.add(len(batch) - bad)
            errors.add(bad)
            batch.clear()

        for record in records:
            batch.append(record)
            if len(batch) >= BATCH:
                yield from flush()
        yield from flush()

    return run


def normalize(sc, inputs, output, *, gazetteer=None, mode="binding", nomina_bin="nomina",
              partitions=0, text_field="text", id_field="id", replace=False):
    """Runs the job; returns (documents written, documents reported as errors)."""
    if __name__ != "__main__":
        # Imported as a module (by a test or another job): ship it, so that
        # the executors can import the functions the tasks refer to.
        sc.addPyFile(__file__)
    records = read_lines(sc, inputs, partitions)
    errors = sc.accumulator(0)
    written = sc.accumulator(0)
    if mode == "binding":
        name = None
        if gazetteer is not None:
            sc.addFile(gazetteer)
            name = os.path.basename(gazetteer)
        options = {"text_field": text_field, "id_field": id_field,
                   "output": "replace" if replace else "annotate"}
        out = records.mapPartitions(annotate_partition(name, options, written, errors))
    elif mode == "pipe":
        threads = sc.getConf().get("spark.task.cpus", "1")
        cmd = [nomina_bin, "--threads", threads, "normalize", "-q", "--format", "jsonl",
               "--text-field", text_field, "--id-field", id_field]
        if replace:
            cmd += ["--output", "replace"]
        if gazetteer is not None:
            cmd += ["-g", gazetteer]
        # RDD.pipe splits its command as a shell would: quoted, paths with
        # spaces stay whole.
        out = records.map(lambda r: r[2]).pipe(shlex.join(cmd)).mapPartitions(counted(written))
    else:
        raise ValueError(f"unknown mode {mode!r} (expected binding or pipe)")
    out.saveAsTextFile(output)
    return written.value, errors.value


def counted(written):
    """Passes a partition's lines through, adding their number to
    `written` once at its end (see "Counting" above)."""
    def run(lines):
        n = 0
        for line in lines:
            n += 1
            yield line
        written.add(n)

    return run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--output", required=True)
    ap.add_argument("--gazetteer")
    ap.add_argument("--mode", choices=["binding", "pipe"], default="binding")
    ap.add_argument("--nomina-bin", default="nomina")
    ap.add_argument("--partitions", type=int, default=0)
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--id-field", default="id")
    ap.add_argument("--replace", action="store_true")
    ap.add_argument("--master", help="e.g. local[2] when not run by spark-submit")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    # In local mode the workers are this machine's: by default they would
    # run "python3" from PATH, which may lack the binding.
    if (args.master or "").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("nomina-normalize")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        start = time.perf_counter()
        written, errors = normalize(
            spark.sparkContext, args.inputs, args.output, gazetteer=args.gazetteer,
            mode=args.mode, nomina_bin=args.nomina_bin, partitions=args.partitions,
            text_field=args.text_field, id_field=args.id_field, replace=args.replace)
        seconds = time.perf_counter() - start
        print(f"nomina: {written} documents, {errors} errors, {seconds:.2f} s ({args.mode})",
              file=sys.stderr)
    finally:
        spark.stop()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
