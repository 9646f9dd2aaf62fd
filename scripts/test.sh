#!/usr/bin/env bash
# Every test of the project: the Rust suite, then the Python binding and the
# Spark example against the release binary. Sets up what it needs itself: a
# virtual environment in .venv with maturin, pytest and PySpark from the
# Python package index, the binding installed from python/ as a user would
# (pip install ./python), and a Java runtime for Spark if none is on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== module layers (scripts/check_layers.py)"
python3 scripts/check_layers.py

echo "== cargo test --release"
cargo test --release

echo "== Python environment (.venv)"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  "maturin>=1.5,<2" "pytest>=7" "pyspark>=3.5,<5"
if ! command -v java >/dev/null 2>&1; then
  echo "no java on PATH: installing a Java runtime for Spark"
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

echo "== pip install ./python"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./python

echo "== pytest python/tests"
# The suite compares the binding with the binary `cargo test --release` built.
NOMINA_BIN="$PWD/target/release/nomina" NOMINA_REQUIRE_SPARK=1 \
  .venv/bin/python -m pytest python/tests
