#!/usr/bin/env bash
# Rebuilds the embedded default gazetteer, data/default.nom.gz, from the
# sources in data/default/. Run it after changing a source or the artifact
# format; the test `default_artifact_is_fresh` fails until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet -- build -o data/default.nom $(cat data/default/SOURCES)
# The repository keeps it compressed; build.rs unpacks it for embedding.
gzip -9 -n -f data/default.nom
