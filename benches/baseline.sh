#!/usr/bin/env bash
# Builds the baseline binary that changes are compared with, from the
# commit named below (or the one given as $1), into target/baseline/nomina,
# in a git worktree of its own so the work tree is left as it is. Then,
# for example:
#   python3 benches/alternate.py target/baseline/nomina target/release/nomina \
#       -- normalize -q --format jsonl CORPUS.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
# The end of the architecture issue: every later change to scoring,
# spotting or speed is measured against this binary (benches/README.md).
BASELINE=${1:-100977faff1d}
dir=target/baseline-src
if [ ! -d "$dir" ]; then
  git worktree add --detach "$dir" "$BASELINE" >/dev/null
else
  git -C "$dir" checkout --quiet --detach "$BASELINE"
fi
CARGO_TARGET_DIR="$PWD/target/baseline-target" \
  cargo build --release --quiet --bin nomina --manifest-path "$dir/Cargo.toml"
mkdir -p target/baseline
cp target/baseline-target/release/nomina target/baseline/nomina
echo "target/baseline/nomina: built from $(git -C "$dir" rev-parse --short HEAD)"
