//! Opening and querying artifact bytes. The input edits a valid artifact
//! (byte at offset := value, repeated), then the checksum is made right
//! again, so that the edits get past the CRC and reach the section checks
//! and decoders; or, with a leading 0xFF, the input is the whole artifact.
//! Opening fails with an error or the gazetteer answers queries; never a
//! panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn valid() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let sources = [
            root.join("tests/data/ofac-sample.jsonl"),
            root.join("tests/data/un-sample.tsv"),
        ];
        nomina::GazetteerBuilder::new()
            .build_bytes(&sources)
            .expect("the fixtures build")
            .0
    })
}

use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let bytes = if data.first() == Some(&0xFF) {
        data[1..].to_vec()
    } else {
        let mut bytes = valid().to_vec();
        for edit in data.chunks_exact(5) {
            let at = u32::from_le_bytes([edit[0], edit[1], edit[2], edit[3]])
                as usize;
            if let Some(b) = bytes.get_mut(at % valid().len()) {
                *b = edit[4];
            }
        }
        let body = bytes.len() - 16;
        let crc = crc32fast::hash(&bytes[..body]);
        bytes[body..body + 4].copy_from_slice(&crc.to_le_bytes());
        bytes
    };
    let Ok(g) = nomina::Gazetteer::from_bytes("fuzz.nom", bytes) else {
        return;
    };
    // The checksum passed (it was made right above); the structure is
    // checked as `nomina verify` does. verify_structure catches what the
    // fst crate raises on malformed nodes without calling the panic hook
    // (libFuzzer's aborts on any panic it sees). Whatever passes must
    // answer every query below without a panic.
    if g.verify_structure().is_err() {
        return;
    }
    let g = nomina::Resolver::new(g);
    for q in [
        "LAVROV, Sergei",
        "Britney Greiner",
        "Bank of Moscow",
        "al-Qaida",
        "x",
    ] {
        for m in g.resolve_with(q, 3, 0.0) {
            assert!((0.0..=1.0).contains(&m.score));
        }
    }
    for n in 0..g.len().min(64) as u32 {
        if let Some(e) = g.entity(n) {
            let _ = g.get(&e.id);
        }
    }
    let _ = g.annotate(
        "Sergei Lavrov met Antony Blinken in Moscow. LAVROV, Sergei said so.",
    );
});
