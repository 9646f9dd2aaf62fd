//! Reference for the build benchmark (benches/bench_1m.py): compiles every
//! name and alias of a JSONL gazetteer into an `aho-corasick` automaton
//! (leftmost-longest, ASCII case-insensitive), the usual exact-only
//! alternative to nomina's FST compiler. Not part of nomina.
//!
//! Usage: cargo run --release --example aho_corasick_build -- FILE.jsonl

use std::io::BufRead;

fn main() {
    let path =
        std::env::args().nth(1).expect("usage: aho_corasick_build FILE.jsonl");
    let file = std::fs::File::open(&path).expect("readable gazetteer");
    let mut patterns = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("UTF-8 line");
        let v: serde_json::Value =
            serde_json::from_str(&line).expect("JSON row");
        if let Some(n) = v["name"].as_str() {
            patterns.push(n.to_string());
        }
        for a in v["aliases"].as_array().into_iter().flatten() {
            if let Some(a) = a.as_str() {
                patterns.push(a.to_string());
            }
        }
    }
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("automaton builds");
    eprintln!(
        "{} patterns, {} bytes of automaton",
        ac.patterns_len(),
        ac.memory_usage()
    );
}
