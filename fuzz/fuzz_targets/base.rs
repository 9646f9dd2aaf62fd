//! Incremental builds on arbitrary base bytes. The input edits a valid
//! artifact (byte at offset := value, repeated) and the checksum is made
//! right again, as in the `artifact` target, so that the edits reach what
//! `build --base` reads: the id and key indexes it streams, the records it
//! copies, the name records it reads back. The build fails with an error,
//! or its output opens and passes `verify_structure`; never a panic
//! (besides the fst crate's on malformed bytes, which the library turns
//! into an error).
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn valid() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let sources = [
            root().join("tests/data/ofac-sample.jsonl"),
            root().join("tests/data/un-sample.tsv"),
        ];
        nomina::GazetteerBuilder::new()
            .build_bytes(&sources)
            .expect("the fixtures build")
            .0
    })
}

/// A delta that deletes, upserts, merges into and adds entities.
fn delta() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = std::env::temp_dir()
            .join(format!("nomina-fuzz-delta-{}.jsonl", std::process::id()));
        std::fs::write(
            &path,
            concat!(
                "{\"id\": \"ofac-36\", \"op\": \"delete\"}\n",
                "{\"id\": \"ofac-173\", \"op\": \"upsert\", \"name\": \"RENAMED HOLDING\", \"type\": \"organization\"}\n",
                "{\"id\": \"ofac-306\", \"name\": \"Extra Alias\", \"note\": 1}\n",
                "{\"id\": \"new-1\", \"name\": \"Novel Entity\", \"aliases\": [\"NE\"]}\n",
            ),
        )
        .expect("the temporary folder is writable");
        path
    })
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = valid().to_vec();
    for edit in data.chunks_exact(5) {
        let at =
            u32::from_le_bytes([edit[0], edit[1], edit[2], edit[3]]) as usize;
        if let Some(b) = bytes.get_mut(at % valid().len()) {
            *b = edit[4];
        }
    }
    let body = bytes.len() - 16;
    let crc = crc32fast::hash(&bytes[..body]);
    bytes[body..body + 4].copy_from_slice(&crc.to_le_bytes());
    let base = std::env::temp_dir()
        .join(format!("nomina-fuzz-base-{}.nom", std::process::id()));
    std::fs::write(&base, &bytes).expect("the temporary folder is writable");
    // The library catches the fst crate's panics on malformed indexes
    // without calling libFuzzer's hook (which aborts on any panic it
    // sees); any other panic reaches it and aborts the run.
    let built = nomina::GazetteerBuilder::new().base(&base).build_bytes(&[delta()]);
    let Ok((out, _)) = built else { return };
    let g = nomina::Gazetteer::from_bytes("out.nom", out)
        .expect("an artifact nomina wrote opens");
    g.verify_structure().expect("an artifact nomina wrote passes verify");
});
