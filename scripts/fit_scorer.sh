#!/usr/bin/env bash
# Refits the scorer: builds the gazetteer of the OFAC variant split, resolves
# every training query, cross-validates (5 folds grouped by entity, the model
# refitted inside each fold) to choose the acceptance threshold at a 1 %
# out-of-fold false-match rate, refits on all training rows and writes the
# model as src/fitted.rs. Deterministic: the same data give the same file.
#
# Needs ../shared/data/ofac-variants-split (train.tsv, gazetteer.jsonl); the
# dev split is not read. After refitting, rebuild and update the thresholds
# the docs quote (the tests check the help text against src/fitted.rs).
#
# Usage: scripts/fit_scorer.sh [SPLIT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
split="${1:-../shared/data/ofac-variants-split}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
./target/release/nomina build -o "$work/ofac.nom" "$split/gazetteer.jsonl"
./target/release/nomina fit --gazetteer "$work/ofac.nom" --folds 5 \
    --max-false-matches 0.01 --output src/fitted.rs "$split/train.tsv"
