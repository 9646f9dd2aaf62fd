//! Reference for the normalisation benchmark (benches/bench_normalize.py):
//! an exact-only, leftmost-longest, ASCII case-insensitive aho-corasick scan
//! of every name and alias of JSONL gazetteer sources over the `text` field
//! of a JSONL corpus, keeping whole-word matches. No fuzzy matching, no
//! context. Not part of nomina.
//!
//! Usage: aho_corasick_scan CORPUS.jsonl SOURCE.jsonl[.gz]...
//!
//! Prints on stderr the patterns, matches, and the scan alone (reading
//! and parsing the corpus included, automaton build excluded) in MB/s.

use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

fn lines(path: &str) -> Box<dyn BufRead> {
    let file = std::fs::File::open(path).expect("readable file");
    let raw: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Box::new(BufReader::with_capacity(1 << 16, raw))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    assert!(
        args.len() >= 3,
        "usage: aho_corasick_scan CORPUS.jsonl SOURCE..."
    );
    let mut patterns = Vec::new();
    for source in &args[2..] {
        for line in lines(source).lines() {
            let v: serde_json::Value =
                serde_json::from_str(&line.expect("UTF-8 line"))
                    .expect("JSON row");
            patterns.extend(v["name"].as_str().map(str::to_string));
            for a in v["aliases"].as_array().into_iter().flatten() {
                patterns.extend(a.as_str().map(str::to_string));
            }
        }
    }
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("automaton builds");
    let started = Instant::now();
    let (mut bytes, mut matches) = (0usize, 0usize);
    for line in lines(&args[1]).lines() {
        let line = line.expect("UTF-8 line");
        bytes += line.len() + 1;
        let v: serde_json::Value =
            serde_json::from_str(&line).expect("JSON document");
        let text = v["text"].as_str().unwrap_or("").as_bytes();
        for m in ac.find_iter(text) {
            let before = m.start().checked_sub(1).map(|i| text[i]);
            let after = text.get(m.end()).copied();
            let word =
                |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
            if !word(before) && !word(after) {
                matches += 1;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{} patterns, {matches} matches, scan {secs:.3} s, {:.1} MB/s",
        patterns.len(),
        bytes as f64 / 1e6 / secs
    );
}
