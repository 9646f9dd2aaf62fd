//! Mention spotting on arbitrary text with the embedded default gazetteer:
//! mentions are sorted, never overlap, and each one's text is exactly
//! the document's bytes between its offsets. Single-name resolution of the
//! same text never panics either.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn gazetteer() -> &'static nomina::Resolver {
    static G: OnceLock<nomina::Resolver> = OnceLock::new();
    G.get_or_init(|| {
        nomina::Resolver::embedded().expect("the embedded gazetteer opens")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let g = gazetteer();
    let mentions = g.annotate(text);
    let mut end = 0;
    for m in &mentions {
        assert!(m.start >= end && m.start < m.end, "{mentions:?}");
        assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
        assert!((0.0..=1.0).contains(&m.score));
        end = m.end;
    }
    for m in g.resolve_with(text, 3, 0.0) {
        assert!((0.0..=1.0).contains(&m.score));
    }
});
