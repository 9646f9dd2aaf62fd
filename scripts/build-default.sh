#!/usr/bin/env bash
# Rebuilds the compiled lexicon, data/lexicon/lexicon.bin.gz, from the
# lexicon sources in data/lexicon/, then the embedded default gazetteer,
# data/default.nom.gz, from the sources in data/default/. Run it after
# changing a source, the name model or the artifact format; the tests
# `compiled_lexicon_is_fresh` and `default_artifact_is_fresh` fail until
# you do.
set -euo pipefail
cd "$(dirname "$0")/.."
NOMINA_BLESS=1 cargo test --release --quiet --lib compiled_lexicon_is_fresh
cargo run --release --quiet -- build -o data/default.nom $(cat data/default/SOURCES)
# The repository keeps both compressed; build.rs unpacks them for embedding.
gzip -9 -n -f data/default.nom
