//! Gazetteer source readers on arbitrary bytes: JSONL, TSV and their gzip
//! forms. Any input gives rows or an error naming its line; never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, body)) = data.split_first() else { return };
    let name = match kind % 4 {
        0 => "fuzz.jsonl",
        1 => "fuzz.tsv",
        2 => "fuzz.jsonl.gz",
        _ => "fuzz.tsv.gz",
    };
    let mut builder = nomina::GazetteerBuilder::new();
    builder.skip_invalid(kind & 4 != 0);
    if let Err(e) = builder.read_source_bytes(Path::new(name), body.to_vec()) {
        // Every error names the source.
        assert!(e.to_string().starts_with(name), "{e}");
    }
});
