//! Unpacks the default gazetteer and the compiled lexicon for embedding.
//! The repository keeps them gzip-compressed (data/default.nom.gz and
//! data/lexicon/lexicon.bin.gz, made by scripts/build-default.sh); the
//! binary embeds them uncompressed so that they can be used in place, with
//! no start-up cost.

use std::io::Read;
use std::path::PathBuf;

fn main() {
    unpack("data/default.nom.gz", "default.nom");
    unpack("data/lexicon/lexicon.bin.gz", "lexicon.bin");
}

fn unpack(src: &str, name: &str) {
    println!("cargo:rerun-if-changed={src}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"))
        .join(name);
    let file = std::fs::File::open(src)
        .unwrap_or_else(|e| panic!("cannot open {src}: {e}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("cannot unpack {src}: {e}"));
    std::fs::write(&out, bytes)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
