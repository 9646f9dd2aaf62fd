"""The Spark example (examples/spark_normalize.py) in local mode on two
cores: its output, read part by part, equals `nomina normalize` on the same
input line for line, through the binding and through RDD.pipe."""

import gzip
import importlib.util
import os
import shutil
import sys

import pytest

from conftest import run_cli

if os.environ.get("NOMINA_REQUIRE_SPARK"):
    import pyspark  # noqa: F401  (scripts/test.sh installs it: fail, never skip)
else:
    pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def job(root):
    spec = importlib.util.spec_from_file_location("spark_normalize", root / "examples/spark_normalize.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sc():
    from pyspark.sql import SparkSession

    # Workers run this interpreter, which has the binding installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master("local[2]").appName("nomina-test")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    yield spark.sparkContext
    spark.stop()


@pytest.fixture(scope="module")
def corpus(root, huffpost_lines, tmp_path_factory):
    """The HuffPost sample with what real files have: a byte-order mark, a
    CRLF line, and documents the command reports and skips."""
    lines = list(huffpost_lines)
    lines[0] = "\ufeff" + lines[0]
    lines[10] = lines[10] + "\r"
    for at, bad in [(100, "not json"), (5000, '{"id": "x"}'), (9000, "")]:
        lines.insert(at, bad)
    path = tmp_path_factory.mktemp("spark") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def artifact(root, tmp_path_factory):
    """The default gazetteer as a file, to ship to the executors."""
    path = tmp_path_factory.mktemp("artifact") / "default.nom"
    with gzip.open(root / "data/default.nom.gz") as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return path


def test_spark_output_equals_cli(job, sc, cli, corpus, artifact, tmp_path):
    out = run_cli(cli, "normalize", "-q", "--format", "jsonl", "-g", str(artifact), str(corpus))
    assert out.returncode == 1  # three bad documents, reported
    expected = out.stdout.decode().splitlines()
    assert len(expected) == 9999
    assert len(out.stderr.decode().splitlines()) == 3

    # The command RDD.pipe runs is split as a shell would: a path with a
    # space in it stays one argument.
    spaced = tmp_path / "a folder" / "default gazetteer.nom"
    spaced.parent.mkdir()
    shutil.copyfile(artifact, spaced)
    for mode, gazetteer in (("binding", artifact), ("pipe", spaced)):
        dest = tmp_path / mode
        written, errors = job.normalize(sc, [str(corpus)], str(dest), gazetteer=str(gazetteer),
                                        mode=mode, nomina_bin=str(cli), partitions=3)
        parts = sorted(p for p in os.listdir(dest) if p.startswith("part-"))
        assert len(parts) >= 3, parts  # the corpus was really split
        got = []
        for part in parts:
            got += (dest / part).read_text(encoding="utf-8").splitlines()
        assert got == expected, mode
        assert written == len(expected)
        if mode == "binding":
            assert errors == 3
