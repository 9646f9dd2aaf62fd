//! Unpacks the default gazetteer for embedding. The repository keeps it
//! gzip-compressed (data/default.nom.gz, made by scripts/build-default.sh);
//! the binary embeds it uncompressed so that it can be used in place, with
//! no start-up cost.

use std::io::Read;
use std::path::PathBuf;

fn main() {
    let src = "data/default.nom.gz";
    println!("cargo:rerun-if-changed={src}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"))
        .join("default.nom");
    let file = std::fs::File::open(src)
        .unwrap_or_else(|e| panic!("cannot open {src}: {e}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("cannot unpack {src}: {e}"));
    std::fs::write(&out, bytes)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
